//! What a raci workbook carries besides its team sheets: the team table and the template texts on
//! `_raci`, and the roster on `_raci_roster` (layout in `export::xlsx::layout`).

use std::sync::Arc;

use super::grid::Grid;
use crate::error::{Error, Location, Result};
use crate::export::xlsx::layout::{
    EMBED_VERSION, LAYOUT_VERSION, META_HEADERS, META_MARK, META_SHEET, ROSTER_FIRST_ROW, ROSTER_MARK, ROSTER_SHEET,
    TEMPLATE_COL, TEMPLATE_MARK,
};
use crate::role::{ParsedRole, Role};
use crate::roster::{Member, Person, Roster, Team};
use crate::template::{self, Template};

/// One row of the `_raci` team table.
#[derive(Debug, Clone)]
pub(super) struct TeamEntry {
    /// The sheet the team was written to.
    pub(super) sheet: String,
    /// The team's name.
    pub(super) team: String,
    /// The workbook holding the sheet, when it is another one (`index.xlsx`).
    pub(super) file: String,
    /// 1-based rows and columns as written.
    pub(super) header_row: u32,
    pub(super) key_row: u32,
    pub(super) id_col: u32,
    /// Position in the template table.
    pub(super) template: usize,
}

/// Whether a workbook's sheet names include `_raci` (raci wrote it).
pub(super) fn is_raci(sheets: &[String]) -> bool {
    sheets.iter().any(|s| s == META_SHEET)
}

fn bad(file: &str, sheet: &str, cell: &str, what: String) -> Error {
    Error::roster(
        Location::file(format!("{file}:{sheet}!{cell}")),
        what,
        "the hidden sheets _raci and _raci_roster are raci's record of the workbook: regenerate it with `raci \
         generate ROSTER`, then make the edits again, or pass the roster instead",
    )
}

/// The team table and the templates of `_raci`.
pub(super) fn read_meta(grid: &Grid, file: &str) -> Result<(Vec<TeamEntry>, Vec<Template>)> {
    if grid.text(0, 0) != META_MARK {
        return Err(bad(file, META_SHEET, "A1", format!("cell A1 should say '{META_MARK}'")));
    }
    let version = grid.number(0, 1).unwrap_or(0);
    if version != u64::from(LAYOUT_VERSION) {
        return Err(Error::roster(
            Location::file(format!("{file}:{META_SHEET}!B1")),
            format!(
                "this workbook has layout version {version}; this raci reads version {LAYOUT_VERSION} (version 1 \
                 workbooks do not carry their roster)"
            ),
            "regenerate the workbook from its roster with this raci (`raci generate ROSTER --keep OLD.xlsx` \
             carries the edits over when the old workbook can be read), or check the roster",
        ));
    }
    let col = |name: &str| META_HEADERS.iter().position(|h| *h == name).map_or(0, |c| c as u32);
    let mut teams = Vec::new();
    let mut r = 3;
    while r < grid.rows() && !grid.text(r, 0).is_empty() {
        let number = |name: &str| {
            grid.number(r, col(name)).ok_or_else(|| {
                let cell = super::grid::cell_name(r, col(name));
                bad(file, META_SHEET, &cell, format!("'{name}' should be a number"))
            })
        };
        teams.push(TeamEntry {
            sheet: grid.text(r, col("sheet")),
            team: grid.raw(r, col("team")),
            file: grid.text(r, col("file")),
            header_row: number("header_row")? as u32,
            key_row: number("key_row")? as u32,
            id_col: number("id_col")? as u32,
            template: number("template_index")? as usize,
        });
        r += 1;
    }
    let tc = u32::from(TEMPLATE_COL);
    if grid.text(0, tc) != TEMPLATE_MARK {
        let cell = super::grid::cell_name(0, tc);
        return Err(bad(file, META_SHEET, &cell, format!("cell {cell} should say '{TEMPLATE_MARK}'")));
    }
    let mut templates = Vec::new();
    let mut r = 3;
    while r < grid.rows() && !grid.text(r, tc).is_empty() {
        let name = grid.raw(r, tc);
        let origin = format!("{}{file}", template::EMBEDDED);
        let text = grid.chunks(r, tc + 2);
        let parsed = template::parse(&text, &origin).map_err(|e| {
            let cell = super::grid::cell_name(r, tc + 2);
            bad(file, META_SHEET, &cell, format!("template '{name}' cannot be read: {e}"))
        })?;
        templates.push(parsed);
        r += 1;
    }
    if templates.is_empty() {
        let cell = super::grid::cell_name(3, tc);
        return Err(bad(file, META_SHEET, &cell, "the workbook lists no template".to_string()));
    }
    if let Some(t) = teams.iter().find(|t| t.template >= templates.len()) {
        return Err(bad(
            file,
            META_SHEET,
            "A3",
            format!("team '{}' names template {} of {}", t.team, t.template, templates.len()),
        ));
    }
    Ok((teams, templates))
}

