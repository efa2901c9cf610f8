//! The command line end to end: exit codes, summaries, errors on unusable input, explain.

mod common;

use common::raci;
use predicates::prelude::*;

#[test]
fn generate_writes_the_workbook_and_prints_a_one_line_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("team.xlsx");
    raci().args(["generate", "examples/scaleup.csv", "-o"]).arg(&out).assert().success().stdout(
        predicate::str::is_match(r"^wrote .*team\.xlsx: 3 teams, 22 people: 0 errors, 0 warnings, \d+ info\n$")
            .expect("regex"),
    );
    assert!(out.is_file());
}

#[test]
fn generate_exits_0_even_when_findings_fail_a_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    raci()
        .args(["generate", "examples/missing-po.csv", "-o"])
        .arg(dir.path().join("x.xlsx"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 team, 6 people: 1 error"));
}

#[test]
fn generate_defaults_to_the_roster_name_in_the_current_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/startup.csv");
    raci().current_dir(dir.path()).arg("generate").arg(&roster).assert().success();
    assert!(dir.path().join("startup.xlsx").is_file());
}

#[test]
fn check_exits_1_on_errors_and_0_without() {
    raci()
        .args(["check", "examples/missing-po.csv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("missing-backlog-owner"));
    raci().args(["check", "examples/scaleup.csv"]).assert().code(0).stdout(predicate::str::contains("check passed"));
}

#[test]
fn unusable_input_is_one_line_naming_file_and_line_with_exit_2_and_no_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let no_name = dir.path().join("no-name.csv");
    std::fs::write(&no_name, "position,team\nPO,Alpha\n").expect("write");
    let missing = dir.path().join("missing.csv");
    let cases = [
        (&missing, "missing.csv: cannot read roster: "),
        (&empty, "empty.csv: the file is empty"),
        (&no_name, "no-name.csv:1: no name column (columns found: position, team)"),
    ];
    for (roster, expected) in cases {
        for command in ["generate", "check"] {
            let out = dir.path().join("out.xlsx");
            let mut cmd = raci();
            cmd.arg(command).arg(roster);
            if command == "generate" {
                cmd.arg("-o").arg(&out);
            }
            let output = cmd.output().expect("run raci");
            let stderr = String::from_utf8_lossy(&output.stderr).to_string();
            assert_eq!(output.status.code(), Some(2), "{command} {}: {stderr}", roster.display());
            assert!(stderr.starts_with("raci: error: "), "{stderr}");
            assert!(stderr.contains(expected), "{stderr}");
            assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
            assert!(!stderr.contains("panicked"));
            assert!(!out.exists(), "no output file on failure");
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    raci().arg("generate").assert().code(2);
    raci().args(["check", "examples/startup.csv", "--format", "yaml"]).assert().code(2);
    raci()
        .args(["check", "examples/startup.csv", "--allow", "no-such-code"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown finding code"));
    raci()
        .args(["check", "examples/startup.csv", "--template", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no template named 'nope'"));
}

#[test]
fn explain_covers_every_code_and_lists_codes_for_an_unknown_one() {
    for explanation in raci::check::CATALOGUE {
        let code = explanation.code.as_str();
        raci()
            .args(["explain", code])
            .assert()
            .success()
            .stdout(predicate::str::starts_with(code))
            .stdout(predicate::str::contains("Why it matters"))
            .stdout(predicate::str::contains("How to fix it"));
    }
    raci()
        .args(["explain", "no-such-code"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown finding code 'no-such-code'"))
        .stderr(predicate::str::contains("missing-backlog-owner"));
    let listing = raci().arg("explain").assert().success().get_output().stdout.clone();
    let listing = String::from_utf8_lossy(&listing);
    for explanation in raci::check::CATALOGUE {
        assert!(listing.contains(explanation.code.as_str()));
    }
}

#[test]
fn readme_lists_every_code_and_its_commands_use_real_files() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    for explanation in raci::check::CATALOGUE {
        assert!(readme.contains(&format!("`{}`", explanation.code.as_str())), "README misses {}", explanation.code);
    }
    for line in readme.lines().filter(|l| l.contains("examples/") && l.contains(".csv")) {
        for word in line.split(|c: char| c.is_whitespace() || c == '`' || c == '(' || c == ')') {
            if word.starts_with("examples/") && word.ends_with(".csv") {
                assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(word).is_file(), "README names {word}");
            }
        }
    }
}
