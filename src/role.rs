//! Canonical roles, the alias table that maps what rosters say onto them, and "did you mean".

use std::fmt;
use std::sync::Arc;

/// A canonical role id such as `product-owner`, or a custom role's slug such as `data-analyst`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Role(Arc<str>);

/// One built-in role: id, short label for matrix headers, label, and the aliases rosters use.
#[derive(Debug)]
pub struct KnownRole {
    /// Canonical kebab-case id.
    pub id: &'static str,
    /// Short label shown under a person's name (`PO`, `PM`, ...).
    pub short: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Aliases, already normalised (lowercase words separated by one space).
    pub aliases: &'static [&'static str],
}

/// The built-in roles. Product manager and project manager are different jobs and stay apart.
pub const KNOWN_ROLES: &[KnownRole] = &[
    KnownRole {
        id: "product-owner",
        short: "PO",
        label: "Product Owner",
        aliases: &[
            "po",
            "product owner",
            "owner",
            "ppo",
            "tpo",
            "technical product owner",
            "proxy product owner",
            "product owners",
            "business product owner",
            "digital product owner",
        ],
    },
    KnownRole {
        id: "product-manager",
        short: "PM",
        label: "Product Manager",
        aliases: &[
            "pm",
            "product manager",
            "product management",
            "product lead",
            "group product manager",
            "gpm",
            "product managers",
            "technical product manager",
            "tpm",
            "head of product management",
            "director of product management",
            "product mgr",
            "produktmanager",
            "produktmanagerin",
        ],
    },
    KnownRole {
        id: "project-manager",
        short: "PjM",
        label: "Project Manager",
        aliases: &[
            "project manager",
            "pjm",
            "prjm",
            "programme manager",
            "program manager",
            "delivery manager",
            "pmo",
            "project lead",
            "project mgr",
        ],
    },
    KnownRole {
        id: "scrum-master",
        short: "SM",
        label: "Scrum Master",
        aliases: &["sm", "scrum master", "scrummaster", "agile coach", "team coach", "scrum", "iteration manager"],
    },
    KnownRole {
        id: "tech-lead",
        short: "TL",
        label: "Tech Lead",
        aliases: &[
            "tech lead",
            "tl",
            "technical lead",
            "lead engineer",
            "lead developer",
            "engineering lead",
            "architect",
            "software architect",
            "staff engineer",
            "principal engineer",
            "lead dev",
            "engineering manager",
            "em",
            "techlead",
        ],
    },
    KnownRole {
        id: "engineer",
        short: "Eng",
        label: "Engineer",
        aliases: &[
            "engineer",
            "developer",
            "dev",
            "devs",
            "developers",
            "engineers",
            "software engineer",
            "software developer",
            "swe",
            "programmer",
            "backend",
            "frontend",
            "backend engineer",
            "frontend engineer",
            "backend developer",
            "frontend developer",
            "full stack",
            "fullstack",
            "full stack developer",
            "full stack engineer",
            "fullstack developer",
            "fullstack engineer",
            "mobile developer",
            "mobile engineer",
            "ios developer",
            "android developer",
            "data engineer",
            "devops",
            "devops engineer",
            "sre",
            "site reliability engineer",
            "platform engineer",
            "web developer",
            "coder",
            "ml engineer",
            "machine learning engineer",
            "entwickler",
            "entwicklerin",
            "softwareentwickler",
            "softwareentwicklerin",
        ],
    },
    KnownRole {
        id: "designer",
        short: "UX",
        label: "Designer",
        aliases: &[
            "designer",
            "ux",
            "ui",
            "ux ui",
            "ui ux",
            "ux designer",
            "ui designer",
            "ux ui designer",
            "ui ux designer",
            "product designer",
            "interaction designer",
            "visual designer",
            "design",
            "ux researcher",
            "user researcher",
            "service designer",
        ],
    },
    KnownRole {
        id: "qa",
        short: "QA",
        label: "QA",
        aliases: &[
            "qa",
            "tester",
            "test engineer",
            "quality assurance",
            "qa engineer",
            "sdet",
            "qa analyst",
            "test analyst",
            "quality engineer",
            "test automation engineer",
            "testing",
        ],
    },
    KnownRole {
        id: "marketing",
        short: "Mkt",
        label: "Marketing",
        aliases: &[
            "marketing",
            "marketer",
            "product marketing",
            "product marketing manager",
            "pmm",
            "marketing manager",
            "growth marketer",
            "content marketer",
        ],
    },
    KnownRole {
        id: "sales",
        short: "Sales",
        label: "Sales",
        aliases: &[
            "sales",
            "account executive",
            "ae",
            "account manager",
            "sales lead",
            "sales manager",
            "sales engineer",
        ],
    },
    KnownRole {
        id: "support",
        short: "Sup",
        label: "Support",
        aliases: &[
            "support",
            "customer support",
            "customer success",
            "csm",
            "customer success manager",
            "customer service",
            "support engineer",
            "helpdesk",
        ],
    },
    KnownRole {
        id: "stakeholder",
        short: "Stk",
        label: "Stakeholder",
        aliases: &[
            "stakeholder",
            "stakeholders",
            "sponsor",
            "executive",
            "exec",
            "business owner",
            "executive sponsor",
            "cpo",
            "cto",
            "ceo",
            "coo",
            "vp product",
            "vp engineering",
            "head of product",
            "director",
            "founder",
            "investor",
            "finance",
        ],
    },
];

/// Words dropped before an alias is looked up a second time ("Senior Product Owner").
const SENIORITY: &[&str] =
    &["senior", "sr", "junior", "jr", "principal", "associate", "mid", "intern", "trainee", "lead"];

impl Role {
    /// The role with this canonical id or custom slug (no alias lookup).
    pub fn new(id: &str) -> Self {
        Role(id.into())
    }

