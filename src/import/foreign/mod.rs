//! A RACI matrix raci did not write, laid out the common way: activities down, people (or roles)
//! across, letters in the cells, a title or a legend above. Each such sheet is read as one team
//! whose template is made up from the sheet's rows ([`Template::inferred`]): the checks that need
//! no template run on the letters typed, and findings name the sheet and cell. `layout` finds the
//! matrix on a sheet; this file builds the analysis from it.

mod layout;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use calamine::Reader;
use serde::Serialize;

use super::grid::{Grid, cell_name, column_name};
use super::letters::{self, Read};
use super::team::Unknown;
use super::{Cells, Typed, unknown_letter};
use crate::Analysis;
use crate::check::{self, Finding};
use crate::error::{Error, Location, Result};
use crate::matrix::{Cell, Letter, Matrix, TeamMatrix, View};
use crate::roster::{Member, Person, Roster, Team, push_identity};
use crate::template::{self, Template};
use layout::{Layout, detect};

/// Names spreadsheet programs give new sheets (`Sheet1`, `Tabelle1`, `Feuil1`...): a team is named
/// after the title of such a sheet instead.
const DEFAULT_SHEET_NAMES: &[&str] = &["sheet", "tabelle", "feuil", "feuille", "hoja", "foglio", "blad", "planilha"];

/// Read the RACI sheets of a workbook raci did not write; `only` is the sheet `--sheet` names.
pub fn load(bytes: &[u8], file: &str, only: Option<&str>) -> Result<Analysis> {
    let mut book = crate::roster::sheet::open_book(bytes, file)?;
    let wanted = crate::roster::sheet::sheets_to_read(&book, file, only)?;
    // One sheet read is the place of an error; several, the file.
    let place = match wanted.as_slice() {
        [one] => format!("{file}:{one}"),
        _ => file.to_string(),
    };
    let mut notes = Vec::new();
    let mut found: Vec<(String, Grid, Layout)> = Vec::new();
    for name in wanted {
        let at = format!("{file}:{name}");
        let grid = book.worksheet_range(&name).map(Grid::new).map_err(|e| {
            Error::roster(Location::file(at.clone()), format!("cannot read the sheet: {e}"), "save the workbook again")
        })?;
        match detect(&grid, &at) {
            Some(layout) => found.push((name, grid, layout)),
            None if grid.rows() > 0 => {
                notes.push(format!(
                    "{at}: the sheet holds no RACI matrix (no header row with a Task or Activity column and \
                     people's columns of letters); it is not read"
                ));
            }
            None => {}
        }
    }
    if found.is_empty() {
        return Err(Error::roster(
            Location::file(place),
            "no sheet of this workbook is a RACI matrix raci can read: a header row with a Task or Activity column \
             and a column per person or role, RACI letters in the rows below",
            "head the activity column `Task` or `Activity` and each person's column with their name, or pass the \
             roster instead (--input roster reads the workbook as one)",
        ));
    }
    let mut analysis = assemble(file, &found)?;
    notes.append(&mut analysis.roster.notes);
    analysis.roster.notes = notes;
    Ok(analysis)
}

