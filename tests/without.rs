//! `raci check --without NAME`: what breaks if someone leaves. The expected gaps are worked out
//! here from the matrix `raci generate --format json` prints, not written down.

mod common;

use std::collections::BTreeMap;

use common::{check_json, raci, strings, with_code};
use predicates::prelude::*;
use serde_json::Value;

const SCALEUP: &str = "examples/scaleup.csv";

/// The matrix of a roster as `generate --format json` prints it.
fn matrix(roster: &str) -> Value {
    let out = raci().args(["generate", roster, "--format", "json", "-o", "-", "-q"]).output().expect("run raci");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("matrix JSON")
}

/// Per (team, phase): the activities whose A, and whose R's, only these people hold.
fn expected_gaps(matrix: &Value, leavers: &[&str]) -> BTreeMap<(String, String), (Vec<String>, Vec<String>)> {
    let mut out: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for team in matrix["teams"].as_array().expect("teams") {
        for activity in team["activities"].as_array().expect("activities") {
            let holders = |letter: &str| -> Vec<String> {
                activity["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .filter(|c| c["letters"].as_str().unwrap_or("").split('/').any(|l| l == letter))
                    .map(|c| c["person"].as_str().unwrap_or("").to_string())
                    .collect()
            };
            let lost = |letter: &str| {
                let held = holders(letter);
                !held.is_empty() && held.iter().all(|p| leavers.contains(&p.as_str()))
            };
            let (a, r) = (lost("A"), lost("R"));
            if a || r {
                let key = (
                    team["name"].as_str().unwrap_or("").to_string(),
                    activity["phase"].as_str().unwrap_or("").to_string(),
                );
                let entry = out.entry(key).or_default();
                let id = activity["id"].as_str().unwrap_or("").to_string();
                if a {
                    entry.0.push(id.clone());
                }
                if r {
                    entry.1.push(id);
                }
            }
        }
    }
    out
}

/// The leaver-gap findings of a JSON report, per (team, phase) with the message.
fn found_gaps(json: &Value) -> BTreeMap<(String, String), &Value> {
    with_code(json, "leaver-gap")
        .into_iter()
        .map(|f| {
            let team = f["team"].as_str().expect("team").to_string();
            let message = f["message"].as_str().expect("message");
            let prefix = format!("team '{team}', ");
            let phase = message.strip_prefix(&prefix).and_then(|rest| rest.split(':').next()).expect("phase");
            ((team, phase.to_string()), f)
        })
        .collect()
}

/// The activities a message says nobody is accountable for (`A`) or responsible for (`R`).
fn listed(message: &str, letter: &str) -> Vec<String> {
    let word = if letter == "A" { "nobody is accountable for " } else { "nobody is responsible for " };
    let lost = message.split(" (a regenerate").next().unwrap_or("");
    lost.split(word)
        .nth(1)
        .map_or_else(Vec::new, |rest| rest.split(';').next().unwrap_or("").split(", ").map(str::to_string).collect())
}

fn report_schema() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/report.schema.json")).expect("schema");
    jsonschema::validator_for(&serde_json::from_str(&text).expect("schema JSON")).expect("a valid schema")
}

/// Check that the findings are exactly the gaps the matrix implies for these leavers.
fn assert_gaps_match(json: &Value, leavers: &[&str]) {
    let expected = expected_gaps(&matrix(SCALEUP), leavers);
    let found = found_gaps(json);
    assert_eq!(found.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "one finding per team and phase");
    for (key, (a, r)) in &expected {
        let f = found[key];
        let message = f["message"].as_str().unwrap_or("");
        assert_eq!(&listed(message, "A"), a, "{message}");
        assert_eq!(&listed(message, "R"), r, "{message}");
        let mut all: Vec<String> = a.iter().chain(r).cloned().collect();
        all.dedup();
        let activities = strings(&f["activities"]);
        assert!(all.iter().all(|id| activities.contains(id)) && activities.len() <= all.len(), "{activities:?}");
        assert_eq!(f["severity"], "error");
        assert!(strings(&f["people"]).iter().all(|p| leavers.contains(&p.as_str())), "{f}");
    }
}

