//! The findings as SARIF 2.1.0, for code scanning: every code declared as a rule with the
//! explanation `raci explain` gives, every finding a result at its roster line with a fingerprint
//! that does not depend on line numbers. A baseline's accepted findings are suppressed results.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use super::{Report, Style, ci_path, message_and_fix};
use crate::check::{CATALOGUE, Finding, Position, Severity};

/// The SARIF schema the log names.
const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The key of raci's fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "raciFinding/v1";
/// The base the relative paths are resolved against: the repository (working directory) root.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<CellProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u64,
}

/// A workbook position: SARIF regions are lines and columns of text, so the sheet and cell go here.
#[derive(Serialize)]
struct CellProperties {
    sheet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
struct ResultProperties<'a> {
    team: Option<&'a str>,
    activities: &'a [String],
    people: &'a [String],
}

/// Write the SARIF log.
pub(super) fn write<W: Write>(mut out: W, report: &Report, style: &Style) -> std::io::Result<()> {
    let rules = CATALOGUE
        .iter()
        .map(|e| Rule {
            id: e.name,
            name: e.name.split('-').map(capitalised).collect(),
            short_description: Text { text: e.summary.to_string() },
            full_description: Text { text: e.meaning.to_string() },
            help: Help {
                text: format!("{}\n\nWhy it matters: {}\n\nHow to fix it: {}", e.meaning, e.why, e.fix),
                markdown: format!(
                    "{}\n\n**Why it matters.** {}\n\n**How to fix it.** {}\n\n`raci explain {}` says the same.",
                    e.meaning, e.why, e.fix, e.name
                ),
            },
            default_configuration: Configuration { level: sarif_level(e.severity) },
            properties: RuleProperties { tags: ["raci", "roster"] },
        })
        .collect();
    let review = report.review.as_ref();
    let state = |new: bool| review.map(|_| if new { "new" } else { "unchanged" });
    let mut results: Vec<SarifResult<'_>> = report
        .findings
        .iter()
        .map(|f| {
            let expired = review.and_then(|r| r.expired_entry(&f.fingerprint));
            result(f, style, state(expired.is_none()), Vec::new())
        })
        .collect();
    if let Some(review) = review {
        results.extend(review.accepted.iter().map(|(f, entry)| {
            let justification = entry.reason.clone().unwrap_or_else(|| format!("accepted in {}", review.file));
            let suppression = Suppression { kind: "external", status: "accepted", justification };
            result(f, style, state(false), vec![suppression])
        }));
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "raci",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut out, &log)?;
    out.write_all(b"\n")
}

fn result<'a>(
    f: &'a Finding,
    style: &Style,
    baseline_state: Option<&'static str>,
    suppressions: Vec<Suppression>,
) -> SarifResult<'a> {
    let related = f
        .related
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let mut location = location(&r.position, style)?;
            location.id = Some(i + 1);
            location.message = Some(Text { text: r.about.clone() });
            Some(location)
        })
        .collect();
    SarifResult {
        rule_id: f.code.as_str(),
        rule_index: f.code as usize,
        level: sarif_level(f.severity),
        message: Text { text: message_and_fix(f) },
        locations: location(&f.location, style).into_iter().collect(),
        related_locations: related,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, f.fingerprint.as_str())]),
        baseline_state,
        suppressions,
        properties: ResultProperties { team: f.team.as_deref(), activities: &f.activities, people: &f.people },
    }
}

/// A position as a SARIF location; `None` for standard input, which is no file.
fn location(at: &Position, style: &Style) -> Option<Location> {
    let path = ci_path(&at.file, style.root.as_deref())?;
    let artifact = if path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", uri_path(&path)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: uri_path(&path), uri_base_id: Some(SRCROOT) }
    };
    let (region, properties) = match &at.sheet {
        None => (at.line.map(|start_line| Region { start_line }), None),
        Some(sheet) => (None, Some(CellProperties { sheet: sheet.to_string(), row: at.line, cell: at.cell.clone() })),
    };
    Some(Location {
        id: None,
        physical_location: PhysicalLocation { artifact_location: artifact, region },
        message: None,
        properties,
    })
}

/// A path as a URI reference: every byte but unreserved characters and `/` percent-encoded.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// SARIF's level of a severity.
fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `handoff` -> `Handoff`, for rule names.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri_path("teams/Équipe roster#1.csv"), "teams/%C3%89quipe%20roster%231.csv");
        assert_eq!(capitalised("handoff"), "Handoff");
    }
}
