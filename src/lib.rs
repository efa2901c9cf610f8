//! raci turns a team roster into a RACI responsibility matrix and a gap report, with the Product
//! Owner / Product Manager split the domain sources describe.
//!
//! Data flows one way: [`roster::load`] and [`template::resolve`] feed [`assign::assign`], which gives
//! a [`matrix::Matrix`]; [`check::run`] reads it for findings; [`export`] writes the workbook and the
//! reports. The library never prints and never exits.

pub mod assign;
pub mod check;
pub mod error;
pub mod export;
pub mod matrix;
pub mod role;
pub mod roster;
pub mod template;

use std::path::Path;

pub use error::{Error, Result};

use check::{Code, Counts, Finding, Severity};
use export::report::Summary;
use matrix::{Matrix, View};
use roster::{ReadOptions, Roster};
use template::Template;

/// What to read and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Main template (a bundled name or a path); `None` is the default template.
    pub template: Option<String>,
    /// Per-team templates: (team name, template name or path). They beat the roster's column.
    pub team_templates: Vec<(String, String)>,
    /// CSV reading options.
    pub read: ReadOptions,
}

/// A roster with its templates, matrix and findings.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The roster.
    pub roster: Roster,
    /// Templates in use; the first is the main one.
    pub templates: Vec<Template>,
    /// The matrix.
    pub matrix: Matrix,
    /// Findings in stable order.
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Load the roster and templates, build the matrix and run the checks.
    pub fn load(roster_path: &Path, options: &Options) -> Result<Self> {
        let roster = roster::load(roster_path, &options.read)?;
        Self::from_roster(roster, options)
    }

    /// Same as [`Analysis::load`], from an already parsed roster.
    pub fn from_roster(roster: Roster, options: &Options) -> Result<Self> {
        let main = match &options.template {
            Some(name) => template::resolve(name)?,
            None => template::default_template()?,
        };
        let mut names: Vec<String> =
            vec![options.template.clone().unwrap_or_else(|| template::DEFAULT_TEMPLATE.to_string())];
        let mut templates = vec![main];
        for (team, _) in &options.team_templates {
            if !roster.teams.iter().any(|t| t.name.eq_ignore_ascii_case(team)) {
                let known: Vec<&str> = roster.teams.iter().map(|t| t.name.as_str()).collect();
                return Err(Error::usage(
                    format!("--template names team '{team}', which is not in {}", roster.source),
                    format!("teams are: {}", known.join(", ")),
                ));
            }
        }
        let mut team_template = Vec::with_capacity(roster.teams.len());
        for team in &roster.teams {
            let wanted = options
                .team_templates
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(&team.name))
                .map(|(_, name)| name.as_str())
                .or(team.template.as_deref());
            let idx = match wanted {
                None => 0,
                Some(name) => match names.iter().position(|n| n == name) {
                    Some(idx) => idx,
                    None => {
                        let loaded = template::resolve(name).map_err(|e| match e {
                            Error::Usage { message, fix } if team.template.as_deref() == Some(name) => {
                                Error::roster(roster.at(team.line), format!("team '{}': {message}", team.name), fix)
                            }
                            other => other,
                        })?;
                        names.push(name.to_string());
                        templates.push(loaded);
                        templates.len() - 1
                    }
                },
            };
            team_template.push(idx);
        }
        let matrix = assign::assign(&roster, &templates, &team_template);
        let findings = check::run(&View { roster: &roster, templates: &templates, matrix: &matrix });
        Ok(Analysis { roster, templates, matrix, findings })
    }

    /// The view that checks and exporters read.
    pub fn view(&self) -> View<'_> {
        View { roster: &self.roster, templates: &self.templates, matrix: &self.matrix }
    }

    /// The summary of a set of findings (after `--allow` filtering) under a policy.
    pub fn summary(&self, findings: &[Finding], policy: &Policy) -> Summary {
        Summary {
            roster: self.roster.source.clone(),
            teams: self.roster.teams.len(),
            people: self.roster.people.len(),
            counts: Counts::of(findings),
            failed: policy.fails(findings),
        }
    }
}

/// Which findings are shown and which fail a check.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Codes silenced entirely.
    pub allow: Vec<Code>,
    /// Whether warnings fail the check too.
    pub deny_warnings: bool,
}

impl Policy {
    /// Keep the findings that are not silenced.
    pub fn filter(&self, mut findings: Vec<Finding>) -> Vec<Finding> {
        if !self.allow.is_empty() {
            findings.retain(|f| !self.allow.contains(&f.code));
        }
        findings
    }

    /// Whether these findings fail the check.
    pub fn fails(&self, findings: &[Finding]) -> bool {
        findings
            .iter()
            .any(|f| f.severity == Severity::Error || (self.deny_warnings && f.severity == Severity::Warning))
    }
}
