//! Ownership rules: backlog owner, exactly one A, at least one R, and A's that came from a fallback.

use std::collections::{BTreeMap, HashMap};

use super::{Code, Finding, Severity, count, quoted_list};
use crate::matrix::{Letter, View};
use crate::role::Role;

pub(super) fn check(view: &View<'_>, out: &mut Vec<Finding>) {
    // Missing role -> number of teams where some A fell back past it (for escalation).
    let mut teams_missing: HashMap<Role, usize> = HashMap::new();
    let mut fallbacks: Vec<(Finding, Role)> = Vec::new();
    // A holders of the activity at hand, reused from activity to activity.
    let mut owners: Vec<usize> = Vec::new();

    for (t, (team, tm, template)) in view.teams().enumerate() {
        let at = Some((t, team.name.as_str()));
        let mut backlog = Vec::new();
        let mut no_a = Vec::new();
        let mut no_r = Vec::new();
        // Holders (member positions) -> activities where they share the A.
        let mut shared_a: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
        // (missing role, owner members) -> activities.
        let mut fell_back: BTreeMap<(usize, Vec<usize>), Vec<usize>> = BTreeMap::new();
        let mut missing_here: Vec<Role> = Vec::new();

        for (a, activity) in template.activities.iter().enumerate() {
            let Some(position) = tm.accountable_position[a] else {
                if activity.backlog {
                    backlog.push(a)
                } else {
                    no_a.push(a)
                }
                continue;
            };
            owners.clear();
            owners.extend(tm.holders(a, Letter::A));
            if owners.len() > 1 {
                match shared_a.get_mut(&owners) {
                    Some(acts) => acts.push(a),
                    None => _ = shared_a.insert(owners.clone(), vec![a]),
                }
            }
            if tm.holders(a, Letter::R).next().is_none() {
                no_r.push(a);
            }
            if position > 0 {
                fell_back.entry((usize::from(position), owners.clone())).or_default().push(a);
                let first = &activity.accountable[0];
                if !missing_here.contains(first) {
                    missing_here.push(first.clone());
                }
            }
        }
        for role in missing_here {
            *teams_missing.entry(role).or_default() += 1;
        }

        let ids = |list: &[usize]| list.iter().map(|&a| template.activities[a].id.clone()).collect::<Vec<_>>();
        let names =
            |members: &[usize]| members.iter().map(|&m| view.name(&team.members[m]).to_string()).collect::<Vec<_>>();

        if !backlog.is_empty() {
            let roles = chain_roles(backlog.iter().map(|&a| &template.activities[a].accountable[..]));
            out.push(
                Finding::new(
                    Code::MissingBacklogOwner,
                    at,
                    format!(
                        "team '{}': nobody is accountable for the backlog ({}): nobody holds {}",
                        team.name,
                        ids(&backlog).join(", "),
                        or_list(&roles)
                    ),
                    "name a Product Owner for the team (role `PO`); if a PM owns the backlog, write `PO/PM`",
                )
                .activities(backlog[0], ids(&backlog)),
            );
        }
        if !no_a.is_empty() {
            let roles = chain_roles(no_a.iter().map(|&a| &template.activities[a].accountable[..]));
            out.push(
                Finding::new(
                    Code::NoAccountable,
                    at,
                    format!(
                        "team '{}': {} without an accountable person ({}): nobody holds {}",
                        team.name,
                        count(no_a.len(), "activity", "activities"),
                        ids(&no_a).join(", "),
                        or_list(&roles)
                    ),
                    format!("add a member holding {}, or change the template's accountable chain", or_list(&roles)),
                )
                .activities(no_a[0], ids(&no_a)),
            );
        }
        for (owners, acts) in &shared_a {
            let people = names(owners);
            out.push(
                Finding::new(
                    Code::MultipleAccountable,
                    at,
                    format!(
                        "team '{}': {} {} accountable for {}",
                        team.name,
                        quoted_list(&people),
                        if people.len() == 2 { "are both" } else { "are all" },
                        ids(acts).join(", ")
                    ),
                    "keep one accountable person: give the others another role, or split the team",
                )
                .activities(acts[0], ids(acts))
                .people(people),
            );
        }
        if !no_r.is_empty() {
            let roles = chain_roles(no_r.iter().map(|&a| &template.activities[a].responsible[..]));
            out.push(
                Finding::new(
                    Code::NoResponsible,
                    at,
                    format!(
                        "team '{}': nobody is responsible for {}: nobody holds {}",
                        team.name,
                        ids(&no_r).join(", "),
                        if roles.is_empty() { "a responsible role".to_string() } else { or_list(&roles) }
                    ),
                    "add a member with a responsible role for these activities, or list one the team has",
                )
                .activities(no_r[0], ids(&no_r)),
            );
        }
        for ((position, owners), acts) in &fell_back {
            let first = &template.activities[acts[0]];
            let missing = first.accountable[0].clone();
            let owner_role = &first.accountable[*position];
            let people = names(owners);
            let finding = Finding::new(
                Code::FallbackOwner,
                at,
                format!(
                    "team '{}': nobody holds {missing}, so {} ({owner_role}) is accountable for {} in its place: {}",
                    team.name,
                    quoted_list(&people),
                    count(acts.len(), "activity", "activities"),
                    ids(acts).join(", ")
                ),
                format!("name a {missing} for the team, or accept the fallback for a small team"),
            )
            .activities(acts[0], ids(acts))
            .people(people);
            fallbacks.push((finding, missing));
        }
    }

    let escalate_at = view.templates.first().map_or(usize::MAX, |t| t.rules.fallback_escalate_teams.max(1));
    for (mut finding, missing) in fallbacks {
        let teams = teams_missing.get(&missing).copied().unwrap_or(0);
        if teams >= escalate_at {
            finding.message.push_str(&format!(" ({teams} teams have no {missing})"));
            finding.hint = format!("{teams} teams share no {missing}: name at least one {missing} to cover them");
            finding = finding.severity(Severity::Error);
        }
        out.push(finding);
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
