//! A RACI matrix raci did not write, laid out the common way: activities down, people (or roles)
//! across, letters in the cells, a title or a legend above. Each such sheet is read as one team
//! whose template is made up from the sheet's rows ([`Template::inferred`]): the checks that need
//! no template run on the letters typed, and findings name the sheet and cell.

use std::collections::HashMap;
use std::sync::Arc;

use calamine::{Reader, SheetType, SheetVisible};

use super::grid::{Grid, cell_name};
use super::letters::{self, Read};
use super::team::Unknown;
use super::{Cells, Typed, unknown_letter};
use crate::Analysis;
use crate::check::{self, Finding};
use crate::error::{Error, Location, Result};
use crate::matrix::{Cell, Grant, Letter, Letters, Matrix, Rule, TeamMatrix, View};
use crate::role::{self, ParsedRole, Role};
use crate::roster::{Member, Person, Roster, Team, push_identity};
use crate::template::{self, Template};
use serde::Serialize;

/// How far down a sheet the header row may be (below a title, a legend, blank rows).
const HEADER_SEARCH_ROWS: u32 = 50;

/// Words of a header that name the activity column, in lowercase.
const LABEL_WORDS: &[&str] = &[
    "activity",
    "activities",
    "task",
    "tasks",
    "deliverable",
    "deliverables",
    "decision",
    "decisions",
    "milestone",
    "milestones",
    "step",
    "steps",
    "aktivität",
    "aktivitäten",
    "aufgabe",
    "aufgaben",
    "tätigkeit",
    "tätigkeiten",
    "tâche",
    "tâches",
    "tache",
    "taches",
    "activité",
    "activités",
    "livrable",
    "livrables",
    "actividad",
    "actividades",
    "tarea",
    "tareas",
    "entregable",
    "entregables",
    "attività",
    "compito",
    "compiti",
];

/// Words of a header that name a phase column, in lowercase.
const PHASE_WORDS: &[&str] =
    &["phase", "phases", "stage", "stages", "phasen", "étape", "étapes", "etape", "fase", "fases", "etapa", "etapas"];

/// Words a legend line starts with, in lowercase.
const LEGEND_WORDS: &[&str] = &["legend", "key", "legende", "légende", "leyenda", "leggenda", "raci legend"];

/// Names spreadsheet programs give new sheets (`Sheet1`, `Tabelle1`, `Feuil1`...): a team is named
/// after the title of such a sheet instead.
const DEFAULT_SHEET_NAMES: &[&str] = &["sheet", "tabelle", "feuil", "feuille", "hoja", "foglio", "blad", "planilha"];

/// A person's (or role's) column.
struct Column {
    col: u32,
    header: String,
    /// The built-in roles the header names (`Product Owner`), empty for a person's name.
    roles: Vec<ParsedRole>,
}

/// An activity's row.
struct Row {
    row: u32,
    label: String,
    phase: Option<String>,
}

/// A sheet found to hold a RACI matrix.
struct Layout {
    title: Option<String>,
    header_row: u32,
    label_col: u32,
    people: Vec<Column>,
    rows: Vec<Row>,
    notes: Vec<String>,
}

