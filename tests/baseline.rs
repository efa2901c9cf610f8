//! Fingerprints that survive unrelated edits, and baselines built on them: today's findings
//! accepted, new ones failing, expired entries failing again, fixed entries reported.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::raci;
use serde_json::Value;

fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `raci check --format json` with these args (and `RACI_TODAY` when given): exit code and report.
fn check(args: &[&str], today: Option<&str>) -> (i32, Value) {
    let mut cmd = raci();
    cmd.arg("check").args(args).args(["--format", "json", "-q"]);
    if let Some(day) = today {
        cmd.env("RACI_TODAY", day);
    }
    let out = cmd.output().expect("run raci");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code().expect("exit code"), json)
}

/// Fingerprint -> (code, team, people, line) of every finding.
fn by_fingerprint(report: &Value) -> BTreeMap<String, (String, String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["fingerprint"].as_str().expect("fingerprint").to_string(),
                (
                    f["code"].as_str().expect("code").to_string(),
                    f["team"].as_str().unwrap_or("").to_string(),
                    f["people"].to_string(),
                    f["location"]["line"].as_u64().expect("line"),
                ),
            )
        })
        .collect()
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array().expect("list").iter().map(|f| f["code"].as_str().expect("code").to_string()).collect()
}

#[test]
fn fingerprints_stay_when_unrelated_lines_are_inserted_and_lines_reordered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut compared = 0;
    let sources = [
        "tests/fixtures/realistic/safe-train.csv",
        "tests/fixtures/realistic/three-scrum-teams-one-pm.csv",
        "tests/fixtures/multiple-accountable/roster.csv",
        "tests/fixtures/reports-to-cycle/roster.csv",
    ];
    for source in sources {
        let text = std::fs::read_to_string(root(source)).expect("read");
        let (header, rows) = text.split_once('\n').expect("a header");
        let columns = header.split(',').count();
        let pad = |cells: &str| format!("{cells}{}", ",".repeat(columns - cells.split(',').count()));
        // Column order of these rosters: name, then role and team in some order; find them.
        let names: Vec<String> = header.split(',').map(|h| h.trim().to_lowercase()).collect();
        let at = |want: &[&str]| names.iter().position(|n| want.iter().any(|w| n.contains(w))).expect("column");
        let (name, role, team) = (at(&["name"]), at(&["role", "title"]), at(&["team", "squad"]));
        let person = |who: &str, r: &str, t: &str| {
            let mut cells = vec![String::new(); columns];
            cells[name] = who.to_string();
            cells[role] = r.to_string();
            cells[team] = t.to_string();
            pad(&cells.join(","))
        };
        // A whole new team at the top, blank lines, and the original rows in reverse order.
        let mut moved = format!("{header}\n\n");
        for (name, r) in [("Zoe Quinn", "Product Owner"), ("Yan Ruiz", "Product Manager"), ("Xia Sun", "Tech Lead")] {
            moved.push_str(&person(name, r, "Zeta Squad"));
            moved.push('\n');
        }
        moved.push('\n');
        let mut original: Vec<&str> = rows.lines().filter(|l| !l.trim().is_empty()).collect();
        original.reverse();
        moved.push_str(&original.join("\n"));
        moved.push('\n');
        let copy = dir.path().join(Path::new(source).file_name().expect("name"));
        std::fs::write(&copy, moved).expect("write");

        let (_, before) = check(&[source], None);
        let (_, after) = check(&[&copy.display().to_string()], None);
        let (before, after) = (by_fingerprint(&before), by_fingerprint(&after));
        compared += before.len();
        let mut lines_moved = 0;
        for (fingerprint, (code, team, people, line)) in &before {
            let Some((code2, team2, people2, line2)) = after.get(fingerprint) else {
                panic!("{source}: {code} on {team} {people} lost its fingerprint {fingerprint}");
            };
            assert_eq!((code, team), (code2, team2));
            assert_eq!(people.len(), people2.len());
            lines_moved += usize::from(line != line2);
        }
        assert!(lines_moved > 0, "{source}: the lines did move");
        let zeta: Vec<_> = after.values().filter(|(_, team, ..)| team == "Zeta Squad").collect();
        assert_eq!(after.len(), before.len() + zeta.len(), "{source}: only the new team's findings are new");
    }
    assert!(compared >= 10, "{compared} findings compared");
}

/// `examples/missing-po.csv` copied into a directory.
fn roster_in(dir: &Path) -> PathBuf {
    let roster = dir.join("roster.csv");
    std::fs::copy(root("examples/missing-po.csv"), &roster).expect("copy");
    roster
}