/// The roster of `_raci_roster`; `file` is the workbook as the user named it.
pub(super) fn read_roster(grid: &Grid, file: &str) -> Result<Roster> {
    if grid.text(0, 0) != ROSTER_MARK || grid.number(0, 1) != Some(u64::from(EMBED_VERSION)) {
        return Err(bad(file, ROSTER_SHEET, "A1", format!("cell A1 should say '{ROSTER_MARK}', B1 {EMBED_VERSION}")));
    }
    let mut people: Vec<Option<Person>> = Vec::new();
    let mut teams: Vec<Team> = Vec::new();
    for r in ROSTER_FIRST_ROW..grid.rows() {
        let name = grid.raw(r, 4);
        if name.is_empty() {
            continue;
        }
        let at = |c: u32| super::grid::cell_name(r, c);
        let p =
            grid.number(r, 3).ok_or_else(|| bad(file, ROSTER_SHEET, &at(3), "the person index is missing".into()))?
                as usize;
        if p > 10 * (grid.rows() as usize) {
            return Err(bad(file, ROSTER_SHEET, &at(3), format!("person index {p} is out of range")));
        }
        if people.len() <= p {
            people.resize(p + 1, None);
        }
        if people[p].is_none() {
            let text = |c: u32| Some(grid.raw(r, c)).filter(|t| !t.is_empty());
            people[p] = Some(Person {
                name,
                email: text(5),
                allocation: grid.float(r, 6),
                reports_to: text(7),
                line: grid.number(r, 8).unwrap_or(1),
            });
        }
        let team_name = grid.raw(r, 0);
        if team_name.is_empty() {
            continue;
        }
        let roles_json = grid.chunks(r, 10);
        let pairs: Vec<(String, String)> = serde_json::from_str(&roles_json)
            .map_err(|e| bad(file, ROSTER_SHEET, &at(10), format!("the roles cannot be read: {e}")))?;
        let roles: Arc<[ParsedRole]> =
            pairs.into_iter().map(|(id, raw)| ParsedRole { role: Role::new(&id), raw: raw.into() }).collect();
        let team_line = grid.number(r, 1).unwrap_or(1);
        let member = Member { person: p, roles, line: grid.number(r, 9).unwrap_or(1) };
        match teams.last_mut() {
            Some(team) if team.name == team_name && team.line == team_line => team.members.push(member),
            _ => teams.push(Team {
                name: team_name,
                members: vec![member],
                line: team_line,
                template: None,
                group: Some(grid.raw(r, 2)).filter(|g| !g.is_empty()),
            }),
        }
    }
    let people: Vec<Person> = match people.iter().position(Option::is_none) {
        Some(p) => return Err(bad(file, ROSTER_SHEET, "D5", format!("person {p} has no row"))),
        None => people.into_iter().flatten().collect(),
    };
    // Messages name roster lines as the roster the workbook was made from; positions name cells of
    // the workbook.
    let source = Some(grid.raw(1, 1)).filter(|s| !s.is_empty()).unwrap_or_else(|| file.to_string());
    Ok(Roster {
        source,
        file: file.to_string(),
        sheet: None,
        people,
        teams,
        notes: Vec::new(),
        has_reports_to: grid.boolean(1, 3),
    })
}
