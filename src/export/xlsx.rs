//! The workbook: one RACI sheet per team (colour-coded by conditional formatting, a dropdown on every
//! letter cell, frozen headers, a legend) and a findings sheet. Output is deterministic.

use std::collections::HashSet;

use rust_xlsxwriter::{
    ConditionalFormatText, ConditionalFormatTextRule, DataValidation, DataValidationErrorStyle, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::check::{Finding, Severity};
use crate::matrix::{CELL_VALUES, Letter, Letters, TeamMatrix, View};
use crate::roster::Team;
use crate::template::Template;

/// Name of the findings sheet.
pub const FINDINGS_SHEET: &str = "Findings";

/// Excel's limit on sheet-name length, in UTF-16 code units.
const SHEET_NAME_MAX: usize = 31;

/// First matrix row (0-based): title, blank, header, roles, then activities.
const HEADER_ROW: u32 = 2;
const FIRST_ACTIVITY_ROW: u32 = 4;
/// First person column: phase, activity, then people.
const FIRST_PERSON_COL: u16 = 2;

/// Fill colours per letter (background, font).
const LETTER_COLOURS: [(Letter, u32, u32); 4] = [
    (Letter::A, 0xF8CBAD, 0x833C0B),
    (Letter::R, 0xC6EFCE, 0x006100),
    (Letter::C, 0xFFEB9C, 0x7F6000),
    (Letter::I, 0xDDEBF7, 0x1F4E78),
];

const LEGEND: [(&str, &str); 5] = [
    ("A", "Accountable: answers for the outcome; exactly one per activity"),
    ("R", "Responsible: does the work"),
    ("A/R", "Accountable and does the work"),
    ("C", "Consulted: asked before (two-way)"),
    ("I", "Informed: told after (one-way)"),
];

/// Build the workbook in memory and return the xlsx bytes.
pub fn render(view: &View<'_>, findings: &[Finding]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = build(view, findings)?;
    // Room for the whole zip up front (about 10 bytes a cell at ZIP_LEVEL; pages that are not
    // written to cost nothing), so it is not copied over and over as it grows.
    let mut bytes = Vec::with_capacity(cell_count(view, findings).saturating_mul(12).saturating_add(1 << 16));
    let saved = workbook.save_to_writer(&mut bytes);
    drop_in_background(workbook);
    saved.map(|()| bytes)
}

/// Build the workbook and write the xlsx bytes to `writer` (a file, standard output), without
/// holding the whole zip in memory.
pub fn render_to<W: std::io::Write + Send>(view: &View<'_>, findings: &[Finding], writer: W) -> Result<(), XlsxError> {
    prepare(view, findings)?.save_to(writer)
}

/// A workbook with every sheet written, holding its own copy of what it needs: the roster, matrix
/// and findings can be freed before it is saved, which lowers the peak memory of large runs.
pub struct Prepared(Workbook);

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prepared(..)")
    }
}

impl Prepared {
    /// Write the xlsx bytes to `writer`.
    pub fn save_to<W: std::io::Write + Send>(mut self, writer: W) -> Result<(), XlsxError> {
        let done = self.0.save_to_writer(writer);
        drop_in_background(self.0);
        done
    }
}

/// Write every sheet; save later with [`Prepared::save_to`].
pub fn prepare(view: &View<'_>, findings: &[Finding]) -> Result<Prepared, XlsxError> {
    build(view, findings).map(Prepared)
}

/// Free a saved workbook (every cell of an in-memory workbook is its own allocation) on another
/// thread, so the caller does not wait for it; inline if no thread can be had.
fn drop_in_background(workbook: Workbook) {
    // On failure `spawn` drops the closure, and the workbook with it, right here.
    let _ = std::thread::Builder::new().name("raci-drop".into()).spawn(move || drop(workbook));
}

/// Workbooks with up to this many cells are built in memory, several sheets at a time; larger ones
/// are streamed sheet by sheet. In memory a cell costs about 200 bytes, so this bounds that mode to
/// roughly 200 MB; streaming costs about 25 KB per sheet whatever the sheet holds.
const IN_MEMORY_CELLS: usize = 1_000_000;

