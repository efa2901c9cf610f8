//! The workload sheet: per person across the teams of the workbook, their teams, allocation, the
//! letters they hold, their share of the A's and a load score, with data bars and a chart of the
//! people carrying the most A and R. Counts are live formulas over the team sheets where they stay
//! short; every formula carries its cached result.

use rust_xlsxwriter::{Chart, ChartType, XlsxError, quote_sheet_name};

use super::book::Plan;
use super::layout::{FIRST_ACTIVITY_ROW, TeamLayout, WORKLOAD_SHEET};
use super::limits::{self, join_fitting, thousands};
use super::print;
use super::sheet::Sheet;
use super::styles::Style;
use super::team::cell;
use crate::matrix::Letter;

const HEADERS: [(&str, f64); 12] = [
    ("Person", 26.0),
    ("Key", 26.0),
    ("Teams", 7.0),
    ("Team names", 30.0),
    ("Allocation", 10.0),
    ("A", 6.0),
    ("R", 6.0),
    ("C", 6.0),
    ("I", 6.0),
    ("Activities", 10.0),
    ("Share of A", 10.0),
    ("Load", 8.0),
];
const HEADER_ROW: u32 = 3;
/// Columns of the letter counts, in [`Letter::ALL`] order, and of the derived figures.
const LETTER_COLS: [u16; 4] = [5, 6, 7, 8];
const ACTIVITIES_COL: u16 = 9;
const SHARE_COL: u16 = 10;
const LOAD_COL: u16 = 11;
/// The criteria that count each letter in [`Letter::ALL`] order (`A/R` counts as A and as R).
const CRITERIA: [&str; 4] = ["A*", "*R", "C", "I"];
/// Teams a person may be on for their counts to be live formulas (longer ones would not be read).
const LIVE_TEAMS: usize = 3;
/// People in the chart.
const CHARTED: usize = 15;

/// One person's figures across the workbook's teams.
struct Load {
    person: usize,
    /// Positions in the plan's teams, and the member's position in each.
    teams: Vec<(usize, usize)>,
    letters: [usize; 4],
    activities: usize,
}

impl Load {
    fn share(&self) -> f64 {
        if self.activities == 0 { 0.0 } else { self.letters[0] as f64 / self.activities as f64 }
    }

    fn score(&self, allocation: Option<f64>) -> f64 {
        let [a, r, c, i] = self.letters.map(|n| n as f64);
        (3.0 * a + 2.0 * r + c + 0.5 * i) / allocation.filter(|x| *x > 0.0).unwrap_or(1.0)
    }
}

/// Everybody on the plan's teams, most A and R first (then load, then roster order).
fn loads(plan: &Plan<'_>) -> Vec<Load> {
    let mut slot: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
    let mut loads: Vec<Load> = Vec::new();
    for (i, &t) in plan.teams.iter().enumerate() {
        let (team, tm, template) = plan.team(t);
        for (m, member) in team.members.iter().enumerate() {
            let at = *slot.entry(member.person).or_insert_with(|| {
                loads.push(Load { person: member.person, teams: Vec::new(), letters: [0; 4], activities: 0 });
                loads.len() - 1
            });
            let load = &mut loads[at];
            load.teams.push((i, m));
            load.activities += template.activities.len();
            for a in 0..template.activities.len() {
                let letters = tm.cell(a, m).letters;
                for (n, letter) in load.letters.iter_mut().zip(Letter::ALL) {
                    *n += usize::from(letters.has(letter));
                }
            }
        }
    }
    let people = &plan.view.roster.people;
    let mut keyed: Vec<(usize, f64, Load)> =
        loads.into_iter().map(|l| (l.letters[0] + l.letters[1], l.score(people[l.person].allocation), l)).collect();
    keyed.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.total_cmp(&x.1)).then(x.2.person.cmp(&y.2.person)));
    keyed.into_iter().map(|(.., l)| l).collect()
}

