//! The matrix in every format: snapshots of CSV, Markdown and JSON; the Markdown parsed, the CSV
//! read back (and opened by LibreOffice when it is installed), the JSON checked against its schema,
//! the HTML page checked for links and opened in headless Chromium when it is installed.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use common::{fixture, on_path, raci};
use serde_json::Value;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `raci generate ARGS -o -`: exit 0, the bytes on stdout.
fn generated(args: &[&str]) -> Vec<u8> {
    let out = raci().arg("generate").args(args).args(["-o", "-"]).output().expect("run raci");
    assert!(out.status.success(), "generate {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn generated_text(args: &[&str]) -> String {
    String::from_utf8(generated(args)).expect("utf-8")
}

fn handoff_gap() -> Vec<String> {
    let roster = fixture("handoff-gap/roster.csv").display().to_string();
    let template = fixture("handoff-gap/template.toml").display().to_string();
    vec![roster, "--template".into(), template]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Paths in snapshots are relative to the crate, whatever the machine.
fn relative(text: &str) -> String {
    text.replace(&format!("{}/", env!("CARGO_MANIFEST_DIR")), "")
}

#[test]
fn csv_is_long_form_utf8_with_a_bom_and_crlf_lines() {
    let bytes = generated(&["examples/startup.csv", "--template", "startup", "--format", "csv"]);
    let text = std::str::from_utf8(bytes.strip_prefix(BOM).expect("a UTF-8 byte-order mark first")).expect("utf-8");
    assert!(text.split_inclusive('\n').all(|line| line.ends_with("\r\n")), "every line ends with CRLF");
    insta::assert_snapshot!("csv_startup", text.replace("\r\n", "\n"));
}

#[test]
fn csv_neutralises_formulas_and_reads_back_with_the_names_behind_an_apostrophe() {
    let roster = fixture("messy/formulas.csv");
    let bytes = generated(&[roster.to_str().expect("path"), "--format", "csv"]);
    let body = bytes.strip_prefix(BOM).expect("BOM");
    let mut read = csv::Reader::from_reader(body);
    let headers = read.headers().expect("header").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), raci::export::csv::COLUMNS);
    let records: Vec<csv::StringRecord> = read.records().map(|r| r.expect("record")).collect();
    assert!(!records.is_empty());
    for record in &records {
        for field in record {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "a cell a spreadsheet would run: {field:?}");
        }
    }
    // Every roster name comes back as written, behind one apostrophe.
    let mut roster_names = BTreeSet::new();
    for r in csv::Reader::from_path(&roster).expect("roster").records() {
        roster_names.insert(r.expect("roster record")[0].to_string());
    }
    let people: BTreeSet<String> = records.iter().map(|r| r[4].to_string()).collect();
    let expected: BTreeSet<String> = roster_names.iter().map(|n| format!("'{n}")).collect();
    let shown: Vec<&String> = people.iter().collect();
    assert!(people.is_subset(&expected), "people {shown:?} vs roster {roster_names:?}");
    for name in ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A9)", "=cmd|' /C calc'!A0"] {
        assert!(people.contains(&format!("'{name}")), "{name} neutralised: {shown:?}");
    }
    assert!(records.iter().all(|r| &r[0] == "'=1+2" || &r[0] == "Alpha"), "team cells too");

    // A spreadsheet program opening the file runs no formula: every cell is text.
    if !on_path("soffice") {
        eprintln!("skipped: the LibreOffice check needs soffice on the PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let csv_path = dir.path().join("matrix.csv");
    std::fs::write(&csv_path, &bytes).expect("write");
    let status = std::process::Command::new("soffice")
        .args(["--headless", "-env:UserInstallation=file://"])
        .arg(dir.path().join("profile"))
        .args(["--infilter=CSV:44,34,76", "--convert-to", "xlsx", "--outdir"])
        .arg(dir.path())
        .arg(&csv_path)
        .output()
        .expect("run soffice");
    assert!(status.status.success(), "soffice: {}", String::from_utf8_lossy(&status.stderr));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("matrix.xlsx")).expect("open");
    let sheet = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&sheet).expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "LibreOffice found a formula");
    let values = book.worksheet_range(&sheet).expect("values");
    let opened: BTreeSet<String> = values.rows().skip(1).map(|row| row[4].to_string()).collect();
    assert_eq!(opened, people, "LibreOffice shows the names as the CSV holds them");
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("markdown_missing_po", generated_text(&["examples/missing-po.csv", "--format", "md"]));
}

