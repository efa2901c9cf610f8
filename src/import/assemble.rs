//! The analysis a raci workbook's sheets describe: the roster as the sheets have it (columns added
//! or gone), assigned afresh, with the letters typed on top.

use std::sync::Arc;

use super::embedded::TeamEntry;
use super::locate::Edited;
use super::team::{TeamSheet, Who};
use super::{Cells, Typed, grid, unknown_letter};
use crate::check::{self, Finding};
use crate::error::Result;
use crate::matrix::{Cell, Grant, Letter, Matrix, Rule, TeamMatrix, View};
use crate::roster::{Member, Person, Roster};
use crate::template::Template;
use crate::{Analysis, assign};

/// Build the roster the sheets describe (columns added or gone), assign it afresh, and put the
/// letters typed on top: a letter the assignment also gives keeps its provenance, the others are
/// manual edits.
pub(super) fn assemble(
    mut roster: Roster,
    mut templates: Vec<Template>,
    entries: &[TeamEntry],
    sheets: Vec<(usize, String, TeamSheet)>,
    file: &str,
    notes: &mut Vec<String>,
) -> Result<Analysis> {
    // Per roster team: its template, and the template of the team's sheet (rows gone taken out).
    let mut team_template: Vec<usize> =
        roster.teams.iter().map(|t| entries.iter().find(|e| e.team == t.name).map_or(0, |e| e.template)).collect();
    let mut kept_rows: Vec<Vec<usize>> = Vec::new();
    for (t, _, read) in &sheets {
        let keep: Vec<usize> = (0..read.rows.len()).filter(|&a| read.rows[a].is_some()).collect();
        if keep.len() < read.rows.len() {
            let reduced = without_activities(&templates[team_template[*t]], &keep);
            templates.push(reduced);
            team_template[*t] = templates.len() - 1;
        }
        kept_rows.push(keep);
    }
    // The members as the sheet has them. A column added by hand is a person of the roster when its
    // hidden key (copied with the column) or its name says so, else a new person; either way with no
    // role on this team.
    let in_roster = roster.people.len();
    for (t, sheet, read) in &sheets {
        let team = &roster.teams[*t];
        let old = team.members.clone();
        let line = team.line;
        let mut members = Vec::with_capacity(read.people.len());
        for (p, who) in read.people.iter().enumerate() {
            let (name, key) = match who {
                Who::Member(m) => {
                    members.push(old[*m].clone());
                    continue;
                }
                Who::Added(name, key) => (name, key),
            };
            let column = grid::column_name(read.cols[p]);
            let known = (0..in_roster)
                .find(|&i| key.as_deref() == Some(roster.people[i].key().as_str()))
                .or_else(|| (0..in_roster).find(|&i| crate::roster::same_identity(&roster.people[i].name, name)));
            let present = |i: usize| {
                members.iter().any(|m: &Member| m.person == i)
                    || read.people.iter().any(|w| matches!(w, Who::Member(m) if old[*m].person == i))
            };
            let person = match known.filter(|&i| !present(i)) {
                Some(i) => {
                    notes.push(format!(
                        "{file}:{sheet}: column {column} ('{name}') was added by hand; it is read as '{}' of the roster, \
                         with no role on team '{}'",
                        roster.people[i].name, team.name
                    ));
                    i
                }
                None => {
                    notes.push(format!(
                        "{file}:{sheet}: column {column} ('{name}') is not in the roster; it is read as a person with no \
                         role (add them to the roster to keep their letters when the workbook is regenerated)"
                    ));
                    roster.people.push(Person {
                        name: name.clone(),
                        email: None,
                        allocation: None,
                        reports_to: None,
                        line,
                    });
                    roster.people.len() - 1
                }
            };
            members.push(Member { person, roles: Arc::from([]), line });
        }
        roster.teams[*t].members = members;
    }
    let base = assign::assign(&roster, &templates, &team_template);
    let mut teams: Vec<TeamMatrix> = Vec::with_capacity(sheets.len());
    let mut cells = Cells::new(file, in_roster);
    let mut unknown: Vec<Finding> = Vec::new();
    for (i, (t, sheet, read)) in sheets.iter().enumerate() {
        let mut tm = base.teams[*t].clone();
        let width = read.people.len();
        // The cells people changed, with what the assignment gives there; a cell whose text is no
        // RACI letter is read as empty but is no edit: its typist meant something raci cannot tell.
        let mut edits: Vec<Edited> = Vec::new();
        for (a_new, &a) in kept_rows[i].iter().enumerate() {
            let row = &mut tm.cells[a_new * width..(a_new + 1) * width];
            let mut changed_a = false;
            for (m, cell) in row.iter_mut().enumerate() {
                let typed = edited_cell(read.letters[a * width + m], cell);
                changed_a |= typed.letters.has(Letter::A) != cell.letters.has(Letter::A);
                let unreadable = read.unknown.iter().any(|u| u.activity == a && u.person == m);
                if typed.letters != cell.letters && !unreadable {
                    edits.push(Edited { activity: a_new, member: m, assigned: cell.letters });
                }
                *cell = typed;
            }
            if changed_a {
                tm.accountable_position[a_new] = row.iter().any(|c| c.letters.has(Letter::A)).then_some(0);
            }
        }
        let template = &templates[tm.template];
        let team = &roster.teams[*t];
        cells.team(sheet, read, &kept_rows[i], team.members.len(), edits);
        for u in &read.unknown {
            let Some(a_new) = kept_rows[i].iter().position(|&a| a == u.activity) else { continue };
            let name = &roster.people[team.members[u.person].person].name;
            let at = Typed { file, sheet, team: (i, &team.name), activity: (a_new, &template.activities[a_new].id) };
            unknown.push(unknown_letter(&at, name, u));
        }
        teams.push(tm);
    }
    let matrix = Matrix { teams };
    let view = View { roster: &roster, templates: &templates, matrix: &matrix };
    let mut findings = check::run(&view);
    check::add(&view, &mut findings, unknown);
    notes.extend(check::unchecked_teams(&view));
    cells.locate(&view, &mut findings);
    Ok(Analysis { roster, templates, matrix, findings, cells: Some(Arc::new(cells)) })
}

