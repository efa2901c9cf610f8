//! A team's sheet: activities down, people across, letters in the cells, and per row live formulas
//! counting A and R with a status that flags the row as soon as someone edits a letter. Below: the
//! legend and the sources. Rows and columns are those of [`TeamLayout`].

use std::borrow::Cow;

use rust_xlsxwriter::{Note, XlsxError, column_number_to_name};

use super::Options;
use super::layout::{
    ACTIVITY_COL, FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, HEADER_ROW, KEY_ROW, PHASE_COL, ROLE_ROW, SUBTITLE_ROW,
    TITLE_ROW, TeamLayout, row,
};
use super::limits;
use super::print;
use super::sheet::{LINE_HEIGHT, Sheet, lines};
use super::styles::{LETTER_COLOURS, Style};
use crate::matrix::{Letter, Letters, Rule, TeamMatrix, View};
use crate::roster::Team;
use crate::template::{Activity, Template};

/// What each letter means, for the legends (in [`LETTER_COLOURS`] order).
pub(super) const LEGEND: [(&str, &str); 5] = [
    ("A/R", "Accountable and does the work"),
    ("A", "Accountable: answers for the outcome; exactly one per activity"),
    ("R", "Responsible: does the work"),
    ("C", "Consulted: asked before (two-way)"),
    ("I", "Informed: told after (one-way)"),
];

/// Column widths, in Excel's units.
const PHASE_WIDTH: f64 = 13.0;
const ACTIVITY_WIDTH: f64 = 30.0;
const PERSON_WIDTH: f64 = 5.5;
const COUNT_WIDTH: f64 = 4.5;
const CHECK_WIDTH: f64 = 8.0;
const DESCRIPTION_WIDTH: f64 = 75.0;
const SOURCES_WIDTH: f64 = 16.0;
const ID_WIDTH: f64 = 24.0;

/// Points per character of upright text, and the tallest header rows.
const UPRIGHT_POINTS_PER_CHAR: f64 = 6.2;
const NAME_ROW_MAX: f64 = 160.0;
const ROLE_ROW_MAX: f64 = 100.0;

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

/// How many people hold A and R on an activity, as the sheet's formulas count them.
pub(super) fn counts(tm: &TeamMatrix, activity: usize) -> (usize, usize) {
    let row = tm.row(activity);
    let with = |letter| row.iter().filter(|c| c.letters.has(letter)).count();
    (with(Letter::A), with(Letter::R))
}

/// A row's status from its counts: `ok`, `no A`, `2 A`, `no R`. On a row whose A a group holds
/// together (`accountable_together`: the developers of a Scrum team), every member of the group
/// carries the A, so several A's are `ok` there.
pub(super) fn status(a: usize, r: usize, together: bool) -> Cow<'static, str> {
    match (a, r) {
        (0, _) => Cow::Borrowed("no A"),
        (n, _) if n > 1 && !together => Cow::Owned(format!("{n} A")),
        (_, 0) => Cow::Borrowed("no R"),
        _ => Cow::Borrowed("ok"),
    }
}

/// The rows of a team whose status is not `ok`.
pub(super) fn rows_to_check(tm: &TeamMatrix, template: &Template) -> usize {
    template
        .activities
        .iter()
        .enumerate()
        .filter(|&(a, act)| {
            let (count_a, count_r) = counts(tm, a);
            status(count_a, count_r, act.accountable_together) != "ok"
        })
        .count()
}

/// An Excel cell reference such as `C6` (0-based row and column in).
pub(super) fn cell(row: u32, col: u16) -> String {
    format!("{}{}", column_number_to_name(col), row + 1)
}