pub(super) fn write_workload(sheet: &mut Sheet<'_>, plan: &Plan<'_>) -> Result<(), XlsxError> {
    let roster = &plan.view.roster;
    for (c, (_, width)) in HEADERS.iter().enumerate() {
        sheet.width(c as u16, *width)?;
    }
    for (col, style) in [(4, Style::Decimal), (SHARE_COL, Style::Percent), (LOAD_COL, Style::Decimal)] {
        sheet.column_style(col, style)?;
    }
    let loads = loads(plan);
    let scope = if plan.has_team_sheets { "the teams in this workbook" } else { "all teams" };
    sheet.text(0, 0, &format!("Workload: {}", roster.source), Some(Style::Title))?;
    sheet.text(
        1,
        0,
        &format!(
            "Per person across {scope}: the letters they hold, their share of the A's among their teams' activities, \
             and a load score (3 per A, 2 per R, 1 per C, 0.5 per I, divided by the allocation). Most A and R first."
        ),
        Some(Style::Subtitle),
    )?;
    for (c, (title, _)) in HEADERS.iter().enumerate() {
        sheet.text(HEADER_ROW, c as u16, title, Some(Style::Header))?;
    }
    sheet.ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    print::table(sheet.ws, plan.options.paper, (HEADER_ROW, HEADER_ROW))?;
    sheet.header_footer(["Workload", &roster.source], ["", ""]);

    let shown = loads.len().min((limits::ROWS - HEADER_ROW - 3) as usize);
    // Counts follow edits on the team sheets in a workbook people can open; one past MANY_TEAMS
    // sheets gets the counts as numbers (tens of thousands of formulas over thousands of sheets).
    let live_counts = plan.has_team_sheets && plan.teams.len() <= super::MANY_TEAMS;
    let mut key = String::new();
    for (i, load) in loads.iter().take(shown).enumerate() {
        let r = HEADER_ROW + 1 + i as u32;
        let person = &roster.people[load.person];
        sheet.text(r, 0, &person.name, None)?;
        key.clear();
        person.push_key(&mut key);
        sheet.text(r, 1, &key, None)?;
        sheet.number(r, 2, load.teams.len() as f64, None)?;
        let names: Vec<&str> = load.teams.iter().map(|&(t, _)| plan.team(plan.teams[t]).0.name.as_str()).collect();
        sheet.text(r, 3, &join_fitting(&names), None)?;
        if let Some(allocation) = person.allocation {
            sheet.number(r, 4, allocation, None)?;
        }
        let live = live_counts && load.teams.len() <= LIVE_TEAMS;
        for ((&col, n), criteria) in LETTER_COLS.iter().zip(load.letters).zip(CRITERIA) {
            if live {
                let parts: Vec<String> = load
                    .teams
                    .iter()
                    .map(|&(t, m)| {
                        let (team, _, template) = plan.team(plan.teams[t]);
                        let layout = TeamLayout { people: team.members.len(), activities: template.activities.len() };
                        let column = format!(
                            "{}!{}:{}",
                            quote_sheet_name(&plan.places[t].sheet),
                            cell(FIRST_ACTIVITY_ROW, layout.person_col(m)),
                            cell(layout.last_activity_row(), layout.person_col(m))
                        );
                        format!("COUNTIF({column},\"{criteria}\")")
                    })
                    .collect();
                sheet.formula(r, col, &format!("={}", parts.join("+")), &n.to_string(), None)?;
            } else {
                sheet.number(r, col, n as f64, None)?;
            }
        }
        sheet.number(r, ACTIVITIES_COL, load.activities as f64, None)?;
        let [a, rr, c, ii, acts, alloc] =
            [LETTER_COLS[0], LETTER_COLS[1], LETTER_COLS[2], LETTER_COLS[3], ACTIVITIES_COL, 4].map(|col| cell(r, col));
        let share = format!("=IF({acts}>0,{a}/{acts},0)");
        sheet.formula(r, SHARE_COL, &share, &format_number(load.share()), None)?;
        let score = format!("=(3*{a}+2*{rr}+{c}+0.5*{ii})/IF({alloc}>0,{alloc},1)");
        sheet.formula(r, LOAD_COL, &score, &format_number(load.score(person.allocation)), None)?;
    }
    if shown < loads.len() {
        let r = HEADER_ROW + 1 + shown as u32;
        sheet.text(
            r,
            0,
            &format!("... and {} more people: see their teams' workbooks", thousands(loads.len() - shown)),
            None,
        )?;
    }
    if shown > 0 {
        let last = HEADER_ROW + shown as u32;
        for col in [SHARE_COL, LOAD_COL] {
            sheet.ws.add_conditional_format(HEADER_ROW + 1, col, last, col, &sheet.formats.data_bar)?;
        }
        chart(sheet, shown.min(CHARTED) as u32)?;
    }
    Ok(())
}

/// A number as a cached formula result: up to four decimals, no trailing zeros.
fn format_number(value: f64) -> String {
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" { "0".to_string() } else { text.to_string() }
}

/// Stacked bars of A and R for the first `people` rows (the most loaded), right of the table.
fn chart(sheet: &mut Sheet<'_>, people: u32) -> Result<(), XlsxError> {
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + people);
    let mut chart = Chart::new(ChartType::BarStacked);
    for (name, col) in [("A", LETTER_COLS[0]), ("R", LETTER_COLS[1])] {
        chart.add_series().set_name(name).set_categories((WORKLOAD_SHEET, first, 0, last, 0)).set_values((
            WORKLOAD_SHEET,
            first,
            col,
            last,
            col,
        ));
    }
    chart.title().set_name("Who carries the most A and R");
    chart.y_axis().set_reverse();
    chart.set_width(560).set_height(120 + 22 * people);
    sheet.ws.insert_chart(HEADER_ROW, LOAD_COL + 2, &chart)?;
    Ok(())
}
