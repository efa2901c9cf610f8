//! Workload rules: one person accountable for too much or on too many teams, too many consulted,
//! members with no work.

use super::facts::{Facts, TeamView};
use super::{Code, Finding, count, quoted_list};
use crate::matrix::View;

/// `overloaded-person` within a team: holding the A on more than `max_accountable_share` of its
/// activities, divided by the person's allocation.
pub(super) fn overloaded_in_team(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let template = team.template;
    let n = template.activities.len().max(1);
    for (m, member) in team.members().iter().enumerate() {
        let a_count = facts.a_count(m);
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
pub(super) fn overloaded_across_teams(view: &View<'_>, out: &mut Vec<Finding>) {
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
    let mut teams_of: Vec<(usize, Vec<&str>)> = Vec::new();
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
                    names.push(&team.name);
                }
            }
        }
    }
    for (person, teams) in teams_of {
        let name = &view.roster.people[person].name;
        out.push(
            Finding::new(
                Code::OverloadedPerson,
                None,
                format!("'{name}' is on {} teams ({}), more than {limit}", teams.len(), quoted_list(&teams)),
                "reduce the number of teams this person serves, or share the load with a second person",
            )
            .people(vec![name.clone()]),
        );
    }
}

/// `too-many-consulted`: one finding per team listing the activities with more C's than `max_consulted`.
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
            format!(
                "team '{}': more than {} consulted on {}",
                team.team.name,
                count(max, "person", "people"),
                list.join(", ")
            ),
            "inform some of them after instead of consulting them before (C -> I)",
        )
        .activities(first, team.ids(&acts)),
    );
}

/// `idle-member`: members with no R or A on any activity.
pub(super) fn idle_member(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let idle: Vec<usize> = (0..team.members().len()).filter(|&m| !facts.works(m)).collect();
    if idle.is_empty() {
        return;
    }
    let idle = team.names(&idle);
    out.push(
        Finding::new(
            Code::IdleMember,
            team.at(),
            format!(
                "team '{}': {} neither responsible nor accountable for any activity: {}",
                team.team.name,
                count(idle.len(), "member is", "members are"),
                quoted_list(&idle)
            ),
            "check their role spelling, add their work to the template, or remove them from the team",
        )
        .people(idle),
    );
}
