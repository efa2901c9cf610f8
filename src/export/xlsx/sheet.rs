//! The few worksheet operations the sheet layouts use, with the workbook's formats at hand.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::layout::{Cols, Rows};
use super::styles::{Formats, Style};

/// A worksheet and the workbook's formats.
pub(super) struct Sheet<'a> {
    pub(super) sheet: &'a mut Worksheet,
    pub(super) formats: &'a Formats,
}

impl Sheet<'_> {
    pub(super) fn column_width(&mut self, col: u16, width: f64) -> Result<(), XlsxError> {
        self.sheet.set_column_width(col, width).map(|_| ())
    }

    /// Freeze the rows above `row` and the columns left of `col`.
    pub(super) fn freeze(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        self.sheet.set_freeze_panes(row, col).map(|_| ())
    }

    /// Landscape, one page wide, these rows (and columns) on every printed page.
    pub(super) fn print_titles(&mut self, rows: Rows, cols: Option<Cols>) -> Result<(), XlsxError> {
        self.sheet.set_landscape().set_print_fit_to_pages(1, 0);
        self.sheet.set_repeat_rows(rows.0, rows.1)?;
        if let Some((first, last)) = cols {
            self.sheet.set_repeat_columns(first, last)?;
        }
        Ok(())
    }

    pub(super) fn autofilter(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.sheet.autofilter(rows.0, cols.0, rows.1, cols.1).map(|_| ())
    }

    /// The dropdown and the colour rules on a block of letter cells.
    pub(super) fn letter_cells(&mut self, rows: Rows, cols: Cols) -> Result<(), XlsxError> {
        self.sheet.add_data_validation(rows.0, cols.0, rows.1, cols.1, &self.formats.validation)?;
        for rule in &self.formats.letter_rules {
            self.sheet.add_conditional_format(rows.0, cols.0, rows.1, cols.1, rule)?;
        }
        Ok(())
    }

    pub(super) fn write(&mut self, row: u32, col: u16, text: &str, style: Option<Style>) -> Result<(), XlsxError> {
        match style {
            Some(style) => self.sheet.write_string_with_format(row, col, text, self.formats.get(style))?,
            None => self.sheet.write_string(row, col, text)?,
        };
        Ok(())
    }

    /// The height of a row in points (the default is 15).
    pub(super) fn row_height(&mut self, row: u32, height: f64) -> Result<(), XlsxError> {
        self.sheet.set_row_height(row, height).map(|_| ())
    }

    /// Give every cell of the block a style, written or not.
    pub(super) fn style_range(&mut self, rows: Rows, cols: Cols, style: Style) -> Result<(), XlsxError> {
        self.sheet.set_range_format(rows.0, cols.0, rows.1, cols.1, self.formats.get(style)).map(|_| ())
    }
}
