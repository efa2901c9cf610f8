//! Lifecycle templates: the TOML model, the bundled templates, and validation (petgraph: the
//! `depends_on` links must form a DAG over known ids; every role must be known or declared).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};
use crate::role::{self, Role};
use crate::text;

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
    /// `fallback-owner` becomes an error when at least this many teams lack the same role of
    /// [`Rules::fallback_escalate_roles`].
    pub fallback_escalate_teams: usize,
    /// The roles whose absence across teams escalates `fallback-owner` (the product-manager chain).
    pub fallback_escalate_roles: Vec<String>,
    /// Roles a team may lack by design: an A that falls back past one of them is not reported.
    pub optional_roles: Vec<String>,
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
            fallback_escalate_roles: vec!["product-manager".to_string()],
            optional_roles: Vec::new(),
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
    /// With [`Activity::accountable_together`], a group instead.
    pub accountable: Vec<Role>,
    /// Everybody holding any role of `accountable` shares one A, as a group (the developers of a
    /// Scrum team): no fallback, and no `multiple-accountable` among them.
    pub accountable_together: bool,
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
    /// Made up from a RACI sheet raci did not write (see `import::foreign`): its activities are
    /// the sheet's rows and it gives no role any letter, so the checks that compare a matrix with
    /// a template's roles and chains do not run on it.
    pub inferred: bool,
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
    /// Written by raci for a matrix read from a sheet it did not write (see [`Template::inferred`]).
    #[serde(default)]
    inferred: bool,
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
    accountable_together: bool,
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

/// Most bytes a template file may have. The largest bundled template is about 20 KB; a template
/// with 40,000 activities is about 10 MB.
pub const MAX_TEMPLATE_BYTES: u64 = 32 << 20;

/// The bundled template with this name, ignoring case.
fn builtin(name: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN.iter().copied().find(|(builtin, _)| builtin.eq_ignore_ascii_case(name.trim()))
}

/// How the origin of a bundled template ends: it lives in the binary, not in a file of the user's.
const BUILT_IN: &str = " (built-in)";

/// How the origin of a template read from a workbook starts (see [`Template::file`]).
pub const EMBEDDED: &str = "embedded in ";

