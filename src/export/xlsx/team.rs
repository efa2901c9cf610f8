//! A team's sheet: activities down, people across, letters in the cells, a legend and the sources.

use rust_xlsxwriter::XlsxError;

use super::layout::{FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, HEADER_ROW, Rows, col, row};
use super::sheet::Sheet;
use super::styles::Style;
use crate::matrix::{Letter, Letters, TeamMatrix, View};
use crate::roster::Team;
use crate::template::Template;

const LEGEND: [(&str, &str); 5] = [
    ("A", "Accountable: answers for the outcome; exactly one per activity"),
    ("R", "Responsible: does the work"),
    ("A/R", "Accountable and does the work"),
    ("C", "Consulted: asked before (two-way)"),
    ("I", "Informed: told after (one-way)"),
];

/// Text that depends only on the template, built once rather than once per team.
pub(super) struct TemplateText {
    /// Per activity: its sources, joined.
    sources: Vec<String>,
}

impl TemplateText {
    pub(super) fn new(template: &Template) -> Self {
        TemplateText { sources: template.activities.iter().map(|a| a.sources.join(", ")).collect() }
    }
}

/// The text of every letter set, indexed by [`letters_index`]: built once instead of once per cell.
static LETTER_TEXTS: std::sync::LazyLock<[String; 16]> = std::sync::LazyLock::new(|| {
    std::array::from_fn(|mask| {
        let mut letters = Letters::EMPTY;
        for (bit, letter) in Letter::ALL.into_iter().enumerate() {
            if mask & (1 << bit) != 0 {
                letters.insert(letter);
            }
        }
        letters.to_string()
    })
});

fn letters_index(letters: Letters) -> usize {
    Letter::ALL.into_iter().enumerate().filter(|(_, l)| letters.has(*l)).map(|(bit, _)| 1 << bit).sum()
}

/// One team's sheet.
pub(super) fn write_team(
    sheet: &mut Sheet<'_>,
    view: &View<'_>,
    (team, tm, template): (&Team, &TeamMatrix, &Template),
    text: &TemplateText,
) -> Result<(), XlsxError> {
    let width = team.members.len();
    // Saturating: a team wider than a sheet is refused by the writer (RowColumnLimitError), not here.
    let last_person_col = FIRST_PERSON_COL.saturating_add(col(width)).saturating_sub(1);
    let description_col = last_person_col.saturating_add(1);
    let last_row = FIRST_ACTIVITY_ROW.saturating_add(row(template.activities.len())).saturating_sub(1);
    sheet.column_width(0, 12.0)?;
    sheet.column_width(1, 30.0)?;
    for c in 0..width {
        sheet.column_width(FIRST_PERSON_COL + col(c), 14.0)?;
    }
    sheet.column_width(description_col, 70.0)?;
    sheet.column_width(description_col.saturating_add(1), 12.0)?;
    sheet.freeze(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL)?;
    // Printing: landscape, one page wide, header rows and activity columns on every page.
    sheet.print_titles((HEADER_ROW, HEADER_ROW + 1), Some((0, 1)))?;
    if width > 0 && !template.activities.is_empty() {
        sheet.letter_cells((FIRST_ACTIVITY_ROW, last_row), (FIRST_PERSON_COL, last_person_col))?;
    }

    sheet.write(0, 0, &format!("RACI: {}", team.name), Some(Style::Title))?;
    let subtitle = format!(
        "template {} {} · {} people · edit a cell with the dropdown: A, A/R, R, C or I",
        template.name, template.version, width
    );
    sheet.write(1, 0, &subtitle, None)?;

    // Cells of a row that share a style are written without one and then styled as a range: one
    // format lookup per range instead of one per cell (rust_xlsxwriter hashes the whole Format on
    // every formatted write). The result is the same cells with the same styles.
    sheet.write(HEADER_ROW, 0, "Phase", None)?;
    sheet.write(HEADER_ROW, 1, "Activity", None)?;
    for (m, member) in team.members.iter().enumerate() {
        sheet.write(HEADER_ROW, FIRST_PERSON_COL + col(m), view.name(member), None)?;
    }
    sheet.write(HEADER_ROW, description_col, "Description", None)?;
    sheet.write(HEADER_ROW, description_col.saturating_add(1), "Sources", None)?;
    sheet.style_range((HEADER_ROW, HEADER_ROW), (0, description_col.saturating_add(1)), Style::Header)?;

    sheet.write(HEADER_ROW + 1, 1, "role", None)?;
    let mut roles = String::new();
    for (m, member) in team.members.iter().enumerate() {
        roles.clear();
        for (i, parsed) in member.roles.iter().enumerate() {
            if i > 0 {
                roles.push('/');
            }
            roles.push_str(parsed.role.short());
        }
        sheet.write(HEADER_ROW + 1, FIRST_PERSON_COL + col(m), &roles, None)?;
    }
    sheet.style_range((HEADER_ROW + 1, HEADER_ROW + 1), (0, last_person_col.max(1)), Style::Role)?;

    for (a, activity) in template.activities.iter().enumerate() {
        let r = FIRST_ACTIVITY_ROW + row(a);
        sheet.write(r, 0, &template.phases[activity.phase], None)?;
        sheet.write(r, 1, &activity.name, None)?;
        for (m, cell) in tm.row(a).iter().enumerate() {
            if !cell.letters.is_empty() {
                sheet.write(r, FIRST_PERSON_COL + col(m), &LETTER_TEXTS[letters_index(cell.letters)], None)?;
            }
        }
        sheet.write(r, description_col, &activity.description, None)?;
        sheet.write(r, description_col.saturating_add(1), &text.sources[a], None)?;
    }
    if !template.activities.is_empty() {
        style_activity_rows(sheet, (FIRST_ACTIVITY_ROW, last_row), width, description_col)?;
    }

    let mut r = last_row + 2;
    sheet.write(r, 1, "Legend", Some(Style::Header))?;
    for (text, meaning) in LEGEND {
        r += 1;
        let style = Letters::parse(text).and_then(Letters::strongest).map_or(Style::Cell, Style::Letter);
        sheet.write(r, 1, text, Some(style))?;
        sheet.write(r, FIRST_PERSON_COL, meaning, None)?;
    }
    r += 2;
    sheet.write(r, 1, "Sources", None)?;
    for (id, citation) in &template.sources {
        r += 1;
        sheet.write(r, 1, id, None)?;
        sheet.write(r, FIRST_PERSON_COL, citation, None)?;
    }
    Ok(())
}

/// Styles of the activity rows: phase, activity, letter cells, description.
fn style_activity_rows(sheet: &mut Sheet<'_>, rows: Rows, width: usize, description_col: u16) -> Result<(), XlsxError> {
    sheet.style_range(rows, (0, 0), Style::Phase)?;
    sheet.style_range(rows, (1, 1), Style::Activity)?;
    if width > 0 {
        sheet.style_range(rows, (FIRST_PERSON_COL, description_col - 1), Style::Cell)?;
    }
    sheet.style_range(rows, (description_col, description_col), Style::Text)
}
