//! Arbitrary bytes through the whole pipeline: roster parser, assignment, checks, reports and the
//! workbook. Errors are fine; panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use raci::export::{report, xlsx};
use raci::roster::{self, ReadOptions};
use raci::{Analysis, Options, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(roster) = roster::parse(data, "fuzz.csv", &ReadOptions::default()) else { return };
    let Ok(analysis) = Analysis::from_roster(roster, &Options::default()) else { return };
    let policy = Policy::default();
    let summary = analysis.summary(&analysis.findings, &policy);
    let _ = report::json(&analysis.findings, &summary);
    let _ = report::markdown(&analysis.findings, &summary);
    let _ = report::text(&analysis.findings, &summary, false);
    let _ = xlsx::render(&analysis.view(), &analysis.findings, &xlsx::Options::default());
});
