//! The CI packaging does what docs/ci.md says: the GitHub workflow's inputs, passed the way
//! action.yml passes them, run scripts/ci-check.sh on a repository with a fake step summary; the
//! GitLab job's command and the pre-commit hook's entry run as written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect(rel)
}

/// The fenced block of `lang` that follows a heading of docs/ci.md.
fn block(doc: &str, heading: &str, lang: &str) -> String {
    let after = &doc[doc.find(heading).unwrap_or_else(|| panic!("no heading {heading}"))..];
    let start = after.find(&format!("```{lang}\n")).expect("a block") + lang.len() + 4;
    after[start..start + after[start..].find("```").expect("the block's end")].to_string()
}

/// `key: value` lines indented below the line `parent` (its first match after `from`).
fn mapping(text: &str, from: &str, parent: &str) -> BTreeMap<String, String> {
    let lines: Vec<&str> = text.lines().skip_while(|l| !l.contains(from)).collect();
    let at = lines.iter().position(|l| l.trim() == parent).unwrap_or_else(|| panic!("no {parent} after {from}"));
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[at]);
    let mut out = BTreeMap::new();
    for line in &lines[at + 1..] {
        if line.trim().is_empty() || indent(line) <= base {
            break;
        }
        if let Some((key, value)) = line.trim().split_once(':') {
            out.insert(key.trim().to_string(), value.trim().trim_matches('\'').to_string());
        }
    }
    out
}

/// The directory holding the test binary, to put raci on the PATH as an install would.
fn path_with_raci() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_raci"));
    let dir = bin.parent().expect("bin dir").display().to_string();
    format!("{dir}:{}", std::env::var("PATH").unwrap_or_default())
}

/// A repository with two rosters under teams/.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("teams")).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("examples/missing-po.csv"), dir.path().join("teams/payments.csv")).expect("copy");
    std::fs::copy(root.join("examples/scaleup.csv"), dir.path().join("teams/scaleup.csv")).expect("copy");
    dir
}

fn shell(dir: &Path, script: &str) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path_with_raci())
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("run bash")
}

#[test]
fn the_workflow_in_docs_ci_md_runs_the_actions_script_as_action_yml_does() {
    let doc = read("docs/ci.md");
    let action = read("action.yml");
    let workflow = block(&doc, "## GitHub Actions", "yaml");
    let with = mapping(&workflow, "uses: your-org/raci@", "with:");
    assert_eq!(with.keys().collect::<Vec<_>>(), ["args", "rosters", "sarif-dir"]);

    // action.yml: the inputs the workflow gives exist, and reach the script through its environment.
    let inputs: Vec<String> = action
        .lines()
        .skip_while(|l| *l != "inputs:")
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .filter(|l| l.len() - l.trim_start().len() == 2)
        .map(|l| l.trim().trim_end_matches(':').to_string())
        .collect();
    assert_eq!(inputs, ["rosters", "args", "format", "sarif-dir", "install"]);
    let env = mapping(&action, "- name: raci check", "env:");
    let mut script_env: BTreeMap<String, String> = BTreeMap::new();
    for (var, value) in &env {
        let input = value.trim_start_matches("${{ inputs.").trim_end_matches(" }}");
        assert!(inputs.iter().any(|i| i == input), "{var} takes an input: {value}");
        let default = mapping(&action, &format!("  {input}:"), &format!("{input}:")).get("default").cloned();
        let given = with.get(input).cloned().or(default.map(|d| d.trim_matches('"').to_string())).unwrap_or_default();
        script_env.insert(var.clone(), given);
    }
    assert!(action.contains("run: '\"$GITHUB_ACTION_PATH/scripts/ci-check.sh\"'"), "the action runs the script");
    assert_eq!(script_env["RACI_ROSTERS"], "teams/*.csv");
    assert_eq!(script_env["RACI_FORMAT"], "github");

    // The adoption step of docs/ci.md records the baseline the workflow reads.
    let repo = repository();
    let adopt = block(&doc, "## Adopting the check", "sh");
    let first = adopt.lines().next().expect("a command");
    let out = shell(repo.path(), first);
    assert!(out.status.success(), "{first}: {}", String::from_utf8_lossy(&out.stderr));
    let baseline = std::fs::read_to_string(repo.path().join("raci-baseline.toml")).expect("the baseline");
    assert!(baseline.contains("roster = \"teams/payments.csv\"\ncode = \"missing-backlog-owner\""), "{baseline}");

    let run = |summary: &Path, env: &BTreeMap<String, String>| {
        let mut cmd = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ci-check.sh"));
        cmd.current_dir(repo.path())
            .envs(env)
            .env("RACI", env!("CARGO_BIN_EXE_raci"))
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_STEP_SUMMARY", summary)
            .env("NO_COLOR", "1");
        cmd.output().expect("run the script")
    };
    let summary = repo.path().join("summary.md");
    let out = run(&summary, &script_env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "today's findings are accepted: {stdout}");
    assert!(!stdout.lines().any(|l| l.starts_with("::error")), "{stdout}");
    let written = std::fs::read_to_string(&summary).expect("the step summary");
    for roster in ["teams/payments.csv", "teams/scaleup.csv"] {
        assert!(written.contains(&format!("# RACI check: {roster}\n")), "{written}");
    }
    assert!(written.contains("1 accepted by raci-baseline.toml"), "{written}");
    let sarif = std::fs::read_to_string(repo.path().join("raci-sarif/teams_payments.csv.sarif")).expect("SARIF");
    let sarif: Value = serde_json::from_str(&sarif).expect("JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let accepted: Vec<&Value> = results.iter().filter(|r| r["suppressions"][0]["kind"] == "external").collect();
    assert_eq!(accepted.len(), 1, "the accepted finding is a suppressed result");
    assert_eq!(accepted[0]["ruleId"], "missing-backlog-owner");
    assert!(repo.path().join("raci-sarif/teams_scaleup.csv.sarif").is_file());

    // A second PM on the Payments team is a new finding: annotated, and the job fails.
    let mut roster = std::fs::read_to_string(repo.path().join("teams/payments.csv")).expect("read");
    roster.push_str("Nina Berg,Product Manager,Payments\n");
    std::fs::write(repo.path().join("teams/payments.csv"), roster).expect("write");
    let out = run(&summary, &script_env);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::error file=teams/payments.csv,line=2,title=raci%3A multiple-accountable (team Payments)::"
        )),
        "{stdout}"
    );
    let sarif = std::fs::read_to_string(repo.path().join("raci-sarif/teams_payments.csv.sarif")).expect("SARIF");
    assert!(sarif.contains("\"baselineState\": \"new\""));

    // A roster that is not there is unusable input: the worst exit code wins.
    script_env.insert("RACI_ROSTERS".into(), "teams/scaleup.csv\nteams/gone.csv".into());
    let out = run(&summary, &script_env);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("teams/gone.csv: cannot read roster"));
}

