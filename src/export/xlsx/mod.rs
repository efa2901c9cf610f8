//! The workbook: one RACI sheet per team (colour-coded by conditional formatting, a dropdown on every
//! letter cell, frozen headers, a legend) and a findings sheet. Output is deterministic.

mod stream;

use std::collections::HashSet;
use std::io::{Seek, Write};

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
    // Room for the whole zip up front (about 10 bytes a cell at ZIP_LEVEL; pages that are not
    // written to cost nothing), so it is not copied over and over as it grows.
    let capacity = cell_count(view, findings).saturating_mul(12).saturating_add(1 << 16);
    let mut out = std::io::Cursor::new(Vec::with_capacity(capacity));
    write_to(view, findings, &mut out)?;
    Ok(out.into_inner())
}

/// Write the workbook to `writer` (a file, a buffer). Up to 250,000 cells (about 500 teams of ten) it
/// is built in memory by rust_xlsxwriter ([`write_in_memory`]); larger workbooks are streamed into the
/// zip sheet by sheet ([`write_streamed`]), so memory does not grow with the number of teams.
pub fn write_to<W: Write + Seek + Send>(view: &View<'_>, findings: &[Finding], writer: W) -> Result<(), XlsxError> {
    write_with(view, findings, writer, IN_MEMORY_CELLS)
}

/// Write the workbook to `writer` streamed, whatever its size: the same workbook as
/// [`write_in_memory`], in memory that does not grow with the number of teams.
pub fn write_streamed<W: Write + Seek>(view: &View<'_>, findings: &[Finding], writer: W) -> Result<(), XlsxError> {
    stream::write(view, findings, writer)
}

/// [`write_to`], streaming when the workbook has more than `in_memory_cells` cells.
fn write_with<W: Write + Seek + Send>(
    view: &View<'_>,
    findings: &[Finding],
    writer: W,
    in_memory_cells: usize,
) -> Result<(), XlsxError> {
    if cell_count(view, findings) > in_memory_cells {
        return stream::write(view, findings, writer);
    }
    write_in_memory(view, findings, writer)
}

/// Write the workbook to `writer` built in memory by rust_xlsxwriter, whatever its size: the same
/// workbook as [`write_streamed`], several sheets at a time, in memory that grows with every cell.
pub fn write_in_memory<W: Write + Seek + Send>(
    view: &View<'_>,
    findings: &[Finding],
    writer: W,
) -> Result<(), XlsxError> {
    let mut workbook = build(view, findings)?;
    let saved = workbook.save_to_writer(writer);
    drop_in_background(workbook);
    saved
}

/// Free a saved workbook (every cell of an in-memory workbook is its own allocation) on another
/// thread, so the caller does not wait for it; inline if no thread can be had.
fn drop_in_background(workbook: Workbook) {
    // On failure `spawn` drops the closure, and the workbook with it, right here.
    let _ = std::thread::Builder::new().name("raci-drop".into()).spawn(move || drop(workbook));
}

/// Workbooks with up to this many cells (about 500 teams of ten) are built in memory by
/// rust_xlsxwriter, several sheets at a time; larger ones are streamed. In memory a cell costs about
/// 300 bytes until the workbook is saved, so this bounds that mode to about 80 MB; the streamed writer
/// holds one row at a time and the shared strings.
const IN_MEMORY_CELLS: usize = 250_000;

/// Threads that write sheets in memory at most (the zip is compressed on one thread regardless).
const MAX_THREADS: usize = 4;

/// Zip compression level: 1 (fastest) instead of rust_xlsxwriter's default 6. Compression is the
/// one part of saving that runs on a single thread; level 1 takes about a third of its time for
/// files about 40% larger, which is the right trade for workbooks regenerated in CI.
const ZIP_LEVEL: u8 = 1;

/// Document title and comment, and the fixed creation date that keeps output deterministic.
const DOC_TITLE: &str = "RACI matrix";
const DOC_COMMENT: &str = "Generated by raci from a team roster";
const DOC_CREATED: (u16, u8, u8) = (2024, 1, 1);

/// First and last row, first and last column of a block of cells (0-based, inclusive).
type Rows = (u32, u32);
type Cols = (u16, u16);

/// One team with what its sheet needs.
type TeamSheet<'v> = ((&'v Team, &'v TeamMatrix, &'v Template), &'v String);

