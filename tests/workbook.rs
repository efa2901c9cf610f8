//! The generated workbook, read back: calamine for sheets, cells, formulas and their cached values;
//! the xlsx XML (unzipped here) for validations, conditional formats, links, the table, the chart,
//! page set-up and document properties. With `soffice` on the PATH, LibreOffice recalculates an
//! edited workbook and opens the index of `-o DIR/`.

mod common;
#[path = "../examples/gen_roster/generator.rs"]
mod generator;

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Book, FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, HEADER_ROW, raci};

fn generate(roster: &str, dir: &Path) -> PathBuf {
    generate_with(roster, dir, &[])
}

fn generate_with(roster: &str, dir: &Path, args: &[&str]) -> PathBuf {
    let out = dir.join("out.xlsx");
    raci().args(["generate", roster, "-o"]).arg(&out).args(args).assert().success();
    out
}

/// One part of an xlsx, as text.
fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("open")).expect("zip");
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).expect("read");
    text
}

/// The XML of a sheet, by its position in the workbook (rust_xlsxwriter numbers them in order).
fn sheet_xml(xlsx: &Path, position: usize) -> String {
    part(xlsx, &format!("xl/worksheets/sheet{}.xml", position + 1))
}

fn number(range: &calamine::Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(f)) => *f,
        Some(Data::Int(i)) => *i as f64,
        other => panic!("no number at ({row}, {col}): {other:?}"),
    }
}

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The column of a header on a team sheet (0-based).
fn header_col(range: &calamine::Range<Data>, header: &str) -> u32 {
    (0..200).find(|&c| text(range, HEADER_ROW, c) == header).unwrap_or_else(|| panic!("no {header} column"))
}

