//! The report formats CI systems read, read back the way they read them: SARIF against the SARIF
//! 2.1.0 schema, JUnit through an XML parser, the JSON report against `raci schema`, GitHub
//! workflow commands and GitLab Code Quality field by field; and the GitHub step summary.

mod common;

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use common::raci;
use serde_json::Value;

/// Rosters with every kind of finding: the examples, a template read from a file, a workbook roster.
const CASES: &[&[&str]] = &[
    &["examples/missing-po.csv"],
    &["examples/scaleup.csv"],
    &["examples/startup.csv"],
    &["examples/excel-export.csv"],
    &["tests/fixtures/multiple-accountable/roster.csv"],
    &["tests/fixtures/reports-to-cycle/roster.csv"],
    &["tests/fixtures/over-allocated/roster.csv"],
    &["tests/fixtures/po-spread/roster.csv"],
    &["tests/fixtures/unknown-role/roster.csv"],
    &["tests/fixtures/handoff-gap/roster.csv", "--template", "tests/fixtures/handoff-gap/template.toml"],
    &["tests/fixtures/realistic/google-sheets-squads.csv"],
    &["tests/fixtures/sheets/scaleup.ods"],
];

fn run(args: &[&str], format: &str) -> (i32, String) {
    let out = raci().arg("check").args(args).args(["--format", format, "-q"]).output().expect("run raci");
    (out.status.code().expect("exit code"), String::from_utf8(out.stdout).expect("utf-8"))
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect(rel)
}

fn errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

/// A baseline for `examples/missing-po.csv` with a second PM: it accepts the missing PO, and its
/// entry for the two PMs has expired, so that reports show accepted and expired findings.
fn baseline_case(dir: &Path) -> Vec<String> {
    let roster = dir.join("roster.csv");
    let mut text = read("examples/missing-po.csv");
    text.push_str("Nina Berg,Product Manager,Payments\n");
    std::fs::write(&roster, text).expect("write");
    let baseline = dir.join("baseline.toml");
    raci().arg("check").arg(&roster).arg("--write-baseline").arg(&baseline).arg("-q").assert().success();
    let toml = std::fs::read_to_string(&baseline).expect("read");
    let expired = "code = \"multiple-accountable\"\nexpires = 2000-01-01\n";
    std::fs::write(&baseline, toml.replace("code = \"multiple-accountable\"\n", expired)).expect("write");
    vec![roster.display().to_string(), "--baseline".into(), baseline.display().to_string()]
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_locations_and_fingerprints() {
    let schema = json_of(&read("tests/schemas/sarif-2.1.0/sarif-schema-2.1.0.json"));
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let dir = tempfile::tempdir().expect("tempdir");
    let with_baseline = baseline_case(dir.path());
    let mut cases: Vec<Vec<String>> = CASES.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect();
    cases.push(with_baseline);
    let mut suppressed = 0;
    for case in &cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let (_, text) = run(&args, "sarif");
        let log = json_of(&text);
        assert_eq!(errors(&validator, &log), Vec::<String>::new(), "{args:?}");
        let sarif_run = &log["runs"][0];
        let rules: Vec<&str> = sarif_run["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        assert_eq!(rules.len(), raci::check::CATALOGUE.len(), "every code is declared");
        for rule in sarif_run["tool"]["driver"]["rules"].as_array().expect("rules") {
            for key in ["shortDescription", "fullDescription", "help"] {
                assert!(!rule[key]["text"].as_str().unwrap_or("").is_empty(), "{rule}: {key}");
            }
        }
        let (_, json) = run(&args, "json");
        let json = json_of(&json);
        let results = sarif_run["results"].as_array().expect("results");
        let accepted = json["baseline"]["accepted"].as_array().map_or(0, Vec::len);
        assert_eq!(results.len(), json["findings"].as_array().expect("findings").len() + accepted);
        for (result, finding) in results.iter().zip(json["findings"].as_array().expect("findings")) {
            assert_eq!(result["ruleId"], finding["code"]);
            assert_eq!(rules[result["ruleIndex"].as_u64().expect("index") as usize], finding["code"]);
            let level = match finding["severity"].as_str() {
                Some("info") => "note",
                other => other.expect("severity"),
            };
            assert_eq!(result["level"], level);
            assert!(
                result["message"]["text"].as_str().expect("text").starts_with(finding["message"].as_str().expect("m"))
            );
            assert_eq!(result["partialFingerprints"]["raciFinding/v1"], finding["fingerprint"]);
            let physical = &result["locations"][0]["physicalLocation"];
            let roster = finding["location"]["file"].as_str().expect("file");
            let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
            if roster.starts_with('/') {
                assert!(
                    uri.starts_with("file:///") || physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%",
                    "{uri}"
                );
            } else {
                assert_eq!(uri, roster, "a relative path stays as it is");
                assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            }
            match finding["location"]["sheet"].as_str() {
                None => assert_eq!(physical["region"]["startLine"], finding["location"]["line"]),
                Some(sheet) => assert_eq!(result["locations"][0]["properties"]["sheet"], sheet),
            }
        }
        for result in &results[results.len() - accepted..] {
            assert_eq!(result["suppressions"][0]["kind"], "external");
            assert_eq!(result["baselineState"], "unchanged");
            suppressed += 1;
        }
    }
    assert!(suppressed > 0, "a baseline's accepted findings are suppressed results");
    // The validation can fail: a level SARIF does not know is caught.
    let (_, text) = run(&["examples/missing-po.csv"], "sarif");
    let broken = text.replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1);
    assert!(!errors(&validator, &json_of(&broken)).is_empty());
}

