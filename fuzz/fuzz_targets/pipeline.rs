//! Arbitrary bytes through the whole pipeline: roster parser, assignment, checks, reports and the
//! workbook. Errors are fine; panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use raci::export::xlsx;
use raci::report::{Format, Style};
use raci::roster::{self, ReadOptions};
use raci::{Analysis, Options, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(roster) = roster::parse(data, "fuzz.csv", &ReadOptions::default()) else { return };
    let Ok(analysis) = Analysis::from_roster(roster, &Options::default()) else { return };
    let _ = xlsx::render(&analysis.view(), &analysis.findings, &xlsx::Options::default());
    let report = analysis.report(analysis.findings.clone(), Policy::default(), None);
    for format in [Format::Text, Format::Json, Format::Markdown, Format::Sarif, Format::Github, Format::Junit, Format::Codeclimate] {
        let _ = report.render(format, &Style::default());
    }
});