#[test]
fn every_example_gets_a_summary_team_sheets_workload_findings_and_hidden_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: &[(&str, &[&str])] = &[
        ("examples/startup.csv", &["Lumen"]),
        ("examples/scaleup.csv", &["Checkout", "Search", "Mobile"]),
        ("examples/missing-po.csv", &["Payments"]),
        ("examples/excel-export.csv", &["Platform"]),
    ];
    for (roster, teams) in cases {
        let out = generate(roster, dir.path());
        let book = Book::open(&out);
        let mut expected = vec!["Summary".to_string()];
        expected.extend(teams.iter().map(|t| t.to_string()));
        expected.extend(["Workload", "Findings", "_raci", "_raci_roster"].map(String::from));
        assert_eq!(book.names(), expected, "{roster}");
        let workbook = part(&out, "xl/workbook.xml");
        assert!(workbook.contains(r#"<sheet name="_raci" sheetId="#) && workbook.contains(r#"state="hidden""#));
        assert_eq!(workbook.matches("state=\"hidden\"").count(), 2, "only the ids and roster sheets are hidden");
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
    assert_eq!(sheet.text(HEADER_ROW, FIRST_PERSON_COL), "Maya Okafor");
    assert_eq!(sheet.text(HEADER_ROW + 1, FIRST_PERSON_COL), "PO/PM");
    let vision = find_like(&sheet.activities(), "vision");
    assert_eq!(sheet.row_of(&vision)[0], "A/R");
    for activity in sheet.activities() {
        assert_eq!(sheet.accountable(&activity), ["Maya Okafor"], "{activity}");
    }
}

/// Each activity row counts its A and R with COUNTIF formulas over the row's letter cells and says
/// `ok`, `no A`, `2 A` or `no R`; the cached results agree with the letters in the cells.
#[test]
fn each_row_counts_its_a_and_r_with_live_formulas_and_cached_results() {
    let dir = tempfile::tempdir().expect("tempdir");
    for roster in ["examples/scaleup.csv", "examples/missing-po.csv"] {
        let out = generate(roster, dir.path());
        let mut xlsx: Xlsx<_> = open_workbook(&out).expect("open");
        let names = xlsx.sheet_names();
        let mut statuses = Vec::new();
        for team in &names[1..names.len() - 4] {
            let range = xlsx.worksheet_range(team).expect("team sheet");
            let formulas = xlsx.worksheet_formula(team).expect("formulas");
            let (a_col, r_col, check_col) =
                (header_col(&range, "A"), header_col(&range, "R"), header_col(&range, "Check"));
            let last_person = a_col - 1;
            let mut row = FIRST_ACTIVITY_ROW;
            while !text(&range, row, 1).is_empty() {
                let letters: Vec<String> = (FIRST_PERSON_COL..=last_person).map(|c| text(&range, row, c)).collect();
                let a = letters.iter().filter(|l| l.starts_with('A')).count();
                let r = letters.iter().filter(|l| l.ends_with('R')).count();
                assert_eq!(number(&range, row, a_col), a as f64, "{team} row {row}");
                assert_eq!(number(&range, row, r_col), r as f64, "{team} row {row}");
                let status = match (a, r) {
                    (0, _) => "no A".to_string(),
                    (1, 0) => "no R".to_string(),
                    (1, _) => "ok".to_string(),
                    (n, _) => format!("{n} A"),
                };
                assert_eq!(text(&range, row, check_col), status, "{team} row {row}");
                statuses.push(status);
                let cells = format!("C{0}:{1}{0}", row + 1, rust_xlsxwriter_col(last_person));
                assert_eq!(
                    formulas.get_value((row, a_col)).map(String::as_str),
                    Some(format!("COUNTIF({cells},\"A*\")").as_str())
                );
                assert_eq!(
                    formulas.get_value((row, r_col)).map(String::as_str),
                    Some(format!("COUNTIF({cells},\"*R\")").as_str())
                );
                assert!(formulas.get_value((row, check_col)).is_some_and(|f| f.starts_with("IF(")), "{team} row {row}");
                row += 1;
            }
        }
        if roster.ends_with("missing-po.csv") {
            assert!(statuses.iter().any(|s| s == "no A"), "backlog rows without a PO say no A: {statuses:?}");
        } else {
            assert!(statuses.iter().all(|s| s == "ok"), "{statuses:?}");
        }
    }
}

/// `C`, `Z`, `AA`: a 0-based column as Excel names it.
fn rust_xlsxwriter_col(col: u32) -> String {
    let mut n = col + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        name.insert(0, (b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    name
}

#[test]
fn sheet_xml_has_the_dropdown_letter_colours_row_mark_panes_and_print_set_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/startup.csv", dir.path());
    let xml = sheet_xml(&out, 1);
    assert!(xml.contains("<dataValidation type=\"list\""), "no dropdown");
    assert!(xml.contains("&quot;A,A/R,R,C,I&quot;") || xml.contains("\"A,A/R,R,C,I\""), "dropdown values");
    // A/R first, so its own colour wins over A's.
    let rules: Vec<&str> = xml.split("<cfRule ").skip(1).collect();
    let values: Vec<&str> = rules
        .iter()
        .filter(|r| r.starts_with("type=\"cellIs\""))
        .filter_map(|r| r.split("<formula>").nth(1)?.split("</formula>").next())
        .collect();
    assert_eq!(values, ["\"A/R\"", "\"A\"", "\"R\"", "\"C\"", "\"I\""], "one colour rule per letter value");
    assert_eq!(
        rules.iter().filter(|r| r.starts_with("type=\"expression\"") && r.contains("&lt;&gt;\"ok\"")).count(),
        2,
        "the row mark on the activity columns and the check columns: {rules:?}"
    );
    assert!(xml.contains("xSplit=\"2\" ySplit=\"5\""), "frozen panes under the headers, right of the activities");
    assert!(xml.contains("<oddHeader>&amp;L&amp;\"-,Bold\"Lumen&amp;Rexamples/startup.csv</oddHeader>"), "{xml}");
    assert!(xml.contains("<oddFooter>&amp;Lproduct-lifecycle"), "template in the footer");
    assert!(xml.contains("Page &amp;P of &amp;N"), "page X of Y");
    assert!(xml.contains("paperSize=\"9\""), "A4 by default");
    assert!(
        rules.iter().any(|r| r.starts_with("type=\"expression\"") && r.contains("<formula>TRUE</formula>")),
        "a border on every letter cell, after the colour rules"
    );
    assert!(xml.contains("<row r=\"5\"") && xml.contains("hidden=\"1\""), "the key row is hidden");
    // Letters in their colours in the legend; rows taller than one line where text wraps.
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles") && workbook.contains("_xlnm.Print_Area"));
}

#[test]
fn stable_ids_and_person_keys_are_in_the_sheet_and_its_layout_in_the_hidden_sheet() {
    let template = raci::template::default_template().expect("default template");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/scaleup.csv", dir.path());
    let mut xlsx: Xlsx<_> = open_workbook(&out).expect("open");
    let range = xlsx.worksheet_range("Checkout").expect("sheet");
    let id_col = header_col(&range, "id");
    for (a, activity) in template.activities.iter().enumerate() {
        assert_eq!(text(&range, FIRST_ACTIVITY_ROW + a as u32, id_col), activity.id);
    }
    assert_eq!(text(&range, HEADER_ROW + 2, FIRST_PERSON_COL), "dana@shopfleet.example", "the key row");
    assert!(sheet_xml(&out, 1).contains(&format!("<col min=\"{0}\" max=\"{0}\"", id_col + 1)));
    let meta = xlsx.worksheet_range("_raci").expect("ids sheet");
    assert_eq!(text(&meta, 0, 0), "raci-layout");
    assert_eq!(number(&meta, 0, 1), 2.0);
    let headers: Vec<String> = (0..17).map(|c| text(&meta, 2, c)).collect();
    assert_eq!(headers[..5], ["sheet", "team", "file", "template", "version"]);
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name) as u32;
    for (i, team) in ["Checkout", "Search", "Mobile"].iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(text(&meta, r, col("sheet")), *team);
        assert_eq!(text(&meta, r, col("template")), "product-lifecycle");
        assert_eq!(number(&meta, r, col("first_activity_row")), f64::from(FIRST_ACTIVITY_ROW + 1));
        assert_eq!(
            number(&meta, r, col("last_activity_row")),
            f64::from(FIRST_ACTIVITY_ROW) + template.activities.len() as f64
        );
        let sheet = xlsx.worksheet_range(team).expect("team");
        // 1-based columns in the layout: the `A`, `Check` and `id` headers are where it says.
        for (key, header) in [("a_col", "A"), ("check_col", "Check"), ("id_col", "id")] {
            assert_eq!(number(&meta, r, col(key)), f64::from(header_col(&sheet, header) + 1), "{team} {key}");
        }
    }
}

#[test]
fn a_team_without_po_has_empty_backlog_rows_and_the_finding_links_to_its_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/missing-po.csv", dir.path());
    let mut book = Book::open(&out);
    let sheet = book.sheet("Payments");
    let backlog = find_like(&sheet.activities(), "backlog");
    assert!(sheet.accountable(&backlog).is_empty());
    let findings = book.sheet("Findings");
    assert!(findings.text(0, 0).starts_with("Findings in examples/missing-po.csv: 1 error"), "{}", findings.text(0, 0));
    assert_eq!(findings.text(1, 1), "Code");
    assert_eq!(findings.text(2, 0), "error");
    assert_eq!(findings.text(2, 1), "missing-backlog-owner");
    assert_eq!(findings.text(2, 2), "Payments");
    let backlog_row = FIRST_ACTIVITY_ROW + sheet.activities().iter().position(|a| *a == backlog).expect("row") as u32;
    assert_eq!(findings.text(2, 7), format!("Payments, row {}", backlog_row + 1));
    let xml = sheet_xml(&out, 3);
    assert!(xml.contains(&format!("location=\"Payments!B{}\"", backlog_row + 1)), "a link to the row");
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
        let row = i as u32 + 2;
        assert_eq!(sheet.text(row, 0), f["severity"].as_str().unwrap_or_default());
        assert_eq!(sheet.text(row, 1), f["code"].as_str().unwrap_or_default());
        assert_eq!(sheet.text(row, 5), f["message"].as_str().unwrap_or_default());
    }
    assert_eq!(sheet.text(findings.len() as u32 + 2, 0), "");
}

