//! The findings report, one file per format: terminal text (optionally coloured), JSON
//! (`raci.report/v1`, documented by [`json::SCHEMA`]), Markdown, and for CI SARIF 2.1.0, GitHub
//! workflow commands, JUnit XML and GitLab Code Quality. `export` writes the matrix; this module
//! writes the findings. [`baseline`] accepts known findings so that only new ones fail.

pub mod baseline;
mod codeclimate;
mod github;
pub mod json;
mod junit;
mod markdown;
mod sarif;
mod text;

pub(crate) use markdown::{markdown_table, md_cell};

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::Policy;
use crate::check::{Counts, Finding, Position, count};
use crate::roster::STDIN;
use baseline::Review;

/// A findings report format: `raci check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// For the terminal, grouped by team.
    Text,
    /// One JSON object, `raci.report/v1`.
    Json,
    /// A heading, the summary and a table per team.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the roster's lines.
    Github,
    /// JUnit XML: a test suite per team, a test case per check.
    Junit,
    /// GitLab Code Quality (Code Climate JSON).
    Codeclimate,
}

/// How a report is written.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// ANSI colours in the text report.
    pub color: bool,
    /// The directory the CI formats give paths relative to (the working directory); `None`
    /// leaves paths as the user named them.
    pub root: Option<PathBuf>,
}

/// A check's findings as every format reports them: those shown, the summary, and what a
/// baseline accepted and found fixed.
#[derive(Debug, Clone)]
pub struct Report {
    /// The findings shown, in their stable order: new ones, and those whose baseline entry expired.
    pub findings: Vec<Finding>,
    /// Their summary.
    pub summary: Summary,
    /// The roster file alone (without a workbook's sheet), as the user named it.
    pub file: String,
    /// The roster's teams, in roster order.
    pub teams: Vec<String>,
    /// The teams read from a RACI sheet raci did not write: only the codes of
    /// [`crate::check::WITHOUT_TEMPLATE`] were looked for on them.
    pub inferred_teams: Vec<String>,
    /// Which findings are silenced and which fail.
    pub policy: Policy,
    /// The baseline's verdict, when one was given.
    pub review: Option<Review>,
}

impl Report {
    /// Write the report in a format.
    pub fn write<W: Write>(&self, format: Format, out: W, style: &Style) -> std::io::Result<()> {
        match format {
            Format::Text => text::write(out, self, style.color),
            Format::Json => json::write(out, self),
            Format::Markdown => markdown::write(out, self),
            Format::Sarif => sarif::write(out, self, style),
            Format::Github => github::write(out, self, style),
            Format::Junit => junit::write(out, self, style),
            Format::Codeclimate => codeclimate::write(out, self, style),
        }
    }

    /// The report in a format, in memory.
    pub fn render(&self, format: Format, style: &Style) -> String {
        let mut out = Vec::new();
        // Writing into a `Vec` cannot fail, and every value serialises.
        let _ = self.write(format, &mut out, style);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Whether a finding fails the check.
    fn fails(&self, finding: &Finding) -> bool {
        self.policy.fails(std::slice::from_ref(finding))
    }
}

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
    /// The people `check --without` asked about, by name (empty: the roster as it is).
    #[serde(skip)]
    pub without: Vec<String>,
}

impl Summary {
    /// One line: `3 teams, 17 people: 1 error, 2 warnings, 3 info` (`17 people, without 'Ada': ...`).
    pub fn line(&self) -> String {
        let without = match self.without.as_slice() {
            [] => String::new(),
            names => format!(", without {}", crate::check::quoted_list(names)),
        };
        format!(
            "{}, {}{without}: {}",
            count(self.teams, "team", "teams"),
            count(self.people, "person", "people"),
            self.counts
        )
    }
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

/// What the baseline did, for the summary: `2 accepted by raci-baseline.toml, 1 fixed`.
fn baseline_note(report: &Report) -> Option<String> {
    let review = report.review.as_ref()?;
    let mut note = format!("{} accepted by {}", review.accepted.len(), review.file);
    if !review.expired.is_empty() {
        note.push_str(&format!(", {} expired", review.expired.len()));
    }
    if !review.fixed.is_empty() {
        note.push_str(&format!(", {} fixed", review.fixed.len()));
    }
    Some(note)
}

/// How a baseline entry reads for people: `accepted it until 2026-06-30 (reason; owner Ada)`.
fn entry_note(entry: &baseline::Entry) -> String {
    let mut note = match entry.expires {
        Some(date) => format!("accepted it until {date}"),
        None => "accepts it".to_string(),
    };
    let about: Vec<String> =
        [entry.reason.clone(), entry.owner.as_ref().map(|o| format!("owner {o}"))].into_iter().flatten().collect();
    if !about.is_empty() {
        note.push_str(&format!(" ({})", about.join("; ")));
    }
    note
}

/// A fixed baseline entry for people: `fingerprint (code, team 'X', line 12)`.
fn fixed_note(entry: &baseline::Entry) -> String {
    let mut about: Vec<String> = Vec::new();
    about.extend(entry.code.clone());
    about.extend(entry.team.as_ref().map(|t| format!("team '{t}'")));
    if entry.line > 0 {
        about.push(format!("line {}", entry.line));
    }
    if about.is_empty() { entry.fingerprint.clone() } else { format!("{} ({})", entry.fingerprint, about.join(", ")) }
}

/// A finding's message with its fix, for formats with one text field.
fn message_and_fix(f: &Finding) -> String {
    format!("{}\nfix: {}", f.message, f.hint)
}

/// How a baseline names a roster: its path relative to `root` with `/` separators, as CI systems
/// name files (`<stdin>` as it is).
pub fn roster_key(file: &str, root: Option<&Path>) -> String {
    ci_path(file, root).unwrap_or_else(|| file.to_string())
}

/// A file as CI systems want it: relative to `root` when it lies below it, with `/` separators
/// and no leading `./`; `None` for standard input, which is no file.
fn ci_path(file: &str, root: Option<&Path>) -> Option<String> {
    if file == STDIN {
        return None;
    }
    let path = Path::new(file);
    let path = match root {
        Some(root) if path.is_absolute() => path.strip_prefix(root).unwrap_or(path),
        _ => path,
    };
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    match parts.as_slice() {
        [only] if only.is_empty() => Some("/".to_string()),
        _ => Some(parts.join("/")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_paths_are_relative_to_the_root_with_slashes() {
        let root = Path::new("/work/repo");
        assert_eq!(ci_path("./teams/roster.csv", Some(root)).as_deref(), Some("teams/roster.csv"));
        assert_eq!(ci_path("/work/repo/teams/r.csv", Some(root)).as_deref(), Some("teams/r.csv"));
        assert_eq!(ci_path("/elsewhere/r.csv", Some(root)).as_deref(), Some("/elsewhere/r.csv"));
        assert_eq!(ci_path("../other/r.csv", Some(root)).as_deref(), Some("../other/r.csv"));
        assert_eq!(ci_path("<stdin>", Some(root)), None);
    }
}
