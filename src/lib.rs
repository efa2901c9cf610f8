//! raci turns a team roster into a RACI responsibility matrix and a gap report, with the Product
//! Owner / Product Manager split the domain sources describe.
//!
//! Data flows one way: [`roster::load`] and [`template::resolve`] feed [`assign::assign`], which gives
//! a [`matrix::Matrix`]; [`check::run`] reads it for findings; [`export`] writes the matrix and
//! [`report`] the findings; [`diff::compare`] compares two matrices. The library never prints and
//! never exits.

pub mod assign;
pub mod check;
pub mod diff;
pub mod error;
pub mod export;
pub mod import;
pub mod keep;
pub mod matrix;
pub mod report;
pub mod role;
pub mod roster;
pub mod template;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use error::{Error, Result};

use check::{Code, Counts, Finding, Severity};
use matrix::{Matrix, View};
use report::baseline::Review;
use report::{Report, Summary};
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
    /// The directory a roster's `template` column resolves paths against; [`Analysis::load`] sets
    /// it to the roster's directory. `None`: the column may name bundled templates only.
    pub roster_dir: Option<PathBuf>,
    /// Let the roster's `template` column name paths outside the roster's directory.
    pub allow_template_paths: bool,
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
    /// For a workbook read back: where each team's rows and people are, so findings name cells.
    pub cells: Option<Arc<import::Cells>>,
}

/// Where a template was named: the command line (trusted) or a roster cell (untrusted). Two cells
/// naming the same text share one template; the same text on the command line may be another file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    CommandLine(String),
    Roster(String),
}

