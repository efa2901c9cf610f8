//! Rules about who holds which role: combined PO/PM, POs spread over teams, unknown or missing
//! roles, and reporting lines that loop.

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap;

use super::facts::{Facts, TeamView};
use super::position::Places;
use super::{Code, Finding, Severity, count, quoted_list};
use crate::matrix::View;
use crate::role::{self, Role};
use crate::roster::{push_identity, push_lowercase};
use crate::template::Template;

/// `combined-role`: a member holding both PO and PM; info in a small team, a warning in a large one.
pub(super) fn combined_role(team: &TeamView<'_>, out: &mut Vec<Finding>) {
    let (po, pm) = (Role::product_owner(), Role::product_manager());
    let size = team.members().len();
    let limit = team.template.rules.combined_role_max_team_size;
    for member in team.members().iter().filter(|m| m.holds(&po) && m.holds(&pm)) {
        let name = team.view.name(member);
        let (severity, why, hint) = if size > limit {
            (
                Severity::Warning,
                format!("too large a team for one person in both roles ({size} members, more than {limit})"),
                "split the role: keep this person as PM or PO and name a second person for the other role",
            )
        } else {
            (
                Severity::Info,
                format!("workable in a small team ({size} members, at most {limit})"),
                "nothing to do while the team stays small; split the role as it grows",
            )
        };
        out.push(
            Finding::new(
                Code::CombinedRole,
                team.at(),
                team.places.roster(member.line),
                format!("team '{}': '{name}' is both Product Owner and Product Manager: {why}", team.team.name),
                hint,
            )
            .severity(severity)
            .people(vec![name.to_string()]),
        );
    }
}

/// `po-spread`: one PO on more than `po_max_teams` teams.
pub(super) fn po_spread(view: &View<'_>, places: &Places, out: &mut Vec<Finding>) {
    let po = Role::product_owner();
    let limit = view.templates.first().map_or(usize::MAX, |t| t.rules.po_max_teams);
    // Person -> (team, line) of each team they are PO of.
    let mut teams_of: BTreeMap<usize, Vec<(&str, u64)>> = BTreeMap::new();
    for team in &view.roster.teams {
        for member in team.members.iter().filter(|m| m.holds(&po)) {
            teams_of.entry(member.person).or_default().push((&team.name, member.line));
        }
    }
    for (person, on) in teams_of {
        if on.len() > limit {
            let name = &view.roster.people[person].name;
            let teams: Vec<&str> = on.iter().map(|&(team, _)| team).collect();
            let (at, related) = places.lines(on.iter().map(|&(team, line)| (line, format!("team '{team}'"))));
            out.push(
                Finding::new(
                    Code::PoSpread,
                    None,
                    at,
                    format!(
                        "'{name}' is Product Owner of {} teams ({}), more than {limit}",
                        teams.len(),
                        quoted_list(&teams)
                    ),
                    "give some of these teams their own PO; a PM is the role that spans teams",
                )
                .people(vec![name.clone()])
                .related(related),
            );
        }
    }
}

/// `unknown-role`: role texts raci does not know, once per roster line; the did-you-mean search is
/// done once per distinct text.
#[derive(Default)]
pub(super) struct UnknownRoles<'a> {
    reported: HashSet<(u64, &'a str)>,
    suggestions: HashMap<&'a str, Option<&'static str>>,
}

impl<'a> UnknownRoles<'a> {
    /// Report the unknown roles of one team's members.
    pub(super) fn team(&mut self, team: &TeamView<'a>, out: &mut Vec<Finding>) {
        for member in team.members() {
            for parsed in member.roles.iter().filter(|p| !team.template.knows(&p.role)) {
                if !self.reported.insert((member.line, &*parsed.raw)) {
                    continue;
                }
                let name = team.view.name(member);
                let suggestion = *self.suggestions.entry(&*parsed.raw).or_insert_with(|| role::suggest(&parsed.raw));
                let hint = match suggestion {
                    Some(alias) => format!(
                        "did you mean '{alias}' ({})? Otherwise declare '{}' in a custom template's custom_roles",
                        role::lookup(alias).map_or_else(String::new, |r| r.to_string()),
                        parsed.role
                    ),
                    None => format!(
                        "use a known role (see README) or declare '{}' in a custom template's custom_roles",
                        parsed.role
                    ),
                };
                out.push(
                    Finding::new(
                        Code::UnknownRole,
                        team.at(),
                        team.places.roster(member.line),
                        format!(
                            "{}: '{name}' has role '{}', which raci does not know; it gets no letters",
                            team.view.roster.at(member.line),
                            parsed.raw
                        ),
                        hint,
                    )
                    .people(vec![name.to_string()]),
                );
            }
        }
    }
}

