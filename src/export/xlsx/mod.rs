//! The workbook people keep: a summary, one self-checking RACI sheet per team, the workload per
//! person with a chart, the findings as an Excel table, and a hidden sheet of stable ids; or, for
//! large organisations, one such workbook per team or group plus `index.xlsx`. Output is
//! deterministic: the same input gives the same bytes.
//!
//! The jobs are cut by file: `book` plans and assembles a workbook, `dir` writes one per team or
//! group; `summary`, `team`, `workload`, `findings` and `meta` lay out their sheets on the rows and
//! columns of `layout`; `styles` holds every format, `print` the page set-up, `names` makes sheet and
//! file names, and `limits` holds Excel's limits.

mod book;
mod date;
mod dir;
mod embed;
mod findings;
pub(crate) mod layout;
pub(crate) mod limits;
mod meta;
mod names;
mod print;
mod sheet;
mod styles;
mod summary;
mod team;
mod workload;

use std::io::{Seek, Write};
use std::path::Path;

use crate::check::Finding;
use crate::error::Result;
use crate::matrix::View;

pub use date::Date;
pub use dir::{INDEX, Split, Written, same_file, write_dir};
pub use layout::FINDINGS_SHEET;
pub use names::sheet_names;
pub use print::Paper;

/// A single workbook with more team sheets than this is still written, but spreadsheet programs
/// open it slowly or not at all (headless LibreOffice: 20 s for 200 team sheets, 2 minutes for 600,
/// not within five for 2,001): the command line suggests `-o DIR/` above it.
pub const MANY_TEAMS: usize = 200;

/// How a workbook is written, beyond what it shows.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date the summary and the document properties record; `None` records none, and the
    /// properties carry a fixed date so that output stays byte-identical.
    pub date: Option<Date>,
    /// The paper the sheets print on.
    pub paper: Paper,
    /// Each letter's reason as a cell note (`A: product-owner, first in the chain`).
    pub notes: bool,
}

/// Write the workbook of every team to `writer` (a file, a buffer); `output` names it in messages
/// (`-` for standard output). Excel's limits are checked before anything is written.
pub fn write_to<W: Write + Seek + Send>(
    view: &View<'_>,
    findings: &[Finding],
    options: &Options,
    writer: W,
    output: &Path,
) -> Result<()> {
    let plan = book::Plan::whole(*view, options, findings);
    plan.check_limits(output, false)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let tempdir = output.parent().filter(|p| !p.as_os_str().is_empty() && p.is_dir());
    book::catching_temp_file_panics(output, || {
        let workbook = book::build(&plan, output, threads, tempdir)?;
        book::save(workbook, writer, output, true)
    })
}

/// The workbook of every team as xlsx bytes.
pub fn render(view: &View<'_>, findings: &[Finding], options: &Options) -> Result<Vec<u8>> {
    let mut out = std::io::Cursor::new(Vec::new());
    write_to(view, findings, options, &mut out, Path::new("-"))?;
    Ok(out.into_inner())
}
