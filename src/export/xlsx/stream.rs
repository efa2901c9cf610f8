//! The streamed workbook, for rosters too large to build in memory: every part of the xlsx package
//! is written straight into the zip, sheet by sheet and row by row, so memory holds one row at a
//! time however many teams there are. (rust_xlsxwriter keeps every worksheet until the workbook is
//! saved, at about 25 KB a sheet even in its low-memory mode: 250 MB for 10,000 teams.)
//!
//! It writes the same sheets as the in-memory workbook, through the same layout code ([`Sheet`]):
//! the same cells, styles ([`Style::spec`]), column widths, frozen panes, dropdowns, colour rules,
//! print set-up and autofilter. Each distinct string is kept once, for the shared string table
//! written after the sheets.

use std::fmt::Write as _;
use std::io::{Seek, Write};

use rust_xlsxwriter::XlsxError;
use rustc_hash::FxHashMap;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{
    CELL_VALUES, Cols, DOC_COMMENT, DOC_CREATED, DOC_TITLE, FINDINGS_SHEET, LETTER_COLOURS, Rows, Sheet, Style,
    TemplateText, VALIDATION_MESSAGE, VALIDATION_TITLE, ZIP_LEVEL, sheet_names, write_findings, write_team,
};
use crate::check::Finding;
use crate::matrix::View;

/// Excel's limits: rows and columns of a sheet, characters in a cell.
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u16 = 16_383;
const MAX_STRING_CHARS: usize = 32_767;

/// Sheet XML is handed to the zip in pieces of about this size.
const FLUSH_AT: usize = 1 << 16;

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Write the whole workbook to `writer`.
pub(super) fn write<W: Write + Seek>(view: &View<'_>, findings: &[Finding], writer: W) -> Result<(), XlsxError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(i64::from(ZIP_LEVEL)))
        .last_modified_time(DateTime::default());
    let mut zip = ZipWriter::new(Fuse { inner: writer, failed: false, position: 0 });
    let per_template: Vec<TemplateText> = view.templates.iter().map(TemplateText::new).collect();
    let mut names = sheet_names(view.roster.teams.iter().map(|t| t.name.as_str()));
    names.push(FINDINGS_SHEET.to_string());

    part(&mut zip, options, "[Content_Types].xml", &content_types(names.len()))?;
    part(&mut zip, options, "_rels/.rels", &package_rels())?;
    part(&mut zip, options, "docProps/core.xml", &core_properties())?;
    part(&mut zip, options, "xl/_rels/workbook.xml.rels", &workbook_rels(names.len()))?;
    part(&mut zip, options, "xl/styles.xml", &styles())?;

    let mut shared = Shared::default();
    for (index, (team, tm, template)) in view.teams().enumerate() {
        let mut sheet = StreamedSheet::start(&mut zip, options, index, &names[index], &mut shared)?;
        write_team(&mut sheet, view, (team, tm, template), &per_template[tm.template])?;
        sheet.finish()?;
    }
    let index = names.len() - 1;
    let mut sheet = StreamedSheet::start(&mut zip, options, index, &names[index], &mut shared)?;
    write_findings(&mut sheet, findings)?;
    sheet.finish()?;

    zip.start_file("xl/sharedStrings.xml", options)?;
    shared.strings.write(&mut zip)?;
    part(&mut zip, options, "xl/workbook.xml", &workbook(&names, &shared.defined_names))?;
    zip.finish()?;
    Ok(())
}

/// The output, fused at its first error: later writes and seeks are dropped. A `ZipWriter` dropped
/// before it is finished tries to complete the archive and prints to stderr when it cannot; after a
/// failed write there is nothing worth completing, and the library must not print.
struct Fuse<W> {
    inner: W,
    failed: bool,
    /// Where the dropped writes would have gone.
    position: u64,
}

impl<W> Fuse<W> {
    fn check<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        self.failed |= result.is_err();
        result
    }
}

impl<W: Write> Write for Fuse<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            self.position = self.position.saturating_add(buf.len() as u64);
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.check(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.check(flushed)
    }
}

