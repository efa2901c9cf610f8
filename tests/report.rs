//! Snapshots of the check report in every format, on the bundled examples.

mod common;

use common::raci;

fn stdout(args: &[&str]) -> String {
    let out = raci().args(args).output().expect("run raci");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn text_report() {
    insta::assert_snapshot!("text_missing_po", stdout(&["check", "examples/missing-po.csv"]));
    insta::assert_snapshot!("text_scaleup", stdout(&["check", "examples/scaleup.csv"]));
}

#[test]
fn json_report() {
    insta::assert_snapshot!("json_missing_po", stdout(&["check", "examples/missing-po.csv", "--format", "json"]));
    insta::assert_snapshot!("json_startup", stdout(&["check", "examples/startup.csv", "--format", "json"]));
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!("markdown_scaleup", stdout(&["check", "examples/scaleup.csv", "--format", "markdown"]));
    insta::assert_snapshot!(
        "markdown_missing_po",
        stdout(&["check", "examples/missing-po.csv", "--format", "markdown"])
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let plain = stdout(&["check", "examples/missing-po.csv"]);
    assert!(!plain.contains('\x1b'), "no colour when piped");
    let coloured = stdout(&["check", "examples/missing-po.csv", "--color", "always"]);
    assert!(coloured.contains("\x1b[1;31merror"), "errors in red");
    let stripped = coloured.replace("\x1b[1;31m", "").replace("\x1b[1;33m", "").replace("\x1b[36m", "");
    let stripped = stripped.replace("\x1b[1m", "").replace("\x1b[0m", "");
    assert_eq!(stripped, plain);
}

#[test]
fn explain_text() {
    insta::assert_snapshot!("explain_combined_role", stdout(&["explain", "combined-role"]));
}

#[test]
fn ci_formats() {
    let handoff = ["tests/fixtures/handoff-gap/roster.csv", "--template", "tests/fixtures/handoff-gap/template.toml"];
    for (format, name) in [("sarif", "sarif"), ("github", "github"), ("junit", "junit"), ("codeclimate", "codeclimate")]
    {
        insta::assert_snapshot!(
            format!("{name}_missing_po"),
            stdout(&["check", "examples/missing-po.csv", "--format", format])
        );
        insta::assert_snapshot!(
            format!("{name}_handoff_gap"),
            stdout(&[&["check"][..], &handoff, &["--format", format]].concat())
        );
    }
    insta::assert_snapshot!(
        "junit_multiple_accountable",
        stdout(&["check", "tests/fixtures/multiple-accountable/roster.csv", "--format", "junit"])
    );
}