/// Build the roster, templates and matrix the sheets describe, and run the checks.
fn assemble(file: &str, found: &[(String, Grid, Layout)]) -> Result<Analysis> {
    let mut people: Vec<Person> = Vec::new();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let mut teams: Vec<Team> = Vec::new();
    let mut templates: Vec<Template> = Vec::new();
    let mut matrices: Vec<TeamMatrix> = Vec::new();
    let mut cells = Cells::new(file, usize::MAX);
    let mut unknown: Vec<Finding> = Vec::new();
    let mut notes = Vec::new();
    for (t, (sheet, grid, layout)) in found.iter().enumerate() {
        let at = format!("{file}:{sheet}");
        let name = team_name(sheet, layout.title.as_deref(), &teams);
        let line = u64::from(layout.header_row) + 1;
        let mut members = Vec::with_capacity(layout.people.len());
        for column in &layout.people {
            // A person named on several sheets is one person; a role is somebody on this team.
            let mut key = String::new();
            push_identity(&mut key, &column.header);
            let existing = if column.roles.is_empty() { person_of.get(&key).copied() } else { None };
            let person = existing.unwrap_or_else(|| {
                people.push(Person {
                    name: column.header.clone(),
                    email: None,
                    allocation: None,
                    reports_to: None,
                    line,
                });
                people.len() - 1
            });
            if column.roles.is_empty() {
                person_of.entry(key).or_insert(person);
            }
            members.push(Member { person, roles: column.roles.iter().cloned().collect(), line });
        }
        let (template, order) = template_of(&name, sheet, file, layout)?;
        let width = members.len();
        let mut tm = TeamMatrix {
            team: t,
            template: t,
            accountable_position: Vec::with_capacity(order.len()),
            cells: vec![Cell::default(); order.len() * width],
            width,
        };
        for (a, row) in order.iter().map(|&i| &layout.rows[i]).enumerate() {
            for (m, column) in layout.people.iter().enumerate() {
                match letters::read(&grid.text(row.row, column.col)) {
                    Read::Empty => {}
                    Read::Letters(typed) => tm.cells[a * width + m] = super::assemble::manual_cell(typed),
                    Read::Unknown { text, hint } => {
                        let u = Unknown { activity: a, person: m, cell: cell_name(row.row, column.col), text, hint };
                        let typed = Typed { file, sheet, team: (t, &name), activity: (a, &template.activities[a].id) };
                        unknown.push(unknown_letter(&typed, &column.header, &u));
                    }
                }
            }
            let has_a = tm.row(a).iter().any(|c| c.letters.has(Letter::A));
            tm.accountable_position.push(has_a.then_some(0));
        }
        cells.sheet(
            sheet,
            order.iter().map(|&i| layout.rows[i].row).collect(),
            layout.people.iter().map(|p| p.col).collect(),
            layout.header_row,
            layout.label_col,
        );
        notes.extend(layout.notes.iter().cloned());
        let roles = layout.people.iter().filter(|p| !p.roles.is_empty()).count();
        let columns = match roles {
            0 => format!("{} people", layout.people.len()),
            n if n == layout.people.len() => format!("{n} roles as people"),
            n => format!("{} people, {n} of them roles", layout.people.len()),
        };
        notes.push(format!(
            "{at}: read as a RACI matrix raci did not write: team '{name}', {} activities (rows {}-{}), {columns} \
             (columns {}-{}); only the checks that need no template are run",
            layout.rows.len(),
            layout.rows.first().map_or(0, |r| r.row + 1),
            layout.rows.last().map_or(0, |r| r.row + 1),
            layout.people.first().map_or_else(String::new, |p| column_name(p.col)),
            layout.people.last().map_or_else(String::new, |p| column_name(p.col)),
        ));
        teams.push(Team { name, members, line, template: None, group: None });
        templates.push(template);
        matrices.push(tm);
    }
    let roster = Roster {
        source: file.to_string(),
        file: file.to_string(),
        sheet: None,
        people,
        teams,
        notes,
        has_reports_to: false,
    };
    let matrix = Matrix { teams: matrices };
    let view = View { roster: &roster, templates: &templates, matrix: &matrix };
    let mut findings = check::run(&view);
    check::add(&view, &mut findings, unknown);
    cells.locate(&view, &mut findings);
    Ok(Analysis { roster, templates, matrix, findings, cells: Some(Arc::new(cells)) })
}