/// The `name` attribute of the test cases in a suite.
fn cases<'a>(suite: roxmltree::Node<'a, 'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    suite.children().filter(|n| n.has_tag_name("testcase")).collect()
}

fn attr_count(node: roxmltree::Node<'_, '_>, name: &str) -> usize {
    node.attribute(name).unwrap_or_else(|| panic!("no {name}")).parse().expect("a count")
}

#[test]
fn junit_parses_with_a_suite_per_team_and_a_case_per_check() {
    let (code, xml) = run(&["examples/missing-po.csv", "--allow", "po-spread"], "junit");
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root.children().filter(|n| n.has_tag_name("testsuite")).collect();
    let names: Vec<&str> = suites.iter().map(|s| s.attribute("name").expect("name")).collect();
    assert_eq!(names, ["roster", "Payments"]);
    assert_eq!(cases(suites[0]).len(), 4, "the roster-wide checks");
    assert_eq!(cases(suites[1]).len(), 13, "the team checks");
    let mut tests = 0;
    let mut failures = 0;
    for suite in &suites {
        let cases = cases(*suite);
        assert_eq!(attr_count(*suite, "tests"), cases.len());
        let failed = cases.iter().filter(|c| c.children().any(|n| n.has_tag_name("failure"))).count();
        assert_eq!(attr_count(*suite, "failures"), failed);
        tests += cases.len();
        failures += failed;
    }
    assert_eq!((attr_count(root, "tests"), attr_count(root, "failures")), (tests, failures));
    let case = |suite: usize, name: &str| {
        cases(suites[suite]).into_iter().find(|c| c.attribute("name") == Some(name)).expect("case")
    };
    let missing = case(1, "missing-backlog-owner");
    assert_eq!(missing.attribute("classname"), Some("raci.Payments"));
    assert_eq!(missing.attribute("file"), Some("examples/missing-po.csv"));
    let failure = missing.children().find(|n| n.has_tag_name("failure")).expect("a failure");
    assert!(failure.attribute("message").expect("message").starts_with("team 'Payments': nobody is accountable"));
    assert!(failure.text().expect("text").contains("at: examples/missing-po.csv:2\nfix: name a Product Owner"));
    let info = case(1, "role-missing");
    assert!(info.children().all(|n| !n.has_tag_name("failure")), "info does not fail");
    assert!(info.children().any(|n| n.has_tag_name("system-out")));
    assert!(case(0, "po-spread").children().any(|n| n.has_tag_name("skipped")), "--allow skips the check");
    assert!(case(1, "no-responsible").children().next().is_none(), "a passing check is an empty case");

    // Warnings fail only with --deny warnings; team names with XML's special characters survive.
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("r.csv");
    std::fs::write(&roster, "name,role,team\nAda <&>,PO,\"R&D <\"\"x\"\">\"\nBo,Prodcut Owner,\"R&D <\"\"x\"\">\"\n")
        .expect("write");
    let roster = roster.display().to_string();
    for (deny, failing) in [(false, false), (true, true)] {
        let mut args = vec![roster.as_str()];
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let (_, xml) = run(&args, "junit");
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let suite = doc.descendants().find(|n| n.attribute("name") == Some("R&D <\"x\">")).expect("the team's suite");
        let unknown = cases(suite).into_iter().find(|c| c.attribute("name") == Some("unknown-role")).expect("case");
        assert_eq!(unknown.children().any(|n| n.has_tag_name("failure")), failing, "deny {deny}");
    }
}

