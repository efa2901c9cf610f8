//! `raci diff OLD NEW`: edited copies of the example rosters compared with the originals, through
//! the binary: exit codes, the letters named in text, the JSON shape, snapshots of text and Markdown.

mod common;

use std::path::{Path, PathBuf};

use common::raci;
use serde_json::Value;

const SCALEUP: &str = "examples/scaleup.csv";

/// A copy of `examples/scaleup.csv` with `edit` applied, in `dir`.
fn edited(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP)).expect("roster");
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit of {name} changes the roster");
    let path = dir.join(name);
    std::fs::write(&path, changed).expect("write roster");
    path
}

/// Run `raci diff` with these arguments: (exit code, stdout).
fn diff(args: &[&str]) -> (i32, String) {
    let out = raci().arg("diff").args(args).output().expect("run raci");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("internal error"), "{stderr}");
    (out.status.code().expect("exit code"), String::from_utf8(out.stdout).expect("utf-8"))
}

/// `raci diff --format json`: (exit code, parsed JSON).
fn diff_json(old: &Path, new: &Path) -> (i32, Value) {
    let (code, out) = diff(&[path(old), path(new), "--format", "json"]);
    (code, serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}")))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// The diff of one team.
fn team<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["teams"].as_array().expect("teams").iter().find(|t| t["team"] == name).unwrap_or_else(|| panic!("{name}"))
}

/// The diff of one activity of a team.
fn activity<'a>(team: &'a Value, id: &str) -> &'a Value {
    team["activities"].as_array().expect("activities").iter().find(|a| a["id"] == id).unwrap_or_else(|| panic!("{id}"))
}

/// The codes of an activity's effects.
fn codes(activity: &Value) -> Vec<&str> {
    activity["effects"].as_array().expect("effects").iter().map(|e| e["code"].as_str().expect("code")).collect()
}

