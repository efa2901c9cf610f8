//! `raci check`: the findings report on stdout, exit 1 when a finding fails the check.

use std::io::{IsTerminal, Write};

use raci::report;
use raci::{Policy, Result};

use super::output::stdout_result;
use super::{ColorChoice, Deny, Format, Input, Outcome};
use raci::check::Code;

/// Run the checks and print the report.
pub(super) fn check(
    input: &Input,
    format: Format,
    deny: Option<Deny>,
    allow: Vec<Code>,
    color: ColorChoice,
) -> Result<Outcome> {
    let mut analysis = input.analyse()?;
    let policy = Policy { allow, deny_warnings: deny.is_some() };
    let findings = policy.filter(std::mem::take(&mut analysis.findings));
    let summary = analysis.summary(&findings, &policy);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match format {
        Format::Json => report::json_to(&mut out, &findings, &summary),
        Format::Markdown => report::markdown_to(&mut out, &findings, &summary),
        Format::Text => {
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            report::text_to(&mut out, &findings, &summary, color)
        }
    };
    stdout_result(written.and_then(|()| out.flush()))?;
    // The process ends here: handing a million-person roster back to the allocator piece by
    // piece would only add to the run time.
    std::mem::forget((analysis, findings));
    Ok(if summary.failed { Outcome::Failed } else { Outcome::Clean })
}