impl<W: Seek> Seek for Fuse<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        if !self.failed {
            let moved = self.inner.seek(to);
            self.position = self.check(moved)?;
            return Ok(self.position);
        }
        self.position = match to {
            std::io::SeekFrom::Start(n) => n,
            std::io::SeekFrom::Current(d) | std::io::SeekFrom::End(d) => self.position.saturating_add_signed(d),
        };
        Ok(self.position)
    }
}

fn part<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    options: SimpleFileOptions,
    name: &str,
    xml: &str,
) -> Result<(), XlsxError> {
    zip.start_file(name, options)?;
    zip.write_all(xml.as_bytes())?;
    Ok(())
}

/// What the sheets add to as they are written, for the parts written after them.
#[derive(Default)]
struct Shared {
    strings: Strings,
    /// The workbook's defined names (print titles, autofilter ranges).
    defined_names: String,
}

/// The shared string table: each distinct string once, numbered in order of first use.
#[derive(Default)]
struct Strings {
    index: FxHashMap<Box<str>, u32>,
    /// Cells referring to a string, duplicates included.
    uses: u64,
}

impl Strings {
    fn get(&mut self, text: &str) -> u32 {
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = u32::try_from(self.index.len()).unwrap_or(u32::MAX);
        self.index.insert(text.into(), i);
        i
    }

    /// `xl/sharedStrings.xml`, in pieces.
    fn write(self, out: &mut impl Write) -> Result<(), XlsxError> {
        let mut strings: Vec<(Box<str>, u32)> = self.index.into_iter().collect();
        strings.sort_unstable_by_key(|&(_, i)| i);
        let mut x = format!(
            "{XML_DECLARATION}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            strings.len()
        );
        for (text, _) in strings {
            x.push_str("<si>");
            text_element(&mut x, &text);
            x.push_str("</si>");
            if x.len() >= FLUSH_AT {
                out.write_all(x.as_bytes())?;
                x.clear();
            }
        }
        x.push_str("</sst>");
        out.write_all(x.as_bytes())?;
        Ok(())
    }
}

/// One sheet being written: settings first, then rows in order, each held until the next starts.
struct StreamedSheet<'z, W: Write + Seek> {
    zip: &'z mut ZipWriter<W>,
    index: usize,
    name: &'z str,
    shared: &'z mut Shared,
    /// XML not yet handed to the zip.
    xml: String,
    /// Settings, written in the sheet's opening before the first row.
    columns: Vec<(u16, f64)>,
    pane: Option<(u32, u16)>,
    print_titles: Option<(Rows, Option<Cols>)>,
    autofilter: Option<(Rows, Cols)>,
    letter_cells: Option<(Rows, Cols)>,
    opened: bool,
    /// The current row: its number, height if not the default, and cells sorted by column (column,
    /// text span in `text`, style).
    row: Option<u32>,
    height: Option<f64>,
    cells: Vec<(u16, (usize, usize), Option<Style>)>,
    text: String,
}

impl<'z, W: Write + Seek> StreamedSheet<'z, W> {
    fn start(
        zip: &'z mut ZipWriter<W>,
        options: SimpleFileOptions,
        index: usize,
        name: &'z str,
        shared: &'z mut Shared,
    ) -> Result<Self, XlsxError> {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", index + 1), options)?;
        Ok(StreamedSheet {
            zip,
            index,
            name,
            shared,
            xml: String::with_capacity(FLUSH_AT + 4096),
            columns: Vec::new(),
            pane: None,
            print_titles: None,
            autofilter: None,
            letter_cells: None,
            opened: false,
            row: None,
            height: None,
            cells: Vec::new(),
            text: String::new(),
        })
    }

    fn settings_first(&self) -> Result<(), XlsxError> {
        if self.opened {
            return Err(XlsxError::ParameterError("a streamed sheet takes its settings before its first cell".into()));
        }
        Ok(())
    }

