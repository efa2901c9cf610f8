//! The findings sheet: a title line with the roster and the counts, then an Excel table (filter,
//! sort, banded rows) with one row per finding in the order of `raci check`, severity coloured,
//! each row linked to the team sheet row it concerns.

use rust_xlsxwriter::{Table, TableColumn, TableStyle, XlsxError};

use super::book::Plan;
use super::layout::FINDINGS_SHEET;
use super::limits::{self, join_fitting, thousands};
use super::print;
use super::sheet::{Sheet, lines};
use super::styles::Style;

const HEADERS: [(&str, f64); 8] = [
    ("Severity", 10.0),
    ("Code", 22.0),
    ("Team", 16.0),
    ("Activities", 24.0),
    ("People", 20.0),
    ("Message", 60.0),
    ("Hint", 45.0),
    ("Go to", 16.0),
];
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;

/// The most findings a sheet has rows for.
pub(super) const MAX_FINDINGS: usize = (limits::ROWS - HEADER_ROW - 2) as usize;

pub(super) fn write_findings(sheet: &mut Sheet<'_>, plan: &Plan<'_>) -> Result<(), XlsxError> {
    let findings = &plan.findings;
    for (c, (_, width)) in HEADERS.iter().enumerate() {
        sheet.width(c as u16, *width)?;
    }
    // Activities, people, message and hint wrap, the rows as tall as their text. The index keeps
    // one line per finding: tens of thousands of them are read by filtering, and their rows'
    // heights would cost rust_xlsxwriter about 450 bytes each until the index is saved.
    let wrap = plan.has_team_sheets;
    if wrap {
        for c in 3..=6 {
            sheet.column_style(c, Style::Text)?;
        }
    }
    let roster = &plan.view.roster.source;
    let title = format!("Findings in {roster}: {}", plan.counts());
    sheet.text(TITLE_ROW, 0, &title, Some(Style::Title))?;
    sheet.ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    print::table(sheet.ws, plan.options.paper, (HEADER_ROW, HEADER_ROW))?;
    sheet.header_footer([FINDINGS_SHEET, roster], ["", ""]);

    // Only the index can hold more findings than a sheet has rows (each team workbook holds its
    // own); the plan refuses that for any other workbook before a sheet is written.
    let shown = if findings.len() <= MAX_FINDINGS { findings.len() } else { MAX_FINDINGS - 1 };
    let rows = shown.max(1) + usize::from(shown < findings.len());
    let last = HEADER_ROW + rows as u32;
    let header = sheet.formats.get(Style::Header).clone();
    let columns: Vec<TableColumn> =
        HEADERS.iter().map(|(h, _)| TableColumn::new().set_header(*h).set_header_format(header.clone())).collect();
    let table = Table::new().set_name("Findings").set_style(TableStyle::Medium2).set_columns(&columns);
    sheet.ws.add_table(HEADER_ROW, 0, last, (HEADERS.len() - 1) as u16, &table)?;
    for rule in &sheet.formats.severity_rules {
        sheet.ws.add_conditional_format(HEADER_ROW + 1, 0, last, 0, rule)?;
    }

    for (i, f) in findings.iter().take(shown).enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let activities = join_fitting(&f.activities);
        let people = join_fitting(&f.people);
        let height = if !wrap {
            1.0
        } else {
            [
                lines(&f.message, HEADERS[5].1),
                lines(&f.hint, HEADERS[6].1),
                lines(&activities, HEADERS[3].1),
                lines(&people, HEADERS[4].1),
            ]
            .into_iter()
            .fold(1.0, f64::max)
        };
        sheet.height_for_lines(r, height)?;
        sheet.text(r, 0, f.severity.as_str(), None)?;
        sheet.text(r, 1, f.code.as_str(), None)?;
        sheet.text(r, 2, f.team.as_deref().unwrap_or(""), None)?;
        sheet.text(r, 3, &activities, None)?;
        sheet.text(r, 4, &people, None)?;
        sheet.text(r, 5, &f.message, None)?;
        sheet.text(r, 6, &f.hint, None)?;
        if let Some((target, text)) = plan.finding_link(f) {
            sheet.link(r, 7, &target, &text)?;
        }
    }
    if findings.is_empty() {
        sheet.text(HEADER_ROW + 1, 5, "no findings", None)?;
    }
    if shown < findings.len() {
        let more = thousands(findings.len() - shown);
        sheet.text(last, 5, &format!("... and {more} more findings: see each team's workbook"), None)?;
    }
    Ok(())
}
