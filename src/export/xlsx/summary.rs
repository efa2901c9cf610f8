//! The summary sheet, first in every workbook: roster, templates, date, a table of the teams (each
//! linked to its sheet or file) with their PO and PM, people, findings and rows to check, the legend,
//! and how to read, edit and re-check the workbook.

use rust_xlsxwriter::XlsxError;

use super::book::Plan;
use super::layout::{FIRST_ACTIVITY_ROW, TeamLayout};
use super::limits::{self, join_fitting, thousands};
use super::print;
use super::sheet::Sheet;
use super::styles::Style;
use super::team::{LEGEND, rows_to_check};
use crate::check::count;
use crate::role::Role;

const HEADERS: [(&str, f64); 9] = [
    ("Team", 30.0),
    ("Template", 22.0),
    ("Product Owner", 24.0),
    ("Product Manager", 24.0),
    ("People", 8.0),
    ("Errors", 8.0),
    ("Warnings", 9.0),
    ("Info", 7.0),
    ("Rows to check", 12.0),
];

/// Rows above the teams table, and rows the legend and help take below it.
pub(super) const ROWS_ABOVE: u32 = 11;
pub(super) const ROWS_BELOW: u32 = 20;

pub(super) fn write_summary(sheet: &mut Sheet<'_>, plan: &Plan<'_>) -> Result<(), XlsxError> {
    let view = &plan.view;
    let roster = &view.roster.source;
    for (c, (_, width)) in HEADERS.iter().enumerate() {
        sheet.width(c as u16, *width)?;
    }
    let counts = plan.counts();
    let templates: Vec<String> = plan
        .templates()
        .map(|t| format!("{} {} ({})", t.name, t.version, count(t.activities.len(), "activity", "activities")))
        .collect();
    let people = plan.people_count();
    let date = match plan.options.date {
        Some(date) => date.to_string(),
        None => "not recorded (raci generate --date YYYY-MM-DD, or SOURCE_DATE_EPOCH, records one)".to_string(),
    };
    let what = if plan.has_team_sheets {
        "one sheet per team follows this one; click a team to open its sheet"
    } else {
        "one workbook per team or group sits beside this index; click a team to open its file"
    };
    sheet.text(0, 0, &format!("RACI workbook: {roster}"), Some(Style::Title))?;
    let subtitle = format!("Written by raci {} from the roster below: {what}.", env!("CARGO_PKG_VERSION"));
    sheet.text(1, 0, &subtitle, Some(Style::Subtitle))?;
    let facts = [
        ("Roster", roster.clone()),
        ("Templates", join_fitting(&templates)),
        ("Date", date),
        ("Teams", thousands(plan.teams.len())),
        ("People", thousands(people)),
        ("Findings", counts.to_string()),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.text(r, 0, label, Some(Style::Label))?;
        sheet.text(r, 1, value, None)?;
    }

    let header = ROWS_ABOVE - 1;
    sheet.text(header - 1, 0, "Teams", Some(Style::Label))?;
    // Headers wrap in their narrow columns ("Rows to check"): two lines tall.
    sheet.height_for_lines(header, 2.0)?;
    for (c, (title, _)) in HEADERS.iter().enumerate() {
        sheet.text(header, c as u16, title, Some(Style::Header))?;
    }
    sheet.ws.set_freeze_panes(header + 1, 1)?;
    print::table(sheet.ws, plan.options.paper, (header, header))?;
    sheet.header_footer(["Summary", roster], ["", ""]);

    let per_team = plan.findings_per_team();
    let shown = plan.teams.len().min((limits::ROWS - ROWS_ABOVE - ROWS_BELOW) as usize);
    let mut r = header;
    for (i, &t) in plan.teams.iter().take(shown).enumerate() {
        r += 1;
        let (team, tm, template) = plan.team(t);
        let place = &plan.places[i];
        sheet.link(r, 0, &plan.link(place, 0, 0), &team.name)?;
        sheet.text(r, 1, &format!("{} {}", template.name, template.version), None)?;
        for (c, role) in [(2, Role::product_owner()), (3, Role::product_manager())] {
            let holders: Vec<&str> = team.members.iter().filter(|m| m.holds(&role)).map(|m| view.name(m)).collect();
            let text = if holders.is_empty() { "(nobody)".to_string() } else { join_fitting(&holders) };
            sheet.text(r, c, &text, None)?;
        }
        sheet.number(r, 4, team.members.len() as f64, None)?;
        let found = per_team[i];
        for (c, n) in [(5, found.errors), (6, found.warnings), (7, found.info)] {
            sheet.number(r, c, n as f64, None)?;
        }
        let layout = TeamLayout { people: team.members.len(), activities: template.activities.len() };
        let to_check = rows_to_check(tm, template);
        if plan.has_team_sheets && layout.activities > 0 && layout.people > 0 {
            let sheet_ref = rust_xlsxwriter::quote_sheet_name(&place.sheet);
            let range = rust_xlsxwriter::cell_range_absolute(
                FIRST_ACTIVITY_ROW,
                layout.check_col(),
                layout.last_activity_row(),
                layout.check_col(),
            );
            let range = format!("{sheet_ref}!{range}");
            sheet.formula(r, 8, &format!("=COUNTIF({range},\"<>ok\")"), &to_check.to_string(), None)?;
        } else {
            sheet.number(r, 8, to_check as f64, None)?;
        }
    }
    if shown < plan.teams.len() {
        r += 1;
        let more = thousands(plan.teams.len() - shown);
        sheet.text(r, 0, &format!("... and {more} more teams: see their own workbooks"), None)?;
    }

    r += 2;
    sheet.text(r, 0, "Legend", Some(Style::Label))?;
    for (i, (letters, meaning)) in LEGEND.iter().enumerate() {
        r += 1;
        sheet.text(r, 0, letters, Some(Style::Letter(i)))?;
        sheet.text(r, 1, meaning, None)?;
    }
    let help: [(&str, &[&str]); 3] = [
        (
            "How to read",
            &[
                "Each team sheet lists its template's activities down the side and the team's people across the top.",
                "A cell holds the person's letters; exactly one person is accountable (A) for each activity, except where a group holds the A together (the developers of a Scrum team): then each member carries it.",
                "The A and R columns count the letters on each row; Check says ok, no A, 2 A or no R, and a row that is not ok turns red.",
            ],
        ),
        (
            "How to edit",
            &[
                "Pick a letter from a cell's dropdown (A, A/R, R, C or I) or clear the cell: the counts and the colours follow at once.",
                "People, roles and teams come from the roster: change them there and write the workbook again.",
            ],
        ),
        (
            "How to re-check",
            &[
                "raci check ROSTER lists the gaps and overlaps with their codes; raci explain CODE says why each matters.",
                "The Findings sheet lists them as they were when this workbook was written; raci generate ROSTER writes it again.",
            ],
        ),
    ];
    for (title, lines) in help {
        r += 2;
        sheet.text(r, 0, title, Some(Style::Label))?;
        for line in lines {
            r += 1;
            sheet.text(r, 0, line, None)?;
        }
    }
    Ok(())
}