/// Every property a JSON document uses is declared in its schema (which leaves room for more).
fn undeclared(schema: &Value, defs: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => &defs[r.trim_start_matches("#/$defs/")],
        None => schema,
    };
    let options: Vec<&Value> =
        schema.get("oneOf").and_then(Value::as_array).map_or(vec![schema], |o| o.iter().collect());
    match value {
        Value::Object(map) => {
            let Some(object) = options
                .iter()
                .map(|o| match o.get("$ref").and_then(Value::as_str) {
                    Some(r) => &defs[r.trim_start_matches("#/$defs/")],
                    None => o,
                })
                .find(|o| o.get("properties").is_some())
            else {
                out.push(format!("{path}: an object the schema does not describe"));
                return;
            };
            for (key, item) in map {
                match object["properties"].get(key) {
                    Some(Value::Bool(true)) => {}
                    Some(sub) => undeclared(sub, defs, item, &format!("{path}.{key}"), out),
                    None => out.push(format!("{path}.{key}")),
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let items_schema = options.iter().find_map(|o| o.get("items")).unwrap_or(&Value::Null);
                if !items_schema.is_null() {
                    undeclared(items_schema, defs, item, &format!("{path}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn the_json_report_follows_the_schema_raci_schema_prints() {
    let out = raci().arg("schema").output().expect("run raci");
    assert!(out.status.success());
    let schema = json_of(&String::from_utf8(out.stdout).expect("utf-8"));
    assert_eq!(schema, json_of(&read("docs/report.schema.json")), "raci schema prints docs/report.schema.json");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let (dir, other) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let mut cases: Vec<Vec<String>> = CASES.iter().map(|c| c.iter().map(|s| s.to_string()).collect()).collect();
    cases.push(baseline_case(dir.path()));
    let mut fixed = baseline_case(other.path());
    std::fs::write(&fixed[0], "name,role,team\nAda,PO/PM,Payments\nBo,Developer,Payments\n").expect("write");
    fixed.extend(["--allow".to_string(), "combined-role".to_string()]);
    cases.push(fixed);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for case in &cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let (_, text) = run(&args, "json");
        let report = json_of(&text);
        assert_eq!(report["schema"], "raci.report/v1");
        assert_eq!(errors(&validator, &report), Vec::<String>::new(), "{args:?}");
        let mut extra = Vec::new();
        undeclared(&schema, &schema["$defs"], &report, "", &mut extra);
        assert_eq!(extra, Vec::<String>::new(), "{args:?}: properties the schema does not declare");
        if let Some(b) = report["baseline"].as_object() {
            for key in ["accepted", "fixed"] {
                if !b[key].as_array().expect("list").is_empty() {
                    seen.insert(key.to_string());
                }
            }
            for f in report["findings"].as_array().expect("findings") {
                seen.extend(f["baseline"]["status"].as_str().map(str::to_string));
            }
        }
    }
    let parts: BTreeSet<String> = ["accepted", "expired", "fixed"].map(String::from).into();
    assert_eq!(seen, parts, "the baseline parts were all checked");
    let (_, broken) = run(&["examples/missing-po.csv"], "json");
    let broken = broken.replacen("\"schema\": \"raci.report/v1\"", "\"schema\": \"raci.report/v2\"", 1);
    assert!(!errors(&validator, &json_of(&broken)).is_empty(), "the validation can fail");
}

/// A roster with more than ten errors, warnings and notices: twelve teams of developers with no
/// owner at all, each with someone whose role raci does not know and a release train engineer
/// the default template has no work for.
fn crowded(dir: &Path) -> String {
    let mut csv = String::from("name,role,team\n");
    for i in 1..=12 {
        csv.push_str(&format!("Dev {i},Developer,Team {i}\nMage {i},Wizard,Team {i}\nRay {i},RTE,Team {i}\n"));
    }
    let path = dir.join("crowded.csv");
    std::fs::write(&path, csv).expect("write");
    path.display().to_string()
}

#[test]
fn github_annotations_come_errors_first_within_the_per_step_limits_and_say_what_was_left_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = crowded(dir.path());
    let (_, json) = run(&[&roster], "json");
    let json = json_of(&json);
    let count = |s: &str| json["findings"].as_array().expect("findings").iter().filter(|f| f["severity"] == s).count();
    let (errors, warnings, info) = (count("error"), count("warning"), count("info"));
    assert!(errors > 10 && warnings > 10 && info > 10, "{errors} {warnings} {info}");
    let (code, out) = run(&[&roster], "github");
    assert_eq!(code, 1);
    let commands: Vec<&str> = out.lines().take_while(|l| !l.starts_with("::group::")).collect();
    let kind = |l: &&str| l.split([' ', ':']).nth(2).unwrap_or("").to_string();
    let kinds: Vec<String> = commands.iter().map(kind).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "error").count(), 10);
    assert_eq!(kinds.iter().filter(|k| *k == "warning").count(), 10);
    assert_eq!(kinds.iter().filter(|k| *k == "notice").count(), 10, "nine findings and the note");
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| ["error", "warning", "notice"].iter().position(|x| x == k));
    assert_eq!(kinds, sorted, "errors first, then warnings, then notices");
    let left_out = errors + warnings + info - 29;
    let last = commands.last().expect("commands");
    assert!(last.starts_with("::notice title=raci%3A findings left out::"), "{last}");
    assert!(last.contains(&format!("{left_out} more findings are not annotated")), "{last}");
    for line in &commands[..29] {
        assert!(
            line.contains(&format!("file={}", roster.trim_start_matches('/'))) || line.contains("file=/"),
            "{line}"
        );
        assert!(line.contains(",line="), "{line}");
    }
    // Every finding is still in the log, inside a group, with workflow commands stopped.
    let group: Vec<&str> = out.lines().skip_while(|l| !l.starts_with("::group::")).collect();
    assert!(group[1].starts_with("::stop-commands::raci-"));
    let token = group[1].trim_start_matches("::stop-commands::");
    assert_eq!(group[group.len() - 2], format!("::{token}::"));
    assert_eq!(group.iter().filter(|l| l.starts_with("  error ")).count(), errors);
}

#[test]
fn github_commands_escape_what_the_roster_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("odd.csv");
    std::fs::write(&roster, "name,role,team\nBo,Developer,\"Ops:West\"\n\"Ann: 100%\",Wizard,\"Ops:West\"\n")
        .expect("write");
    let (_, out) = run(&[&roster.display().to_string()], "github");
    let error = out.lines().find(|l| l.starts_with("::error ")).expect("an error annotation");
    let (properties, message) = error.trim_start_matches("::error ").split_once("::").expect("two parts");
    assert!(properties.ends_with(",title=raci%3A missing-backlog-owner (team Ops%3AWest)"), "{properties}");
    assert!(message.contains("team 'Ops:West'"), "data keeps colons: {message}");
    assert!(message.contains("%0Afix: "), "line breaks escaped: {message}");
    let warning = out.lines().find(|l| l.starts_with("::warning ")).expect("a warning annotation");
    assert!(warning.contains("'Ann: 100%25' has role 'Wizard'"), "percent escaped: {warning}");
    assert!(!warning.contains("100% "), "{warning}");
}

