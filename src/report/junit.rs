//! The findings as JUnit XML, for the test reports of GitLab, Jenkins and others: a test suite for
//! the roster as a whole and one per team, a test case per finding code. A case fails when one of
//! its findings fails the check; findings that do not fail are the case's output, and a code
//! silenced with `--allow` is a skipped case, as is a code that needs a template on a team read
//! from a RACI sheet raci did not write.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;

use super::{Report, Style, ci_path, place};
use crate::check::{CATALOGUE, Code, Explanation, Finding, WITHOUT_TEMPLATE};

/// Write the JUnit XML document.
pub(super) fn write<W: Write>(mut out: W, report: &Report, style: &Style) -> std::io::Result<()> {
    let file = ci_path(&report.file, style.root.as_deref());
    // The findings of each team (and of the roster as a whole), sorted out once.
    let mut of_team: HashMap<Option<&str>, (Vec<&Finding>, Vec<&Finding>)> = HashMap::new();
    for f in &report.findings {
        of_team.entry(f.team.as_deref()).or_default().0.push(f);
    }
    for (f, _) in report.review.iter().flat_map(|r| &r.accepted) {
        of_team.entry(f.team.as_deref()).or_default().1.push(f);
    }
    let none = (Vec::new(), Vec::new());
    let mut suites: Vec<Suite<'_>> = Vec::with_capacity(report.teams.len() + 1);
    for team in std::iter::once(None).chain(report.teams.iter().map(|t| Some(t.as_str()))) {
        let (shown, accepted) = of_team.get(&team).unwrap_or(&none);
        suites.push(Suite::new(report, team, file.as_deref(), shown, accepted));
    }
    let tests: usize = suites.iter().map(|s| s.cases.len()).sum();
    let failures: usize = suites.iter().map(Suite::failures).sum();
    let skipped: usize = suites.iter().map(Suite::skipped).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"raci check {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        attr(&report.summary.roster),
        tests,
        failures,
        skipped
    );
    for suite in &suites {
        suite.write(&mut xml);
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

/// One test suite: the roster as a whole (`team` `None`) or a team.
struct Suite<'a> {
    name: String,
    classname: String,
    file: Option<&'a str>,
    cases: Vec<Case<'a>>,
}

/// One test case: a code, with the findings of that code in the suite.
struct Case<'a> {
    code: &'static Explanation,
    /// Why the case was skipped, if it was.
    skipped: Option<String>,
    failing: Vec<&'a Finding>,
    passing: Vec<(&'a Finding, Option<String>)>,
}

impl<'a> Suite<'a> {
    fn new(
        report: &'a Report,
        team: Option<&'a str>,
        file: Option<&'a str>,
        shown: &[&'a Finding],
        accepted: &[&'a Finding],
    ) -> Self {
        let note = report.review.as_ref().map(|r| format!("accepted by the baseline {}", r.file));
        let inferred = team.is_some_and(|t| report.inferred_teams.iter().any(|i| i == t));
        let cases = CATALOGUE
            .iter()
            .filter(|e| e.scope.covers(team.is_some()))
            // Whether someone leaving breaks anything is only a case when the run asked.
            .filter(|e| e.code != Code::LeaverGap || !report.summary.without.is_empty())
            .map(|code| {
                let (failing, passing): (Vec<&Finding>, Vec<&Finding>) =
                    shown.iter().copied().filter(|f| f.code == code.code).partition(|f| report.fails(f));
                let mut passing: Vec<(&Finding, Option<String>)> = passing.into_iter().map(|f| (f, None)).collect();
                passing.extend(accepted.iter().filter(|f| f.code == code.code).map(|&f| (f, note.clone())));
                let skipped = if report.policy.allow.contains(&code.code) {
                    Some(format!("silenced with --allow {}", code.name))
                } else if inferred && !WITHOUT_TEMPLATE.contains(&code.code) {
                    Some("not checked: the team was read from a RACI sheet that names no template".to_string())
                } else {
                    None
                };
                Case { code, skipped, failing, passing }
            })
            .collect();
        let name = team.map_or_else(|| "roster".to_string(), str::to_string);
        // Jenkins reads the classname's last dot as package and class: keep a team's dots out of it.
        let classname = format!("raci.{}", name.replace('.', "_"));
        Suite { name, classname, file, cases }
    }

    fn failures(&self) -> usize {
        self.cases.iter().filter(|c| !c.failing.is_empty()).count()
    }

    fn skipped(&self) -> usize {
        self.cases.iter().filter(|c| c.skipped.is_some()).count()
    }

    fn write(&self, xml: &mut String) {
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
            attr(&self.name),
            self.cases.len(),
            self.failures(),
            self.skipped()
        );
        for case in &self.cases {
            let _ = write!(xml, "    <testcase name=\"{}\" classname=\"{}\"", case.code.name, attr(&self.classname));
            if let Some(file) = self.file {
                let _ = write!(xml, " file=\"{}\"", attr(file));
            }
            let first = case.failing.first().or(case.passing.first().map(|(f, _)| f));
            if let Some(line) = first.and_then(|f| f.location.line) {
                let _ = write!(xml, " line=\"{line}\"");
            }
            if case.skipped.is_none() && case.failing.is_empty() && case.passing.is_empty() {
                xml.push_str("/>\n");
                continue;
            }
            xml.push_str(">\n");
            if let Some(why) = &case.skipped {
                let _ = writeln!(xml, "      <skipped message=\"{}\"/>", attr(why));
            }
            if let Some(first) = case.failing.first() {
                let more = match case.failing.len() {
                    1 => String::new(),
                    n => format!(" (and {} more)", n - 1),
                };
                let body: String = case.failing.iter().map(|f| described(f, None)).collect();
                let _ = writeln!(
                    xml,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    attr(&format!("{}{more}", first.message)),
                    case.code.name,
                    text(&body)
                );
            }
            if !case.passing.is_empty() {
                let body: String = case.passing.iter().map(|(f, note)| described(f, note.as_deref())).collect();
                let _ = writeln!(xml, "      <system-out>{}</system-out>", text(&body));
            }
            xml.push_str("    </testcase>\n");
        }
        xml.push_str("  </testsuite>\n");
    }
}

/// A finding as the failure or output text of a case.
fn described(f: &Finding, note: Option<&str>) -> String {
    let note = note.map(|n| format!("\n{n}")).unwrap_or_default();
    format!("{} {}: {}\nat: {}\nfix: {}{note}\n\n", f.severity, f.code, f.message, place(f), f.hint)
}

/// A character XML 1.0 can hold.
fn allowed(c: char) -> char {
    match c {
        '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}' => c,
        _ => '\u{FFFD}',
    }
}

/// Text content: `&`, `<` and `>` escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(allowed) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value: as [`text`], and quotes and line breaks too.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\n', "&#10;").replace('\r', "&#13;").replace('\t', "&#9;")
}
