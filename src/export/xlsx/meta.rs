//! The hidden sheet `_raci`: where each team sheet's parts are, so that an edited workbook can be read
//! back by position and id rather than by label (the contract is in [`super::layout`]).

use rust_xlsxwriter::XlsxError;

use super::book::Plan;
use super::embed::write_templates;
use super::layout::{
    FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, HEADER_ROW, KEY_ROW, LAYOUT_VERSION, META_HEADERS, META_MARK, TeamLayout,
};
use super::limits;
use super::sheet::Sheet;

pub(super) fn write_meta(sheet: &mut Sheet<'_>, plan: &Plan<'_>) -> Result<(), XlsxError> {
    sheet.ws.set_hidden(true);
    sheet.text(0, 0, META_MARK, None)?;
    sheet.ws.write_number(0, 1, LAYOUT_VERSION)?;
    for (c, header) in META_HEADERS.iter().enumerate() {
        sheet.text(2, c as u16, header, None)?;
    }
    let templates = plan.template_positions();
    let shown = plan.teams.len().min((limits::ROWS - 4) as usize);
    for (i, &t) in plan.teams.iter().take(shown).enumerate() {
        let r = 3 + i as u32;
        let (team, _, template) = plan.team(t);
        let place = &plan.places[i];
        let layout = TeamLayout { people: team.members.len(), activities: template.activities.len() };
        let texts = [
            place.sheet.as_str(),
            team.name.as_str(),
            place.file.as_deref().unwrap_or(""),
            &template.name,
            &template.version,
        ];
        for (c, text) in texts.iter().enumerate() {
            sheet.text(r, c as u16, text, None)?;
        }
        let rows = [HEADER_ROW, KEY_ROW, FIRST_ACTIVITY_ROW, layout.last_activity_row()].map(|r| f64::from(r + 1));
        let cols = [
            FIRST_PERSON_COL,
            layout.last_person_col(),
            layout.a_col(),
            layout.r_col(),
            layout.check_col(),
            layout.id_col(),
        ]
        .map(|c| f64::from(c) + 1.0);
        let template_index = templates.iter().position(|&idx| idx == plan.team(t).1.template).unwrap_or(0);
        let numbers = rows.into_iter().chain(cols).chain([layout.people as f64, template_index as f64]);
        for (c, value) in numbers.enumerate() {
            sheet.ws.write_number(r, (texts.len() + c) as u16, value)?;
        }
    }
    write_templates(sheet.ws, plan)
}