    /// The sheet's opening, up to `<sheetData>`.
    fn open(&mut self) {
        if self.opened {
            return;
        }
        self.opened = true;
        let x = &mut self.xml;
        x.push_str(XML_DECLARATION);
        _ = write!(x, "<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\">");
        if self.print_titles.is_some() {
            x.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        }
        x.push_str("<sheetViews><sheetView");
        if self.index == 0 {
            x.push_str(" tabSelected=\"1\"");
        }
        x.push_str(" workbookViewId=\"0\"");
        match self.pane {
            Some((row, col)) if row > 0 || col > 0 => {
                x.push('>');
                pane(x, row, col);
                x.push_str("</sheetView>");
            }
            _ => x.push_str("/>"),
        }
        x.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
        if !self.columns.is_empty() {
            // A column set twice takes its last width, as in rust_xlsxwriter.
            self.columns.reverse();
            self.columns.sort_by_key(|&(col, _)| col);
            self.columns.dedup_by_key(|&mut (col, _)| col);
            x.push_str("<cols>");
            // Neighbouring columns of one width share an entry.
            for run in self.columns.chunk_by(|a, b| b.0 == a.0 + 1 && b.1 == a.1) {
                let (first, width) = run[0];
                let last = run[run.len() - 1].0;
                _ = write!(
                    x,
                    "<col min=\"{}\" max=\"{}\" width=\"{}\" customWidth=\"1\"/>",
                    u32::from(first) + 1,
                    u32::from(last) + 1,
                    excel_width(width)
                );
            }
            x.push_str("</cols>");
        }
        x.push_str("<sheetData>");
    }

    /// Move on to `row`, writing out the row before it.
    fn at_row(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        if row > MAX_ROW || col > MAX_COL {
            return Err(XlsxError::RowColumnLimitError);
        }
        self.open();
        match self.row {
            Some(current) if row < current => return Err(XlsxError::RowColumnOrderError),
            Some(current) if row == current => return Ok(()),
            _ => {}
        }
        self.end_row()?;
        self.row = Some(row);
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), XlsxError> {
        let Some(row) = self.row.take() else { return Ok(()) };
        let r = row + 1;
        match self.height.take() {
            Some(height) => _ = write!(self.xml, "<row r=\"{r}\" ht=\"{height}\" customHeight=\"1\">"),
            None => _ = write!(self.xml, "<row r=\"{r}\">"),
        }
        for &(col, (start, end), style) in &self.cells {
            self.xml.push_str("<c r=\"");
            column_name(&mut self.xml, col);
            _ = write!(self.xml, "{r}\"");
            if let Some(style) = style {
                _ = write!(self.xml, " s=\"{}\"", style.position() + 1);
            }
            let text = &self.text[start..end];
            if text.is_empty() {
                self.xml.push_str("/>");
            } else {
                _ = write!(self.xml, " t=\"s\"><v>{}</v></c>", self.shared.strings.get(text));
            }
        }
        self.xml.push_str("</row>");
        self.cells.clear();
        self.text.clear();
        if self.xml.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), XlsxError> {
        self.zip.write_all(self.xml.as_bytes())?;
        self.xml.clear();
        Ok(())
    }