/// Tables in a Markdown text as a renderer sees them: (heading before it, header cells, body rows).
fn tables(markdown: &str) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut tables = Vec::new();
    let (mut heading, mut text) = (String::new(), String::new());
    let (mut head, mut rows, mut row): (Vec<String>, Vec<Vec<String>>, Vec<String>) =
        (Vec::new(), Vec::new(), Vec::new());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => text.clear(),
            Event::End(TagEnd::Heading(_)) => heading = text.clone(),
            Event::Start(Tag::TableCell) => text.clear(),
            Event::End(TagEnd::TableCell) => row.push(text.trim().to_string()),
            Event::End(TagEnd::TableHead) => head = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => {
                tables.push((heading.clone(), std::mem::take(&mut head), std::mem::take(&mut rows)))
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::InlineHtml(h) if &*h == "<br>" => text.push(' '),
            _ => {}
        }
    }
    tables
}

#[test]
fn markdown_has_one_matrix_table_per_team_with_every_activity_and_member() {
    let md = generated_text(&["examples/scaleup.csv", "--format", "md"]);
    let found = tables(&md);
    let matrices: Vec<_> = found.iter().filter(|(_, head, _)| head.first().is_some_and(|h| h == "Phase")).collect();
    let teams: Vec<&str> = matrices.iter().map(|(heading, ..)| heading.as_str()).collect();
    assert_eq!(teams, ["Team Checkout", "Team Search", "Team Mobile"]);
    let sizes = [12, 10, 10];
    for ((heading, head, rows), members) in matrices.iter().zip(sizes) {
        assert_eq!(head.len(), 2 + members, "{heading}: phase, activity and one column per member");
        assert_eq!(rows.len(), 31, "{heading}: one row per activity of product-lifecycle");
        assert!(rows.iter().all(|r| r.len() == head.len()), "{heading}: every row as wide as the header");
    }
    let checkout = &matrices[0];
    assert_eq!(checkout.1[2], "Dana Whitfield PM");
    assert_eq!(&checkout.2[0][..4], ["discovery", "Market research", "A/R", ""]);
    assert!(found.iter().any(|(_, head, _)| head == &["Letter", "Meaning"]), "the legend");
    // Each team's findings follow its matrix.
    let findings: Vec<_> = found.iter().filter(|(_, head, _)| head.first().is_some_and(|h| h == "Severity")).collect();
    // Checkout has no findings; Search and Mobile have one each.
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].0, "Findings for team Search");
}

#[test]
fn markdown_tables_survive_pipes_and_markup_in_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("odd.csv");
    std::fs::write(&roster, "name,role,team\n\"Ada | Lovelace\",PO,R|D\n*Bob*,PM,R|D\nCy `x`,Dev,R|D\n")
        .expect("write");
    let md = generated_text(&[roster.to_str().expect("path"), "--format", "md"]);
    let found = tables(&md);
    let matrix = found.iter().find(|(_, head, _)| head.first().is_some_and(|h| h == "Phase")).expect("a matrix");
    assert_eq!(matrix.1.len(), 5, "{:?}", matrix.1);
    assert_eq!(matrix.1[2], "Ada | Lovelace PO");
    assert!(matrix.2.iter().all(|r| r.len() == 5));
}

