//! Edited workbooks read back: `raci check WORKBOOK.xlsx` runs the checks on the letters people
//! typed, and finds what a person would change in a review meeting.

mod common;

use std::path::{Path, PathBuf};

use common::edit::{Edit, cell};
use common::{check_json, fixture, raci, with_code};
use serde_json::Value;

fn generate(roster: &str, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    raci().args(["generate", roster, "-o"]).arg(&out).assert().success();
    out
}

/// The scale-up roster's workbook, generated in a temporary directory, open for editing.
fn scaleup() -> (tempfile::TempDir, PathBuf, Edit) {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = generate("examples/scaleup.csv", dir.path(), "book.xlsx");
    let edit = Edit::open(&book);
    (dir, book, edit)
}

/// Save the edits as `edited.xlsx` next to the workbook.
fn save(edit: &Edit, dir: &tempfile::TempDir) -> PathBuf {
    let edited = dir.path().join("edited.xlsx");
    edit.save(&edited);
    edited
}

/// What two reports agree on when they describe the same matrix: code, severity, team, activities,
/// people and message of every finding.
fn essence(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} {} {}",
                f["severity"], f["code"], f["team"], f["activities"], f["people"], f["message"]
            )
        })
        .collect()
}

fn check(path: &Path) -> (i32, Value) {
    check_json(&[path.to_str().expect("utf-8 path")])
}

/// The sheet's 0-based column of a person, by the name in the header row (row 3).
fn person_col(edit: &mut Edit, sheet: &str, name: &str) -> usize {
    (2..60).find(|&c| edit.get(sheet, &common::edit::name(2, c)) == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// The sheet's 0-based row of an activity, by its id in the hidden id column.
fn activity_row(edit: &mut Edit, sheet: &str, id: &str) -> usize {
    let id_col = (2..80).find(|&c| edit.get(sheet, &common::edit::name(2, c)) == "id").expect("id column");
    (5..200).find(|&r| edit.get(sheet, &common::edit::name(r, id_col)) == id).unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn an_unedited_workbook_checks_like_its_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    for roster in
        ["examples/scaleup.csv", "examples/missing-po.csv", "examples/startup.csv", "examples/excel-export.csv"]
    {
        let book = generate(roster, dir.path(), "book.xlsx");
        let (code_roster, from_roster) = check_json(&[roster]);
        let (code_book, from_book) = check(&book);
        assert_eq!(code_roster, code_book, "{roster}");
        assert_eq!(essence(&from_roster), essence(&from_book), "{roster}");
        for f in from_book["findings"].as_array().expect("findings") {
            let file = f["location"]["file"].as_str().expect("file");
            assert!(file.ends_with("book.xlsx"), "{roster}: {f}");
        }
    }
}

#[test]
fn a_removed_a_is_found_and_named_by_its_cell() {
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    let a_col = (2..40)
        .find(|&c| edit.get("Checkout", &common::edit::name(row, c)).starts_with('A'))
        .expect("an A on the vision row");
    edit.set("Checkout", &common::edit::name(row, a_col), "");
    let edited = save(&edit, &dir);
    let (code, json) = check(&edited);
    assert_eq!(code, 1, "{json}");
    let found = with_code(&json, "no-accountable");
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["team"], "Checkout");
    assert_eq!(found[0]["activities"], serde_json::json!(["product-vision"]));
    assert_eq!(found[0]["location"]["sheet"], "Checkout");
    let at = found[0]["location"]["cell"].as_str().expect("a cell");
    assert_eq!(cell(at).0, row, "the finding points at the vision row: {at}");
    let message = found[0]["message"].as_str().expect("message");
    assert!(message.contains("nobody is marked accountable"), "the PM is still on the team: {message}");
}

#[test]
fn a_second_a_typed_in_lower_case_is_found() {
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "backlog-prioritisation");
    let names: Vec<String> = (2..12).map(|c| edit.get("Checkout", &common::edit::name(2, c))).collect();
    let (owner, other) = {
        let letters: Vec<String> = (2..12).map(|c| edit.get("Checkout", &common::edit::name(row, c))).collect();
        let owner = letters.iter().position(|l| l.starts_with('A')).expect("an owner");
        let other = letters.iter().position(|l| !l.starts_with('A') && !l.is_empty()).expect("another");
        (owner, other)
    };
    let typed = common::edit::name(row, other + 2);
    edit.set("Checkout", &typed, "a");
    let edited = save(&edit, &dir);
    let (code, json) = check(&edited);
    assert_eq!(code, 1);
    let found = with_code(&json, "multiple-accountable");
    assert_eq!(found.len(), 1, "{json}");
    let people = common::strings(&found[0]["people"]);
    assert!(people.contains(&names[owner]) && people.contains(&names[other]), "{people:?}");
    let mut cells: Vec<String> = vec![found[0]["location"]["cell"].as_str().expect("cell").to_string()];
    cells.extend(
        found[0]["related"].as_array().expect("related").iter().filter_map(|r| r["cell"].as_str().map(String::from)),
    );
    assert!(cells.contains(&typed), "{typed} in {cells:?}");
}

