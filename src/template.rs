//! Lifecycle templates: the TOML model, the bundled templates, and validation (petgraph: the
//! `depends_on` links must form a DAG over known ids; every role must be known or declared).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::role::{self, Role};

/// Templates compiled into the binary: (name, TOML text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("product-lifecycle", include_str!("../templates/product-lifecycle.toml")),
    ("scrum", include_str!("../templates/scrum.toml")),
    ("safe", include_str!("../templates/safe.toml")),
    ("startup", include_str!("../templates/startup.toml")),
];

/// The template used when none is named.
pub const DEFAULT_TEMPLATE: &str = "product-lifecycle";

/// Thresholds read by the checks; each has a documented default and can be set in `[rules]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// A person holding PO and PM is `info` up to this team size and a `warning` above it.
    pub combined_role_max_team_size: usize,
    /// Warn when a person is accountable for more than this share of a team's activities
    /// (divided by their allocation when the roster gives one).
    pub max_accountable_share: f64,
    /// Warn when a person is a member of more teams than this.
    pub max_teams_per_person: usize,
    /// Warn when one product owner serves more teams than this.
    pub po_max_teams: usize,
    /// Warn when more people than this are consulted on one activity.
    pub max_consulted: usize,
    /// `fallback-owner` becomes an error when at least this many teams lack the same role.
    pub fallback_escalate_teams: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            combined_role_max_team_size: 6,
            max_accountable_share: 0.75,
            max_teams_per_person: 3,
            po_max_teams: 2,
            max_consulted: 5,
            fallback_escalate_teams: 3,
        }
    }
}

/// One row of the matrix: a lifecycle activity and who gets which letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    /// Stable kebab-case id.
    pub id: String,
    /// Short name for the spreadsheet row.
    pub name: String,
    /// Index into [`Template::phases`].
    pub phase: usize,
    /// One line on what the activity is.
    pub description: String,
    /// Ids of the sources this activity rests on (keys of [`Template::sources`]).
    pub sources: Vec<String>,
    /// Indexes of the activities that come before this one.
    pub depends_on: Vec<usize>,
    /// Whether this activity belongs to the backlog owner (no fallback: a missing PO is a gap).
    pub backlog: bool,
    /// Chain: the first role held by someone on the team gets the A; later roles are fallbacks.
    pub accountable: Vec<Role>,
    /// Everybody holding one of these roles gets R.
    pub responsible: Vec<Role>,
    /// Everybody holding one of these roles gets C.
    pub consulted: Vec<Role>,
    /// Everybody holding one of these roles gets I.
    pub informed: Vec<Role>,
    /// Line of the activity in its template file.
    pub line: u64,
}

/// A validated template: activities sorted by phase, `depends_on` resolved to indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Template name.
    pub name: String,
    /// Template version.
    pub version: String,
    /// One-line description.
    pub description: String,
    /// Phases in lifecycle order.
    pub phases: Vec<String>,
    /// Source id -> citation.
    pub sources: BTreeMap<String, String>,
    /// Check thresholds.
    pub rules: Rules,
    /// Roles beyond the built-in ones that this template uses.
    pub custom_roles: Vec<Role>,
    /// Activities, grouped by phase in phase order, file order within a phase.
    pub activities: Vec<Activity>,
    /// Where it came from: `built-in` or the path.
    pub origin: String,
    /// The TOML text it was read from (for `templates export`).
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    name: String,
    #[serde(default = "default_version")]
    version: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_phases")]
    phases: Vec<String>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
    #[serde(default)]
    rules: Rules,
    #[serde(default)]
    custom_roles: Vec<Spanned<String>>,
    #[serde(rename = "activity", default)]
    activities: Vec<Spanned<RawActivity>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActivity {
    id: Spanned<String>,
    name: String,
    phase: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    depends_on: Vec<Spanned<String>>,
    #[serde(default)]
    backlog: bool,
    accountable: Vec<Spanned<String>>,
    #[serde(default)]
    responsible: Vec<Spanned<String>>,
    #[serde(default)]
    consulted: Vec<Spanned<String>>,
    #[serde(default)]
    informed: Vec<Spanned<String>>,
}

fn default_version() -> String {
    "0.0.0".to_string()
}

fn default_phases() -> Vec<String> {
    ["discovery", "strategy", "planning", "delivery", "launch", "growth"].map(String::from).to_vec()
}

