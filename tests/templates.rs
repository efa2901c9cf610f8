//! The bundled templates (product-lifecycle, scrum, safe, startup), `raci templates`, custom templates
//! with custom roles and thresholds, and per-team templates. Rosters live in tests/fixtures/templates/.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{Book, raci};
use raci::check::{Code, Finding, Severity};
use raci::matrix::Letter;
use raci::roster::{self, ReadOptions};
use raci::template::{self, Rules, Template};
use raci::{Analysis, Options};

/// Every bundled template with a roster whose teams hold every role the template mentions.
const FULL_ROSTERS: &[(&str, &str)] = &[
    ("product-lifecycle", "full-team.csv"),
    ("scrum", "full-team.csv"),
    ("safe", "safe-train.csv"),
    ("startup", "startup-team.csv"),
];

/// The source ids of the domain brief (/work/shared/domain/BRIEF.md).
const DOMAIN_SOURCES: &[&str] = &["000", "001", "002", "003", "004"];

/// The frameworks the brief names outside the five articles: the Scrum Guide and SAFe.
const FRAMEWORK_SOURCES: &[&str] = &["safe", "sg"];

fn fixture(name: &str) -> PathBuf {
    common::fixture("templates").join(name)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn analyse_text(csv: &str, options: &Options) -> Analysis {
    let roster = roster::parse(csv.as_bytes(), "inline.csv", &ReadOptions::default()).expect("roster parses");
    Analysis::from_roster(roster, options).expect("analysis")
}

fn analyse(roster_file: &str, template: &str) -> Analysis {
    let path = fixture(roster_file);
    let bytes = std::fs::read(&path).expect("read roster fixture");
    let roster = roster::parse(&bytes, path_str(&path), &ReadOptions::default()).expect("roster parses");
    Analysis::from_roster(roster, &Options { template: Some(template.to_string()), ..Options::default() })
        .expect("analysis")
}

fn codes(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(|f| format!("{} {}: {}", f.severity, f.code, f.message)).collect()
}

fn with_code(analysis: &Analysis, code: Code) -> Vec<&Finding> {
    analysis.findings.iter().filter(|f| f.code == code).collect()
}

fn activity_names(t: &Template) -> Vec<String> {
    t.activities.iter().map(|a| a.name.clone()).collect()
}

/// Run `raci generate` into `out`; panic with stderr when it fails.
fn generate(roster: &Path, template: &[&str], out: &Path) {
    let mut cmd = raci();
    cmd.arg("generate").arg(roster).arg("-o").arg(out);
    for t in template {
        cmd.args(["--template", t]);
    }
    let output = cmd.output().expect("run raci generate");
    assert!(output.status.success(), "raci generate failed: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn every_bundled_template_has_a_full_roster_fixture() {
    let names: Vec<&str> = template::builtin_names().collect();
    assert_eq!(names, ["product-lifecycle", "scrum", "safe", "startup"]);
    let covered: Vec<&str> = FULL_ROSTERS.iter().map(|(name, _)| *name).collect();
    assert_eq!(covered, names);
}

#[test]
fn bundled_templates_load_validate_and_cite_the_domain_sources() {
    for name in template::builtin_names() {
        let t = template::resolve(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(t.name, name);
        assert!(!t.version.is_empty() && t.version != "0.0.0", "{name}: give the template a version");
        assert!(!t.description.trim().is_empty(), "{name}: give the template a description");
        assert!(!t.phases.is_empty());
        let ids: Vec<&str> = t.sources.keys().map(String::as_str).collect();
        assert_eq!(ids[..DOMAIN_SOURCES.len()], *DOMAIN_SOURCES, "{name}: [sources] lists the domain brief's ids");
        for id in &ids[DOMAIN_SOURCES.len()..] {
            assert!(FRAMEWORK_SOURCES.contains(id), "{name}: source {id} is neither an article nor a framework");
        }
        assert!(t.custom_roles.is_empty(), "{name}: bundled templates use built-in roles only");

        let mut seen = BTreeSet::new();
        for a in &t.activities {
            assert!(seen.insert(a.id.as_str()), "{name}: duplicate id {}", a.id);
            assert!(!a.sources.is_empty(), "{name}/{}: cite a source", a.id);
            assert!(!a.description.trim().is_empty(), "{name}/{}: describe the activity", a.id);
            assert!(!a.accountable.is_empty());
            assert!(!a.responsible.is_empty(), "{name}/{}: somebody does the work", a.id);
            if a.backlog {
                assert_eq!(a.accountable, [raci::role::Role::product_owner()], "{name}/{}: backlog work", a.id);
            }
            for role in a.accountable.iter().chain(&a.responsible).chain(&a.consulted).chain(&a.informed) {
                assert!(role.is_known(), "{name}/{}: unknown role {role}", a.id);
            }
        }
        // Validation already refuses cycles; check the graph the hand-off rule walks is a DAG too.
        let graph = template::dependency_graph(&t.activities);
        assert!(petgraph::algo::toposort(&graph, None).is_ok(), "{name}: depends_on is acyclic");
        assert!(t.activities.windows(2).all(|w| w[0].phase <= w[1].phase), "{name}: grouped by phase");
    }
}

#[test]
fn bundled_templates_give_a_complete_error_free_matrix_for_a_team_holding_their_roles() {
    for &(name, roster) in FULL_ROSTERS {
        let analysis = analyse(roster, name);
        let t = &analysis.templates[0];
        assert_eq!(t.name, name);
        let view = analysis.view();
        for (team, tm, template) in view.teams() {
            assert_eq!(template.name, name);
            for role in template.roles() {
                assert!(
                    team.members.iter().any(|m| m.holds(&role)),
                    "{roster}: team '{}' should hold {role} for {name}",
                    team.name
                );
            }
            for (a, act) in template.activities.iter().enumerate() {
                let owners: Vec<&str> = tm.holders(a, Letter::A).map(|m| view.name(&team.members[m])).collect();
                if act.accountable_together {
                    // One A held by the group: everybody holding one of its roles, nobody else.
                    let group: Vec<&str> = team
                        .members
                        .iter()
                        .filter(|m| act.accountable.iter().any(|r| m.holds(r)))
                        .map(|m| view.name(m))
                        .collect();
                    assert_eq!(owners, group, "{name}: team '{}', {}: the group holds the A", team.name, act.id);
                } else {
                    assert_eq!(
                        owners.len(),
                        1,
                        "{name}: team '{}', {}: exactly one A, got {owners:?}",
                        team.name,
                        act.id
                    );
                }
                assert_eq!(tm.accountable_position[a], Some(0), "{name}/{}: the first role of the chain", act.id);
                assert!(tm.holders(a, Letter::R).next().is_some(), "{name}/{}: at least one R", act.id);
            }
        }
        let errors: Vec<&Finding> = analysis.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{name} on {roster}: {:#?}", codes(&analysis.findings));
        for code in [Code::HandoffGap, Code::FallbackOwner, Code::RoleMissing, Code::UnknownRole] {
            assert!(with_code(&analysis, code).is_empty(), "{name} on {roster}: {:#?}", codes(&analysis.findings));
        }
    }
}

#[test]
fn safe_gives_product_management_the_program_and_each_po_their_team_backlog() {
    let analysis = analyse("safe-train.csv", "safe");
    let view = analysis.view();
    let t = &analysis.templates[0];
    let owner = |team: &str, id: &str| -> String {
        let (team, tm, _) = view.teams().find(|(tt, ..)| tt.name == team).expect("team");
        let a = t.activity_index(id).expect("activity");
        let owners: Vec<&str> = tm.holders(a, Letter::A).map(|m| view.name(&team.members[m])).collect();
        owners.join(", ")
    };
    for team in ["Alpha", "Beta"] {
        for id in ["program-vision", "program-roadmap", "program-backlog", "system-demo"] {
            assert_eq!(owner(team, id), "Pia Lorenz", "{team}/{id}");
        }
        // The release train engineer runs the train's events; the architect owns the technical vision;
        // the business owner the business value of the PI objectives.
        for id in ["pi-planning", "inspect-and-adapt"] {
            assert_eq!(owner(team, id), "Rhea Kapoor", "{team}/{id}");
        }
        assert_eq!(owner(team, "architecture-vision"), "Felix Brandt");
        assert_eq!(owner(team, "business-value"), "Hugo Stein");
    }
    // The team owns iteration execution together: no tech lead above the others, no PO.
    assert_eq!(owner("Alpha", "iteration-execution"), "Tariq Aziz, Eva Novak, Dina Cole, Quinn Hart");
    assert_eq!(owner("Beta", "iteration-execution"), "Nils Berg, Ravi Patel, Ayla Demir, Jon Kerr");
    for id in ["team-backlog", "team-pi-objectives", "iteration-planning", "story-acceptance"] {
        assert_eq!(owner("Alpha", id), "Otto Brandt", "Alpha/{id}");
        assert_eq!(owner("Beta", id), "Lena Ruiz", "Beta/{id}");
    }
    // The PM serves both teams: within the raised max_teams_per_person and no PO is spread.
    assert!(with_code(&analysis, Code::OverloadedPerson).is_empty(), "{:#?}", codes(&analysis.findings));
    assert!(with_code(&analysis, Code::PoSpread).is_empty());
}

#[test]
fn safe_program_level_has_no_product_owner_fallback() {
    // Beta's rows name no product manager (nor the other train roles): its program rows have no
    // owner, its team rows are fine.
    let csv = "name,role,team\nPia Lorenz,PM,Alpha\nRhea Kapoor,RTE,Alpha\nFelix Brandt,System Architect,Alpha\n\
               Hugo Stein,Business Owner,Alpha\nOtto Brandt,PO,Alpha\nSara Quist,Scrum Master,Alpha\n\
               Eva Novak,Dev,Alpha\nLena Ruiz,PO,Beta\nIvo Marek,Team Coach,Beta\nNils Berg,Tech Lead,Beta\n\
               Ravi Patel,Dev,Beta\n";
    let analysis = analyse_text(csv, &Options { template: Some("safe".into()), ..Options::default() });
    let no_a = with_code(&analysis, Code::NoAccountable);
    assert_eq!(no_a.len(), 1, "{:#?}", codes(&analysis.findings));
    assert_eq!(no_a[0].team.as_deref(), Some("Beta"));
    assert_eq!(
        no_a[0].activities[..],
        [
            "customer-needs",
            "program-vision",
            "program-roadmap",
            "program-kpis",
            "feature-definition",
            "program-backlog",
            "stakeholder-alignment",
            "pi-planning",
            "business-value",
            "system-demo",
            "inspect-and-adapt",
            "go-to-market",
        ]
    );
    assert!(with_code(&analysis, Code::MissingBacklogOwner).is_empty());
    // The architecture falls back to Beta's tech lead, with a warning; Alpha is complete.
    let fallback = with_code(&analysis, Code::FallbackOwner);
    assert_eq!(fallback.len(), 1, "{:#?}", codes(&analysis.findings));
    assert_eq!((fallback[0].team.as_deref(), &fallback[0].people[..]), (Some("Beta"), &["Nils Berg".to_string()][..]));
}

#[test]
fn scrum_without_a_product_manager_is_the_normal_shape() {
    // The Scrum Guide's team: a PO, a Scrum Master and developers, no PM and no tech lead.
    let csv = "name,role,team\nOtto Brandt,PO,Orbit\nSara Quist,Scrum Master,Orbit\nEva Novak,Developer,Orbit\n\
               Ravi Patel,Developer,Orbit\nDina Cole,UX Designer,Orbit\nQuinn Hart,QA Engineer,Orbit\n";
    let analysis = analyse_text(csv, &Options { template: Some("scrum".into()), ..Options::default() });
    let noisy: Vec<&Finding> = analysis.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    assert!(noisy.is_empty(), "{:#?}", codes(&analysis.findings));
    let (view, t) = (analysis.view(), &analysis.templates[0]);
    let (team, tm, _) = view.teams().next().expect("a team");
    let owners = |id: &str| -> Vec<&str> {
        let a = t.activity_index(id).expect("activity");
        tm.holders(a, Letter::A).map(|m| view.name(&team.members[m])).collect()
    };
    // The PO holds vision and roadmap as well as the backlog; the developers their own work.
    for id in ["product-vision", "product-roadmap", "product-goal", "product-backlog", "acceptance"] {
        assert_eq!(owners(id), ["Otto Brandt"], "{id}");
    }
    for id in ["sprint-backlog", "daily-scrum", "build-increment"] {
        assert_eq!(owners(id), ["Eva Novak", "Ravi Patel", "Dina Cole", "Quinn Hart"], "{id}");
    }
    assert_eq!(owners("retrospective"), ["Sara Quist"]);
}

#[test]
fn scrum_with_a_product_manager_gives_them_vision_and_launch() {
    let csv = "name,role,team\nPia Lorenz,PM,Orbit\nOtto Brandt,PO,Orbit\nSara Quist,Scrum Master,Orbit\n\
               Eva Novak,Developer,Orbit\n";
    let analysis = analyse_text(csv, &Options { template: Some("scrum".into()), ..Options::default() });
    let (view, t) = (analysis.view(), &analysis.templates[0]);
    let (team, tm, _) = view.teams().next().expect("a team");
    for id in ["product-vision", "product-roadmap", "market-launch"] {
        let a = t.activity_index(id).expect("activity");
        let owners: Vec<&str> = tm.holders(a, Letter::A).map(|m| view.name(&team.members[m])).collect();
        assert_eq!(owners, ["Pia Lorenz"], "{id}");
    }
}

#[test]
fn startup_treats_a_combined_po_pm_as_expected() {
    let startup = analyse("startup-team.csv", "startup");
    let combined = with_code(&startup, Code::CombinedRole);
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0].severity, Severity::Info);
    assert_eq!(combined[0].people, ["Maya Okafor"]);
    assert!(with_code(&startup, Code::OverloadedPerson).is_empty(), "{:#?}", codes(&startup.findings));

    // The same ten-person team under the default template: too large for one PO/PM, and overloaded.
    let default = analyse("startup-team.csv", "product-lifecycle");
    let combined = with_code(&default, Code::CombinedRole);
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0].severity, Severity::Warning);
    assert_eq!(with_code(&default, Code::OverloadedPerson).len(), 1);
}

