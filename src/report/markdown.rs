//! The findings as Markdown, to paste into a review document; the table is shared with the
//! matrix's Markdown export.

use std::io::Write;

use super::{Summary, groups, in_memory, place};
use crate::check::Finding;

/// Text made safe for one cell of a Markdown table.
pub(crate) fn md_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
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
    writeln!(out, "| Severity | Code | Where | Activities | People | Finding | Fix |")?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for f in list {
        writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} | {} |",
            f.severity,
            f.code,
            md_cell(&place(f)),
            md_cell(&f.activities.join(", ")),
            md_cell(&f.people.join(", ")),
            md_cell(&f.message),
            md_cell(&f.hint)
        )?;
    }
    writeln!(out)
}
