//! Workload rules: one person accountable for too much or on too many teams, too many consulted,
//! members with no work.

use super::facts::{Facts, TeamView};
use super::position::Places;
use super::{Code, Finding, count, quoted_list};
use crate::matrix::View;
use crate::role::Role;

/// `overloaded-person` within a team: holding the A on more than `max_accountable_share` of its
/// activities, divided by the person's allocation. A's held as a fallback are not counted (they are
/// `fallback-owner` or `missing-backlog-owner`), nor those of a combined PO/PM in a team small
/// enough for it (`combined-role` says it is workable).
pub(super) fn overloaded_in_team(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let template = team.template;
    let n = template.activities.len().max(1);
    let (po, pm) = (Role::product_owner(), Role::product_manager());
    let small = team.members().len() <= template.rules.combined_role_max_team_size;
    for (m, member) in team.members().iter().enumerate() {
        let combined = small && member.holds(&po) && member.holds(&pm);
        let a_count = facts.own_a(m) - if combined { facts.product_a(m) } else { 0 };
        let share = a_count as f64 / n as f64;
        let allocation = team.view.roster.people[member.person].allocation;
        let load = share / allocation.unwrap_or(1.0);
        if a_count <= 1 || load <= template.rules.max_accountable_share {
            continue;
        }
        let name = team.name(m);
        let detail = match allocation {
            Some(alloc) => {
                format!("{:.0}%) at {:.0}% allocation: a load of {:.0}%", share * 100.0, alloc * 100.0, load * 100.0)
            }
            None => format!("{:.0}%)", share * 100.0),
        };
        out.push(
            Finding::new(
                Code::OverloadedPerson,
                team.at(),
                team.places.roster(member.line),
                format!(
                    "team '{}': '{name}' is accountable for {a_count} of {n} activities ({detail}, above the {:.0}% limit",
                    team.team.name,
                    template.rules.max_accountable_share * 100.0
                ),
                "move some accountabilities to another person or role (a PM for strategy, a tech lead for delivery)",
            )
            .people(vec![name.to_string()]),
        );
    }
}

/// `overloaded-person` across teams: a member of more than `max_teams_per_person` teams.
pub(super) fn overloaded_across_teams(view: &View<'_>, places: &Places, out: &mut Vec<Finding>) {
    let limit = view.templates.first().map_or(usize::MAX, |t| t.rules.max_teams_per_person);
    // Teams per person, counted first; names are gathered afterwards for the few over the limit.
    let mut team_count = vec![0usize; view.roster.people.len()];
    for team in &view.roster.teams {
        for member in &team.members {
            team_count[member.person] += 1;
        }
    }
    // Person -> slot in `teams_of`, for the people on more teams than the limit.
    let mut slot = vec![usize::MAX; team_count.len()];
    let mut teams_of: Vec<(usize, Vec<(&str, u64)>)> = Vec::new();
    for (person, &n) in team_count.iter().enumerate() {
        if n > limit {
            slot[person] = teams_of.len();
            teams_of.push((person, Vec::with_capacity(n)));
        }
    }
    if !teams_of.is_empty() {
        for team in &view.roster.teams {
            for member in &team.members {
                if let Some((_, names)) = teams_of.get_mut(slot[member.person]) {
                    names.push((&team.name, member.line));
                }
            }
        }
    }
    for (person, mut on) in teams_of {
        let name = &view.roster.people[person].name;
        let teams: Vec<&str> = on.iter().map(|&(team, _)| team).collect();
        on.sort_by_key(|&(_, line)| line);
        let (at, related) = places.lines(on.iter().map(|&(team, line)| (line, format!("team '{team}'"))));
        out.push(
            Finding::new(
                Code::OverloadedPerson,
                None,
                at,
                format!("'{name}' is on {} teams ({}), more than {limit}", teams.len(), quoted_list(&teams)),
                "reduce the number of teams this person serves, or share the load with a second person",
            )
            .people(vec![name.clone()])
            .related(related),
        );
    }
}

/// `too-many-consulted`: one finding per team listing the activities with more roles consulted
/// than `max_consulted`. Roles, not people: consulting the engineers is one conversation however
/// many there are.
pub(super) fn too_many_consulted(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let template = team.template;
    let max = template.rules.max_consulted;
    let crowded: Vec<(usize, usize)> =
        (0..template.activities.len()).map(|a| (a, facts.consulted(a))).filter(|&(_, c)| c > max).collect();
    let Some(&(first, _)) = crowded.first() else { return };
    let list: Vec<String> = crowded.iter().map(|&(a, c)| format!("{} ({c})", template.activities[a].id)).collect();
    let acts: Vec<usize> = crowded.iter().map(|&(a, _)| a).collect();
    out.push(
        Finding::new(
            Code::TooManyConsulted,
            team.at(),
            team.line(),
            format!(
                "team '{}': more than {} consulted on {}",
                team.team.name,
                if template.inferred { count(max, "person", "people") } else { count(max, "role", "roles") },
                list.join(", ")
            ),
            "inform some of them after instead of consulting them before (C -> I)",
        )
        .activities(first, team.ids(&acts)),
    );
}

