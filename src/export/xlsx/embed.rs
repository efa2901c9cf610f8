//! What a workbook carries so that `raci check`, `raci diff` and `generate --keep` can read it back
//! without the roster it was made from: the roster as raci read it (hidden sheet `_raci_roster`)
//! and the text of every template the team sheets use (on `_raci`, right of the team table). The
//! layout of both is in [`super::layout`]; `crate::import` reads them.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::book::Plan;
use super::layout::{
    EMBED_VERSION, ROSTER_FIRST_ROW, ROSTER_HEADERS, ROSTER_MARK, TEMPLATE_COL, TEMPLATE_HEADERS, TEMPLATE_MARK,
};
use super::limits;

/// The template table on `_raci`: a mark, headers, then one row per template: name, version, and
/// its text cut into cells from the third column on.
pub(super) fn write_templates(ws: &mut Worksheet, plan: &Plan<'_>) -> Result<(), XlsxError> {
    ws.write_string(0, TEMPLATE_COL, TEMPLATE_MARK)?;
    for (c, header) in TEMPLATE_HEADERS.iter().enumerate() {
        ws.write_string(2, TEMPLATE_COL + c as u16, *header)?;
    }
    for (i, idx) in plan.template_positions().into_iter().enumerate() {
        let template = &plan.view.templates[idx];
        let r = 3 + i as u32;
        ws.write_string(r, TEMPLATE_COL, limits::fit_cell(&template.name))?;
        ws.write_string(r, TEMPLATE_COL + 1, limits::fit_cell(&template.version))?;
        write_chunks(ws, r, TEMPLATE_COL + 2, &template.text)?;
    }
    Ok(())
}

/// The roster as raci read it, one row per membership (team order, then member order); people on no
/// team get a row with no team. Roles are a JSON list of `[id, text as written]`.
pub(super) fn write_roster(ws: &mut Worksheet, plan: &Plan<'_>) -> Result<(), XlsxError> {
    let roster = plan.view.roster;
    ws.set_hidden(true);
    ws.write_string(0, 0, ROSTER_MARK)?;
    ws.write_number(0, 1, EMBED_VERSION)?;
    ws.write_string(1, 0, "source")?;
    ws.write_string(1, 1, limits::fit_cell(&roster.source))?;
    ws.write_string(1, 2, "reports_to")?;
    ws.write_boolean(1, 3, roster.has_reports_to)?;
    for (c, header) in ROSTER_HEADERS.iter().enumerate() {
        ws.write_string(ROSTER_FIRST_ROW - 1, c as u16, *header)?;
    }
    let mut r = ROSTER_FIRST_ROW;
    let mut on_a_team = vec![false; roster.people.len()];
    for &t in &plan.teams {
        let team = &roster.teams[plan.view.matrix.teams[t].team];
        for member in &team.members {
            on_a_team[member.person] = true;
            let roles: Vec<[&str; 2]> = member.roles.iter().map(|p| [p.role.id(), &*p.raw]).collect();
            let roles = serde_json::to_string(&roles).unwrap_or_default();
            write_row(ws, r, plan, Some((team, member.line)), member.person, &roles)?;
            r += 1;
        }
    }
    // In a workbook of some teams (-o DIR/), only their people.
    if plan.teams.len() == roster.teams.len() {
        for (p, _) in on_a_team.iter().enumerate().filter(|(_, on)| !**on) {
            write_row(ws, r, plan, None, p, "[]")?;
            r += 1;
        }
    }
    Ok(())
}

fn write_row(
    ws: &mut Worksheet,
    r: u32,
    plan: &Plan<'_>,
    team: Option<(&crate::roster::Team, u64)>,
    p: usize,
    roles: &str,
) -> Result<(), XlsxError> {
    let person = &plan.view.roster.people[p];
    if let Some((team, line)) = team {
        ws.write_string(r, 0, limits::fit_cell(&team.name))?;
        ws.write_number(r, 1, team.line as f64)?;
        if let Some(group) = &team.group {
            ws.write_string(r, 2, limits::fit_cell(group))?;
        }
        ws.write_number(r, 9, line as f64)?;
    }
    ws.write_number(r, 3, p as f64)?;
    ws.write_string(r, 4, limits::fit_cell(&person.name))?;
    if let Some(email) = &person.email {
        ws.write_string(r, 5, limits::fit_cell(email))?;
    }
    if let Some(allocation) = person.allocation {
        ws.write_number(r, 6, allocation)?;
    }
    if let Some(manager) = &person.reports_to {
        ws.write_string(r, 7, limits::fit_cell(manager))?;
    }
    ws.write_number(r, 8, person.line as f64)?;
    write_chunks(ws, r, 10, roles)
}

/// Text longer than a cell holds, cut at character boundaries into cells left to right.
fn write_chunks(ws: &mut Worksheet, r: u32, first: u16, text: &str) -> Result<(), XlsxError> {
    let mut rest = text;
    let mut c = first;
    while !rest.is_empty() && c < limits::COLUMNS {
        let part = limits::truncate_utf16(rest, limits::CELL_TEXT);
        ws.write_string(r, c, part)?;
        rest = &rest[part.len()..];
        c += 1;
    }
    Ok(())
}
