//! The formats a matrix can be written in, chosen by name (`--format`) or by the output's extension.

use std::fmt;
use std::io::Write;
use std::path::Path;

use super::Progress;
use crate::check::Finding;
use crate::matrix::View;
use crate::report::Summary;

/// A matrix output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The colour-coded, editable workbook.
    Xlsx,
    /// One line per letter (long form), safe to open in a spreadsheet.
    Csv,
    /// One table per team, the legend and the findings, for GitHub and GitLab.
    Markdown,
    /// One standalone page with every team, the legend and the findings.
    Html,
    /// The whole matrix with each letter's reason (`docs/matrix.schema.json`).
    Json,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 5] = [Format::Xlsx, Format::Csv, Format::Markdown, Format::Html, Format::Json];

    /// The usual file extension, without the dot.
    pub const fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// Extensions read as this format, besides [`Format::extension`].
    const fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["markdown"],
            Format::Html => &["htm"],
            _ => &[],
        }
    }

    /// Whether the format is a binary file (which a terminal cannot show).
    pub const fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx)
    }

    /// The format an extension names (any case, without the dot).
    pub fn from_extension(extension: &str) -> Option<Format> {
        let wanted = extension.to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.extension() == wanted || f.aliases().contains(&wanted.as_str()))
    }

    /// The format a path's extension names: `Ok(None)` for no extension, `Err(extension)` for one
    /// raci does not write.
    pub fn from_path(path: &Path) -> Result<Option<Format>, String> {
        match path.extension() {
            None => Ok(None),
            Some(ext) => {
                let ext = ext.to_string_lossy();
                Format::from_extension(&ext).map(Some).ok_or_else(|| ext.into_owned())
            }
        }
    }

    /// The extensions raci writes, for messages: `.xlsx, .csv, .md, .html, .json`.
    pub fn list() -> String {
        Format::ALL.iter().map(|f| format!(".{}", f.extension())).collect::<Vec<_>>().join(", ")
    }
}

/// What a matrix exporter reads: the matrix with its roster and templates, the findings, and
/// their summary.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The matrix, roster and templates.
    pub view: View<'a>,
    /// The findings, in the order [`crate::check::run`] gives them.
    pub findings: &'a [Finding],
    /// Their summary.
    pub summary: &'a Summary,
}

impl Format {
    /// Write the matrix in a text format to `out`; `None` for the workbook, which has its own
    /// writer ([`super::xlsx`]).
    pub fn write_text<W: Write>(
        self,
        out: W,
        document: &Document<'_>,
        progress: &dyn Progress,
    ) -> Option<std::io::Result<()>> {
        Some(match self {
            Format::Xlsx => return None,
            Format::Csv => super::csv::write(out, document, progress),
            Format::Markdown => super::markdown::write(out, document, progress),
            Format::Html => super::html::write(out, document, progress),
            Format::Json => super::json::write(out, document, progress),
        })
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_formats_in_any_case_and_unknown_ones_are_given_back() {
        assert_eq!(Format::from_path(Path::new("m.MD")), Ok(Some(Format::Markdown)));
        assert_eq!(Format::from_path(Path::new("dir.v2/m.htm")), Ok(Some(Format::Html)));
        assert_eq!(Format::from_path(Path::new("matrix")), Ok(None));
        assert_eq!(Format::from_path(Path::new("out.pdf")), Err("pdf".to_string()));
        for f in Format::ALL {
            assert_eq!(Format::from_extension(f.extension()), Some(f));
        }
        assert_eq!(Format::list(), ".xlsx, .csv, .md, .html, .json");
    }
}
