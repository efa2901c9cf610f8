//! Rosters kept as spreadsheets and on standard input: an xlsx written here (rust_xlsxwriter), the
//! ods and xls fixtures LibreOffice made, and stdin read the same as the CSV; positions in messages
//! are the sheet's rows; a RACI workbook is recognised and refused until matrices can be read.

mod common;

use std::path::{Path, PathBuf};

use common::{check_json, fixture, raci};
use predicates::prelude::*;
use raci::roster::{self, ReadOptions, Roster};
use rust_xlsxwriter::{Format, Workbook};

const SCALEUP: &str = "examples/scaleup.csv";

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The rows of a CSV file, header first.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut read = csv::ReaderBuilder::new().has_headers(false).from_path(path).expect("csv");
    read.records().map(|r| r.expect("record").iter().map(String::from).collect()).collect()
}

/// What a roster says, without where it says it (lines, source, notes).
type Said = (Vec<(String, Option<String>, Option<f64>, Option<String>)>, Vec<(String, Vec<(usize, Vec<String>)>)>);

fn said(roster: &Roster) -> Said {
    let people =
        roster.people.iter().map(|p| (p.name.clone(), p.email.clone(), p.allocation, p.reports_to.clone())).collect();
    let teams = roster
        .teams
        .iter()
        .map(|t| {
            let members = t
                .members
                .iter()
                .map(|m| (m.person, m.roles.iter().map(|r| r.role.id().to_string()).collect()))
                .collect();
            (t.name.clone(), members)
        })
        .collect();
    (people, teams)
}

fn load(path: &Path) -> Roster {
    roster::load(path, &ReadOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Write `rows` (header first) as the sheet `People` of an xlsx, below a title and a blank row,
/// after a first sheet of notes; the allocation column as numbers formatted as percentages.
fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").expect("name");
    notes.write_string(0, 0, "The roster is on the next sheet.").expect("write");
    notes.write_string(1, 0, "Updated every Monday by the PMO.").expect("write");
    let sheet = book.add_worksheet().set_name("People").expect("name");
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 5, "Shopfleet product teams — Q3", &bold).expect("title");
    let percent = Format::new().set_num_format("0%");
    let allocation = rows[0].iter().position(|h| h == "allocation").expect("allocation column");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell.strip_suffix('%').and_then(|n| n.parse::<f64>().ok()) {
                Some(n) if usize::from(c) == allocation => {
                    sheet.write_number_with_format(r, c, n / 100.0, &percent).expect("number");
                }
                _ if r == 2 => {
                    sheet.write_string_with_format(r, c, cell, &bold).expect("header");
                }
                _ if !cell.is_empty() => {
                    sheet.write_string(r, c, cell).expect("cell");
                }
                _ => {}
            }
        }
    }
    book.save(path).expect("save xlsx");
}

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let out = raci().args(args).output().expect("run raci");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The matrix as CSV and the findings (without the summary and the positions, which name the
/// roster).
fn results(roster: &str) -> (Vec<u8>, serde_json::Value) {
    let matrix = stdout_of(&["generate", roster, "--format", "csv", "-o", "-", "-q"]);
    let out = raci().args(["check", roster, "--format", "json", "-q"]).output().expect("run raci");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    (matrix, without_positions(&report["findings"]))
}

fn without_positions(findings: &serde_json::Value) -> serde_json::Value {
    let mut findings = findings.clone();
    for f in findings.as_array_mut().expect("findings").iter_mut() {
        let f = f.as_object_mut().expect("finding");
        f.remove("location");
        f.remove("related");
    }
    findings
}

/// The first finding's position in a JSON report: file, sheet and line.
fn first_position(roster: &str, stdin: Option<Vec<u8>>) -> (String, String, u64) {
    let mut cmd = raci();
    cmd.args(["check", roster, "--format", "json", "-q"]);
    if let Some(bytes) = stdin {
        cmd.write_stdin(bytes);
    }
    let report: serde_json::Value = serde_json::from_slice(&cmd.output().expect("run").stdout).expect("JSON");
    let at = &report["findings"][0]["location"];
    let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
    (text(&at["file"]), text(&at["sheet"]), at["line"].as_u64().unwrap_or(0))
}

#[test]
fn an_xlsx_roster_below_a_title_row_reads_like_the_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("scaleup.xlsx");
    write_xlsx(&xlsx, &csv_rows(&root(SCALEUP)));
    let (csv, book) = (load(&root(SCALEUP)), load(&xlsx));
    assert_eq!(said(&book), said(&csv));
    assert_eq!(book.people[0].line, 4, "lines are the sheet's rows: title, blank, header, then people");
    assert_eq!(book.source, format!("{}:People", xlsx.display()));
    assert_eq!(book.notes[0], format!("{}: read sheet 'People' as the roster (header on row 3)", xlsx.display()));
    assert_eq!(results(xlsx.to_str().expect("path")), results(SCALEUP));
    // The first finding is Search's, whose first member is on the CSV's line 2 and the sheet's row 4.
    assert_eq!(first_position(SCALEUP, None), (SCALEUP.to_string(), String::new(), 2));
    let path = xlsx.display().to_string();
    assert_eq!(first_position(&path, None), (path.clone(), "People".to_string(), 4));
    raci()
        .args(["check"])
        .arg(&xlsx)
        .assert()
        .success()
        .stderr(predicates::str::contains("scaleup.xlsx: read sheet 'People' as the roster (header on row 3)"));
}

