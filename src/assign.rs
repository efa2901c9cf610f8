//! Assignment: the template's role chains applied to each team's members give the [`Matrix`].
//!
//! Cost: each template's role lists are resolved to small integer ids once; each team then costs one
//! id lookup per role a member holds, plus one pass over its cells. No per-team hashing of role names
//! and no scan of the members per activity.

use std::collections::HashMap;

use crate::matrix::{Cell, Grant, Letter, Matrix, Rule, TeamMatrix};
use crate::role::Role;
use crate::roster::{Roster, Team};
use crate::template::Template;

/// Build the matrix. `team_template[t]` indexes `templates` for roster team `t`.
/// Deterministic: the same roster and templates give the same matrix.
pub fn assign(roster: &Roster, templates: &[Template], team_template: &[usize]) -> Matrix {
    let plans: Vec<Plan<'_>> = templates.iter().map(Plan::new).collect();
    let mut holders = Holders::default();
    let teams = roster
        .teams
        .iter()
        .enumerate()
        .map(|(idx, team)| {
            let template = team_template.get(idx).copied().unwrap_or(0);
            assign_team(idx, team, template, &plans[template], &mut holders)
        })
        .collect();
    Matrix { teams }
}

/// A template with every role it names replaced by a dense id (`0..roles`), in first-mention order.
struct Plan<'t> {
    ids: HashMap<&'t Role, usize>,
    roles: usize,
    activities: Vec<PlannedActivity>,
}

struct PlannedActivity {
    accountable: Vec<usize>,
    together: bool,
    responsible: Vec<usize>,
    consulted: Vec<usize>,
    informed: Vec<usize>,
}

impl<'t> Plan<'t> {
    fn new(template: &'t Template) -> Self {
        let mut ids: HashMap<&'t Role, usize> = HashMap::new();
        let mut resolve = |roles: &'t [Role]| -> Vec<usize> {
            roles
                .iter()
                .map(|role| {
                    let next = ids.len();
                    *ids.entry(role).or_insert(next)
                })
                .collect()
        };
        let activities = template
            .activities
            .iter()
            .map(|a| PlannedActivity {
                accountable: resolve(&a.accountable),
                together: a.accountable_together,
                responsible: resolve(&a.responsible),
                consulted: resolve(&a.consulted),
                informed: resolve(&a.informed),
            })
            .collect();
        let roles = ids.len();
        Plan { ids, roles, activities }
    }
}

/// Holders of each template role on one team: role id -> (member position, position of the role
/// among the member's roles), members in order. Stored flat (offsets into one list) and reused from
/// team to team, so a team costs no allocation here.
#[derive(Default)]
struct Holders {
    start: Vec<usize>,
    next: Vec<usize>,
    entries: Vec<(usize, u8)>,
    /// (role id, member, role position) before grouping.
    scratch: Vec<(usize, usize, u8)>,
}

impl Holders {
    fn fill(&mut self, team: &Team, plan: &Plan<'_>) {
        self.scratch.clear();
        for (m, member) in team.members.iter().enumerate() {
            for (r, parsed) in member.roles.iter().enumerate() {
                if let Some(&id) = plan.ids.get(&parsed.role) {
                    self.scratch.push((id, m, u8::try_from(r).unwrap_or(u8::MAX)));
                }
            }
        }
        // Counting sort by role id keeps members in order within a role.
        self.start.clear();
        self.start.resize(plan.roles + 1, 0);
        for &(id, ..) in &self.scratch {
            self.start[id + 1] += 1;
        }
        for id in 0..plan.roles {
            self.start[id + 1] += self.start[id];
        }
        self.entries.clear();
        self.entries.resize(self.scratch.len(), (0, 0));
        self.next.clone_from(&self.start);
        for &(id, m, r) in &self.scratch {
            self.entries[self.next[id]] = (m, r);
            self.next[id] += 1;
        }
    }

    fn of(&self, id: usize) -> &[(usize, u8)] {
        &self.entries[self.start[id]..self.start[id + 1]]
    }
}

