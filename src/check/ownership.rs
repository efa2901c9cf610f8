//! Ownership rules: backlog owner, exactly one A, at least one R, and A's that came from a fallback.

use std::collections::{BTreeMap, HashMap};

use super::facts::{Facts, TeamView};
use super::{Code, Finding, Severity, count, quoted_list};
use crate::matrix::View;
use crate::role::Role;

/// `missing-backlog-owner`: backlog activities with no A (there is no fallback for them). The
/// finding also tells what else the missing product owner leaves: where others stand in for them
/// ([`Fallbacks::team`]), and the other activities whose chain starts with the PO and holds nobody.
pub(super) fn missing_backlog_owner(team: &TeamView<'_>, stand_ins: &[StandIn], out: &mut Vec<Finding>) {
    let activities = &team.template.activities;
    let Some((backlog, roles)) = unowned(team, |a| activities[a].backlog) else { return };
    let nobody = Nobody::new(team, &roles, 'A');
    let stand_ins: Vec<String> = stand_ins
        .iter()
        .map(|s| format!("{} ({}) on {}", quoted_list(&s.people), s.role, team.ids(&s.activities).join(", ")))
        .collect();
    let stand_ins = match stand_ins.len() {
        0 => String::new(),
        _ => format!("; standing in as accountable: {}", stand_ins.join("; ")),
    };
    let left = match unowned(team, |a| needs_a_po(team, a)) {
        Some((acts, roles)) => {
            let others: Vec<String> = roles.into_iter().filter(|r| r != "product-owner").collect();
            format!(
                "; nor is anybody accountable for {} (nobody holds {} either)",
                team.ids(&acts).join(", "),
                or_list(&others)
            )
        }
        None => String::new(),
    };
    let mut all = backlog.clone();
    all.extend(unowned(team, |a| needs_a_po(team, a)).map_or(Vec::new(), |(acts, _)| acts));
    all.sort_unstable();
    out.push(
        Finding::new(
            Code::MissingBacklogOwner,
            team.at(),
            team.line(),
            format!(
                "team '{}': nobody is accountable for the backlog ({}): {}{stand_ins}{left}",
                team.team.name,
                team.ids(&backlog).join(", "),
                nobody.why
            ),
            nobody.mark("A").unwrap_or_else(|| {
                "name a Product Owner for the team (role `PO`); if a PM owns the backlog, write `PO/PM`".to_string()
            }),
        )
        .activities(all[0], team.ids(&all)),
    );
}

/// `no-accountable`: other activities with no A, because nobody holds a role of their chain (those
/// a missing product owner explains are in `missing-backlog-owner`).
pub(super) fn no_accountable(team: &TeamView<'_>, out: &mut Vec<Finding>) {
    let activities = &team.template.activities;
    let no_po = unowned(team, |a| activities[a].backlog).is_some();
    let Some((no_a, roles)) = unowned(team, |a| !(activities[a].backlog || no_po && needs_a_po(team, a))) else {
        return;
    };
    // A sheet raci did not write names no roles: the row is all there is to say.
    let (why, hint) = if team.template.inferred {
        (
            format!("no A on {}", if no_a.len() == 1 { "its row" } else { "their rows" }),
            "type A in the cell of the one person who answers for the outcome".to_string(),
        )
    } else {
        let nobody = Nobody::new(team, &roles, 'A');
        let hint = nobody.mark("A").unwrap_or_else(|| {
            format!("add a member holding {}, or change the template's accountable chain", or_list(&roles))
        });
        (nobody.why, hint)
    };
    out.push(
        Finding::new(
            Code::NoAccountable,
            team.at(),
            team.line(),
            format!(
                "team '{}': {} without an accountable person ({}): {why}",
                team.team.name,
                count(no_a.len(), "activity", "activities"),
                team.ids(&no_a).join(", "),
            ),
            hint,
        )
        .activities(no_a[0], team.ids(&no_a)),
    );
}

/// Whether an activity outside the backlog has no A because the team has no product owner: its
/// chain starts with the PO, and the team's backlog has no owner.
fn needs_a_po(team: &TeamView<'_>, activity: usize) -> bool {
    let act = &team.template.activities[activity];
    let po = Role::product_owner();
    !act.backlog
        && !act.accountable_together
        && act.accountable.first() == Some(&po)
        && team
            .template
            .activities
            .iter()
            .enumerate()
            .any(|(a, b)| b.backlog && team.tm.accountable_position[a].is_none())
}

