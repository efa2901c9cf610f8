//! The findings as Markdown, to paste into a review document; the table is shared with the
//! matrix's Markdown export.

use std::io::Write;

use super::{Report, baseline_note, entry_note, fixed_note, groups, place};
use crate::check::Finding;

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

/// Write the Markdown report to `out`: a heading, the summary, a table per team, then what the
/// baseline accepted and found fixed.
pub(super) fn write<W: Write>(mut out: W, report: &Report) -> std::io::Result<()> {
    let summary = &report.summary;
    writeln!(out, "# RACI check: {}\n", md_cell(&summary.roster))?;
    let verdict = if summary.failed { "fails" } else { "passes" };
    let note = baseline_note(report).map(|n| format!("; {}", md_cell(&n))).unwrap_or_default();
    writeln!(out, "**{}**{note} — the check {verdict}.\n", summary.line())?;
    if report.findings.is_empty() {
        writeln!(out, "No findings.")?;
    }
    for (team, list) in groups(&report.findings) {
        match team {
            Some(name) => writeln!(out, "## Team {}\n", md_cell(name))?,
            None => writeln!(out, "## Whole roster\n")?,
        }
        markdown_table(&mut out, list)?;
    }
    let Some(review) = &report.review else { return Ok(()) };
    if !review.expired.is_empty() {
        writeln!(out, "## Expired in {}\n", md_cell(&review.file))?;
        for entry in &review.expired {
            writeln!(out, "- line {}, `{}`: {}", entry.line, entry.fingerprint, md_cell(&entry_note(entry)))?;
        }
        writeln!(out)?;
    }
    if !review.fixed.is_empty() {
        writeln!(out, "## Fixed since {}\n", md_cell(&review.file))?;
        writeln!(out, "These entries match no finding any more; remove them from the baseline:\n")?;
        for entry in &review.fixed {
            writeln!(out, "- {}", md_cell(&fixed_note(entry)))?;
        }
        writeln!(out)?;
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