#[test]
fn code_quality_issues_carry_what_gitlab_reads() {
    for case in CASES {
        let (_, text) = run(case, "codeclimate");
        let issues = json_of(&text);
        let (_, json) = run(case, "json");
        let json = json_of(&json);
        let findings = json["findings"].as_array().expect("findings");
        let issues = issues.as_array().expect("an array of issues");
        assert_eq!(issues.len(), findings.len(), "{case:?}");
        let mut fingerprints = HashSet::new();
        for (issue, finding) in issues.iter().zip(findings) {
            assert_eq!(issue["type"], "issue");
            assert_eq!(issue["check_name"], finding["code"]);
            assert!(
                issue["description"].as_str().expect("description").contains(finding["message"].as_str().expect("m"))
            );
            let severity = match finding["severity"].as_str() {
                Some("error") => "major",
                Some("warning") => "minor",
                _ => "info",
            };
            assert_eq!(issue["severity"], severity);
            assert!(fingerprints.insert(issue["fingerprint"].as_str().expect("fingerprint").to_string()), "unique");
            assert_eq!(issue["location"]["path"], finding["location"]["file"]);
            assert_eq!(issue["location"]["lines"]["begin"], finding["location"]["line"]);
        }
    }
}

#[test]
fn under_github_actions_the_markdown_report_is_appended_to_the_step_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# Earlier step\n\n").expect("write");
    let out = raci()
        .args(["check", "examples/missing-po.csv", "--format", "json"])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    json_of(&String::from_utf8_lossy(&out.stdout));
    let markdown = raci().args(["check", "examples/missing-po.csv", "--format", "markdown"]).output().expect("run");
    let written = std::fs::read_to_string(&summary).expect("read");
    assert_eq!(written, format!("# Earlier step\n\n{}\n", String::from_utf8_lossy(&markdown.stdout)));
    // Outside GitHub Actions nothing is written; a summary that cannot be written is a note.
    raci()
        .args(["check", "examples/scaleup.csv"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env_remove("GITHUB_ACTIONS")
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&summary).expect("read"), written);
    let out = raci()
        .args(["check", "examples/scaleup.csv"])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "the check still passes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("raci: note: cannot append the report to the step summary"), "{stderr}");
}

#[test]
fn report_files_are_written_besides_standard_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("raci.sarif");
    let junit = dir.path().join("raci.xml");
    let out = raci()
        .args(["check", "examples/missing-po.csv", "--format", "github"])
        .arg("--report")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--report")
        .arg(format!("junit={}", junit.display()))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("::error file=examples/missing-po.csv,line=2,"));
    assert_eq!(std::fs::read_to_string(&sarif).expect("sarif"), run(&["examples/missing-po.csv"], "sarif").1);
    roxmltree::Document::parse(&std::fs::read_to_string(&junit).expect("junit")).expect("XML");
    // A report file that cannot be written is refused before the check, and nothing is written.
    let out = raci()
        .args(["check", "examples/missing-po.csv", "--report"])
        .arg(format!("sarif={}", dir.path().join("no/such/dir/x.sarif").display()))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("x.sarif: the directory") && stderr.contains("does not exist"), "{stderr}");
    let out = raci().args(["check", "examples/missing-po.csv", "--report", "pdf=x.pdf"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format 'pdf'; formats: text, json, markdown"));
}