/// Threads that write sheets in memory at most (the zip is compressed on one thread regardless).
const MAX_THREADS: usize = 4;

/// Zip compression level: 1 (fastest) instead of rust_xlsxwriter's default 6. Compression is the
/// one part of saving that runs on a single thread; level 1 takes about a third of its time for
/// files about 40% larger, which is the right trade for workbooks regenerated in CI.
const ZIP_LEVEL: u8 = 1;

/// One team with what its sheet needs.
type TeamSheet<'v> = ((&'v Team, &'v TeamMatrix, &'v Template), &'v String);

/// The workbook with every sheet written, ready to save.
///
/// A small workbook is built in memory: team sheets and the findings sheet are written on several
/// threads at once (each sheet is independent; string and format indexes are assigned when the
/// workbook is saved, in sheet order, so the output does not depend on the threads) and
/// rust_xlsxwriter assembles their XML in parallel when saving.
///
/// A large one is streamed: each sheet is a rust_xlsxwriter "low memory" worksheet, whose rows go
/// to a temporary file as soon as the next row starts (strings go to the workbook's shared string
/// table), so memory does not grow with the number of cells; cells are therefore written strictly
/// row by row. Each such sheet keeps one temporary file open until the workbook is saved; when one
/// cannot be created (no writable temporary directory, or the limit on open files reached) the
/// remaining sheets are built in memory instead, which gives the same workbook.
fn build(view: &View<'_>, findings: &[Finding]) -> Result<Workbook, XlsxError> {
    build_with(view, findings, IN_MEMORY_CELLS)
}

/// [`build`], streaming when the workbook has more than `in_memory_cells` cells.
fn build_with(view: &View<'_>, findings: &[Finding], in_memory_cells: usize) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("RACI matrix")
            .set_comment("Generated by raci from a team roster")
            .set_creation_datetime(&created),
    );
    workbook.set_zip_compression_level(ZIP_LEVEL);
    let styles = Styles::new()?;
    let per_template: Vec<TemplateText> = view.templates.iter().map(TemplateText::new).collect();
    let names = sheet_names(view.roster.teams.iter().map(|t| t.name.as_str()));
    let teams: Vec<TeamSheet<'_>> = view.teams().zip(&names).collect();

    if cell_count(view, findings) <= in_memory_cells {
        for sheet in in_memory_sheets(view, &teams, findings, &per_template, &styles)? {
            workbook.push_worksheet(sheet);
        }
        return Ok(workbook);
    }
    let mut streaming = true;
    for ((team, tm, template), name) in teams {
        let sheet = new_sheet(&mut workbook, &mut streaming)?;
        sheet.set_name(name)?;
        write_team(sheet, view, (team, tm, template), &per_template[tm.template], &styles, true)?;
    }
    let sheet = new_sheet(&mut workbook, &mut streaming)?;
    sheet.set_name(FINDINGS_SHEET)?;
    write_findings(sheet, findings, &styles)?;
    Ok(workbook)
}

/// About how many cells the workbook has.
fn cell_count(view: &View<'_>, findings: &[Finding]) -> usize {
    let teams: usize =
        view.teams().map(|(team, _, template)| (team.members.len() + 4) * (template.activities.len() + 4)).sum();
    teams + findings.len() * 7
}

