//! One team sheet of a raci workbook read back: which column is which person (by the hidden key
//! row), which row is which activity (by the hidden id column), and the letters people typed. Rows
//! and columns may have been moved, labels renamed, people's columns added or deleted; what cannot be
//! mapped is told in notes.

use std::collections::HashMap;

use super::grid::{Grid, cell_name, column_name};
use super::letters::{self, Read};
use crate::matrix::Letters;
use crate::template::Template;

/// How far down and right the hidden key row is looked for, when rows or columns were inserted.
const SEARCH_ROWS: u32 = 60;
const SEARCH_COLS: u32 = 12;

/// Headers raci writes right of the people: never a person's column.
const OWN_HEADERS: [&str; 8] = ["phase", "activity", "a", "r", "check", "description", "sources", "id"];

/// The person keys on a sheet's hidden key row (the row that says `key` near its top left), for
/// finding a renamed sheet.
pub(super) fn keys_on(grid: &Grid) -> Vec<String> {
    let found = (0..SEARCH_ROWS.min(grid.rows()))
        .flat_map(|r| (0..SEARCH_COLS.min(grid.cols())).map(move |c| (r, c)))
        .find(|&(r, c)| grid.text(r, c) == "key");
    let Some((row, label)) = found else { return Vec::new() };
    (label + 1..grid.cols()).map(|c| grid.text(row, c)).filter(|k| !k.is_empty()).collect()
}

/// A person's column as read.
#[derive(Debug, Clone)]
pub(super) enum Who {
    /// A member of the team in the roster: position in the roster team.
    Member(usize),
    /// A column somebody added: the name in its header, and the hidden key it carries when it was
    /// copied from another person's column (of this team or another).
    Added(String, Option<String>),
}

/// A cell that holds something other than RACI letters.
#[derive(Debug, Clone)]
pub(super) struct Unknown {
    /// Activity (template position) and column (position in [`TeamSheet::people`]).
    pub(super) activity: usize,
    pub(super) person: usize,
    pub(super) cell: String,
    pub(super) text: String,
    pub(super) hint: Option<&'static str>,
}

/// One team sheet, read.
#[derive(Debug)]
pub(super) struct TeamSheet {
    /// The people, in column order.
    pub(super) people: Vec<Who>,
    /// Their 0-based columns.
    pub(super) cols: Vec<u32>,
    /// Per template activity, its 0-based row, `None` when the row is gone.
    pub(super) rows: Vec<Option<u32>>,
    /// The header row (names), 0-based.
    pub(super) header_row: u32,
    /// The column of the activity names.
    pub(super) activity_col: u32,
    /// The check column, 0-based, when found.
    pub(super) check_col: Option<u32>,
    /// Activity-major letters: `letters[a * people.len() + p]`.
    pub(super) letters: Vec<Letters>,
    pub(super) unknown: Vec<Unknown>,
    pub(super) notes: Vec<String>,
}

