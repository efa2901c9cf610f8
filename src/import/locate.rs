//! Where a finding is on the workbook it was read from: the cell of its first activity and person
//! on its team's sheet (the row's check cell, or the person's name, when it names only one of
//! them), the other cells it concerns as related places.

use std::sync::Arc;

use super::grid::cell_name;
use super::team::TeamSheet;
use crate::check::{Finding, Position, Related};
use crate::matrix::{Letters, View};

/// At most this many related cells per finding.
const MAX_RELATED: usize = 20;

/// The cells of every team sheet read, in matrix order.
#[derive(Debug, Clone)]
pub struct Cells {
    file: Arc<str>,
    teams: Vec<SheetCells>,
    /// People from this position on in the roster were added by hand (a column with no key).
    added_from: usize,
}

/// A cell people changed: its activity (position in the team's template as checked) and member,
/// and the letters the assignment gives there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edited {
    pub activity: usize,
    pub member: usize,
    pub assigned: Letters,
}

#[derive(Debug, Clone)]
struct SheetCells {
    sheet: Arc<str>,
    /// Per activity of the team's template (as checked), its 0-based row.
    rows: Vec<u32>,
    /// Per member, the 0-based column.
    cols: Vec<u32>,
    header_row: u32,
    /// The check column, else the activity column: where a row's findings point.
    row_col: u32,
    /// The cells people changed, in row-major order.
    edits: Vec<Edited>,
}

impl Cells {
    pub(super) fn new(file: &str, added_from: usize) -> Self {
        Cells { file: file.into(), teams: Vec::new(), added_from }
    }

    /// Whether the person at this position of the roster read back was added by hand (a column
    /// with a name but not in the roster the workbook carries).
    pub fn added_by_hand(&self, person: usize) -> bool {
        person >= self.added_from
    }

    /// The next team's sheet; `kept` are the template activities it has rows for.
    pub(super) fn team(&mut self, sheet: &str, read: &TeamSheet, kept: &[usize], members: usize, edits: Vec<Edited>) {
        self.teams.push(SheetCells {
            sheet: sheet.into(),
            rows: kept.iter().filter_map(|&a| read.rows[a]).collect(),
            cols: read.cols.iter().copied().take(members).collect(),
            header_row: read.header_row,
            row_col: read.check_col.unwrap_or(read.activity_col),
            edits,
        });
    }

    /// The cells people changed on the sheet of matrix team `t` (none for a sheet raci did not
    /// write, which has no assignment to differ from).
    pub fn edits(&self, t: usize) -> &[Edited] {
        self.teams.get(t).map_or(&[], |sheet| &sheet.edits)
    }

    /// The cell of an activity (position in the team's template as checked) and a member, on the
    /// sheet of matrix team `t`.
    pub fn cell(&self, t: usize, activity: usize, member: usize) -> Option<Position> {
        let sheet = self.teams.get(t)?;
        Some(self.at(t, *sheet.rows.get(activity)?, *sheet.cols.get(member)?))
    }

    /// The next team's sheet, laid out as given: per activity its 0-based row, per member the
    /// 0-based column, the header row, and the column a row's findings point at.
    pub(super) fn sheet(&mut self, sheet: &str, rows: Vec<u32>, cols: Vec<u32>, header_row: u32, row_col: u32) {
        self.teams.push(SheetCells { sheet: sheet.into(), rows, cols, header_row, row_col, edits: Vec::new() });
    }

    fn at(&self, t: usize, row: u32, col: u32) -> Position {
        Position {
            file: Arc::clone(&self.file),
            line: None,
            sheet: Some(Arc::clone(&self.teams[t].sheet)),
            cell: Some(cell_name(row, col)),
        }
    }

    /// Point each finding at its cells. Places in other files (a template's line) stay.
    pub fn locate(&self, view: &View<'_>, findings: &mut [Finding]) {
        for f in findings {
            if f.location.cell.is_some() {
                continue;
            }
            let mut places: Vec<(Position, String)> = Vec::new();
            match f.order.0.checked_sub(1) {
                Some(t) if t < self.teams.len() => self.team_places(view, t, f, &mut places),
                _ => self.roster_places(view, f, &mut places),
            }
            let kept: Vec<Related> = f.related.drain(..).filter(|r| r.position.file != self.file).collect();
            let mut places = places.into_iter();
            if let Some((at, _)) = places.next() {
                f.location = at;
            } else {
                f.location = Position { file: Arc::clone(&self.file), line: None, sheet: None, cell: None };
            }
            f.related = places.take(MAX_RELATED).map(|(position, about)| Related { position, about }).collect();
            f.related.extend(kept);
        }
    }

    fn team_places(&self, view: &View<'_>, t: usize, f: &Finding, out: &mut Vec<(Position, String)>) {
        let sheet = &self.teams[t];
        let tm = &view.matrix.teams[t];
        let template = &view.templates[tm.template];
        let team = &view.roster.teams[tm.team];
        let rows: Vec<(u32, &str)> = f
            .activities
            .iter()
            .filter_map(|id| template.activity_index(id).and_then(|a| sheet.rows.get(a)).map(|&r| (r, id.as_str())))
            .collect();
        let cols: Vec<(u32, &str)> = f
            .people
            .iter()
            .filter_map(|name| {
                let m = team.members.iter().position(|m| view.name(m) == name)?;
                sheet.cols.get(m).map(|&c| (c, name.as_str()))
            })
            .collect();
        match (rows.is_empty(), cols.is_empty()) {
            (false, false) => {
                for &(r, id) in &rows {
                    for &(c, name) in &cols {
                        out.push((self.at(t, r, c), format!("'{name}' on '{id}'")));
                    }
                }
            }
            (false, true) => out.extend(rows.iter().map(|&(r, id)| (self.at(t, r, sheet.row_col), format!("'{id}'")))),
            (true, false) => {
                out.extend(cols.iter().map(|&(c, name)| (self.at(t, sheet.header_row, c), format!("'{name}'"))))
            }
            (true, true) => out.push((self.at(t, 0, 0), format!("team '{}'", team.name))),
        }
    }

    /// A finding about the roster as a whole: each person's name on the first sheet they are on.
    fn roster_places(&self, view: &View<'_>, f: &Finding, out: &mut Vec<(Position, String)>) {
        for name in &f.people {
            let found = view.matrix.teams.iter().enumerate().find_map(|(t, tm)| {
                let team = &view.roster.teams[tm.team];
                let m = team.members.iter().position(|m| view.name(m) == name)?;
                Some((t, *self.teams.get(t)?.cols.get(m)?))
            });
            if let Some((t, c)) = found {
                out.push((self.at(t, self.teams[t].header_row, c), format!("'{name}'")));
            }
        }
    }
}
