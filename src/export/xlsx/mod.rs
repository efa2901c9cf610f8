//! The workbook: one RACI sheet per team (colour-coded by conditional formatting, a dropdown on every
//! letter cell, frozen headers, a legend) and a findings sheet. Output is deterministic.
//!
//! The jobs are cut by file: `book` assembles the workbook, `team` and `findings` lay out their
//! sheets on the rows and columns of `layout`, `styles` holds every format, `names` makes sheet
//! names, and `limits` holds Excel's limits.

mod book;
mod findings;
mod layout;
mod limits;
mod names;
mod sheet;
mod styles;
mod team;

use std::io::{Seek, Write};

use rust_xlsxwriter::XlsxError;

use crate::check::Finding;
use crate::matrix::View;

pub use names::sheet_names;

/// Name of the findings sheet.
pub const FINDINGS_SHEET: &str = "Findings";

/// Build the workbook in memory and return the xlsx bytes.
pub fn render(view: &View<'_>, findings: &[Finding]) -> Result<Vec<u8>, XlsxError> {
    // Room for the whole zip up front (about 10 bytes a cell at ZIP_LEVEL; pages that are not
    // written to cost nothing), so it is not copied over and over as it grows.
    let capacity = book::cell_count(view, findings).saturating_mul(12).saturating_add(1 << 16);
    let mut out = std::io::Cursor::new(Vec::with_capacity(capacity));
    write_to(view, findings, &mut out)?;
    Ok(out.into_inner())
}

/// Write the workbook to `writer` (a file, a buffer), built in memory by rust_xlsxwriter: team
/// sheets and the findings sheet several at a time.
pub fn write_to<W: Write + Seek + Send>(view: &View<'_>, findings: &[Finding], writer: W) -> Result<(), XlsxError> {
    let mut workbook = book::build(view, findings)?;
    let saved = workbook.save_to_writer(writer);
    book::drop_in_background(workbook);
    saved
}