#[test]
fn templates_list_names_all_four_with_versions() {
    let out = raci().args(["templates", "list"]).output().expect("run raci");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    for (line, name) in lines.iter().zip(template::builtin_names()) {
        let t = template::resolve(name).expect("template");
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[..2], [name, t.version.as_str()], "{line}");
        assert!(line.contains(&format!("{} activities", t.activities.len())), "{line}");
        assert!(line.ends_with(&t.description), "{line}");
    }
}

#[test]
fn templates_show_safe_shows_phases_and_chains() {
    let out = raci().args(["templates", "show", "safe"]).output().expect("run raci");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let t = template::resolve("safe").expect("safe");
    assert!(stdout.starts_with(&format!("safe {}: ", t.version)), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    let mut last = 0;
    for phase in &t.phases {
        let at = lines.iter().position(|l| l == phase).unwrap_or_else(|| panic!("phase {phase} missing:\n{stdout}"));
        assert!(at > last, "phases in order");
        last = at;
    }
    for a in &t.activities {
        assert!(lines.iter().any(|l| l.trim_start().starts_with(&format!("{} ", a.id))), "{} missing", a.id);
    }
    assert!(stdout.lines().any(|l| l.contains("program-backlog") && l.ends_with("A: product-manager")), "{stdout}");
    assert!(stdout.lines().any(|l| l.contains("team-backlog") && l.contains("A: product-owner  [backlog]")));
}

#[test]
fn templates_show_and_export_refuse_an_unknown_name() {
    for action in ["show", "export"] {
        let out = raci().args(["templates", action, "kanban"]).output().expect("run raci");
        assert_eq!(out.status.code(), Some(2), "{action}");
        assert!(out.stdout.is_empty(), "{action}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no template named 'kanban'"), "{stderr}");
        assert!(stderr.contains("product-lifecycle, scrum, safe, startup"), "{stderr}");
    }
}

