//! The diff for the terminal: per team, then phase and activity, each person's letters before and
//! after, what matters and why; then a summary line. Optionally coloured.

use std::io::Write;

use super::{ActivityDiff, Change, Diff, Effect, Status, TeamDiff, TemplateName};
use crate::matrix::Letters;
use crate::text::escape;

/// ANSI colours, or none.
struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// Write the diff to `out`; `color` adds ANSI colours.
pub(super) fn write<W: Write>(mut out: W, diff: &Diff, color: bool) -> std::io::Result<()> {
    let paint = Paint { on: color };
    for team in &diff.teams {
        write_team(&mut out, team, &paint)?;
        writeln!(out)?;
    }
    writeln!(out, "{} -> {}: {}", escape(&diff.old.source), escape(&diff.new.source), diff.totals().line())
}

fn write_team<W: Write>(out: &mut W, team: &TeamDiff, paint: &Paint) -> std::io::Result<()> {
    let people = |n: usize| if n == 1 { "1 person".to_string() } else { format!("{n} people") };
    let heading = paint.wrap("1", &format!("team {}", team.name));
    match (team.status, &team.template) {
        (Status::Added, Some((_, t))) => {
            return writeln!(out, "{heading}: added ({}, template {})", people(team.members), template(t));
        }
        (Status::Removed, Some((t, _))) => {
            return writeln!(out, "{heading}: removed (had {}, template {})", people(team.members), template(t));
        }
        _ => writeln!(out, "{heading}")?,
    }
    if let Some((old, new)) = &team.template {
        writeln!(out, "  template: {} -> {}", template(old), template(new))?;
    }
    let list = |people: &[super::PersonName]| people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
    if !team.joined.is_empty() {
        writeln!(out, "  joined: {}", list(&team.joined))?;
    }
    if !team.left.is_empty() {
        writeln!(out, "  left: {}", list(&team.left))?;
    }
    for (from, to, activities) in &team.handovers {
        let n = if *activities == 1 { "1 activity".to_string() } else { format!("{activities} activities") };
        writeln!(out, "  handed over: {} -> {} (the same letters on {n})", from.name, to.name)?;
    }
    // One column of names for the whole team, so the letters line up from activity to activity.
    let width = team.activities.iter().flat_map(|a| team.shown_changes(a)).map(|c| c.person.name.chars().count()).max();
    let mut phase: Option<&str> = None;
    for activity in team.activities.iter().filter(|a| team.shows(a)) {
        if phase != Some(activity.phase.as_str()) {
            writeln!(out, "  {}", escape(&activity.phase))?;
            phase = Some(&activity.phase);
        }
        write_activity(out, team, activity, width.unwrap_or(0), paint)?;
    }
    Ok(())
}

fn write_activity<W: Write>(
    out: &mut W,
    team: &TeamDiff,
    activity: &ActivityDiff,
    width: usize,
    paint: &Paint,
) -> std::io::Result<()> {
    let status = match activity.status {
        Status::Kept => "",
        Status::Added => ": added by the template",
        Status::Removed => ": removed from the template",
    };
    writeln!(out, "    {} ({}){status}", escape(&activity.name), escape(&activity.id))?;
    for effect in &activity.effects {
        write_effect(out, effect, paint)?;
    }
    for change in team.shown_changes(activity) {
        write_change(out, change, width, paint)?;
    }
    Ok(())
}

fn write_effect<W: Write>(out: &mut W, effect: &Effect, paint: &Paint) -> std::io::Result<()> {
    let label = if effect.kind.matters() { paint.wrap("1;31", "matters") } else { paint.wrap("32", "fix    ") };
    writeln!(out, "      {label} {}: {}", effect.kind.code(), effect.message())
}

fn write_change<W: Write>(out: &mut W, change: &Change, width: usize, paint: &Paint) -> std::io::Result<()> {
    let (gained, lost) = (change.gained(), change.lost());
    let (mark, colour) = match (gained.is_empty(), lost.is_empty()) {
        (false, true) => ("+", "32"),
        (true, false) => ("-", "31"),
        _ => ("~", "33"),
    };
    let mut what: Vec<String> = Vec::new();
    if !gained.is_empty() {
        what.push(format!("gained {}", spelled(gained)));
    }
    if !lost.is_empty() {
        what.push(format!("lost {}", spelled(lost)));
    }
    let name = &change.person.name;
    let pad = " ".repeat(width.saturating_sub(name.chars().count()));
    let cells = format!("{:>3} -> {:<3}", cell(change.old), cell(change.new));
    writeln!(out, "      {} {name}{pad}  {cells}  {}", paint.wrap(colour, mark), what.join(", "))
}

/// A cell's letters, `-` for none.
pub(super) fn cell(letters: Letters) -> String {
    if letters.is_empty() { "-".to_string() } else { letters.to_string() }
}

/// Letters one by one: `A, R`.
pub(super) fn spelled(letters: Letters) -> String {
    letters.iter().map(|l| l.as_char().to_string()).collect::<Vec<_>>().join(", ")
}

fn template(t: &TemplateName) -> String {
    format!("{} {}", escape(&t.name), escape(&t.version))
}