/// Every sheet in order (teams, then findings), written in memory: the teams in up to
/// [`MAX_THREADS`] runs of consecutive teams, the findings sheet alongside them.
fn in_memory_sheets(
    view: &View<'_>,
    teams: &[TeamSheet<'_>],
    findings: &[Finding],
    per_template: &[TemplateText],
    styles: &Styles,
) -> Result<Vec<Worksheet>, XlsxError> {
    #[derive(Clone, Copy)]
    enum Job<'a> {
        Teams(&'a [TeamSheet<'a>]),
        Findings,
    }
    enum Started<T, H> {
        Done(T),
        Thread(H),
    }
    let run = |job: Job<'_>| -> Result<Vec<Worksheet>, XlsxError> {
        match job {
            Job::Teams(part) => part
                .iter()
                .map(|&((team, tm, template), name)| {
                    let mut sheet = Worksheet::new();
                    sheet.set_name(name)?;
                    write_team(&mut sheet, view, (team, tm, template), &per_template[tm.template], styles, false)?;
                    Ok(sheet)
                })
                .collect(),
            Job::Findings => {
                let mut sheet = Worksheet::new();
                sheet.set_name(FINDINGS_SHEET)?;
                write_findings(&mut sheet, findings, styles)?;
                Ok(vec![sheet])
            }
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).clamp(1, MAX_THREADS);
    let chunk = teams.len().div_ceil(threads).max(1);
    let mut jobs: Vec<Job<'_>> = teams.chunks(chunk).map(Job::Teams).collect();
    jobs.push(Job::Findings);
    std::thread::scope(|scope| {
        // Every job but the first on a thread of its own (or right here if none can be had), the
        // first on this thread; results are collected in job order.
        let mut jobs = jobs.into_iter();
        let first = jobs.next();
        let started: Vec<_> = jobs
            .map(|job| match std::thread::Builder::new().spawn_scoped(scope, move || run(job)) {
                Ok(handle) => Started::Thread(handle),
                Err(_) => Started::Done(run(job)),
            })
            .collect();
        let mut sheets = match first {
            Some(job) => run(job)?,
            None => Vec::new(),
        };
        for job in started {
            let part = match job {
                Started::Done(part) => part,
                Started::Thread(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            };
            sheets.extend(part?);
        }
        Ok(sheets)
    })
}

/// A new streaming worksheet while temporary files can be had, else an in-memory one.
fn new_sheet<'w>(workbook: &'w mut Workbook, streaming: &mut bool) -> Result<&'w mut Worksheet, XlsxError> {
    if *streaming {
        match workbook.add_worksheet_with_low_memory() {
            Ok(_) => {
                let last = workbook.worksheets().len() - 1;
                return workbook.worksheet_from_index(last);
            }
            Err(XlsxError::TempFileError(..)) => *streaming = false,
            Err(e) => return Err(e),
        }
    }
    Ok(workbook.add_worksheet())
}

/// Text that depends only on the template, built once rather than once per team.
struct TemplateText {
    /// Per activity: its sources, joined.
    sources: Vec<String>,
}

impl TemplateText {
    fn new(template: &Template) -> Self {
        TemplateText { sources: template.activities.iter().map(|a| a.sources.join(", ")).collect() }
    }
}

/// The text of every letter set, indexed by [`letters_index`]: built once instead of once per cell.
fn letter_texts() -> [String; 16] {
    std::array::from_fn(|mask| {
        let mut letters = Letters::EMPTY;
        for (bit, letter) in Letter::ALL.into_iter().enumerate() {
            if mask & (1 << bit) != 0 {
                letters.insert(letter);
            }
        }
        letters.to_string()
    })
}

fn letters_index(letters: Letters) -> usize {
    Letter::ALL.into_iter().enumerate().filter(|(_, l)| letters.has(*l)).map(|(bit, _)| 1 << bit).sum()
}

struct Styles {
    title: Format,
    header: Format,
    role: Format,
    phase: Format,
    activity: Format,
    cell: Format,
    text: Format,
    letters: Vec<(Letter, Format)>,
    severity: [Format; 3],
    /// Cell text per letter set (see [`letters_index`]).
    letter_texts: [String; 16],
    /// The dropdown on the letter cells.
    validation: DataValidation,
    /// One colour rule per letter, in [`LETTER_COLOURS`] order.
    letter_rules: Vec<ConditionalFormatText>,
}