/// The activities nobody on the team is accountable for among those `wanted`, with the roles of
/// their chains; `None` when there are none.
fn unowned(team: &TeamView<'_>, wanted: impl Fn(usize) -> bool) -> Option<(Vec<usize>, Vec<String>)> {
    let activities = &team.template.activities;
    let acts: Vec<usize> =
        (0..activities.len()).filter(|&a| team.tm.accountable_position[a].is_none() && wanted(a)).collect();
    let roles = chain_roles(acts.iter().map(|&a| &activities[a].accountable[..]));
    (!acts.is_empty()).then_some((acts, roles))
}

/// `multiple-accountable`: one finding per set of people who share the A of some activities.
pub(super) fn multiple_accountable(team: &TeamView<'_>, facts: &Facts, out: &mut Vec<Finding>) {
    let mut shared: BTreeMap<&[usize], Vec<usize>> = BTreeMap::new();
    for (a, activity) in team.template.activities.iter().enumerate() {
        let owners = facts.owners(a);
        // A group holds its one A together: that is not several owners.
        if owners.len() > 1 && !activity.accountable_together {
            shared.entry(owners).or_default().push(a);
        }
    }
    for (owners, acts) in shared {
        let people = team.names(owners);
        let (at, others) = team.lines_of(owners);
        out.push(
            Finding::new(
                Code::MultipleAccountable,
                team.at(),
                at,
                format!(
                    "team '{}': {} {} accountable for {}",
                    team.team.name,
                    quoted_list(&people),
                    if people.len() == 2 { "are both" } else { "are all" },
                    team.ids(&acts).join(", ")
                ),
                if team.template.inferred {
                    "keep one A on the row: make the others R if they do the work, else C or I"
                } else {
                    "keep one accountable person: give the others another role, or split the team"
                },
            )
            .activities(acts[0], team.ids(&acts))
            .people(people)
            .related(others),
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
    let (why, hint) = match () {
        _ if team.template.inferred => (
            format!("no R on {}", if no_r.len() == 1 { "its row" } else { "their rows" }),
            "type R in the cell of whoever does the work (A/R when the accountable person does it)".to_string(),
        ),
        _ if roles.is_empty() => (
            "nobody holds a responsible role".to_string(),
            "add a member with a responsible role for these activities, or list one the team has".to_string(),
        ),
        _ => {
            let nobody = Nobody::new(team, &roles, 'R');
            let hint = nobody.mark("R (A/R for the accountable person)").unwrap_or_else(|| {
                "add a member with a responsible role for these activities, or list one the team has".to_string()
            });
            (nobody.why, hint)
        }
    };
    out.push(
        Finding::new(
            Code::NoResponsible,
            team.at(),
            team.line(),
            format!("team '{}': nobody is responsible for {}: {why}", team.team.name, team.ids(&no_r).join(", ")),
            hint,
        )
        .activities(no_r[0], team.ids(&no_r)),
    );
}

/// Members standing in for a missing product owner on some activities: told in
/// `missing-backlog-owner`, not again as `fallback-owner`.
pub(super) struct StandIn {
    people: Vec<String>,
    role: Role,
    activities: Vec<usize>,
}

/// `fallback-owner`: A's that came from a later role of the chain. Collected team by team, and
/// escalated once every team is seen, when enough teams lack the same role of
/// `fallback_escalate_roles`. Roles the template lists as `optional_roles` are not reported.
#[derive(Default)]
pub(super) struct Fallbacks {
    /// Missing role -> number of teams where some A fell back past it.
    teams_missing: HashMap<Role, usize>,
    /// Findings with the role whose absence caused them.
    found: Vec<(Finding, Role)>,
}

impl Fallbacks {
    /// Note the fallbacks of one team; return those caused by a missing product owner when the
    /// team's backlog has no owner, for `missing-backlog-owner` to tell.
    pub(super) fn team(&mut self, team: &TeamView<'_>, facts: &Facts) -> Vec<StandIn> {
        let activities = &team.template.activities;
        let optional = &team.template.rules.optional_roles;
        let po = Role::product_owner();
        let no_po = unowned(team, |a| activities[a].backlog).is_some();
        // (position in the chain, owner members, missing role) -> activities.
        let mut fell_back: BTreeMap<(usize, &[usize], &Role), Vec<usize>> = BTreeMap::new();
        for (a, activity) in activities.iter().enumerate() {
            let Some(position) = team.tm.accountable_position[a].filter(|&p| p > 0) else { continue };
            let missing = &activity.accountable[0];
            if !optional.iter().any(|r| r == missing.id()) {
                fell_back.entry((usize::from(position), facts.owners(a), missing)).or_default().push(a);
            }
        }
        let mut missing_here: Vec<&Role> = fell_back.keys().map(|&(.., missing)| missing).collect();
        missing_here.sort_unstable();
        missing_here.dedup();
        for role in missing_here {
            *self.teams_missing.entry(role.clone()).or_default() += 1;
        }
        let mut stand_ins = Vec::new();
        for ((position, owners, missing), acts) in fell_back {
            let owner_role = activities[acts[0]].accountable[position].clone();
            let people = team.names(owners);
            if no_po && *missing == po {
                stand_ins.push(StandIn { people, role: owner_role, activities: acts });
                continue;
            }
            let (at, others) = team.lines_of(owners);
            let finding = Finding::new(
                Code::FallbackOwner,
                team.at(),
                at,
                format!(
                    "team '{}': nobody holds {missing}, so {} ({owner_role}) {} accountable for {} in its place: {}",
                    team.team.name,
                    quoted_list(&people),
                    if people.len() == 1 { "is" } else { "are" },
                    count(acts.len(), "activity", "activities"),
                    team.ids(&acts).join(", ")
                ),
                format!("name a {missing} for the team, or accept the fallback for a small team"),
            )
            .activities(acts[0], team.ids(&acts))
            .people(people)
            .related(others);
            self.found.push((finding, missing.clone()));
        }
        stand_ins
    }

    /// The findings, escalated to errors where `fallback_escalate_teams` teams lack the same role
    /// of `fallback_escalate_roles` (both read from the main template).
    pub(super) fn finish(self, view: &View<'_>, out: &mut Vec<Finding>) {
        let rules = view.templates.first().map(|t| &t.rules);
        let escalate_at = rules.map_or(usize::MAX, |r| r.fallback_escalate_teams.max(1));
        let escalates = |role: &Role| rules.is_some_and(|r| r.fallback_escalate_roles.iter().any(|e| e == role.id()));
        for (mut finding, missing) in self.found {
            let teams = self.teams_missing.get(&missing).copied().unwrap_or(0);
            if teams >= escalate_at && escalates(&missing) {
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

/// Why nobody holds a letter: `nobody holds X or Y`; when somebody on the team does hold one of
/// the roles (the letter taken off an edited workbook), who, and the fix says to mark them.
struct Nobody {
    why: String,
    /// The people holding the role, when some do.
    holders: Vec<String>,
}

impl Nobody {
    fn new(team: &TeamView<'_>, roles: &[String], letter: char) -> Self {
        let holders: Vec<(usize, &String)> = roles
            .iter()
            .find_map(|role| {
                let held: Vec<(usize, &String)> = (0..team.members().len())
                    .filter(|&m| team.members()[m].roles.iter().any(|p| p.role.id() == role))
                    .map(|m| (m, role))
                    .collect();
                (!held.is_empty()).then_some(held)
            })
            .unwrap_or_default();
        let word = if letter == 'A' { "accountable" } else { "responsible" };
        match holders.first() {
            None => Nobody { why: format!("nobody holds {}", or_list(roles)), holders: Vec::new() },
            Some((_, role)) => {
                let names = team.names(&holders.iter().map(|(m, _)| *m).collect::<Vec<_>>());
                let verb = if names.len() == 1 { "holds" } else { "hold" };
                Nobody {
                    why: format!(
                        "nobody is marked {word}, though {} {verb} {role} (was the {letter} taken off in the workbook?)",
                        quoted_list(&names)
                    ),
                    holders: names,
                }
            }
        }
    }

    /// The fix when a holder of the role is on the team: mark them in the workbook.
    fn mark(&self, letter: &str) -> Option<String> {
        let first = self.holders.first()?;
        Some(format!(
            "type {letter} in the cell of '{first}' on these rows (or of whoever does it), or regenerate the \
             workbook to get the template's letters back"
        ))
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