/// A role a template makes responsible for activities, outside any accountable chain (chain roles
/// are the business of the ownership rules), with those activities: worked out once per template.
pub(super) struct ResponsibleRole {
    role: Role,
    activities: Vec<usize>,
}

pub(super) fn responsible_roles(template: &Template) -> Vec<ResponsibleRole> {
    let acts = &template.activities;
    let in_chain = |role: &Role| acts.iter().any(|a| !a.accountable_together && a.accountable.contains(role));
    template
        .roles()
        .into_iter()
        .filter(|role| !in_chain(role))
        .filter_map(|role| {
            // A group that holds the A together does the work together: nobody is left alone there.
            let activities: Vec<usize> = (0..acts.len())
                .filter(|&a| !acts[a].accountable_together && acts[a].responsible.contains(&role))
                .collect();
            (!activities.is_empty()).then_some(ResponsibleRole { role, activities })
        })
        .collect()
}

/// `role-missing`: roles nobody on the team holds whose part of an activity then falls to its
/// accountable person alone; one finding per team. `roles` is [`responsible_roles`] of the team's
/// template.
pub(super) fn role_missing(team: &TeamView<'_>, facts: &Facts, roles: &[ResponsibleRole], out: &mut Vec<Finding>) {
    let mut missing: Vec<&str> = Vec::new();
    let mut alone: Vec<(usize, &str)> = Vec::new();
    for r in roles {
        if team.members().iter().any(|member| member.holds(&r.role)) {
            continue;
        }
        // Nobody responsible at all is no-responsible; someone else responsible covers the work.
        let before = alone.len();
        alone.extend(r.activities.iter().filter(|&&a| facts.has_r(a) && !facts.other_r(a)).map(|&a| (a, r.role.id())));
        if alone.len() > before {
            missing.push(r.role.id());
        }
    }
    if alone.is_empty() {
        return;
    }
    alone.sort_unstable();
    let mut acts: Vec<usize> = alone.iter().map(|&(a, _)| a).collect();
    acts.dedup();
    let detail: Vec<String> = acts
        .iter()
        .map(|&a| {
            let roles: Vec<&str> = alone.iter().filter(|(b, _)| *b == a).map(|&(_, r)| r).collect();
            format!("{} ({})", team.template.activities[a].id, roles.join(", "))
        })
        .collect();
    let (roles, their) = match missing[..] {
        [one] => (one.to_string(), "its"),
        [ref init @ .., last] => (format!("{} or {last}", init.join(", ")), "their"),
        [] => (String::new(), "their"),
    };
    out.push(
        Finding::new(
            Code::RoleMissing,
            team.at(),
            team.line(),
            format!(
                "team '{}': nobody holds {roles}, so the accountable person does {their} part alone on {}: {}",
                team.team.name,
                count(acts.len(), "activity", "activities"),
                detail.join(", ")
            ),
            format!(
                "add someone holding {roles} to the team (a person may list several teams: `Alpha; Beta`), or accept \
                 it if the team works that way"
            ),
        )
        .activities(acts[0], team.ids(&acts)),
    );
}

