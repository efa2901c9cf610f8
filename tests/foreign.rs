//! RACI matrices raci did not write: a hand-made sheet in the common layout (activities down,
//! people or roles across, a title and a legend above) is read, and the checks that need no
//! template run on it, naming sheet and cell.

mod common;

use std::path::Path;

use common::{check_json, fixture, raci, with_code};
use rust_xlsxwriter::Workbook;
use serde_json::Value;

/// The hand-made fixture: (sheet row 1-based is index + 1) a title, a legend, a blank row, the
/// header, 12 tasks in 3 phases (the phase typed once per phase, as merged cells read), a blank
/// row and a legend below.
const HAND_MADE: &[&[&str]] = &[
    &["Project Phoenix - RACI"],
    &["Legend: R = Responsible, A = Accountable, C = Consulted, I = Informed"],
    &[],
    &["Task", "Phase", "Ada Lopez", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eva Schmidt", "Notes"],
    &["Stakeholder interviews", "Discovery", "A", "R", "C", "I", "", "kick-off in May"],
    &["Competitor review", "", "", "R", "C", "I", "I"],
    &["Define scope", "", "A", "A", "R", "C", "I"],
    &["Approve budget", "", "A", "C", "I", "", "C"],
    &["Write user stories", "Build", "a", "r", "S", "r", "i"],
    &["Design the architecture", "", "C", "I", "", "A/R", "C"],
    &["Build the MVP", "", "I", "C", "R", "Accountable", "R"],
    &["Test plan", "", "I", "", "A", "R", "R"],
    &["Launch checklist", "Launch", "A", "R", "I", "C", "R"],
    &["Release notes", "", "C", "A/R", "I", "I", "R"],
    &["Go-live decision", "", "A", "C", "C", "C", "R", "board meets on Fridays"],
    &["Post-launch review", "", "A", "R", "C", "I", "I"],
    &[],
    &["A = Accountable", "R = Responsible", "C = Consulted", "I = Informed"],
];

const FIXTURE: &str = "tests/fixtures/roundtrip/hand-made.xlsx";

fn write_sheet(path: &Path, sheet_name: &str, rows: &[&[&str]]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            sheet.write_string(r as u32, c as u16, *text).expect("write");
        }
    }
    book.save(path).expect("save");
}

/// Write the committed fixtures again: `cargo test --test foreign -- --ignored`, then convert the
/// .xlsx to .ods with LibreOffice (see tests/fixtures/roundtrip/README.md).
#[test]
#[ignore]
fn write_the_hand_made_fixture() {
    write_sheet(&Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), "Phoenix", HAND_MADE);
}

/// Each finding as `code activities people cell`, in report order.
fn found(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let people = common::strings(&f["people"]).join("+");
            let activities = common::strings(&f["activities"]).join("+");
            let sheet = f["location"]["sheet"].as_str().unwrap_or("-");
            let cell = f["location"]["cell"].as_str().unwrap_or("-");
            format!("{} [{activities}] [{people}] {sheet}!{cell}", f["code"].as_str().expect("code"))
        })
        .collect()
}

#[test]
fn the_committed_fixture_is_the_sheet_described_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("fresh.xlsx");
    write_sheet(&fresh, "Phoenix", HAND_MADE);
    let mut committed = common::Book::open(&fixture("roundtrip/hand-made.xlsx"));
    let mut written = common::Book::open(&fresh);
    assert_eq!(committed.names(), ["Phoenix"]);
    assert_eq!(committed.sheet("Phoenix").range, written.sheet("Phoenix").range);
}

#[test]
fn a_hand_made_raci_sheet_is_read_and_checked_with_cells() {
    for path in [FIXTURE, "tests/fixtures/roundtrip/hand-made.ods"] {
        let (code, json) = check_json(&[path]);
        assert_eq!(code, 1, "{path}: {json}");
        assert_eq!(
            found(&json),
            [
                "no-accountable [competitor-review] [] Phoenix!A6",
                "multiple-accountable [define-scope] [Ada Lopez+Ben Okafor] Phoenix!C7",
                "no-responsible [approve-budget] [] Phoenix!A8",
                "unknown-letter [write-user-stories] [Chloé Martin] Phoenix!E9",
            ],
            "{path}"
        );
        let summary = &json["summary"];
        assert_eq!((summary["teams"].as_u64(), summary["people"].as_u64()), (Some(1), Some(5)), "{path}");
        let multiple = &with_code(&json, "multiple-accountable")[0];
        assert_eq!(multiple["related"][0]["cell"], "D7", "Ben's cell is the other place: {multiple}");
        assert_eq!(multiple["team"], "Phoenix");
        let no_a = &with_code(&json, "no-accountable")[0];
        assert_eq!(
            no_a["message"],
            "team 'Phoenix': 1 activity without an accountable person (competitor-review): no A on its row"
        );
        let no_r = &with_code(&json, "no-responsible")[0];
        assert_eq!(no_r["message"], "team 'Phoenix': nobody is responsible for approve-budget: no R on its row");
    }
}