#[test]
fn json_snapshot_and_schema() {
    let args = handoff_gap();
    let text = generated_text(&[&strs(&args)[..], &["--format", "json"]].concat());
    insta::assert_snapshot!("json_handoff_gap", relative(&text));
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/matrix.schema.json"))
        .expect("docs/matrix.schema.json");
    jsonschema::validator_for(&serde_json::from_str(&text).expect("schema JSON")).expect("a valid schema")
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn json_follows_its_schema_and_each_reason_matches_its_letters() {
    let validator = schema();
    let gap = handoff_gap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["examples/scaleup.csv"],
        vec!["examples/missing-po.csv"],
        vec!["examples/startup.csv", "--template", "startup"],
        vec!["examples/excel-export.csv"],
        vec!["tests/fixtures/fallback-owner/roster.csv"],
        vec!["tests/fixtures/multiple-accountable/roster.csv"],
        vec!["tests/fixtures/unknown-role/roster.csv"],
        strs(&gap),
    ];
    let mut rules = BTreeSet::new();
    for args in cases {
        let doc: Value =
            serde_json::from_slice(&generated(&[&args[..], &["--format", "json"]].concat())).expect("JSON");
        assert_eq!(errors(&validator, &doc), Vec::<String>::new(), "{args:?}");
        for team in doc["teams"].as_array().expect("teams") {
            let members = team["members"].as_array().expect("members");
            for activity in team["activities"].as_array().expect("activities") {
                for cell in activity["cells"].as_array().expect("cells") {
                    let m = cell["member"].as_u64().expect("member") as usize;
                    assert_eq!(cell["person"], members[m]["name"]);
                    let letters: Vec<String> = cell["reasons"]
                        .as_array()
                        .expect("reasons")
                        .iter()
                        .map(|r| {
                            rules.insert(r["rule"].as_str().expect("rule").to_string());
                            r["letter"].as_str().expect("letter").to_string()
                        })
                        .collect();
                    assert_eq!(letters.join("/"), cell["letters"].as_str().expect("letters"), "{args:?}");
                }
            }
        }
    }
    let every: BTreeSet<String> = ["chain", "listed", "stand-in", "together"].map(String::from).into();
    assert_eq!(rules, every, "every rule seen");
}

#[test]
fn the_schema_refuses_what_raci_never_writes() {
    let validator = schema();
    let good: Value = serde_json::from_slice(&generated(&["examples/startup.csv", "--format", "json"])).expect("JSON");
    assert!(errors(&validator, &good).is_empty());
    let mut bad_letter = good.clone();
    bad_letter["teams"][0]["activities"][0]["cells"][0]["letters"] = "X".into();
    let mut no_teams = good.clone();
    no_teams.as_object_mut().expect("object").remove("teams");
    let mut extra = good.clone();
    extra["teams"][0]["members"][0]["shoe_size"] = 42.into();
    let mut bad_rule = good;
    bad_rule["teams"][0]["activities"][0]["cells"][0]["reasons"][0]["rule"] = "magic".into();
    for doc in [bad_letter, no_teams, extra, bad_rule] {
        assert!(!errors(&validator, &doc).is_empty());
    }
}

/// Every `href="#x"` has an element with `id="x"`.
fn dangling_links(html: &str) -> Vec<String> {
    let ids: BTreeSet<&str> = html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    html.split("href=\"#")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|l| !ids.contains(l))
        .map(String::from)
        .collect()
}

#[test]
fn html_is_one_standalone_page_with_escaped_names_and_links_that_land() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("odd.csv");
    std::fs::write(
        &roster,
        "name,role,team\n\"<script>alert(1)</script>\",PO,Core & Co\n\"Bob \"\"B\"\" O'Hara\",PM,Core & Co\nCy,Dev,Edge\n",
    )
    .expect("write");
    for args in [vec!["examples/scaleup.csv"], vec!["examples/missing-po.csv"], vec![roster.to_str().expect("path")]] {
        let html = generated_text(&[&args[..], &["--format", "html"]].concat());
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        for outside in ["<script", "<link", " src=", "url(", "http://", "https://", "@import"] {
            assert!(!html.contains(outside), "{args:?}: nothing loads from elsewhere, found {outside}");
        }
        assert_eq!(dangling_links(&html), Vec::<String>::new(), "{args:?}");
        assert!(html.contains("@media print"));
    }
    let html = generated_text(&[roster.to_str().expect("path"), "--format", "html"]);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Bob &quot;B&quot; O&#39;Hara"));
    assert!(html.contains("<a href=\"#t0\">Core &amp; Co"));

    // Findings link to their rows; error and warning rows link back.
    let html = generated_text(&["examples/missing-po.csv", "--format", "html"]);
    assert!(
        html.contains("<p class=\"rows\">rows: <a href=\"#t0-a11\">Backlog ownership</a>"),
        "missing-backlog-owner rows"
    );
    assert!(html.contains("<tr id=\"t0-a11\"><th class=\"activity\" scope=\"row\" title=\"backlog-ownership\">Backlog ownership<a class=\"flag sev-error\" href=\"#f0\""));
    let teams = html.matches("<section id=\"t").count();
    assert_eq!(teams, 1);
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(..24)?;
    (header.starts_with(b"\x89PNG\r\n\x1a\n") && &header[12..16] == b"IHDR").then(|| {
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&header[16..20]), be(&header[20..24]))
    })
}