#[test]
fn a_comma_separated_a_and_r_counts_as_both() {
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    // Take every letter off the row, then give somebody who had no A `A, R`: exactly one A and an R.
    let before: Vec<String> = (2..12).map(|c| edit.get("Checkout", &common::edit::name(row, c))).collect();
    let other = before.iter().position(|l| !l.contains('A')).expect("somebody without the A") + 2;
    for c in 2..12 {
        edit.set("Checkout", &common::edit::name(row, c), "");
    }
    edit.set("Checkout", &common::edit::name(row, other), "A, R");
    let edited = save(&edit, &dir);
    let (_, json) = check(&edited);
    for code in ["no-accountable", "no-responsible", "multiple-accountable"] {
        let about_vision: Vec<_> = with_code(&json, code)
            .into_iter()
            .filter(|f| f["activities"].to_string().contains("\"product-vision\""))
            .collect();
        assert!(about_vision.is_empty(), "{code}: {about_vision:?}");
    }
    // And the matrix read back says A/R there, marked as a manual edit.
    let out = raci().args(["generate"]).arg(&edited).args(["--format", "json", "-o", "-"]).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let matrix: Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = matrix.to_string();
    assert!(text.contains("\"manual\""), "a manual edit is recorded");
}

#[test]
fn a_cell_that_is_not_a_letter_is_a_finding_with_its_cell() {
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Search", "market-research");
    let at = common::edit::name(row, 3);
    edit.set("Search", &at, "S");
    let edited = save(&edit, &dir);
    let (_, json) = check(&edited);
    let found = with_code(&json, "unknown-letter");
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!(found[0]["location"]["cell"], at.as_str());
    assert_eq!(found[0]["location"]["sheet"], "Search");
    assert!(found[0]["hint"].as_str().expect("hint").contains("RASCI"));
    let text = raci().arg("check").arg(&edited).output().expect("run");
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains(&format!("edited.xlsx:Search!{at}")), "{stdout}");
}

#[test]
fn moved_columns_renamed_labels_inserted_rows_and_a_renamed_sheet_still_map_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = generate("examples/scaleup.csv", dir.path(), "book.xlsx");
    let (_, original) = check(&book);
    let mut edit = Edit::open(&book);
    edit.swap_columns("Checkout", 2, 4);
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    edit.set("Checkout", &common::edit::name(row, 1), "Our north star");
    edit.insert_row("Search", 0);
    edit.rename("Mobile", "Mobile (agreed)");
    let edited = save(&edit, &dir);
    let out = raci().arg("check").arg(&edited).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let sorted = |v: &Value| {
        let mut e = essence(v);
        e.sort();
        e
    };
    assert_eq!(sorted(&original), sorted(&json));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("team 'Mobile' read from sheet 'Mobile (agreed)'"), "{stderr}");
    assert!(
        stderr.contains("read as a workbook raci wrote (made from examples/scaleup.csv)"),
        "raci says which: {stderr}"
    );
}

