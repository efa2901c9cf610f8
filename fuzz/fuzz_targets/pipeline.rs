//! Arbitrary bytes through the whole pipeline: roster parser, assignment, checks, reports and the
//! workbook, which is then read back: it must give the findings of the roster. Errors are fine;
//! panics, and a workbook that reads back otherwise, are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use raci::export::xlsx;
use raci::report::{Format, Style};
use raci::roster::{self, ReadOptions};
use raci::{Analysis, Options, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(roster) = roster::parse(data, "fuzz.csv", &ReadOptions::default()) else { return };
    let Ok(analysis) = Analysis::from_roster(roster, &Options::default()) else { return };
    if let Ok(book) = xlsx::render(&analysis.view(), &analysis.findings, &xlsx::Options::default()) {
        let back = raci::import::load(&book, "fuzz.xlsx").expect("a workbook raci wrote reads back");
        let essence = |findings: &[raci::check::Finding]| -> Vec<String> {
            findings
                .iter()
                .map(|f| format!("{} {:?} {:?} {:?} {}", f.code, f.team, f.activities, f.people, f.message))
                .collect()
        };
        assert_eq!(
            essence(&back.findings),
            essence(&analysis.findings),
            "checking the workbook differs from the roster"
        );
    }
    let report = analysis.report(analysis.findings.clone(), Policy::default(), None);
    for format in [
        Format::Text,
        Format::Json,
        Format::Markdown,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Codeclimate,
    ] {
        let _ = report.render(format, &Style::default());
    }
});