impl Styles {
    fn new() -> Result<Self, XlsxError> {
        let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color(0xBFBFBF);
        let mut styles = Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: border(Format::new().set_bold().set_background_color(0xD9E1F2).set_text_wrap())
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            role: border(Format::new().set_italic().set_font_color(0x595959).set_background_color(0xF2F2F2))
                .set_align(FormatAlign::Center),
            phase: border(Format::new().set_bold().set_font_color(0x404040).set_background_color(0xF2F2F2)),
            activity: border(Format::new()),
            cell: border(Format::new()).set_align(FormatAlign::Center),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            letters: LETTER_COLOURS
                .iter()
                .map(|&(l, bg, fg)| (l, Format::new().set_background_color(bg).set_font_color(fg).set_bold()))
                .collect(),
            severity: [
                Format::new().set_font_color(0x1F4E78),
                Format::new().set_font_color(0x9C5700).set_bold(),
                Format::new().set_font_color(0x9C0006).set_bold(),
            ],
            letter_texts: letter_texts(),
            validation: DataValidation::new()
                .allow_list_strings(&CELL_VALUES)?
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title("Not a RACI letter")?
                .set_error_message("Use A, A/R, R, C or I, or leave the cell empty.")?,
            letter_rules: Vec::new(),
        };
        styles.letter_rules = LETTER_COLOURS
            .iter()
            .map(|&(letter, ..)| {
                ConditionalFormatText::new()
                    .set_rule(ConditionalFormatTextRule::BeginsWith(letter.as_char().to_string()))
                    .set_format(styles.letter(letter))
            })
            .collect();
        Ok(styles)
    }

    fn letter(&self, letter: Letter) -> &Format {
        self.letters.iter().find(|(l, _)| *l == letter).map_or(&self.cell, |(_, f)| f)
    }
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One team's sheet. Rows are written top to bottom, each row complete before the next starts:
/// a streaming sheet cannot go back to an earlier row.
fn write_team(
    sheet: &mut Worksheet,
    view: &View<'_>,
    (team, tm, template): (&Team, &TeamMatrix, &Template),
    text: &TemplateText,
    s: &Styles,
    streaming: bool,
) -> Result<(), XlsxError> {
    let width = team.members.len();
    let last_person_col = FIRST_PERSON_COL + col(width) - 1;
    let description_col = last_person_col + 1;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 30)?;
    for c in 0..width {
        sheet.set_column_width(FIRST_PERSON_COL + col(c), 14)?;
    }
    sheet.set_column_width(description_col, 70)?;
    sheet.set_column_width(description_col + 1, 12)?;

    sheet.write_string_with_format(0, 0, format!("RACI: {}", team.name), &s.title)?;
    sheet.write_string(
        1,
        0,
        format!(
            "template {} {} · {} people · edit a cell with the dropdown: A, A/R, R, C or I",
            template.name, template.version, width
        ),
    )?;

    // Cells of a row that share a format are written without one and then formatted as a range:
    // one format lookup per range instead of one per cell (rust_xlsxwriter hashes the whole Format
    // on every formatted write). The result is the same cells with the same formats; ranges are
    // applied while their row is the current one, which streaming sheets require.
    sheet.write_string(HEADER_ROW, 0, "Phase")?;
    sheet.write_string(HEADER_ROW, 1, "Activity")?;
    for (m, member) in team.members.iter().enumerate() {
        sheet.write_string(HEADER_ROW, FIRST_PERSON_COL + col(m), view.name(member))?;
    }
    sheet.write_string(HEADER_ROW, description_col, "Description")?;
    sheet.write_string(HEADER_ROW, description_col + 1, "Sources")?;
    sheet.set_range_format(HEADER_ROW, 0, HEADER_ROW, description_col + 1, &s.header)?;

    sheet.write_string(HEADER_ROW + 1, 1, "role")?;
    let mut roles = String::new();
    for (m, member) in team.members.iter().enumerate() {
        roles.clear();
        for (i, parsed) in member.roles.iter().enumerate() {
            if i > 0 {
                roles.push('/');
            }
            roles.push_str(parsed.role.short());
        }
        sheet.write_string(HEADER_ROW + 1, FIRST_PERSON_COL + col(m), roles.as_str())?;
    }
    sheet.set_range_format(HEADER_ROW + 1, 0, HEADER_ROW + 1, last_person_col.max(1), &s.role)?;

    let mut r = FIRST_ACTIVITY_ROW;
    for (a, activity) in template.activities.iter().enumerate() {
        sheet.write_string(r, 0, &template.phases[activity.phase])?;
        sheet.write_string(r, 1, &activity.name)?;
        for (m, cell) in tm.row(a).iter().enumerate() {
            if !cell.letters.is_empty() {
                sheet.write_string(
                    r,
                    FIRST_PERSON_COL + col(m),
                    s.letter_texts[letters_index(cell.letters)].as_str(),
                )?;
            }
        }
        sheet.write_string(r, description_col, &activity.description)?;
        sheet.write_string(r, description_col + 1, text.sources[a].as_str())?;
        if streaming {
            format_activity_rows(sheet, r, r, width, description_col, s)?;
        }
        r += 1;
    }
    let last_row = r - 1;
    if !streaming && r > FIRST_ACTIVITY_ROW {
        // In memory every row stays open: format the whole block at once.
        format_activity_rows(sheet, FIRST_ACTIVITY_ROW, last_row, width, description_col, s)?;
    }

    if width > 0 && !template.activities.is_empty() {
        sheet.add_data_validation(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, last_row, last_person_col, &s.validation)?;
        for rule in &s.letter_rules {
            sheet.add_conditional_format(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL, last_row, last_person_col, rule)?;
        }
    }
    sheet.set_freeze_panes(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL)?;
    // Printing: landscape, one page wide, header rows and activity columns on every page.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW + 1)?;
    sheet.set_repeat_columns(0, 1)?;

    let mut r = last_row + 2;
    sheet.write_string_with_format(r, 1, "Legend", &s.header)?;
    for (text, meaning) in LEGEND {
        r += 1;
        let strongest = Letters::parse(text).and_then(Letters::strongest);
        let format = strongest.map_or(&s.cell, |l| s.letter(l));
        sheet.write_string_with_format(r, 1, text, format)?;
        sheet.write_string(r, FIRST_PERSON_COL, meaning)?;
    }
    r += 2;
    sheet.write_string(r, 1, "Sources")?;
    for (id, citation) in &template.sources {
        r += 1;
        sheet.write_string(r, 1, id)?;
        sheet.write_string(r, FIRST_PERSON_COL, citation)?;
    }
    Ok(())
}

