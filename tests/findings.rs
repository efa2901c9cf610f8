//! One fixture roster per finding code: each triggers its code with the expected severity and people.

mod common;

use common::{check_json, fixture, strings, with_code};

struct Case {
    fixture: &'static str,
    code: &'static str,
    severity: &'static str,
    team: Option<&'static str>,
    people: &'static [&'static str],
    exit: i32,
}

const CASES: &[Case] = &[
    Case {
        fixture: "../../examples/missing-po.csv",
        code: "missing-backlog-owner",
        severity: "error",
        team: Some("Payments"),
        people: &[],
        exit: 1,
    },
    Case {
        fixture: "no-accountable",
        code: "no-accountable",
        severity: "error",
        team: Some("Ops"),
        people: &[],
        exit: 1,
    },
    Case {
        fixture: "multiple-accountable",
        code: "multiple-accountable",
        severity: "error",
        team: Some("Billing"),
        people: &["Ana Silva", "Bruno Costa"],
        exit: 1,
    },
    Case {
        fixture: "no-responsible",
        code: "no-responsible",
        severity: "error",
        team: Some("Research"),
        people: &[],
        exit: 1,
    },
    Case {
        fixture: "reports-to-cycle",
        code: "reports-to-cycle",
        severity: "error",
        team: None,
        people: &["Kim Lee", "Lou Park", "Max Roy"],
        exit: 1,
    },
    Case {
        fixture: "../../examples/startup.csv",
        code: "combined-role",
        severity: "info",
        team: Some("Lumen"),
        people: &["Maya Okafor"],
        exit: 0,
    },
    Case {
        fixture: "combined-role-large",
        code: "combined-role",
        severity: "warning",
        team: Some("Atlas"),
        people: &["Olga Ivanova"],
        exit: 0,
    },
    Case {
        fixture: "fallback-owner",
        code: "fallback-owner",
        severity: "warning",
        team: Some("Kiosk"),
        people: &["Xena Ward"],
        exit: 0,
    },
    Case {
        fixture: "fallback-owner-escalated",
        code: "fallback-owner",
        severity: "error",
        team: Some("Red"),
        people: &["Abe North"],
        exit: 1,
    },
    Case { fixture: "po-spread", code: "po-spread", severity: "warning", team: None, people: &["Gus Hale"], exit: 0 },
    Case {
        fixture: "overloaded-teams",
        code: "overloaded-person",
        severity: "warning",
        team: None,
        people: &["Mo Vance"],
        exit: 0,
    },
    Case {
        fixture: "overloaded-allocation",
        code: "overloaded-person",
        severity: "warning",
        team: Some("Maps"),
        people: &["Vera Frost"],
        exit: 0,
    },
    Case {
        fixture: "handoff-gap",
        code: "handoff-gap",
        severity: "warning",
        team: Some("Launchpad"),
        people: &["Fred Pike"],
        exit: 0,
    },
    Case {
        fixture: "too-many-consulted",
        code: "too-many-consulted",
        severity: "warning",
        team: Some("Crowd"),
        people: &[],
        exit: 0,
    },
    Case {
        fixture: "unknown-role",
        code: "unknown-role",
        severity: "warning",
        team: Some("Docs"),
        people: &["Yara Ives"],
        exit: 1,
    },
    Case {
        fixture: "../../examples/startup.csv",
        code: "role-missing",
        severity: "info",
        team: Some("Lumen"),
        people: &[],
        exit: 0,
    },
    Case {
        fixture: "idle-member",
        code: "idle-member",
        severity: "info",
        team: Some("Search"),
        people: &["Flo Pratt"],
        exit: 0,
    },
    Case {
        fixture: "over-allocated",
        code: "over-allocated",
        severity: "warning",
        team: None,
        people: &["Gil Hart"],
        exit: 0,
    },
    Case {
        fixture: "leaver-gap",
        code: "leaver-gap",
        severity: "error",
        team: Some("Checkout"),
        people: &["Ada Lopez"],
        exit: 1,
    },
    Case {
        fixture: "roundtrip/unknown-letter.xlsx",
        code: "unknown-letter",
        severity: "warning",
        team: Some("Search"),
        people: &["Ravi Menon"],
        exit: 0,
    },
];

