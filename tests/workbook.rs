//! The generated workbook, read back with calamine: sheets, people, letters where the template puts them.

mod common;
#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::path::{Path, PathBuf};

use common::{Book, raci};

fn generate(roster: &str, dir: &Path) -> PathBuf {
    let out = dir.join("out.xlsx");
    raci().args(["generate", roster, "-o"]).arg(&out).assert().success();
    out
}

#[test]
fn every_example_team_gets_a_sheet_and_a_findings_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: &[(&str, &[&str])] = &[
        ("examples/startup.csv", &["Lumen"]),
        ("examples/scaleup.csv", &["Checkout", "Search", "Mobile"]),
        ("examples/missing-po.csv", &["Payments"]),
        ("examples/excel-export.csv", &["Platform"]),
    ];
    for (roster, teams) in cases {
        let book = Book::open(&generate(roster, dir.path()));
        let mut expected: Vec<String> = teams.iter().map(|t| t.to_string()).collect();
        expected.push("Findings".into());
        assert_eq!(book.names(), expected, "{roster}");
    }
}

#[test]
fn with_a_po_and_a_pm_every_activity_has_exactly_one_a() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&generate("examples/scaleup.csv", dir.path()));
    for team in ["Checkout", "Search", "Mobile"] {
        let sheet = book.sheet(team);
        let activities = sheet.activities();
        assert!(activities.len() >= 20, "{team}: {activities:?}");
        for activity in &activities {
            assert_eq!(sheet.accountable(activity).len(), 1, "{team}/{activity}: {:?}", sheet.row_of(activity));
        }
    }
}

#[test]
fn backlog_rows_belong_to_the_po_and_vision_and_roadmap_to_the_pm() {
    let template = raci::template::default_template().expect("default template");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&generate("examples/scaleup.csv", dir.path()));
    let teams = [
        ("Checkout", "Sofia Lind", "Dana Whitfield"),
        ("Search", "Felix Braun", "Dana Whitfield"),
        ("Mobile", "Erik Larsen", "Hannah Weiss"),
    ];
    for (team, po, pm) in teams {
        let sheet = book.sheet(team);
        let backlog: Vec<_> = template.activities.iter().filter(|a| a.backlog).collect();
        assert!(backlog.len() >= 3);
        for activity in backlog {
            assert_eq!(sheet.accountable(&activity.name), [po], "{team}/{}", activity.id);
        }
        for id in ["product-vision", "product-roadmap"] {
            let activity = &template.activities[template.activity_index(id).expect(id)];
            assert_eq!(sheet.accountable(&activity.name), [pm], "{team}/{id}");
            // The PO contributes to vision and roadmap (R).
            let col = sheet.people().iter().position(|p| p == po).expect("PO column");
            assert_eq!(sheet.row_of(&activity.name)[col], "R", "{team}/{id}");
        }
    }
}

fn find_like(activities: &[String], needle: &str) -> String {
    activities
        .iter()
        .find(|a| a.to_lowercase().contains(needle))
        .unwrap_or_else(|| panic!("no activity like {needle} in {activities:?}"))
        .clone()
}

#[test]
fn combined_role_shows_the_union_of_letters_and_roles_under_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&generate("examples/startup.csv", dir.path()));
    let sheet = book.sheet("Lumen");
    assert_eq!(sheet.text(common::HEADER_ROW, common::FIRST_PERSON_COL), "Maya Okafor");
    assert_eq!(sheet.text(common::HEADER_ROW + 1, common::FIRST_PERSON_COL), "PO/PM");
    let vision = find_like(&sheet.activities(), "vision");
    assert_eq!(sheet.row_of(&vision)[0], "A/R");
    for activity in sheet.activities() {
        assert_eq!(sheet.accountable(&activity), ["Maya Okafor"], "{activity}");
    }
}

#[test]
fn a_team_without_po_has_empty_backlog_rows_and_the_finding_in_the_sheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&generate("examples/missing-po.csv", dir.path()));
    let sheet = book.sheet("Payments");
    let backlog = find_like(&sheet.activities(), "backlog");
    assert!(sheet.accountable(&backlog).is_empty());
    let findings = book.sheet("Findings");
    assert_eq!(findings.text(0, 1), "Code");
    assert_eq!(findings.text(1, 0), "error");
    assert_eq!(findings.text(1, 1), "missing-backlog-owner");
    assert_eq!(findings.text(1, 2), "Payments");
}

#[test]
fn findings_sheet_matches_the_json_report_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut book = Book::open(&generate("examples/scaleup.csv", dir.path()));
    let sheet = book.sheet("Findings");
    let (_, json) = common::check_json(&["examples/scaleup.csv"]);
    let findings = json["findings"].as_array().expect("array");
    assert!(!findings.is_empty());
    for (i, f) in findings.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(sheet.text(row, 0), f["severity"].as_str().unwrap_or_default());
        assert_eq!(sheet.text(row, 1), f["code"].as_str().unwrap_or_default());
        assert_eq!(sheet.text(row, 5), f["message"].as_str().unwrap_or_default());
    }
    assert_eq!(sheet.text(findings.len() as u32 + 1, 0), "");
}

#[test]
fn same_input_gives_byte_identical_workbooks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&a).assert().success();
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&b).assert().success();
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
}

#[test]
fn sheet_carries_a_dropdown_conditional_formats_and_frozen_panes() {
    // calamine does not read validations or formats: look at the sheet XML inside the xlsx.
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/startup.csv", dir.path());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(out).expect("open")).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"), &mut xml)
        .expect("read");
    assert!(xml.contains("<dataValidation type=\"list\""), "no dropdown");
    assert!(xml.contains("&quot;A,A/R,R,C,I&quot;") || xml.contains("\"A,A/R,R,C,I\""), "dropdown values");
    assert_eq!(xml.matches("<cfRule type=\"beginsWith\"").count(), 4, "one colour rule per letter");
    assert!(xml.contains("xSplit=\"2\" ySplit=\"4\""), "frozen panes");
}

/// A large roster (600 teams): the CLI still writes one sheet per team with the matrix, and the
/// findings sheet agrees with the JSON report.
#[test]
fn a_large_roster_gives_a_complete_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("large.csv");
    std::fs::write(&roster, generator::generate(6_000, 600, 1)).expect("write roster");
    let out = dir.path().join("large.xlsx");
    raci().arg("generate").arg(&roster).arg("-o").arg(&out).assert().success();

    let mut book = Book::open(&out);
    let sheets = book.names();
    assert_eq!(sheets.len(), 601);
    assert_eq!(sheets.last().map(String::as_str), Some("Findings"));
    let first = book.sheet(&sheets[0]);
    assert_eq!(first.text(0, 0), format!("RACI: {}", sheets[0]));
    assert_eq!(first.activities().len(), 28);
    assert!(!first.people().is_empty());
    let backlog = first.accountable("Backlog ownership");
    assert!(backlog.len() <= 1, "{backlog:?}");
    assert_eq!(first.accountable("Sprint planning").len(), 1);

    let (_, json) = common::check_json(&[roster.to_str().expect("utf-8 path")]);
    let findings = json["findings"].as_array().expect("findings");
    let sheet = book.sheet("Findings");
    assert_eq!(sheet.text(findings.len() as u32, 1), findings[findings.len() - 1]["code"].as_str().unwrap_or(""));
    assert_eq!(sheet.text(findings.len() as u32 + 1, 0), "");
}
