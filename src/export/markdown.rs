//! The matrix as Markdown: the summary and legend, then one pipe table per team (activities down,
//! people across) with the team's findings below it. Renders on GitHub and GitLab.

use std::io::Write;

use super::cells::{ByTeam, LEGEND, roles_label};
use super::{Document, Progress};
use crate::check::count;
use crate::report::{markdown_table, md_cell};

/// Write the Markdown page to `out`, team by team.
pub fn write<W: Write>(mut out: W, document: &Document<'_>, progress: &dyn Progress) -> std::io::Result<()> {
    let Document { view, findings, summary } = *document;
    let view = &view;
    writeln!(out, "# RACI matrix: {}\n", md_cell(&summary.roster))?;
    let verdict = if summary.failed { "fails" } else { "passes" };
    writeln!(out, "**{}** — `raci check` {verdict}.\n", summary.line())?;
    writeln!(out, "| Letter | Meaning |")?;
    writeln!(out, "|:-:|---|")?;
    for (letters, meaning) in LEGEND {
        writeln!(out, "| **{letters}** | {meaning} |")?;
    }
    writeln!(out)?;
    let by_team = ByTeam::new(findings);
    if !by_team.roster_wide().is_empty() {
        writeln!(out, "## Whole roster\n")?;
        markdown_table(&mut out, by_team.roster_wide())?;
    }
    progress.start("writing Markdown", view.matrix.teams.len() as u64);
    for (team, tm, template) in view.teams() {
        writeln!(out, "## Team {}\n", md_cell(&team.name))?;
        writeln!(
            out,
            "Template {} {} · {}.\n",
            md_cell(&template.name),
            md_cell(&template.version),
            count(team.members.len(), "person", "people")
        )?;
        write!(out, "| Phase | Activity |")?;
        for member in &team.members {
            write!(out, " {}<br>{} |", md_cell(view.name(member)), md_cell(&roles_label(member)))?;
        }
        write!(out, "\n|---|---|")?;
        for _ in &team.members {
            write!(out, ":-:|")?;
        }
        writeln!(out)?;
        let mut phase = None;
        for (a, activity) in template.activities.iter().enumerate() {
            // The phase on its first row only, so the phases stand out.
            if phase != Some(activity.phase) {
                write!(out, "| **{}** |", md_cell(&template.phases[activity.phase]))?;
                phase = Some(activity.phase);
            } else {
                write!(out, "| |")?;
            }
            write!(out, " {} |", md_cell(&activity.name))?;
            for cell in tm.row(a) {
                if cell.letters.is_empty() { write!(out, " |")? } else { write!(out, " {} |", cell.letters)? }
            }
            writeln!(out)?;
        }
        writeln!(out)?;
        let list = by_team.team(&team.name);
        if list.is_empty() {
            writeln!(out, "No findings for team {}.\n", md_cell(&team.name))?;
        } else {
            writeln!(out, "### Findings for team {}\n", md_cell(&team.name))?;
            markdown_table(&mut out, list)?;
        }
        progress.advance(1);
    }
    Ok(())
}
