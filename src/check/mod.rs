//! Findings: the catalogue of codes, and the rules that read a [`View`] and report gaps and overlaps.
//! Each rule is a pure function over the roster, templates and matrix; none mutates anything.

mod catalogue;
mod facts;
mod handoff;
mod ownership;
mod people;
mod position;
pub(crate) mod without;
mod workload;

use std::cmp::Reverse;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

pub use catalogue::{CATALOGUE, Code, Explanation, Scope};
pub use position::{Position, Related};

use crate::matrix::View;
use crate::role::Role;
use crate::template::Template;
use facts::{Facts, TeamView};
use position::Places;

/// How much a finding matters. `error` fails `raci check`; `warning` fails it with `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For the record.
    Info,
    /// Worth a look; fails the check with `--deny warnings`.
    Warning,
    /// A gap or overlap the team must fix; fails the check.
    Error,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: a stable code, a severity, where, who, what and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable kebab-case code.
    pub code: Code,
    /// Severity.
    pub severity: Severity,
    /// Team name, or `None` for roster-wide findings.
    pub team: Option<String>,
    /// Activity ids concerned, in template order (shared: many findings name the same list).
    pub activities: Arc<[String]>,
    /// People concerned, in roster order.
    pub people: Vec<String>,
    /// What is wrong, naming team, activity and people.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Stable id: a hash of the code, team, activities and people (not of the lines, so it stays
    /// when unrelated lines move), for baselines and code scanning.
    pub fingerprint: String,
    /// Where it comes from: the person's line, the team's first line.
    pub location: Position,
    /// The other places it concerns: the lines of the other people it names, the template line of
    /// its first activity (for a template read from a file).
    pub related: Vec<Related>,
    /// Sort key: team position (roster-wide findings first), first activity position.
    #[serde(skip)]
    pub(crate) order: (usize, usize),
}

impl Finding {
    pub(crate) fn new(
        code: Code,
        team: Option<(usize, &str)>,
        location: Position,
        message: String,
        hint: impl Into<String>,
    ) -> Self {
        Finding {
            code,
            severity: code.default_severity(),
            team: team.map(|(_, name)| name.to_string()),
            activities: Arc::new([]),
            people: Vec::new(),
            message,
            hint: hint.into(),
            fingerprint: String::new(),
            location,
            related: Vec::new(),
            order: (team.map_or(0, |(idx, _)| idx + 1), 0),
        }
    }

    pub(crate) fn related(mut self, related: Vec<Related>) -> Self {
        self.related = related;
        self
    }

    pub(crate) fn activities(mut self, first: usize, ids: impl Into<Arc<[String]>>) -> Self {
        self.order.1 = first;
        self.activities = ids.into();
        self
    }

