//! The command line's comforts: shell completions, the manual page, examples in --help,
//! did-you-mean for finding codes, --quiet, and the progress bar (only on a terminal).

mod common;

use common::{on_path, raci};
use predicates::prelude::*;

fn stdout(args: &[&str]) -> String {
    let out = raci().args(args).output().expect("run raci");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn completions_for_every_shell_know_the_commands_and_their_options() {
    for (shell, marker) in [
        ("bash", "complete -F _raci"),
        ("zsh", "#compdef raci"),
        ("fish", "complete -c raci"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[raci]"),
    ] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains(marker), "{shell}");
        for word in ["generate", "check", "graph", "explain", "sheet"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("mermaid"), "{shell} completes values too");
        }
    }
    raci().args(["completions", "tcsh"]).assert().code(2).stderr(predicate::str::contains("invalid value 'tcsh'"));
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH raci 1"));
    for command in ["generate", "check", "graph", "explain", "templates", "completions", "man"] {
        assert!(page.contains(&format!("raci\\-{command}(1)")), "lists {command}");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let said = stdout(&["man", "--dir", dir.path().to_str().expect("path")]);
    assert!(said.starts_with("wrote the manual pages"));
    for page in ["raci.1", "raci-generate.1", "raci-graph.1", "raci-templates-export.1"] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap_or_else(|_| panic!("{page} written"));
        assert!(text.contains(".SH NAME"), "{page}");
    }
    let generate = std::fs::read_to_string(dir.path().join("raci-generate.1")).expect("read");
    assert!(generate.contains("\\-\\-format") && generate.contains("scaleup.md"), "options and examples");
    if on_path("man") {
        let out = std::process::Command::new("man").arg("-l").arg(dir.path().join("raci-generate.1")).output();
        if let Ok(out) = out {
            assert!(String::from_utf8_lossy(&out.stdout).contains("raci-generate"), "man renders the page");
        }
    } else {
        eprintln!("skipped: rendering the page needs man on the PATH");
    }
}

#[test]
fn help_shows_examples_that_name_real_commands() {
    let help = stdout(&["--help"]);
    assert!(help.contains("Examples:\n  raci generate roster.csv"));
    for command in ["generate", "check", "graph", "explain", "templates"] {
        let help = stdout(&[command, "--help"]);
        assert!(help.contains("Examples:\n  raci "), "{command} --help has examples");
        let short = stdout(&[command, "-h"]);
        assert!(short.contains("Examples:"), "{command} -h too");
    }
    let generate = stdout(&["generate", "-h"]).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(generate.contains("[possible values: xlsx, csv, md, html, json]"), "{generate}");
    let generate = stdout(&["generate", "--help"]);
    assert!(generate.contains("- html: One standalone page"), "{generate}");
}

#[test]
fn a_misspelt_code_gets_a_suggestion() {
    raci().args(["explain", "handof-gap"]).assert().code(2).stderr(predicate::str::starts_with(
        "raci: error: unknown finding code 'handof-gap' (did you mean 'handoff-gap'?)",
    ));
    raci()
        .args(["explain", "banana"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("raci: error: unknown finding code 'banana' (use one of these codes:"));
    raci()
        .args(["check", "examples/startup.csv", "--allow", "role_mising"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(did you mean 'role-missing'?)"));
}

#[test]
fn quiet_keeps_only_the_output_asked_for_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("m.md");
    // This roster has ignored columns and a Windows-1252 note.
    let roster = "tests/fixtures/messy/hr-export-1252.csv";
    raci()
        .args(["generate", roster, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("wrote "))
        .stderr(predicate::str::contains("raci: note:"));
    for format in ["md", "xlsx"] {
        let out = dir.path().join(format!("q.{format}"));
        raci().args(["generate", roster, "-q", "-o"]).arg(&out).assert().success().stdout("").stderr("");
        assert!(out.is_file());
    }
    raci().args(["--quiet", "generate", roster, "--format", "csv", "-o", "-"]).assert().success().stderr("");
    raci().args(["check", "examples/missing-po.csv", "-q"]).assert().code(1).stderr("");
    raci()
        .args(["check", "tests/fixtures/messy/empty-name.csv", "-q"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("raci: error:"));
}

#[test]
fn no_progress_bar_unless_stderr_is_a_terminal() {
    // assert_cmd captures stderr: not a terminal, so nothing but the summary line.
    raci()
        .args(["generate", "examples/scaleup.csv", "--format", "json", "-o", "-"])
        .assert()
        .success()
        .stderr("raci: 3 teams, 22 people: 0 errors, 0 warnings, 2 info\n");
}

#[test]
fn a_long_run_on_a_terminal_shows_progress_and_clears_it() {
    if !on_path("script") {
        eprintln!("skipped: the terminal check needs script (util-linux) on the PATH");
        return;
    }
    // Big enough that reading and checking takes well over the bar's delay (0.4 s) in a test build.
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("big.csv");
    let mut text = String::from("name,role,team\n");
    for t in 0..4000 {
        for (p, role) in
            ["PO", "PM", "Tech Lead", "Engineer", "Engineer", "Designer", "QA", "Scrum Master"].iter().enumerate()
        {
            text.push_str(&format!("Person {t}-{p},{role},Team {t}\n"));
        }
    }
    std::fs::write(&roster, text).expect("write");
    let bin = assert_cmd::cargo::cargo_bin!("raci");
    let run = |extra: &str| {
        let command = format!(
            "{} {extra} generate {} -o {}",
            bin.display(),
            roster.display(),
            dir.path().join("big.md").display()
        );
        let out = std::process::Command::new("script").args(["-qec", &command, "/dev/null"]).output().expect("script");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = run("");
    assert!(shown.contains("reading and checking"), "a spinner while reading: {shown:?}");
    assert!(shown.contains("\x1b[2K"), "the bar is cleared");
    let cleared = shown.rfind("\x1b[2K").unwrap_or(0);
    assert!(shown[cleared..].contains("wrote "), "the summary comes after the bar is gone: {shown:?}");
    let quiet = run("-q");
    assert_eq!(quiet, "", "--quiet: no bar");
}