#[test]
fn findings_are_an_excel_table_with_severity_colours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/missing-po.csv", dir.path());
    let table = part(&out, "xl/tables/table1.xml");
    assert!(table.contains("name=\"Findings\"") && table.contains("ref=\"A2:H"), "{table}");
    assert!(table.contains("<autoFilter") && table.contains("showRowStripes=\"1\""), "filter and bands: {table}");
    for header in ["Severity", "Code", "Team", "Activities", "People", "Message", "Hint", "Go to"] {
        assert!(table.contains(&format!("name=\"{header}\"")), "{header}");
    }
    let xml = sheet_xml(&out, 3);
    for severity in ["error", "warning", "info"] {
        assert!(xml.contains(&format!("<formula>\"{severity}\"</formula>")), "{severity} colour");
    }
    assert!(xml.contains("<tablePart r:id="));
}

#[test]
fn same_input_gives_byte_identical_workbooks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&a).env_remove("SOURCE_DATE_EPOCH").assert().success();
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&b).env_remove("SOURCE_DATE_EPOCH").assert().success();
    assert_eq!(std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
}

#[test]
fn the_date_is_fixed_by_default_and_set_by_a_flag_or_source_date_epoch() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |name: &str, args: &[&str], epoch: Option<&str>| -> (String, String) {
        let out = dir.path().join(name);
        let mut cmd = raci();
        cmd.args(["generate", "examples/startup.csv", "-o"]).arg(&out).args(args).env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", epoch);
        }
        cmd.assert().success();
        let mut book = Book::open(&out);
        (book.sheet("Summary").text(5, 1), part(&out, "docProps/core.xml"))
    };
    let (date, core) = run("fixed.xlsx", &[], None);
    assert!(date.starts_with("not recorded"), "{date}");
    assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z</dcterms:created>"));
    let (date, core) = run("flag.xlsx", &["--date", "2025-06-30"], Some("0"));
    assert_eq!(date, "2025-06-30", "the flag wins over SOURCE_DATE_EPOCH");
    assert!(core.contains("2025-06-30T00:00:00Z"));
    let (date, _) = run("epoch.xlsx", &[], Some("1700000000"));
    assert_eq!(date, "2023-11-14");
    let bad = raci()
        .args(["generate", "examples/startup.csv", "-o"])
        .arg(dir.path().join("bad.xlsx"))
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH='yesterday' is not a day"));
    let bad =
        raci().args(["generate", "examples/startup.csv", "--date", "2025-02-30", "-o", "-"]).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn document_properties_name_the_roster_and_raci() {
    let dir = tempfile::tempdir().expect("tempdir");
    let core = part(&generate("examples/scaleup.csv", dir.path()), "docProps/core.xml");
    assert!(core.contains("<dc:title>RACI matrix: examples/scaleup.csv</dc:title>"), "{core}");
    assert!(core.contains("<dc:creator>raci</dc:creator>"));
    assert!(core.contains("<cp:keywords>RACI"));
}