#[test]
fn a_column_added_by_hand_is_read_as_a_person_and_a_deleted_one_as_gone() {
    let (dir, book, mut edit) = scaleup();
    let name = |r, c| common::edit::name(r, c);
    // A vendor column, typed into the first empty column right of the sheet's last one.
    let last = (2..80).find(|&c| edit.get("Checkout", &name(2, c)).is_empty()).expect("a free column");
    edit.set("Checkout", &name(2, last + 2), "Acme Agency (vendor)");
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    edit.set("Checkout", &name(row, last + 2), "A");
    let edited = save(&edit, &dir);
    let out = raci().arg("check").arg(&edited).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("'Acme Agency (vendor)') is not in the roster; it is read as a person"), "{stderr}");
    let found = with_code(&json, "multiple-accountable");
    assert!(
        found.iter().any(|f| f["people"].to_string().contains("Acme Agency (vendor)")),
        "the vendor's A is a second A: {json}"
    );

    let mut edit = Edit::open(&book);
    let dana = person_col(&mut edit, "Checkout", "Dana Whitfield");
    edit.delete_column("Checkout", dana);
    edit.save(&edited);
    let out = raci().arg("check").arg(&edited).args(["--format", "json"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is gone; they are read as no longer on the team"), "{stderr}");
}

#[test]
fn a_workbook_saved_by_libreoffice_reads_back() {
    for name in ["libreoffice.xlsx", "libreoffice.ods"] {
        let path = fixture(&format!("roundtrip/{name}"));
        let (code_book, from_book) = check(&path);
        let (code_roster, from_roster) = check_json(&["examples/scaleup.csv"]);
        assert_eq!(code_book, code_roster, "{name}");
        assert_eq!(essence(&from_book), essence(&from_roster), "{name}");
    }
}

#[test]
fn an_edit_saved_by_libreoffice_is_found() {
    if !common::on_path("soffice") {
        eprintln!("SKIPPED: soffice (LibreOffice) is not on the PATH");
        return;
    }
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    let a_col = (2..40).find(|&c| edit.get("Checkout", &common::edit::name(row, c)).starts_with('A')).expect("an A");
    edit.set("Checkout", &common::edit::name(row, a_col), "");
    let edited = save(&edit, &dir);
    let out = dir.path().join("lo");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&out)
        .arg(&edited)
        .env("HOME", dir.path())
        .status()
        .expect("run soffice");
    assert!(status.success());
    let (code, json) = check(&out.join("edited.ods"));
    assert_eq!(code, 1);
    assert_eq!(with_code(&json, "no-accountable").len(), 1, "{json}");
}

#[test]
fn diff_names_an_a_moved_in_the_workbook_and_exits_1() {
    let (dir, book, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "product-vision");
    let dana = person_col(&mut edit, "Checkout", "Dana Whitfield");
    let sofia = person_col(&mut edit, "Checkout", "Sofia Lind");
    edit.set("Checkout", &common::edit::name(row, dana), "R");
    edit.set("Checkout", &common::edit::name(row, sofia), "A/R");
    let edited = save(&edit, &dir);
    raci().arg("diff").arg(&book).arg(&book).assert().code(0);
    raci().args(["diff", "examples/scaleup.csv"]).arg(&book).assert().code(0);
    let out = raci().arg("diff").arg(&book).arg(&edited).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("product-vision"), "{text}");
    assert!(text.contains("Dana Whitfield") && text.contains("Sofia Lind"), "{text}");
    let out = raci().arg("diff").arg(&book).arg(&edited).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let moved = json.to_string();
    assert!(moved.contains("accountable-moved"), "{json}");
}

/// One change somebody (or something) might make to any sheet of a workbook, hidden ones included.
#[derive(Debug, Clone)]
enum Mutation {
    Set { sheet: usize, row: usize, col: usize, text: String },
    Number { sheet: usize, row: usize, col: usize, value: f64 },
    DeleteRow { sheet: usize, row: usize },
    DeleteColumn { sheet: usize, col: usize },
    SwapColumns { sheet: usize, a: usize, b: usize },
}

