//! The findings as GitHub Actions workflow commands: an annotation on the roster line of each
//! finding, errors first. GitHub shows at most ten errors, ten warnings and ten notices per step,
//! so a notice says how many were left out, and the whole text report follows in a log group.

use std::io::Write;

use sha2::{Digest, Sha256};

use super::{Format, Report, Style, ci_path, message_and_fix};
use crate::check::{Finding, Severity};

/// How many annotations of one kind GitHub shows per step.
const PER_STEP: usize = 10;

/// Write the annotations, then the text report in a collapsed group.
pub(super) fn write<W: Write>(mut out: W, report: &Report, style: &Style) -> std::io::Result<()> {
    // Errors first, then warnings, then info, each in report order.
    let mut list: Vec<&Finding> = report.findings.iter().collect();
    list.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let count = |s: Severity| list.iter().filter(|f| f.severity == s).count();
    let over = [Severity::Error, Severity::Warning, Severity::Info].into_iter().any(|s| count(s) > PER_STEP);
    // The notice that says what was left out is a notice too: keep a place for it.
    let limit = |s: Severity| if s == Severity::Info && over { PER_STEP - 1 } else { PER_STEP };
    let mut left_out = 0;
    let mut shown = [0usize; 3];
    for f in list {
        let slot = &mut shown[f.severity as usize];
        if *slot >= limit(f.severity) {
            left_out += 1;
            continue;
        }
        *slot += 1;
        writeln!(out, "{}", annotation(f, style))?;
    }
    if left_out > 0 {
        writeln!(
            out,
            "::notice title={}::{}",
            property("raci: findings left out"),
            data(&format!(
                "{left_out} more {} not annotated: GitHub shows {PER_STEP} errors, {PER_STEP} warnings and {PER_STEP} \
                 notices per step. The log group '{}' and the job summary list every finding.",
                if left_out == 1 { "finding is" } else { "findings are" },
                group_title(report)
            ))
        )?;
    }
    // The report quotes roster text: stop workflow commands while it is printed, with a token the
    // roster cannot know in advance (it depends on the whole report).
    let body = report.render(Format::Text, &Style::default());
    let token: String = Sha256::digest(body.as_bytes())[..8].iter().map(|b| format!("{b:02x}")).collect();
    writeln!(out, "::group::{}", data(&group_title(report)))?;
    writeln!(out, "::stop-commands::raci-{token}")?;
    out.write_all(body.as_bytes())?;
    writeln!(out, "::raci-{token}::")?;
    writeln!(out, "::endgroup::")
}

fn group_title(report: &Report) -> String {
    format!("raci check {}", report.summary.roster)
}

/// `::error file=roster.csv,line=4,title=raci%3A missing-backlog-owner::message%0Afix: hint`.
fn annotation(f: &Finding, style: &Style) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    let at = &f.location;
    if let Some(path) = ci_path(&at.file, style.root.as_deref()) {
        properties.push(format!("file={}", property(&path)));
        // A workbook's rows are no lines of the file: the annotation is on the file, the sheet and
        // row in the title.
        if let (Some(line), None) = (at.line, &at.sheet) {
            properties.push(format!("line={line}"));
        }
    }
    let mut about: Vec<String> = f.team.iter().map(|team| format!("team {team}")).collect();
    if let Some(sheet) = &at.sheet {
        about.push(match (&at.cell, at.line) {
            (Some(cell), _) => format!("sheet {sheet}, cell {cell}"),
            (None, Some(row)) => format!("sheet {sheet}, row {row}"),
            (None, None) => format!("sheet {sheet}"),
        });
    }
    let title = match about.is_empty() {
        true => format!("raci: {}", f.code),
        false => format!("raci: {} ({})", f.code, about.join("; ")),
    };
    properties.push(format!("title={}", property(&title)));
    format!("::{command} {}::{}", properties.join(","), data(&message_and_fix(f)))
}

/// The message of a workflow command: `%`, CR and LF escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property of a workflow command: as [`data`], and `:` and `,` too.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_percent_line_breaks_and_in_properties_colons_and_commas() {
        assert_eq!(data("50% done\r\nnext: a, b"), "50%25 done%0D%0Anext: a, b");
        assert_eq!(property("50% done\nnext: a, b"), "50%25 done%0Anext%3A a%2C b");
    }
}