fn run(case: &Case) -> (i32, serde_json::Value) {
    let dir = fixture(case.fixture);
    let (roster, template) =
        if dir.is_dir() { (dir.join("roster.csv"), dir.join("template.toml")) } else { (dir.clone(), dir.join("-")) };
    let roster = roster.to_str().expect("utf-8 path").to_string();
    let mut args = vec![roster];
    if template.is_file() {
        args.push("--template".into());
        args.push(template.to_str().expect("utf-8 path").into());
    }
    // More arguments, one a line (`--without` and a name for leaver-gap).
    if let Ok(more) = std::fs::read_to_string(dir.join("args")) {
        args.extend(more.lines().map(str::to_string));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    check_json(&args)
}

#[test]
fn every_code_has_a_fixture_that_triggers_it() {
    for case in CASES {
        let (exit, json) = run(case);
        let found = with_code(&json, case.code);
        let hit = found.iter().find(|f| {
            f["severity"] == case.severity
                && f["team"].as_str() == case.team
                && strings(&f["people"]) == case.people.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        });
        assert!(
            hit.is_some(),
            "{}: expected {} ({}) for {:?} on {:?}; got {}",
            case.fixture,
            case.code,
            case.severity,
            case.people,
            case.team,
            serde_json::to_string_pretty(&found).unwrap_or_default()
        );
        assert_eq!(exit, case.exit, "{}: exit code", case.fixture);
        let hit = hit.unwrap_or(&&serde_json::Value::Null);
        assert!(!hit["message"].as_str().unwrap_or("").is_empty());
        assert!(!hit["hint"].as_str().unwrap_or("").is_empty());
    }
    let mut covered: Vec<&str> = CASES.iter().map(|c| c.code).collect();
    covered.sort_unstable();
    covered.dedup();
    assert_eq!(covered.len(), raci::check::CATALOGUE.len(), "a fixture for every code");
}

#[test]
fn handoff_rule_on_a_hand_checked_graph() {
    // ship (A: PO) -> announce (A: PM, PO informed) -> review (A: PM).
    // Owner changes on ship -> announce and the PM has no letter on ship: one gap.
    // announce -> review keeps the same owner: no gap.
    let (_, json) = run(&CASES[12]);
    let gaps = with_code(&json, "handoff-gap");
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(strings(&gaps[0]["activities"]), ["ship", "announce"]);
    assert_eq!(gaps[0]["activity"], serde_json::Value::Null);
}

#[test]
fn grouped_findings_list_their_activities_once_per_team() {
    let (_, json) = check_json(&["examples/missing-po.csv"]);
    let backlog = with_code(&json, "missing-backlog-owner");
    assert_eq!(backlog.len(), 1);
    let activities = strings(&backlog[0]["activities"]);
    assert!(activities.contains(&"backlog-ownership".to_string()));
    assert!(activities.contains(&"backlog-prioritisation".to_string()));
}

#[test]
fn unknown_role_suggests_the_close_alias() {
    let (_, json) = check_json(&[fixture("unknown-role/roster.csv").to_str().unwrap_or_default()]);
    let found = with_code(&json, "unknown-role");
    assert_eq!(found.len(), 1);
    assert!(found[0]["hint"].as_str().unwrap_or("").contains("did you mean 'product owner'"), "{}", found[0]);
    assert!(found[0]["message"].as_str().unwrap_or("").contains("roster.csv:2"), "{}", found[0]);
    // The misspelt PO is not a PO, so the backlog has no owner either.
    assert_eq!(with_code(&json, "missing-backlog-owner").len(), 1);
}

#[test]
fn clean_examples_pass_the_check() {
    for example in ["examples/startup.csv", "examples/scaleup.csv", "examples/excel-export.csv"] {
        let (exit, json) = check_json(&[example]);
        assert_eq!(exit, 0, "{example}: {json}");
        assert_eq!(json["summary"]["errors"], 0, "{example}");
    }
}

#[test]
fn deny_warnings_and_allow_change_the_outcome() {
    let (exit, _) =
        check_json(&[fixture("fallback-owner/roster.csv").to_str().unwrap_or_default(), "--deny", "warnings"]);
    assert_eq!(exit, 1);
    let (exit, json) = check_json(&[
        fixture("fallback-owner/roster.csv").to_str().unwrap_or_default(),
        "--deny",
        "warnings",
        "--allow",
        "fallback-owner",
        "--allow",
        "overloaded-person",
    ]);
    assert_eq!(exit, 0, "{json}");
    assert!(with_code(&json, "fallback-owner").is_empty());
}

/// Rosters shaped like real exports (tests/fixtures/realistic/), the template each is checked
/// against, and whether it is a textbook team of that template (no error, no warning).
const REALISTIC: &[(&str, &str, bool)] = &[
    ("textbook-product-team", "product-lifecycle", true),
    ("scrum-guide-team", "scrum", true),
    ("three-scrum-teams-one-pm", "scrum", true),
    ("safe-train", "safe", true),
    ("startup-5", "startup", true),
    ("workday-export", "product-lifecycle", false),
    ("google-sheets-squads", "product-lifecycle", false),
    ("bamboohr-export", "product-lifecycle", false),
    ("personio-de", "product-lifecycle", false),
    ("french-team", "product-lifecycle", false),
    ("spanish-team", "product-lifecycle", false),
];

fn realistic(name: &str) -> String {
    format!("tests/fixtures/realistic/{name}.csv")
}

/// Who raci reads as what: one line per member, `team: name: cell -> roles`.
fn readings(path: &str) -> String {
    let roster = raci::roster::load(std::path::Path::new(path), &raci::roster::ReadOptions::default()).expect("roster");
    let mut out = String::new();
    for team in &roster.teams {
        for member in &team.members {
            let roles: Vec<&str> = member.roles.iter().map(|p| p.role.id()).collect();
            let raw: Vec<&str> = member.roles.iter().map(|p| &*p.raw).collect();
            out.push_str(&format!(
                "{}: {}: {} -> {}\n",
                team.name,
                roster.people[member.person].name,
                raw.join(" | "),
                roles.join(", ")
            ));
        }
    }
    out
}

#[test]
fn realistic_rosters_read_and_check_as_expected() {
    for &(name, template, _) in REALISTIC {
        let path = realistic(name);
        let out = common::raci()
            .args(["check", &path, "--template", template, "--color", "never"])
            .output()
            .expect("run raci");
        let text = format!(
            "$ raci check {path} --template {template}\nexit {}\n--- stderr\n{}--- stdout\n{}--- roles\n{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout),
            readings(&path)
        );
        insta::assert_snapshot!(format!("realistic_{name}"), text);
    }
}

#[test]
fn textbook_teams_pass_with_warnings_denied() {
    let textbook: Vec<&(&str, &str, bool)> = REALISTIC.iter().filter(|(.., textbook)| *textbook).collect();
    assert_eq!(textbook.len(), 5);
    for (name, template, _) in textbook {
        let (exit, json) = check_json(&[&realistic(name), "--template", template, "--deny", "warnings"]);
        assert_eq!(exit, 0, "{name}: {json}");
        assert_eq!(
            (json["summary"]["errors"].as_u64(), json["summary"]["warnings"].as_u64()),
            (Some(0), Some(0)),
            "{name}"
        );
    }
}

#[test]
fn under_scrum_the_po_is_never_accountable_for_the_sprint_backlog_or_the_increment() {
    let dir = tempfile::tempdir().expect("temp dir");
    for &(name, ..) in REALISTIC {
        let path = realistic(name);
        let out = dir.path().join(format!("{name}.xlsx"));
        let done =
            common::raci().args(["generate", &path, "--template", "scrum", "-o"]).arg(&out).output().expect("run");
        assert!(done.status.success(), "{name}: {}", String::from_utf8_lossy(&done.stderr));
        let roster = raci::roster::load(std::path::Path::new(&path), &Default::default()).expect("roster");
        let po = raci::role::Role::product_owner();
        let mut book = common::Book::open(&out);
        for team in &roster.teams {
            let sheet_name = book.names().into_iter().find(|n| *n == team.name).expect("a sheet per team");
            let sheet = book.sheet(&sheet_name);
            let pos: Vec<&str> =
                team.members.iter().filter(|m| m.holds(&po)).map(|m| roster.people[m.person].name.as_str()).collect();
            for row in ["Sprint backlog", "Build the increment", "Daily scrum"] {
                let accountable = sheet.accountable(row);
                assert!(
                    accountable.iter().all(|a| !pos.contains(&a.as_str())),
                    "{name}/{}: {row}: {accountable:?}",
                    team.name
                );
                // Developers on the team hold it together.
                if team.members.iter().any(|m| m.holds(&raci::role::Role::new("engineer"))) {
                    assert!(!accountable.is_empty(), "{name}/{}: {row} has its developers", team.name);
                }
            }
        }
    }
}

#[test]
fn one_finding_per_cause() {
    // No PO: the stand-ins for the missing PO are told in missing-backlog-owner, not as fallbacks.
    let (_, json) = check_json(&["examples/missing-po.csv"]);
    assert!(with_code(&json, "fallback-owner").is_empty(), "{json}");
    // Nor is the PO's delivery-tracking row (nobody holds the PO or the SM of its chain) told apart.
    assert!(with_code(&json, "no-accountable").is_empty(), "{json}");
    let backlog = with_code(&json, "missing-backlog-owner");
    assert!(strings(&backlog[0]["activities"]).contains(&"delivery-tracking".to_string()));
    assert!(backlog[0]["message"].as_str().unwrap_or("").contains("'Karl Jensen' (product-manager)"), "{}", backlog[0]);
    // A combined PO/PM in a small team is combined-role info, not also overloaded.
    let (_, json) = check_json(&["examples/startup.csv"]);
    assert!(with_code(&json, "overloaded-person").is_empty(), "{json}");
    // A PO-only team carries the PM's work as fallback: told once, as fallback-owner.
    let (_, json) = check_json(&[fixture("fallback-owner/roster.csv").to_str().unwrap_or_default()]);
    assert_eq!(with_code(&json, "fallback-owner").len(), 1, "{json}");
    assert!(with_code(&json, "overloaded-person").is_empty(), "{json}");
    // Roles with only C and I by design are not idle; role-missing is one finding per team.
    let (_, json) = check_json(&[fixture("idle-member/roster.csv").to_str().unwrap_or_default()]);
    assert_eq!(strings(&with_code(&json, "idle-member")[0]["people"]), ["Flo Pratt"]);
    assert_eq!(with_code(&json, "role-missing").len(), 1);
}

#[test]
fn fallback_escalation_is_for_the_roles_named_in_the_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let roster = dir.path().join("roster.csv");
    std::fs::write(&roster, "name,role,team\nAb,PO,T1\nBc,Dev,T1\nCd,PO,T2\nDe,Dev,T2\nEf,PO,T3\nFg,Dev,T3\n")
        .expect("write");
    let template = |escalate: &str| {
        format!(
            "name = \"t\"\n[rules]\nfallback_escalate_roles = [{escalate}]\n[[activity]]\nid = \"design\"\nname = \"Design\"\n\
             phase = \"discovery\"\naccountable = [\"designer\", \"product-owner\"]\nresponsible = [\"product-owner\"]\n"
        )
    };
    for (escalate, severity) in [("", "warning"), ("\"product-manager\"", "warning"), ("\"designer\"", "error")] {
        let path = dir.path().join("t.toml");
        std::fs::write(&path, template(escalate)).expect("write");
        let (_, json) =
            check_json(&[roster.to_str().unwrap_or_default(), "--template", path.to_str().unwrap_or_default()]);
        let found = with_code(&json, "fallback-owner");
        assert_eq!(found.len(), 3, "{json}");
        assert!(found.iter().all(|f| f["severity"] == severity), "{escalate}: {json}");
    }
}

