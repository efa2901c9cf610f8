//! `generate --keep EDITED.xlsx`: the hand edits of a workbook carried into a fresh assignment.
//!
//! An edit is a cell whose letters differ from what raci gives from the roster the workbook carries
//! (so the edits of an earlier `--keep` are found again). Each is applied to the same team (by
//! name), activity (by id) and person (by key: email, else name) of the new analysis, replacing the
//! cell; the letters it sets are manual edits. Edits whose team, activity or person is gone are
//! returned with the reason, never dropped silently.

use crate::Analysis;
use crate::check::{self, Position};
use crate::matrix::{Letter, Letters};

/// One cell changed by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// Team name.
    pub team: String,
    /// Activity id.
    pub activity: String,
    /// The person's key ([`crate::roster::Person::key`]) and name.
    pub key: String,
    pub name: String,
    /// What raci gave, and what the workbook says.
    pub assigned: Letters,
    pub typed: Letters,
    /// Where it is in the edited workbook.
    pub at: Option<Position>,
    /// Whether the person's column was added by hand (they were never in the roster).
    pub added: bool,
}

impl Edit {
    /// `'Bo Lin' on product-vision: R -> A/R`.
    pub fn describe(&self) -> String {
        let show = |l: Letters| if l.is_empty() { "empty".to_string() } else { l.to_string() };
        format!("'{}' on {}: {} -> {}", self.name, self.activity, show(self.assigned), show(self.typed))
    }
}

/// What became of the edits.
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// Applied.
    pub applied: Vec<Edit>,
    /// Already so in the fresh assignment (the roster or template changed to give the same).
    pub already: Vec<Edit>,
    /// Not carried over, with the reason.
    pub dropped: Vec<(Edit, String)>,
}

/// The hand edits of a workbook read back ([`crate::import::load`]): the cells that differ from
/// the assignment of the roster and templates it carries, as the import found them. A cell whose
/// text is not a RACI letter (an `unknown-letter` finding) is no edit.
pub fn edits(edited: &Analysis) -> Vec<Edit> {
    let Some(cells) = &edited.cells else { return Vec::new() };
    let roster = &edited.roster;
    let mut out = Vec::new();
    for (i, tm) in edited.matrix.teams.iter().enumerate() {
        let team = &roster.teams[tm.team];
        let template = &edited.templates[tm.template];
        for e in cells.edits(i) {
            let person = &roster.people[team.members[e.member].person];
            out.push(Edit {
                team: team.name.clone(),
                activity: template.activities[e.activity].id.clone(),
                key: person.key(),
                name: person.name.clone(),
                assigned: e.assigned,
                typed: tm.cell(e.activity, e.member).letters,
                at: cells.cell(i, e.activity, e.member),
                added: cells.added_by_hand(team.members[e.member].person),
            });
        }
    }
    out
}

/// Apply edits to a fresh analysis and run its checks again.
pub fn apply(analysis: &mut Analysis, edits: Vec<Edit>) -> Kept {
    let mut kept = Kept::default();
    for edit in edits {
        match place(analysis, &edit) {
            Err(why) => kept.dropped.push((edit, why)),
            Ok((t, a, m)) => {
                let tm = &mut analysis.matrix.teams[t];
                let current = *tm.cell(a, m);
                if current.letters == edit.typed {
                    kept.already.push(edit);
                    continue;
                }
                let cell = crate::import::edited_cell(edit.typed, &current);
                let width = tm.width;
                tm.cells[a * width + m] = cell;
                let has_a = tm.row(a).iter().any(|c| c.letters.has(Letter::A));
                if has_a != tm.accountable_position[a].is_some() || edit.typed.has(Letter::A) {
                    tm.accountable_position[a] = has_a.then_some(tm.accountable_position[a].unwrap_or(0));
                }
                kept.applied.push(edit);
            }
        }
    }
    analysis.findings = check::run(&analysis.view());
    kept
}

/// Where an edit goes in the analysis: matrix team, activity and member; or why it cannot go.
fn place(analysis: &Analysis, edit: &Edit) -> Result<(usize, usize, usize), String> {
    let roster = &analysis.roster;
    let Some(team) = roster.find_team(&edit.team) else {
        return Err(format!(
            "team '{}' is no longer in the roster (raci matches teams by name: a renamed team is a new one)",
            edit.team
        ));
    };
    let Some(t) = analysis.matrix.teams.iter().position(|tm| tm.team == team) else {
        return Err(format!("team '{}' has no matrix", edit.team));
    };
    let tm = &analysis.matrix.teams[t];
    let template = &analysis.templates[tm.template];
    let Some(a) = template.activity_index(&edit.activity) else {
        return Err(format!(
            "template '{}' {} has no activity '{}' any more",
            template.name, template.version, edit.activity
        ));
    };
    let members = &roster.teams[team].members;
    let Some(m) = members.iter().position(|member| roster.people[member.person].key() == edit.key) else {
        let elsewhere = roster.people.iter().any(|p| p.key() == edit.key);
        return Err(if elsewhere {
            format!("'{}' is no longer on team '{}'", edit.name, edit.team)
        } else if edit.added {
            format!("'{}' was added to the workbook by hand and is not in the roster: add them to keep it", edit.name)
        } else {
            format!("'{}' is no longer in the roster", edit.name)
        });
    };
    Ok((t, a, m))
}
