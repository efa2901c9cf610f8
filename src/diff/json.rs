//! The diff as JSON: one object naming its schema, `raci.diff/v1`, described by [`SCHEMA`]
//! (`raci schema diff`).

use std::io::Write;

use serde::Serialize;

use super::{ActivityDiff, Change, Diff, Effect, PersonName, Side, TeamDiff, TemplateName, Totals};
use crate::matrix::Letters;

/// The value of the diff's `schema` field. It changes only when a field changes meaning or goes.
pub const SCHEMA_ID: &str = "raci.diff/v1";

/// The diff's JSON Schema (draft 2020-12).
pub const SCHEMA: &str = include_str!("../../docs/diff.schema.json");

#[derive(Serialize)]
struct Json<'a> {
    schema: &'static str,
    old: &'a Side,
    new: &'a Side,
    teams: Vec<JsonTeam<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonSummary {
    #[serde(flatten)]
    totals: Totals,
    /// Whether a change matters: `raci diff` exits 1.
    matters: bool,
}

#[derive(Serialize)]
struct JsonTeam<'a> {
    team: &'a str,
    status: &'static str,
    members: usize,
    template: Option<JsonTemplates<'a>>,
    joined: &'a [PersonName],
    left: &'a [PersonName],
    handovers: Vec<JsonHandover<'a>>,
    activities: Vec<JsonActivity<'a>>,
}

#[derive(Serialize)]
struct JsonHandover<'a> {
    from: &'a PersonName,
    to: &'a PersonName,
    activities: usize,
}

#[derive(Serialize)]
struct JsonTemplates<'a> {
    old: &'a TemplateName,
    new: &'a TemplateName,
}

#[derive(Serialize)]
struct JsonActivity<'a> {
    id: &'a str,
    name: &'a str,
    phase: &'a str,
    status: &'static str,
    changes: Vec<JsonChange<'a>>,
    effects: Vec<JsonEffect<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    person: &'a str,
    key: &'a str,
    old: String,
    new: String,
    gained: Vec<String>,
    lost: Vec<String>,
}

#[derive(Serialize)]
struct JsonEffect<'a> {
    code: &'static str,
    matters: bool,
    message: String,
    before: &'a [String],
    after: &'a [String],
}

/// Letters as one string, `A/R`; `""` for none.
fn letters(l: Letters) -> String {
    l.to_string()
}

/// Letters as a list, `["A", "R"]`.
fn list(l: Letters) -> Vec<String> {
    l.iter().map(|l| l.as_char().to_string()).collect()
}

fn team(t: &TeamDiff) -> JsonTeam<'_> {
    JsonTeam {
        team: &t.name,
        status: t.status.as_str(),
        members: t.members,
        template: t.template.as_ref().map(|(old, new)| JsonTemplates { old, new }),
        joined: &t.joined,
        left: &t.left,
        handovers: t
            .handovers
            .iter()
            .map(|(from, to, activities)| JsonHandover { from, to, activities: *activities })
            .collect(),
        activities: t.activities.iter().map(activity).collect(),
    }
}

fn activity(a: &ActivityDiff) -> JsonActivity<'_> {
    JsonActivity {
        id: &a.id,
        name: &a.name,
        phase: &a.phase,
        status: a.status.as_str(),
        changes: a.changes.iter().map(change).collect(),
        effects: a.effects.iter().map(effect).collect(),
    }
}

fn change(c: &Change) -> JsonChange<'_> {
    JsonChange {
        person: &c.person.name,
        key: &c.person.key,
        old: letters(c.old),
        new: letters(c.new),
        gained: list(c.gained()),
        lost: list(c.lost()),
    }
}

fn effect(e: &Effect) -> JsonEffect<'_> {
    JsonEffect {
        code: e.kind.code(),
        matters: e.kind.matters(),
        message: e.message(),
        before: &e.before,
        after: &e.after,
    }
}

/// Write the JSON diff to `out`, pretty-printed, ending with a line break.
pub(super) fn write<W: Write>(mut out: W, diff: &Diff) -> std::io::Result<()> {
    let json = Json {
        schema: SCHEMA_ID,
        old: &diff.old,
        new: &diff.new,
        teams: diff.teams.iter().map(team).collect(),
        summary: JsonSummary { totals: diff.totals(), matters: diff.matters() },
    };
    serde_json::to_writer_pretty(&mut out, &json)?;
    writeln!(out)
}
