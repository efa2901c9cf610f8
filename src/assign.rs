//! Assignment: the template's role chains applied to each team's members give the [`Matrix`].

use std::collections::HashMap;

use crate::matrix::{Cell, Grant, Letter, Matrix, Rule, TeamMatrix};
use crate::role::Role;
use crate::roster::{Roster, Team};
use crate::template::Template;

/// Build the matrix. `team_template[t]` indexes `templates` for roster team `t`.
/// Deterministic: the same roster and templates give the same matrix.
pub fn assign(roster: &Roster, templates: &[Template], team_template: &[usize]) -> Matrix {
    let teams = roster
        .teams
        .iter()
        .enumerate()
        .map(|(idx, team)| {
            let template = team_template.get(idx).copied().unwrap_or(0);
            assign_team(idx, team, template, &templates[template])
        })
        .collect();
    Matrix { teams }
}

/// Role -> (member position, position of the role among the member's roles).
fn holders_by_role(team: &Team) -> HashMap<&Role, Vec<(usize, u8)>> {
    let mut index: HashMap<&Role, Vec<(usize, u8)>> = HashMap::new();
    for (m, member) in team.members.iter().enumerate() {
        for (r, parsed) in member.roles.iter().enumerate() {
            let r = u8::try_from(r).unwrap_or(u8::MAX);
            index.entry(&parsed.role).or_default().push((m, r));
        }
    }
    index
}

fn assign_team(team_idx: usize, team: &Team, template_idx: usize, template: &Template) -> TeamMatrix {
    let width = team.members.len();
    let index = holders_by_role(team);
    let holders = |role: &Role| index.get(role).map_or(&[][..], Vec::as_slice);
    let mut cells = vec![Cell::default(); width * template.activities.len()];
    let mut accountable_position = Vec::with_capacity(template.activities.len());

    for (a, activity) in template.activities.iter().enumerate() {
        let row = &mut cells[a * width..(a + 1) * width];
        let chosen = activity.accountable.iter().position(|role| !holders(role).is_empty());
        let chosen_u8 = chosen.map(|p| u8::try_from(p).unwrap_or(u8::MAX));
        accountable_position.push(chosen_u8);

        if let (Some(pos), Some(pos_u8)) = (chosen, chosen_u8) {
            let owner_role = &activity.accountable[pos];
            for &(m, r) in holders(owner_role) {
                row[m].grant(Letter::A, Grant { role: r, rule: Rule::Chain { position: pos_u8 } });
            }
        }
        for (letter, roles) in
            [(Letter::R, &activity.responsible), (Letter::C, &activity.consulted), (Letter::I, &activity.informed)]
        {
            for role in roles {
                for &(m, r) in holders(role) {
                    row[m].grant(letter, Grant { role: r, rule: Rule::Listed });
                }
            }
        }
        if let (Some(pos), Some(_)) = (chosen, chosen_u8) {
            let owner_role = &activity.accountable[pos];
            for &(m, r) in holders(owner_role) {
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