#[test]
fn the_summary_links_every_team_and_counts_its_findings_and_rows_to_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/missing-po.csv", dir.path());
    let mut xlsx: Xlsx<_> = open_workbook(&out).expect("open");
    let summary = xlsx.worksheet_range("Summary").expect("summary");
    assert_eq!(text(&summary, 0, 0), "RACI workbook: examples/missing-po.csv");
    assert_eq!(text(&summary, 3, 1), "examples/missing-po.csv");
    assert!(text(&summary, 4, 1).starts_with("product-lifecycle "), "{}", text(&summary, 4, 1));
    let header = (0..40).find(|&r| text(&summary, r, 0) == "Team").expect("teams table");
    let row = header + 1;
    assert_eq!(text(&summary, row, 0), "Payments");
    assert_eq!(text(&summary, row, 2), "(nobody)", "no PO");
    assert_eq!(text(&summary, row, 3), "Karl Jensen", "the PM");
    assert_eq!(number(&summary, row, 4), 6.0);
    let (code, json) = common::check_json(&["examples/missing-po.csv"]);
    assert_eq!(code, 1);
    assert_eq!(number(&summary, row, 5), json["summary"]["errors"].as_f64().expect("errors"));
    assert_eq!(number(&summary, row, 6), json["summary"]["warnings"].as_f64().expect("warnings"));
    let team = xlsx.worksheet_range("Payments").expect("team");
    let check = header_col(&team, "Check");
    let not_ok =
        (FIRST_ACTIVITY_ROW..FIRST_ACTIVITY_ROW + activity_count()).filter(|&r| text(&team, r, check) != "ok").count();
    assert!(not_ok > 0);
    assert_eq!(number(&summary, row, 8), not_ok as f64, "rows to check, cached");
    let formulas = xlsx.worksheet_formula("Summary").expect("formulas");
    let check_letter = rust_xlsxwriter_col(check);
    assert_eq!(
        formulas.get_value((row, 8)).map(String::as_str),
        Some(
            format!(
                "COUNTIF(Payments!${check_letter}${}:${check_letter}${},\"<>ok\")",
                FIRST_ACTIVITY_ROW + 1,
                FIRST_ACTIVITY_ROW + activity_count()
            )
            .as_str()
        )
    );
    let xml = sheet_xml(&out, 0);
    assert!(xml.contains(&format!("<hyperlink ref=\"A{}\" location=\"Payments!A1\"", row + 1)), "a link to the sheet");
    for heading in ["Legend", "How to read", "How to edit", "How to re-check"] {
        assert!((0..80).any(|r| text(&summary, r, 0) == heading), "{heading}");
    }
}

#[test]
fn workload_counts_letters_across_teams_with_data_bars_and_a_chart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/scaleup.csv", dir.path());
    let mut xlsx: Xlsx<_> = open_workbook(&out).expect("open");
    let workload = xlsx.worksheet_range("Workload").expect("workload");
    let formulas = xlsx.worksheet_formula("Workload").expect("formulas");
    let headers: Vec<String> = (0..12).map(|c| text(&workload, 3, c)).collect();
    assert_eq!(
        headers,
        ["Person", "Key", "Teams", "Team names", "Allocation", "A", "R", "C", "I", "Activities", "Share of A", "Load"]
    );
    // Dana Whitfield is PM of Checkout and Search: her letters are summed over both sheets.
    let dana = (4..40).find(|&r| text(&workload, r, 0) == "Dana Whitfield").expect("Dana");
    assert_eq!(number(&workload, dana, 2), 2.0);
    assert_eq!(text(&workload, dana, 3), "Checkout, Search");
    let mut sum = [0usize; 4];
    for team in ["Checkout", "Search"] {
        let sheet = xlsx.worksheet_range(team).expect("team");
        let col = (FIRST_PERSON_COL..40).find(|&c| text(&sheet, HEADER_ROW, c) == "Dana Whitfield").expect("column");
        for r in FIRST_ACTIVITY_ROW..FIRST_ACTIVITY_ROW + activity_count() {
            let l = text(&sheet, r, col);
            sum[0] += usize::from(l.starts_with('A'));
            sum[1] += usize::from(l.ends_with('R'));
            sum[2] += usize::from(l == "C");
            sum[3] += usize::from(l == "I");
        }
    }
    for (i, n) in sum.iter().enumerate() {
        assert_eq!(number(&workload, dana, 5 + i as u32), *n as f64, "letter {i}");
    }
    assert!(
        formulas
            .get_value((dana, 5))
            .is_some_and(|f| f.starts_with("COUNTIF(Checkout!") && f.contains("+COUNTIF(Search!"))
    );
    let both = 2.0 * f64::from(activity_count());
    assert_eq!(number(&workload, dana, 9), both, "activities on both teams");
    assert!((number(&workload, dana, 10) - sum[0] as f64 / both).abs() < 1e-3, "share of A");
    assert_eq!(
        formulas.get_value((dana, 10)).map(String::as_str),
        Some(format!("IF(J{0}>0,F{0}/J{0},0)", dana + 1).as_str())
    );
    // Most A and R first.
    let ar: Vec<f64> = (4..26).map(|r| number(&workload, r, 5) + number(&workload, r, 6)).collect();
    assert!(ar.windows(2).all(|w| w[0] >= w[1]), "{ar:?}");
    let xml = sheet_xml(&out, 4);
    assert_eq!(xml.matches("<dataBar>").count(), 2, "data bars on share and load");
    let chart = part(&out, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barDir val=\"bar\"/>") && chart.contains("<c:grouping val=\"stacked\"/>"));
    assert!(chart.contains("Workload!$A$5:$A$19") && chart.contains("Workload!$F$5:$F$19"), "the top 15 by A and R");
    assert!(chart.contains("Who carries the most A and R"));
}