/// Load a bundled template by name (any case), or a template file by path, as named on the command
/// line: any path the user can read, but only a regular file, and at most [`MAX_TEMPLATE_BYTES`].
pub fn resolve(name_or_path: &str) -> Result<Template> {
    if let Some((name, text)) = builtin(name_or_path) {
        return parse(text, &format!("templates/{name}.toml{BUILT_IN}"));
    }
    let path = Path::new(name_or_path);
    if path.exists() || has_toml_extension(path) {
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

/// What a roster's `template` cell may name: a bundled template, or a `.toml` file in the roster's
/// directory or below it (so a roster arriving in a pull request cannot make raci read files
/// elsewhere on the machine). `anywhere` lifts the directory rule (`--allow-template-paths`).
#[derive(Debug, Clone)]
pub struct RosterTemplates {
    /// The directory the roster is in; `None` (a roster not read from a file) allows bundled names only.
    pub dir: Option<std::path::PathBuf>,
    /// Allow any path, as on the command line.
    pub anywhere: bool,
}

/// Load the template a roster's `template` cell names, under the rules of [`RosterTemplates`]. A
/// refused path is refused before the file system is asked anything about it; a special file (a
/// device, a FIFO) before it is opened; and a file that is not a raci template is refused without
/// echoing any of its content.
pub fn resolve_for_roster(cell: &str, rules: &RosterTemplates) -> Result<Template> {
    if let Some((name, text)) = builtin(cell) {
        return parse(text, &format!("templates/{name}.toml{BUILT_IN}"));
    }
    let bundled = builtin_names().collect::<Vec<_>>().join(", ");
    let rule = format!(
        "a roster's template column names a bundled template ({bundled}) or a .toml file in the roster's \
         directory or below it"
    );
    let path = Path::new(cell);
    if rules.anywhere {
        if path.exists() || has_toml_extension(path) {
            let path = match &rules.dir {
                Some(dir) if path.is_relative() => dir.join(path),
                _ => path.to_path_buf(),
            };
            return load(&path);
        }
        return Err(Error::usage(format!("no template named '{cell}'"), rule));
    }
    let Some(dir) = &rules.dir else {
        return Err(Error::usage(
            format!("no bundled template named '{cell}'"),
            format!("this roster was not read from a file, so only bundled templates can be named: {bundled}"),
        ));
    };
    let below = path.components().all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
    if !below || !has_toml_extension(path) || cell.contains('\0') {
        let what = if !has_toml_extension(path) && below && !cell.contains(['/', '\\']) {
            let closest = builtin_names()
                .map(|n| (strsim::damerau_levenshtein(&cell.to_lowercase(), n), n))
                .min()
                .filter(|&(d, _)| d <= 3);
            match closest {
                Some((_, n)) => format!("no bundled template named '{cell}' (did you mean '{n}'?)"),
                None => format!("no bundled template named '{cell}'"),
            }
        } else {
            format!("template path '{cell}' is not allowed")
        };
        return Err(Error::usage(
            what,
            format!("{rule}; pass --allow-template-paths to let the roster name other paths"),
        ));
    }
    let full = dir.join(path);
    // Symbolic links may not lead out of the directory either.
    let inside = match (full.canonicalize(), dir.canonicalize()) {
        (Ok(target), Ok(base)) => target.starts_with(&base),
        (Err(e), _) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&full).is_err() => {
            return Err(Error::usage(
                format!("template file '{cell}' does not exist in the roster's directory ({})", dir.display()),
                "check the template column; paths are relative to the roster's directory",
            ));
        }
        _ => false,
    };
    if !inside {
        return Err(Error::usage(
            format!("template path '{cell}' leads outside the roster's directory"),
            format!("{rule}; pass --allow-template-paths to let the roster name other paths"),
        ));
    }
    let text = read_template_file(&full)?;
    if !looks_like_template(&text) {
        // Nothing of the file is quoted: it may be any TOML file that happens to sit beside the roster.
        return Err(Error::usage(
            format!("'{cell}' is not a raci template (TOML with a `name` and [[activity]] tables)"),
            "name a bundled template or a template written with `raci templates export`",
        ));
    }
    parse(&text, &full.display().to_string())
}

fn has_toml_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// Whether text is TOML holding a `name` and an `activity` array: only then may messages about it
/// quote what it holds (a secret in some other TOML file is never echoed).
fn looks_like_template(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => table.get("name").is_some() && table.get("activity").is_some_and(toml::Value::is_array),
        Err(_) => false,
    }
}

/// The default template.
pub fn default_template() -> Result<Template> {
    resolve(DEFAULT_TEMPLATE)
}

/// Load a template file (a regular file of at most [`MAX_TEMPLATE_BYTES`]).
pub fn load(path: &Path) -> Result<Template> {
    let text = read_template_file(path)?;
    parse(&text, &path.display().to_string())
}

/// Read a template file: a device, a FIFO or a directory is refused before it is opened (reading
/// `/dev/zero` would never end, a FIFO would block), and at most [`MAX_TEMPLATE_BYTES`] are read.
fn read_template_file(path: &Path) -> Result<String> {
    use std::io::Read;
    let not_regular = |kind: &str| {
        Error::usage(
            format!("template '{}' is {kind}, not a template file", path.display()),
            "name a bundled template or a .toml file",
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "cannot read template", e))?;
    if !meta.is_file() {
        return Err(not_regular(special_kind(&meta)));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Should the file be swapped for a FIFO after the check above, opening it must not block.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io(path, "cannot read template", e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, "cannot read template", e))?;
    if !meta.is_file() {
        return Err(not_regular(special_kind(&meta)));
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        return Err(too_big(path));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, "cannot read template", e))?;
    if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
        return Err(too_big(path));
    }
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64;
        Error::template(
            Location::line(path.display().to_string(), line),
            "the template is not UTF-8",
            "save it as UTF-8",
        )
    })
}

fn too_big(path: &Path) -> Error {
    Error::usage(
        format!("template '{}' is larger than {} MB", path.display(), MAX_TEMPLATE_BYTES >> 20),
        "a template is a short TOML file; check that the path names one",
    )
}

/// What kind of special file this is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "a special file" }
}

/// The 1-based line of a byte offset into TOML text.
pub(crate) fn line_of(text: &str, offset: usize) -> u64 {
    1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Line numbers of byte offsets in one text, each found by binary search over the line ends
/// (counting from the start of the text for every span would make validation quadratic).
struct LineIndex {
    ends: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex { ends: text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect() }
    }

    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> u64 {
        1 + self.ends.partition_point(|&end| end < offset) as u64
    }
}