/// The workbook built in memory by rust_xlsxwriter: team sheets and the findings sheet are written on
/// several threads at once (each sheet is independent; string and format indexes are assigned when
/// the workbook is saved, in sheet order, so the output does not depend on the threads) and
/// rust_xlsxwriter assembles their XML in parallel when saving.
fn build(view: &View<'_>, findings: &[Finding]) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let (y, m, d) = DOC_CREATED;
    let created = ExcelDateTime::from_ymd(y, m, d)?;
    workbook.set_properties(
        &DocProperties::new().set_title(DOC_TITLE).set_comment(DOC_COMMENT).set_creation_datetime(&created),
    );
    workbook.set_zip_compression_level(ZIP_LEVEL);
    let formats = Formats::new()?;
    let per_template: Vec<TemplateText> = view.templates.iter().map(TemplateText::new).collect();
    let names = sheet_names(view.roster.teams.iter().map(|t| t.name.as_str()));
    let teams: Vec<TeamSheet<'_>> = view.teams().zip(&names).collect();
    for sheet in in_memory_sheets(view, &teams, findings, &per_template, &formats)? {
        workbook.push_worksheet(sheet);
    }
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
    formats: &Formats,
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
                    let mut out = InMemory { sheet: &mut sheet, formats };
                    write_team(&mut out, view, (team, tm, template), &per_template[tm.template])?;
                    Ok(sheet)
                })
                .collect(),
            Job::Findings => {
                let mut sheet = Worksheet::new();
                sheet.set_name(FINDINGS_SHEET)?;
                write_findings(&mut InMemory { sheet: &mut sheet, formats }, findings)?;
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

/// Every cell style the workbook uses. Both writers derive their formats from [`Style::spec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Title,
    Header,
    Role,
    Phase,
    Activity,
    Cell,
    Text,
    Letter(Letter),
    Severity(Severity),
}

/// What a style looks like.
#[derive(Debug, Clone, Copy, Default)]
struct Spec {
    bold: bool,
    italic: bool,
    /// Font size in points; 11 when `None`.
    size: Option<u8>,
    font: Option<u32>,
    fill: Option<u32>,
    /// A thin grey border all round.
    border: bool,
    center: bool,
    vcenter: bool,
    top: bool,
    wrap: bool,
}

/// The colour of the thin cell borders.
const BORDER_COLOUR: u32 = 0xBFBFBF;

impl Style {
    /// All styles, in a fixed order (the streamed workbook's style index is the position here + 1).
    const ALL: [Style; 14] = [
        Style::Title,
        Style::Header,
        Style::Role,
        Style::Phase,
        Style::Activity,
        Style::Cell,
        Style::Text,
        Style::Letter(Letter::A),
        Style::Letter(Letter::R),
        Style::Letter(Letter::C),
        Style::Letter(Letter::I),
        Style::Severity(Severity::Info),
        Style::Severity(Severity::Warning),
        Style::Severity(Severity::Error),
    ];