/// The names of the bundled templates.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(name, _)| *name)
}

/// Load a bundled template by name, or a template file by path.
pub fn resolve(name_or_path: &str) -> Result<Template> {
    if let Some((name, text)) = BUILTIN.iter().find(|(name, _)| *name == name_or_path) {
        return parse(text, &format!("templates/{name}.toml (built-in)"));
    }
    let path = Path::new(name_or_path);
    if path.exists() || name_or_path.ends_with(".toml") {
        return load(path);
    }
    Err(Error::usage(
        format!("no template named '{name_or_path}'"),
        format!(
            "use one of: {} (see `raci templates list`), or a path to a .toml file",
            builtin_names().collect::<Vec<_>>().join(", ")
        ),
    ))
}

/// The default template.
pub fn default_template() -> Result<Template> {
    resolve(DEFAULT_TEMPLATE)
}

/// Load a template file.
pub fn load(path: &Path) -> Result<Template> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read template", e))?;
    parse(&text, &path.display().to_string())
}

fn line_of(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Parse and validate template text; `origin` names it in messages.
pub fn parse(text: &str, origin: &str) -> Result<Template> {
    let raw: RawTemplate = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = e.message().trim().to_string();
        Error::template(
            Location { file: origin.to_string(), line },
            format!("invalid template: {message}"),
            "fix this line; `raci templates export product-lifecycle` prints a valid template to compare with",
        )
    })?;
    Validator { text, origin }.validate(raw)
}

struct Validator<'a> {
    text: &'a str,
    origin: &'a str,
}