    /// Close the sheet: the last row, then what follows the cells, and its defined names.
    fn finish(mut self) -> Result<(), XlsxError> {
        self.open();
        self.end_row()?;
        let x = &mut self.xml;
        x.push_str("</sheetData>");
        let sheet = quoted_sheet(self.name);
        if let Some((rows, cols)) = self.autofilter {
            x.push_str("<autoFilter ref=\"");
            range(x, rows, cols);
            x.push_str("\"/>");
            _ = write!(
                self.shared.defined_names,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{}\" hidden=\"1\">{sheet}!",
                self.index
            );
            absolute_range(&mut self.shared.defined_names, rows, cols);
            self.shared.defined_names.push_str("</definedName>");
        }
        if let Some((rows, cols)) = self.letter_cells {
            x.push_str("<conditionalFormatting sqref=\"");
            range(x, rows, cols);
            x.push_str("\">");
            let mut top_left = String::new();
            column_name(&mut top_left, cols.0);
            _ = write!(top_left, "{}", rows.0 + 1);
            for (priority, (letter, ..)) in LETTER_COLOURS.iter().enumerate() {
                let l = letter.as_char();
                _ = write!(
                    x,
                    "<cfRule type=\"beginsWith\" dxfId=\"{priority}\" priority=\"{}\" operator=\"beginsWith\" \
                     text=\"{l}\"><formula>LEFT({top_left},1)=\"{l}\"</formula></cfRule>",
                    priority + 1
                );
            }
            x.push_str("</conditionalFormatting>");
            _ = write!(
                x,
                "<dataValidations count=\"1\"><dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" \
                 showErrorMessage=\"1\" errorTitle=\"{}\" error=\"{}\" sqref=\"",
                escape(VALIDATION_TITLE),
                escape(VALIDATION_MESSAGE)
            );
            range(x, rows, cols);
            _ = write!(x, "\"><formula1>\"{}\"</formula1></dataValidation></dataValidations>", CELL_VALUES.join(","));
        }
        x.push_str(
            "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>",
        );
        if let Some((rows, cols)) = self.print_titles {
            x.push_str("<pageSetup orientation=\"landscape\" fitToHeight=\"0\"/>");
            _ = write!(
                self.shared.defined_names,
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{}\">",
                self.index
            );
            if let Some((first, last)) = cols {
                self.shared.defined_names.push_str(&sheet);
                self.shared.defined_names.push_str("!$");
                column_name(&mut self.shared.defined_names, first);
                self.shared.defined_names.push_str(":$");
                column_name(&mut self.shared.defined_names, last);
                self.shared.defined_names.push(',');
            }
            _ = write!(self.shared.defined_names, "{sheet}!${}:${}</definedName>", rows.0 + 1, rows.1 + 1);
        }
        x.push_str("</worksheet>");
        self.flush()
    }
}

impl<W: Write + Seek> Sheet for StreamedSheet<'_, W> {
    const ROW_BY_ROW: bool = true;

    fn column_width(&mut self, col: u16, width: f64) -> Result<(), XlsxError> {
        self.settings_first()?;
        if col > MAX_COL {
            return Err(XlsxError::RowColumnLimitError);
        }
        self.columns.push((col, width));
        Ok(())
    }

    fn freeze(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        self.settings_first()?;
        self.pane = Some((row, col));
        Ok(())
    }

    fn print_titles(&mut self, rows: Rows, cols: Option<Cols>) -> Result<(), XlsxError> {
        self.settings_first()?;
        self.print_titles = Some((rows, cols));
        Ok(())
    }

    fn autofilter(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.settings_first()?;
        check_range(rows, cols)?;
        self.autofilter = Some((rows, cols));
        Ok(())
    }

    fn letter_cells(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.settings_first()?;
        check_range(rows, cols)?;
        self.letter_cells = Some((rows, cols));
        Ok(())
    }

    fn write(&mut self, row: u32, col: u16, text: &str, style: Option<Style>) -> Result<(), XlsxError> {
        // A string of at most MAX_STRING_CHARS bytes has at most as many characters.
        if text.len() > MAX_STRING_CHARS && text.chars().count() > MAX_STRING_CHARS {
            return Err(XlsxError::MaxStringLengthExceeded);
        }
        self.at_row(row, col)?;
        if text.is_empty() && style.is_none() {
            return Ok(());
        }
        let start = self.text.len();
        self.text.push_str(text);
        let span = (start, self.text.len());
        // Cells stay sorted by column; the layouts write left to right, so this is nearly always a push.
        match self.cells.last() {
            Some(&(last, ..)) if last >= col => match self.cells.binary_search_by_key(&col, |&(c, ..)| c) {
                Ok(i) => self.cells[i] = (col, span, style.or(self.cells[i].2)),
                Err(i) => self.cells.insert(i, (col, span, style)),
            },
            _ => self.cells.push((col, span, style)),
        }
        Ok(())
    }

    fn row_height(&mut self, row: u32, height: f64) -> Result<(), XlsxError> {
        self.at_row(row, 0)?;
        self.height = Some(height);
        Ok(())
    }

    fn style_range(&mut self, rows: Rows, cols: Cols, style: Style) -> Result<(), XlsxError> {
        if rows.0 != rows.1 {
            return Err(XlsxError::ParameterError("a streamed sheet styles one row at a time".into()));
        }
        check_range(rows, cols)?;
        self.at_row(rows.0, cols.1)?;
        // Merge the range into the sorted cells: styled where written, a styled blank elsewhere.
        let (before, rest) = self.cells.split_at(self.cells.partition_point(|&(c, ..)| c < cols.0));
        let (inside, after) = rest.split_at(rest.partition_point(|&(c, ..)| c <= cols.1));
        let mut merged = Vec::with_capacity(before.len() + usize::from(cols.1 - cols.0) + 1 + after.len());
        merged.extend_from_slice(before);
        let mut written = inside.iter().peekable();
        for col in cols.0..=cols.1 {
            let span = match written.next_if(|&&(c, ..)| c == col) {
                Some(&(_, span, _)) => span,
                None => (0, 0),
            };
            merged.push((col, span, Some(style)));
        }
        merged.extend_from_slice(after);
        self.cells = merged;
        Ok(())
    }
}

