//! Where a finding comes from: a line of the roster (the sheet and row of a workbook roster), the
//! line of a template's activity, and, for an edited workbook matrix, a sheet and cell. The rules
//! work positions out once; every report reads them as they are.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::matrix::View;

/// A place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Position {
    /// The file as the user named it (`<stdin>` for standard input).
    pub file: Arc<str>,
    /// 1-based line; for a workbook sheet, the row.
    pub line: Option<u64>,
    /// The sheet, for a workbook.
    pub sheet: Option<Arc<str>>,
    /// The cell (`D7`), for a workbook matrix.
    pub cell: Option<String>,
}

impl Position {
    /// A line of a text file.
    pub fn line(file: impl Into<Arc<str>>, line: u64) -> Self {
        Position { file: file.into(), line: Some(line), sheet: None, cell: None }
    }
}

impl fmt::Display for Position {
    /// `roster.csv:12`, `people.xlsx:Roster:6` (sheet and row), `matrix.xlsx:Checkout!D7` (a cell), with the
    /// sheet quoted as Excel's Go To wants it when it must be (`matrix.xlsx:'Search team'!P27`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        match (&self.sheet, &self.cell) {
            // As Excel's Go To takes it: `'Search team'!P27`.
            (Some(sheet), Some(_)) if needs_quotes(sheet) => write!(f, ":'{}'", sheet.replace('\'', "''"))?,
            (Some(sheet), _) => write!(f, ":{sheet}")?,
            (None, _) => {}
        }
        match (&self.cell, self.line) {
            (Some(cell), _) => write!(f, "!{cell}"),
            (None, Some(line)) => write!(f, ":{line}"),
            (None, None) => Ok(()),
        }
    }
}

/// Whether Excel wants a sheet name quoted in a reference: anything but letters, digits and `_`,
/// or a leading digit.
fn needs_quotes(sheet: &str) -> bool {
    sheet.starts_with(|c: char| c.is_ascii_digit()) || !sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Another place a finding concerns: the line of another person it names, or the template line of
/// its activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    #[serde(flatten)]
    pub position: Position,
    /// What is there: `'Bo Lin'`, `activity 'roadmap' of template 'analytics'`.
    pub about: String,
}

/// The positions of one check run, sharing the file names.
pub(super) struct Places {
    file: Arc<str>,
    sheet: Option<Arc<str>>,
    /// Per template: its file, `None` for a bundled one.
    templates: Vec<Option<Arc<str>>>,
}

impl Places {
    pub(super) fn new(view: &View<'_>) -> Self {
        let roster = view.roster;
        Places {
            file: roster.file.as_str().into(),
            sheet: roster.sheet.as_deref().map(Arc::from),
            templates: view.templates.iter().map(|t| t.file().map(Arc::from)).collect(),
        }
    }

    /// A line (row) of the roster.
    pub(super) fn roster(&self, line: u64) -> Position {
        Position { file: Arc::clone(&self.file), line: Some(line), sheet: self.sheet.clone(), cell: None }
    }

    /// The first of these roster lines, and the others as related places, each with what is
    /// there. The lines are given in roster order; an empty list is the roster's first line.
    pub(super) fn lines(&self, mut lines: impl Iterator<Item = (u64, String)>) -> (Position, Vec<Related>) {
        let at = self.roster(lines.next().map_or(1, |(line, _)| line));
        let related = lines.map(|(line, about)| Related { position: self.roster(line), about }).collect();
        (at, related)
    }

    /// A line of template `template`'s file; `None` for a bundled template.
    pub(super) fn template(&self, template: usize, line: u64) -> Option<Position> {
        let file = self.templates.get(template)?.as_ref()?;
        Some(Position::line(Arc::clone(file), line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_name_their_sheet_as_excel_wants_it() {
        let at = |sheet: &str| {
            Position { file: "m.xlsx".into(), line: None, sheet: Some(sheet.into()), cell: Some("P27".into()) }
                .to_string()
        };
        assert_eq!(at("Checkout"), "m.xlsx:Checkout!P27");
        assert_eq!(at("Search team"), "m.xlsx:'Search team'!P27");
        assert_eq!(at("Bob's"), "m.xlsx:'Bob''s'!P27");
        assert_eq!(at("2024"), "m.xlsx:'2024'!P27");
        let row = Position { file: "p.xlsx".into(), line: Some(6), sheet: Some("My Roster".into()), cell: None };
        assert_eq!(row.to_string(), "p.xlsx:My Roster:6");
    }
}