#[test]
fn the_po_leaving_takes_the_a_of_the_backlog_activities_and_the_message_names_team_and_phase() {
    let (code, json) = check_json(&[SCALEUP, "--without", "Sofia Lind"]);
    assert_eq!(code, 1, "something breaks: exit 1");
    assert!(report_schema().iter_errors(&json).next().is_none(), "the report follows its schema");
    assert_gaps_match(&json, &["Sofia Lind"]);
    let gaps = with_code(&json, "leaver-gap");
    assert!(gaps.iter().all(|f| f["team"] == "Checkout"), "Sofia is on Checkout only");
    let planning = gaps.iter().find(|f| strings(&f["activities"]).contains(&"backlog-ownership".to_string()));
    let planning = planning.expect("backlog-ownership loses its A");
    let message = planning["message"].as_str().unwrap_or("");
    assert!(
        message
            .starts_with("team 'Checkout', planning: without 'Sofia Lind' nobody is accountable for backlog-ownership")
    );
    // A regenerate gives the backlog no fallback, and gives the PM what the chain lets it take.
    assert!(message.contains("'Dana Whitfield' (product-manager) accountable for product-design and release-planning"));
    assert!(message.contains("nobody accountable for backlog-ownership"), "{message}");
    assert_eq!(strings(&planning["people"]), ["Sofia Lind"]);
    assert_eq!(planning["location"]["line"], 4, "Sofia's roster line");
    assert!(planning["hint"].as_str().unwrap_or("").contains("product-owner"));
    // Today's findings are still there.
    assert_eq!(with_code(&json, "role-missing").len(), 2);
}

