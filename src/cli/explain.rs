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
        Err(_) => Err(Error::usage(
            format!("unknown finding code '{code}'"),
            format!("use one of these codes:\n{}", list().trim_end()),
        )),
    }
}