fn assign_team(
    team_idx: usize,
    team: &Team,
    template_idx: usize,
    plan: &Plan<'_>,
    holders: &mut Holders,
) -> TeamMatrix {
    let width = team.members.len();
    holders.fill(team, plan);
    let holders = &*holders;
    let mut cells = vec![Cell::default(); width * plan.activities.len()];
    let mut accountable_position = Vec::with_capacity(plan.activities.len());

    for (a, activity) in plan.activities.iter().enumerate() {
        let row = &mut cells[a * width..(a + 1) * width];
        // The chain position that gives the A; `None` for a group, or when nobody holds a role.
        let mut chosen = None;
        if activity.together {
            // One A held by the whole group: everybody holding one of its roles.
            let mut held = false;
            for &role in &activity.accountable {
                for &(m, r) in holders.of(role) {
                    row[m].grant(Letter::A, Grant { role: r, rule: Rule::Together });
                    held = true;
                }
            }
            accountable_position.push(held.then_some(0));
        } else {
            let position = activity.accountable.iter().position(|&role| !holders.of(role).is_empty());
            let position_u8 = position.map(|p| u8::try_from(p).unwrap_or(u8::MAX));
            accountable_position.push(position_u8);
            if let (Some(pos), Some(pos_u8)) = (position, position_u8) {
                for &(m, r) in holders.of(activity.accountable[pos]) {
                    row[m].grant(Letter::A, Grant { role: r, rule: Rule::Chain { position: pos_u8 } });
                }
                chosen = Some(pos);
            }
        }
        for (letter, roles) in
            [(Letter::R, &activity.responsible), (Letter::C, &activity.consulted), (Letter::I, &activity.informed)]
        {
            for &role in roles {
                for &(m, r) in holders.of(role) {
                    row[m].grant(letter, Grant { role: r, rule: Rule::Listed });
                }
            }
        }
        if let Some(pos) = chosen {
            for &(m, r) in holders.of(activity.accountable[pos]) {
                for (missing, role) in activity.accountable[..pos].iter().enumerate() {
                    if activity.responsible.contains(role) {
                        let missing = u8::try_from(missing).unwrap_or(u8::MAX);
                        row[m].grant(Letter::R, Grant { role: r, rule: Rule::StandIn { missing } });
                    }
                }
            }
        }
        for cell in row.iter_mut() {
            cell.normalise();
        }
    }
    TeamMatrix { team: team_idx, template: template_idx, accountable_position, cells, width }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{Letter, Provenance};
    use crate::roster::{ReadOptions, parse};
    use crate::template::default_template;

    fn provenance(csv: &str, member: usize, activity: &str) -> Vec<Provenance> {
        let roster = parse(csv.as_bytes(), "r.csv", &ReadOptions::default()).expect("roster");
        let template = default_template().expect("template");
        let a = template.activity_index(activity).expect("activity");
        let matrix = assign(&roster, std::slice::from_ref(&template), &[0]);
        matrix.teams[0].provenance(&roster.teams[0], a, member)
    }

    #[test]
    fn a_combined_po_pm_gets_the_union_with_the_role_and_rule_behind_each_letter() {
        let p = provenance("name,role\nMaya,PO/PM\nJo,Dev\n", 0, "product-vision");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].letter, p[0].role.id(), p[0].rule),
            (Letter::A, "product-manager", Rule::Chain { position: 0 })
        );
        assert_eq!((p[1].letter, p[1].role.id(), p[1].rule), (Letter::R, "product-manager", Rule::Listed));
        assert_eq!(p[0].to_string(), "A: product-manager is first in the accountable chain");
    }

    #[test]
    fn a_group_holds_one_a_together_and_has_no_fallback() -> crate::Result<()> {
        let template = crate::template::parse(
            "name = \"t\"\n[[activity]]\nid = \"build\"\nname = \"Build\"\nphase = \"delivery\"\n\
             accountable = [\"engineer\", \"tech-lead\"]\naccountable_together = true\nresponsible = [\"engineer\"]\n",
            "t.toml",
        )?;
        let roster =
            parse("name,role\nAda,PO\nBo,Dev\nCy,Tech Lead\nDi,Dev\n".as_bytes(), "r.csv", &ReadOptions::default())?;
        let matrix = assign(&roster, std::slice::from_ref(&template), &[0]);
        let tm = &matrix.teams[0];
        assert_eq!(tm.holders(0, Letter::A).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(tm.accountable_position[0], Some(0));
        let p = tm.provenance(&roster.teams[0], 0, 2);
        assert_eq!(p[0].to_string(), "A: tech-lead is accountable together with the rest of the group");
        let nobody = parse("name,role\nAda,PO\n".as_bytes(), "r.csv", &ReadOptions::default())?;
        assert_eq!(assign(&nobody, std::slice::from_ref(&template), &[0]).teams[0].accountable_position[0], None);
        Ok(())
    }

    #[test]
    fn a_fallback_owner_takes_the_a_and_stands_in_for_the_missing_role() {
        // No PM: the PO takes the A on market research as fallback #1, and the PM's R as a stand-in.
        let p = provenance("name,role\nAda,PO\nJo,Dev\n", 0, "market-research");
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].letter, p[0].rule), (Letter::A, Rule::Chain { position: 1 }));
        assert_eq!((p[1].letter, p[1].rule), (Letter::R, Rule::StandIn { missing: 0 }));
        assert_eq!(p[1].to_string(), "R: product-owner stands in for a role nobody holds");
    }
}
