//! Load rules: one person accountable for too much or on too many teams, too many consulted, idle members.

use super::{Code, Finding, count, quoted_list};
use crate::matrix::{Letter, View};

pub(super) fn check(view: &View<'_>, out: &mut Vec<Finding>) {
    // Teams per person, counted here; names are gathered afterwards for the few over the limit.
    let mut team_count = vec![0usize; view.roster.people.len()];
    let (mut a_count, mut works, mut crowded) = (Vec::new(), Vec::new(), Vec::new());
    for (t, (team, tm, template)) in view.teams().enumerate() {
        let at = Some((t, team.name.as_str()));
        let n = template.activities.len().max(1);
        a_count.clear();
        a_count.resize(tm.width, 0usize);
        works.clear();
        works.resize(tm.width, false);
        crowded.clear();
        for a in 0..template.activities.len() {
            let mut consulted = 0;
            for (m, cell) in tm.row(a).iter().enumerate() {
                if cell.letters.has(Letter::A) {
                    a_count[m] += 1;
                }
                if cell.letters.has(Letter::A) || cell.letters.has(Letter::R) {
                    works[m] = true;
                }
                if cell.letters.has(Letter::C) {
                    consulted += 1;
                }
            }
            if consulted > template.rules.max_consulted {
                crowded.push((a, consulted));
            }
        }
        for (m, member) in team.members.iter().enumerate() {
            team_count[member.person] += 1;
            let share = a_count[m] as f64 / n as f64;
            let allocation = view.roster.people[member.person].allocation;
            let load = share / allocation.unwrap_or(1.0);
            if a_count[m] > 1 && load > template.rules.max_accountable_share {
                let name = view.name(member);
                let detail = match allocation {
                    Some(alloc) => format!(
                        "{:.0}%) at {:.0}% allocation: a load of {:.0}%",
                        share * 100.0,
                        alloc * 100.0,
                        load * 100.0
                    ),
                    None => format!("{:.0}%)", share * 100.0),
                };
                out.push(
                    Finding::new(
                        Code::OverloadedPerson,
                        at,
                        format!(
                            "team '{}': '{name}' is accountable for {} of {n} activities ({detail}, above the {:.0}% limit",
                            team.name,
                            a_count[m],
                            template.rules.max_accountable_share * 100.0
                        ),
                        "move some accountabilities to another person or role (a PM for strategy, a tech lead for delivery)",
                    )
                    .people(vec![name.to_string()]),
                );
            }
        }
        if !crowded.is_empty() {
            let list: Vec<String> =
                crowded.iter().map(|&(a, c)| format!("{} ({c})", template.activities[a].id)).collect();
            out.push(
                Finding::new(
                    Code::TooManyConsulted,
                    at,
                    format!(
                        "team '{}': more than {} consulted on {}",
                        team.name,
                        count(template.rules.max_consulted, "person", "people"),
                        list.join(", ")
                    ),
                    "inform some of them after instead of consulting them before (C -> I)",
                )
                .activities(
                    crowded[0].0,
                    crowded.iter().map(|&(a, _)| template.activities[a].id.clone()).collect::<Vec<_>>(),
                ),
            );
        }
        let idle: Vec<String> =
            team.members.iter().zip(&works).filter(|(_, w)| !**w).map(|(m, _)| view.name(m).to_string()).collect();
        if !idle.is_empty() {
            out.push(
                Finding::new(
                    Code::IdleMember,
                    at,
                    format!(
                        "team '{}': {} neither responsible nor accountable for any activity: {}",
                        team.name,
                        count(idle.len(), "member is", "members are"),
                        quoted_list(&idle)
                    ),
                    "check their role spelling, add their work to the template, or remove them from the team",
                )
                .people(idle),
            );
        }
    }
    let limit = view.templates.first().map_or(usize::MAX, |t| t.rules.max_teams_per_person);
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
        for (team, ..) in view.teams() {
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