#[test]
fn notes_give_each_letters_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = generate("examples/startup.csv", dir.path());
    let zip = zip::ZipArchive::new(std::fs::File::open(&plain).expect("open")).expect("zip");
    assert!(!zip.file_names().any(|n| n.is_ok_and(|n| n.contains("comments"))), "no notes unless asked");
    let out = generate_with("examples/startup.csv", dir.path(), &["--notes"]);
    let comments = part(&out, "xl/comments1.xml");
    assert!(comments.contains("A: product-owner, first in the chain"), "{}", &comments[..comments.len().min(2000)]);
    assert!(
        comments.contains("R: product-manager, listed as responsible")
            || comments.contains("R: product-owner, listed as responsible")
    );
    assert!(comments.contains("<author>raci</author>"));
}

#[test]
fn the_paper_is_settable_and_rows_are_as_tall_as_their_wrapped_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate_with("examples/scaleup.csv", dir.path(), &["--paper", "letter"]);
    let xml = sheet_xml(&out, 1);
    assert!(xml.contains("paperSize=\"1\""), "US Letter");
    assert!(xml.contains("fitToHeight=\"0\"") || xml.contains("scale=\"70\""), "one page wide or readable scale");
    // The names row is as tall as the longest name turned upright.
    assert!(
        xml.contains("<row r=\"3\" ")
            && xml.split("<row r=\"3\" ").nth(1).is_some_and(|r| r.contains("customHeight=\"1\""))
    );
    // A findings row with a long message is taller than one line.
    let findings = sheet_xml(&out, 5);
    assert!(findings.contains("ht=\"30\"") || findings.contains("ht=\"45\""), "wrapped findings rows are taller");
}

#[test]
fn a_single_workbook_with_many_team_sheets_gets_a_note_suggesting_a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("many.csv");
    std::fs::write(&roster, generator::generate(2_100, 210, 1)).expect("write");
    let out = dir.path().join("many.xlsx");
    let run = raci().arg("generate").arg(&roster).arg("-o").arg(&out).output().expect("run");
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("raci: note: 210 team sheets in one workbook") && stderr.contains("-o DIR/"), "{stderr}");
    assert_eq!(Book::open(&out).names().len(), 215);
}

/// A large roster (600 teams): one sheet per team with the matrix, and the findings sheet agrees
/// with the JSON report.
#[test]
fn a_large_roster_gives_a_complete_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("large.csv");
    std::fs::write(&roster, generator::generate(6_000, 600, 1)).expect("write roster");
    let out = dir.path().join("large.xlsx");
    raci().arg("generate").arg(&roster).arg("-o").arg(&out).assert().success();

    let mut book = Book::open(&out);
    let sheets = book.names();
    assert_eq!(sheets.len(), 605);
    let first = book.sheet(&sheets[1]);
    assert_eq!(first.text(0, 0), format!("RACI: {}", sheets[1]));
    assert_eq!(first.activities().len(), raci::template::default_template().expect("template").activities.len());
    assert!(!first.people().is_empty());
    let backlog = first.accountable("Backlog ownership");
    assert!(backlog.len() <= 1, "{backlog:?}");
    assert_eq!(first.accountable("Sprint planning").len(), 1);

    let (_, json) = common::check_json(&[roster.to_str().expect("utf-8 path")]);
    let findings = json["findings"].as_array().expect("findings");
    let sheet = book.sheet("Findings");
    let last = findings.len() as u32 + 1;
    assert_eq!(sheet.text(last, 1), findings[findings.len() - 1]["code"].as_str().unwrap_or(""));
    assert_eq!(sheet.text(last + 1, 0), "");
}

// ----------------------------------------------------------------- -o DIR/

