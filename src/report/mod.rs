//! The findings report: terminal text (optionally coloured), JSON (documented, stable order) and
//! Markdown (to paste into a review document), one file per format. `export` writes the matrix;
//! this module writes the findings.

mod json;
mod markdown;
mod text;

pub use json::{json, json_to};
pub use markdown::{markdown, markdown_to};
pub(crate) use markdown::{markdown_table, md_cell};
pub use text::{text, text_to};

use serde::Serialize;

use crate::check::{Counts, Finding, Position, count};

/// What the report is about, for its summary.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The roster file.
    pub roster: String,
    /// Number of teams.
    pub teams: usize,
    /// Number of distinct people.
    pub people: usize,
    /// Findings by severity.
    #[serde(flatten)]
    pub counts: Counts,
    /// Whether `check` fails with these findings and options.
    pub failed: bool,
}

impl Summary {
    /// One line: `3 teams, 17 people: 1 error, 2 warnings, 3 info`.
    pub fn line(&self) -> String {
        format!("{}, {}: {}", count(self.teams, "team", "teams"), count(self.people, "person", "people"), self.counts)
    }
}

/// Run a writer into memory: writing into a `Vec` cannot fail, and every value serialises.
fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Where a finding is, for people: `roster.csv:4 (also lines 9, 12), my-template.toml:57`.
pub(crate) fn place(f: &Finding) -> String {
    let at = &f.location;
    let same_file = |p: &Position| p.file == at.file && p.sheet == at.sheet && p.cell.is_none();
    let lines: Vec<String> = f
        .related
        .iter()
        .filter(|r| same_file(&r.position))
        .filter_map(|r| r.position.line)
        .map(|l| l.to_string())
        .collect();
    let mut out = at.to_string();
    if !lines.is_empty() {
        let unit = match (at.sheet.is_some(), lines.len()) {
            (true, 1) => "row",
            (true, _) => "rows",
            (false, 1) => "line",
            (false, _) => "lines",
        };
        out.push_str(&format!(" (also {unit} {})", lines.join(", ")));
    }
    for r in f.related.iter().filter(|r| !same_file(&r.position) || r.position.line.is_none()) {
        out.push_str(&format!(", {}", r.position));
    }
    out
}

/// Groups of findings: roster-wide first (team `None`), then each team in order.
fn groups(findings: &[Finding]) -> impl Iterator<Item = (Option<&str>, &[Finding])> {
    findings.chunk_by(|a, b| a.team == b.team).filter_map(|list| Some((list.first()?.team.as_deref(), list)))
}