/// Formats of the activity rows `first..=last`: phase, activity, letter cells, description.
fn format_activity_rows(
    sheet: &mut Worksheet,
    first: u32,
    last: u32,
    width: usize,
    description_col: u16,
    s: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_range_format(first, 0, last, 0, &s.phase)?;
    sheet.set_range_format(first, 1, last, 1, &s.activity)?;
    if width > 0 {
        sheet.set_range_format(first, FIRST_PERSON_COL, last, description_col - 1, &s.cell)?;
    }
    sheet.set_range_format(first, description_col, last, description_col, &s.text)?;
    Ok(())
}

fn write_findings(sheet: &mut Worksheet, findings: &[Finding], s: &Styles) -> Result<(), XlsxError> {
    let headers = ["Severity", "Code", "Team", "Activities", "People", "Message", "Hint"];
    let widths = [10.0, 22.0, 18.0, 28.0, 24.0, 80.0, 60.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        sheet.set_column_width(col(c), w)?;
        sheet.write_string_with_format(0, col(c), *h, &s.header)?;
    }
    for (i, f) in findings.iter().enumerate() {
        let r = row(i + 1);
        let severity = match f.severity {
            Severity::Info => &s.severity[0],
            Severity::Warning => &s.severity[1],
            Severity::Error => &s.severity[2],
        };
        sheet.write_string_with_format(r, 0, f.severity.as_str(), severity)?;
        sheet.write_string(r, 1, f.code.as_str())?;
        sheet.write_string(r, 2, f.team.as_deref().unwrap_or(""))?;
        sheet.write_string(r, 3, f.activities.join(", "))?;
        sheet.write_string(r, 4, f.people.join(", "))?;
        sheet.write_string_with_format(r, 5, &f.message, &s.text)?;
        sheet.write_string_with_format(r, 6, &f.hint, &s.text)?;
    }
    if findings.is_empty() {
        sheet.write_string(1, 0, "no findings")?;
    }
    sheet.autofilter(0, 0, row(findings.len().max(1)), col(headers.len() - 1))?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Valid, distinct sheet names for these team names, following Excel's rules: at most 31 UTF-16
/// units, none of `[]:*?/\`, no leading or trailing apostrophe, not `History`, not the findings
/// sheet's name, and distinct ignoring case (`Name (2)` on a clash).
pub fn sheet_names<'a>(teams: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::from([FINDINGS_SHEET.to_lowercase(), "history".to_string()]);
    teams
        .map(|team| {
            let cleaned: String = team
                .chars()
                .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { '_' } else { c })
                .collect();
            let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
            let base = if cleaned.is_empty() { "Team" } else { cleaned };
            let mut n = 1;
            loop {
                let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
                let candidate = format!(
                    "{}{suffix}",
                    truncate_utf16(base, SHEET_NAME_MAX - suffix.len())
                        .trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
                );
                if taken.insert(candidate.to_lowercase()) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

/// The longest prefix of `text` that fits in `max` UTF-16 code units.
fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (idx, ch) in text.char_indices() {
        units += ch.len_utf16();
        if units > max {
            return &text[..idx];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed workbook (rows written to temporary files) reads back the same as the one built in
    /// memory. (Byte for byte they differ only in the optional `spans` hint on each row; styles,
    /// validations and conditional formats were compared with scripts/xlsx_same.py.)
    #[test]
    fn streamed_and_in_memory_workbooks_read_back_the_same() -> crate::Result<()> {
        use calamine::{Reader, Xlsx};
        let text = "name,role,team\nAda,PO/PM,Alpha\nBob,Engineer,Alpha; Beta\nCy,PO,Beta\nDee,Designer,Beta\n";
        let roster = crate::roster::parse(text.as_bytes(), "r.csv", &crate::roster::ReadOptions::default())?;
        let analysis = crate::Analysis::from_roster(roster, &crate::Options::default())?;
        let view = analysis.view();
        let read = |in_memory_cells: usize| -> crate::Result<Vec<(String, calamine::Range<calamine::Data>)>> {
            let bytes = build_with(&view, &analysis.findings, in_memory_cells).and_then(|mut w| w.save_to_buffer());
            let mut book = Xlsx::new(std::io::Cursor::new(bytes.map_err(xlsx)?)).map_err(|e| xlsx_read(&e))?;
            let names = book.sheet_names();
            names.into_iter().map(|n| Ok((n.clone(), book.worksheet_range(&n).map_err(|e| xlsx_read(&e))?))).collect()
        };
        let (in_memory, streamed) = (read(usize::MAX)?, read(0)?);
        assert_eq!(in_memory.len(), 3);
        assert_eq!(in_memory, streamed);
        Ok(())
    }

    fn xlsx_read(e: &dyn std::fmt::Display) -> crate::Error {
        crate::Error::usage(e.to_string(), "")
    }

    fn xlsx(e: XlsxError) -> crate::Error {
        crate::Error::usage(e.to_string(), "")
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        let long = "A very long team name that goes on and on";
        let names = sheet_names(
            ["Alpha", "alpha", "Web/Mobile [EU]", long, &format!("{long}!"), "'Quoted'", "Findings", "History", ""]
                .into_iter(),
        );
        assert_eq!(names[0], "Alpha");
        assert_eq!(names[1], "alpha (2)");
        assert_eq!(names[2], "Web_Mobile _EU_");
        assert_eq!(names[3], "A very long team name that goes");
        assert_eq!(names[4], "A very long team name that (2)");
        assert_eq!(names[5], "Quoted");
        assert_eq!(names[6], "Findings (2)");
        assert_eq!(names[7], "History (2)");
        assert_eq!(names[8], "Team");
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
        let emoji = sheet_names(std::iter::once("😀".repeat(20).as_str()));
        assert_eq!(emoji[0].encode_utf16().count(), 30);
    }
}
