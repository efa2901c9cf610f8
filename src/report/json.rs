//! The findings as JSON: one object naming its schema, with the findings in their stable order,
//! the summary and what a baseline did. [`SCHEMA`] describes it; `raci schema` prints it.

use std::io::Write;

use serde::Serialize;

use super::baseline::Entry;
use super::{Report, Summary};
use crate::check::{Finding, Position, Related, Severity};

/// The value of the report's `schema` field. It changes only when a field changes meaning or goes.
pub const SCHEMA_ID: &str = "raci.report/v1";

/// The report's JSON Schema (draft 2020-12).
pub const SCHEMA: &str = include_str!("../../docs/report.schema.json");

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
    fingerprint: &'a str,
    location: &'a Position,
    related: &'a [Related],
    baseline: Option<JsonEntry<'a>>,
}

/// A finding's baseline entry: `accepted`, or `expired` (the finding fails again).
#[derive(Serialize)]
struct JsonEntry<'a> {
    status: &'static str,
    reason: Option<&'a str>,
    owner: Option<&'a str>,
    expires: Option<String>,
    line: u64,
}

impl<'a> JsonEntry<'a> {
    fn new(status: &'static str, e: &'a Entry) -> Self {
        JsonEntry {
            status,
            reason: e.reason.as_deref(),
            owner: e.owner.as_deref(),
            expires: e.expires.map(|d| d.to_string()),
            line: e.line,
        }
    }
}

fn finding<'a>(f: &'a Finding, baseline: Option<JsonEntry<'a>>) -> JsonFinding<'a> {
    JsonFinding {
        code: f.code.as_str(),
        severity: f.severity,
        team: f.team.as_deref(),
        activity: f.activity(),
        activities: &f.activities,
        people: &f.people,
        message: &f.message,
        hint: &f.hint,
        fingerprint: &f.fingerprint,
        location: &f.location,
        related: &f.related,
        baseline,
    }
}

/// Write the JSON report to `out` as it is serialised, without building it in memory first.
pub(super) fn write<W: Write>(mut out: W, report: &Report) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Json<'a> {
        schema: &'static str,
        findings: Findings<'a>,
        summary: &'a Summary,
        baseline: Option<Baseline<'a>>,
    }
    struct Findings<'a>(&'a Report);
    impl Serialize for Findings<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let review = self.0.review.as_ref();
            serializer.collect_seq(self.0.findings.iter().map(|f| {
                let expired = review.and_then(|r| r.expired_entry(&f.fingerprint));
                finding(f, expired.map(|e| JsonEntry::new("expired", e)))
            }))
        }
    }
    #[derive(Serialize)]
    struct Baseline<'a> {
        file: &'a str,
        today: String,
        accepted: Vec<JsonFinding<'a>>,
        fixed: Vec<Fixed<'a>>,
    }
    #[derive(Serialize)]
    struct Fixed<'a> {
        fingerprint: &'a str,
        code: Option<&'a str>,
        team: Option<&'a str>,
        message: Option<&'a str>,
        line: u64,
    }
    let baseline = report.review.as_ref().map(|r| Baseline {
        file: &r.file,
        today: r.today.to_string(),
        accepted: r.accepted.iter().map(|(f, e)| finding(f, Some(JsonEntry::new("accepted", e)))).collect(),
        fixed: r
            .fixed
            .iter()
            .map(|e| Fixed {
                fingerprint: &e.fingerprint,
                code: e.code.as_deref(),
                team: e.team.as_deref(),
                message: e.message.as_deref(),
                line: e.line,
            })
            .collect(),
    });
    let json = Json { schema: SCHEMA_ID, findings: Findings(report), summary: &report.summary, baseline };
    serde_json::to_writer_pretty(&mut out, &json)?;
    out.write_all(b"\n")
}