fn check_range(rows: Rows, cols: Cols) -> Result<(), XlsxError> {
    if rows.1 > MAX_ROW || cols.1 > MAX_COL {
        return Err(XlsxError::RowColumnLimitError);
    }
    if rows.0 > rows.1 || cols.0 > cols.1 {
        return Err(XlsxError::RowColumnOrderError);
    }
    Ok(())
}

/// A column width in characters as Excel stores it (Calibri 11: 7 pixels a digit, 5 of padding).
fn excel_width(width: f64) -> f64 {
    if width <= 0.0 {
        return 0.0;
    }
    let pixels = if width < 1.0 { (width * 12.0).round() } else { (width * 7.0).round() + 5.0 };
    (pixels / 7.0 * 256.0).trunc() / 256.0
}

/// `A`, `Z`, `AA`, ... for a 0-based column.
fn column_name(out: &mut String, col: u16) {
    let mut n = u32::from(col) + 1;
    let mut letters = [0u8; 3];
    let mut len = 0;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters[len] = b'A' + rem as u8;
        len += 1;
        n = (n - 1) / 26;
    }
    for &b in letters[..len].iter().rev() {
        out.push(char::from(b));
    }
}

fn cell_ref(out: &mut String, row: u32, col: u16) {
    column_name(out, col);
    _ = write!(out, "{}", row + 1);
}

/// `C5:G32`, or `C5` for one cell.
fn range(out: &mut String, rows: Rows, cols: Cols) {
    cell_ref(out, rows.0, cols.0);
    if rows != (rows.0, rows.0) || cols != (cols.0, cols.0) {
        out.push(':');
        cell_ref(out, rows.1, cols.1);
    }
}

/// `$A$1:$G$8`.
fn absolute_range(out: &mut String, rows: Rows, cols: Cols) {
    for (i, (row, col)) in [(rows.0, cols.0), (rows.1, cols.1)].into_iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push('$');
        column_name(out, col);
        _ = write!(out, "${}", row + 1);
    }
}

fn pane(x: &mut String, row: u32, col: u16) {
    let mut top_left = String::new();
    cell_ref(&mut top_left, row, col);
    match (row > 0, col > 0) {
        (true, true) => {
            let (mut right, mut below) = (String::new(), String::new());
            cell_ref(&mut right, 0, col);
            cell_ref(&mut below, row, 0);
            _ = write!(
                x,
                "<pane xSplit=\"{col}\" ySplit=\"{row}\" topLeftCell=\"{top_left}\" activePane=\"bottomRight\" \
                 state=\"frozen\"/><selection pane=\"topRight\" activeCell=\"{right}\" sqref=\"{right}\"/>\
                 <selection pane=\"bottomLeft\" activeCell=\"{below}\" sqref=\"{below}\"/>\
                 <selection pane=\"bottomRight\"/>"
            );
        }
        (true, false) => {
            _ = write!(
                x,
                "<pane ySplit=\"{row}\" topLeftCell=\"{top_left}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\"/>"
            )
        }
        _ => {
            _ = write!(
                x,
                "<pane xSplit=\"{col}\" topLeftCell=\"{top_left}\" activePane=\"topRight\" state=\"frozen\"/>\
             <selection pane=\"topRight\"/>"
            )
        }
    }
}