/// Names in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_directory_gets_one_workbook_per_team_that_opens_and_an_index_linking_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("org.csv");
    std::fs::write(&roster, generator::generate(600, 60, 1)).expect("write");
    let out = dir.path().join("books/");
    let run = raci().arg("generate").arg(&roster).arg("-o").arg(&out).output().expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("wrote 60 team workbooks and index.xlsx in "), "{stdout}");
    let files = listing(&out);
    assert_eq!(files.len(), 61, "{files:?}");
    assert!(files.contains(&"index.xlsx".to_string()));
    for file in &files {
        let mut book: Xlsx<_> = open_workbook(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let names = book.sheet_names();
        if file == "index.xlsx" {
            assert_eq!(names, ["Summary", "Workload", "Findings", "_raci", "_raci_roster"]);
        } else {
            assert_eq!(names.len(), 6, "{file}: {names:?}");
            let team = book.worksheet_range(&names[1]).expect("team sheet");
            assert_eq!(format!("{}.xlsx", text(&team, 0, 0).trim_start_matches("RACI: ")), *file);
        }
    }
    // The index: every team, linked to its file and sheet; the workload and findings of all teams.
    let index = out.join("index.xlsx");
    let mut book: Xlsx<_> = open_workbook(&index).expect("index");
    let summary = book.worksheet_range("Summary").expect("summary");
    let header = (0..40).find(|&r| text(&summary, r, 0) == "Team").expect("table");
    let teams: Vec<String> = (header + 1..header + 61).map(|r| text(&summary, r, 0)).collect();
    assert!(teams.iter().all(|t| files.contains(&format!("{t}.xlsx"))), "{teams:?}");
    let rels = part(&index, "xl/worksheets/_rels/sheet1.xml.rels");
    assert_eq!(rels.matches("TargetMode=\"External\"").count(), 60, "one link per team file");
    assert!(rels.contains(&format!("Target=\"{}\"", teams[0].replace(' ', "%20") + ".xlsx")), "{rels}");
    let workload = book.worksheet_range("Workload").expect("workload");
    let people = (4..2_000).take_while(|&r| !text(&workload, r, 0).is_empty()).count();
    let (_, json) = common::check_json(&[roster.to_str().expect("utf-8")]);
    assert_eq!(people as u64, json["summary"]["people"].as_u64().expect("people"));
    let findings = book.worksheet_range("Findings").expect("findings");
    let shown = (2..100_000).take_while(|&r| !text(&findings, r, 1).is_empty()).count();
    assert_eq!(shown, json["findings"].as_array().expect("findings").len());
    let findings_xml = part(&index, "xl/worksheets/sheet3.xml");
    assert!(
        findings_xml.contains("location=\"") && findings_xml.contains("!B6\""),
        "findings link to rows in the team files"
    );

    // Again into the existing directory: the same files, replaced.
    raci().arg("generate").arg(&roster).arg("-o").arg(dir.path().join("books")).assert().success();
    assert_eq!(listing(&out), files);
}

#[test]
fn group_by_makes_one_workbook_per_group_of_teams() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("tribes.csv");
    std::fs::write(
        &roster,
        "name,role,team,Tribe\nAda,PO,Alpha,Payments\nBob,PM,Alpha,\nCy,PO,Beta,Payments\nDee,PO,Gamma,Search\nEd,Dev,Delta,\n",
    )
    .expect("write");
    let out = dir.path().join("by-tribe/");
    let run =
        raci().arg("generate").arg(&roster).arg("-o").arg(&out).args(["--group-by", "tribe"]).output().expect("run");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!String::from_utf8_lossy(&run.stderr).contains("ignored columns"), "the tribe column is used");
    assert_eq!(listing(&out), ["Payments.xlsx", "Search.xlsx", "index.xlsx", "no tribe.xlsx"]);
    let payments: Xlsx<_> = open_workbook(out.join("Payments.xlsx")).expect("open");
    assert_eq!(payments.sheet_names(), ["Summary", "Alpha", "Beta", "Workload", "Findings", "_raci", "_raci_roster"]);
    let none: Xlsx<_> = open_workbook(out.join("no tribe.xlsx")).expect("open");
    assert_eq!(none.sheet_names()[1], "Delta");

    let conflict = dir.path().join("conflict.csv");
    std::fs::write(&conflict, "name,role,team,tribe\nAda,PO,Alpha,Payments\nBob,PM,Alpha,Search\n").expect("write");
    let failed = |roster: &Path, args: &[&str]| -> String {
        let run = raci().arg("generate").arg(roster).args(args).output().expect("run");
        assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8_lossy(&run.stderr).into_owned()
    };
    let target = dir.path().join("c/");
    let err = failed(&conflict, &["-o", target.to_str().expect("utf-8"), "--group-by", "tribe"]);
    assert!(err.contains(":3: team 'Alpha' is in group 'Search' here but in 'Payments' on line 2"), "{err}");
    assert!(!target.exists(), "the directory made for the run is gone again");
    let err = failed(&roster, &["-o", "x.xlsx", "--group-by", "tribe"]);
    assert!(err.contains("--group-by tribe writes one workbook per group, into a directory"), "{err}");
    let err = failed(&roster, &["-o", target.to_str().expect("utf-8"), "--group-by", "department"]);
    assert!(
        err.contains(":1: no column 'department' to group teams by (columns found: name, role, team, Tribe)"),
        "{err}"
    );
}

#[test]
fn a_new_output_directory_is_made_before_the_work_and_a_file_in_the_way_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("taken");
    std::fs::write(&file, "x").expect("write");
    let run = raci()
        .args(["generate", "examples/startup.csv", "-o"])
        .arg(format!("{}/", file.display()))
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("ends with / but is a file"));
    // A roster that fails after the directory is made: the directory goes again.
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "name,role\nAda,\n").expect("write");
    let target = dir.path().join("new/deeper/");
    let run = raci().arg("generate").arg(&broken).arg("-o").arg(&target).output().expect("run");
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.path().join("new").exists(), "no directory left behind");
}

// ----------------------------------------------------------------- hostile rosters (issue 15)

