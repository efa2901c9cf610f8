//! The worksheet operations the sheet layouts use, with the workbook's formats at hand. Every text
//! goes through [`limits::fit_cell`] and every row height through [`limits::ROW_HEIGHT`], so no
//! layout can write what Excel refuses; links past Excel's per-sheet limit are written as text.

use rust_xlsxwriter::{Formula, Url, Worksheet, XlsxError};

use super::limits::{self, fit_cell};
use super::styles::{Formats, Style};

/// A worksheet being written, and the workbook's formats.
pub(super) struct Sheet<'a> {
    pub(super) ws: &'a mut Worksheet,
    pub(super) formats: &'a Formats,
    /// Hyperlinks written so far.
    links: usize,
}

/// About how many characters of body text fit in one unit of column width.
const CHARS_PER_WIDTH: f64 = 1.1;

/// The height of one line of body text, in points.
pub(super) const LINE_HEIGHT: f64 = 15.0;

/// How many lines `text` wraps to in a column `width` wide.
pub(super) fn lines(text: &str, width: f64) -> f64 {
    let per_line = (width * CHARS_PER_WIDTH).max(1.0);
    // Explicit line breaks count, and each paragraph wraps on its own.
    text.split('\n').map(|p| (limits::utf16_len(p) as f64 / per_line).ceil().max(1.0)).sum()
}

impl<'a> Sheet<'a> {
    pub(super) fn new(ws: &'a mut Worksheet, formats: &'a Formats) -> Self {
        Sheet { ws, formats, links: 0 }
    }

    pub(super) fn width(&mut self, col: u16, width: f64) -> Result<(), XlsxError> {
        self.ws.set_column_width(col, width).map(|_| ())
    }

    /// A style for a whole column: cells written without one take it when the workbook is saved,
    /// which costs no format lookup per cell (rust_xlsxwriter hashes the whole format on every
    /// formatted write).
    pub(super) fn column_style(&mut self, col: u16, style: Style) -> Result<(), XlsxError> {
        self.ws.set_column_format(col, self.formats.get(style)).map(|_| ())
    }

    /// The height of a row in points, at most Excel's tallest.
    pub(super) fn height(&mut self, row: u32, points: f64) -> Result<(), XlsxError> {
        self.ws.set_row_height(row, points.min(limits::ROW_HEIGHT)).map(|_| ())
    }

    /// A row as tall as `lines` lines of text.
    pub(super) fn height_for_lines(&mut self, row: u32, lines: f64) -> Result<(), XlsxError> {
        if lines > 1.0 { self.height(row, LINE_HEIGHT * lines) } else { Ok(()) }
    }

    /// Text, shortened to fit a cell if it must.
    pub(super) fn text(&mut self, row: u32, col: u16, text: &str, style: Option<Style>) -> Result<(), XlsxError> {
        let text = fit_cell(text);
        match style {
            Some(style) => self.ws.write_string_with_format(row, col, text, self.formats.get(style))?,
            None => self.ws.write_string(row, col, text)?,
        };
        Ok(())
    }

    pub(super) fn number(&mut self, row: u32, col: u16, value: f64, style: Option<Style>) -> Result<(), XlsxError> {
        match style {
            Some(style) => self.ws.write_number_with_format(row, col, value, self.formats.get(style))?,
            None => self.ws.write_number(row, col, value)?,
        };
        Ok(())
    }

    /// A live formula with the result it has now, for readers that do not recalculate.
    pub(super) fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        result: &str,
        style: Option<Style>,
    ) -> Result<(), XlsxError> {
        let formula = Formula::new(formula).set_result(result);
        match style {
            Some(style) => self.ws.write_formula_with_format(row, col, formula, self.formats.get(style))?,
            None => self.ws.write_formula(row, col, formula)?,
        };
        Ok(())
    }

    /// Give every cell of a block a style, written or not: one format lookup for the block
    /// (rust_xlsxwriter hashes the whole format on every formatted write).
    pub(super) fn style(&mut self, rows: (u32, u32), cols: (u16, u16), style: Style) -> Result<(), XlsxError> {
        if rows.0 > rows.1 || cols.0 > cols.1 {
            return Ok(());
        }
        self.ws.set_range_format(rows.0, cols.0, rows.1, cols.1, self.formats.get(style)).map(|_| ())
    }

    /// A link showing `text`; plain text once the sheet holds as many links as Excel allows, or when
    /// the target is longer than a link may be.
    pub(super) fn link(&mut self, row: u32, col: u16, target: &str, text: &str) -> Result<(), XlsxError> {
        const TARGET_MAX: usize = 2_079;
        if self.links >= limits::LINKS || limits::utf16_len(target) > TARGET_MAX {
            return self.text(row, col, text, None);
        }
        self.links += 1;
        let url = Url::new(target).set_text(fit_cell(text));
        self.ws.write_url_with_format(row, col, url, self.formats.get(Style::Link)).map(|_| ())
    }

    /// Page header and footer: two parts each, `&` escaped, each cut so the whole stays within
    /// Excel's limit ([`limits::HEADER_FOOTER`]).
    pub(super) fn header_footer(&mut self, header: [&str; 2], footer: [&str; 2]) {
        let max = (limits::HEADER_FOOTER - 20) / 4;
        let part = |text: &str| limits::truncate_utf16(text, max).replace('&', "&&");
        self.ws.set_header(format!("&L&\"-,Bold\"{}&R{}", part(header[0]), part(header[1])));
        self.ws.set_footer(format!("&L{}&CPage &P of &N&R{}", part(footer[0]), part(footer[1])));
    }
}