/// Parse and validate template text; `origin` names it in messages.
pub fn parse(text: &str, origin: &str) -> Result<Template> {
    let mut raw: RawTemplate = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let message = text::escape(e.message().trim()).into_owned();
        Error::template(
            Location { file: origin.to_string(), line },
            format!("invalid template: {message}"),
            "fix this line; `raci templates export product-lifecycle` prints a valid template to compare with",
        )
    })?;
    raw.escape_text();
    Validator { text, origin, lines: LineIndex::new(text) }.validate(raw)
}

impl RawTemplate {
    /// Escape control and bidi characters in every string (see [`text::escape`]), before any of
    /// them is compared, quoted in a message or shown: references (`depends_on`, `phase`,
    /// `sources`) are escaped like the ids they name, so they still match.
    fn escape_text(&mut self) {
        let spanned = |list: &mut [Spanned<String>]| list.iter_mut().for_each(|s| text::escape_in_place(s.get_mut()));
        for s in [&mut self.name, &mut self.version, &mut self.description] {
            text::escape_in_place(s);
        }
        self.phases.iter_mut().for_each(text::escape_in_place);
        self.sources = std::mem::take(&mut self.sources)
            .into_iter()
            .map(|(mut id, mut citation)| {
                text::escape_in_place(&mut id);
                text::escape_in_place(&mut citation);
                (id, citation)
            })
            .collect();
        spanned(&mut self.custom_roles);
        for act in &mut self.activities {
            let act = act.get_mut();
            for s in [act.id.get_mut(), &mut act.name, act.phase.get_mut(), &mut act.description] {
                text::escape_in_place(s);
            }
            for list in [
                &mut act.sources,
                &mut act.depends_on,
                &mut act.accountable,
                &mut act.responsible,
                &mut act.consulted,
                &mut act.informed,
            ] {
                spanned(list);
            }
        }
    }
}

struct Validator<'a> {
    text: &'a str,
    origin: &'a str,
    lines: LineIndex,
}