/// The cell as typed, over the cell the assignment gives: the same letters keep the assignment's
/// provenance; letters it does not give are manual edits, and a cell with letters taken off is
/// marked as one.
pub(crate) fn edited_cell(typed: crate::matrix::Letters, assigned: &Cell) -> Cell {
    let cell = manual_cell(typed);
    if cell.letters == assigned.letters {
        return *assigned;
    }
    let mut out = Cell::default();
    for letter in cell.letters.iter() {
        let grant = assigned.grant_of(letter).unwrap_or(Grant { role: 0, rule: Rule::Manual });
        out.grant(letter, grant);
    }
    out.normalise();
    if assigned.letters.iter().any(|l| !out.letters.has(l)) {
        out.mark_manual();
    }
    out
}

/// A cell of letters typed by hand, every one a manual edit.
pub(super) fn manual_cell(typed: crate::matrix::Letters) -> Cell {
    let mut cell = Cell::default();
    for letter in typed.iter() {
        cell.grant(letter, Grant { role: 0, rule: Rule::Manual });
    }
    cell.normalise();
    cell
}

/// A template with only the activities `keep` (positions, in order); dependencies on the others
/// are dropped.
fn without_activities(template: &Template, keep: &[usize]) -> Template {
    let mut out = template.clone();
    let new_index = |old: usize| keep.iter().position(|&k| k == old);
    out.activities = keep
        .iter()
        .map(|&a| {
            let mut activity = template.activities[a].clone();
            activity.depends_on = activity.depends_on.iter().filter_map(|&d| new_index(d)).collect();
            activity
        })
        .collect();
    out
}