    pub(crate) fn people(mut self, people: Vec<String>) -> Self {
        self.people = people;
        self
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// The single activity, when the finding concerns exactly one.
    pub fn activity(&self) -> Option<&str> {
        match &*self.activities {
            [one] => Some(one),
            _ => None,
        }
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// Count findings.
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (errors, warnings) = (count(self.errors, "error", "errors"), count(self.warnings, "warning", "warnings"));
        write!(f, "{errors}, {warnings}, {} info", self.info)
    }
}

/// The codes that need no template: on a team whose template is inferred from a sheet raci did not
/// write ([`Template::inferred`]), only these are looked for.
pub const WITHOUT_TEMPLATE: [Code; 7] = [
    Code::NoAccountable,
    Code::MultipleAccountable,
    Code::NoResponsible,
    Code::OverloadedPerson,
    Code::TooManyConsulted,
    Code::UnknownLetter,
    Code::LeaverGap,
];

/// Run every rule and return the findings in a stable order: roster-wide first, then by team in
/// roster order; within a team errors first, then catalogue order, then activity order.
pub fn run(view: &View<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // Worked out once per template.
    let edges: Vec<Vec<(usize, usize)>> = view.templates.iter().map(handoff::edges).collect();
    let responsible: Vec<Vec<people::ResponsibleRole>> = view.templates.iter().map(people::responsible_roles).collect();
    let mentioned: Vec<Vec<Role>> = view.templates.iter().map(Template::roles).collect();
    let working: Vec<Vec<Role>> = view.templates.iter().map(working_roles).collect();
    // Rules that look across teams collect as they go.
    let mut fallbacks = ownership::Fallbacks::default();
    let mut unknown = people::UnknownRoles::default();
    let mut facts = Facts::default();
    let places = Places::new(view);
    for (idx, (team, tm, template)) in view.teams().enumerate() {
        let team = TeamView { view, places: &places, idx, team, tm, template };
        facts.fill(&team);
        // A template inferred from a sheet raci did not write has no roles, chains, backlog or
        // dependencies: only the rules that read the letters alone apply ([`WITHOUT_TEMPLATE`]).
        if template.inferred {
            ownership::no_accountable(&team, &mut out);
            ownership::multiple_accountable(&team, &facts, &mut out);
            ownership::no_responsible(&team, &facts, &mut out);
            workload::overloaded_in_team(&team, &facts, &mut out);
            workload::too_many_consulted(&team, &facts, &mut out);
            continue;
        }
        if outside_product_work(team.team, &working[tm.template]) {
            continue;
        }
        let stand_ins = fallbacks.team(&team, &facts);
        ownership::missing_backlog_owner(&team, &stand_ins, &mut out);
        ownership::no_accountable(&team, &mut out);
        ownership::multiple_accountable(&team, &facts, &mut out);
        ownership::no_responsible(&team, &facts, &mut out);
        people::combined_role(&team, &mut out);
        unknown.team(&team, &mut out);
        people::role_missing(&team, &facts, &responsible[tm.template], &mut out);
        workload::overloaded_in_team(&team, &facts, &mut out);
        workload::too_many_consulted(&team, &facts, &mut out);
        workload::idle_member(&team, &facts, &mentioned[tm.template], &mut out);
        handoff::handoff_gap(&team, &facts, &edges[tm.template], &mut out);
    }
    fallbacks.finish(view, &mut out);
    people::po_spread(view, &places, &mut out);
    people::reports_to_cycle(view, &places, &mut out);
    workload::overloaded_across_teams(view, &places, &mut out);
    workload::over_allocated(view, &places, &mut out);
    for finding in &mut out {
        template_line(view, &places, finding);
    }
    order(&mut out);
    out
}

/// The roles a template ever makes accountable or responsible.
fn working_roles(template: &Template) -> Vec<Role> {
    let mut out: Vec<Role> = Vec::new();
    for activity in &template.activities {
        for role in activity.accountable.iter().chain(&activity.responsible) {
            if !out.contains(role) {
                out.push(role.clone());
            }
        }
    }
    out
}

/// Whether a team does no product work under its template: every member holds known roles only,
/// none of which the template ever makes accountable or responsible (the leadership or finance
/// department of an HR export read by department). Its team rules are not run: they would report
/// a product team's gaps in a group that is none. A member with no role or an unknown one keeps
/// the team checked, so a misspelt Product Owner is never hidden.
fn outside_product_work(team: &crate::roster::Team, working: &[Role]) -> bool {
    !team.members.is_empty()
        && team
            .members
            .iter()
            .all(|m| !m.roles.is_empty() && m.roles.iter().all(|p| p.role.is_known() && !working.contains(&p.role)))
}

/// Notes for the teams whose team rules were not run ([`outside_product_work`]), naming their
/// members' roles.
pub fn unchecked_teams(view: &View<'_>) -> Vec<String> {
    let working: Vec<Vec<Role>> = view.templates.iter().map(working_roles).collect();
    view.teams()
        .filter(|(team, tm, template)| !template.inferred && outside_product_work(team, &working[tm.template]))
        .map(|(team, _, template)| {
            let mut roles: Vec<&str> = Vec::new();
            for m in &team.members {
                for p in m.roles.iter() {
                    if !roles.contains(&p.role.id()) {
                        roles.push(p.role.id());
                    }
                }
            }
            format!(
                "team '{}' holds only {} (no role template '{}' makes accountable or responsible), so it is not \
                 checked as a product team; its people still count across teams",
                team.name,
                roles.join(", "),
                template.name
            )
        })
        .collect()
}

/// Findings made besides the rules (what `--without` asks, cells of an edited workbook that are
/// no letters) added to the run's, sorted and fingerprinted
/// with them.
pub(crate) fn add(view: &View<'_>, findings: &mut Vec<Finding>, extra: Vec<Finding>) {
    let places = Places::new(view);
    for mut finding in extra {
        template_line(view, &places, &mut finding);
        findings.push(finding);
    }
    order(findings);
}

/// Sort findings into their stable order and give each its fingerprint.
fn order(out: &mut [Finding]) {
    out.sort_by(|a, b| {
        (a.order.0, Reverse(a.severity), a.code, a.order.1, &a.people).cmp(&(
            b.order.0,
            Reverse(b.severity),
            b.code,
            b.order.1,
            &b.people,
        ))
    });
    // Two findings that name the same code, team, activities and people (two unknown roles in one
    // cell) are told apart by their order among themselves.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for finding in out.iter_mut() {
        let first = fingerprint(finding, 0);
        let occurrence = seen.entry(first.clone()).or_default();
        finding.fingerprint = if *occurrence == 0 { first } else { fingerprint(finding, *occurrence) };
        *occurrence += 1;
    }
}

/// The fingerprint of a finding: the first 128 bits of a SHA-256 over its code, team, activities
/// and people, the lists sorted so that reordering roster lines changes nothing.
fn fingerprint(finding: &Finding, occurrence: usize) -> String {
    let mut activities: Vec<&str> = finding.activities.iter().map(String::as_str).collect();
    let mut people: Vec<&str> = finding.people.iter().map(String::as_str).collect();
    activities.sort_unstable();
    people.sort_unstable();
    let mut hash = Sha256::new();
    hash.update(b"raci-finding/v1\0");
    hash.update(finding.code.as_str());
    hash.update(b"\0");
    hash.update(finding.team.as_deref().unwrap_or(""));
    for list in [&activities, &people] {
        hash.update(b"\0");
        hash.update(list.join("\x1f"));
    }
    if occurrence > 0 {
        hash.update(format!("\0#{occurrence}"));
    }
    hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Name the template line of a team finding's first activity, when the template is a file.
fn template_line(view: &View<'_>, places: &Places, finding: &mut Finding) {
    let (Some(team), Some(id)) = (finding.order.0.checked_sub(1), finding.activities.first()) else { return };
    let Some(tm) = view.matrix.teams.get(team) else { return };
    let template = &view.templates[tm.template];
    let Some(activity) = template.activity_index(id).map(|a| &template.activities[a]) else { return };
    if let Some(position) = places.template(tm.template, activity.line) {
        let about = format!("activity '{id}' of template '{}'", template.name);
        finding.related.push(Related { position, about });
    }
}

/// Join names for a message: `'Ada'`, `'Ada' and 'Bob'`, `'Ada', 'Bob' and 'Cy'`.
pub(crate) fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{}'", s.as_ref())).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `1 activity` or `3 activities`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