#[test]
fn column_picks_work_on_generate_and_check_and_a_wrong_one_exits_2() {
    let path = realistic("bamboohr-export");
    let (exit, json) = check_json(&[&path, "--column", "team=Division"]);
    assert_eq!(exit, 0, "{json}");
    assert_eq!(json["summary"]["teams"], 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tribe.xlsx");
    let done =
        common::raci().args(["generate", &path, "--column", "team=division", "-o"]).arg(&out).output().expect("run");
    assert!(done.status.success());
    assert_eq!(
        common::Book::open(&out).names(),
        ["Summary", "Consumer", "Workload", "Findings", "_raci", "_raci_roster"]
    );
    for (args, expected) in [
        (["--column", "tribe=Squad"], "unknown field 'tribe' (fields: name, role, team, email"),
        (["--column", "team=Squad"], "no column headed 'Squad' (columns found: Employee #, First Name, Last Name"),
    ] {
        let out = common::raci().args(["check", &path]).args(args).output().expect("run");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn a_department_of_stakeholders_is_no_product_team_but_a_misspelt_owner_is_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("hr.csv");
    std::fs::write(
        &roster,
        "name,role,team\nAda,Product Owner,Growth\nBo,Product Manager,Growth\nCy,Engineer,Growth\n\
         Lukas,VP Product,Leadership\nMara,Head of Product,Leadership\nOla,Prodcut Ownr,Solo\n",
    )
    .expect("write");
    let out = common::raci().arg("check").arg(&roster).args(["--format", "json"]).output().expect("run");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let teams: Vec<&str> =
        json["findings"].as_array().expect("findings").iter().filter_map(|f| f["team"].as_str()).collect();
    assert!(!teams.contains(&"Leadership"), "a group of stakeholders gets no product-team findings: {json}");
    assert!(teams.contains(&"Solo"), "an unknown role keeps the team checked: {json}");
    assert!(!with_code(&json, "unknown-role").is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("team 'Leadership' holds only stakeholder"), "{stderr}");
}