fn add_line(path: &Path, line: &str) {
    let mut text = std::fs::read_to_string(path).expect("read");
    text.push_str(line);
    text.push('\n');
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_baseline_accepts_todays_findings_fails_a_new_one_and_an_expired_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = roster_in(dir.path());
    let baseline = dir.path().join("raci-baseline.toml");
    let (r, b) = (roster.display().to_string(), baseline.display().to_string());

    assert_eq!(check(&[&r], None).0, 1, "the missing PO fails the check");
    let (code, report) = check(&[&r, "--write-baseline", &b], None);
    assert_eq!(code, 0, "the written baseline accepts today's findings: {report}");
    let written = std::fs::read_to_string(&baseline).expect("a baseline");
    assert!(written.contains("code = \"missing-backlog-owner\"\nteam = \"Payments\"\n"), "{written}");
    assert!(!written.contains("role-missing"), "info never fails, so it is not recorded");

    let (code, report) = check(&[&r, "--baseline", &b], None);
    assert_eq!(code, 0);
    assert_eq!(codes(&report["baseline"]["accepted"]), ["missing-backlog-owner"]);
    assert_eq!(codes(&report["findings"]), ["role-missing"]);
    assert_eq!(report["summary"]["errors"], 0);

    // A second PM on the team: two people accountable for the PM's work is new, and fails.
    add_line(&roster, "Nina Berg,Product Manager,Payments");
    let (code, report) = check(&[&r, "--baseline", &b], None);
    assert_eq!(code, 1);
    assert_eq!(codes(&report["findings"]), ["multiple-accountable", "role-missing"]);
    assert_eq!(report["findings"][0]["baseline"], Value::Null, "new");
    assert_eq!(codes(&report["baseline"]["accepted"]), ["missing-backlog-owner"], "the old finding stays accepted");

    // Accept the second PM too, until the end of June; from July it fails again.
    let (code, _) = check(&[&r, "--baseline", &b, "--write-baseline", &b], None);
    assert_eq!(code, 0);
    let toml = std::fs::read_to_string(&baseline).expect("read");
    let dated = toml.replace(
        "code = \"multiple-accountable\"\n",
        "code = \"multiple-accountable\"\nreason = \"Nina takes over in July\"\nowner = \"Karl\"\nexpires = 2026-06-30\n",
    );
    assert_ne!(dated, toml);
    std::fs::write(&baseline, dated).expect("write");
    assert_eq!(check(&[&r, "--baseline", &b], Some("2026-06-30")).0, 0, "accepted on its last day");
    let (code, report) = check(&[&r, "--baseline", &b], Some("2026-07-01"));
    assert_eq!(code, 1, "expired: {report}");
    let expired = &report["findings"][0];
    assert_eq!(expired["code"], "multiple-accountable");
    assert_eq!(expired["baseline"]["status"], "expired");
    assert_eq!(expired["baseline"]["reason"], "Nina takes over in July");
    assert_eq!(expired["baseline"]["expires"], "2026-06-30");
    let text = raci().args(["check", &r, "--baseline", &b]).env("RACI_TODAY", "2026-07-01").output().expect("run");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(&format!(
            "baseline: {b}:{} accepted it until 2026-06-30 (Nina takes over in July; owner Karl); expired",
            expired["baseline"]["line"]
        )),
        "{text}"
    );
    assert!(text.contains(&format!("1 accepted by {b}, 1 expired (check failed)")), "{text}");
}

