//! The matrix as one standalone HTML page: no script, no network, no external asset (a Content
//! Security Policy forbids them). A team index, colour-coded letters with their reasons as
//! tooltips, sticky headers, the findings with links to their rows, and a print style sheet.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;

use super::cells::{ByTeam, LEGEND, escaped, letter_class, reasons_line, roles_label};
use super::{Document, Progress};
use crate::check::{Finding, Severity, count};
use crate::matrix::Letters;
use crate::template::Template;

/// The style sheet: letter colours as in the workbook, sticky headers, print rules.
const STYLE: &str = r#"
:root { --border: #bfbfbf; --head: #d9e1f2; --muted: #595959; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
header { padding: 1rem 1.5rem 0.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.25rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
.summary, .meta { color: var(--muted); margin: 0 0 0.5rem; }
nav { position: sticky; top: 0; z-index: 10; background: #f7f7f7; border-bottom: 1px solid var(--border); padding: 0.4rem 1.5rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; }
nav a { text-decoration: none; color: #1f4e78; padding: 0.1rem 0.5rem; border-radius: 4px; border: 1px solid transparent; }
nav a:hover, nav a:focus { border-color: var(--border); background: #fff; }
.badge { display: inline-block; min-width: 1.3em; padding: 0 0.3em; border-radius: 0.65em; font-size: 0.8em; text-align: center; color: #fff; background: #8c8c8c; }
.badge.sev-error { background: #9c0006; color: #fff; } .badge.sev-warning { background: #9c5700; color: #fff; }
.badge.sev-info { background: #1f4e78; color: #fff; }
.legend { list-style: none; padding: 0; margin: 0.5rem 0 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; color: var(--muted); }
.legend .key { display: inline-block; min-width: 2.4em; text-align: center; font-weight: bold; border: 1px solid var(--border); margin-right: 0.3em; }
main { padding: 0 1.5rem 2rem; }
section.team { margin-top: 1.5rem; scroll-margin-top: 3rem; }
.grid { overflow: auto; max-height: 80vh; border: 1px solid var(--border); }
table.matrix { border-collapse: separate; border-spacing: 0; }
table.matrix th, table.matrix td { border-right: 1px solid var(--border); border-bottom: 1px solid var(--border); padding: 0.2rem 0.4rem; }
table.matrix thead th { position: sticky; top: 0; z-index: 2; background: var(--head); vertical-align: bottom; min-width: 5.5rem; font-weight: 600; }
table.matrix thead th .role { display: block; font-weight: normal; font-style: italic; color: var(--muted); }
table.matrix th.activity { position: sticky; left: 0; z-index: 1; background: #fff; text-align: left; font-weight: normal; min-width: 14rem; }
table.matrix thead th.activity { z-index: 3; background: var(--head); font-weight: 600; }
table.matrix tr.phase th { background: #f2f2f2; color: #404040; text-align: left; text-transform: capitalize; position: sticky; left: 0; }
table.matrix td { text-align: center; font-weight: bold; min-width: 3rem; }
table.matrix tr[id] { scroll-margin-top: 4rem; }
table.matrix tr:target th.activity, table.matrix tr:target td { box-shadow: inset 0 2px 0 #c00000, inset 0 -2px 0 #c00000; }
.l-a { background: #f8cbad; color: #833c0b; } .l-r { background: #c6efce; color: #006100; }
.l-c { background: #ffeb9c; color: #7f6000; } .l-i { background: #ddebf7; color: #1f4e78; }
a.flag { text-decoration: none; font-weight: bold; margin-left: 0.3em; }
.sev-error { color: #9c0006; } .sev-warning { color: #9c5700; } .sev-info { color: #1f4e78; }
ol.findings { padding-left: 1.5rem; margin: 0; }
ol.findings li { margin: 0 0 0.6rem; scroll-margin-top: 4rem; }
ol.findings li:target { background: #fff2cc; }
ol.findings .sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; }
ol.findings li > span.sev + code { margin-left: 0.3em; }
ol.findings .msg { color: #1a1a1a; }
ol.findings .fix, ol.findings .rows { color: var(--muted); margin: 0.1rem 0 0; }
footer { color: var(--muted); padding: 1rem 1.5rem; border-top: 1px solid var(--border); }
@media print {
  @page { size: landscape; margin: 1cm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 9pt; }
  nav, a.flag, footer { display: none; }
  header, main { padding: 0; }
  .grid { overflow: visible; max-height: none; border: 0; }
  table.matrix thead th, table.matrix th.activity, table.matrix tr.phase th { position: static; }
  table.matrix thead { display: table-header-group; }
  table.matrix tr { break-inside: avoid; }
  section.team { margin-top: 0.5rem; }
  section.team + section.team { break-before: page; margin-top: 0; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Write the page to `out`, team by team.
pub fn write<W: Write>(mut out: W, document: &Document<'_>, progress: &dyn Progress) -> std::io::Result<()> {
    let Document { view, findings, summary } = *document;
    let view = &view;
    let by_team = ByTeam::new(findings);
    let roster = esc(&summary.roster);
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    // Nothing may load from anywhere: no script, no image, no font, no frame.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"raci\">\n<title>RACI matrix: {roster}</title>")?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header>\n<h1>RACI matrix</h1>\n<p class=\"summary\">{roster} · {}</p>", esc(&summary.line()))?;
    writeln!(out, "<ul class=\"legend\">")?;
    for (letters, meaning) in LEGEND {
        let class = Letters::parse(letters).and_then(Letters::strongest).map_or("", letter_class);
        writeln!(out, "<li><span class=\"key {class}\">{letters}</span>{}</li>", esc(meaning))?;
    }
    writeln!(out, "</ul>\n</header>")?;

    writeln!(out, "<nav aria-label=\"Teams\"><ul>")?;
    if !by_team.roster_wide().is_empty() {
        writeln!(out, "<li><a href=\"#roster\">Whole roster{}</a></li>", badge(by_team.roster_wide()))?;
    }
    for (t, (team, ..)) in view.teams().enumerate() {
        writeln!(out, "<li><a href=\"#t{t}\">{}{}</a></li>", esc(&team.name), badge(by_team.team(&team.name)))?;
    }
    writeln!(out, "</ul></nav>\n<main>")?;

    let (first, roster_wide) = by_team.roster_wide_at();
    if !roster_wide.is_empty() {
        writeln!(out, "<section id=\"roster\" class=\"team\">\n<h2>Whole roster</h2>")?;
        findings_list(&mut out, first, roster_wide, None)?;
        writeln!(out, "</section>")?;
    }
    progress.start("writing HTML", view.matrix.teams.len() as u64);
    let mut rows_by_template: HashMap<usize, HashMap<&str, usize>> = HashMap::new();
    for (t, (team, tm, template)) in view.teams().enumerate() {
        let rows = rows_by_template
            .entry(tm.template)
            .or_insert_with(|| template.activities.iter().enumerate().map(|(a, act)| (act.id.as_str(), a)).collect());
        let (first, list) = by_team.team_at(&team.name);
        // Rows an error or a warning concerns get a flag linking to it.
        let mut flags: Vec<Vec<(usize, &Finding)>> = vec![Vec::new(); template.activities.len()];
        for (i, f) in list.iter().enumerate().filter(|(_, f)| f.severity > Severity::Info) {
            for id in f.activities.iter() {
                if let Some(&a) = rows.get(id.as_str()) {
                    flags[a].push((first + i, f));
                }
            }
        }
        writeln!(out, "<section id=\"t{t}\" class=\"team\">\n<h2>Team {}</h2>", esc(&team.name))?;
        writeln!(
            out,
            "<p class=\"meta\">template {} {} · {} · {}</p>",
            esc(&template.name),
            esc(&template.version),
            count(team.members.len(), "person", "people"),
            count(list.len(), "finding", "findings")
        )?;
        writeln!(
            out,
            "<div class=\"grid\"><table class=\"matrix\">\n<thead><tr><th class=\"activity\" scope=\"col\">Activity</th>"
        )?;
        for member in &team.members {
            let person = &view.roster.people[member.person];
            let title = person.email.as_deref().map(|e| format!(" title=\"{}\"", esc(e))).unwrap_or_default();
            writeln!(
                out,
                "<th scope=\"col\"{title}>{}<span class=\"role\">{}</span></th>",
                esc(&person.name),
                esc(&roles_label(member))
            )?;
        }
        writeln!(out, "</tr></thead>\n<tbody>")?;
        let mut phase = None;
        for (a, activity) in template.activities.iter().enumerate() {
            if phase != Some(activity.phase) {
                phase = Some(activity.phase);
                writeln!(
                    out,
                    "<tr class=\"phase\"><th colspan=\"{}\" scope=\"colgroup\">{}</th></tr>",
                    team.members.len() + 1,
                    esc(&template.phases[activity.phase])
                )?;
            }
            write!(out, "<tr id=\"t{t}-a{a}\"><th class=\"activity\" scope=\"row\" title=\"{}\">", esc(&activity.id))?;
            write!(out, "{}", esc(&activity.name))?;
            for (i, f) in &flags[a] {
                write!(
                    out,
                    "<a class=\"flag sev-{}\" href=\"#f{i}\" title=\"{}: {}\">&#9873;</a>",
                    f.severity,
                    f.code,
                    esc(&f.message)
                )?;
            }
            write!(out, "</th>")?;
            for (m, cell) in tm.row(a).iter().enumerate() {
                match cell.letters.strongest() {
                    None => write!(out, "<td></td>")?,
                    Some(letter) => write!(
                        out,
                        "<td class=\"{}\" title=\"{}\">{}</td>",
                        letter_class(letter),
                        esc(&reasons_line(&tm.provenance(team, a, m))),
                        cell.letters
                    )?,
                }
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</tbody></table></div>")?;
        findings_list(&mut out, first, list, Some((t, template, &*rows)))?;
        writeln!(out, "</section>")?;
        progress.advance(1);
    }
    writeln!(out, "</main>\n<footer>Generated by raci from {roster}.</footer>\n</body>\n</html>")
}

/// The count of a team's findings in the index, coloured by the worst.
fn badge(list: &[Finding]) -> String {
    match list.iter().map(|f| f.severity).max() {
        None => String::new(),
        Some(worst) => format!(
            " <span class=\"badge sev-{worst}\" title=\"{}\">{}</span>",
            count(list.len(), "finding", "findings"),
            list.len()
        ),
    }
}

/// The findings as a list, each linking to the rows it concerns when they are on this page.
fn findings_list<W: Write>(
    out: &mut W,
    first: usize,
    list: &[Finding],
    rows: Option<(usize, &Template, &HashMap<&str, usize>)>,
) -> std::io::Result<()> {
    writeln!(out, "<h3>Findings</h3>")?;
    if list.is_empty() {
        return writeln!(out, "<p class=\"meta\">No findings.</p>");
    }
    writeln!(out, "<ol class=\"findings\">")?;
    for (i, f) in list.iter().enumerate() {
        write!(
            out,
            "<li id=\"f{}\" class=\"sev-{}\"><span class=\"sev\">{}</span><code>{}</code> <span class=\"msg\">{}</span>",
            first + i,
            f.severity,
            f.severity,
            f.code,
            esc(&f.message)
        )?;
        if let Some((t, template, rows)) = rows {
            let links: Vec<String> = f
                .activities
                .iter()
                .filter_map(|id| rows.get(id.as_str()).map(|&a| (a, &template.activities[a])))
                .map(|(a, act)| format!("<a href=\"#t{t}-a{a}\">{}</a>", esc(&act.name)))
                .collect();
            if !links.is_empty() {
                write!(out, "<p class=\"rows\">rows: {}</p>", links.join(", "))?;
            }
        }
        writeln!(out, "<p class=\"fix\">fix: {}</p></li>", esc(&f.hint))?;
    }
    writeln!(out, "</ol>")
}

/// Text made safe for HTML content and attribute values.
fn esc(text: &str) -> Cow<'_, str> {
    escaped(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(esc("<b>\"Ada\" & 'Bob'</b>"), "&lt;b&gt;&quot;Ada&quot; &amp; &#39;Bob&#39;&lt;/b&gt;");
        assert!(matches!(esc("plain"), Cow::Borrowed("plain")));
    }
}