/// The template a sheet's rows make: one activity per row, ids slugged from the labels, the
/// phases as the sheet names them, no roles; with, per activity in template order (grouped by
/// phase), its position in `layout.rows`. It is kept as TOML text too, so a workbook raci writes
/// from it carries it and reads back.
fn template_of(team: &str, sheet: &str, file: &str, layout: &Layout) -> Result<(Template, Vec<usize>)> {
    #[derive(Serialize)]
    struct Text<'a> {
        name: &'a str,
        description: String,
        inferred: bool,
        phases: Vec<String>,
        activity: Vec<ActivityText>,
    }
    #[derive(Serialize)]
    struct ActivityText {
        id: String,
        name: String,
        phase: String,
        accountable: Vec<String>,
    }
    let (mut phases, mut seen): (Vec<String>, HashSet<String>) = (Vec::new(), HashSet::new());
    let mut ids = Ids::default();
    let mut activity: Vec<ActivityText> = Vec::with_capacity(layout.rows.len());
    for row in &layout.rows {
        let phase = row.phase.clone().unwrap_or_else(|| "activities".to_string());
        if seen.insert(phase.clone()) {
            phases.push(phase.clone());
        }
        let id = ids.unique(slug(&row.label, row.row));
        activity.push(ActivityText { id, name: row.label.clone(), phase, accountable: Vec::new() });
    }
    let description = format!("the rows of sheet '{sheet}', as typed");
    let position: HashMap<String, usize> = activity.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
    let text = toml::to_string(&Text { name: team, description, inferred: true, phases, activity }).map_err(|e| {
        Error::roster(Location::file(format!("{file}:{sheet}")), format!("the rows cannot be kept: {e}"), "")
    })?;
    let template = template::parse(&text, &format!("sheet '{sheet}' of {file}"))?;
    // The template groups activities by phase: the row of each, in its order.
    let rows = template.activities.iter().map(|a| position.get(&a.id).copied().unwrap_or(0)).collect();
    Ok((template, rows))
}

/// The team a sheet is: the sheet's name, or its title when the sheet has a default name
/// (`Sheet1`), the word RACI taken off. A name another sheet took is the sheet's name.
fn team_name(sheet: &str, title: Option<&str>, teams: &[Team]) -> String {
    let lower = sheet.trim().to_lowercase();
    let default_name = DEFAULT_SHEET_NAMES
        .iter()
        .any(|d| lower.strip_prefix(d).is_some_and(|rest| rest.trim().chars().all(|c| c.is_ascii_digit())));
    let from_title = title.map(strip_raci).filter(|t| !t.is_empty());
    let name = match from_title {
        Some(title) if default_name => title,
        _ => sheet.trim().to_string(),
    };
    if teams.iter().any(|t| t.name == name) { sheet.to_string() } else { name }
}

/// A title without the words that say it is a RACI (`Project Phoenix - RACI` is `Project Phoenix`).
fn strip_raci(title: &str) -> String {
    let separators = |c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | '/' | ',');
    let mut text = title.trim().to_string();
    for word in ["raci matrix", "raci chart", "raci"] {
        let lower = text.to_lowercase();
        if lower.starts_with(word) && text.is_char_boundary(word.len()) {
            text = text[word.len()..].trim_matches(separators).to_string();
        }
        let lower = text.to_lowercase();
        if lower.ends_with(word) && text.is_char_boundary(text.len() - word.len()) {
            text = text[..text.len() - word.len()].trim_matches(separators).to_string();
        }
    }
    text
}

/// An activity id from a row's label: lowercase words joined by `-` (`Define scope` is
/// `define-scope`); `row-7` for a label with no letter or digit.
fn slug(label: &str, row: u32) -> String {
    let mut out = String::new();
    for word in label.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if out.chars().count() + word.chars().count() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() { format!("row-{}", row + 1) } else { out }
}

/// The activity ids given so far, so that each is unique: `plan`, then `plan-2`, `plan-3`...
#[derive(Default)]
struct Ids {
    taken: HashSet<String>,
    /// Per id asked for twice or more, the next number to try.
    next: HashMap<String, usize>,
}

impl Ids {
    fn unique(&mut self, id: String) -> String {
        if self.taken.insert(id.clone()) {
            return id;
        }
        let n = self.next.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_slugs_and_sheet_names() {
        assert_eq!(strip_raci("Project Phoenix - RACI"), "Project Phoenix");
        assert_eq!(strip_raci("RACI matrix: Checkout"), "Checkout");
        assert_eq!(slug("Define scope & goals", 3), "define-scope-goals");
        assert_eq!(slug("—", 6), "row-7");
        let mut ids = Ids::default();
        let given: Vec<String> = ["plan", "plan-2", "plan", "plan", "x"].map(|id| ids.unique(id.to_string())).to_vec();
        assert_eq!(given, ["plan", "plan-2", "plan-3", "plan-4", "x"]);
        assert_eq!(team_name("Sheet1", Some("Phoenix - RACI"), &[]), "Phoenix");
        assert_eq!(team_name("Checkout", Some("Phoenix - RACI"), &[]), "Checkout");
    }
}
