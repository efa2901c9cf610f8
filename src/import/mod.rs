//! Reading a workbook raci wrote back, after people edited it: the roster and templates it carries,
//! and the letters typed on each team sheet, as an [`Analysis`] whose matrix holds what the sheet
//! says. Letters that match what the template gives keep their provenance; the others are manual
//! edits. Findings point at the sheet and cell.
//!
//! The jobs are cut by file: `grid` reads cells, `letters` reads what people type in a cell,
//! `embedded` the hidden sheets, `team` one team sheet, `assemble` the analysis they describe,
//! `locate` turns findings' roster lines into cells. `foreign` reads a RACI sheet raci did not write.

mod assemble;
mod embedded;
pub mod foreign;
mod grid;
pub mod letters;
mod locate;
mod team;

use calamine::Reader;

use crate::Analysis;
use crate::check::{Code, Finding, Position};
use crate::error::{Error, Location, Result};
use crate::export::xlsx::layout::{META_SHEET, RESERVED_SHEETS, ROSTER_SHEET};

pub(crate) use assemble::edited_cell;
pub use grid::cell_name;
pub use locate::{Cells, Edited};

use grid::Grid;
use team::TeamSheet;

/// Read the bytes back when they are a workbook raci wrote (it has the hidden sheet `_raci`);
/// `None` for anything else, opened once either way. `file` names it in messages and findings.
pub fn load_if_raci(bytes: &[u8], file: &str) -> Option<Result<Analysis>> {
    if !crate::roster::sheet::is_workbook(bytes) {
        return None;
    }
    let book = crate::roster::sheet::open(bytes).ok()?;
    embedded::is_raci(&book.sheet_names()).then(|| read(book, file))
}

/// Read a raci workbook back; `file` names it in messages and findings.
pub fn load(bytes: &[u8], file: &str) -> Result<Analysis> {
    read(crate::roster::sheet::open_book(bytes, file)?, file)
}