/// Each person reports to at most one other, so the reporting lines form a functional graph: every
/// walk along reports_to either ends or enters exactly one loop. One pass with three colours finds
/// every loop in time linear in the roster, with no per-person allocation.
pub(super) fn reports_to_cycle(view: &View<'_>, places: &Places, out: &mut Vec<Finding>) {
    let roster = view.roster;
    if !roster.has_reports_to {
        return;
    }
    // Who each reports_to text names: the first person whose name or email matches. Only the texts
    // someone reports to are keys, and keys are built in one reused buffer.
    let mut key = String::new();
    let key_of = |key: &mut String, text: &str, email: bool| {
        key.clear();
        if email {
            push_lowercase(key, text);
        } else {
            push_identity(key, text);
        }
    };
    let mut named: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for manager in roster.people.iter().filter_map(|p| p.reports_to.as_deref()) {
        key_of(&mut key, manager, manager.contains('@'));
        if !named.contains_key(key.as_str()) {
            named.insert(key.clone(), None);
        }
    }
    for (idx, person) in roster.people.iter().enumerate() {
        let texts = std::iter::once((person.name.as_str(), false)).chain(person.email.as_deref().map(|e| (e, true)));
        for (text, email) in texts {
            key_of(&mut key, text, email);
            if let Some(slot @ None) = named.get_mut(key.as_str()) {
                *slot = Some(idx);
            }
        }
    }
    let boss: Vec<Option<usize>> = roster
        .people
        .iter()
        .map(|person| {
            let manager = person.reports_to.as_deref()?;
            key_of(&mut key, manager, manager.contains('@'));
            named.get(key.as_str()).copied().flatten()
        })
        .collect();
    drop(named);

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Seen {
        Not,
        /// On the walk started from this person.
        OnWalk(usize),
        Done,
    }
    let mut seen = vec![Seen::Not; boss.len()];
    let mut cycles: Vec<Vec<usize>> = Vec::new();
    for start in 0..boss.len() {
        let mut at = start;
        // Walk until a person already seen: on this walk means a new loop; otherwise nothing new.
        let hit = loop {
            match seen[at] {
                Seen::Not => {
                    seen[at] = Seen::OnWalk(start);
                    match boss[at] {
                        Some(next) => at = next,
                        None => break None,
                    }
                }
                Seen::OnWalk(walk) if walk == start => break Some(at),
                _ => break None,
            }
        };
        if let Some(entry) = hit {
            let mut cycle = vec![entry];
            let mut p = boss[entry].unwrap_or(entry);
            while p != entry {
                cycle.push(p);
                p = boss[p].unwrap_or(entry);
            }
            cycle.sort_unstable();
            cycles.push(cycle);
        }
        // Mark the walk done.
        let mut p = start;
        while seen[p] == Seen::OnWalk(start) {
            seen[p] = Seen::Done;
            match boss[p] {
                Some(next) => p = next,
                None => break,
            }
        }
    }
    cycles.sort();
    for cycle in cycles {
        let names: Vec<String> = cycle.iter().map(|&p| roster.people[p].name.clone()).collect();
        let lines: Vec<String> = cycle.iter().map(|&p| roster.people[p].line.to_string()).collect();
        let (at, related) =
            places.lines(cycle.iter().map(|&p| (roster.people[p].line, format!("'{}'", roster.people[p].name))));
        out.push(
            Finding::new(
                Code::ReportsToCycle,
                None,
                at,
                format!(
                    "{}: reports_to loops through {} (lines {})",
                    roster.source,
                    quoted_list(&names),
                    lines.join(", ")
                ),
                "correct one reports_to cell so the chain ends at someone who reports to nobody on the roster",
            )
            .people(names)
            .related(related),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::roster::{self, ReadOptions};
    use crate::{Analysis, Options};

    #[test]
    fn reporting_loops_are_found_once_each_with_tails_and_self_loops() -> crate::Result<()> {
        // Dee leads into the loop Ann -> Bo -> Cy -> Ann; Eve reports to herself (by email); Fay -> Gus ends.
        let csv = "name,role,team,email,reports_to\n\
                   Dee,Developer,T,,ann\n\
                   Ann,PO,T,,Bo\n\
                   Bo,PM,T,,CY\n\
                   Cy,Tech Lead,T,,Ann\n\
                   Eve,Designer,T,eve@x.org,EVE@x.org\n\
                   Fay,QA,T,,Gus\n\
                   Gus,Developer,T,,\n";
        let roster = roster::parse(csv.as_bytes(), "r.csv", &ReadOptions::default())?;
        let analysis = Analysis::from_roster(roster, &Options::default())?;
        let loops: Vec<&Vec<String>> =
            analysis.findings.iter().filter(|f| f.code.as_str() == "reports-to-cycle").map(|f| &f.people).collect();
        assert_eq!(loops, [&vec!["Ann".to_string(), "Bo".into(), "Cy".into()], &vec!["Eve".to_string()]]);
        Ok(())
    }
}