#[test]
fn exported_templates_round_trip_to_the_same_workbook() {
    let dir = tempfile::tempdir().expect("temp dir");
    for &(name, roster) in FULL_ROSTERS {
        let out = raci().args(["templates", "export", name]).output().expect("run raci");
        assert!(out.status.success());
        let (_, builtin) = template::BUILTIN.iter().find(|(n, _)| *n == name).expect("built-in");
        assert_eq!(String::from_utf8_lossy(&out.stdout), *builtin, "{name}: export prints the TOML as bundled");
        let exported = dir.path().join(format!("{name}.toml"));
        std::fs::write(&exported, &out.stdout).expect("write export");

        let by_name = dir.path().join(format!("{name}-by-name.xlsx"));
        let by_file = dir.path().join(format!("{name}-by-file.xlsx"));
        generate(&fixture(roster), &[name], &by_name);
        generate(&fixture(roster), &[path_str(&exported)], &by_file);
        let (a, b) = (std::fs::read(&by_name).expect("read"), std::fs::read(&by_file).expect("read"));
        assert!(!a.is_empty());
        assert!(a == b, "{name}: the exported file gives a different workbook");
    }
}

#[test]
fn a_custom_role_gets_letters_and_thresholds_change_the_findings() {
    let roster = fixture("analytics.csv");
    let custom = fixture("analytics.toml");

    // Library view: no unknown-role, and the tightened thresholds fire.
    let with_custom = analyse("analytics.csv", path_str(&custom));
    assert_eq!(with_custom.templates[0].custom_roles, [raci::role::Role::new("data-analyst")]);
    assert!(with_code(&with_custom, Code::UnknownRole).is_empty(), "{:#?}", codes(&with_custom.findings));
    let combined = with_code(&with_custom, Code::CombinedRole);
    assert_eq!(combined.len(), 1);
    assert_eq!(combined[0].severity, Severity::Warning, "4 members is above combined_role_max_team_size = 2");
    let crowded = with_code(&with_custom, Code::TooManyConsulted);
    assert_eq!(crowded.len(), 1, "{:#?}", codes(&with_custom.findings));
    assert_eq!(crowded[0].activities[..], ["backlog"]);
    assert!(with_custom.findings.iter().all(|f| f.severity != Severity::Error), "{:#?}", codes(&with_custom.findings));
    assert!(with_code(&with_custom, Code::HandoffGap).is_empty());

    // The same roster on the default template: the analyst is unknown and the thresholds are the defaults.
    let with_default = analyse("analytics.csv", "product-lifecycle");
    let unknown = with_code(&with_default, Code::UnknownRole);
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].people, ["Dana Ruiz"]);
    let combined = with_code(&with_default, Code::CombinedRole);
    assert_eq!(combined[0].severity, Severity::Info);
    assert!(with_code(&with_default, Code::TooManyConsulted).is_empty());

    // The workbooks, read back.
    let dir = tempfile::tempdir().expect("temp dir");
    let custom_xlsx = dir.path().join("custom.xlsx");
    let default_xlsx = dir.path().join("default.xlsx");
    generate(&roster, &[path_str(&custom)], &custom_xlsx);
    generate(&roster, &[], &default_xlsx);

    let mut book = Book::open(&custom_xlsx);
    let sheet = book.sheet("Lumen");
    assert_eq!(sheet.people(), ["Maya Okafor", "Dana Ruiz", "Jonas Berg", "Priya Nair"]);
    assert_eq!(sheet.activities(), ["Metrics definition", "Dashboards", "Product backlog", "Build"]);
    assert_eq!(sheet.row_of("Metrics definition"), ["C", "A/R", "", ""]);
    assert_eq!(sheet.row_of("Dashboards"), ["I", "A/R", "", "R"]);
    assert_eq!(sheet.row_of("Product backlog"), ["A/R", "C", "C", "I"]);
    assert_eq!(sheet.row_of("Build"), ["I", "C", "A/R", "R"]);

    let mut book = Book::open(&default_xlsx);
    let sheet = book.sheet("Lumen");
    let dana = sheet.people().iter().position(|p| p == "Dana Ruiz").expect("Dana's column");
    for activity in sheet.activities() {
        assert_eq!(sheet.row_of(&activity)[dana], "", "{activity}: an unknown role gets no letters");
    }
}