fn chromium(dir: &Path, extra: &[String], page: &Path) -> std::process::Output {
    let mut cmd = std::process::Command::new("chromium");
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()))
    .args(extra)
    .arg(format!("file://{}", page.display()));
    cmd.output().expect("run chromium")
}

#[test]
fn html_opens_in_a_headless_browser_and_prints_one_team_per_page() {
    if !on_path("chromium") {
        eprintln!("skipped: the browser check needs chromium on the PATH");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("scaleup.html");
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&page).assert().success();
    let shot = dir.path().join("shot.png");
    let run =
        chromium(dir.path(), &["--window-size=1400,1000".into(), format!("--screenshot={}", shot.display())], &page);
    let png =
        std::fs::read(&shot).unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&run.stderr)));
    assert_eq!(png_size(&png), Some((1400, 1000)));
    assert!(png.len() > 20_000, "a page with content, not a blank one ({} bytes)", png.len());

    if !on_path("pdftotext") {
        eprintln!("skipped: the print check needs pdftotext on the PATH");
        return;
    }
    let pdf = dir.path().join("page.pdf");
    let run =
        chromium(dir.path(), &["--no-pdf-header-footer".into(), format!("--print-to-pdf={}", pdf.display())], &page);
    assert!(pdf.is_file(), "no PDF: {}", String::from_utf8_lossy(&run.stderr));
    let text =
        std::process::Command::new("pdftotext").args(["-layout"]).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text.split('\x0c').filter(|p| !p.trim().is_empty()).collect();
    for team in ["Checkout", "Search", "Mobile"] {
        let heading = format!("Team {team}");
        let page = pages.iter().find(|p| p.contains(&heading)).unwrap_or_else(|| panic!("{heading} is printed"));
        let first_line = page.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        if team != "Checkout" {
            assert_eq!(first_line.trim(), heading, "each team starts a page");
        }
    }
    let index = |l: &&str| ["Checkout", "Search", "Mobile"].iter().all(|t| l.contains(t));
    assert!(!pages[0].lines().any(|l| index(&l)), "the team index is not printed");
    assert!(pages[0].contains("Team Checkout"), "the first team shares the first page with the title");
}

#[test]
fn graph_snapshots() {
    let args = handoff_gap();
    let dot = raci().arg("graph").args(&args).output().expect("run");
    assert!(dot.status.success());
    insta::assert_snapshot!("graph_dot_handoff_gap", relative(&String::from_utf8_lossy(&dot.stdout)));
    let mermaid = raci().arg("graph").args(&args).args(["--format", "mermaid"]).output().expect("run");
    assert!(mermaid.status.success());
    insta::assert_snapshot!("graph_mermaid_handoff_gap", relative(&String::from_utf8_lossy(&mermaid.stdout)));
}

/// The edges of a DOT graph with their label: (team, upstream, downstream) -> label.
fn dot_edges(dot: &str) -> HashMap<(usize, usize, usize), String> {
    let node = |s: &str| -> (usize, usize) {
        let (t, a) = s.trim().trim_start_matches('t').split_once("_a").expect("node id");
        (t.parse().expect("team"), a.trim_end_matches(';').parse().expect("activity"))
    };
    dot.lines()
        .filter_map(|line| {
            let (from, rest) = line.split_once(" -> ")?;
            let to = rest.split([' ', ';']).next()?;
            let label = rest.split("label=\"").nth(1).and_then(|l| l.split('"').next()).unwrap_or("").to_string();
            let ((t, up), (_, down)) = (node(from), node(to));
            Some(((t, up, down), label))
        })
        .collect()
}