    fn position(self) -> usize {
        Style::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn spec(self) -> Spec {
        let plain = Spec::default();
        match self {
            Style::Title => Spec { bold: true, size: Some(14), ..plain },
            Style::Header => Spec {
                bold: true,
                fill: Some(0xD9E1F2),
                border: true,
                center: true,
                vcenter: true,
                wrap: true,
                ..plain
            },
            Style::Role => {
                Spec { italic: true, font: Some(0x595959), fill: Some(0xF2F2F2), border: true, center: true, ..plain }
            }
            Style::Phase => Spec { bold: true, font: Some(0x404040), fill: Some(0xF2F2F2), border: true, ..plain },
            Style::Activity => Spec { border: true, ..plain },
            Style::Cell => Spec { border: true, center: true, ..plain },
            Style::Text => Spec { wrap: true, top: true, ..plain },
            Style::Letter(letter) => {
                let (_, fill, font) =
                    LETTER_COLOURS.iter().copied().find(|(l, ..)| *l == letter).unwrap_or(LETTER_COLOURS[0]);
                Spec { bold: true, font: Some(font), fill: Some(fill), ..plain }
            }
            Style::Severity(Severity::Info) => Spec { font: Some(0x1F4E78), ..plain },
            Style::Severity(Severity::Warning) => Spec { bold: true, font: Some(0x9C5700), ..plain },
            Style::Severity(Severity::Error) => Spec { bold: true, font: Some(0x9C0006), ..plain },
        }
    }
}

/// The data validation on letter cells: a dropdown of [`CELL_VALUES`].
const VALIDATION_TITLE: &str = "Not a RACI letter";
const VALIDATION_MESSAGE: &str = "Use A, A/R, R, C or I, or leave the cell empty.";

/// What the sheet layouts below need from a worksheet; implemented by rust_xlsxwriter's in-memory
/// worksheet ([`InMemory`]) and by the streaming writer ([`stream`]).
///
/// Rows are written top to bottom, each row complete (styles included) before the next starts, and
/// the sheet-wide settings come before the first cell: a streamed sheet cannot go back.
trait Sheet {
    /// Whether ranges must be styled one row at a time (a streamed sheet), or may span rows.
    const ROW_BY_ROW: bool;
    fn column_width(&mut self, col: u16, width: f64) -> Result<(), XlsxError>;
    /// Freeze the rows above `row` and the columns left of `col`.
    fn freeze(&mut self, row: u32, col: u16) -> Result<(), XlsxError>;
    /// Landscape, one page wide, these rows (and columns) on every printed page.
    fn print_titles(&mut self, rows: Rows, cols: Option<Cols>) -> Result<(), XlsxError>;
    fn autofilter(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError>;
    /// The dropdown and the colour rules on a block of letter cells.
    fn letter_cells(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError>;
    fn write(&mut self, row: u32, col: u16, text: &str, style: Option<Style>) -> Result<(), XlsxError>;
    /// The height of a row in points (the default is 15).
    fn row_height(&mut self, row: u32, height: f64) -> Result<(), XlsxError>;
    /// Give every cell of the block a style, written or not.
    fn style_range(&mut self, rows: Rows, cols: Cols, style: Style) -> Result<(), XlsxError>;
}

/// rust_xlsxwriter's formats for every [`Style`], and its data validation and colour rules.
struct Formats {
    /// Per style, in [`Style::ALL`] order.
    formats: Vec<Format>,
    validation: DataValidation,
    /// One colour rule per letter, in [`LETTER_COLOURS`] order.
    letter_rules: Vec<ConditionalFormatText>,
}

impl Formats {
    fn new() -> Result<Self, XlsxError> {
        let formats: Vec<Format> = Style::ALL.iter().map(|s| format_of(s.spec())).collect();
        let letter_rules = LETTER_COLOURS
            .iter()
            .map(|&(letter, ..)| {
                ConditionalFormatText::new()
                    .set_rule(ConditionalFormatTextRule::BeginsWith(letter.as_char().to_string()))
                    .set_format(format_of(Style::Letter(letter).spec()))
            })
            .collect();
        Ok(Formats {
            formats,
            validation: DataValidation::new()
                .allow_list_strings(&CELL_VALUES)?
                .set_error_style(DataValidationErrorStyle::Stop)
                .set_error_title(VALIDATION_TITLE)?
                .set_error_message(VALIDATION_MESSAGE)?,
            letter_rules,
        })
    }

    fn get(&self, style: Style) -> &Format {
        &self.formats[style.position()]
    }
}

fn format_of(spec: Spec) -> Format {
    let mut f = Format::new();
    if spec.bold {
        f = f.set_bold();
    }
    if spec.italic {
        f = f.set_italic();
    }
    if let Some(size) = spec.size {
        f = f.set_font_size(size);
    }
    if let Some(colour) = spec.font {
        f = f.set_font_color(colour);
    }
    if let Some(colour) = spec.fill {
        f = f.set_background_color(colour);
    }
    if spec.border {
        f = f.set_border(FormatBorder::Thin).set_border_color(BORDER_COLOUR);
    }
    if spec.wrap {
        f = f.set_text_wrap();
    }
    if spec.center {
        f = f.set_align(FormatAlign::Center);
    }
    if spec.vcenter {
        f = f.set_align(FormatAlign::VerticalCenter);
    }
    if spec.top {
        f = f.set_align(FormatAlign::Top);
    }
    f
}

/// A rust_xlsxwriter worksheet built in memory.
struct InMemory<'a> {
    sheet: &'a mut Worksheet,
    formats: &'a Formats,
}

impl Sheet for InMemory<'_> {
    const ROW_BY_ROW: bool = false;

    fn column_width(&mut self, col: u16, width: f64) -> Result<(), XlsxError> {
        self.sheet.set_column_width(col, width).map(|_| ())
    }

    fn freeze(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        self.sheet.set_freeze_panes(row, col).map(|_| ())
    }

    fn print_titles(&mut self, rows: Rows, cols: Option<Cols>) -> Result<(), XlsxError> {
        self.sheet.set_landscape().set_print_fit_to_pages(1, 0);
        self.sheet.set_repeat_rows(rows.0, rows.1)?;
        if let Some((first, last)) = cols {
            self.sheet.set_repeat_columns(first, last)?;
        }
        Ok(())
    }

    fn autofilter(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.sheet.autofilter(rows.0, cols.0, rows.1, cols.1).map(|_| ())
    }