#[test]
fn a_team_takes_its_template_from_the_roster_column() {
    let analysis = analyse("per-team.csv", "product-lifecycle");
    let names: Vec<&str> =
        analysis.matrix.teams.iter().map(|tm| analysis.templates[tm.template].name.as_str()).collect();
    assert_eq!(names, ["scrum", "product-lifecycle"]);

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("per-team.xlsx");
    generate(&fixture("per-team.csv"), &[], &out);
    let mut book = Book::open(&out);
    let scrum = template::resolve("scrum").expect("scrum");
    let default = template::default_template().expect("default");
    assert_eq!(book.sheet("Alpha").activities(), activity_names(&scrum));
    assert_eq!(book.sheet("Beta").activities(), activity_names(&default));
    assert!(book.sheet("Alpha").text(1, 0).starts_with(&format!("template scrum {}", scrum.version)));

    // The command line beats the column.
    let out = dir.path().join("override.xlsx");
    generate(&fixture("per-team.csv"), &["Alpha=startup"], &out);
    let startup = template::resolve("startup").expect("startup");
    assert_eq!(Book::open(&out).sheet("Alpha").activities(), activity_names(&startup));
}

#[test]
fn a_team_takes_its_template_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("two-teams.xlsx");
    generate(&fixture("two-teams.csv"), &["Beta=scrum"], &out);
    let mut book = Book::open(&out);
    let scrum = template::resolve("scrum").expect("scrum");
    let default = template::default_template().expect("default");
    assert_eq!(book.sheet("Alpha").activities(), activity_names(&default));
    assert_eq!(book.sheet("Beta").activities(), activity_names(&scrum));

    // Library API: the same through Options::team_templates, with a main template.
    let path = fixture("two-teams.csv");
    let roster = roster::load(&path, &ReadOptions::default()).expect("roster");
    let options = Options {
        template: Some("startup".into()),
        team_templates: vec![("beta".into(), "scrum".into())],
        ..Options::default()
    };
    let analysis = Analysis::from_roster(roster, &options).expect("analysis");
    let names: Vec<&str> =
        analysis.matrix.teams.iter().map(|tm| analysis.templates[tm.template].name.as_str()).collect();
    assert_eq!(names, ["startup", "scrum"]);
}