#[test]
fn hand_offs_are_where_the_accountable_person_changes_and_gaps_are_red() {
    // The JSON export says who holds each A; the graph must mark exactly the edges where it changes.
    let doc: Value = serde_json::from_slice(&generated(&["examples/scaleup.csv", "--format", "json"])).expect("JSON");
    let dot = raci().args(["graph", "examples/scaleup.csv"]).output().expect("run");
    let edges = dot_edges(&String::from_utf8_lossy(&dot.stdout));
    let mut expected = HashMap::new();
    for (t, team) in doc["teams"].as_array().expect("teams").iter().enumerate() {
        let activities = team["activities"].as_array().expect("activities");
        let index: HashMap<&str, usize> =
            activities.iter().enumerate().map(|(i, a)| (a["id"].as_str().expect("id"), i)).collect();
        let owners: Vec<BTreeSet<u64>> = activities
            .iter()
            .map(|a| {
                a["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .filter(|c| c["letters"].as_str().is_some_and(|l| l.starts_with('A')))
                    .map(|c| c["member"].as_u64().expect("member"))
                    .collect()
            })
            .collect();
        for (down, activity) in activities.iter().enumerate() {
            for up in activity["depends_on"].as_array().expect("depends_on") {
                let up = index[up.as_str().expect("id")];
                let handoff = !owners[up].is_empty() && !owners[down].is_empty() && owners[up] != owners[down];
                expected.insert((t, up, down), if handoff { "hand-off" } else { "" }.to_string());
            }
        }
    }
    assert_eq!(edges, expected);
    assert!(edges.values().filter(|l| *l == "hand-off").count() >= 10, "scaleup has hand-offs between PM and PO");

    let dot = raci().arg("graph").args(handoff_gap()).output().expect("run");
    let text = String::from_utf8_lossy(&dot.stdout);
    let gap = text.lines().find(|l| l.contains("t0_a0 -> t0_a1")).expect("ship -> announce");
    assert!(gap.contains("label=\"handoff-gap\"") && gap.contains("color=\"#c00000\""), "{gap}");
}

#[test]
fn dot_renders_the_graph_as_svg() {
    if !on_path("dot") {
        eprintln!("skipped: rendering needs graphviz (dot) on the PATH");
        return;
    }
    let gap = handoff_gap();
    for args in [vec!["examples/scaleup.csv"], vec!["examples/missing-po.csv"], strs(&gap)] {
        let graph = raci().arg("graph").args(&args).output().expect("run raci");
        assert!(graph.status.success());
        let mut dot = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run dot");
        std::io::Write::write_all(&mut dot.stdin.take().expect("stdin"), &graph.stdout).expect("feed dot");
        let out = dot.wait_with_output().expect("dot");
        assert!(out.status.success() && out.stderr.is_empty(), "dot: {}", String::from_utf8_lossy(&out.stderr));
        let svg = String::from_utf8_lossy(&out.stdout);
        assert!(svg.contains("<svg"), "{args:?}");
        let text = String::from_utf8_lossy(&graph.stdout);
        let nodes = text.lines().filter(|l| l.trim_start().starts_with('t') && !l.contains(" -> ")).count();
        assert_eq!(svg.matches("class=\"node\"").count(), nodes, "{args:?}: every activity drawn");
    }
}

#[test]
fn graph_draws_the_teams_asked_for() {
    let out = raci().args(["graph", "examples/scaleup.csv", "--team", "search"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("subgraph cluster_t1 {") && text.contains("label=\"Team Search\""));
    assert_eq!(text.matches("subgraph cluster_").count(), 1);
    raci().args(["graph", "examples/scaleup.csv", "--team", "Payments"]).assert().code(2).stderr(
        predicates::str::contains(
            "--team 'Payments' is not a team of examples/scaleup.csv (teams are: Checkout, Search, Mobile)",
        ),
    );
}

#[test]
fn the_output_extension_picks_the_format_and_others_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = |name: &str, extra: &[&str]| {
        let path = dir.path().join(name);
        let out = raci().args(["generate", "examples/startup.csv", "-o"]).arg(&path).args(extra).output().expect("run");
        (out, path)
    };
    for (name, starts) in [
        ("m.csv", &b"\xEF\xBB\xBFteam,phase"[..]),
        ("m.MD", b"# RACI matrix"),
        ("m.markdown", b"# RACI matrix"),
        ("m.html", b"<!DOCTYPE html>"),
        ("m.htm", b"<!DOCTYPE html>"),
        ("m.json", b"{\n  \"format\": \"raci-matrix\""),
        ("m.xlsx", b"PK\x03\x04"),
        ("no-extension", b"PK\x03\x04"),
    ] {
        let (out, path) = run(name, &[]);
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read(&path).expect("written").starts_with(starts), "{name}");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.starts_with(&format!("wrote {}: 1 team, 5 people: ", path.display())), "{said}");
    }
    let (out, path) = run("m.txt", &["--format", "json"]);
    assert!(out.status.success());
    assert!(std::fs::read(&path).expect("written").starts_with(b"{"), "--format beats the extension");
    for name in ["m.pdf", "m.xls", "m.ods"] {
        let (out, path) = run(name, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let ext = name.trim_start_matches("m.");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "raci: error: {}: raci does not write .{ext} files (name the output with one of .xlsx, .csv, .md, .html, .json, or choose the format with --format)\n",
                path.display()
            )
        );
        assert!(!path.exists(), "{name}: nothing written");
    }
}

