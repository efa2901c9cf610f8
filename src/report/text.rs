//! The findings for the terminal, grouped by team, optionally coloured.

use std::io::Write;

use super::{Report, baseline_note, entry_note, fixed_note, groups, place};
use crate::check::Severity;

/// Write the terminal report to `out` team by team; `color` adds ANSI colours for severities.
pub(super) fn write<W: Write>(mut out: W, report: &Report, color: bool) -> std::io::Result<()> {
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
    let review = report.review.as_ref();
    for (team, list) in groups(&report.findings) {
        match team {
            Some(name) => writeln!(out, "{bold}team {name}{reset}")?,
            None => writeln!(out, "{bold}roster{reset}")?,
        }
        for f in list {
            let (on, off) = paint(f.severity);
            writeln!(out, "  {on}{:<7}{off} {}: {}", f.severity.as_str(), f.code, f.message)?;
            writeln!(out, "          at: {}", place(f))?;
            writeln!(out, "          fix: {}", f.hint)?;
            if let Some(entry) = review.and_then(|r| r.expired_entry(&f.fingerprint)) {
                writeln!(
                    out,
                    "          baseline: {}:{} {}; expired",
                    review.map_or("", |r| &r.file),
                    entry.line,
                    entry_note(entry)
                )?;
            }
        }
        writeln!(out)?;
    }
    if let Some(review) = review.filter(|r| !r.fixed.is_empty()) {
        writeln!(out, "{bold}fixed since {}{reset} (remove these entries):", review.file)?;
        for entry in &review.fixed {
            writeln!(out, "  {}", fixed_note(entry))?;
        }
        writeln!(out)?;
    }
    let summary = &report.summary;
    let verdict = if summary.failed { "check failed" } else { "check passed" };
    let note = baseline_note(report).map(|n| format!("; {n}")).unwrap_or_default();
    writeln!(out, "{}: {}{note} ({verdict})", summary.roster, summary.line())
}