    /// The canonical id or custom slug.
    pub fn id(&self) -> &str {
        &self.0
    }

    /// The built-in role this is, if it is one.
    pub fn known(&self) -> Option<&'static KnownRole> {
        KNOWN_ROLES.iter().find(|k| k.id == &*self.0)
    }

    /// Whether this is a built-in role.
    pub fn is_known(&self) -> bool {
        self.known().is_some()
    }

    /// Short label for matrix headers: `PO`, `PM`, ... or the slug of a custom role.
    pub fn short(&self) -> &str {
        self.known().map_or(&self.0, |k| k.short)
    }

    /// The product owner role.
    pub fn product_owner() -> Self {
        Role::new("product-owner")
    }

    /// The product manager role.
    pub fn product_manager() -> Self {
        Role::new("product-manager")
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One role found in a role cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRole {
    /// The canonical role, or a custom role slugged from the text.
    pub role: Role,
    /// The text as the roster wrote it.
    pub raw: Arc<str>,
}

/// Lowercase, drop text in parentheses and punctuation, collapse spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    let mut pending_space = false;
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            }
            _ => pending_space = true,
        }
    }
    out
}

/// The built-in role whose alias is exactly this normalised text.
fn lookup_normalised(norm: &str) -> Option<&'static KnownRole> {
    if norm.is_empty() {
        return None;
    }
    if let Some(k) = KNOWN_ROLES.iter().find(|k| k.aliases.contains(&norm)) {
        return Some(k);
    }
    let stripped: Vec<&str> = norm.split(' ').filter(|w| !SENIORITY.contains(w)).collect();
    if stripped.is_empty() || stripped.len() == norm.split(' ').count() {
        return None;
    }
    let stripped = stripped.join(" ");
    KNOWN_ROLES.iter().find(|k| k.aliases.contains(&stripped.as_str()))
}

/// The built-in role a piece of text names, if any (`"Dev"` gives engineer).
pub fn lookup(text: &str) -> Option<Role> {
    lookup_normalised(&normalise(text)).map(|k| Role::new(k.id))
}

/// Split a role cell into roles: `PO/PM`, `PO + PM`, `Product Owner & Product Manager`,
/// `Engineer; Scrum Master`, `PO and PM`. Unknown parts become custom roles. Duplicates are dropped;
/// the order of first mention is kept.
pub fn parse_cell(cell: &str) -> Vec<ParsedRole> {
    let mut out: Vec<ParsedRole> = Vec::new();
    let mut push = |role: Role, raw: &str| {
        if !out.iter().any(|p| p.role == role) {
            out.push(ParsedRole { role, raw: raw.trim().into() });
        }
    };
    let trimmed = cell.trim();
    if let Some(k) = lookup_normalised(&normalise(trimmed)) {
        push(Role::new(k.id), trimmed);
        return out;
    }
    for part in split_roles(trimmed) {
        let norm = normalise(part);
        if norm.is_empty() {
            continue;
        }
        match lookup_normalised(&norm) {
            Some(k) => push(Role::new(k.id), part),
            None => push(Role::new(&norm.replace(' ', "-")), part),
        }
    }
    out
}

/// Split on `/ + & ; , |` and the word "and".
fn split_roles(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in cell.split(['/', '+', '&', ';', ',', '|']) {
        let mut rest = piece;
        loop {
            let lower = rest.to_ascii_lowercase();
            match lower.find(" and ") {
                Some(at) => {
                    parts.push(&rest[..at]);
                    rest = &rest[at + 5..];
                }
                None => {
                    parts.push(rest);
                    break;
                }
            }
        }
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// The closest alias to an unknown role text, when it is close enough to be a typo.
pub fn suggest(text: &str) -> Option<&'static str> {
    let norm = normalise(text);
    if norm.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    for known in KNOWN_ROLES {
        for alias in known.aliases {
            let dist = strsim::damerau_levenshtein(&norm, alias);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, alias));
            }
        }
    }
    let (dist, alias) = best?;
    let allowed = match norm.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        8..=12 => 2,
        _ => 3,
    };
    (dist > 0 && dist <= allowed).then_some(alias)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(cell: &str) -> Vec<String> {
        parse_cell(cell).into_iter().map(|p| p.role.to_string()).collect()
    }

    #[test]
    fn combined_cells_split_into_both_roles() {
        for cell in ["PO/PM", "PO + PM", "Product Owner & Product Manager", "PO and PM", "po, pm"] {
            assert_eq!(ids(cell), ["product-owner", "product-manager"], "{cell}");
        }
        assert_eq!(ids("Engineer; Scrum Master"), ["engineer", "scrum-master"]);
    }

    #[test]
    fn aliases_map_to_canonical_roles() {
        assert_eq!(ids("Senior Software Engineer"), ["engineer"]);
        assert_eq!(ids("UX/UI Designer"), ["designer"]);
        assert_eq!(ids("Dev"), ["engineer"]);
        assert_eq!(ids("Product Owner (PO)"), ["product-owner"]);
        assert_eq!(ids("Executive Sponsor"), ["stakeholder"]);
    }

    #[test]
    fn project_manager_is_not_product_manager() {
        assert_eq!(ids("Project Manager"), ["project-manager"]);
        assert_eq!(ids("Product Manager"), ["product-manager"]);
    }

    #[test]
    fn unknown_roles_are_kept_as_custom_with_a_suggestion() {
        assert_eq!(ids("Data Analyst"), ["data-analyst"]);
        assert_eq!(ids("Prodcut Owner"), ["prodcut-owner"]);
        assert_eq!(suggest("Prodcut Owner"), Some("product owner"));
        assert_eq!(suggest("Astronaut"), None);
    }
}