/// The fenced ```toml block of templates/README.md.
fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/README.md")).expect("README")
}

#[test]
fn the_readme_example_template_is_valid() {
    let text = readme();
    let start = text.find("```toml\n").expect("a toml example") + "```toml\n".len();
    let end = start + text[start..].find("```").expect("end of the example");
    let t = template::parse(&text[start..end], "templates/README.md").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.custom_roles, [raci::role::Role::new("data-analyst")]);
    assert_eq!(t.rules, Rules { max_consulted: 3, ..Rules::default() });
}

#[test]
fn the_readme_documents_every_rule_with_its_default() {
    let text = readme();
    let d = Rules::default();
    for (key, value) in [
        ("combined_role_max_team_size", d.combined_role_max_team_size.to_string()),
        ("max_accountable_share", d.max_accountable_share.to_string()),
        ("max_teams_per_person", d.max_teams_per_person.to_string()),
        ("po_max_teams", d.po_max_teams.to_string()),
        ("max_consulted", d.max_consulted.to_string()),
        ("fallback_escalate_teams", d.fallback_escalate_teams.to_string()),
        ("fallback_escalate_roles", format!("{:?}", d.fallback_escalate_roles)),
        ("optional_roles", format!("{:?}", d.optional_roles)),
    ] {
        let row = format!("| `{key}` | {value} |");
        assert!(text.contains(&row), "templates/README.md should have the row {row}");
    }
    // The same keys, no more: a template with every documented key parses.
    let rules: String = [
        "combined_role_max_team_size = 1",
        "max_accountable_share = 0.5",
        "max_teams_per_person = 1",
        "po_max_teams = 1",
        "max_consulted = 1",
        "fallback_escalate_teams = 1",
        "fallback_escalate_roles = [\"product-manager\"]",
        "optional_roles = [\"product-manager\"]",
    ]
    .join("\n");
    let text = format!(
        "name = \"t\"\n[rules]\n{rules}\n[[activity]]\nid = \"a\"\nname = \"A\"\nphase = \"discovery\"\naccountable = [\"product-owner\"]\n"
    );
    assert!(template::parse(&text, "t.toml").is_ok());
    // A role the rules name must be a role.
    let wrong = text.replace("optional_roles = [\"product-manager\"]", "optional_roles = [\"Produkt Manager\"]");
    let message = template::parse(&wrong, "t.toml").map(|_| ()).map_err(|e| e.to_string());
    assert!(matches!(&message, Err(m) if m.contains("optional_roles: unknown role 'Produkt Manager'")), "{message:?}");
}