/// A sheet name as formulas and defined names refer to it: quoted unless plain letters that cannot be
/// read as an R1C1 reference (`R`, `C`, `RC`).
fn quoted_sheet(name: &str) -> String {
    let plain = name.chars().all(|c| c.is_ascii_alphabetic())
        && !["R", "C", "RC"].iter().any(|rc| name.eq_ignore_ascii_case(rc));
    if plain { name.to_string() } else { format!("'{}'", escape(&name.replace('\'', "''"))) }
}

/// `<t>` with the text escaped, keeping leading and trailing spaces. Text that reads like one of
/// Excel's `_xHHHH_` escapes gets its underscore escaped (`_x005F_`), so it shows as written.
fn text_element(out: &mut String, text: &str) {
    let preserve = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
    out.push_str(if preserve { "<t xml:space=\"preserve\">" } else { "<t>" });
    let bytes = text.as_bytes();
    let mut done = 0;
    for (at, _) in text.match_indices("_x") {
        let hex = bytes.get(at + 2..at + 6).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        if hex && bytes.get(at + 6) == Some(&b'_') {
            escape_into(out, &text[done..at]);
            out.push_str("_x005F");
            done = at;
        }
    }
    escape_into(out, &text[done..]);
    out.push_str("</t>");
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Escape text for XML content or a quoted attribute. Characters XML cannot hold become Excel's
/// `_xHHHH_` escapes, as rust_xlsxwriter writes them.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => _ = write!(out, "_x{:04X}_", c as u32),
            c => out.push(c),
        }
    }
}