impl Validator<'_> {
    fn at<T>(&self, spanned: &Spanned<T>) -> Location {
        Location::line(self.origin, line_of(self.text, spanned.span().start))
    }

    fn validate(&self, raw: RawTemplate) -> Result<Template> {
        if raw.activities.is_empty() {
            return Err(Error::template(
                Location::file(self.origin),
                "the template has no [[activity]]",
                "add at least one activity",
            ));
        }
        if raw.phases.is_empty() {
            return Err(Error::template(Location::file(self.origin), "`phases` is empty", "list the phases in order"));
        }
        self.check_rules(&raw.rules)?;
        let custom_roles: Vec<Role> = raw
            .custom_roles
            .iter()
            .map(|r| {
                let slug = role::normalise(r.get_ref()).replace(' ', "-");
                if slug.is_empty() {
                    Err(Error::template(self.at(r), "empty custom role", "give the role a name such as `data-analyst`"))
                } else {
                    Ok(Role::new(&slug))
                }
            })
            .collect::<Result<_>>()?;

        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (idx, act) in raw.activities.iter().enumerate() {
            let id = act.get_ref().id.get_ref().as_str();
            if id.trim().is_empty() {
                return Err(Error::template(
                    self.at(&act.get_ref().id),
                    "empty activity id",
                    "give the activity a kebab-case id",
                ));
            }
            if let Some(&first) = ids.get(id) {
                let first_line = line_of(self.text, raw.activities[first].get_ref().id.span().start);
                return Err(Error::template(
                    self.at(&act.get_ref().id),
                    format!("activity id '{id}' is used twice (also on line {first_line})"),
                    "give each activity its own id",
                ));
            }
            ids.insert(id, idx);
        }

        let mut activities = Vec::with_capacity(raw.activities.len());
        for spanned in &raw.activities {
            let act = spanned.get_ref();
            let phase = raw.phases.iter().position(|p| p == act.phase.get_ref()).ok_or_else(|| {
                Error::template(
                    self.at(&act.phase),
                    format!("activity '{}' has unknown phase '{}'", act.id.get_ref(), act.phase.get_ref()),
                    format!("use one of: {}", raw.phases.join(", ")),
                )
            })?;
            for source in &act.sources {
                if !raw.sources.contains_key(source.get_ref()) {
                    return Err(Error::template(
                        self.at(source),
                        format!("activity '{}' cites unknown source '{}'", act.id.get_ref(), source.get_ref()),
                        "add it under [sources] or fix the id",
                    ));
                }
            }
            let depends_on = act
                .depends_on
                .iter()
                .map(|dep| {
                    ids.get(dep.get_ref().as_str()).copied().ok_or_else(|| {
                        Error::template(
                            self.at(dep),
                            format!("activity '{}' depends on unknown activity '{}'", act.id.get_ref(), dep.get_ref()),
                            unknown_id_fix(dep.get_ref(), ids.keys().copied()),
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            if act.accountable.is_empty() {
                return Err(Error::template(
                    self.at(&act.id),
                    format!("activity '{}' has an empty accountable chain", act.id.get_ref()),
                    "name at least one role in `accountable`",
                ));
            }
            let roles = |list: &[Spanned<String>]| -> Result<Vec<Role>> {
                list.iter().map(|r| self.role(r, &custom_roles)).collect()
            };
            activities.push(Activity {
                id: act.id.get_ref().clone(),
                name: act.name.clone(),
                phase,
                description: act.description.clone(),
                sources: act.sources.iter().map(|s| s.get_ref().clone()).collect(),
                depends_on,
                backlog: act.backlog,
                accountable: roles(&act.accountable)?,
                responsible: roles(&act.responsible)?,
                consulted: roles(&act.consulted)?,
                informed: roles(&act.informed)?,
                line: line_of(self.text, spanned.span().start),
            });
        }
        self.check_acyclic(&activities)?;

        // Group by phase (stable), then remap dependency indexes.
        let mut order: Vec<usize> = (0..activities.len()).collect();
        order.sort_by_key(|&i| activities[i].phase);
        let mut new_index = vec![0; activities.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut sorted: Vec<Activity> = order.iter().map(|&i| activities[i].clone()).collect();
        for act in &mut sorted {
            for dep in &mut act.depends_on {
                *dep = new_index[*dep];
            }
        }
        Ok(Template {
            name: raw.name,
            version: raw.version,
            description: raw.description,
            phases: raw.phases,
            sources: raw.sources,
            rules: raw.rules,
            custom_roles,
            activities: sorted,
            origin: self.origin.to_string(),
            text: self.text.to_string(),
        })
    }

    fn role(&self, spanned: &Spanned<String>, custom: &[Role]) -> Result<Role> {
        let text = spanned.get_ref();
        if role::normalise(text).is_empty() {
            return Err(Error::template(
                self.at(spanned),
                format!("'{text}' is not a role"),
                "write a role id such as product-owner, or remove the empty entry",
            ));
        }
        let role = Role::new(text);
        if role.is_known() || custom.contains(&role) {
            return Ok(role);
        }
        let hint = match role::lookup(text) {
            Some(canonical) => format!("write '{canonical}' (the canonical id)"),
            None => match role::suggest(text) {
                Some(alias) => format!(
                    "did you mean '{}'? or declare it: custom_roles = [\"{text}\"]",
                    role::lookup(alias).map_or_else(|| alias.to_string(), |r| r.to_string())
                ),
                None => format!("declare it at the top of the template: custom_roles = [\"{text}\"]"),
            },
        };
        Err(Error::template(self.at(spanned), format!("unknown role '{text}'"), hint))
    }

    /// Thresholds the checks divide by or compare with must be numbers that make sense.
    fn check_rules(&self, rules: &Rules) -> Result<()> {
        let share = rules.max_accountable_share;
        if !share.is_finite() || share <= 0.0 {
            // `Rules` carries no spans; the key's first mention is the line to change.
            let at = match self.text.find("max_accountable_share") {
                Some(offset) => Location::line(self.origin, line_of(self.text, offset)),
                None => Location::file(self.origin),
            };
            return Err(Error::template(
                at,
                format!("max_accountable_share = {share} is not a share"),
                "write a number above 0, e.g. 0.75 (a share of 1 or more never warns)",
            ));
        }
        Ok(())
    }

    /// The template's `depends_on` links must form a DAG; a cycle is named in order.
    fn check_acyclic(&self, activities: &[Activity]) -> Result<()> {
        let graph = dependency_graph(activities);
        for scc in petgraph::algo::tarjan_scc(&graph) {
            let is_cycle = scc.len() > 1 || scc.first().is_some_and(|&n| graph.contains_edge(n, n));
            if !is_cycle {
                continue;
            }
            let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
            members.sort_unstable();
            let cycle = cycle_path(activities, &members);
            let first = &activities[members[0]];
            return Err(Error::template(
                Location::line(self.origin, first.line),
                format!("`depends_on` forms a cycle: {}", cycle.join(" -> ")),
                "remove one of these links so the activities can be ordered",
            ));
        }
        Ok(())
    }
}

/// The fix for an unknown activity id: the closest known id when it looks like a typo, else the list.
fn unknown_id_fix<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> String {
    let mut known: Vec<&str> = known.collect();
    known.sort_unstable();
    let closest = known
        .iter()
        .map(|id| (strsim::damerau_levenshtein(wanted, id), *id))
        .min()
        .filter(|&(distance, _)| distance <= 2.max(wanted.chars().count() / 4));
    match closest {
        Some((_, id)) => format!("did you mean '{id}'? use the id of an activity in this template"),
        None if known.len() <= 12 => format!("use the id of an activity in this template: {}", known.join(", ")),
        None => "use the id of an activity in this template".to_string(),
    }
}

/// The dependency graph: an edge from each upstream activity to the activity that depends on it.
/// Node weights are activity indexes.
pub fn dependency_graph(activities: &[Activity]) -> DiGraph<usize, ()> {
    let mut graph = DiGraph::with_capacity(activities.len(), activities.len() * 2);
    let nodes: Vec<NodeIndex> = (0..activities.len()).map(|i| graph.add_node(i)).collect();
    for (idx, act) in activities.iter().enumerate() {
        for &dep in &act.depends_on {
            graph.add_edge(nodes[dep], nodes[idx], ());
        }
    }
    graph
}

/// Walk from the lowest member of a strongly connected set back to itself, following `depends_on`.
fn cycle_path(activities: &[Activity], members: &[usize]) -> Vec<String> {
    let start = members[0];
    let mut path = vec![start];
    let mut current = start;
    loop {
        let next = activities[current]
            .depends_on
            .iter()
            .copied()
            .find(|d| members.contains(d) && (*d == start || !path.contains(d)));
        match next {
            Some(n) if n == start => {
                path.push(start);
                break;
            }
            Some(n) => {
                path.push(n);
                current = n;
            }
            None => break,
        }
    }
    path.iter().map(|&i| activities[i].id.clone()).collect()
}

impl Template {
    /// Index of an activity by id.
    pub fn activity_index(&self, id: &str) -> Option<usize> {
        self.activities.iter().position(|a| a.id == id)
    }

    /// Every role the template mentions, in first-mention order.
    pub fn roles(&self) -> Vec<Role> {
        let mut out: Vec<Role> = Vec::new();
        for act in &self.activities {
            for role in act.accountable.iter().chain(&act.responsible).chain(&act.consulted).chain(&act.informed) {
                if !out.contains(role) {
                    out.push(role.clone());
                }
            }
        }
        out
    }

    /// Whether the template knows this role (built-in or declared custom).
    pub fn knows(&self, role: &Role) -> bool {
        role.is_known() || self.custom_roles.contains(role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse(text, "t.toml") {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    const HEAD: &str = "name = \"t\"\n";

    #[test]
    fn default_template_loads_and_is_grouped_by_phase() -> Result<()> {
        let t = default_template()?;
        assert!(t.activities.len() >= 20);
        assert!(t.activities.windows(2).all(|w| w[0].phase <= w[1].phase));
        assert_eq!(t.phases.len(), 6);
        Ok(())
    }

    #[test]
    fn a_cycle_is_named() {
        let text = format!(
            "{HEAD}[[activity]]\nid = \"a\"\nname = \"A\"\nphase = \"discovery\"\naccountable = [\"product-owner\"]\ndepends_on = [\"b\"]\n\
             [[activity]]\nid = \"b\"\nname = \"B\"\nphase = \"discovery\"\naccountable = [\"product-owner\"]\ndepends_on = [\"a\"]\n"
        );
        assert_eq!(
            err(&text),
            "t.toml:2: `depends_on` forms a cycle: a -> b -> a (remove one of these links so the activities can be ordered)"
        );
    }

    #[test]
    fn unknown_role_gets_a_suggestion_and_a_line() {
        let text = format!(
            "{HEAD}[[activity]]\nid = \"a\"\nname = \"A\"\nphase = \"discovery\"\naccountable = [\"prodct-owner\"]\n"
        );
        let msg = err(&text);
        assert!(msg.starts_with("t.toml:6: unknown role 'prodct-owner'"), "{msg}");
        assert!(msg.contains("did you mean 'product-owner'"), "{msg}");
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let msg = err("name = \"t\"\n[[activity]]\nid = \n");
        assert!(msg.starts_with("t.toml:3: invalid template"), "{msg}");
    }
}