    fn letter_cells(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.sheet.add_data_validation(rows.0, cols.0, rows.1, cols.1, &self.formats.validation)?;
        for rule in &self.formats.letter_rules {
            self.sheet.add_conditional_format(rows.0, cols.0, rows.1, cols.1, rule)?;
        }
        Ok(())
    }

    fn write(&mut self, row: u32, col: u16, text: &str, style: Option<Style>) -> Result<(), XlsxError> {
        match style {
            Some(style) => self.sheet.write_string_with_format(row, col, text, self.formats.get(style))?,
            None => self.sheet.write_string(row, col, text)?,
        };
        Ok(())
    }

    fn row_height(&mut self, row: u32, height: f64) -> Result<(), XlsxError> {
        self.sheet.set_row_height(row, height).map(|_| ())
    }

    fn style_range(&mut self, rows: Rows, cols: Cols, style: Style) -> Result<(), XlsxError> {
        self.sheet.set_range_format(rows.0, cols.0, rows.1, cols.1, self.formats.get(style)).map(|_| ())
    }
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn row(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One team's sheet.
fn write_team<S: Sheet>(
    sheet: &mut S,
    view: &View<'_>,
    (team, tm, template): (&Team, &TeamMatrix, &Template),
    text: &TemplateText,
) -> Result<(), XlsxError> {
    let width = team.members.len();
    // Saturating: a team wider than a sheet is refused by the writer (RowColumnLimitError), not here.
    let last_person_col = FIRST_PERSON_COL.saturating_add(col(width)).saturating_sub(1);
    let description_col = last_person_col.saturating_add(1);
    let last_row = FIRST_ACTIVITY_ROW.saturating_add(row(template.activities.len())).saturating_sub(1);
    sheet.column_width(0, 12.0)?;
    sheet.column_width(1, 30.0)?;
    for c in 0..width {
        sheet.column_width(FIRST_PERSON_COL + col(c), 14.0)?;
    }
    sheet.column_width(description_col, 70.0)?;
    sheet.column_width(description_col.saturating_add(1), 12.0)?;
    sheet.freeze(FIRST_ACTIVITY_ROW, FIRST_PERSON_COL)?;
    // Printing: landscape, one page wide, header rows and activity columns on every page.
    sheet.print_titles((HEADER_ROW, HEADER_ROW + 1), Some((0, 1)))?;
    if width > 0 && !template.activities.is_empty() {
        sheet.letter_cells((FIRST_ACTIVITY_ROW, last_row), (FIRST_PERSON_COL, last_person_col))?;
    }

    sheet.write(0, 0, &format!("RACI: {}", team.name), Some(Style::Title))?;
    let subtitle = format!(
        "template {} {} · {} people · edit a cell with the dropdown: A, A/R, R, C or I",
        template.name, template.version, width
    );
    sheet.write(1, 0, &subtitle, None)?;

    // Cells of a row that share a style are written without one and then styled as a range: one
    // format lookup per range instead of one per cell (rust_xlsxwriter hashes the whole Format on
    // every formatted write). The result is the same cells with the same styles.
    sheet.write(HEADER_ROW, 0, "Phase", None)?;
    sheet.write(HEADER_ROW, 1, "Activity", None)?;
    for (m, member) in team.members.iter().enumerate() {
        sheet.write(HEADER_ROW, FIRST_PERSON_COL + col(m), view.name(member), None)?;
    }
    sheet.write(HEADER_ROW, description_col, "Description", None)?;
    sheet.write(HEADER_ROW, description_col.saturating_add(1), "Sources", None)?;
    sheet.style_range((HEADER_ROW, HEADER_ROW), (0, description_col.saturating_add(1)), Style::Header)?;

    sheet.write(HEADER_ROW + 1, 1, "role", None)?;
    let mut roles = String::new();
    for (m, member) in team.members.iter().enumerate() {
        roles.clear();
        for (i, parsed) in member.roles.iter().enumerate() {
            if i > 0 {
                roles.push('/');
            }
            roles.push_str(parsed.role.short());
        }
        sheet.write(HEADER_ROW + 1, FIRST_PERSON_COL + col(m), &roles, None)?;
    }
    sheet.style_range((HEADER_ROW + 1, HEADER_ROW + 1), (0, last_person_col.max(1)), Style::Role)?;

    for (a, activity) in template.activities.iter().enumerate() {
        let r = FIRST_ACTIVITY_ROW + row(a);
        sheet.write(r, 0, &template.phases[activity.phase], None)?;
        sheet.write(r, 1, &activity.name, None)?;
        for (m, cell) in tm.row(a).iter().enumerate() {
            if !cell.letters.is_empty() {
                sheet.write(r, FIRST_PERSON_COL + col(m), &LETTER_TEXTS[letters_index(cell.letters)], None)?;
            }
        }
        sheet.write(r, description_col, &activity.description, None)?;
        sheet.write(r, description_col.saturating_add(1), &text.sources[a], None)?;
        if S::ROW_BY_ROW {
            style_activity_rows(sheet, (r, r), width, description_col)?;
        }
    }
    if !S::ROW_BY_ROW && !template.activities.is_empty() {
        style_activity_rows(sheet, (FIRST_ACTIVITY_ROW, last_row), width, description_col)?;
    }

    let mut r = last_row + 2;
    sheet.write(r, 1, "Legend", Some(Style::Header))?;
    for (text, meaning) in LEGEND {
        r += 1;
        let style = Letters::parse(text).and_then(Letters::strongest).map_or(Style::Cell, Style::Letter);
        sheet.write(r, 1, text, Some(style))?;
        sheet.write(r, FIRST_PERSON_COL, meaning, None)?;
    }
    r += 2;
    sheet.write(r, 1, "Sources", None)?;
    for (id, citation) in &template.sources {
        r += 1;
        sheet.write(r, 1, id, None)?;
        sheet.write(r, FIRST_PERSON_COL, citation, None)?;
    }
    Ok(())
}

/// Styles of the activity rows: phase, activity, letter cells, description.
fn style_activity_rows<S: Sheet>(
    sheet: &mut S,
    rows: Rows,
    width: usize,
    description_col: u16,
) -> Result<(), XlsxError> {
    sheet.style_range(rows, (0, 0), Style::Phase)?;
    sheet.style_range(rows, (1, 1), Style::Activity)?;
    if width > 0 {
        sheet.style_range(rows, (FIRST_PERSON_COL, description_col - 1), Style::Cell)?;
    }
    sheet.style_range(rows, (description_col, description_col), Style::Text)
}

fn write_findings<S: Sheet>(sheet: &mut S, findings: &[Finding]) -> Result<(), XlsxError> {
    let headers = ["Severity", "Code", "Team", "Activities", "People", "Message", "Hint"];
    let widths = [10.0, 22.0, 18.0, 28.0, 24.0, 80.0, 60.0];
    // Message and hint wrap: rows get the height of their longer text, so no line hides behind the
    // next row (spreadsheet programs do not all fit heights when they open a file). About 1.1
    // characters of proportional text fit in a unit of column width.
    let lines = |text: &str, width: f64| (text.chars().count() as f64 / (width * 1.1)).ceil().max(1.0);
    let last_col = col(headers.len() - 1);
    for (c, w) in widths.into_iter().enumerate() {
        sheet.column_width(col(c), w)?;
    }
    sheet.freeze(1, 0)?;
    sheet.print_titles((0, 0), None)?;
    sheet.autofilter((0, row(findings.len().max(1))), (0, last_col))?;
    for (c, h) in headers.iter().enumerate() {
        sheet.write(0, col(c), h, Some(Style::Header))?;
    }
    let mut joined = String::new();
    for (i, f) in findings.iter().enumerate() {
        let r = row(i + 1);
        sheet.write(r, 0, f.severity.as_str(), Some(Style::Severity(f.severity)))?;
        sheet.write(r, 1, f.code.as_str(), None)?;
        sheet.write(r, 2, f.team.as_deref().unwrap_or(""), None)?;
        for (c, list) in [(3, &f.activities[..]), (4, &f.people[..])] {
            joined.clear();
            for (k, item) in list.iter().enumerate() {
                if k > 0 {
                    joined.push_str(", ");
                }
                joined.push_str(item);
            }
            sheet.write(r, c, &joined, None)?;
        }
        sheet.write(r, 5, &f.message, Some(Style::Text))?;
        sheet.write(r, 6, &f.hint, Some(Style::Text))?;
        let lines = lines(&f.message, widths[5]).max(lines(&f.hint, widths[6]));
        if lines > 1.0 {
            // Excel's tallest row is 409 points.
            sheet.row_height(r, (15.0 * lines).min(409.0))?;
        }
    }
    if findings.is_empty() {
        sheet.write(1, 0, "no findings", None)?;
    }
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
            let mut bytes = std::io::Cursor::new(Vec::new());
            write_with(&view, &analysis.findings, &mut bytes, in_memory_cells).map_err(xlsx)?;
            bytes.set_position(0);
            let mut book = Xlsx::new(bytes).map_err(|e| xlsx_read(&e))?;
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