/// `idle-member`: members with no R or A on any activity whose roles the template has no letter for
/// at all. A role that only gets C or I by design (a sponsor) is not idle, and an unknown role is
/// `unknown-role`. `mentioned` is [`Template::roles`] of the team's template.
pub(super) fn idle_member(team: &TeamView<'_>, facts: &Facts, mentioned: &[Role], out: &mut Vec<Finding>) {
    let idle: Vec<usize> = team
        .members()
        .iter()
        .enumerate()
        .filter(|&(m, member)| {
            // Somebody with a letter typed in an edited workbook, or with no role at all (a column
            // added by hand), is not idle for want of template work.
            !facts.works(m)
                && !member.roles.is_empty()
                && member.roles.iter().all(|p| team.template.knows(&p.role) && !mentioned.contains(&p.role))
                && (0..team.template.activities.len()).all(|a| team.tm.cell(a, m).letters.is_empty())
        })
        .map(|(m, _)| m)
        .collect();
    if idle.is_empty() {
        return;
    }
    let roles: Vec<&str> = {
        let mut roles: Vec<&str> = Vec::new();
        for &m in &idle {
            for parsed in team.members()[m].roles.iter() {
                if !roles.contains(&parsed.role.id()) {
                    roles.push(parsed.role.id());
                }
            }
        }
        roles
    };
    let (at, others) = team.lines_of(&idle);
    let idle = team.names(&idle);
    out.push(
        Finding::new(
            Code::IdleMember,
            team.at(),
            at,
            format!(
                "team '{}': {} no letter in template '{}', which has no work for {}: {}",
                team.team.name,
                count(idle.len(), "member has", "members have"),
                team.template.name,
                roles.join(" or "),
                quoted_list(&idle)
            ),
            "use a template that has their work (e.g. safe for a release train engineer), add it to a custom template, \
             or remove them from the team",
        )
        .people(idle)
        .related(others),
    );
}

/// `over-allocated`: a person whose allocations, summed over their roster lines, exceed one
/// full-time person.
pub(super) fn over_allocated(view: &View<'_>, places: &Places, out: &mut Vec<Finding>) {
    const FULL_TIME: f64 = 1.0 + 1e-9;
    let roster = view.roster;
    let over: Vec<usize> =
        (0..roster.people.len()).filter(|&p| roster.people[p].allocation.is_some_and(|a| a > FULL_TIME)).collect();
    if over.is_empty() {
        return;
    }
    // The lines and teams of the few people concerned.
    let mut lines: Vec<Vec<(u64, &str)>> = vec![Vec::new(); over.len()];
    for team in &roster.teams {
        for member in &team.members {
            if let Ok(slot) = over.binary_search(&member.person) {
                lines[slot].push((member.line, &team.name));
            }
        }
    }
    for (&p, mut lines) in over.iter().zip(lines) {
        lines.sort_unstable();
        let person = &roster.people[p];
        let mut numbers: Vec<String> = lines.iter().map(|(line, _)| line.to_string()).collect();
        numbers.dedup();
        let teams: Vec<&str> = lines.iter().map(|&(_, team)| team).collect();
        // One place per line; a line may name several teams (`Alpha; Beta`).
        let (at, related) = places.lines(lines.chunk_by(|a, b| a.0 == b.0).map(|same| {
            let teams: Vec<&str> = same.iter().map(|&(_, team)| team).collect();
            (same[0].0, format!("{} {}", if teams.len() == 1 { "team" } else { "teams" }, quoted_list(&teams)))
        }));
        out.push(
            Finding::new(
                Code::OverAllocated,
                None,
                at,
                format!(
                    "{}: '{}' is allocated {:.0}% in total over {} ({} {}), more than one full-time person",
                    roster.source,
                    person.name,
                    person.allocation.unwrap_or(0.0) * 100.0,
                    count(teams.len(), "team", "teams"),
                    if numbers.len() == 1 { "line" } else { "lines" },
                    numbers.join(", ")
                ),
                "correct the allocations so they add up to at most 100% (each line's share is added), or take the \
                 person off a team",
            )
            .people(vec![person.name.clone()])
            .related(related),
        );
    }
}
