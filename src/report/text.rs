//! The findings for the terminal, grouped by team, optionally coloured.

use std::io::Write;

use super::{Summary, groups, in_memory, place};
use crate::check::{Finding, Severity};

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
            writeln!(out, "          at: {}", place(f))?;
            writeln!(out, "          fix: {}", f.hint)?;
        }
        writeln!(out)?;
    }
    let verdict = if summary.failed { "check failed" } else { "check passed" };
    writeln!(out, "{}: {} ({verdict})", summary.roster, summary.line())
}