/// One team's sheet.
pub(super) fn write_team(
    sheet: &mut Sheet<'_>,
    view: &View<'_>,
    (team, tm, template): (&Team, &TeamMatrix, &Template),
    text: &TemplateText,
    options: &Options,
) -> Result<(), XlsxError> {
    let layout = TeamLayout { people: team.members.len(), activities: template.activities.len() };
    let names: Vec<&str> = team.members.iter().map(|m| view.name(m)).collect();
    let roles: Vec<String> =
        team.members.iter().map(|m| m.roles.iter().map(|p| p.role.short()).collect::<Vec<_>>().join("/")).collect();
    let last_row = layout.legend_row() + row(LEGEND.len() + 2 + template.sources.len());
    columns(sheet, layout, &names, options, last_row)?;

    let version = format!("{} {}", template.name, template.version);
    let date = options.date.map(|d| d.to_string()).unwrap_or_default();
    sheet.header_footer([&team.name, &view.roster.source], [&version, &date]);
    sheet.text(TITLE_ROW, PHASE_COL, &format!("RACI: {}", team.name), Some(Style::Title))?;
    let subtitle = format!(
        "template {} {} · {} · letters from the dropdown; Check wants one A and an R",
        template.name,
        template.version,
        crate::check::count(layout.people, "person", "people")
    );
    sheet.text(SUBTITLE_ROW, PHASE_COL, &subtitle, Some(Style::Subtitle))?;

    let tallest = |texts: &mut dyn Iterator<Item = usize>, max: f64| {
        let longest = texts.max().unwrap_or(0) as f64;
        (longest * UPRIGHT_POINTS_PER_CHAR + 10.0).clamp(2.0 * LINE_HEIGHT, max)
    };
    sheet.height(HEADER_ROW, tallest(&mut names.iter().map(|n| limits::utf16_len(n)), NAME_ROW_MAX))?;
    // Cells are written plain and styled a block at a time.
    sheet.text(HEADER_ROW, PHASE_COL, "Phase", None)?;
    sheet.text(HEADER_ROW, ACTIVITY_COL, "Activity", None)?;
    for (m, name) in names.iter().enumerate() {
        sheet.text(HEADER_ROW, layout.person_col(m), name, None)?;
    }
    for (col, header) in [
        (layout.a_col(), "A"),
        (layout.r_col(), "R"),
        (layout.check_col(), "Check"),
        (layout.description_col(), "Description"),
        (layout.sources_col(), "Sources"),
        (layout.id_col(), "id"),
    ] {
        sheet.text(HEADER_ROW, col, header, None)?;
    }
    let header = (HEADER_ROW, HEADER_ROW);
    sheet.style(header, (PHASE_COL, ACTIVITY_COL), Style::Header)?;
    sheet.style(header, (FIRST_PERSON_COL, layout.last_person_col()), Style::PersonHeader)?;
    sheet.style(header, (layout.a_col(), layout.id_col()), Style::Header)?;

    sheet.height(ROLE_ROW, tallest(&mut roles.iter().map(|r| limits::utf16_len(r)), ROLE_ROW_MAX))?;
    sheet.text(ROLE_ROW, ACTIVITY_COL, "role", None)?;
    for (m, role) in roles.iter().enumerate() {
        sheet.text(ROLE_ROW, layout.person_col(m), role, None)?;
    }
    sheet.style((ROLE_ROW, ROLE_ROW), (PHASE_COL, ACTIVITY_COL), Style::RoleLabel)?;
    sheet.style((ROLE_ROW, ROLE_ROW), (FIRST_PERSON_COL, layout.last_person_col()), Style::Role)?;

    sheet.ws.set_row_hidden(KEY_ROW)?;
    sheet.text(KEY_ROW, ACTIVITY_COL, "key", None)?;
    let mut key = String::new();
    for (m, member) in team.members.iter().enumerate() {
        key.clear();
        view.roster.people[member.person].push_key(&mut key);
        sheet.text(KEY_ROW, layout.person_col(m), &key, None)?;
    }

    let [first, last, a_col, r_col] =
        [FIRST_PERSON_COL, layout.last_person_col(), layout.a_col(), layout.r_col()].map(column_number_to_name);
    for (a, activity) in template.activities.iter().enumerate() {
        let names = (first.as_str(), last.as_str(), a_col.as_str(), r_col.as_str());
        activity_row(sheet, layout, (team, tm, template), (a, activity), (text, names), options)?;
    }
    style_activities(sheet, layout, template)?;
    letter_rules(sheet, layout)?;
    legend_and_sources(sheet, layout, template)
}

/// Widths, hidden id column, frozen panes and the print set-up.
fn columns(
    sheet: &mut Sheet<'_>,
    layout: TeamLayout,
    names: &[&str],
    options: &Options,
    last_row: u32,
) -> Result<(), XlsxError> {
    let name_lines = |name: &str| {
        let per_line = ((NAME_ROW_MAX - 10.0) / UPRIGHT_POINTS_PER_CHAR).floor();
        (limits::utf16_len(name) as f64 / per_line).ceil().max(1.0)
    };
    let person_widths: Vec<f64> = names.iter().map(|n| PERSON_WIDTH.max(2.7 * name_lines(n) + 0.5)).collect();
    sheet.width(PHASE_COL, PHASE_WIDTH)?;
    sheet.width(ACTIVITY_COL, ACTIVITY_WIDTH)?;
    for (m, width) in person_widths.iter().enumerate() {
        sheet.width(layout.person_col(m), *width)?;
    }
    if layout.people > 0 {
        let format = sheet.formats.get(Style::Cell);
        sheet.ws.set_column_range_format(FIRST_PERSON_COL, layout.last_person_col(), format)?;
    }
    sheet.width(layout.a_col(), COUNT_WIDTH)?;
    sheet.width(layout.r_col(), COUNT_WIDTH)?;
    sheet.width(layout.check_col(), CHECK_WIDTH)?;
    sheet.width(layout.description_col(), DESCRIPTION_WIDTH)?;
    sheet.width(layout.sources_col(), SOURCES_WIDTH)?;
    sheet.width(layout.id_col(), ID_WIDTH)?;
    sheet.ws.set_column_hidden(layout.id_col())?;
    sheet.ws.set_freeze_panes(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL)?;

    // The matrix prints, with the legend and sources under it; the description and sources columns,
    // the template's own and the same on every team sheet, are left out of the print area.
    let mut matrix = vec![PHASE_WIDTH, ACTIVITY_WIDTH];
    matrix.extend(&person_widths);
    matrix.extend([COUNT_WIDTH, COUNT_WIDTH, CHECK_WIDTH]);
    print::set_up(sheet.ws, options.paper, print::pixels(&matrix));
    sheet.ws.set_print_area(0, 0, last_row, layout.check_col())?;
    sheet.ws.set_repeat_rows(HEADER_ROW, ROLE_ROW)?;
    sheet.ws.set_repeat_columns(PHASE_COL, ACTIVITY_COL)?;
    Ok(())
}

