//! Rosters kept as spreadsheets (.xlsx, .xlsm, .xls, .xlsb, .ods), read with calamine. The roster is
//! the first sheet with a roster header (or the sheet `--sheet` names), the header found even below
//! a title row. Its rows become CSV text read like any roster, so every rule and message is the
//! same, with the sheet's row numbers as line numbers. A RACI letter grid met before any roster
//! sheet makes the workbook a matrix (read by `import::foreign`), not a roster.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, SheetType, SheetVisible, Sheets};

use crate::error::{Error, Location, Result};
use crate::import::letters;

use super::header::{ColumnPick, Field, map_header};
use super::{Parsed, ReadOptions, Roster, parse};

/// What an input workbook is taken as: `--input`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum InputKind {
    /// A sheet with a roster header is a roster; a RACI letter grid is a matrix.
    #[default]
    Auto,
    /// Always a roster: letter grids are skipped.
    Roster,
    /// A RACI matrix: a workbook raci wrote, or a grid of letters made elsewhere.
    Matrix,
}

/// How far down a sheet the header row may be.
const HEADER_SEARCH_ROWS: usize = 50;

/// Whether the bytes are a workbook rather than text: a zip (xlsx, ods) or an OLE file (xls).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Read the roster sheet of a workbook, or tell that its first sheet of interest is a RACI letter
/// grid; `file` names it in messages.
pub(super) fn read(bytes: &[u8], file: &str, options: &ReadOptions) -> Result<Parsed> {
    let mut book = open_book(bytes, file)?;
    let candidates = sheets_to_read(&book, file, options.sheet.as_deref())?;
    let mut first_error = None;
    for name in &candidates {
        let name = name.as_str();
        let source = format!("{file}:{name}");
        let range = book.worksheet_range(name).map_err(|e| {
            Error::roster(
                Location::file(source.clone()),
                format!("cannot read the sheet: {e}"),
                "save the workbook again",
            )
        })?;
        let rows = text_rows(&range);
        match find_header(&rows, &source, &options.columns) {
            Ok(header) => return roster_from_rows(&rows, header, file, &source, name, options).map(Parsed::Roster),
            Err(e) => {
                if options.input != InputKind::Roster && is_letter_grid(&rows) {
                    return Ok(Parsed::Matrix { sheet: Some(name.to_string()) });
                }
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| {
        Error::roster(
            Location::file(file),
            "the workbook has no visible worksheet",
            "put the roster on a visible sheet, or name it with --sheet",
        )
    }))
}

/// The sheets to read: the one `--sheet` names (exactly, else ignoring case), or every visible
/// worksheet in order; a name that is no sheet is refused with the list of sheets.
pub(crate) fn sheets_to_read(book: &Sheets<Cursor<&[u8]>>, file: &str, only: Option<&str>) -> Result<Vec<String>> {
    let all: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible))
        .collect();
    let Some(wanted) = only else {
        return Ok(all.into_iter().filter(|(_, shown)| *shown).map(|(n, _)| n).collect());
    };
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    let found = names.iter().find(|n| **n == wanted).or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)));
    match found {
        Some(name) => Ok(vec![name.to_string()]),
        None => Err(Error::roster(
            Location::file(file),
            format!("there is no sheet named '{wanted}'"),
            format!("the sheets are: {}", quoted(&names)),
        )),
    }
}

/// Open a workbook, or say in one message (naming `file`) that it cannot be, and what to do.
pub(crate) fn open_book<'a>(bytes: &'a [u8], file: &str) -> Result<Sheets<Cursor<&'a [u8]>>> {
    open(bytes).map_err(|e| {
        Error::roster(
            Location::file(file),
            format!("this looks like a workbook (xlsx, ods or xls) but cannot be read as one: {e}"),
            "open it in a spreadsheet program and save it again as .xlsx, or save the sheet as CSV UTF-8",
        )
    })
}

pub(crate) fn open(bytes: &[u8]) -> std::result::Result<Sheets<Cursor<&[u8]>>, String> {
    let cursor = Cursor::new(bytes);
    if bytes.starts_with(b"PK\x03\x04") {
        match calamine::Xlsx::new(cursor.clone()) {
            Ok(book) => Ok(Sheets::Xlsx(book)),
            Err(xlsx) => calamine::Ods::new(cursor.clone())
                .map(Sheets::Ods)
                .or_else(|_| calamine::Xlsb::new(cursor).map(Sheets::Xlsb))
                .map_err(|_| xlsx.to_string()),
        }
    } else {
        calamine::Xls::new(cursor).map(Sheets::Xls).map_err(|e| e.to_string())
    }
}

/// A sheet as text, one row per sheet row from the first (so positions are row numbers), each cell
/// on one line.
struct TextRows {
    /// The sheet row of `rows[0]` (0-based).
    first_row: u32,
    rows: Vec<Vec<String>>,
}