#[test]
fn the_gitlab_job_in_docs_ci_md_writes_the_reports_gitlab_reads() {
    let doc = read("docs/ci.md");
    let job = block(&doc, "## GitLab CI", "yaml");
    let command = job
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("- raci check"))
        .expect("the job's raci check")
        .trim_start_matches("- ");
    let reports = mapping(&job, "artifacts:", "reports:");
    let repo = repository();
    std::fs::write(repo.path().join("raci-baseline.toml"), "version = 1\n").expect("write");
    let out = shell(repo.path(), &format!("ROSTER=teams/payments.csv; {command}"));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let junit = std::fs::read_to_string(repo.path().join(&reports["junit"])).expect("the JUnit report");
    let doc = roxmltree::Document::parse(&junit).expect("XML");
    assert!(doc.descendants().any(|n| n.has_tag_name("failure")));
    let quality = std::fs::read_to_string(repo.path().join(&reports["codequality"])).expect("the Code Quality report");
    let quality: Value = serde_json::from_str(&quality).expect("JSON");
    assert_eq!(quality[0]["location"]["path"], "teams/payments.csv");
}

#[test]
fn the_pre_commit_hook_checks_every_roster_it_is_given() {
    let hooks = read(".pre-commit-hooks.yaml");
    let hook = mapping(&hooks, "- id: raci-check", "- id: raci-check");
    assert_eq!(hook.get("language").map(String::as_str), Some("rust"));
    assert_eq!(hook.get("pass_filenames").map(String::as_str), Some("true"));
    let entry = hooks.lines().find_map(|l| l.trim().strip_prefix("entry: ")).expect("an entry");
    let config = block(&read("docs/ci.md"), "## pre-commit", "yaml");
    let args = mapping(&config, "- id: raci-check", "- id: raci-check")["args"].clone();
    let args = args.trim_matches(['[', ']']).split(", ").collect::<Vec<_>>().join(" ");
    let repo = repository();
    // As pre-commit runs it: the entry, the hook's args, then the files.
    let out = shell(repo.path(), &format!("{entry} {args} teams/scaleup.csv teams/payments.csv"));
    assert_eq!(out.status.code(), Some(1), "payments has no PO");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("teams/scaleup.csv: 3 teams") && stdout.contains("teams/payments.csv: 1 team"), "{stdout}");
    let out = shell(repo.path(), &format!("{entry} {args} teams/scaleup.csv"));
    assert_eq!(out.status.code(), Some(0));
}
