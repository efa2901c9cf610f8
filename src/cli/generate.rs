//! `raci generate`: the workbook, written atomically, and Excel's limits explained at the roster line.

use std::io::Write;
use std::path::{Path, PathBuf};

use raci::export::{self, Format};
use raci::{Analysis, Error, Policy, Result};

use super::formats::{self, MatrixFormat};
use super::output::{output_path, print_stdout, stdout_result};
use super::{Input, Outcome};

pub(super) fn generate(input: &Input, output: Option<PathBuf>, format: Option<MatrixFormat>) -> Result<Outcome> {
    let (output, format) = formats::choose(&input.roster, output, format)?;
    if format != Format::Xlsx {
        return formats::write(input, output, format);
    }
    let target = output_path(&input.roster, output)?;
    let analysis = input.analyse()?;
    let summary = analysis.summary(&analysis.findings, &Policy::default());
    let writing = formats::writing(target.as_deref());
    match &target {
        Some(path) => {
            // Written into a temporary file next to the target; nothing touches the output path until
            // the workbook is complete.
            export::write_atomic_with(path, |out| {
                export::xlsx::write_to(&analysis.view(), &analysis.findings, out)
                    .map_err(|e| xlsx_error(e, path, |e| workbook_error(&analysis, Some(path), e)))
            })?;
            drop(writing);
            if !super::quiet() {
                print_stdout(&format!("wrote {}: {}\n", path.display(), summary.line()))?;
            }
        }
        None => {
            let bytes = export::xlsx::render(&analysis.view(), &analysis.findings)
                .map_err(|source| workbook_error(&analysis, None, source))?;
            drop(writing);
            let mut out = std::io::stdout().lock();
            stdout_result(out.write_all(&bytes).and_then(|()| out.flush()))?;
            if !super::quiet() {
                eprintln!("raci: {}", summary.line());
            }
        }
    }
    Ok(Outcome::Clean)
}

/// A failed write leaves the output path untouched; any other workbook error is explained by `other`.
fn xlsx_error(
    e: rust_xlsxwriter::XlsxError,
    path: &Path,
    other: impl FnOnce(rust_xlsxwriter::XlsxError) -> Error,
) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io)
        | rust_xlsxwriter::XlsxError::ZipError(zip::result::ZipError::Io(io)) => export::unchanged(path, io),
        e => other(e),
    }
}

/// Excel's limits, hit while building the workbook, as a roster error at the line to change.
fn workbook_error(analysis: &Analysis, target: Option<&Path>, source: rust_xlsxwriter::XlsxError) -> Error {
    use rust_xlsxwriter::XlsxError;
    let roster = &analysis.roster;
    match source {
        XlsxError::MaxStringLengthExceeded => {
            let longest = roster
                .people
                .iter()
                .map(|p| ("name", p.name.as_str(), p.line))
                .chain(roster.teams.iter().map(|t| ("team name", t.name.as_str(), t.line)))
                .max_by_key(|(_, text, _)| text.encode_utf16().count());
            if let Some((what, text, line)) = longest {
                return Error::roster(
                    roster.at(line),
                    format!(
                        "the workbook would hold a cell longer than Excel's limit of {} characters; the longest \
                         text is the {what} on this line ({} characters)",
                        raci::roster::MAX_CELL_CHARS,
                        text.encode_utf16().count()
                    ),
                    "shorten it: names and team names are repeated in sheet titles and on the findings sheet",
                );
            }
        }
        XlsxError::RowColumnLimitError => {
            // Two columns before the people and two after them; Excel has 16,384.
            const MAX_MEMBERS: usize = 16_384 - 4;
            if let Some(team) =
                roster.teams.iter().filter(|t| t.members.len() > MAX_MEMBERS).max_by_key(|t| t.members.len())
            {
                return Error::roster(
                    roster.at(team.line),
                    format!(
                        "team '{}' has {} members; an Excel sheet has columns for at most {MAX_MEMBERS}",
                        team.name,
                        team.members.len()
                    ),
                    "split the team",
                );
            }
        }
        _ => {}
    }
    Error::Xlsx { path: target.map_or_else(|| PathBuf::from("<stdout>"), Path::to_path_buf), source }
}
