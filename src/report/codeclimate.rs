//! The findings as GitLab Code Quality (Code Climate JSON): one issue per finding, with its
//! fingerprint, severity and roster line, for the merge request widget.

use std::io::Write;

use serde::Serialize;

use super::{Report, Style, ci_path};
use crate::check::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'static str,
    description: String,
    content: Content<'a>,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: &'a str,
    location: Location,
}

#[derive(Serialize)]
struct Content<'a> {
    body: &'a str,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u64,
}

/// Write the issues as one JSON array.
pub(super) fn write<W: Write>(mut out: W, report: &Report, style: &Style) -> std::io::Result<()> {
    let issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .map(|f| Issue {
            kind: "issue",
            check_name: f.code.as_str(),
            description: format!("{}: {}", f.code, f.message),
            content: Content { body: &f.hint },
            categories: ["Clarity"],
            severity: match f.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            },
            fingerprint: &f.fingerprint,
            location: Location {
                path: ci_path(&f.location.file, style.root.as_deref()).unwrap_or_else(|| f.location.file.to_string()),
                lines: Lines { begin: f.location.line.unwrap_or(1) },
            },
        })
        .collect();
    serde_json::to_writer_pretty(&mut out, &issues)?;
    out.write_all(b"\n")
}
