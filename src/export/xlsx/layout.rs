//! Where things go in a workbook: the sheets, and the rows and columns of a team sheet. This is the
//! contract the writer, the tests and the reader of edited workbooks agree on.
//!
//! A workbook holds, in this order: `Summary`, one sheet per team (named by
//! [`sheet_names`](super::sheet_names)), `Workload`, `Findings`, and the hidden sheet `_raci`.
//! `index.xlsx` (written by `-o DIR/`) holds the same minus the team sheets, whose rows link to the
//! team workbooks instead.
//!
//! A team sheet (rows and columns 0-based here; Excel shows them 1-based):
//!
//! | rows | content |
//! |---|---|
//! | 0 | title `RACI: TEAM` |
//! | 1 | template name and version, people, how to edit |
//! | 2 | headers: `Phase`, `Activity`, one column per person (the name), `A`, `R`, `Check`, `Description`, `Sources`, `id` |
//! | 3 | the person's roles (`PO/PM`) |
//! | 4 | hidden: the person's key (email in lowercase, else the name's identity: lowercase words, one space apart) |
//! | 5 ... | one row per activity, in template order: phase, name, letters, the count of A and of R (live `COUNTIF` formulas with cached results), the status (`ok`, `no A`, `2 A`, `no R`), description, sources, and the activity id in the hidden `id` column |
//! | after a blank row | the legend, then the sources |
//!
//! Column 0 is the phase, 1 the activity, people from column 2 in roster order; then `A`, `R`,
//! `Check`, `Description`, `Sources` and the hidden `id`. Ids and keys travel with their row and
//! column when someone sorts rows or moves a column, so a renamed activity or a reordered person still
//! maps back.
//!
//! The hidden sheet `_raci` says where each team sheet's parts are: cell A1 `raci-layout`, B1 the
//! layout version ([`LAYOUT_VERSION`]); row 3 (0-based 2) the headers of [`META_HEADERS`]; then one
//! row per team: sheet name, team name, file (empty in a single workbook), template name and version,
//! the 1-based rows of the header, the key row and the first and last activity, the 1-based columns
//! of the first and last person, the `A`, `R`, `Check` and `id` columns, the number of people and the
//! 0-based position of the team's template in the template table.
//!
//! The template table sits on `_raci` from column [`TEMPLATE_COL`]: the mark [`TEMPLATE_MARK`] in row
//! 1, the headers of [`TEMPLATE_HEADERS`] in row 3, then one row per template: name, version and its
//! TOML text, cut into cells of at most 32,767 characters from the third column on (where the
//! template came from is not kept: the same template gives the same workbook, by name or by file).
//!
//! The hidden sheet `_raci_roster` holds the roster as raci read it: A1 [`ROSTER_MARK`], B1 the
//! version ([`EMBED_VERSION`]); row 2 the roster's source and whether it has a reports_to column;
//! row 4 the headers of [`ROSTER_HEADERS`]; then one row per membership in team and member order
//! (team, team line, group, person index, name, email, allocation, reports_to, person line, member
//! line, roles as a JSON list of `[id, text]`, cut like template texts), and a row without a team
//! for each person on none.

/// The first sheet: roster, templates, teams, legend, how to read and re-check.
pub(crate) const SUMMARY_SHEET: &str = "Summary";
/// Per person across teams: letters, share of A, load.
pub(crate) const WORKLOAD_SHEET: &str = "Workload";
/// One row per finding, as an Excel table.
pub const FINDINGS_SHEET: &str = "Findings";
/// The hidden sheet with the layout of each team sheet.
pub(crate) const META_SHEET: &str = "_raci";
/// The hidden sheet with the roster.
pub(crate) const ROSTER_SHEET: &str = "_raci_roster";
/// Sheet names a team sheet may not take.
pub(crate) const RESERVED_SHEETS: [&str; 5] = [SUMMARY_SHEET, WORKLOAD_SHEET, FINDINGS_SHEET, META_SHEET, ROSTER_SHEET];

