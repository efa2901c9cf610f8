//! The findings as JSON: one object with the findings in their stable order and the summary.

use std::io::Write;

use serde::Serialize;

use super::{Summary, in_memory};
use crate::check::{Finding, Position, Related, Severity};

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: Severity,
    team: Option<&'a str>,
    activity: Option<&'a str>,
    activities: &'a [String],
    people: &'a [String],
    message: &'a str,
    hint: &'a str,
    location: &'a Position,
    related: &'a [Related],
}

/// The JSON report (pretty-printed, with a final newline).
pub fn json(findings: &[Finding], summary: &Summary) -> String {
    in_memory(|out| json_to(out, findings, summary))
}

/// Write the JSON report to `out` as it is serialised, without building it in memory first.
pub fn json_to<W: Write>(mut out: W, findings: &[Finding], summary: &Summary) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Report<'a, I: Serialize> {
        findings: I,
        summary: &'a Summary,
    }
    struct Findings<'a>(&'a [Finding]);
    impl Serialize for Findings<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(|f| JsonFinding {
                code: f.code.as_str(),
                severity: f.severity,
                team: f.team.as_deref(),
                activity: f.activity(),
                activities: &f.activities,
                people: &f.people,
                message: &f.message,
                hint: &f.hint,
                location: &f.location,
                related: &f.related,
            }))
        }
    }
    serde_json::to_writer_pretty(&mut out, &Report { findings: Findings(findings), summary })?;
    out.write_all(b"\n")
}