/// Read the RACI sheets of a workbook raci did not write; `only` is the sheet `--sheet` names.
pub fn load(bytes: &[u8], file: &str, only: Option<&str>) -> Result<Analysis> {
    let mut book = crate::roster::sheet::open(bytes).map_err(|e| {
        Error::roster(
            Location::file(file),
            format!("this workbook cannot be read: {e}"),
            "open it in a spreadsheet program and save it again as .xlsx",
        )
    })?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible))
        .collect();
    let wanted: Vec<String> = match only {
        Some(name) => match sheets.iter().find(|(n, _)| n == name || n.eq_ignore_ascii_case(name)) {
            Some((n, _)) => vec![n.clone()],
            None => {
                let names: Vec<String> = sheets.iter().map(|(n, _)| format!("'{n}'")).collect();
                return Err(Error::roster(
                    Location::file(file),
                    format!("there is no sheet named '{name}'"),
                    format!("the sheets are: {}", names.join(", ")),
                ));
            }
        },
        None => sheets.iter().filter(|(_, shown)| *shown).map(|(n, _)| n.clone()).collect(),
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
                notes.push(format!("{at}: the sheet holds no RACI matrix (no header row with a Task or Activity column and people's columns of letters); it is not read"));
            }
            None => {}
        }
    }
    if found.is_empty() {
        return Err(Error::roster(
            Location::file(file),
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

/// The first row of the sheet's top rows that heads a RACI matrix, with the rows below it.
fn detect(grid: &Grid, at: &str) -> Option<Layout> {
    for r in 0..HEADER_SEARCH_ROWS.min(grid.rows()) {
        let Some(label_col) = (0..grid.cols()).find(|&c| has_word(&grid.text(r, c), LABEL_WORDS)) else { continue };
        if let Some(layout) = layout_at(grid, r, label_col, at) {
            return Some(layout);
        }
    }
    None
}

/// The matrix headed by row `header_row`, when its columns right of the label column hold mostly
/// RACI letters.
fn layout_at(grid: &Grid, header_row: u32, label_col: u32, at: &str) -> Option<Layout> {
    let mut notes = Vec::new();
    let phase_col = (0..grid.cols()).find(|&c| c != label_col && has_word(&grid.text(header_row, c), PHASE_WORDS));
    let body = body_rows(grid, header_row, at, &mut notes);

    // People's columns: a header, and cells that read as letters more often than not.
    let mut people: Vec<Column> = Vec::new();
    let (mut letter_cells, mut other_cells) = (0usize, 0usize);
    let mut seen: HashMap<String, u32> = HashMap::new();
    for c in label_col + 1..grid.cols() {
        if Some(c) == phase_col {
            continue;
        }
        let header = tidy(&grid.text(header_row, c));
        let (mut letters, mut other) = (0usize, 0usize);
        for &r in &body {
            match letters::read(&grid.text(r, c)) {
                Read::Letters(_) => letters += 1,
                Read::Unknown { .. } => other += 1,
                Read::Empty => {}
            }
        }
        let column = column_name(c);
        if header.is_empty() {
            if letters > 0 {
                notes.push(format!(
                    "{at}: column {column} holds letters but has no name in the header (row {}); it is not read",
                    header_row + 1
                ));
            }
            continue;
        }
        if letters == 0 || letters < other {
            let what = if letters + other == 0 { "is empty" } else { "holds no RACI letters" };
            notes.push(format!("{at}: column {column} ('{header}') {what}; it is not read as a person"));
            continue;
        }
        let roles = header_roles(&header);
        let mut key = String::new();
        push_identity(&mut key, &header);
        let header = match seen.get(&key) {
            Some(&first) if roles.is_empty() => {
                notes.push(format!(
                    "{at}: column {column} repeats '{header}' (column {}); it is not read",
                    column_name(first)
                ));
                continue;
            }
            // Two columns of one role are two people holding it.
            Some(_) => format!("{header} ({column})"),
            None => header,
        };
        seen.entry(key).or_insert(c);
        letter_cells += letters;
        other_cells += other;
        people.push(Column { col: c, header, roles });
    }
    if people.is_empty() || letter_cells < 2 || letter_cells < other_cells {
        return None;
    }

    // Activities, and the phases they are in: the phase column (an empty cell keeps the phase
    // above, as merged cells read), or a row with nothing but a label heading the rows below it.
    let filled = |r: u32, c: u32| !grid.text(r, c).is_empty();
    let mut rows: Vec<Row> = Vec::new();
    let mut phase: Option<String> = None;
    let mut sections: Vec<String> = Vec::new();
    for (i, &r) in body.iter().enumerate() {
        let label = tidy(&grid.text(r, label_col));
        let has_letters = people.iter().any(|p| filled(r, p.col));
        if label.is_empty() {
            if has_letters {
                notes.push(format!(
                    "{at}: row {} holds letters but no activity in column {}; it is not read",
                    r + 1,
                    column_name(label_col)
                ));
            }
            continue;
        }
        let label_only = (0..grid.cols()).all(|c| c == label_col || !filled(r, c));
        let heads_rows = body.get(i + 1).is_some_and(|&next| people.iter().any(|p| filled(next, p.col)));
        if label_only && heads_rows {
            sections.push(format!("{} ('{label}')", r + 1));
            phase = Some(label);
            continue;
        }
        if let Some(typed) = phase_col.map(|c| tidy(&grid.text(r, c))).filter(|t| !t.is_empty()) {
            phase = Some(typed);
        }
        rows.push(Row { row: r, label, phase: phase.clone() });
    }
    if rows.is_empty() {
        return None;
    }
    if !sections.is_empty() {
        notes.push(format!("{at}: rows {} are read as phases of the rows below them", sections.join(", ")));
    }
    let title = (0..header_row).find_map(|r| {
        let text = (0..grid.cols()).map(|c| grid.text(r, c)).find(|t| !t.is_empty())?;
        (!is_legend(&text)).then(|| tidy(&text))
    });
    Some(Layout { title, header_row, label_col, people, rows, notes })
}

/// The rows below the header up to a legend or two blank rows in a row (one blank row between
/// groups of activities is skipped). Notes say where reading stopped when something follows.
fn body_rows(grid: &Grid, header_row: u32, at: &str, notes: &mut Vec<String>) -> Vec<u32> {
    let blank = |r: u32| (0..grid.cols()).all(|c| grid.text(r, c).is_empty());
    let mut rows = Vec::new();
    let mut blanks = 0;
    let mut r = header_row + 1;
    while r < grid.rows() {
        if blank(r) {
            blanks += 1;
            if blanks == 2 {
                break;
            }
        } else if (0..grid.cols()).any(|c| is_legend(&grid.text(r, c))) {
            notes.push(format!("{at}: row {} is a legend; it and the rows below it are not read", r + 1));
            return rows;
        } else {
            blanks = 0;
            rows.push(r);
        }
        r += 1;
    }
    if let Some(next) = (r..grid.rows()).find(|&r| !blank(r)) {
        notes.push(format!(
            "{at}: reading stopped at the blank rows above row {}; it and the rows below it are not read",
            next + 1
        ));
    }
    rows
}

/// Build the roster, templates and matrix the sheets describe, and run the checks.
fn assemble(file: &str, found: &[(String, Grid, Layout)]) -> Result<Analysis> {
    let mut people: Vec<Person> = Vec::new();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let mut teams: Vec<Team> = Vec::new();
    let mut templates: Vec<Template> = Vec::new();
    let mut matrices: Vec<TeamMatrix> = Vec::new();
    let mut cells = Cells::new(file);
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
                    Read::Letters(typed) => tm.cells[a * width + m] = manual(typed),
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
    let mut findings = check::run_with(&view, unknown);
    cells.locate(&view, &mut findings);
    Ok(Analysis { roster, templates, matrix, findings, cells: Some(Arc::new(cells)) })
}

/// A cell of letters typed by hand.
fn manual(typed: Letters) -> Cell {
    let mut cell = Cell::default();
    for letter in typed.iter() {
        cell.grant(letter, Grant { role: 0, rule: Rule::Manual });
    }
    cell.normalise();
    cell
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
    let mut phases: Vec<String> = Vec::new();
    let mut activity: Vec<ActivityText> = Vec::with_capacity(layout.rows.len());
    for row in &layout.rows {
        let phase = row.phase.clone().unwrap_or_else(|| "activities".to_string());
        if !phases.contains(&phase) {
            phases.push(phase.clone());
        }
        let id = unique_id(&slug(&row.label, row.row), activity.iter().map(|a| a.id.as_str()));
        activity.push(ActivityText { id, name: row.label.clone(), phase, accountable: Vec::new() });
    }
    let description = format!("the rows of sheet '{sheet}', as typed");
    let ids: Vec<String> = activity.iter().map(|a| a.id.clone()).collect();
    let text = toml::to_string(&Text { name: team, description, inferred: true, phases, activity }).map_err(|e| {
        Error::roster(Location::file(format!("{file}:{sheet}")), format!("the rows cannot be kept: {e}"), "")
    })?;
    let template = template::parse(&text, &format!("sheet '{sheet}' of {file}"))?;
    // The template groups activities by phase: the row of each, in its order.
    let rows = template.activities.iter().map(|a| ids.iter().position(|id| *id == a.id).unwrap_or(0)).collect();
    Ok((template, rows))
}

/// The built-in roles a column header names, when each part of it is a role's title as written
/// (`Product Owner`, `PM`, `Tech Lead`, `PO/PM`); a person's name is no role, even one that starts
/// like a title (`Dev Patel`).
fn header_roles(header: &str) -> Vec<ParsedRole> {
    let mut out: Vec<ParsedRole> = Vec::new();
    for part in header.split(['/', '&', '+', ',', ';']) {
        let norm = role::normalise(part);
        if norm.is_empty() {
            continue;
        }
        let title = |k: &&role::KnownRole| k.aliases.contains(&norm.as_str()) || role::normalise(k.label) == norm;
        let Some(known) = role::KNOWN_ROLES.iter().find(title) else { return Vec::new() };
        if !out.iter().any(|p| p.role.id() == known.id) {
            out.push(ParsedRole { role: Role::new(known.id), raw: header.trim().into() });
        }
    }
    out
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

/// A cell's text for names and labels: bidirectional controls dropped, other control characters
/// (a line break in a header) and runs of spaces made one space.
fn tidy(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| !crate::text::is_bidi_control(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a cell's words include one of `words` (lowercase).
fn has_word(text: &str, words: &[&str]) -> bool {
    !text.is_empty() && text.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| words.contains(&w))
}

/// Whether a cell is (part of) a legend: `Legend: ...`, `Key`, or `R = Responsible`.
fn is_legend(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    // `Legend`, `Key: ...`, `Legend A = Accountable`; not `Key decisions`.
    let after_word = |rest: &str| {
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with([':', '-', '–', '=']) || is_legend(rest)
    };
    if LEGEND_WORDS
        .iter()
        .any(|w| lower.strip_prefix(w).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric) && after_word(rest)))
    {
        return true;
    }
    let mut chars = lower.chars();
    let Some(letter) = chars.next().and_then(|c| Letters::parse(&c.to_string())).and_then(Letters::strongest) else {
        return false;
    };
    let rest = chars.as_str().trim_start();
    let Some(rest) = rest.strip_prefix(['=', ':', '-', '–', '—', '→']) else { return false };
    let word = match letter {
        Letter::A => "accountable",
        Letter::R => "responsible",
        Letter::C => "consulted",
        Letter::I => "informed",
    };
    rest.trim_start().starts_with(&word[..5])
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

/// `id`, or `id-2`, `id-3`... when taken.
fn unique_id<'a>(id: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let free = |candidate: &str| !taken.clone().any(|t| t == candidate);
    if free(id) {
        return id.to_string();
    }
    (2..).map(|n| format!("{id}-{n}")).find(|c| free(c)).unwrap_or_else(|| id.to_string())
}

/// `D` for 0-based column 3.
fn column_name(c: u32) -> String {
    cell_name(0, c).trim_end_matches('1').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_name_roles_keep_them_and_names_do_not() {
        for (header, role) in [
            ("Product Owner", Some("product-owner")),
            ("PM", Some("product-manager")),
            ("Tech Lead", Some("tech-lead")),
            ("QA", Some("qa")),
            ("Ada Lopez", None),
            ("Dev Patel", None),
        ] {
            let roles = header_roles(header);
            assert_eq!(roles.first().map(|p| p.role.id().to_string()).as_deref(), role, "{header}: {roles:?}");
        }
    }

    #[test]
    fn titles_legends_slugs_and_sheet_names() {
        assert_eq!(strip_raci("Project Phoenix - RACI"), "Project Phoenix");
        assert_eq!(strip_raci("RACI matrix: Checkout"), "Checkout");
        assert!(is_legend("Legend: A = Accountable"));
        assert!(is_legend("R = Responsible"));
        assert!(is_legend("a: accountable, r: responsible"));
        assert!(!is_legend("Review the design"));
        assert!(!is_legend("A/R"));
        assert!(is_legend("Key:") && is_legend("Legend A = Accountable") && !is_legend("Key decisions"));
        assert!(!is_legend("Keyboard layout"));
        assert_eq!(slug("Define scope & goals", 3), "define-scope-goals");
        assert_eq!(slug("—", 6), "row-7");
        assert_eq!(unique_id("plan", ["plan", "plan-2"].into_iter()), "plan-3");
        assert_eq!(team_name("Sheet1", Some("Phoenix - RACI"), &[]), "Phoenix");
        assert_eq!(team_name("Checkout", Some("Phoenix - RACI"), &[]), "Checkout");
        assert!(has_word("Key Activities", LABEL_WORDS) && !has_word("Taskforce", LABEL_WORDS));
    }
}
