//! The matrix as JSON: the templates, every team with its members and, per activity, each letter
//! with its reason, then the findings and the summary. `docs/matrix.schema.json` documents it; it
//! is serialised as it is written, so the matrix is never copied.

use std::collections::BTreeMap;
use std::io::Write;

use serde::{Serialize, Serializer};

use super::cells::roles_label;
use super::{Document, Progress};
use crate::check::Finding;
use crate::matrix::{Provenance, Rule, TeamMatrix, View};
use crate::report::Summary;
use crate::roster::Team;
use crate::template::{Activity, Template};

/// The value of the document's `format` field.
pub const FORMAT: &str = "raci-matrix";
/// The value of the document's `version` field; it changes when a field changes meaning or goes.
pub const VERSION: u32 = 1;
/// The document's JSON Schema (draft 2020-12): `raci schema matrix`.
pub const SCHEMA: &str = include_str!("../../docs/matrix.schema.json");

/// Write the JSON document to `out` (pretty-printed, with a final newline).
pub fn write<W: Write>(mut out: W, document: &Document<'_>, progress: &dyn Progress) -> std::io::Result<()> {
    let Document { view, findings, summary } = *document;
    let view = &view;
    progress.start("writing JSON", view.matrix.teams.len() as u64);
    let json = Json {
        format: FORMAT,
        version: VERSION,
        roster: &view.roster.source,
        templates: Templates(view.templates),
        teams: Teams { view, progress },
        findings,
        summary,
    };
    serde_json::to_writer_pretty(&mut out, &json)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Json<'a> {
    format: &'static str,
    version: u32,
    roster: &'a str,
    templates: Templates<'a>,
    teams: Teams<'a>,
    findings: &'a [Finding],
    summary: &'a Summary,
}

struct Templates<'a>(&'a [Template]);

impl Serialize for Templates<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct TemplateJson<'a> {
            name: &'a str,
            version: &'a str,
            description: &'a str,
            phases: &'a [String],
            sources: &'a BTreeMap<String, String>,
        }
        serializer.collect_seq(self.0.iter().map(|t| TemplateJson {
            name: &t.name,
            version: &t.version,
            description: &t.description,
            phases: &t.phases,
            sources: &t.sources,
        }))
    }
}

struct Teams<'a> {
    view: &'a View<'a>,
    progress: &'a dyn Progress,
}

impl Serialize for Teams<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.view;
        serializer.collect_seq(view.teams().map(|(team, tm, template)| {
            // Counted when the team is handed to the serialiser, which writes it before the next.
            self.progress.advance(1);
            TeamJson {
                name: &team.name,
                template: tm.template,
                members: Members { view, team },
                activities: Activities { view, team, tm, template },
            }
        }))
    }
}

#[derive(Serialize)]
struct TeamJson<'a> {
    name: &'a str,
    /// Index into `templates`.
    template: usize,
    members: Members<'a>,
    activities: Activities<'a>,
}

struct Members<'a> {
    view: &'a View<'a>,
    team: &'a Team,
}

impl Serialize for Members<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct MemberJson<'a> {
            name: &'a str,
            email: Option<&'a str>,
            roles: Vec<&'a str>,
            label: String,
            line: u64,
        }
        serializer.collect_seq(self.team.members.iter().map(|member| {
            let person = &self.view.roster.people[member.person];
            MemberJson {
                name: &person.name,
                email: person.email.as_deref(),
                roles: member.roles.iter().map(|r| r.role.id()).collect(),
                label: roles_label(member),
                line: member.line,
            }
        }))
    }
}

struct Activities<'a> {
    view: &'a View<'a>,
    team: &'a Team,
    tm: &'a TeamMatrix,
    template: &'a Template,
}

impl Serialize for Activities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ActivityJson<'a> {
            id: &'a str,
            name: &'a str,
            phase: &'a str,
            depends_on: Vec<&'a str>,
            cells: Cells<'a>,
        }
        let template = self.template;
        serializer.collect_seq(template.activities.iter().enumerate().map(|(a, activity)| ActivityJson {
            id: &activity.id,
            name: &activity.name,
            phase: &template.phases[activity.phase],
            depends_on: activity.depends_on.iter().map(|&d| template.activities[d].id.as_str()).collect(),
            cells: Cells { view: self.view, team: self.team, tm: self.tm, activity, index: a },
        }))
    }
}

struct Cells<'a> {
    view: &'a View<'a>,
    team: &'a Team,
    tm: &'a TeamMatrix,
    activity: &'a Activity,
    index: usize,
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct CellJson<'a> {
            /// Index into the team's members.
            member: usize,
            person: &'a str,
            letters: String,
            reasons: Vec<Reason<'a>>,
        }
        let (tm, a) = (self.tm, self.index);
        serializer.collect_seq(tm.row(a).iter().enumerate().filter(|(_, c)| !c.letters.is_empty()).map(|(m, cell)| {
            CellJson {
                member: m,
                person: self.view.name(&self.team.members[m]),
                letters: cell.letters.to_string(),
                reasons: tm.provenance(self.team, a, m).into_iter().map(|p| Reason::new(p, self.activity)).collect(),
            }
        }))
    }
}

#[derive(Serialize)]
struct Reason<'a> {
    letter: char,
    role: String,
    /// `chain`, `stand-in` or `listed`.
    rule: &'static str,
    /// The role's position in the accountable chain (0: the first choice), for `chain`.
    position: Option<u8>,
    /// The role nobody holds whose R this role took over, for `stand-in`.
    stands_in_for: Option<&'a str>,
    text: String,
}

impl<'a> Reason<'a> {
    fn new(provenance: Provenance, activity: &'a Activity) -> Self {
        let (rule, position, stands_in_for) = match provenance.rule {
            Rule::Chain { position } => ("chain", Some(position), None),
            Rule::StandIn { missing } => {
                ("stand-in", None, activity.accountable.get(usize::from(missing)).map(|r| r.id()))
            }
            Rule::Together => ("together", None, None),
            Rule::Listed => ("listed", None, None),
            Rule::Manual => ("manual", None, None),
        };
        Reason {
            letter: provenance.letter.as_char(),
            text: provenance.to_string(),
            role: provenance.role.id().to_string(),
            rule,
            position,
            stands_in_for,
        }
    }
}
