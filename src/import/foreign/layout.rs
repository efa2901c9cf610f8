//! Where the matrix is on a sheet raci did not write: the header row (an activity column and
//! people's columns of letters), the activity rows below it up to a legend or blank rows, the
//! phases (a phase column or section rows), the title above; and what was skipped, as notes.

use std::collections::HashMap;

use super::super::grid::{Grid, column_name};
use super::super::letters::{self, Read};
use crate::matrix::{Letter, Letters};
use crate::role::{self, ParsedRole, Role};
use crate::roster::push_identity;

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

/// A person's (or role's) column.
pub(super) struct Column {
    pub(super) col: u32,
    pub(super) header: String,
    /// The built-in roles the header names (`Product Owner`), empty for a person's name.
    pub(super) roles: Vec<ParsedRole>,
}

/// An activity's row.
pub(super) struct Row {
    pub(super) row: u32,
    pub(super) label: String,
    pub(super) phase: Option<String>,
}

/// A sheet found to hold a RACI matrix.
pub(super) struct Layout {
    pub(super) title: Option<String>,
    pub(super) header_row: u32,
    pub(super) label_col: u32,
    pub(super) people: Vec<Column>,
    pub(super) rows: Vec<Row>,
    pub(super) notes: Vec<String>,
}

/// The first row of the sheet's top rows that heads a RACI matrix, with the rows below it.
pub(super) fn detect(grid: &Grid, at: &str) -> Option<Layout> {
    for r in 0..HEADER_SEARCH_ROWS.min(grid.rows()) {
        // `Task` itself before a header that only has the word (`Task ID`).
        let exact = (0..grid.cols()).find(|&c| LABEL_WORDS.contains(&grid.text(r, c).to_lowercase().as_str()));
        let Some(label_col) = exact.or_else(|| (0..grid.cols()).find(|&c| has_word(&grid.text(r, c), LABEL_WORDS)))
        else {
            continue;
        };
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
    let (mut sections, mut unnamed): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for (i, &r) in body.iter().enumerate() {
        let label = tidy(&grid.text(r, label_col));
        let has_letters = people.iter().any(|p| filled(r, p.col));
        if label.is_empty() {
            if has_letters {
                unnamed.push(format!("{}", r + 1));
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
    if !unnamed.is_empty() {
        let what = format!("no activity in column {}", column_name(label_col));
        notes.push(format!("{at}: {} letters but {what}; not read", rows_list(&unnamed, "holds", "hold")));
    }
    if !sections.is_empty() {
        notes.push(format!("{at}: {} read as phases of the rows below", rows_list(&sections, "is", "are")));
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
    // A team sheet of raci's copied into a workbook of its own keeps its roles row (`role`) and
    // hidden key row (`key`) under the names: neither is an activity, nor the key a legend.
    while r < grid.rows() && r <= header_row + 2 && (0..4).any(|c| matches!(grid.text(r, c).as_str(), "role" | "key")) {
        notes.push(format!("{at}: row {} holds raci's {} row; it is not an activity", r + 1, grid.text(r, 1)));
        r += 1;
    }
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

/// `row 4 is`, `rows 4, 9 are`, `rows 4, 9, ... and 3 more are`: rows with a verb.
fn rows_list(rows: &[String], one: &str, many: &str) -> String {
    const SHOWN: usize = 6;
    let listed = rows.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    match rows.len() {
        1 => format!("row {listed} {one}"),
        n if n <= SHOWN => format!("rows {listed} {many}"),
        n => format!("rows {listed} and {} more {many}", n - SHOWN),
    }
}

/// The built-in roles a column header names, when each part of it is a role's title as written
/// (`Product Owner`, `PM`, `Tech Lead`, `PO/PM`); a person's name is no role, even one that starts
/// like a title (`Dev Patel`).
pub(super) fn header_roles(header: &str) -> Vec<ParsedRole> {
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

/// A cell's text for names and labels: bidirectional controls dropped, other control characters
/// (a line break in a header) and runs of spaces made one space.
pub(super) fn tidy(text: &str) -> String {
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
pub(super) fn is_legend(text: &str) -> bool {
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
            ("PO/PM", Some("product-owner")),
            ("Ada Lopez", None),
            ("Dev Patel", None),
        ] {
            let roles = header_roles(header);
            assert_eq!(roles.first().map(|p| p.role.id().to_string()).as_deref(), role, "{header}: {roles:?}");
        }
        assert_eq!(header_roles("PO/PM").len(), 2);
    }

    #[test]
    fn legends_and_label_words() {
        assert!(is_legend("Legend: A = Accountable"));
        assert!(is_legend("R = Responsible"));
        assert!(is_legend("a: accountable, r: responsible"));
        assert!(!is_legend("Review the design"));
        assert!(!is_legend("A/R"));
        assert!(is_legend("Key:") && is_legend("Legend A = Accountable") && !is_legend("Key decisions"));
        assert!(!is_legend("Keyboard layout"));
        assert!(has_word("Key Activities", LABEL_WORDS) && !has_word("Taskforce", LABEL_WORDS));
        assert_eq!(tidy(" Ada\nLopez\u{202e} "), "Ada Lopez");
        let rows = |n: usize| (1..=n).map(|r| r.to_string()).collect::<Vec<_>>();
        assert_eq!(rows_list(&rows(1), "is", "are"), "row 1 is");
        assert_eq!(rows_list(&rows(2), "is", "are"), "rows 1, 2 are");
        assert_eq!(rows_list(&rows(9), "is", "are"), "rows 1, 2, 3, 4, 5, 6 and 3 more are");
    }
}