/// The names of the first and last person's columns and of the `A` and `R` columns, for formulas.
type ColumnNames<'a> = (&'a str, &'a str, &'a str, &'a str);

/// One activity: phase, name, letters (with their reasons as notes when asked), the live counts and
/// status, description, sources, id.
fn activity_row(
    sheet: &mut Sheet<'_>,
    layout: TeamLayout,
    (team, tm, template): (&Team, &TeamMatrix, &Template),
    (a, activity): (usize, &Activity),
    (text, names): (&TemplateText, ColumnNames<'_>),
    options: &Options,
) -> Result<(), XlsxError> {
    let r = layout.activity_row(a);
    let height = lines(&activity.name, ACTIVITY_WIDTH)
        .max(lines(&activity.description, DESCRIPTION_WIDTH))
        .max(lines(&text.sources[a], SOURCES_WIDTH));
    sheet.height_for_lines(r, height)?;
    // The phase names its band once, on its first row.
    if a == 0 || template.activities[a - 1].phase != activity.phase {
        sheet.text(r, PHASE_COL, &template.phases[activity.phase], None)?;
    }
    sheet.text(r, ACTIVITY_COL, &activity.name, None)?;
    for (m, c) in tm.row(a).iter().enumerate() {
        let manual = c.is_manual();
        if c.letters.is_empty() && !manual {
            continue;
        }
        let col = layout.person_col(m);
        if !c.letters.is_empty() {
            let style = manual.then_some(Style::Manual);
            sheet.text(r, col, &LETTER_TEXTS[letters_index(c.letters)], style)?;
        }
        if options.notes || manual {
            let mut reasons: Vec<String> = Vec::new();
            if manual {
                reasons.push(MANUAL_NOTE.to_string());
            }
            if options.notes {
                reasons.extend(
                    tm.provenance(team, a, m)
                        .iter()
                        .filter(|p| p.rule != Rule::Manual)
                        .map(|p| reason(p.letter, &p.role, p.rule, activity)),
                );
            }
            if !reasons.is_empty() {
                let note = Note::new(limits::fit_cell(&reasons.join("\n"))).set_author("raci").add_author_prefix(false);
                sheet.ws.insert_note(r, col, &note)?;
            }
        }
    }
    let (count_a, count_r) = counts(tm, a);
    if layout.people > 0 {
        let (first, last, a_col, r_col) = names;
        let n = r + 1;
        let letters = format!("{first}{n}:{last}{n}");
        sheet.formula(r, layout.a_col(), &format!("=COUNTIF({letters},\"A*\")"), &count_a.to_string(), None)?;
        sheet.formula(r, layout.r_col(), &format!("=COUNTIF({letters},\"*R\")"), &count_r.to_string(), None)?;
        let check = if activity.accountable_together {
            // The group's members each carry the one A they hold together.
            format!("=IF({a_col}{n}=0,\"no A\",IF({r_col}{n}>0,\"ok\",\"no R\"))")
        } else {
            format!("=IF({a_col}{n}=1,IF({r_col}{n}>0,\"ok\",\"no R\"),IF({a_col}{n}=0,\"no A\",{a_col}{n}&\" A\"))")
        };
        sheet.formula(r, layout.check_col(), &check, &status(count_a, count_r, activity.accountable_together), None)?;
    }
    sheet.text(r, layout.description_col(), &activity.description, None)?;
    sheet.text(r, layout.sources_col(), &text.sources[a], None)?;
    sheet.text(r, layout.id_col(), &activity.id, None)
}

/// Styles of the activity rows, a block at a time: the phase and activity columns banded by phase,
/// the letter cells, the counts, the check, the description and sources.
fn style_activities(sheet: &mut Sheet<'_>, layout: TeamLayout, template: &Template) -> Result<(), XlsxError> {
    if layout.activities == 0 {
        return Ok(());
    }
    let mut start = 0;
    for a in 1..=template.activities.len() {
        let phase = template.activities[start].phase;
        if a < template.activities.len() && template.activities[a].phase == phase {
            continue;
        }
        let band = u8::from(phase % 2 == 1);
        let rows = (layout.activity_row(start), layout.activity_row(a - 1));
        sheet.style(rows, (PHASE_COL, PHASE_COL), Style::Phase(band))?;
        sheet.style(rows, (ACTIVITY_COL, ACTIVITY_COL), Style::Activity(band))?;
        start = a;
    }
    // Letter cells take their column's format; their borders come with the conditional formats.
    let rows = (FIRST_ACTIVITY_ROW, layout.last_activity_row());
    sheet.style(rows, (layout.a_col(), layout.r_col()), Style::Count)?;
    sheet.style(rows, (layout.check_col(), layout.check_col()), Style::Check)?;
    sheet.style(rows, (layout.description_col(), layout.sources_col()), Style::Text)
}

/// The note on a cell changed by hand.
const MANUAL_NOTE: &str = "Manual edit: this cell was changed by hand, and raci keeps it (generate --keep)";

/// Why a member has a letter, in a few words: `A: product-owner, first in the chain`.
fn reason(letter: Letter, role: &crate::role::Role, rule: Rule, activity: &Activity) -> String {
    let chain_role = |i: u8| activity.accountable.get(usize::from(i)).map_or("?", |r| r.id());
    let why = match rule {
        Rule::Chain { position: 0 } => "first in the chain".to_string(),
        Rule::Chain { position } => format!("fallback {position} in the chain: nobody holds {}", chain_role(0)),
        Rule::Together => "accountable together with the rest of the group".to_string(),
        Rule::StandIn { missing } => format!("stands in for {}, which nobody holds", chain_role(missing)),
        Rule::Manual => "a manual edit".to_string(),
        Rule::Listed => match letter {
            Letter::A | Letter::R => "listed as responsible".to_string(),
            Letter::C => "listed as consulted".to_string(),
            Letter::I => "listed as informed".to_string(),
        },
    };
    format!("{}: {}, {why}", letter.as_char(), role.id())
}

/// The dropdown and letter colours on the letter cells; the mark on rows whose check is not `ok`.
fn letter_rules(sheet: &mut Sheet<'_>, layout: TeamLayout) -> Result<(), XlsxError> {
    if layout.people == 0 || layout.activities == 0 {
        return Ok(());
    }
    let (first, last) = (FIRST_ACTIVITY_ROW, layout.last_activity_row());
    let (left, right) = (FIRST_PERSON_COL, layout.last_person_col());
    sheet.ws.add_data_validation(first, left, last, right, &sheet.formats.validation)?;
    for rule in &sheet.formats.letter_rules {
        sheet.ws.add_conditional_format(first, left, last, right, rule)?;
    }
    sheet.ws.add_conditional_format(first, left, last, right, &sheet.formats.grid_rule)?;
    let check = format!("${}", cell(first, layout.check_col()));
    let mark = sheet.formats.mark_rule(&check);
    sheet.ws.add_conditional_format(first, PHASE_COL, last, ACTIVITY_COL, &mark)?;
    sheet.ws.add_conditional_format(first, layout.a_col(), last, layout.check_col(), &mark)?;
    Ok(())
}

fn legend_and_sources(sheet: &mut Sheet<'_>, layout: TeamLayout, template: &Template) -> Result<(), XlsxError> {
    // Letters and ids in the phase column, their text on one line from the activity column on
    // (over the empty cells beside it), as many lines as there are entries.
    let mut r = layout.legend_row();
    sheet.text(r, PHASE_COL, "Legend", Some(Style::Label))?;
    for (i, (letters, meaning)) in LEGEND.iter().enumerate() {
        r += 1;
        debug_assert_eq!(LETTER_COLOURS[i].0, *letters);
        sheet.text(r, PHASE_COL, letters, Some(Style::Letter(i)))?;
        sheet.text(r, ACTIVITY_COL, meaning, None)?;
    }
    r += 2;
    sheet.text(r, PHASE_COL, "Sources", Some(Style::Label))?;
    for (id, citation) in &template.sources {
        r += 1;
        sheet.text(r, PHASE_COL, id, None)?;
        sheet.text(r, ACTIVITY_COL, citation, None)?;
    }
    Ok(())
}