fn content_types(sheets: usize) -> String {
    let mut x = String::from(XML_DECLARATION);
    x.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/docProps/core.xml\" \
         ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" \
         ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    for n in 1..=sheets {
        _ = write!(
            x,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    x.push_str("</Types>");
    x
}

fn package_rels() -> String {
    format!(
        "{XML_DECLARATION}<Relationships xmlns=\"{PACKAGE_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" \
         Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
         Target=\"docProps/core.xml\"/></Relationships>"
    )
}

fn core_properties() -> String {
    let (y, m, d) = DOC_CREATED;
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00Z");
    format!(
        "{XML_DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:description>{}</dc:description>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
        escape(DOC_TITLE),
        escape(DOC_COMMENT)
    )
}

fn workbook_rels(sheets: usize) -> String {
    let mut x = format!("{XML_DECLARATION}<Relationships xmlns=\"{PACKAGE_REL_NS}\">");
    for n in 1..=sheets {
        _ = write!(x, "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>");
    }
    _ = write!(x, "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/>", sheets + 1);
    _ = write!(
        x,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
        sheets + 2
    );
    x.push_str("</Relationships>");
    x
}

fn workbook(names: &[String], defined_names: &str) -> String {
    let mut x = format!(
        "{XML_DECLARATION}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><bookViews>\
         <workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>"
    );
    for (i, name) in names.iter().enumerate() {
        _ = write!(x, "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", escape(name), i + 1, i + 1);
    }
    x.push_str("</sheets>");
    if !defined_names.is_empty() {
        _ = write!(x, "<definedNames>{defined_names}</definedNames>");
    }
    x.push_str("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
    x
}

fn argb(colour: u32) -> String {
    format!("FF{colour:06X}")
}

/// The style sheet: a font, fill and cell format per [`Style`] (cell format `position + 1`; 0 is
/// the default), and the colour-rule formats in [`LETTER_COLOURS`] order.
fn styles() -> String {
    let font = |x: &mut String, bold: bool, italic: bool, size: u8, colour: u32| {
        x.push_str("<font>");
        if bold {
            x.push_str("<b/>");
        }
        if italic {
            x.push_str("<i/>");
        }
        _ = write!(
            x,
            "<sz val=\"{size}\"/><color rgb=\"{}\"/><name val=\"Calibri\"/><family val=\"2\"/></font>",
            argb(colour)
        );
    };
    let specs: Vec<_> = Style::ALL.iter().map(|s| s.spec()).collect();
    let mut x = format!("{XML_DECLARATION}<styleSheet xmlns=\"{MAIN_NS}\">");
    _ = write!(x, "<fonts count=\"{}\">", specs.len() + 1);
    font(&mut x, false, false, 11, 0);
    for s in &specs {
        font(&mut x, s.bold, s.italic, s.size.unwrap_or(11), s.font.unwrap_or(0));
    }
    x.push_str("</fonts>");
    let fills: Vec<u32> = specs.iter().filter_map(|s| s.fill).collect();
    _ = write!(
        x,
        "<fills count=\"{}\"><fill><patternFill patternType=\"none\"/></fill>\
         <fill><patternFill patternType=\"gray125\"/></fill>",
        fills.len() + 2
    );
    for &fill in &fills {
        _ = write!(
            x,
            "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"{}\"/><bgColor indexed=\"64\"/></patternFill></fill>",
            argb(fill)
        );
    }
    let edge = |side: &str| format!("<{side} style=\"thin\"><color rgb=\"{}\"/></{side}>", argb(super::BORDER_COLOUR));
    _ = write!(
        x,
        "</fills><borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
         <border>{}{}{}{}<diagonal/></border></borders>",
        edge("left"),
        edge("right"),
        edge("top"),
        edge("bottom")
    );
    x.push_str(
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    );
    _ = write!(
        x,
        "<cellXfs count=\"{}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>",
        specs.len() + 1
    );
    let mut next_fill = 2;
    for (i, s) in specs.iter().enumerate() {
        let fill = match s.fill {
            Some(_) => {
                next_fill += 1;
                next_fill - 1
            }
            None => 0,
        };
        _ = write!(
            x,
            "<xf numFmtId=\"0\" fontId=\"{}\" fillId=\"{fill}\" borderId=\"{}\" xfId=\"0\" applyFont=\"1\"",
            i + 1,
            u8::from(s.border)
        );
        if fill > 0 {
            x.push_str(" applyFill=\"1\"");
        }
        if s.border {
            x.push_str(" applyBorder=\"1\"");
        }
        let horizontal = if s.center { " horizontal=\"center\"" } else { "" };
        let vertical = if s.vcenter {
            " vertical=\"center\""
        } else if s.top {
            " vertical=\"top\""
        } else {
            ""
        };
        let wrap = if s.wrap { " wrapText=\"1\"" } else { "" };
        if horizontal.is_empty() && vertical.is_empty() && wrap.is_empty() {
            x.push_str("/>");
        } else {
            _ = write!(x, " applyAlignment=\"1\"><alignment{horizontal}{vertical}{wrap}/></xf>");
        }
    }
    x.push_str(
        "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>",
    );
    _ = write!(x, "<dxfs count=\"{}\">", LETTER_COLOURS.len());
    for &(_, fill, font) in &LETTER_COLOURS {
        _ = write!(
            x,
            "<dxf><font><b/><color rgb=\"{}\"/></font><fill><patternFill><bgColor rgb=\"{}\"/></patternFill></fill></dxf>",
            argb(font),
            argb(fill)
        );
    }
    x.push_str("</dxfs><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_refs_and_widths() {
        let name = |col| {
            let mut s = String::new();
            column_name(&mut s, col);
            s
        };
        assert_eq!(
            [name(0), name(25), name(26), name(701), name(702), name(MAX_COL)],
            ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
        );
        let mut r = String::new();
        range(&mut r, (4, 31), (2, 6));
        range(&mut r, (0, 0), (0, 0));
        assert_eq!(r, "C5:G32A1");
        assert_eq!(excel_width(12.0), 12.7109375);
        assert_eq!(excel_width(70.0), 70.7109375);
        assert_eq!(quoted_sheet("Lumen"), "Lumen");
        assert_eq!(quoted_sheet("Bob's team"), "'Bob''s team'");
        assert_eq!([quoted_sheet("R"), quoted_sheet("rc"), quoted_sheet("Rc7")], ["'R'", "'rc'", "'Rc7'"]);
        let mut t = String::new();
        text_element(&mut t, "a _x0041_ b _x12_ _xZZZZ_ _x00e9__x0001_");
        assert_eq!(t, "<t>a _x005F_x0041_ b _x12_ _xZZZZ_ _x005F_x00e9__x005F_x0001_</t>");
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;_x0001_");
    }
}
