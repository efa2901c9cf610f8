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
        people: &["Ed Otto"],
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
