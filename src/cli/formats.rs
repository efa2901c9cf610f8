//! `raci generate` in every format: the format from `--format` or the output's extension, and the
//! text formats (CSV, Markdown, HTML, JSON) written atomically or to stdout. The workbook goes on
//! to [`super::generate`].

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use raci::export::{self, Format};
use raci::{Error, Policy, Result};

use super::output::{output_path, print_stdout, stdout_result};
use super::progress::{Bars, Stage};
use super::{Input, Outcome};

/// `--format` of `generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum MatrixFormat {
    /// The workbook: one colour-coded, editable sheet per team and a findings sheet.
    Xlsx,
    /// One line per letter with its reason, safe to open in a spreadsheet.
    Csv,
    /// One table per team with the legend and the findings, for GitHub and GitLab.
    #[value(alias = "markdown")]
    Md,
    /// One standalone page: team index, colours, sticky headers, findings linked to rows.
    #[value(alias = "htm")]
    Html,
    /// The whole matrix with each letter's reason (docs/matrix.schema.json).
    Json,
}

impl From<MatrixFormat> for Format {
    fn from(f: MatrixFormat) -> Format {
        match f {
            MatrixFormat::Xlsx => Format::Xlsx,
            MatrixFormat::Csv => Format::Csv,
            MatrixFormat::Md => Format::Markdown,
            MatrixFormat::Html => Format::Html,
            MatrixFormat::Json => Format::Json,
        }
    }
}

/// The format to write and where: `--format` wins, then the output's extension, then xlsx. With
/// no `-o`, the output is the roster's name with the format's extension, in the current directory.
/// Refuses an extension raci does not write, and a workbook bound for a terminal.
pub(super) fn choose(
    roster: &Path,
    output: Option<PathBuf>,
    format: Option<MatrixFormat>,
) -> Result<(Option<PathBuf>, Format)> {
    let forced = format.map(Format::from);
    let to_stdout = output.as_ref().is_some_and(|p| p.as_os_str() == "-");
    let format = match (&output, forced) {
        (_, Some(f)) => f,
        (Some(path), None) if !to_stdout && !names_directory(path) => match Format::from_path(path) {
            Ok(f) => f.unwrap_or(Format::Xlsx),
            Err(ext) => {
                return Err(Error::usage(
                    format!("{}: raci does not write .{ext} files", path.display()),
                    format!("name the output with one of {}, or choose the format with --format", Format::list()),
                ));
            }
        },
        _ => Format::Xlsx,
    };
    if to_stdout && format.is_binary() && std::io::stdout().is_terminal() {
        return Err(Error::usage(
            "the workbook is a binary file and standard output is a terminal",
            "redirect it (`-o - > matrix.xlsx`), name a file with -o, or pick a text format such as --format md",
        ));
    }
    let output = output.or_else(|| {
        let stem = match roster.file_stem().and_then(|s| s.to_str()) {
            Some(stem) if roster.as_os_str() != "-" => stem,
            _ => "raci",
        };
        Some(PathBuf::from(format!("{stem}.{}", format.extension())))
    });
    Ok((output, format))
}

/// Whether a path names a directory (an existing one, or one written with a trailing slash).
fn names_directory(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
}

/// Write the matrix in a text format, atomically to a file or to stdout, and say so in one line.
pub(super) fn write(input: &Input, output: Option<PathBuf>, format: Format, keep: Option<&Path>) -> Result<Outcome> {
    let target = output_path(&input.roster, output)?;
    let mut analysis = input.analyse()?;
    if let Some(edited) = keep {
        super::keep::keep_edits(&mut analysis, edited)?;
    }
    let summary = analysis.summary(&analysis.findings, &Policy::default());
    let document = export::Document { view: analysis.view(), findings: &analysis.findings, summary: &summary };
    let write = |out: &mut dyn Write, progress: &dyn export::Progress| {
        format.write_text(out, &document, progress).unwrap_or(Ok(()))
    };
    match &target {
        Some(path) => {
            let bars = Bars::default();
            export::write_atomic_with(path, |out| write(out, &bars).map_err(|e| export::unchanged(path, e)))?;
            drop(bars);
            if !super::quiet() {
                print_stdout(&format!("wrote {}: {}\n", path.display(), summary.line()))?;
            }
        }
        None => {
            // No bar while the page itself goes to the terminal.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            stdout_result(write(&mut out, &export::Silent).and_then(|()| out.flush()))?;
            if !super::quiet() {
                eprintln!("raci: {}", summary.line());
            }
        }
    }
    Ok(Outcome::Clean)
}

/// The spinner shown while the workbook is written.
pub(super) fn writing(path: Option<&Path>) -> Stage {
    Stage::spinner(match path {
        Some(path) => format!("writing {}", path.display()),
        None => "writing the workbook".to_string(),
    })
}