#[test]
fn the_ods_and_xls_that_libreoffice_saved_read_like_the_csv() {
    let csv = load(&root(SCALEUP));
    for file in ["sheets/scaleup.ods", "sheets/scaleup.xls"] {
        let path = fixture(file);
        let book = load(&path);
        assert_eq!(said(&book), said(&csv), "{file}");
        assert_eq!(
            book.people.iter().map(|p| p.line).collect::<Vec<_>>(),
            csv.people.iter().map(|p| p.line).collect::<Vec<_>>()
        );
        assert!(book.people.iter().any(|p| p.allocation == Some(0.2)), "{file}: 20% read from a percentage cell");
        assert_eq!(results(path.to_str().expect("path")), results(SCALEUP), "{file}");
    }
}

#[test]
fn sheet_errors_name_the_sheet_and_its_row_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("crew.xlsx");
    let mut rows = csv_rows(&root(SCALEUP));
    rows[3][0].clear();
    write_xlsx(&xlsx, &rows);
    let out = dir.path().join("out.xlsx");
    raci().arg("generate").arg(&xlsx).arg("-o").arg(&out).assert().code(2).stderr(format!(
        "raci: error: {}:People:6: the name is empty (fill in the person's name or delete the line)\n",
        xlsx.display()
    ));
    assert!(!out.exists());
    raci().arg("check").arg(&xlsx).args(["--sheet", "Staff"]).assert().code(2).stderr(format!(
        "raci: error: {}: there is no sheet named 'Staff' (the sheets are: 'Notes', 'People')\n",
        xlsx.display()
    ));
}

#[test]
fn sheet_picks_the_sheet_and_a_sheet_without_a_roster_header_says_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let xlsx = dir.path().join("crew.xlsx");
    write_xlsx(&xlsx, &csv_rows(&root(SCALEUP)));
    raci().arg("check").arg(&xlsx).args(["--sheet", "people"]).assert().success().stderr(
        predicates::str::contains("read sheet 'People' as the roster").and(predicates::str::contains("--sheet").not()),
    );
    raci().arg("check").arg(&xlsx).args(["--sheet", "Notes"]).assert().code(2).stderr(predicates::str::contains(
        ":Notes:1: no name column (columns found: The roster is on the next sheet.)",
    ));
    // --sheet means nothing to a CSV roster: said, not fatal.
    raci()
        .args(["check", SCALEUP, "--sheet", "People"])
        .assert()
        .success()
        .stderr(predicates::str::contains("--sheet applies to workbooks; this roster is CSV, so it was ignored"));
}

#[test]
fn a_roster_without_a_team_column_is_one_team_named_after_the_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rows: Vec<Vec<String>> =
        [["name", "role", "allocation"], ["Ada", "PO", "50%"], ["Bob", "Engineer", ""], ["Cy", "PM", "100%"]]
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
    let xlsx = dir.path().join("crew.xlsx");
    write_xlsx(&xlsx, &rows);
    let csv = dir.path().join("crew.csv");
    std::fs::write(&csv, "name,role,allocation\nAda,PO,50%\nBob,Engineer,\nCy,PM,100%\n").expect("write");
    let (book, text) = (load(&xlsx), load(&csv));
    assert_eq!(book.teams[0].name, "crew");
    assert_eq!(said(&book), said(&text));
}