#[test]
fn without_an_output_the_file_is_named_after_the_roster_in_the_format_asked_for() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/startup.csv");
    for (format, file) in
        [("html", "startup.html"), ("md", "startup.md"), ("json", "startup.json"), ("csv", "startup.csv")]
    {
        raci().current_dir(dir.path()).arg("generate").arg(&roster).args(["--format", format]).assert().success();
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    // Here the default would be the roster itself: refused, the roster untouched.
    let copy = dir.path().join("startup.csv");
    std::fs::copy(&roster, &copy).expect("copy");
    let before = std::fs::read(&copy).expect("read");
    raci()
        .current_dir(dir.path())
        .args(["generate", "startup.csv", "--format", "csv"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("the output is the roster itself"));
    assert_eq!(std::fs::read(&copy).expect("read"), before);
}

#[test]
fn every_format_is_deterministic_and_a_failed_run_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    for format in ["csv", "md", "html", "json", "xlsx"] {
        let a = generated(&["examples/scaleup.csv", "--format", format]);
        let b = generated(&["examples/scaleup.csv", "--format", format]);
        assert!(a == b, "{format}: same input, same bytes");
        let out = dir.path().join(format!("m.{format}"));
        std::fs::write(&out, "old").expect("write");
        raci().args(["generate", "tests/fixtures/messy/empty-name.csv", "-o"]).arg(&out).assert().code(2);
        assert_eq!(std::fs::read_to_string(&out).expect("read"), "old", "{format}");
    }
}

#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    if !on_path("script") {
        eprintln!("skipped: the terminal check needs script (util-linux) on the PATH");
        return;
    }
    let raci_bin = assert_cmd::cargo::cargo_bin!("raci");
    let under_tty = |command: &str| {
        std::process::Command::new("script")
            .args(["-qec", command, "/dev/null"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run script")
    };
    let out = under_tty(&format!("{} generate examples/startup.csv -o -", raci_bin.display()));
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("raci: error: the workbook is a binary file and standard output is a terminal (redirect it"),
        "{text}"
    );
    assert!(!text.contains("PK"), "no zip bytes on the terminal");
    // Text formats are fine on a terminal, and so is a workbook piped on.
    let out = under_tty(&format!("{} generate examples/startup.csv --format md -o - -q", raci_bin.display()));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# RACI matrix"));
    let out = under_tty(&format!("{} generate examples/startup.csv -o - -q | head -c 2", raci_bin.display()));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "PK");
}
