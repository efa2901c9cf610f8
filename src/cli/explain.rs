//! `raci explain`: what a finding code means, why it matters, how to fix it.

use raci::check::{CATALOGUE, Code};
use raci::{Error, Result};

use super::Outcome;
use super::output::print_stdout;

pub(super) fn explain(code: Option<&str>) -> Result<Outcome> {
    let list = || {
        let width = CATALOGUE.iter().map(|e| e.code.as_str().len()).max().unwrap_or(0);
        CATALOGUE
            .iter()
            .map(|e| {
                format!("  {:<width$}  {:<7}  {}\n", e.code.as_str(), e.code.default_severity().as_str(), e.summary)
            })
            .collect::<String>()
    };
    let Some(code) = code else {
        print_stdout(&format!("finding codes (code, default severity, meaning):\n{}", list()))?;
        return Ok(Outcome::Clean);
    };
    match code.parse::<Code>() {
        Ok(code) => {
            let e = code.explain();
            let text = format!(
                "{} ({} by default)\n\n{}\n\nWhat it means\n  {}\n\nWhy it matters\n  {}\n\nHow to fix it\n  {}\n",
                e.code,
                e.code.default_severity(),
                e.summary,
                e.meaning,
                e.why,
                e.fix
            );
            print_stdout(&text)?;
            Ok(Outcome::Clean)
        }
        Err(_) => {
            let guess = did_you_mean(code).map(|c| format!(" (did you mean '{c}'?)")).unwrap_or_default();
            Err(Error::usage(
                format!("unknown finding code '{code}'{guess}"),
                format!("use one of these codes:\n{}", list().trim_end()),
            ))
        }
    }
}

/// The finding code closest to a misspelt one, when it is close enough to be what was meant.
pub(super) fn did_you_mean(text: &str) -> Option<&'static str> {
    let wanted = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    if wanted.len() < 3 {
        return None;
    }
    CATALOGUE
        .iter()
        .map(|e| e.code.as_str())
        .map(|code| {
            // A code that contains the text (`handoff` for `handoff-gap`) counts as close.
            let contains = code.contains(&wanted) || (wanted.len() >= 6 && wanted.contains(code));
            (if contains { 1.0 } else { strsim::jaro_winkler(&wanted, code) }, code)
        })
        .filter(|&(score, _)| score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_and_partial_codes_find_their_code() {
        assert_eq!(did_you_mean("handof-gap"), Some("handoff-gap"));
        assert_eq!(did_you_mean("missing_backlog_owner"), Some("missing-backlog-owner"));
        assert_eq!(did_you_mean("idle"), Some("idle-member"));
        assert_eq!(did_you_mean("multiple-accountables"), Some("multiple-accountable"));
        assert_eq!(did_you_mean("banana"), None);
        assert_eq!(did_you_mean("x"), None);
    }
}
