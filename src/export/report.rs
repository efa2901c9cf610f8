//! The findings report: terminal text (optionally coloured), JSON (documented, stable order) and
//! Markdown (to paste into a review document).

use std::io::Write;

use serde::Serialize;

use crate::check::{Counts, Finding, Severity, count};

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

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: Severity,
    team: Option<&'a str>,
    activity: Option<&'a str>,
    activities: &'a [String],
    people: &'a [String],
    message: &'a str,
    hint: &'a str,
}

/// Run a writer into memory: writing into a `Vec` cannot fail, and every value serialises.
fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The JSON report (pretty-printed, with a final newline).
pub fn json(findings: &[Finding], summary: &Summary) -> String {
    in_memory(|out| json_to(out, findings, summary))
}

/// Write the JSON report to `out` as it is serialised, without building it in memory first.
pub fn json_to<W: Write>(mut out: W, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Report<'a, I: Serialize> {
        findings: I,
        summary: &'a Summary,
    }
    struct Findings<'a>(&'a [Finding]);
    impl Serialize for Findings<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(|f| JsonFinding {
                code: f.code.as_str(),
                severity: f.severity,
                team: f.team.as_deref(),
                activity: f.activity(),
                activities: &f.activities,
                people: &f.people,
                message: &f.message,
                hint: &f.hint,
            }))
        }
    }
    serde_json::to_writer_pretty(&mut out, &Report { findings: Findings(findings), summary })?;
    out.write_all(b"\n")
}

/// Groups of findings: roster-wide first (team `None`), then each team in order.
fn groups(findings: &[Finding]) -> impl Iterator<Item = (Option<&str>, &[Finding])> {
    findings.chunk_by(|a, b| a.team == b.team).filter_map(|list| Some((list.first()?.team.as_deref(), list)))
}

/// The terminal report, grouped by team; `color` adds ANSI colours for severities.
pub fn text(findings: &[Finding], summary: &Summary, color: bool) -> String {
    in_memory(|out| text_to(out, findings, summary, color))
}

/// Write the terminal report to `out` team by team.
pub fn text_to<W: Write>(mut out: W, findings: &[Finding], summary: &Summary, color: bool) -> std::io::Result<()> {
    let paint = |severity: Severity| -> (&str, &str) {
        if !color {
            return ("", "");
        }
        match severity {
            Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
            Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            Severity::Info => ("\x1b[36m", "\x1b[0m"),
        }
    };
    let (bold, reset) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    for (team, list) in groups(findings) {
        match team {
            Some(name) => writeln!(out, "{bold}team {name}{reset}")?,
            None => writeln!(out, "{bold}roster{reset}")?,
        }
        for f in list {
            let (on, off) = paint(f.severity);
            writeln!(out, "  {on}{:<7}{off} {}: {}", f.severity.as_str(), f.code, f.message)?;
            writeln!(out, "          fix: {}", f.hint)?;
        }
        writeln!(out)?;
    }
    let verdict = if summary.failed { "check failed" } else { "check passed" };
    writeln!(out, "{}: {} ({verdict})", summary.roster, summary.line())
}

/// Text for a Markdown table cell or heading: `|` and line breaks would end the cell; HTML tags
/// and entities (`<img src=...>`, `<script>`) and link or image brackets are escaped, so names
/// from a roster render as the text they are and never as markup.
pub(crate) fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The Markdown report: a heading, the summary, and a table per team.
pub fn markdown(findings: &[Finding], summary: &Summary) -> String {
    in_memory(|out| markdown_to(out, findings, summary))
}

/// Write the Markdown report to `out` team by team.
pub fn markdown_to<W: Write>(mut out: W, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    writeln!(out, "# RACI check: {}\n", md_cell(&summary.roster))?;
    let verdict = if summary.failed { "fails" } else { "passes" };
    writeln!(out, "**{}** — the check {verdict}.\n", summary.line())?;
    if findings.is_empty() {
        writeln!(out, "No findings.")?;
    }
    for (team, list) in groups(findings) {
        match team {
            Some(name) => writeln!(out, "## Team {}\n", md_cell(name))?,
            None => writeln!(out, "## Whole roster\n")?,
        }
        markdown_table(&mut out, list)?;
    }
    Ok(())
}

/// One Markdown table of findings, followed by a blank line.
pub(crate) fn markdown_table<W: Write>(out: &mut W, list: &[Finding]) -> std::io::Result<()> {
    writeln!(out, "| Severity | Code | Activities | People | Finding | Fix |")?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for f in list {
        writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            f.severity,
            f.code,
            md_cell(&f.activities.join(", ")),
            md_cell(&f.people.join(", ")),
            md_cell(&f.message),
            md_cell(&f.hint)
        )?;
    }
    writeln!(out)
}