#[test]
fn entries_whose_findings_are_gone_are_reported_fixed_and_a_refresh_drops_them_keeping_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = roster_in(dir.path());
    add_line(&roster, "Mo Reyes,Wizard,Payments");
    let baseline = dir.path().join("raci-baseline.toml");
    let (r, b) = (roster.display().to_string(), baseline.display().to_string());
    check(&[&r, "--write-baseline", &b], None);
    assert_eq!(std::fs::read_to_string(&baseline).expect("read").matches("\n[[finding]]\n").count(), 2);
    let toml = std::fs::read_to_string(&baseline).expect("read");
    std::fs::write(&baseline, toml.replace("# owner = \"who follows it up\"", "owner = \"Karl\"")).expect("write");

    // A PO joins: the backlog has an owner again.
    add_line(&roster, "Ida Lund,Product Owner,Payments");
    let (code, report) = check(&[&r, "--baseline", &b], None);
    assert_eq!(code, 0);
    let fixed = report["baseline"]["fixed"].as_array().expect("fixed");
    assert_eq!(codes(&report["baseline"]["fixed"]), ["missing-backlog-owner"]);
    assert!(fixed[0]["line"].as_u64().expect("line") > 0);
    let text = raci().args(["check", &r, "--baseline", &b]).output().expect("run");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains(&format!(
            "fixed since {b} (remove these entries):\n  {}",
            fixed[0]["fingerprint"].as_str().unwrap_or("")
        )),
        "{text}"
    );
    let md = raci().args(["check", &r, "--baseline", &b, "--format", "markdown"]).output().expect("run");
    assert!(String::from_utf8_lossy(&md.stdout).contains("## Fixed since"));

    let out = raci().args(["check", &r, "--baseline", &b, "--write-baseline", &b]).output().expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("(1 fixed entries of the old one dropped)"));
    let refreshed = std::fs::read_to_string(&baseline).expect("read");
    assert!(!refreshed.contains("missing-backlog-owner"));
    assert!(refreshed.contains("code = \"unknown-role\""), "{refreshed}");
    assert_eq!(refreshed.matches("owner = \"Karl\"").count(), 1, "the kept entry keeps its owner: {refreshed}");
}

#[test]
fn one_baseline_serves_several_rosters_each_seeing_only_its_own_entries() {
    let dir = tempfile::tempdir().expect("tempdir");
    let teams = dir.path().join("teams");
    std::fs::create_dir(&teams).expect("mkdir");
    std::fs::copy(root("examples/missing-po.csv"), teams.join("payments.csv")).expect("copy");
    std::fs::copy(root("tests/fixtures/multiple-accountable/roster.csv"), teams.join("billing.csv")).expect("copy");
    let run = |args: &[&str]| {
        let out = raci().current_dir(dir.path()).arg("check").args(args).args(["--format", "json", "-q"]).output();
        let out = out.expect("run raci");
        (out.status.code().expect("code"), serde_json::from_slice::<Value>(&out.stdout).expect("JSON"))
    };
    for roster in ["teams/payments.csv", "./teams/billing.csv"] {
        assert_eq!(run(&[roster, "--write-baseline", "raci-baseline.toml"]).0, 0);
    }
    let toml = std::fs::read_to_string(dir.path().join("raci-baseline.toml")).expect("read");
    assert_eq!(toml.matches("roster = \"teams/payments.csv\"").count(), 1, "{toml}");
    assert_eq!(toml.matches("roster = \"teams/billing.csv\"").count(), 1, "./ is dropped: {toml}");
    for roster in ["teams/payments.csv", "teams/billing.csv"] {
        let (code, report) = run(&[roster, "--baseline", "raci-baseline.toml"]);
        assert_eq!(code, 0, "{roster}");
        assert_eq!(report["baseline"]["accepted"].as_array().expect("accepted").len(), 1, "{roster}");
        assert_eq!(
            report["baseline"]["fixed"],
            Value::Array(vec![]),
            "{roster}: the other roster's entry is not fixed"
        );
    }
    // The same roster named by an absolute path below the working directory is the same roster.
    let absolute = dir.path().join("teams/payments.csv").display().to_string();
    assert_eq!(run(&[&absolute, "--baseline", "raci-baseline.toml"]).0, 0);
}

#[test]
fn a_failed_run_leaves_the_baseline_untouched_and_a_broken_one_is_refused_at_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = roster_in(dir.path());
    let baseline = dir.path().join("b.toml");
    std::fs::write(&baseline, "version = 1\n").expect("write");
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "name,role\n,PO\n").expect("write");
    let out = raci().arg("check").arg(&broken).arg("--write-baseline").arg(&baseline).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&baseline).expect("read"), "version = 1\n", "untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 3, "no temporary file left behind");

    std::fs::write(&baseline, "version = 1\n\n[[finding]]\nfingerprint = \"abc\"\nroster = \"roster.csv\"\n")
        .expect("write");
    let out = raci().arg("check").arg(&roster).arg("--baseline").arg(&baseline).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(&format!("raci: error: {}:3: fingerprint 'abc' is not one raci writes", baseline.display()))
    );
    assert_eq!(stderr.lines().count(), 1);
    assert!(out.stdout.is_empty());

    let out =
        raci().arg("check").arg(&roster).arg("--baseline").arg(dir.path().join("none.toml")).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("record one with --write-baseline FILE"));

    let out = raci().arg("check").arg(&roster).env("RACI_TODAY", "next week").output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RACI_TODAY='next week' is not a date"));
}