fn text_rows(range: &Range<Data>) -> TextRows {
    let first_row = range.start().map_or(0, |(row, _)| row);
    let rows = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    let text = cell.to_string();
                    // A line break in a cell would shift the line numbers of the CSV text.
                    if text.contains(['\n', '\r']) { text.replace(['\n', '\r'], " ") } else { text }
                })
                .collect()
        })
        .collect();
    TextRows { first_row, rows }
}

/// The header row (index into `rows`) and whether it has a team column: the first of the top rows
/// that names at least a name and a role column. Otherwise the error of the first row with two
/// filled cells (a title row has one), or of the first filled row.
fn find_header(rows: &TextRows, source: &str, picks: &[ColumnPick]) -> Result<(usize, bool)> {
    let (mut first_error, mut first_wide_error) = (None, None);
    for (i, row) in rows.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
        if filled == 0 {
            continue;
        }
        let width = row.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1);
        let record = csv::StringRecord::from(row[..width].to_vec());
        let line = u64::from(rows.first_row) + i as u64 + 1;
        match map_header(&record, source, line, b',', picks, &mut Vec::new()) {
            Ok(columns) => return Ok((i, columns.contains(Field::Team))),
            Err(e) if filled >= 2 && first_wide_error.is_none() => first_wide_error = Some(e),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_wide_error.or(first_error).unwrap_or_else(|| {
        Error::roster(
            Location::file(source),
            "the sheet is empty",
            "put a header row first, e.g. `name | role | team`, then one person per row",
        )
    }))
}

/// Whether the sheet is a RACI letter grid: at least four cells holding letters as people type
/// them (`A`, `a`, `A/R`, `Accountable`), and at least a quarter of the filled cells.
fn is_letter_grid(rows: &TextRows) -> bool {
    let (mut letters, mut filled) = (0usize, 0usize);
    for cell in rows.rows.iter().flatten().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        filled += 1;
        if cell.len() <= 40 && matches!(letters::read(cell), letters::Read::Letters(_)) {
            letters += 1;
        }
    }
    letters >= 4 && letters * 4 >= filled
}

/// The roster from the rows below `header`, read as CSV text with the sheet's row numbers.
fn roster_from_rows(
    rows: &TextRows,
    (header, has_team): (usize, bool),
    file: &str,
    source: &str,
    sheet: &str,
    options: &ReadOptions,
) -> Result<Roster> {
    let width = rows.rows[header].iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1);
    // No team column: everybody is one team named after the file, as for a CSV roster.
    let team = (!has_team).then(|| {
        Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| !s.is_empty() && *s != "<stdin>")
            .unwrap_or("Team")
    });
    let mut text = "\n".repeat(rows.first_row as usize + header);
    let mut cut_rows = Vec::new();
    {
        let mut csv = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for (i, row) in rows.rows.iter().enumerate().skip(header) {
            let mut cells: Vec<&str> = row.iter().take(width).map(String::as_str).collect();
            cells.resize(width, "");
            if row.iter().skip(width).any(|c| !c.trim().is_empty()) {
                cut_rows.push(u64::from(rows.first_row) + i as u64 + 1);
            }
            if let Some(team) = team {
                let blank = cells.iter().all(|c| c.trim().is_empty());
                cells.push(match (i == header, blank) {
                    (true, _) => "team",
                    (false, true) => "",
                    (false, false) => team,
                });
            }
            csv.write_record(&cells).map_err(|e| Error::roster(Location::file(source), e.to_string(), ""))?;
        }
        let bytes = csv.into_inner().map_err(|e| Error::roster(Location::file(source), e.to_string(), ""))?;
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    let csv_options = ReadOptions {
        delimiter: Some(b','),
        sheet: None,
        input: InputKind::Roster,
        columns: options.columns.clone(),
        group_by: options.group_by.clone(),
    };
    let mut roster = parse(text.as_bytes(), source, &csv_options)?;
    roster.file = file.to_string();
    roster.sheet = Some(sheet.to_string());
    let header_line = u64::from(rows.first_row) + header as u64 + 1;
    roster.notes.insert(0, format!("{file}: read sheet '{sheet}' as the roster (header on row {header_line})"));
    if options.delimiter.is_some() {
        roster.notes.push(format!("{file}: --delimiter does not apply to a workbook and was ignored"));
    }
    if !cut_rows.is_empty() {
        let shown: Vec<String> = cut_rows.iter().take(5).map(u64::to_string).collect();
        let more = if cut_rows.len() > 5 { format!(" and {} more", cut_rows.len() - 5) } else { String::new() };
        roster.notes.push(format!(
            "{source}: cells right of the header's last column are ignored (rows {}{more})",
            shown.join(", ")
        ));
    }
    Ok(roster)
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}