fn read(mut book: calamine::Sheets<std::io::Cursor<&[u8]>>, file: &str) -> Result<Analysis> {
    let names = book.sheet_names();
    let mut grid = |name: &str| -> Result<Grid> {
        book.worksheet_range(name).map(Grid::new).map_err(|e| {
            Error::roster(
                Location::file(format!("{file}:{name}")),
                format!("cannot read the sheet: {e}"),
                "save the workbook again",
            )
        })
    };
    if !names.iter().any(|n| n == ROSTER_SHEET) {
        return Err(Error::roster(
            Location::file(file),
            format!(
                "the workbook has raci's hidden sheet {META_SHEET} but not {ROSTER_SHEET} (deleted, or written by a \
                 raci older than layout version 2), so its roster is unknown"
            ),
            "regenerate the workbook from its roster (`raci generate ROSTER --keep` cannot help here), or delete \
             the hidden sheet _raci too to have the team sheets read as a RACI made elsewhere",
        ));
    }
    let (entries, templates) = embedded::read_meta(&grid(META_SHEET)?, file)?;
    let roster = embedded::read_roster(&grid(ROSTER_SHEET)?, file)?;
    if !entries.is_empty() && entries.iter().all(|e| !e.file.is_empty() && !names.contains(&e.sheet)) {
        let files: Vec<&str> = entries.iter().map(|e| e.file.as_str()).take(3).collect();
        return Err(Error::roster(
            Location::file(file),
            "this is the index of a workbook directory (`-o DIR/`): its team sheets are in the team workbooks",
            format!("check a team workbook ({}...), or the roster", files.join(", ")),
        ));
    }

    // Each team's sheet: by name, else by its title (`RACI: TEAM`) among the sheets left.
    let mut claimed: Vec<String> = Vec::new();
    let mut sheets: Vec<(usize, String, TeamSheet)> = Vec::new();
    let mut notes = Vec::new();
    for entry in &entries {
        let Some(t) = roster.teams.iter().position(|t| t.name == entry.team) else {
            notes.push(format!("{file}: team '{}' is in {META_SHEET} but not in the roster it carries", entry.team));
            continue;
        };
        if sheets.iter().any(|(read, _, _)| *read == t) {
            notes.push(format!("{file}: team '{}' is listed twice in {META_SHEET}; read once", entry.team));
            continue;
        }
        let free = |n: &String| !claimed.contains(n) && !RESERVED_SHEETS.contains(&n.as_str());
        let keys: Vec<String> = roster.teams[t].members.iter().map(|m| roster.people[m.person].key()).collect();
        let mut sheet = names.iter().find(|n| **n == entry.sheet && free(n)).cloned();
        if sheet.is_none() {
            // Renamed: the sheet whose hidden key row holds most of the team's people (its title
            // breaks a tie), else the one titled after the team.
            let title = format!("RACI: {}", entry.team);
            let mut best: Option<(usize, bool, &String)> = None;
            // Sheets another team's entry names are that team's, not candidates.
            let listed = |n: &String| entries.iter().any(|e| &e.sheet == n);
            for name in names.iter().filter(|n| free(n) && !listed(n)) {
                let g = grid(name)?;
                let on = team::keys_on(&g);
                let score = keys.iter().filter(|k| on.contains(k)).count();
                let most = score * 2 > keys.len();
                let titled = g.text(0, 0) == title || g.text(1, 0) == title;
                if (most || titled) && best.is_none_or(|(s, t, _)| (score, titled) > (s, t)) {
                    best = Some((score, titled, name));
                }
            }
            if let Some((_, _, name)) = best {
                notes.push(format!(
                    "{file}: team '{}' read from sheet '{name}' (renamed from '{}')",
                    entry.team, entry.sheet
                ));
                sheet = Some(name.clone());
            }
        }
        let Some(sheet) = sheet else {
            return Err(Error::roster(
                Location::file(file),
                format!(
                    "the sheet of team '{}' ('{}') is not in the workbook, under that name or another, so the \
                     matrix the team agreed cannot be checked",
                    entry.team, entry.sheet
                ),
                "put the sheet back (undo its deletion), or regenerate the workbook from a roster without the team",
            ));
        };
        let template = &templates[entry.template];
        let at = format!("{file}:{sheet}");
        let names: Vec<String> = roster.teams[t].members.iter().map(|m| roster.people[m.person].name.clone()).collect();
        let stored = (entry.header_row, entry.key_row, entry.id_col);
        let read = team::read(&grid(&sheet)?, &at, template, (&keys, &names), stored);
        notes.extend(read.notes.iter().cloned());
        claimed.push(sheet.clone());
        sheets.push((t, sheet, read));
    }
    let mut analysis = assemble::assemble(roster, templates, &entries, sheets, file, &mut notes)?;
    let made_from = analysis.roster.source.clone();
    analysis.roster.notes.insert(
        0,
        format!(
            "{file}: read as a workbook raci wrote (made from {made_from}), with the letters people typed on its {} \
             (--input roster reads a roster sheet instead)",
            match analysis.matrix.teams.len() {
                1 => "team sheet".to_string(),
                n => format!("{n} team sheets"),
            }
        ),
    );
    analysis.roster.notes.extend(notes);
    Ok(analysis)
}

/// Where a cell that is not a RACI letter was typed: the workbook, the sheet, the team (position
/// in the matrix, name) and the activity (position in the team's template, id).
struct Typed<'a> {
    file: &'a str,
    sheet: &'a str,
    team: (usize, &'a str),
    activity: (usize, &'a str),
}

/// `unknown-letter`: the cell of `name` says something that is not a RACI letter.
fn unknown_letter(at: &Typed<'_>, name: &str, u: &team::Unknown) -> Finding {
    let hint =
        u.hint.map_or_else(|| "type one of A, R, C, I (or A/R) in the cell, or empty it".to_string(), str::to_string);
    let position =
        Position { file: at.file.into(), line: None, sheet: Some(at.sheet.into()), cell: Some(u.cell.clone()) };
    let (team, (a, id)) = (at.team.1, at.activity);
    Finding::new(
        Code::UnknownLetter,
        Some(at.team),
        position,
        format!(
            "team '{team}': the cell of '{name}' on '{id}' says '{}', which is not a RACI letter; it is read as empty",
            u.text
        ),
        hint,
    )
    .activities(a, vec![id.to_string()])
    .people(vec![name.to_string()])
}
