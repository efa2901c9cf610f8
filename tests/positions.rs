//! Findings carry their positions: the roster line of the person they name (or the team's first
//! line), the lines of the others, and the template line of their first activity.

mod common;

use std::path::Path;

use common::{check_json, raci, with_code};
use serde_json::Value;

/// Every roster the suite ships that checks without error, with its template when the fixture has one.
fn rosters() -> Vec<(String, Option<String>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["examples", "tests/fixtures/realistic"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("read dir") {
            let name = entry.expect("entry").file_name().to_string_lossy().to_string();
            if name.ends_with(".csv") {
                out.push((format!("{dir}/{name}"), None));
            }
        }
    }
    for entry in std::fs::read_dir(root.join("tests/fixtures")).expect("read dir") {
        let dir = entry.expect("entry").path();
        if dir.join("roster.csv").is_file() {
            let case = dir.file_name().expect("name").to_string_lossy().to_string();
            let template = dir.join("template.toml").is_file().then(|| format!("tests/fixtures/{case}/template.toml"));
            out.push((format!("tests/fixtures/{case}/roster.csv"), template));
        }
    }
    out.sort();
    out
}

fn line_of(text: &str, line: u64) -> &str {
    text.lines().nth(line as usize - 1).unwrap_or_else(|| panic!("no line {line}"))
}

/// Whether a roster line names a person or team: every word of the name is on it (first and last
/// name columns hold a name in two cells).
fn names(line: &str, name: &str) -> bool {
    name.split_whitespace().all(|word| line.contains(word))
}

fn unquoted(about: &str) -> &str {
    about.trim_start_matches("team ").trim_matches('\'')
}

#[test]
fn every_finding_points_at_the_roster_line_of_its_person_or_team() {
    let mut checked = 0;
    for (roster, template) in rosters() {
        let text =
            String::from_utf8_lossy(&std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(&roster)).expect("read"))
                .to_string();
        let mut args = vec![roster.as_str()];
        if let Some(t) = &template {
            args.extend(["--template", t]);
        }
        let (_, json) = check_json(&args);
        let has_team_column = line_of(&text, 1).to_lowercase().contains("team");
        for f in json["findings"].as_array().expect("findings") {
            let at = &f["location"];
            assert_eq!(at["file"], roster.as_str(), "{roster}: {f}");
            assert_eq!((&at["sheet"], &at["cell"]), (&Value::Null, &Value::Null), "{roster}: {f}");
            let line = at["line"].as_u64().unwrap_or_else(|| panic!("{roster}: no line in {f}"));
            let there = line_of(&text, line);
            match (f["people"][0].as_str(), f["team"].as_str()) {
                (Some(person), _) => assert!(names(there, person), "{roster}:{line} names {person}: {there:?}"),
                (None, Some(team)) if has_team_column => {
                    assert!(names(there, team), "{roster}:{line} is on team {team}: {there:?}")
                }
                _ => {}
            }
            for r in f["related"].as_array().expect("related") {
                if r["file"] == roster.as_str() {
                    let line = r["line"].as_u64().expect("line");
                    let about = unquoted(r["about"].as_str().expect("about"));
                    let there = line_of(&text, line);
                    assert!(about.split("', '").any(|a| names(there, a)), "{roster}:{line} names {about}: {there:?}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} findings seen");
}

#[test]
fn a_finding_naming_several_people_points_at_each_of_their_lines() {
    let (_, json) = check_json(&["tests/fixtures/multiple-accountable/roster.csv"]);
    let f = with_code(&json, "multiple-accountable")[0];
    assert_eq!(f["location"]["line"], 2);
    assert_eq!(f["related"][0]["line"], 3);
    assert_eq!(f["related"][0]["about"], "'Bruno Costa'");
    let (_, json) = check_json(&["tests/fixtures/over-allocated/roster.csv"]);
    let f = with_code(&json, "over-allocated")[0];
    let lines: Vec<&Value> = std::iter::once(&f["location"]["line"])
        .chain(f["related"].as_array().expect("related").iter().map(|r| &r["line"]))
        .collect();
    assert_eq!(lines, [2, 5]);
}

#[test]
fn a_finding_about_an_activity_names_its_template_file_and_line() {
    let template = "tests/fixtures/handoff-gap/template.toml";
    let (_, json) = check_json(&["tests/fixtures/handoff-gap/roster.csv", "--template", template]);
    let f = with_code(&json, "handoff-gap")[0];
    let related = f["related"].as_array().expect("related");
    let in_template: Vec<&Value> = related.iter().filter(|r| r["file"] == template).collect();
    assert_eq!(in_template.len(), 1, "{f}");
    let line = in_template[0]["line"].as_u64().expect("line");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(template)).expect("read");
    assert_eq!(line_of(&text, line), "[[activity]]");
    assert_eq!(line_of(&text, line + 1), "id = \"ship\"", "the upstream activity, where the fix goes");
    // A bundled template lives in the binary: no file to point at.
    let (_, json) = check_json(&["examples/missing-po.csv"]);
    assert!(json["findings"].as_array().expect("findings").iter().all(|f| f["related"] == Value::Array(vec![])));
}

#[test]
fn text_and_markdown_show_the_positions() {
    let out = raci().args(["check", "tests/fixtures/multiple-accountable/roster.csv"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("          at: tests/fixtures/multiple-accountable/roster.csv:2 (also line 3)\n"), "{text}");
    let out = raci()
        .args(["check", "tests/fixtures/multiple-accountable/roster.csv", "--format", "markdown"])
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains(
            "| error | `multiple-accountable` | tests/fixtures/multiple-accountable/roster.csv:2 (also line 3) |"
        ),
        "{md}"
    );
}