/// `_raci`!A1.
pub(crate) const META_MARK: &str = "raci-layout";
/// Version of this layout, in `_raci`!B1. Version 1 (no roster, no templates) cannot be read back.
pub(crate) const LAYOUT_VERSION: u32 = 2;
/// `_raci_roster`!A1.
pub(crate) const ROSTER_MARK: &str = "raci-roster";
/// Version of the roster table, in `_raci_roster`!B1.
pub(crate) const EMBED_VERSION: u32 = 1;
/// The 0-based row of the first membership on `_raci_roster`.
pub(crate) const ROSTER_FIRST_ROW: u32 = 4;
/// Headers of the roster table.
pub(crate) const ROSTER_HEADERS: [&str; 11] = [
    "team",
    "team_line",
    "group",
    "person",
    "name",
    "email",
    "allocation",
    "reports_to",
    "person_line",
    "member_line",
    "roles",
];
/// The 0-based column of the template table on `_raci`.
pub(crate) const TEMPLATE_COL: u16 = 20;
/// The mark above the template table.
pub(crate) const TEMPLATE_MARK: &str = "raci-templates";
/// Headers of the template table.
pub(crate) const TEMPLATE_HEADERS: [&str; 3] = ["name", "version", "text"];
/// Headers of the `_raci` table.
pub(crate) const META_HEADERS: [&str; 17] = [
    "sheet",
    "team",
    "file",
    "template",
    "version",
    "header_row",
    "key_row",
    "first_activity_row",
    "last_activity_row",
    "first_person_col",
    "last_person_col",
    "a_col",
    "r_col",
    "check_col",
    "id_col",
    "people",
    "template_index",
];

/// Team sheet rows (0-based).
pub(crate) const TITLE_ROW: u32 = 0;
pub(crate) const SUBTITLE_ROW: u32 = 1;
pub(crate) const HEADER_ROW: u32 = 2;
pub(crate) const ROLE_ROW: u32 = 3;
pub(crate) const KEY_ROW: u32 = 4;
pub(crate) const FIRST_ACTIVITY_ROW: u32 = 5;

/// Team sheet columns before the people (0-based).
pub(crate) const PHASE_COL: u16 = 0;
pub(crate) const ACTIVITY_COL: u16 = 1;
pub(crate) const FIRST_PERSON_COL: u16 = 2;

/// Columns after the people: `A`, `R`, `Check`, `Description`, `Sources`, `id`.
const COLUMNS_AFTER_PEOPLE: u16 = 6;

/// Where everything sits on one team's sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TeamLayout {
    /// People (columns).
    pub(crate) people: usize,
    /// Activities (rows).
    pub(crate) activities: usize,
}

impl TeamLayout {
    /// Most people a team sheet has columns for.
    pub(crate) const MAX_PEOPLE: usize = (super::limits::COLUMNS - FIRST_PERSON_COL - COLUMNS_AFTER_PEOPLE) as usize;

    /// The column of person `m` (0-based position in the team).
    pub(crate) fn person_col(self, m: usize) -> u16 {
        FIRST_PERSON_COL.saturating_add(col(m))
    }

    /// The last person's column (the activity column when there is nobody).
    pub(crate) fn last_person_col(self) -> u16 {
        FIRST_PERSON_COL.saturating_add(col(self.people)).saturating_sub(1)
    }

    /// The count of A on each row.
    pub(crate) fn a_col(self) -> u16 {
        FIRST_PERSON_COL.saturating_add(col(self.people))
    }

    /// The count of R on each row.
    pub(crate) fn r_col(self) -> u16 {
        self.a_col().saturating_add(1)
    }

    /// The row's status: `ok`, `no A`, `2 A`, `no R`.
    pub(crate) fn check_col(self) -> u16 {
        self.a_col().saturating_add(2)
    }

    pub(crate) fn description_col(self) -> u16 {
        self.a_col().saturating_add(3)
    }

    pub(crate) fn sources_col(self) -> u16 {
        self.a_col().saturating_add(4)
    }

    /// The hidden column of activity ids.
    pub(crate) fn id_col(self) -> u16 {
        self.a_col().saturating_add(5)
    }

    /// The row of activity `a` (0-based position in the template).
    pub(crate) fn activity_row(self, a: usize) -> u32 {
        FIRST_ACTIVITY_ROW.saturating_add(row(a))
    }

    /// The last activity's row (the key row when there are none).
    pub(crate) fn last_activity_row(self) -> u32 {
        FIRST_ACTIVITY_ROW.saturating_add(row(self.activities)) - 1
    }

    /// The first row of the legend, after a blank row.
    pub(crate) fn legend_row(self) -> u32 {
        self.last_activity_row().saturating_add(2)
    }
}

/// A count as a column number; callers check [`TeamLayout::MAX_PEOPLE`] first.
pub(crate) fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A count as a row number; callers check the row limit first.
pub(crate) fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