fn mutation() -> impl proptest::strategy::Strategy<Value = Mutation> {
    use proptest::prelude::*;
    let text = prop_oneof![
        Just(String::new()),
        Just("A".to_string()),
        Just("a/r".to_string()),
        Just("key".to_string()),
        Just("id".to_string()),
        Just("[[\"product-owner\",\"PO\"]]".to_string()),
        Just("[[".to_string()),
        Just("raci-layout".to_string()),
        "\\PC{0,12}",
    ];
    let number = prop_oneof![Just(0.0), Just(1.0), Just(-1.0), Just(1e12), Just(4_294_967_296.0), 0.0..5000.0f64];
    prop_oneof![
        (0..8usize, 0..40usize, 0..30usize, text).prop_map(|(sheet, row, col, text)| Mutation::Set {
            sheet,
            row,
            col,
            text
        }),
        (0..8usize, 0..40usize, 0..30usize, number).prop_map(|(sheet, row, col, value)| Mutation::Number {
            sheet,
            row,
            col,
            value
        }),
        (0..8usize, 0..40usize).prop_map(|(sheet, row)| Mutation::DeleteRow { sheet, row }),
        (0..8usize, 0..30usize).prop_map(|(sheet, col)| Mutation::DeleteColumn { sheet, col }),
        (0..8usize, 0..30usize, 0..30usize).prop_map(|(sheet, a, b)| Mutation::SwapColumns { sheet, a, b }),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, failure_persistence: None, ..Default::default() })]

    /// Whatever happens to a workbook's cells, hidden sheets included, reading it back gives an
    /// analysis or an error: never a panic.
    #[test]
    fn a_workbook_mangled_anywhere_is_read_or_refused_never_a_panic(mutations in proptest::collection::vec(mutation(), 1..6)) {
        use calamine::Data;
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("book.xlsx");
        let analysis = raci::Analysis::load(std::path::Path::new("examples/startup.csv"), &Default::default()).expect("roster");
        std::fs::write(&book, raci::export::xlsx::render(&analysis.view(), &analysis.findings, &Default::default()).expect("render")).expect("write");
        let mut edit = Edit::open(&book);
        let sheets = edit.sheets.len();
        for m in &mutations {
            match m {
                Mutation::Set { sheet, row, col, text } => {
                    let name = edit.sheets[sheet % sheets].0.clone();
                    edit.set(&name, &common::edit::name(*row, *col), text);
                }
                Mutation::Number { sheet, row, col, value } => {
                    let grid = &mut edit.sheets[sheet % sheets].2;
                    if let Some(cell) = grid.get_mut(*row).and_then(|r| r.get_mut(*col)) {
                        *cell = Data::Float(*value);
                    }
                }
                Mutation::DeleteRow { sheet, row } => {
                    let name = edit.sheets[sheet % sheets].0.clone();
                    if *row < edit.sheets[sheet % sheets].2.len() {
                        edit.delete_row(&name, *row);
                    }
                }
                Mutation::DeleteColumn { sheet, col } => {
                    let name = edit.sheets[sheet % sheets].0.clone();
                    edit.delete_column(&name, *col);
                }
                Mutation::SwapColumns { sheet, a, b } => {
                    let name = edit.sheets[sheet % sheets].0.clone();
                    edit.swap_columns(&name, *a, *b);
                }
            }
        }
        let mangled = dir.path().join("mangled.xlsx");
        edit.save(&mangled);
        let bytes = std::fs::read(&mangled).expect("read");
        match raci::import::load(&bytes, "mangled.xlsx") {
            Ok(read) => {
                // What was read holds together: every finding names a team of the matrix or none.
                for f in &read.findings {
                    if let Some(team) = &f.team {
                        proptest::prop_assert!(read.roster.teams.iter().any(|t| &t.name == team));
                    }
                }
            }
            Err(e) => proptest::prop_assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn a_renamed_sheet_with_rows_above_its_title_is_found_by_its_people() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = generate("examples/scaleup.csv", dir.path(), "book.xlsx");
    let (_, original) = check(&book);
    let mut edit = Edit::open(&book);
    edit.rename("Checkout", "Payments");
    edit.insert_row("Payments", 0);
    edit.set("Payments", "A1", "Agreed in the review of 3 March");
    let edited = save(&edit, &dir);
    let out = raci().arg("check").arg(&edited).args(["--format", "json"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(essence(&original), essence(&json));
    assert!(String::from_utf8_lossy(&out.stderr).contains("team 'Checkout' read from sheet 'Payments'"));

    // A team sheet that is gone is unusable input, not a pass.
    let mut edit = Edit::open(&book);
    edit.sheets.retain(|(name, _, _)| name != "Search");
    edit.save(&edited);
    raci()
        .arg("check")
        .arg(&edited)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the sheet of team 'Search' ('Search') is not in the workbook"));
}

#[test]
fn an_r_taken_off_is_told_as_such_with_the_cell_to_fix() {
    let (dir, _, mut edit) = scaleup();
    let row = activity_row(&mut edit, "Checkout", "delivery-tracking");
    for c in 2..14 {
        let at = common::edit::name(row, c);
        if edit.get("Checkout", &at).contains('R') {
            let a = edit.get("Checkout", &at).contains('A');
            edit.set("Checkout", &at, if a { "A" } else { "C" });
        }
    }
    let edited = save(&edit, &dir);
    let (code, json) = check(&edited);
    assert_eq!(code, 1);
    let found = with_code(&json, "no-responsible");
    assert_eq!(found.len(), 1, "{json}");
    let message = found[0]["message"].as_str().expect("message");
    assert!(message.contains("nobody is marked responsible, though 'Omar Haddad' holds scrum-master"), "{message}");
    assert!(found[0]["hint"].as_str().expect("hint").contains("type R"), "{}", found[0]["hint"]);
}

#[test]
fn columns_added_by_hand_are_people_of_the_roster_when_their_name_or_key_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = generate("examples/scaleup.csv", dir.path(), "book.xlsx");
    let name = |r, c| common::edit::name(r, c);
    let mut edit = Edit::open(&book);
    let free = (2..80).find(|&c| edit.get("Mobile", &name(2, c)).is_empty()).expect("a free column") + 1;
    let row = activity_row(&mut edit, "Mobile", "product-vision");
    // Dana is on Checkout and Search; a vendor is on no team; both given letters on Mobile.
    edit.set("Mobile", &name(2, free), "Dana Whitfield").set("Mobile", &name(row, free), "C");
    edit.set("Mobile", &name(2, free + 1), "Acme Apps (vendor)").set("Mobile", &name(row, free + 1), "I");
    let edited = save(&edit, &dir);
    let out = raci().arg("check").arg(&edited).args(["--format", "json"]).output().expect("run");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("('Dana Whitfield') was added by hand; it is read as 'Dana Whitfield' of the roster"),
        "{stderr}"
    );
    assert!(stderr.contains("('Acme Apps (vendor)') is not in the roster"), "{stderr}");
    assert_eq!(json["summary"]["people"], 23, "Dana once, the vendor new: {}", json["summary"]);
    assert!(with_code(&json, "idle-member").is_empty(), "a vendor with letters is not idle: {json}");
}

#[test]
fn a_team_sheet_copied_into_a_workbook_of_its_own_is_read_as_a_raci_made_elsewhere() {
    let (dir, _, mut edit) = scaleup();
    edit.sheets.retain(|(name, _, _)| name == "Checkout");
    let copied = dir.path().join("copied.xlsx");
    edit.save(&copied);
    let out = raci().arg("check").arg(&copied).args(["--format", "json"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("holds raci's role row") && stderr.contains("holds raci's key row"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["summary"]["people"], 12);
    assert!(json["findings"].as_array().expect("findings").is_empty(), "{json}");
}

#[test]
fn the_reports_of_an_edited_workbook_are_valid_json_and_sarif_with_cells() {
    let schema: Value = {
        let out = raci().args(["schema", "report"]).output().expect("run");
        serde_json::from_slice(&out.stdout).expect("schema JSON")
    };
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let fixture = fixture("roundtrip/unknown-letter.xlsx");
    let (_, json) = check(&fixture);
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let found = with_code(&json, "unknown-letter");
    assert_eq!(found[0]["location"]["line"], Value::Null);
    // SARIF names the workbook as the artifact and the sheet and cell in the location's properties.
    let out = raci().arg("check").arg(&fixture).args(["--format", "sarif", "-q"]).output().expect("run");
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF JSON");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "unknown-letter");
    let location = &result["locations"][0];
    assert!(
        location["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri").ends_with("unknown-letter.xlsx")
    );
    assert_eq!(
        (&location["properties"]["sheet"], &location["properties"]["cell"]),
        (&Value::from("Search"), &Value::from("D6"))
    );
}
