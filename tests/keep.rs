//! `raci generate ROSTER --keep EDITED.xlsx`: the edits people made to a workbook survive a
//! regenerate, marked as manual edits; edits that cannot be carried over are told.

mod common;

use std::path::{Path, PathBuf};

use common::edit::{Edit, name};
use common::raci;

const SCALEUP: &str = "examples/scaleup.csv";

fn generate(roster: &Path, out: &Path, keep: Option<&Path>) -> std::process::Output {
    let mut cmd = raci();
    cmd.arg("generate").arg(roster).arg("-o").arg(out);
    if let Some(keep) = keep {
        cmd.arg("--keep").arg(keep);
    }
    cmd.output().expect("run raci")
}

/// The 0-based column of a person and row of an activity on a team sheet.
fn place(edit: &mut Edit, sheet: &str, person: &str, activity: &str) -> (usize, usize) {
    let col = (2..60).find(|&c| edit.get(sheet, &name(2, c)) == person).unwrap_or_else(|| panic!("no {person}"));
    let id_col = (2..80).find(|&c| edit.get(sheet, &name(2, c)) == "id").expect("id column");
    let row =
        (5..200).find(|&r| edit.get(sheet, &name(r, id_col)) == activity).unwrap_or_else(|| panic!("no {activity}"));
    (row, col)
}

/// The letters of a person on an activity in a workbook.
fn letters(book: &Path, sheet: &str, person: &str, activity: &str) -> String {
    let mut edit = Edit::open(book);
    let (r, c) = place(&mut edit, sheet, person, activity);
    edit.get(sheet, &name(r, c))
}

/// A copy of the scale-up roster with lines added and people taken out.
fn roster_with(dir: &Path, add: &[&str], without: &[&str]) -> PathBuf {
    let text = std::fs::read_to_string(SCALEUP).expect("roster");
    let mut lines: Vec<String> =
        text.lines().filter(|l| !without.iter().any(|w| l.starts_with(w))).map(String::from).collect();
    lines.extend(add.iter().map(|l| l.to_string()));
    let path = dir.join("next.csv");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write roster");
    path
}

/// Move Checkout's product-vision A from Dana (PM) to Sofia (PO), make Ben consulted on budget and
/// take Julia's letter off acceptance; an `X` typed over Ken's R on build-increment is no edit.
fn edited_workbook(dir: &Path) -> PathBuf {
    let first = dir.join("first.xlsx");
    assert!(generate(Path::new(SCALEUP), &first, None).status.success());
    let mut edit = Edit::open(&first);
    for (person, activity, typed) in [
        ("Dana Whitfield", "product-vision", "R"),
        ("Sofia Lind", "product-vision", "A/R"),
        ("Ben Carter", "budget", "c"),
        ("Julia Novak", "acceptance", ""),
        ("Ken Tanaka", "build-increment", "X"),
    ] {
        let (r, c) = place(&mut edit, "Checkout", person, activity);
        edit.set("Checkout", &name(r, c), typed);
    }
    let edited = dir.join("edited.xlsx");
    edit.save(&edited);
    edited
}

#[test]
fn edits_survive_a_regenerate_after_someone_joins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let edited = edited_workbook(dir.path());
    let next =
        roster_with(dir.path(), &["Lea Brandt,Backend Developer,Checkout,lea@shopfleet.example,100%,Marco Rossi"], &[]);
    let out = dir.path().join("next.xlsx");
    let run = generate(&next, &out, Some(&edited));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("4 manual edits kept"), "{stderr}");
    assert_eq!(letters(&out, "Checkout", "Sofia Lind", "product-vision"), "A/R");
    assert_eq!(letters(&out, "Checkout", "Dana Whitfield", "product-vision"), "R");
    assert_eq!(letters(&out, "Checkout", "Ben Carter", "budget"), "C");
    assert_eq!(letters(&out, "Checkout", "Julia Novak", "acceptance"), "");
    assert_eq!(letters(&out, "Checkout", "Ken Tanaka", "build-increment"), "R", "an unreadable cell is not kept");
    assert!(
        stderr.contains("not carried over: team 'Checkout': the cell of 'Ken Tanaka' on 'build-increment' says 'X'"),
        "{stderr}"
    );
    // The newcomer gets the template's letters.
    assert_eq!(letters(&out, "Checkout", "Lea Brandt", "build-increment"), "R");
    // Each kept edit carries a note saying so.
    let comments = common::zip_part_matching(&out, "xl/comments");
    assert_eq!(comments.matches("Manual edit").count(), 4, "{comments}");
    // Checked, the regenerated workbook still has the edits as edits, and nothing else.
    let (code, json) = common::check_json(&[out.to_str().expect("path")]);
    assert_eq!(code, 0, "{json}");
    // And kept again, nothing changes: the same bytes.
    let again = dir.path().join("again.xlsx");
    assert!(generate(&next, &again, Some(&out)).status.success());
    assert_eq!(std::fs::read(&again).expect("read"), std::fs::read(&out).expect("read"), "keeping is idempotent");
}

#[test]
fn an_edit_about_someone_who_left_is_reported_not_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let edited = edited_workbook(dir.path());
    let next = roster_with(dir.path(), &[], &["Ben Carter"]);
    let out = dir.path().join("next.xlsx");
    let run = generate(&next, &out, Some(&edited));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("3 manual edits kept, 2 not carried over"), "{stderr}");
    assert!(
        stderr.contains("edited.xlsx:Checkout!")
            && stderr.contains(
                "'Ben Carter' on budget: empty -> C not carried over: 'Ben Carter' is no longer in the roster"
            ),
        "{stderr}"
    );
    assert_eq!(letters(&out, "Checkout", "Sofia Lind", "product-vision"), "A/R");
}

#[test]
fn keep_needs_a_workbook_raci_wrote() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.xlsx");
    let run = generate(Path::new(SCALEUP), &out, Some(Path::new(SCALEUP)));
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("this is not a workbook raci wrote"));
    assert!(!out.exists(), "nothing written");
}