#[test]
fn the_text_report_and_the_notes_say_what_was_read_and_skipped() {
    let out = raci().args(["check", FIXTURE]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = format!(
        "--- stdout\n{}--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!("hand_made_text", text);
}

#[test]
fn the_letters_as_typed_are_the_matrix() {
    let out = raci().args(["generate", FIXTURE, "--format", "csv", "-o", "-", "-q"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8_lossy(&out.stdout);
    // One line per letter: team, phase, activity id, activity, person, email, roles, letter.
    let letters = |id: &str, person: &str| -> Vec<String> {
        csv.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (f.len() > 7 && f[2] == id && f[4] == person).then(|| format!("{} {}", f[1], f[7]))
            })
            .collect()
    };
    // Lower case, A/R, the word Accountable, the phase typed once per phase, and the S read as empty.
    assert_eq!(letters("write-user-stories", "Ada Lopez"), ["Build A"]);
    assert_eq!(letters("write-user-stories", "Chloé Martin"), Vec::<String>::new());
    assert_eq!(letters("release-notes", "Ben Okafor"), ["Launch A", "Launch R"]);
    assert_eq!(letters("build-the-mvp", "Dev Patel"), ["Build A"]);
    assert_eq!(letters("competitor-review", "Ben Okafor"), ["Discovery R"]);
    assert_eq!(csv.lines().count(), 57, "56 letters and the header: {csv}");
    assert!(!csv.contains("Notes") && !csv.contains("Legend") && !csv.contains("Accountable"), "{csv}");
}

#[test]
fn roles_as_headers_and_section_rows_as_phases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("checkout.xlsx");
    write_sheet(
        &book,
        "Sheet1",
        &[
            &["Checkout squad RACI matrix"],
            &[],
            &["Deliverable", "Product Owner", "Product Manager", "Tech Lead", "QA"],
            &["Discovery"],
            &["Customer interviews", "A", "R", "C", "I"],
            &["Pricing experiment", "A", "R", "C", ""],
            &["Delivery"],
            &["Sprint backlog", "A", "C", "R", "C"],
            &["Release sign-off", "A", "I", "R", "R"],
            &["Incident review", "", "I", "R", "C"],
            &["Roadmap update", "A", "R", "I", "I"],
        ],
    );
    let (code, json) = check_json(&[book.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(
        found(&json),
        ["no-accountable [incident-review] [] Sheet1!A10", "overloaded-person [] [Product Owner] Sheet1!B3",],
    );
    let no_a = &with_code(&json, "no-accountable")[0]["message"];
    assert_eq!(
        no_a,
        "team 'Checkout squad': 1 activity without an accountable person (incident-review): no A on its row"
    );
    let overloaded = &with_code(&json, "overloaded-person")[0]["message"];
    assert_eq!(
        overloaded,
        "team 'Checkout squad': 'Product Owner' is accountable for 5 of 6 activities (83%), above the 75% limit"
    );
    // Role headers keep their roles; sections are phases.
    let out = raci().arg("generate").arg(&book).args(["--format", "json", "-o", "-", "-q"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let matrix: Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = matrix.to_string();
    assert!(text.contains("\"product-owner\"") && text.contains("\"tech-lead\"") && text.contains("\"qa\""), "{text}");
    assert!(text.contains("\"Discovery\"") && text.contains("\"Delivery\""), "{text}");
    let stderr = raci().arg("check").arg(&book).output().expect("run").stderr;
    let stderr = String::from_utf8_lossy(&stderr);
    assert!(stderr.contains("team 'Checkout squad', 6 activities (rows 5-11), 4 roles as people"), "{stderr}");
    assert!(stderr.contains("rows 4 ('Discovery'), 7 ('Delivery') are read as phases of the rows below"), "{stderr}");
}

#[test]
fn template_checks_stay_silent_and_people_are_counted_for_too_many_consulted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("big.xlsx");
    let header: &[&str] = &["Activity ID", "Activity", "Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"];
    write_sheet(
        &book,
        "Platform",
        &[
            header,
            &["PL-1", "Capacity plan", "A", "R", "C", "C", "C", "C", "C", "C"],
            &["PL-2", "Vendor choice", "A", "R", "C", "I", "I", "", "", ""],
            &["PL-3", "On-call rota", "I", "A", "R", "", "", "", "", ""],
        ],
    );
    let (code, json) = check_json(&[book.to_str().expect("utf-8")]);
    // Nothing fails: too-many-consulted is a warning, and nobody has a role a template would miss.
    assert_eq!(code, 0, "{json}");
    // The `Activity` column, not `Activity ID`, names the rows.
    assert_eq!(found(&json), ["too-many-consulted [capacity-plan] [] Platform!B2"]);
    assert_eq!(
        with_code(&json, "too-many-consulted")[0]["message"],
        "team 'Platform': more than 5 people consulted on capacity-plan (6)"
    );
    // Hal, Flo and Gus hold no R or A: a template would call them idle; not here.
    for code in
        ["idle-member", "role-missing", "unknown-role", "missing-backlog-owner", "handoff-gap", "fallback-owner"]
    {
        assert!(with_code(&json, code).is_empty(), "{code}: {json}");
    }
}

#[test]
fn input_matrix_forces_it_and_input_roster_never_reads_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A roster sheet comes first: by default the workbook is a roster; --input matrix reads the grid.
    let mut wb = Workbook::new();
    let roster = wb.add_worksheet();
    roster.set_name("People").expect("name");
    for (r, row) in [["name", "role"], ["Ada", "PO"], ["Bob", "Engineer"]].iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            roster.write_string(r as u32, c as u16, *cell).expect("write");
        }
    }
    let grid = wb.add_worksheet();
    grid.set_name("RACI").expect("name");
    for (r, row) in [["Task", "Ada", "Bob"], ["Plan", "A", "R"], ["Ship", "R", "R"]].iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            grid.write_string(r as u32, c as u16, *cell).expect("write");
        }
    }
    let book = dir.path().join("both.xlsx");
    wb.save(&book).expect("save");
    let path = book.to_str().expect("utf-8");
    let (_, as_roster) = check_json(&[path]);
    assert_eq!(as_roster["summary"]["people"], 2);
    assert!(with_code(&as_roster, "missing-backlog-owner").is_empty(), "Ada is the PO: {as_roster}");
    let (code, as_matrix) = check_json(&[path, "--input", "matrix"]);
    assert_eq!(code, 1, "{as_matrix}");
    assert_eq!(found(&as_matrix), ["no-accountable [ship] [] RACI!A3"]);
    // The grid alone: read as a matrix by default, refused as a roster.
    let only_grid = dir.path().join("grid.xlsx");
    write_sheet(&only_grid, "RACI", &[&["Task", "Ada", "Bob"], &["Plan", "A", "R"], &["Ship", "R", "R"]]);
    let (code, json) = check_json(&[only_grid.to_str().expect("utf-8")]);
    assert_eq!((code, found(&json)), (1, vec!["no-accountable [ship] [] RACI!A3".to_string()]));
    raci()
        .arg("check")
        .arg(&only_grid)
        .args(["--input", "roster"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no name column"));
    // A CSV file is no matrix.
    raci()
        .args(["check", "examples/startup.csv", "--input", "matrix"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--input matrix reads a RACI matrix from a workbook"));
}

#[test]
fn a_grid_without_a_task_column_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("bare.xlsx");
    write_sheet(&book, "Grid", &[&["", "Ada", "Bob"], &["Plan", "A", "R"], &["Ship", "R", "A"], &["Run", "C", "A"]]);
    raci().arg("check").arg(&book).assert().code(2).stderr(predicates::str::contains(
        "bare.xlsx:Grid: no sheet of this workbook is a RACI matrix raci can read: a header row with a Task or \
         Activity column",
    ));
}

#[test]
fn a_workbook_generated_from_it_reads_back_with_the_same_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("phoenix.xlsx");
    raci().args(["generate", FIXTURE, "-o"]).arg(&out).assert().success();
    let (code, json) = check_json(&[out.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{json}");
    let codes: Vec<&str> =
        json["findings"].as_array().expect("findings").iter().filter_map(|f| f["code"].as_str()).collect();
    // The S was read as empty, so the new workbook has an empty cell there.
    assert_eq!(codes, ["no-accountable", "multiple-accountable", "no-responsible"], "{json}");
    let sheet = common::Book::open(&out).sheet("Phoenix");
    assert_eq!(sheet.people(), ["Ada Lopez", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eva Schmidt"]);
    assert_eq!(sheet.activities().len(), 12);
    assert_eq!(sheet.row_of("Release notes")[1], "A/R");
}

#[test]
fn each_matrix_sheet_is_a_team_and_a_person_on_two_sheets_is_one_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("programme.xlsx");
    let mut wb = Workbook::new();
    let sheets: [(&str, &[[&str; 3]]); 3] = [
        ("Cover", &[["Programme Atlas", "", ""], ["Owner: PMO", "", ""]]),
        ("Alpha", &[["Task", "Ada Lopez", "Bo Lin"], ["Plan", "A", "R"], ["Build", "A", "R"]]),
        ("Beta", &[["Task", "ada lopez", "Cy Dahl"], ["Plan", "R", "A"], ["Test", "I", "C"]]),
    ];
    for (name, rows) in sheets {
        let sheet = wb.add_worksheet();
        sheet.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                sheet.write_string(r as u32, c as u16, *cell).expect("write");
            }
        }
    }
    wb.save(&book).expect("save");
    let out = raci().arg("check").arg(&book).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!((json["summary"]["teams"].as_u64(), json["summary"]["people"].as_u64()), (Some(2), Some(3)));
    // Ada holds every A on Alpha: two of two is more than the 75% share.
    assert_eq!(
        found(&json),
        ["overloaded-person [] [Ada Lopez] Alpha!B1", "no-accountable [test] [] Beta!A3"],
        "{json}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("programme.xlsx:Cover: the sheet holds no RACI matrix"), "{stderr}");
}

#[test]
fn junit_marks_the_checks_that_need_a_template_as_not_run() {
    let out = raci().args(["check", FIXTURE, "--format", "junit", "-q"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8_lossy(&out.stdout);
    let suite = xml.split("<testsuite name=\"Phoenix\"").nth(1).expect("the team's suite");
    let skipped: Vec<&str> = suite
        .split("<testcase name=\"")
        .skip(1)
        .filter(|case| case.contains("not checked: the team was read from a RACI sheet"))
        .filter_map(|case| case.split('"').next())
        .collect();
    let team_codes = raci::check::CATALOGUE.iter().filter(|e| e.scope.covers(true));
    let expected: Vec<&str> =
        team_codes.filter(|e| !raci::check::WITHOUT_TEMPLATE.contains(&e.code)).map(|e| e.name).collect();
    assert_eq!(skipped, expected);
    assert!(skipped.contains(&"handoff-gap") && skipped.contains(&"idle-member"), "{skipped:?}");
}

#[test]
fn letters_written_out_as_words_make_a_grid_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("words.xlsx");
    write_sheet(
        &book,
        "Ops",
        &[
            &["Task", "Ada", "Bob"],
            &["Plan", "Accountable", "Responsible"],
            &["Build", "Consulted", "Accountable"],
            &["Retro", "Accountable", "Accountable"],
        ],
    );
    let (code, json) = check_json(&[book.to_str().expect("utf-8")]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(
        found(&json),
        ["multiple-accountable [retro] [Ada+Bob] Ops!B4", "no-responsible [build+retro] [] Ops!A3",],
        "two A's of three each is under the 75% share"
    );
}

#[test]
fn without_on_a_hand_made_sheet_names_the_gaps_and_promises_no_regenerate() {
    let out = raci().args(["check", FIXTURE, "--without", "Ada Lopez", "-q"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("leaver-gap: team 'Phoenix', Discovery: without 'Ada Lopez' nobody is accountable for"),
        "{stdout}"
    );
    assert!(!stdout.contains("regenerate"), "no template to regenerate from: {stdout}");
}
