//! Ownership rules: backlog owner, exactly one A, at least one R, and A's that came from a fallback.

use std::collections::{BTreeMap, HashMap};

use super::facts::{Facts, TeamView};
use super::{Code, Finding, Severity, count, quoted_list};
use crate::matrix::View;
use crate::role::Role;

/// `missing-backlog-owner`: backlog activities with no A (there is no fallback for them).
pub(super) fn missing_backlog_owner(team: &TeamView<'_>, out: &mut Vec<Finding>) {
    let Some((backlog, roles)) = unowned(team, true) else { return };
    out.push(
        Finding::new(
            Code::MissingBacklogOwner,
            team.at(),
            format!(
                "team '{}': nobody is accountable for the backlog ({}): nobody holds {}",
                team.team.name,
                team.ids(&backlog).join(", "),
                or_list(&roles)
            ),
            "name a Product Owner for the team (role `PO`); if a PM owns the backlog, write `PO/PM`",
        )
        .activities(backlog[0], team.ids(&backlog)),
    );
}

/// `no-accountable`: other activities with no A, because nobody holds a role of their chain.
pub(super) fn no_accountable(team: &TeamView<'_>, out: &mut Vec<Finding>) {
    let Some((no_a, roles)) = unowned(team, false) else { return };
    out.push(
        Finding::new(
            Code::NoAccountable,
            team.at(),
            format!(
                "team '{}': {} without an accountable person ({}): nobody holds {}",
                team.team.name,
                count(no_a.len(), "activity", "activities"),
                team.ids(&no_a).join(", "),
                or_list(&roles)
            ),
            format!("add a member holding {}, or change the template's accountable chain", or_list(&roles)),
        )
        .activities(no_a[0], team.ids(&no_a)),
    );
}

/// The backlog (or other) activities nobody on the team is accountable for, with the roles of their
/// chains; `None` when there are none.
fn unowned(team: &TeamView<'_>, backlog: bool) -> Option<(Vec<usize>, Vec<String>)> {
    let activities = &team.template.activities;
    let acts: Vec<usize> = (0..activities.len())
        .filter(|&a| team.tm.accountable_position[a].is_none() && activities[a].backlog == backlog)
        .collect();
    let roles = chain_roles(acts.iter().map(|&a| &activities[a].accountable[..]));
    (!acts.is_empty()).then_some((acts, roles))
}

/// `multiple-accountable`: one finding per set of people who share the A of some activities.
pub(super) fn multiple_accountable(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let mut shared: BTreeMap<&[usize], Vec<usize>> = BTreeMap::new();
    for a in 0..team.template.activities.len() {
        let owners = facts.owners(a);
        if owners.len() > 1 {
            shared.entry(owners).or_default().push(a);
        }
    }
    for (owners, acts) in shared {
        let people = team.names(owners);
        out.push(
            Finding::new(
                Code::MultipleAccountable,
                team.at(),
                format!(
                    "team '{}': {} {} accountable for {}",
                    team.team.name,
                    quoted_list(&people),
                    if people.len() == 2 { "are both" } else { "are all" },
                    team.ids(&acts).join(", ")
                ),
                "keep one accountable person: give the others another role, or split the team",
            )
            .activities(acts[0], team.ids(&acts))
            .people(people),
        );
    }
}

/// `no-responsible`: activities with an A and nobody holding R.
pub(super) fn no_responsible(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let no_r: Vec<usize> = (0..team.template.activities.len())
        .filter(|&a| team.tm.accountable_position[a].is_some() && !facts.has_r(a))
        .collect();
    if no_r.is_empty() {
        return;
    }
    let roles = chain_roles(no_r.iter().map(|&a| &team.template.activities[a].responsible[..]));
    out.push(
        Finding::new(
            Code::NoResponsible,
            team.at(),
            format!(
                "team '{}': nobody is responsible for {}: nobody holds {}",
                team.team.name,
                team.ids(&no_r).join(", "),
                if roles.is_empty() { "a responsible role".to_string() } else { or_list(&roles) }
            ),
            "add a member with a responsible role for these activities, or list one the team has",
        )
        .activities(no_r[0], team.ids(&no_r)),
    );
}

/// `fallback-owner`: A's that came from a later role of the chain. Collected team by team, and
/// escalated once every team is seen, when enough teams lack the same role.
#[derive(Default)]
pub(super) struct Fallbacks {
    /// Missing role -> number of teams where some A fell back past it.
    teams_missing: HashMap<Role, usize>,
    /// Findings with the role whose absence caused them.
    found: Vec<(Finding, Role)>,
}

impl Fallbacks {
    /// Note the fallbacks of one team.
    pub(super) fn team(&mut self, team: &TeamView<'_>, facts: &Facts) {
        // (position in the chain, owner members) -> activities.
        let mut fell_back: BTreeMap<(usize, &[usize]), Vec<usize>> = BTreeMap::new();
        let mut missing_here: Vec<&Role> = Vec::new();
        for (a, activity) in team.template.activities.iter().enumerate() {
            let Some(position) = team.tm.accountable_position[a].filter(|&p| p > 0) else { continue };
            fell_back.entry((usize::from(position), facts.owners(a))).or_default().push(a);
            let first = &activity.accountable[0];
            if !missing_here.contains(&first) {
                missing_here.push(first);
            }
        }
        for role in missing_here {
            *self.teams_missing.entry(role.clone()).or_default() += 1;
        }
        for ((position, owners), acts) in fell_back {
            let first = &team.template.activities[acts[0]];
            let missing = first.accountable[0].clone();
            let owner_role = &first.accountable[position];
            let people = team.names(owners);
            let finding = Finding::new(
                Code::FallbackOwner,
                team.at(),
                format!(
                    "team '{}': nobody holds {missing}, so {} ({owner_role}) is accountable for {} in its place: {}",
                    team.team.name,
                    quoted_list(&people),
                    count(acts.len(), "activity", "activities"),
                    team.ids(&acts).join(", ")
                ),
                format!("name a {missing} for the team, or accept the fallback for a small team"),
            )
            .activities(acts[0], team.ids(&acts))
            .people(people);
            self.found.push((finding, missing));
        }
    }

    /// The findings, escalated to errors where `fallback_escalate_teams` teams lack the same role.
    pub(super) fn finish(self, view: &View<'_>, out: &mut Vec<Finding>) {
        let escalate_at = view.templates.first().map_or(usize::MAX, |t| t.rules.fallback_escalate_teams.max(1));
        for (mut finding, missing) in self.found {
            let teams = self.teams_missing.get(&missing).copied().unwrap_or(0);
            if teams >= escalate_at {
                finding.message.push_str(&format!(" ({teams} teams have no {missing})"));
                finding.hint = format!("{teams} teams share no {missing}: name at least one {missing} to cover them");
                finding = finding.severity(Severity::Error);
            }
            out.push(finding);
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The distinct roles that appear in these chains, in order.
fn chain_roles<'a>(chains: impl Iterator<Item = &'a [Role]>) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for chain in chains {
        for role in chain {
            if !roles.iter().any(|r| r == role.id()) {
                roles.push(role.id().to_string());
            }
        }
    }
    roles
}