/// Rosters `raci check` accepts but whose findings outgrow a cell: every one is written, with long
/// cells shortened (`... and 2,482 more`) and none over Excel's 32,767 UTF-16 units.
#[test]
fn every_roster_check_accepts_is_written_with_long_cells_shortened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: &[(&str, &[&str], &str)] = &[
        ("workbook-one-team-3009.csv", &[], ""),
        ("workbook-reports-to-loop-5000.csv", &[], " more"),
        ("workbook-role-grows-lowercased.csv", &[], "..."),
        ("", &["--template", "tests/fixtures/hostile/workbook-long-description.toml"], "..."),
    ];
    for (roster, args, marker) in cases {
        let roster = if roster.is_empty() {
            "examples/startup.csv".to_string()
        } else {
            common::fixture(&format!("hostile/{roster}")).display().to_string()
        };
        let check = raci().arg("check").arg(&roster).args(*args).output().expect("run");
        assert!(matches!(check.status.code(), Some(0 | 1)), "{roster}: check accepts it");
        let out = dir.path().join("out.xlsx");
        let run = raci().arg("generate").arg(&roster).args(*args).arg("-o").arg(&out).output().expect("run");
        assert_eq!(run.status.code(), Some(0), "{roster}: {}", String::from_utf8_lossy(&run.stderr));
        let mut book: Xlsx<_> = open_workbook(&out).expect("opens");
        let mut longest = 0;
        let mut marked = false;
        for sheet in book.sheet_names() {
            let range = book.worksheet_range(&sheet).expect("sheet");
            for (_, _, cell) in range.used_cells() {
                if let Data::String(s) = cell {
                    let units = s.encode_utf16().count();
                    longest = longest.max(units);
                    marked |= units > 30_000 && s.ends_with(marker);
                }
            }
        }
        assert!(longest <= 32_767, "{roster}: {longest}");
        if !marker.is_empty() {
            assert!(marked, "{roster}: a long cell was shortened with {marker:?}");
        }
    }
    // The 5,000-person loop: the note counts the names left out.
    let out = dir.path().join("loop.xlsx");
    raci()
        .arg("generate")
        .arg(common::fixture("hostile/workbook-reports-to-loop-5000.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut book = Book::open(&out);
    let findings = book.sheet("Findings");
    let message = findings.text(2, 5);
    let (kept, more) = message.split_once(" ... and ").expect("shortened");
    let more: usize = more.trim_end_matches(" more").replace(',', "").parse().expect("a count");
    assert_eq!(kept.matches("', '").count() + 1 + more, 5_000, "{}", &message[message.len() - 80..]);
    let people = findings.text(2, 4);
    assert!(people.ends_with(" more") && people.encode_utf16().count() <= 32_767);
}

// ----------------------------------------------------------------- LibreOffice

/// `soffice` on the PATH, or `None` with a note that the test is skipped.
fn soffice(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join("soffice")).find(|p| p.is_file()));
    if found.is_none() {
        eprintln!("{test}: skipped: soffice (LibreOffice) is not on the PATH");
    }
    found
}

/// A LibreOffice profile that recalculates xlsx formulas on load (its default keeps the cached
/// results, which raci writes correct; an edited file needs them recalculated).
fn recalculating_profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).expect("profile");
    std::fs::write(
        user.join("registrymodifications.xcu"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#,
    )
    .expect("write profile");
    format!("-env:UserInstallation=file://{}", dir.join("profile").display())
}

fn convert(soffice: &Path, profile: &str, to: &str, file: &Path, outdir: &Path) -> PathBuf {
    let status = std::process::Command::new(soffice)
        .args([profile, "--headless", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed on {}", file.display());
    let stem = file.file_stem().expect("stem").to_string_lossy().into_owned();
    let converted = outdir.join(format!("{stem}.{to}"));
    assert!(converted.is_file(), "no {}", converted.display());
    converted
}

/// Remove the A from one row and add a second A to another, in the sheet XML; LibreOffice
/// recalculates, and the rows' checks, the summary and the workload follow.
#[test]
fn libreoffice_recalculates_the_checks_when_letters_are_edited() {
    let Some(soffice) = soffice("libreoffice_recalculates_the_checks_when_letters_are_edited") else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let out = generate("examples/scaleup.csv", dir.path());
    let edited = dir.path().join("edited.xlsx");
    {
        // Checkout: Dana Whitfield (column C) is A/R on row 6; Sofia Lind (column E) is I on row 7.
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).expect("open")).expect("zip");
        let mut writer = zip::ZipWriter::new(std::fs::File::create(&edited).expect("create"));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).expect("entry");
            let name = entry.name().expect("entry name").to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            if name == "xl/worksheets/sheet2.xml" {
                let xml = String::from_utf8(bytes).expect("utf-8");
                let cell = |r: &str| {
                    let start = xml.find(&format!("<c r=\"{r}\"")).unwrap_or_else(|| panic!("no {r}"));
                    let end = start + xml[start..].find("</c>").expect("cell end") + 4;
                    (start, end)
                };
                let (c6, e7) = (cell("C6"), cell("E7"));
                assert!(c6.1 < e7.0);
                let xml = format!(
                    "{}{}<c r=\"E7\" t=\"inlineStr\"><is><t>A</t></is></c>{}",
                    &xml[..c6.0],
                    &xml[c6.1..e7.0],
                    &xml[e7.1..]
                );
                bytes = xml.into_bytes();
            }
            writer.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
            std::io::Write::write_all(&mut writer, &bytes).expect("write");
        }
        writer.finish().expect("finish");
    }
    let converted = convert(&soffice, &recalculating_profile(dir.path()), "xlsx", &edited, &dir.path().join("lo"));
    let mut xlsx: Xlsx<_> = open_workbook(&converted).expect("LibreOffice's file opens");
    let sheet = xlsx.worksheet_range("Checkout").expect("sheet");
    let (a, check) = (header_col(&sheet, "A"), header_col(&sheet, "Check"));
    assert_eq!((number(&sheet, 5, a), text(&sheet, 5, check)), (0.0, "no A".to_string()), "the A removed");
    assert_eq!((number(&sheet, 6, a), text(&sheet, 6, check)), (2.0, "2 A".to_string()), "a second A");
    assert_eq!(text(&sheet, 7, check), "ok", "an untouched row");
    let summary = xlsx.worksheet_range("Summary").expect("summary");
    let row = (0..40).find(|&r| text(&summary, r, 0) == "Checkout").expect("Checkout row");
    assert_eq!(number(&summary, row, 8), 2.0, "rows to check");
    let workload = xlsx.worksheet_range("Workload").expect("workload");
    let dana = (4..40).find(|&r| text(&workload, r, 0) == "Dana Whitfield").expect("Dana");
    let original: Xlsx<_> = open_workbook(&out).expect("original");
    let mut original = original;
    let before = number(&original.worksheet_range("Workload").expect("workload"), dana, 5);
    assert_eq!(number(&workload, dana, 5), before - 1.0, "Dana's A count follows the edit");
}