/// Read a team sheet. `keys` are the keys of the roster team's members, in member order;
/// `stored` the rows and columns `_raci` says (1-based header row, key row, id column).
pub(super) fn read(
    grid: &Grid,
    at: &str,
    template: &Template,
    (keys, names): (&[String], &[String]),
    stored: (u32, u32, u32),
) -> TeamSheet {
    let (stored_header, stored_key, stored_id) = stored;
    let mut notes = Vec::new();
    // The hidden key row says `key` in the activity column; rows or columns inserted above or left
    // of it move it.
    let stored_at = (stored_key.saturating_sub(1), 1);
    let key_at = if grid.text(stored_at.0, stored_at.1) == "key" {
        Some(stored_at)
    } else {
        (0..SEARCH_ROWS.min(grid.rows()))
            .flat_map(|r| (0..SEARCH_COLS.min(grid.cols())).map(move |c| (r, c)))
            .find(|&(r, c)| grid.text(r, c) == "key")
    };
    let Some((key_row, label_col)) = key_at else {
        notes.push(format!(
            "{at}: the hidden row of person keys (row {stored_key}, 'key' in column B) is gone, so the sheet \
             cannot be read; regenerate it or undo the change"
        ));
        return TeamSheet {
            people: Vec::new(),
            cols: Vec::new(),
            rows: vec![None; template.activities.len()],
            header_row: 0,
            activity_col: 1,
            check_col: None,
            letters: Vec::new(),
            unknown: Vec::new(),
            notes,
        };
    };
    let header_row = key_row.saturating_sub(stored_key.saturating_sub(stored_header));
    let shift = label_col as i64 - 1;
    let id_col = (0..grid.cols())
        .rev()
        .find(|&c| grid.text(header_row, c) == "id")
        .unwrap_or_else(|| (i64::from(stored_id) - 1 + shift).max(0) as u32);
    let check_col = (0..grid.cols()).find(|&c| grid.text(header_row, c).eq_ignore_ascii_case("check"));

    // Activity rows, by id.
    let mut rows: Vec<Option<u32>> = vec![None; template.activities.len()];
    let index: HashMap<&str, usize> = template.activities.iter().enumerate().map(|(a, x)| (x.id.as_str(), a)).collect();
    let mut added_rows: Vec<u32> = Vec::new();
    for r in key_row + 1..grid.rows() {
        let id = grid.text(r, id_col);
        match index.get(id.as_str()) {
            Some(&a) if rows[a].is_none() => rows[a] = Some(r),
            Some(&a) => notes.push(format!(
                "{at}: rows {} and {} both carry the id of activity '{id}'; row {} is not read",
                rows[a].map_or(0, |x| x + 1),
                r + 1,
                r + 1
            )),
            None if !id.is_empty() => notes.push(format!(
                "{at}: row {} carries the id '{id}', which template '{}' does not have; the row is not read",
                r + 1,
                template.name
            )),
            None => added_rows.push(r),
        }
    }

    // People's columns, by key; columns with a name and letters but no key were added by hand.
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (m, key) in keys.iter().enumerate() {
        position.entry(key.as_str()).or_insert(m);
    }
    let activity_rows: Vec<u32> = rows.iter().flatten().copied().collect();
    let (mut people, mut cols) = (Vec::new(), Vec::new());
    let mut seen = vec![false; keys.len()];
    for c in 0..grid.cols() {
        if c == label_col || c == id_col || Some(c) == check_col || c <= label_col {
            continue;
        }
        let key = grid.text(key_row, c);
        let header = grid.text(header_row, c);
        let mut carried = None;
        if !key.is_empty() {
            match position.get(key.as_str()) {
                Some(&m) if !seen[m] => {
                    seen[m] = true;
                    people.push(Who::Member(m));
                    cols.push(c);
                    continue;
                }
                Some(&m) if crate::roster::same_identity(&header, &names[m]) || header.is_empty() => {
                    notes.push(format!(
                        "{at}: column {} repeats the column of '{}' (a copied column?); it is not read",
                        column_name(c),
                        names[m]
                    ));
                    continue;
                }
                // Copied from somebody's column and headed with another name (a new hire): a person
                // added by hand. A key from another team: that person, added to this one.
                Some(&m) => notes.push(format!(
                    "{at}: column {} carries the hidden key of '{}' (copied from their column?) but is headed \
                     '{header}'; it is read as '{header}' (empty cell {} to silence this)",
                    column_name(c),
                    names[m],
                    cell_name(key_row, c)
                )),
                None => carried = Some(key.clone()),
            }
        }
        if header.is_empty() || OWN_HEADERS.contains(&header.to_lowercase().as_str()) {
            continue;
        }
        // A hand-added column is a person when what it holds reads as letters.
        let (mut letters, mut other) = (0, 0);
        for &r in &activity_rows {
            match letters::read(&grid.text(r, c)) {
                Read::Letters(_) => letters += 1,
                Read::Unknown { .. } => other += 1,
                Read::Empty => {}
            }
        }
        if letters > 0 && letters >= other {
            people.push(Who::Added(header, carried));
            cols.push(c);
        } else if letters + other > 0 {
            notes.push(format!(
                "{at}: column {} ('{header}') holds no RACI letters and is not in the roster; it is not read",
                column_name(c)
            ));
        }
    }
    for (m, _) in seen.iter().enumerate().filter(|(_, s)| !**s) {
        notes.push(format!(
            "{at}: the column of '{}' ({}) is gone; they are read as no longer on the team (a regenerate, \
             with or without --keep, brings the column back while the roster has them on the team)",
            names[m], keys[m]
        ));
    }
    for r in added_rows {
        let label = grid.text(r, label_col);
        let any = cols.iter().any(|&c| !grid.text(r, c).is_empty());
        if any && !label.is_empty() {
            notes.push(format!(
                "{at}: row {} ('{label}') has no activity id, so it is not one of template '{}''s activities; it \
                 is not checked, nor kept by --keep (add the activity to a template of your own)",
                r + 1,
                template.name
            ));
        }
    }
    for (a, row) in rows.iter().enumerate() {
        let Some(r) = *row else { continue };
        let label = grid.text(r, label_col);
        let name = &template.activities[a].name;
        if !label.is_empty() && !crate::roster::same_identity(&label, name) {
            notes.push(format!(
                "{at}: row {} is activity '{}' (by its hidden id), labelled '{label}' here; labels come from the \
                 template, so a regenerate shows '{name}' again",
                r + 1,
                template.activities[a].id
            ));
        }
    }
    for (a, _) in rows.iter().enumerate().filter(|(_, r)| r.is_none()) {
        notes.push(format!(
            "{at}: the row of activity '{}' is gone; it is not checked on this team (a regenerate, with or \
             without --keep, brings it back while the template has it)",
            template.activities[a].id
        ));
    }

    let mut letters = vec![Letters::EMPTY; template.activities.len() * people.len()];
    let mut unknown = Vec::new();
    for (a, row) in rows.iter().enumerate() {
        let Some(r) = *row else { continue };
        for (p, &c) in cols.iter().enumerate() {
            match letters::read(&grid.text(r, c)) {
                Read::Empty => {}
                Read::Letters(l) => letters[a * people.len() + p] = l,
                Read::Unknown { text, hint } => {
                    unknown.push(Unknown { activity: a, person: p, cell: cell_name(r, c), text, hint })
                }
            }
        }
    }
    TeamSheet { people, cols, rows, header_row, activity_col: label_col, check_col, letters, unknown, notes }
}