#[test]
fn the_same_roster_twice_has_no_changes_and_exits_0() {
    let (code, out) = diff(&[SCALEUP, SCALEUP]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "examples/scaleup.csv -> examples/scaleup.csv: no changes\n", "only the summary line");
    let (code, out) = diff(&[SCALEUP, SCALEUP, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(out.contains("No changes."), "{out}");
}

#[test]
fn moving_the_po_role_to_someone_else_names_the_moved_a_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = edited(dir.path(), "po-moved.csv", |t| {
        t.replace("Sofia Lind,Product Owner,", "Sofia Lind,Business Analyst,")
            .replace("Aisha Bello,Backend Developer,", "Aisha Bello,Product Owner,")
    });
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (code, out) = diff(&[path(&old), path(&new)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "matters accountable-moved: who answers for it changed: Sofia Lind was accountable, now Aisha Bello"
        ),
        "{out}"
    );
    let (code, json) = diff_json(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(json["teams"].as_array().expect("teams").len(), 1, "only Checkout changed");
    let checkout = team(&json, "Checkout");
    assert_eq!(
        (checkout["joined"].as_array().map(Vec::len), checkout["left"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
    let backlog = activity(checkout, "backlog-ownership");
    let effect = &backlog["effects"][0];
    assert_eq!(effect["code"], "accountable-moved");
    assert_eq!(effect["matters"], true);
    assert_eq!(
        (effect["before"].clone(), effect["after"].clone()),
        (serde_json::json!(["Sofia Lind"]), serde_json::json!(["Aisha Bello"]))
    );
    let sofia =
        backlog["changes"].as_array().expect("changes").iter().find(|c| c["person"] == "Sofia Lind").expect("Sofia");
    assert_eq!((sofia["old"].as_str(), sofia["new"].as_str()), (Some("A/R"), Some("")));
    assert_eq!(sofia["lost"], serde_json::json!(["A", "R"]));
    assert_eq!(sofia["key"], "sofia@shopfleet.example");
    assert_eq!(json["summary"]["matters"], true);
}

#[test]
fn a_consulted_only_newcomer_is_listed_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = edited(dir.path(), "vp.csv", |t| t + "Paul Meyer,VP Engineering,Search,paul@shopfleet.example,20%,\n");
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (code, out) = diff(&[path(&old), path(&new)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("team Search\n  joined: Paul Meyer\n"), "{out}");
    assert!(out.contains("    Product vision (product-vision)\n      + Paul Meyer    - -> C    gained C\n"), "{out}");
    assert!(!out.contains("      matters "), "nothing matters: {out}");
    assert!(out.ends_with("1 person joined; 15 letters gained; nothing that matters\n"), "{out}");
    let (code, json) = diff_json(&old, &new);
    assert_eq!(code, 0);
    let search = team(&json, "Search");
    assert_eq!(search["joined"], serde_json::json!([{"name": "Paul Meyer", "key": "paul@shopfleet.example"}]));
    let vision = activity(search, "product-vision");
    assert_eq!(vision["changes"][0]["gained"], serde_json::json!(["C"]));
    assert!(codes(vision).is_empty());
    assert_eq!((json["summary"]["joined"].as_u64(), json["summary"]["lost"].as_u64()), (Some(1), Some(0)));
}

#[test]
fn the_only_developer_leaving_takes_the_only_r_of_building_the_increment_and_exits_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let head = "name,role,team\nAda Lovelace,Product Owner,Core\nBo Chen,Product Manager,Core\n";
    let old = dir.path().join("old.csv");
    std::fs::write(&old, format!("{head}Cy Diaz,Developer,Core\nDee Evans,Designer,Core\n")).expect("write");
    let new = dir.path().join("new.csv");
    std::fs::write(&new, format!("{head}Dee Evans,Designer,Core\n")).expect("write");
    let (code, out) = diff(&[path(&old), path(&new)]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("team Core\n  left: Cy Diaz\n"), "{out}");
    assert!(
        out.contains(
            "    Build the increment (build-increment)\n      matters responsible-lost: nobody does the work any more: \
             no R (was Cy Diaz)\n      - Cy Diaz    R -> -    lost R\n"
        ),
        "{out}"
    );
    let (_, json) = diff_json(&old, &new);
    let core = team(&json, "Core");
    assert_eq!(codes(activity(core, "build-increment")), ["responsible-lost"]);
    // Sprint planning loses Cy's R too, but Ada still holds A/R there: listed, and no effect.
    let sprint = activity(core, "sprint-planning");
    assert_eq!(sprint["changes"][0]["lost"], serde_json::json!(["R"]));
    assert!(codes(sprint).is_empty());
}

#[test]
fn losing_an_r_someone_else_still_holds_is_listed_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Claire, the product marketer, leaves Search; the PM still holds A/R on the launch activities.
    let new = edited(dir.path(), "claire-left.csv", |t| {
        t.replace(
            "Claire Dubois,Product Marketing Manager,Checkout; Search; Mobile,",
            "Claire Dubois,Product Marketing Manager,Checkout; Mobile,",
        )
    });
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (code, out) = diff(&[path(&old), path(&new)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("team Search\n  left: Claire Dubois\n"), "{out}");
    assert!(
        out.contains("    Launch communication (launch-communication)\n      - Claire Dubois    R -> -    lost R\n"),
        "{out}"
    );
    let (_, json) = diff_json(&old, &new);
    assert_eq!(json["teams"].as_array().map(Vec::len), Some(1), "Checkout and Mobile keep Claire");
    assert_eq!((json["summary"]["left"].as_u64(), json["summary"]["matter"].as_u64()), (Some(1), Some(0)));
}

#[test]
fn teams_added_and_removed_are_named_and_do_not_matter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let new = edited(dir.path(), "renamed.csv", |t| t.replace("Mobile", "Apps"));
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (code, out) = diff(&[path(&old), path(&new)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(
            "team Apps: added (10 people, template product-lifecycle 1.1.0)\n\nteam Mobile: removed (had 10 people"
        ),
        "{out}"
    );
    assert!(out.ends_with(": 1 team added, 1 removed; nothing that matters\n"), "{out}");
}

fn schema_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diff.schema.json")).expect("schema")
}

/// What docs/diff.schema.json finds wrong with a document.
fn schema_errors(json: &Value) -> Vec<String> {
    let schema = serde_json::from_str(&schema_text()).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    validator.iter_errors(json).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

#[test]
fn json_follows_its_schema_which_raci_schema_prints() {
    let text = schema_text();
    let printed = raci().args(["schema", "diff"]).output().expect("run raci");
    assert_eq!(String::from_utf8_lossy(&printed.stdout), text);
    let dir = tempfile::tempdir().expect("tempdir");
    let renamed = edited(dir.path(), "renamed.csv", |t| t.replace("Mobile", "Apps"));
    let next = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scaleup-next.csv");
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (_, json) = diff_json(&old, &next);
    let handover = &team(&json, "Checkout")["handovers"][0];
    assert_eq!(
        (handover["from"]["name"].as_str(), handover["to"]["name"].as_str()),
        (Some("Sofia Lind"), Some("Lena Fischer"))
    );
    assert_eq!(handover["activities"], 31, "Sofia held a letter on each of the 31 activities");
    assert_eq!(team(&json, "Mobile")["handovers"], serde_json::json!([]), "nobody took Tobias's place");
    for new in [&old, &next, &renamed] {
        let (_, json) = diff_json(&old, new);
        let errors = schema_errors(&json);
        assert!(errors.is_empty(), "{}: {errors:?}", new.display());
        assert_eq!(json["schema"], "raci.diff/v1");
    }
}

#[test]
fn a_template_change_lists_the_activities_it_added_and_removed() {
    let (code, out) = diff(&[SCALEUP, SCALEUP, "--template", "scrum"]);
    assert_eq!((code, out.ends_with("no changes\n")), (0, true), "{out}");
    let dir = tempfile::tempdir().expect("tempdir");
    // The Mobile rows of Mei Chen's reports name the scrum template in a new column.
    let new = edited(dir.path(), "scrum.csv", |t| {
        let lines = t.lines().enumerate().map(|(i, line)| match i {
            0 => format!("{line},template\n"),
            _ if line.ends_with(",Mei Chen") => format!("{line},scrum\n"),
            _ => format!("{line},\n"),
        });
        lines.collect()
    });
    let old = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCALEUP);
    let (_, json) = diff_json(&old, &new);
    let mobile = team(&json, "Mobile");
    assert_eq!(mobile["template"]["old"]["name"], "product-lifecycle");
    assert_eq!(mobile["template"]["new"]["name"], "scrum");
    let statuses: Vec<&str> = mobile["activities"]
        .as_array()
        .expect("activities")
        .iter()
        .map(|a| a["status"].as_str().expect("status"))
        .collect();
    assert!(statuses.contains(&"added") && statuses.contains(&"removed"), "{statuses:?}");
}

#[test]
fn both_sides_on_standard_input_is_refused_with_exit_2() {
    let out = raci().args(["diff", "-", "-"]).output().expect("run raci");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OLD and NEW are both standard input"));
    let out = raci().args(["diff", SCALEUP, "no-such.csv"]).output().expect("run raci");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such.csv"), "the message names the file");
}

#[test]
fn colour_only_when_asked() {
    let (_, plain) = diff(&[SCALEUP, "examples/scaleup-next.csv"]);
    let (_, coloured) = diff(&[SCALEUP, "examples/scaleup-next.csv", "--color", "always"]);
    assert!(!plain.contains('\x1b'));
    assert!(coloured.contains("\x1b[1;31mmatters\x1b[0m"), "what matters in red");
    let mut stripped = coloured.clone();
    for code in ["\x1b[1;31m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[0m"] {
        stripped = stripped.replace(code, "");
    }
    assert_eq!(stripped, plain);
}

#[test]
fn text_and_markdown_snapshots() {
    let (code, text) = diff(&[SCALEUP, "examples/scaleup-next.csv"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("diff_text_scaleup_next", text);
    let (code, markdown) = diff(&[SCALEUP, "examples/scaleup-next.csv", "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("diff_markdown_scaleup_next", markdown);
}

#[test]
fn naming_the_missing_po_is_a_fix_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/missing-po.csv");
    let mut text = std::fs::read_to_string(&roster).expect("roster");
    text.push_str("Mira Stein,Product Owner,Payments\n");
    let new = dir.path().join("po-named.csv");
    std::fs::write(&new, text).expect("write");
    let (code, out) = diff(&[path(&roster), path(&new)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "    Backlog ownership (backlog-ownership)\n      fix     accountable-gained: Mira Stein now accountable, \
             where nobody was\n"
        ),
        "{out}"
    );
    // Where the PM stood in for the missing PO, the PO taking over is a fix too, not a moved A.
    assert!(
        out.contains(
            "      fix     fallback-replaced: Mira Stein now accountable, in the role the template prefers; Karl \
             Jensen stood in as a fallback\n"
        ),
        "{out}"
    );
    assert!(out.ends_with("; nothing that matters, 20 fixes\n"), "{out}");
    // The other way round, the PO leaving, the A moves back to the fallback: that matters.
    let (_, fixed) = diff_json(&roster, &new);
    assert_eq!(schema_errors(&fixed), Vec::<String>::new());
    let (code, json) = diff_json(&new, &roster);
    assert_eq!(code, 1);
    let payments = team(&json, "Payments");
    assert_eq!(codes(activity(payments, "build-increment")), ["accountable-moved"]);
    assert_eq!(codes(activity(payments, "backlog-ownership")), ["accountable-lost", "responsible-lost"]);
}

#[test]
fn a_generated_workbook_has_no_changes_against_its_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("scaleup.xlsx");
    raci().args(["generate", SCALEUP, "-o", path(&book)]).assert().success();
    let (code, out) = diff(&[SCALEUP, path(&book)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with(": no changes\n"), "{out}");
}

#[test]
fn escape_sequences_in_template_text_reach_no_format_as_they_are() {
    let dir = tempfile::tempdir().expect("tempdir");
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    std::fs::copy(hostile.join("template-escape.toml"), dir.path().join("template-escape.toml")).expect("copy");
    let new = dir.path().join("new.csv");
    std::fs::write(&new, "name,role,team,template\nAda,PO,Alpha,template-escape.toml\nBob,PM,Alpha,\n").expect("write");
    let old = hostile.join("template-escape.csv");
    let inert = |text: &str| text.chars().all(|c| c == '\n' || !(c.is_control() || raci::text::is_bidi_control(c)));
    for format in ["text", "markdown", "json"] {
        let (code, out) = diff(&[path(&old), path(&new), "--format", format, "--color", "never"]);
        assert_eq!(code, 1, "{out}");
        assert!(inert(&out), "{format}: {out:?}");
        assert!(
            out.contains("Roadmap \\u{1b}") || out.contains("Roadmap \\\\u{1b}"),
            "shown as an escape: {format}: {out}"
        );
    }
}