#[test]
fn libreoffice_opens_the_index_and_renders_a_team_workbook() {
    let Some(soffice) = soffice("libreoffice_opens_the_index_and_renders_a_team_workbook") else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("org.csv");
    std::fs::write(&roster, generator::generate(600, 60, 1)).expect("write");
    let out = dir.path().join("books");
    raci().arg("generate").arg(&roster).arg("-o").arg(format!("{}/", out.display())).assert().success();
    let profile = recalculating_profile(dir.path());
    let pdf = convert(&soffice, &profile, "pdf", &out.join("index.xlsx"), &dir.path().join("pdf"));
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let team = listing(&out).into_iter().find(|f| f != "index.xlsx").expect("a team file");
    let pdf = convert(&soffice, &profile, "pdf", &out.join(team), &dir.path().join("pdf"));
    assert!(std::fs::metadata(&pdf).expect("pdf").len() > 1_000);
}

/// A `-o DIR/` run whose writes fail (an 8 KB file size limit): the existing index stays as it
/// was, no temporary file is left, and the error says the output is untouched.
#[cfg(unix)]
#[test]
fn a_directory_run_that_fails_leaves_the_index_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("books");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("index.xlsx"), b"old index").expect("write");
    let script = r#"ulimit -f 8 && trap '' XFSZ && exec "$0" generate "$1" -o "$2""#;
    let run = std::process::Command::new("sh")
        .args(["-c", script, env!("CARGO_BIN_EXE_raci")])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scaleup.csv"))
        .arg(format!("{}/", out.display()))
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write output") && stderr.contains("nothing was changed at the output path"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");
    assert_eq!(std::fs::read(out.join("index.xlsx")).expect("index"), b"old index");
    assert!(listing(&out).iter().all(|f| !f.starts_with(".raci-")), "{:?}", listing(&out));
}

/// Activities of the default template: the rows of a team sheet.
fn activity_count() -> u32 {
    raci::template::default_template().expect("template").activities.len() as u32
}

#[test]
fn a_row_whose_a_the_developers_hold_together_checks_ok() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = "tests/fixtures/realistic/scrum-guide-team.csv";
    let out = generate_with(roster, dir.path(), &["--template", "scrum"]);
    let mut xlsx: Xlsx<_> = open_workbook(&out).expect("open");
    let team = xlsx.worksheet_range("Atlas").expect("team");
    let (a_col, check) = (header_col(&team, "A"), header_col(&team, "Check"));
    let id = header_col(&team, "id");
    let row =
        (FIRST_ACTIVITY_ROW..FIRST_ACTIVITY_ROW + 40).find(|&r| text(&team, r, id) == "sprint-backlog").expect("row");
    // Several developers carry the one A they hold together, and the row is fine.
    assert!(number(&team, row, a_col) > 1.0, "{}", number(&team, row, a_col));
    assert_eq!(text(&team, row, check), "ok");
    let formulas = xlsx.worksheet_formula("Atlas").expect("formulas");
    let formula = formulas.get_value((row, check)).cloned().unwrap_or_default();
    assert!(!formula.contains("&\" A\""), "no '2 A' status on a group's row: {formula}");
    // The summary counts no row to check for it: the team is clean.
    let summary = xlsx.worksheet_range("Summary").expect("summary");
    let header = (0..40).find(|&r| text(&summary, r, 0) == "Team").expect("teams table");
    assert_eq!(number(&summary, header + 1, 8), 0.0, "rows to check");
}
