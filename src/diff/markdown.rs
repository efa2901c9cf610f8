//! The diff as Markdown, for a pull request or a review document: a heading, the summary, then per
//! team who joined or left, what matters and a table of the letters that changed.

use std::io::Write;

use super::text::{cell, spelled};
use super::{Diff, Status, TeamDiff, TemplateName};
use crate::report::md_cell;
use crate::text::escape;

/// Write the Markdown diff to `out`.
pub(super) fn write<W: Write>(mut out: W, diff: &Diff) -> std::io::Result<()> {
    writeln!(out, "# RACI diff: {} → {}\n", md(&diff.old.source), md(&diff.new.source))?;
    writeln!(out, "**{}**.\n", md(&diff.totals().line()))?;
    if diff.is_empty() {
        writeln!(out, "No changes.")?;
    }
    for team in &diff.teams {
        write_team(&mut out, team)?;
    }
    Ok(())
}

fn write_team<W: Write>(out: &mut W, team: &TeamDiff) -> std::io::Result<()> {
    writeln!(out, "## Team {}\n", md(&team.name))?;
    let people = |n: usize| if n == 1 { "1 person".to_string() } else { format!("{n} people") };
    match (team.status, &team.template) {
        (Status::Added, Some((_, t))) => {
            return writeln!(out, "Added: {}, template {}.\n", people(team.members), template(t));
        }
        (Status::Removed, Some((t, _))) => {
            return writeln!(out, "Removed: it had {}, template {}.\n", people(team.members), template(t));
        }
        _ => {}
    }
    let mut about: Vec<String> = Vec::new();
    if let Some((old, new)) = &team.template {
        about.push(format!("Template: {} → {}.", template(old), template(new)));
    }
    let list = |people: &[super::PersonName]| people.iter().map(|p| md(&p.name)).collect::<Vec<_>>().join(", ");
    if !team.joined.is_empty() {
        about.push(format!("Joined: {}.", list(&team.joined)));
    }
    if !team.left.is_empty() {
        about.push(format!("Left: {}.", list(&team.left)));
    }
    for (from, to, activities) in &team.handovers {
        let n = if *activities == 1 { "1 activity".to_string() } else { format!("{activities} activities") };
        about.push(format!("Handed over: {} → {} (the same letters on {n}).", md(&from.name), md(&to.name)));
    }
    if !about.is_empty() {
        writeln!(out, "{}\n", about.join(" "))?;
    }
    let effects: Vec<_> = team.activities.iter().flat_map(|a| a.effects.iter().map(move |e| (a, e))).collect();
    if !effects.is_empty() {
        for (activity, effect) in effects {
            let label = if effect.kind.matters() { "**matters**" } else { "fix" };
            writeln!(out, "- {label} `{}` {}: {}", effect.kind.code(), md(&activity.name), md(&effect.message()))?;
        }
        writeln!(out)?;
    }
    if team.activities.iter().all(|a| team.shown_changes(a).next().is_none() && a.status == Status::Kept) {
        return Ok(());
    }
    writeln!(out, "| Phase | Activity | Person | Was | Now | Change |")?;
    writeln!(out, "|---|---|---|:-:|:-:|---|")?;
    for activity in
        team.activities.iter().filter(|a| team.shown_changes(a).next().is_some() || a.status != Status::Kept)
    {
        let name = match activity.status {
            Status::Kept => md(&activity.name),
            Status::Added => format!("{} (added)", md(&activity.name)),
            Status::Removed => format!("{} (removed)", md(&activity.name)),
        };
        if activity.changes.is_empty() {
            writeln!(out, "| {} | {name} | | | | nobody holds a letter |", md(&activity.phase))?;
        }
        for change in team.shown_changes(activity) {
            let mut what: Vec<String> = Vec::new();
            if !change.gained().is_empty() {
                what.push(format!("gained {}", spelled(change.gained())));
            }
            if !change.lost().is_empty() {
                what.push(format!("lost {}", spelled(change.lost())));
            }
            writeln!(
                out,
                "| {} | {name} | {} | {} | {} | {} |",
                md(&activity.phase),
                md(&change.person.name),
                cell(change.old),
                cell(change.new),
                what.join(", ")
            )?;
        }
    }
    writeln!(out)
}

fn template(t: &TemplateName) -> String {
    format!("{} {}", md(&t.name), md(&t.version))
}

/// Text for a cell or heading: control characters shown as escapes (template text may hold
/// them), then Markdown escaping.
fn md(text: &str) -> String {
    md_cell(&escape(text))
}