#[test]
fn someone_with_no_a_or_r_leaving_breaks_nothing_and_says_so() {
    raci()
        .args(["check", SCALEUP, "--without", "ravi menon"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("leaver-gap").not())
        .stdout(predicate::str::contains("22 people, without 'Ravi Menon': 0 errors"))
        .stderr(predicate::str::contains(
            "note: without 'Ravi Menon', no activity loses its accountable or its last responsible person",
        ));
    raci()
        .args(["check", SCALEUP, "--without", "ravi menon", "-q"])
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn two_leavers_are_struck_out_together_and_a_regenerate_has_neither() {
    let (code, json) = check_json(&[SCALEUP, "--without", "Sofia Lind", "--without", "DANA@shopfleet.example"]);
    assert_eq!(code, 1);
    assert_gaps_match(&json, &["Sofia Lind", "Dana Whitfield"]);
    let found = found_gaps(&json);
    let search: Vec<_> = found.iter().filter(|((team, _), _)| team == "Search").collect();
    assert!(!search.is_empty());
    assert!(search.iter().all(|(_, f)| strings(&f["people"]) == ["Dana Whitfield"]), "Sofia is not on Search");
    // Alone, Sofia's product-design goes to Dana on a regenerate; with Dana gone too, to nobody.
    let planning = found[&("Checkout".to_string(), "planning".to_string())]["message"].as_str().unwrap_or("");
    assert!(!planning.contains("'Dana Whitfield' (product-manager) accountable"), "{planning}");
    assert!(planning.contains("nobody accountable"), "{planning}");
    assert_eq!(json["summary"]["errors"].as_u64(), Some(found.len() as u64));
}

#[test]
fn a_name_is_matched_as_the_roster_writes_it_or_by_email() {
    let by_name = check_json(&[SCALEUP, "--without", "  sofia   LIND "]);
    let by_email = check_json(&[SCALEUP, "--without", "Sofia@ShopFleet.example"]);
    let both = check_json(&[SCALEUP, "--without", "Sofia Lind", "--without", "sofia@shopfleet.example"]);
    assert_eq!(by_name, by_email);
    assert_eq!(by_name, both, "the same person named twice counts once");
}

#[test]
fn an_unknown_name_exits_2_with_the_closest_names() {
    raci()
        .args(["check", SCALEUP, "--without", "Sofia Lindt"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "--without 'Sofia Lindt': nobody in examples/scaleup.csv has this name or email (did you mean 'Sofia Lind'?",
        ));
    // A first name alone is not a match, but it is suggested.
    raci()
        .args(["check", SCALEUP, "--without", "Sofia"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'Sofia Lind'?"));
    // Nothing close in a small roster: everybody is listed.
    raci()
        .args(["check", "examples/startup.csv", "--without", "Zed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name one of the people on the roster ('Maya Okafor', 'Jonas Berg',"));
}

#[test]
fn a_name_two_people_share_exits_2_asking_for_the_email() {
    let roster = "name,role,team,email\nAlex Kim,PO,Alpha,alex@alpha.example\nJo Park,Engineer,Alpha,jo@alpha.example\n\
                  Alex Kim,PO,Beta,alex.kim@beta.example\nMo Lee,Engineer,Beta,mo@beta.example\n";
    raci()
        .args(["check", "-", "--without", "alex kim"])
        .write_stdin(roster)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--without 'alex kim' names 2 people: 'Alex Kim' <alex@alpha.example> (<stdin>:2), 'Alex Kim' \
             <alex.kim@beta.example> (<stdin>:4)",
        ))
        .stderr(predicate::str::contains("--without alex@alpha.example"));
    let out = raci()
        .args(["check", "-", "--without", "alex.kim@beta.example", "--format", "json"])
        .write_stdin(roster)
        .output()
        .expect("run raci");
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let gaps = with_code(&json, "leaver-gap");
    assert!(!gaps.is_empty() && gaps.iter().all(|f| f["team"] == "Beta"), "only Beta's Alex leaves");
    assert!(gaps.iter().all(|f| f["location"]["line"] == 4));
}

#[test]
fn what_cannot_be_combined_with_without_is_refused() {
    raci()
        .args(["check", SCALEUP, "examples/startup.csv", "--without", "Sofia Lind"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--without names people of one roster, and 2 rosters are given"));
    let dir = tempfile::tempdir().expect("temp dir");
    let baseline = dir.path().join("b.toml");
    raci()
        .args(["check", SCALEUP, "--without", "Sofia Lind", "--write-baseline"])
        .arg(&baseline)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would accept findings about people who have not left"));
    assert!(!baseline.exists(), "no baseline written");
}

#[test]
fn a_baseline_of_today_leaves_only_what_the_leaving_breaks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let baseline = dir.path().join("today.toml");
    raci().args(["check", "examples/missing-po.csv", "-q", "--write-baseline"]).arg(&baseline).assert().code(0);
    let out = raci()
        .args(["check", "examples/missing-po.csv", "--without", "Karl Jensen", "--format", "json", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("run raci");
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let failing: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(!failing.is_empty() && failing.iter().all(|c| *c == "leaver-gap"), "{failing:?}");
}

#[test]
fn an_edited_workbook_is_read_as_it_stands_and_findings_name_its_cells() {
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("scaleup.xlsx");
    raci().args(["generate", SCALEUP, "-q", "-o"]).arg(&book).assert().success();
    let (code, from_book) = check_json(&[book.to_str().expect("path"), "--without", "Sofia Lind"]);
    let (_, from_roster) = check_json(&[SCALEUP, "--without", "Sofia Lind"]);
    assert_eq!(code, 1);
    let messages = |json: &Value| -> Vec<String> {
        with_code(json, "leaver-gap").iter().map(|f| f["message"].as_str().unwrap_or("").to_string()).collect()
    };
    assert_eq!(messages(&from_book), messages(&from_roster));
    let first = with_code(&from_book, "leaver-gap")[0];
    assert_eq!(first["location"]["sheet"], "Checkout");
    assert!(first["location"]["cell"].as_str().is_some_and(|c| !c.is_empty()), "{first}");
}

#[test]
fn junit_has_a_leaver_gap_case_only_when_the_run_asks() {
    let junit = |args: &[&str]| {
        let out = raci().arg("check").args(args).args(["--format", "junit"]).output().expect("run raci");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let asked = junit(&[SCALEUP, "--without", "Sofia Lind"]);
    let doc = roxmltree::Document::parse(&asked).expect("JUnit XML");
    let case = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("leaver-gap") && n.attribute("classname") == Some("raci.Checkout"))
        .expect("a leaver-gap case for Checkout");
    assert!(case.children().any(|c| c.has_tag_name("failure")), "it fails");
    assert!(!junit(&[SCALEUP]).contains("leaver-gap"));
}

#[test]
fn explain_tells_what_leaver_gap_means() {
    raci()
        .args(["explain", "leaver-gap"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--without"))
        .stdout(predicate::str::contains("How to fix it"));
}

#[test]
fn the_text_report_of_the_po_leaving() {
    let out = raci().args(["check", SCALEUP, "--without", "Sofia Lind"]).output().expect("run raci");
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("text_po_leaves", String::from_utf8_lossy(&out.stdout));
}