impl Validator<'_> {
    fn at<T>(&self, spanned: &Spanned<T>) -> Location {
        Location::line(self.origin, self.line(spanned))
    }

    fn line<T>(&self, spanned: &Spanned<T>) -> u64 {
        self.lines.line(spanned.span().start)
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
        self.check_rule_roles(&raw.rules, &custom_roles)?;

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
                let first_line = self.line(&raw.activities[first].get_ref().id);
                return Err(Error::template(
                    self.at(&act.get_ref().id),
                    format!("activity id '{id}' is used twice (also on line {first_line})"),
                    "give each activity its own id",
                ));
            }
            ids.insert(id, idx);
        }

        // First mention wins, as a linear search would find it.
        let mut phase_index: HashMap<&str, usize> = HashMap::with_capacity(raw.phases.len());
        for (idx, phase) in raw.phases.iter().enumerate() {
            phase_index.entry(phase.as_str()).or_insert(idx);
        }
        let custom: HashSet<&Role> = custom_roles.iter().collect();
        // Each distinct role text is checked once; its mentions share one `Role`.
        let mut seen: HashMap<String, Role> = HashMap::new();
        let mut activities = Vec::with_capacity(raw.activities.len());
        for spanned in &raw.activities {
            let act = spanned.get_ref();
            let phase = phase_index.get(act.phase.get_ref().as_str()).copied().ok_or_else(|| {
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
            if act.accountable.is_empty() && !raw.inferred {
                return Err(Error::template(
                    self.at(&act.id),
                    format!("activity '{}' has an empty accountable chain", act.id.get_ref()),
                    "name at least one role in `accountable`",
                ));
            }
            let mut roles = |list: &[Spanned<String>]| -> Result<Vec<Role>> {
                list.iter()
                    .map(|r| match seen.get(r.get_ref().as_str()) {
                        Some(role) => Ok(role.clone()),
                        None => {
                            let role = self.role(r, &custom)?;
                            seen.insert(r.get_ref().clone(), role.clone());
                            Ok(role)
                        }
                    })
                    .collect()
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
                accountable_together: act.accountable_together,
                responsible: roles(&act.responsible)?,
                consulted: roles(&act.consulted)?,
                informed: roles(&act.informed)?,
                line: self.line(spanned),
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
        let mut slots: Vec<Option<Activity>> = activities.into_iter().map(Some).collect();
        let mut sorted: Vec<Activity> = order.iter().filter_map(|&i| slots[i].take()).collect();
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
            inferred: raw.inferred,
        })
    }

    fn role(&self, spanned: &Spanned<String>, custom: &HashSet<&Role>) -> Result<Role> {
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
                Some(offset) => Location::line(self.origin, self.lines.line(offset)),
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

    /// The roles named in `[rules]` must be roles the template knows.
    fn check_rule_roles(&self, rules: &Rules, custom: &[Role]) -> Result<()> {
        for (key, roles) in
            [("fallback_escalate_roles", &rules.fallback_escalate_roles), ("optional_roles", &rules.optional_roles)]
        {
            for text in roles {
                let role = Role::new(text);
                if role.is_known() || custom.contains(&role) {
                    continue;
                }
                let at = match self.text.find(key) {
                    Some(offset) => Location::line(self.origin, line_of(self.text, offset)),
                    None => Location::file(self.origin),
                };
                let fix = match role::lookup(text) {
                    Some(canonical) => format!("write '{canonical}' (the canonical id)"),
                    None => "write a role id such as product-manager".to_string(),
                };
                return Err(Error::template(at, format!("{key}: unknown role '{text}'"), fix));
            }
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
/// `members` is sorted; membership and visits are looked up in constant time, so a cycle through
/// every activity of a large template is named in linear time.
fn cycle_path(activities: &[Activity], members: &[usize]) -> Vec<String> {
    let start = members[0];
    let mut member = vec![false; activities.len()];
    for &m in members {
        member[m] = true;
    }
    let mut visited = vec![false; activities.len()];
    visited[start] = true;
    let mut path = vec![start];
    let mut current = start;
    loop {
        let next = activities[current].depends_on.iter().copied().find(|&d| member[d] && (d == start || !visited[d]));
        match next {
            Some(n) if n == start => {
                path.push(start);
                break;
            }
            Some(n) => {
                visited[n] = true;
                path.push(n);
                current = n;
            }
            None => break,
        }
    }
    path.iter().map(|&i| activities[i].id.clone()).collect()
}

impl Template {
    /// The file the template was read from; `None` for a bundled template, one read from the
    /// workbook that carries it, or one inferred from a sheet.
    pub fn file(&self) -> Option<&str> {
        let from_file = !self.inferred && !self.origin.ends_with(BUILT_IN) && !self.origin.starts_with(EMBEDDED);
        from_file.then_some(self.origin.as_str())
    }

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
    fn a_cycle_through_every_activity_is_named_in_order() {
        let n = 2_000;
        let mut text = HEAD.to_string();
        for i in 0..n {
            let dep = if i == 0 { n - 1 } else { i - 1 };
            text.push_str(&format!(
                "[[activity]]\nid = \"a{i}\"\nname = \"A\"\nphase = \"discovery\"\naccountable = [\"product-owner\"]\n\
                 depends_on = [\"a{dep}\"]\n"
            ));
        }
        let msg = err(&text);
        let path: Vec<String> = std::iter::once(0).chain((1..n).rev()).chain([0]).map(|i| format!("a{i}")).collect();
        assert!(msg.starts_with(&format!("t.toml:2: `depends_on` forms a cycle: {} (", path.join(" -> "))), "{msg}");
    }

    #[test]
    fn lines_are_counted_at_any_offset() {
        let lines = LineIndex::new("a\nbb\n\nc");
        let got: Vec<u64> = (0..9).map(|offset| lines.line(offset)).collect();
        let want: Vec<u64> = (0..9).map(|offset| line_of("a\nbb\n\nc", offset)).collect();
        assert_eq!(got, want);
        assert_eq!(got, [1, 1, 2, 2, 2, 3, 4, 4, 4]);
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
    fn toml_errors_quote_keys_escaped() {
        // TOML allows bidi controls and C1 controls (U+009B is CSI on some terminals) in keys.
        let msg = err("name = \"t\"\n\"\u{202e}x\u{9b}2J\" = 1\n");
        assert!(msg.starts_with("t.toml:2: invalid template: unknown field `\\u{202e}x\\u{9b}2J`"), "{msg}");
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let msg = err("name = \"t\"\n[[activity]]\nid = \n");
        assert!(msg.starts_with("t.toml:3: invalid template"), "{msg}");
    }
}