impl Analysis {
    /// Load the roster and templates, build the matrix and run the checks. Template paths in the
    /// roster's `template` column are resolved against the roster's directory (a roster read from
    /// standard input, `-`, has none: its column may name bundled templates only).
    ///
    /// A workbook raci wrote (it has the hidden sheet `_raci`) is read back as people edited it:
    /// the roster and templates it carries, the letters on its team sheets (see [`import`]). Any
    /// other workbook whose first sheet of interest is a grid of RACI letters, or any workbook with
    /// `--input matrix`, is read as a RACI matrix made elsewhere (see [`import::foreign`]).
    pub fn load(roster_path: &Path, options: &Options) -> Result<Self> {
        let (bytes, source) = roster::read_bytes(roster_path)?;
        if options.read.input != roster::InputKind::Roster
            && let Some(analysis) = import::load_if_raci(&bytes, &source)
        {
            return analysis;
        }
        let roster = match roster::parse_input(&bytes, &source, &options.read)? {
            roster::Parsed::Roster(roster) => roster,
            roster::Parsed::Matrix { .. } => {
                let mut analysis = import::foreign::load(&bytes, &source, options.read.sheet.as_deref())?;
                if options.template.is_some() || !options.team_templates.is_empty() {
                    analysis.roster.notes.push(format!(
                        "{source}: --template does not apply to a RACI matrix read from a sheet (its rows are the \
                         activities); it was ignored"
                    ));
                }
                return Ok(analysis);
            }
        };
        let mut options = options.clone();
        if options.roster_dir.is_none() && roster_path.as_os_str() != "-" {
            options.roster_dir = Some(match roster_path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            });
        }
        Self::from_roster(roster, &options)
    }

    /// Same as [`Analysis::load`], from an already parsed roster.
    pub fn from_roster(roster: Roster, options: &Options) -> Result<Self> {
        let main = match &options.template {
            Some(name) => template::resolve(name)?,
            None => template::default_template()?,
        };
        let main_name = options.template.clone().unwrap_or_else(|| template::DEFAULT_TEMPLATE.to_string());
        let mut names: Vec<Named> = vec![Named::CommandLine(main_name)];
        let mut templates = vec![main];
        let same_team = roster::same_identity;
        for (team, _) in &options.team_templates {
            if !roster.teams.iter().any(|t| same_team(&t.name, team)) {
                let known: Vec<&str> = roster.teams.iter().map(|t| t.name.as_str()).collect();
                return Err(Error::usage(
                    format!("--template names team '{team}', which is not in {}", roster.source),
                    format!("teams are: {}", known.join(", ")),
                ));
            }
        }
        let rules =
            template::RosterTemplates { dir: options.roster_dir.clone(), anywhere: options.allow_template_paths };
        let mut team_template = Vec::with_capacity(roster.teams.len());
        for team in &roster.teams {
            let from_cli = options.team_templates.iter().find(|(t, _)| same_team(t, &team.name));
            let wanted = match (from_cli, &team.template) {
                (Some((_, name)), _) => Some(Named::CommandLine(name.clone())),
                (None, Some(cell)) => Some(Named::Roster(cell.name.clone())),
                (None, None) => None,
            };
            let idx = match wanted {
                None => 0,
                Some(wanted) => match names.iter().position(|n| same_template(n, &wanted)) {
                    Some(idx) => idx,
                    None => {
                        let loaded = match (&wanted, &team.template) {
                            (Named::CommandLine(name), _) => template::resolve(name)?,
                            (Named::Roster(name), Some(cell)) => {
                                template::resolve_for_roster(name, &rules).map_err(|e| match e {
                                    Error::Usage { message, fix } => Error::roster(
                                        roster.at(cell.line),
                                        format!("team '{}': {message}", team.name),
                                        fix,
                                    ),
                                    other => other,
                                })?
                            }
                            (Named::Roster(name), None) => template::resolve_for_roster(name, &rules)?,
                        };
                        names.push(wanted);
                        templates.push(loaded);
                        templates.len() - 1
                    }
                },
            };
            team_template.push(idx);
        }
        let matrix = assign::assign(&roster, &templates, &team_template);
        let view = View { roster: &roster, templates: &templates, matrix: &matrix };
        let findings = check::run(&view);
        let unchecked = check::unchecked_teams(&view);
        let mut roster = roster;
        roster.notes.extend(unchecked);
        Ok(Analysis { roster, templates, matrix, findings, cells: None })
    }

    /// Point findings made from this analysis at the cells of the workbook it was read from (a
    /// no-op for a roster).
    pub fn locate(&self, findings: &mut [Finding]) {
        if let Some(cells) = &self.cells {
            cells.locate(&self.view(), findings);
        }
    }

    /// The input as reports name it: the roster (`people.xlsx:Roster` for a spreadsheet roster), or
    /// a workbook read back as the user named it (its roster's name is in messages about lines).
    pub fn name(&self) -> &str {
        if self.cells.is_some() { &self.roster.file } else { &self.roster.source }
    }

    /// What if these people leave (`raci check --without`): find them in the roster by name or
    /// email, and add a `leaver-gap` finding for each team and phase where their leaving takes an
    /// activity's only A or all its R's. Returns the leavers, as positions in the roster's people.
    pub fn without(&mut self, wanted: &[String]) -> Result<Vec<usize>> {
        let leavers = check::without::leavers(&self.roster, self.name(), wanted)?;
        let mut gaps = check::without::gaps(&self.view(), &leavers);
        self.locate(&mut gaps);
        let mut findings = std::mem::take(&mut self.findings);
        check::add(&self.view(), &mut findings, gaps);
        self.findings = findings;
        Ok(leavers)
    }

    /// The view that checks and exporters read.
    pub fn view(&self) -> View<'_> {
        View { roster: &self.roster, templates: &self.templates, matrix: &self.matrix }
    }

    /// The summary of a set of findings (after `--allow` filtering) under a policy.
    pub fn summary(&self, findings: &[Finding], policy: &Policy) -> Summary {
        Summary {
            roster: self.name().to_string(),
            teams: self.roster.teams.len(),
            people: self.roster.people.len(),
            counts: Counts::of(findings),
            failed: policy.fails(findings),
            without: Vec::new(),
        }
    }
}

impl Analysis {
    /// The report of the findings shown (after `--allow` and a baseline) under a policy.
    pub fn report(&self, findings: Vec<Finding>, policy: Policy, review: Option<Review>) -> Report {
        Report {
            summary: self.summary(&findings, &policy),
            findings,
            file: self.roster.file.clone(),
            teams: self.roster.teams.iter().map(|t| t.name.clone()).collect(),
            inferred_teams: self
                .view()
                .teams()
                .filter(|(_, _, template)| template.inferred)
                .map(|(team, ..)| team.name.clone())
                .collect(),
            policy,
            review,
        }
    }
}

/// Whether two template names load the same template: a bundled name in any case, or the same
/// path named from the same place.
fn same_template(a: &Named, b: &Named) -> bool {
    let text = |n: &Named| match n {
        Named::CommandLine(t) | Named::Roster(t) => t.trim().to_string(),
    };
    let (x, y) = (text(a), text(b));
    let bundled = |t: &str| template::builtin_names().any(|n| n.eq_ignore_ascii_case(t));
    if bundled(&x) || bundled(&y) {
        return x.eq_ignore_ascii_case(&y);
    }
    a == b
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