#[test]
fn cells_right_of_the_header_are_ignored_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rows = csv_rows(&root(SCALEUP));
    rows[2].push(String::new());
    rows[2].push("call back on Monday".into());
    let xlsx = dir.path().join("notes.xlsx");
    write_xlsx(&xlsx, &rows);
    let roster = load(&xlsx);
    assert_eq!(said(&roster), said(&load(&root(SCALEUP))));
    assert!(
        roster.notes.iter().any(|n| n.ends_with("cells right of the header's last column are ignored (rows 5)")),
        "{:?}",
        roster.notes
    );
}

#[test]
fn a_raci_workbook_is_read_back_as_a_matrix_unless_read_as_a_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("matrix.xlsx");
    raci().args(["generate", SCALEUP, "-o"]).arg(&book).assert().success();
    raci()
        .arg("check")
        .arg(&book)
        .assert()
        .code(0)
        .stdout(predicates::str::contains(format!("{}: 3 teams, 22 people", book.display())));
    // Forced to be a roster, it has none: the first sheet's first row with two or more cells is the
    // one explained.
    raci()
        .arg("check")
        .arg(&book)
        .args(["--input", "roster"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(":Summary:4: no name column (columns found: Roster, examples/scaleup.csv)"));
    raci().args(["check", SCALEUP, "--input", "matrix"]).assert().code(2).stderr(predicates::str::contains(
        "--input matrix reads a RACI matrix from a workbook (.xlsx, .xlsm, .xls, .xlsb, .ods), and this file is text",
    ));
    // A hand-made grid is a matrix too, read as typed (tests/foreign.rs has more).
    let grid = dir.path().join("grid.xlsx");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    for (r, row) in [["Activity", "Ada", "Bob"], ["Roadmap", "A", "C"], ["Backlog", "R", "A/R"], ["Launch", "I", "A"]]
        .iter()
        .enumerate()
    {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).expect("write");
        }
    }
    wb.save(&grid).expect("save");
    let (code, json) = check_json(&[grid.to_str().expect("utf-8 path")]);
    assert_eq!(code, 1, "{json}");
    let codes: Vec<(String, String)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["code"].as_str().unwrap_or("").to_string(), f["activities"].to_string()))
        .collect();
    assert_eq!(codes, [("no-responsible".to_string(), r#"["roadmap","launch"]"#.to_string())]);
    raci().arg("check").arg(&grid).args(["--input", "roster"]).assert().code(2);
}

#[test]
fn a_dash_reads_the_roster_from_standard_input_csv_or_workbook() {
    let file = results(SCALEUP);
    let piped = |bytes: Vec<u8>| -> (Vec<u8>, serde_json::Value, String) {
        let matrix =
            raci().args(["generate", "-", "--format", "csv", "-o", "-", "-q"]).write_stdin(bytes.clone()).output();
        let check = raci().args(["check", "-", "--format", "json"]).write_stdin(bytes).output().expect("run");
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
        (
            matrix.expect("run").stdout,
            without_positions(&report["findings"]),
            report["summary"]["roster"].as_str().unwrap_or("").to_string(),
        )
    };
    let (matrix, findings, name) = piped(std::fs::read(root(SCALEUP)).expect("read"));
    assert_eq!((matrix, findings), file);
    assert_eq!(name, "<stdin>");
    let (matrix, findings, name) = piped(std::fs::read(fixture("sheets/scaleup.ods")).expect("read"));
    assert_eq!((matrix, findings), file);
    assert_eq!(name, "<stdin>:scaleup");
    let ods = std::fs::read(fixture("sheets/scaleup.ods")).expect("read");
    assert_eq!(first_position("-", Some(ods)), ("<stdin>".to_string(), "scaleup".to_string(), 2));
    // Read from stdin, the default output is raci.xlsx; the roster's template column may name
    // bundled templates only (there is no roster directory to look in).
    let dir = tempfile::tempdir().expect("tempdir");
    raci()
        .current_dir(dir.path())
        .args(["generate", "-"])
        .write_stdin(std::fs::read(root(SCALEUP)).expect("read"))
        .assert()
        .success();
    assert!(dir.path().join("raci.xlsx").is_file());
    std::fs::write(dir.path().join("local.toml"), std::fs::read(fixture("handoff-gap/template.toml")).expect("read"))
        .expect("write");
    raci()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("name,role,template\nAda,PO,local.toml\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("<stdin>:2: team 'Team':"));
}
