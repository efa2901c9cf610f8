//! Canonical roles, the one alias table that maps job titles onto them (English, German, French,
//! Spanish), the reading of a title as HR systems write it (levels, seniority, qualifiers, several
//! roles in one cell), and "did you mean".

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// A canonical role id such as `product-owner`, or a custom role's slug such as `data-analyst`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Role(Arc<str>);

/// One built-in role: id, short label for matrix headers, label, and the titles rosters use for it.
#[derive(Debug)]
pub struct KnownRole {
    /// Canonical kebab-case id.
    pub id: &'static str,
    /// Short label shown under a person's name (`PO`, `PM`, ...).
    pub short: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Titles as people write them, in any case, with or without accents and punctuation. Each is
    /// compared after the same folding as a roster cell (see [`normalise`]), without filler words.
    pub aliases: &'static [&'static str],
}

/// The built-in roles and their aliases: the only place a title is mapped onto a role.
///
/// Decisions worth knowing (also in README.md):
/// - Product manager and project manager are different jobs and stay apart in every language
///   (`Produktmanager` is a PM, `Projektmanager` a project manager; no suggestion crosses the line).
/// - `TPM` is read as Technical *Program* Manager (how job boards use it): a project manager. Write
///   `Technical Product Manager` for the product role.
/// - `Engineering Manager` is the person who speaks for the engineers on a team: a tech lead.
/// - Staff, principal, senior and other levels are levels, not roles: `Staff Engineer` is an
///   engineer. `Lead` in front of an engineering title makes a tech lead (`Lead Backend Developer`).
/// - Product and engineering leadership above the team (Head of Product, Director of Product
///   Management, VP Engineering, CPO, CTO) is a stakeholder, not a second PM or tech lead.
/// - Architects are the SAFe System Architect role; analysts of requirements and of the product are
///   business analysts.
pub const KNOWN_ROLES: &[KnownRole] = &[
    KnownRole {
        id: "product-owner",
        short: "PO",
        label: "Product Owner",
        aliases: &[
            "po",
            "product owner",
            "product owners",
            "ppo",
            "tpo",
            "technical product owner",
            "proxy product owner",
            "proxy po",
            "business product owner",
            "digital product owner",
            "agile product owner",
            // German
            "produktverantwortlicher",
            "produktverantwortliche",
            "produkteigentümer",
            "produktowner",
            // French
            "propriétaire de produit",
            // Spanish
            "dueño de producto",
            "dueña de producto",
            "propietario del producto",
            "propietaria del producto",
        ],
    },
    KnownRole {
        id: "product-manager",
        short: "PM",
        label: "Product Manager",
        aliases: &[
            "pm",
            "product manager",
            "product managers",
            "product management",
            "product lead",
            "group product manager",
            "gpm",
            "technical product manager",
            "associate product manager",
            "apm",
            "product mgr",
            // SAFe: Solution Management is Product Management one level up.
            "solution manager",
            // German
            "produktmanager",
            "produktmanagerin",
            "produktmanagement",
            "produktleiter",
            "produktleiterin",
            // French
            "chef de produit",
            "cheffe de produit",
            "responsable produit",
            "gestionnaire de produit",
            // Spanish
            "gerente de producto",
            "jefe de producto",
            "jefa de producto",
            "gestor de producto",
            "gestora de producto",
            "responsable de producto",
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
            "project mgr",
            "project lead",
            "project coordinator",
            "programme manager",
            "program manager",
            "program lead",
            // TPM: Technical Program Manager, as job boards use the letters.
            "tpm",
            "technical program manager",
            "delivery manager",
            "delivery lead",
            "release manager",
            "pmo",
            // German
            "projektmanager",
            "projektmanagerin",
            "projektleiter",
            "projektleiterin",
            "projektkoordinator",
            "projektkoordinatorin",
            "programmmanager",
            // French
            "chef de projet",
            "cheffe de projet",
            "chef de projets",
            "directeur de projet",
            "directrice de projet",
            "responsable de projet",
            "gestionnaire de projet",
            "chargé de projet",
            "chargée de projet",
            // Spanish
            "gerente de proyecto",
            "gerente de proyectos",
            "jefe de proyecto",
            "jefe de proyectos",
            "jefa de proyecto",
            "director de proyecto",
            "directora de proyecto",
            "gestor de proyectos",
            "líder de proyecto",
            "coordinador de proyecto",
        ],
    },
    KnownRole {
        id: "scrum-master",
        short: "SM",
        label: "Scrum Master",
        aliases: &[
            "sm",
            "scrum master",
            "scrummaster",
            "agile coach",
            "team coach",
            "scrum",
            "iteration manager",
            "coach agile",
            "coach ágil",
        ],
    },
    KnownRole {
        id: "tech-lead",
        short: "TL",
        label: "Tech Lead",
        aliases: &[
            "tech lead",
            "tl",
            "techlead",
            "technical lead",
            "technical leader",
            "lead engineer",
            "lead developer",
            "lead dev",
            "dev lead",
            "development lead",
            "engineering lead",
            "team lead",
            "team leader",
            // The person who speaks for the engineers of a team.
            "engineering manager",
            "em",
            // German
            "teamleiter",
            "teamleiterin",
            "teamlead",
            "technischer leiter",
            "technische leiterin",
            "entwicklungsleiter",
            "entwicklungsleiterin",
            // French
            "responsable technique",
            "référent technique",
            "lead développeur",
            "lead tech",
            // Spanish
            "líder técnico",
            "líder técnica",
            "responsable técnico",
            "líder de equipo",
            "jefe de equipo",
        ],
    },
    KnownRole {
        id: "system-architect",
        short: "Arch",
        label: "System Architect",
        aliases: &[
            "system architect",
            "systems architect",
            "architect",
            "software architect",
            "solution architect",
            "solutions architect",
            "enterprise architect",
            "technical architect",
            "cloud architect",
            "application architect",
            // German
            "architekt",
            "architektin",
            "softwarearchitekt",
            "softwarearchitektin",
            "systemarchitekt",
            "systemarchitektin",
            "lösungsarchitekt",
            // French
            "architecte",
            "architecte logiciel",
            "architecte solution",
            "architecte technique",
            "architecte système",
            // Spanish
            "arquitecto",
            "arquitecta",
            "arquitecto de software",
            "arquitecto de soluciones",
            "arquitecta de soluciones",
            "arquitecto de sistemas",
        ],
    },
    KnownRole {
        id: "release-train-engineer",
        short: "RTE",
        label: "Release Train Engineer",
        aliases: &["rte", "release train engineer", "solution train engineer", "ste"],
    },
    KnownRole {
        id: "engineer",
        short: "Eng",
        label: "Engineer",
        aliases: &[
            "engineer",
            "engineers",
            "engineering",
            "developer",
            "developers",
            "dev",
            "devs",
            "software engineer",
            "software developer",
            "software development engineer",
            "swe",
            "sde",
            "member of technical staff",
            "mts",
            "programmer",
            "coder",
            "backend",
            "frontend",
            "back end",
            "front end",
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
            "ios",
            "android",
            "ios developer",
            "android developer",
            "ios engineer",
            "android engineer",
            "web developer",
            "application developer",
            "data engineer",
            "ml engineer",
            "machine learning engineer",
            "devops",
            "devops engineer",
            "sre",
            "site reliability engineer",
            "platform engineer",
            "infrastructure engineer",
            "cloud engineer",
            // German
            "entwickler",
            "entwicklerin",
            "softwareentwickler",
            "softwareentwicklerin",
            "softwareentwicklung",
            "anwendungsentwickler",
            "anwendungsentwicklerin",
            "webentwickler",
            "webentwicklerin",
            "softwareingenieur",
            "softwareingenieurin",
            "ingenieur",
            "ingenieurin",
            "programmierer",
            "programmiererin",
            "informatiker",
            "informatikerin",
            "fachinformatiker",
            "fachinformatikerin",
            "fachinformatiker für anwendungsentwicklung",
            // French
            "développeur",
            "développeuse",
            "ingénieur logiciel",
            "ingénieure logiciel",
            "ingénieur développement",
            "ingénieur d'études et développement",
            "programmeur",
            "programmeuse",
            // Spanish
            "desarrollador",
            "desarrolladora",
            "desarrolladores",
            "desarrollador de software",
            "programador",
            "programadora",
            "ingeniero",
            "ingeniera",
            "ingeniero de software",
            "ingeniera de software",
        ],
    },
    KnownRole {
        id: "designer",
        short: "UX",
        label: "Designer",
        aliases: &[
            "designer",
            "design",
            "ux",
            "ui",
            "ux ui",
            "ui ux",
            "ux designer",
            "ui designer",
            "ux ui designer",
            "ui ux designer",
            "product designer",
            "product design",
            "interaction designer",
            "visual designer",
            "service designer",
            "ux researcher",
            "ux research",
            "user researcher",
            // Content design and UX writing.
            "content designer",
            "content design",
            "ux writer",
            "ux writing",
            "content strategist",
            // German
            "designerin",
            "produktdesigner",
            "produktdesignerin",
            "mediengestalter",
            "mediengestalterin",
            // French
            "concepteur ux",
            "conceptrice ux",
            "designer produit",
            "rédacteur ux",
            "rédactrice ux",
            // Spanish
            "diseñador",
            "diseñadora",
            "diseñador de producto",
            "diseñadora de producto",
            "investigador ux",
            "redactor ux",
        ],
    },
    KnownRole {
        id: "qa",
        short: "QA",
        label: "QA",
        aliases: &[
            "qa",
            "test",
            "testing",
            "tester",
            "testers",
            "quality assurance",
            "qa engineer",
            "qa analyst",
            "qa tester",
            "test engineer",
            "test analyst",
            "test manager",
            "quality engineer",
            "sdet",
            "software engineer in test",
            "software development engineer in test",
            // QA automation.
            "qa automation",
            "qa automation engineer",
            "test automation engineer",
            "automation engineer",
            "automation tester",
            // German
            "testerin",
            "softwaretester",
            "softwaretesterin",
            "testingenieur",
            "testingenieurin",
            "testmanager",
            "testmanagerin",
            "qa ingenieur",
            "test ingenieur",
            "qualitätssicherung",
            // French
            "testeur",
            "testeuse",
            "ingénieur qa",
            "ingénieur test",
            "ingénieur qualité",
            "ingénieure qualité",
            "recette",
            // Spanish
            "probador",
            "probadora",
            "analista de pruebas",
            "ingeniero de pruebas",
            "ingeniero de calidad",
            "ingeniera de calidad",
        ],
    },
    KnownRole {
        id: "business-analyst",
        short: "BA",
        label: "Business Analyst",
        aliases: &[
            "business analyst",
            "ba",
            "product analyst",
            "business systems analyst",
            "systems analyst",
            "functional analyst",
            "requirements engineer",
            "requirements analyst",
            // German
            "anforderungsmanager",
            "anforderungsmanagerin",
            "anforderungsanalyst",
            // French
            "analyste métier",
            "analyste fonctionnel",
            "analyste fonctionnelle",
            "analyste d'affaires",
            // Spanish
            "analista de negocio",
            "analista de negocios",
            "analista funcional",
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
            "brand manager",
            "community manager",
            // German
            "marketingmanager",
            "marketingmanagerin",
            "produktmarketing",
            // Spanish
            "mercadotecnia",
            "mercadeo",
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
            "sales rep",
            "sales representative",
            "sales development representative",
            "sdr",
            "business development",
            "business developer",
            "business development manager",
            "business development representative",
            "bdr",
            "presales",
            "pre sales",
            // German
            "vertrieb",
            "vertriebler",
            "vertrieblerin",
            "vertriebsmitarbeiter",
            "vertriebsmitarbeiterin",
            "vertriebsleiter",
            "vertriebsleiterin",
            "verkäufer",
            "verkäuferin",
            // French
            "commercial",
            "commerciale",
            "ingénieur commercial",
            "chargé d'affaires",
            "chargée d'affaires",
            "vendeur",
            "vendeuse",
            // Spanish
            "ventas",
            "vendedor",
            "vendedora",
            "ejecutivo de ventas",
            "ejecutiva de ventas",
            "ejecutivo comercial",
            "ejecutiva comercial",
            "ejecutivo de cuentas",
            "ejecutiva de cuentas",
            "representante de ventas",
            "desarrollo de negocio",
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
            "customer success engineer",
            "customer service",
            "customer care",
            "support engineer",
            "support specialist",
            "support agent",
            "technical support",
            "helpdesk",
            "help desk",
            "service desk",
            // German
            "kundenservice",
            "kundensupport",
            "kundendienst",
            "kundenbetreuer",
            "kundenbetreuerin",
            // French
            "support client",
            "service client",
            "relation client",
            "conseiller clientèle",
            "conseillère clientèle",
            "chargé de clientèle",
            "chargée de clientèle",
            // Spanish
            "soporte",
            "soporte técnico",
            "atención al cliente",
            "servicio al cliente",
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
            "executive sponsor",
            "executive",
            "exec",
            "business owner",
            "founder",
            "co founder",
            "cofounder",
            "investor",
            "board member",
            "finance",
            "director",
            "managing director",
            "general manager",
            "ceo",
            "cto",
            "coo",
            "cfo",
            "cio",
            "chief executive officer",
            "chief technology officer",
            "chief operating officer",
            "chief financial officer",
            "chief information officer",
            // Product and engineering leadership above the team.
            "cpo",
            "chief product officer",
            "head of product",
            "head of product management",
            "director of product",
            "director of product management",
            "vp product",
            "vice president product",
            "head of engineering",
            "director of engineering",
            "engineering director",
            "vp engineering",
            "vice president engineering",
            // German
            "geschäftsführer",
            "geschäftsführerin",
            "gründer",
            "gründerin",
            "mitgründer",
            "mitgründerin",
            "vorstand",
            "bereichsleiter",
            "bereichsleiterin",
            "abteilungsleiter",
            "abteilungsleiterin",
            "leiter produktmanagement",
            // French
            "directeur",
            "directrice",
            "directeur général",
            "directrice générale",
            "pdg",
            "fondateur",
            "fondatrice",
            "cofondateur",
            "cofondatrice",
            "directeur produit",
            "directrice produit",
            "directeur technique",
            "directrice technique",
            "dsi",
            // Spanish
            "directora",
            "director general",
            "directora general",
            "director ejecutivo",
            "directora ejecutiva",
            "gerente general",
            "fundador",
            "fundadora",
            "cofundador",
            "cofundadora",
            "director de producto",
            "directora de producto",
            "director de tecnología",
            "directora de tecnología",
            "patrocinador",
            "inversor",
        ],
    },
];

/// Aliases that name a rank rather than a discipline: in a longer title another role wins over
/// them (`Marketing Director` is marketing, `Engineering Director` needs its own entry).
const WEAK: &[&str] = &["director", "directeur", "directrice", "directora", "executive", "exec", "engineering"];

/// Words of no meaning for the role: dropped from titles and aliases alike.
const FILLER: &[&str] =
    &["of", "the", "for", "at", "de", "del", "des", "du", "d", "la", "le", "les", "l", "el", "en", "al", "für", "fur"];

/// Seniority and employment words: a level, not a role. `lead` (`Teamleiter`, `Leiter`) is one too,
/// except that it turns an engineer into a tech lead.
const SENIORITY: &[&str] = &[
    "senior",
    "sr",
    "snr",
    "junior",
    "jr",
    "jnr",
    "principal",
    "staff",
    "distinguished",
    "associate",
    "interim",
    "acting",
    "deputy",
    "mid",
    "intermediate",
    "entry",
    "graduate",
    "grad",
    "intern",
    "trainee",
    "apprentice",
    "lead",
    "teamleiter",
    "teamleiterin",
    "leiter",
    "leiterin",
    "freelance",
    "freelancer",
    "contractor",
    "contract",
    "external",
    "temporary",
    "temp",
    "remote",
    "hybrid",
    "level",
    "grade",
    "band",
    "tier",
    // German
    "werkstudent",
    "werkstudentin",
    "praktikant",
    "praktikantin",
    "stellvertretender",
    "stellvertretende",
    "externer",
    "externe",
    // French
    "stagiaire",
    "alternant",
    "alternante",
    "confirmé",
    "confirmée",
    // Spanish
    "becario",
    "becaria",
    "practicante",
];

/// Gender endings written as separate words (`Entwickler/in`, `Entwickler:innen`, `Desarrollador/a`,
/// `Développeur·se`) and gender notes (`m/w/d`, `h/f`).
const GENDER: &[&str] = &["in", "innen", "se", "euse", "ne", "ra", "m", "w", "d", "f", "h", "x", "a", "e", "o"];

/// Rank words a title may start with before a comma: `Director, Product Management` reads as
/// `Director of Product Management`, `Engineer, Backend` as `Backend Engineer`.
const COMMA_HEADS: &[(&str, bool)] = &[
    // (word, reads as "word of rest" first)
    ("director", true),
    ("head", true),
    ("vp", true),
    ("vice president", true),
    ("svp", true),
    ("evp", true),
    ("chief", true),
    ("manager", false),
    ("lead", false),
    ("specialist", false),
    ("analyst", false),
    ("engineer", false),
    ("developer", false),
    ("designer", false),
    ("architect", false),
    ("consultant", false),
    ("coordinator", false),
    ("representative", false),
    ("scientist", false),
];

/// Department names: after a comma they say where a person works, not a second role
/// (`Program Manager, Engineering`, `Designer, Marketing`).
const DEPARTMENTS: &[&str] = &[
    "engineering",
    "design",
    "marketing",
    "product marketing",
    "sales",
    "support",
    "customer success",
    "customer support",
    "customer service",
    "product management",
    "finance",
    "testing",
    "quality assurance",
    "softwareentwicklung",
    "produktmanagement",
    "vertrieb",
    "kundenservice",
    "qualitätssicherung",
    "ventas",
    "soporte",
    "mercadeo",
];

/// Nouns that only say "someone who works in": dropped when nothing else reads
/// (`Digital Marketing Specialist`, `Especialista en marketing digital`, `Mitarbeiter Vertrieb`).
const GENERIC: &[&str] = &[
    "specialist",
    "expert",
    "consultant",
    "coordinator",
    "officer",
    "professional",
    "spezialist",
    "spezialistin",
    "experte",
    "expertin",
    "berater",
    "beraterin",
    "mitarbeiter",
    "mitarbeiterin",
    "referent",
    "referentin",
    "sachbearbeiter",
    "sachbearbeiterin",
    "specialiste",
    "consultante",
    "especialista",
    "experto",
    "experta",
    "consultor",
    "consultora",
];

/// Words that complete a title cut by a slash: `Product Owner/Manager` is a PO and a PM.
const BARE_HEADS: &[&str] = &["manager", "owner", "lead", "engineer", "developer", "designer", "analyst", "architect"];

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

/// Lowercase, fold accents (`é` is `e`, `ß` is `ss`, decomposed accents too), drop text in
/// parentheses and punctuation, collapse spaces.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    let mut pending_space = false;
    for ch in text.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            // Combining accents (a decomposed `é`) belong to the letter before them.
            '\u{300}'..='\u{36f}' => {}
            c if c.is_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                for lower in c.to_lowercase() {
                    push_folded(&mut out, lower);
                }
            }
            _ => pending_space = true,
        }
    }
    out
}

/// Push a lowercase letter without its accent.
fn push_folded(out: &mut String, c: char) {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => return out.push_str("ss"),
        'œ' => return out.push_str("oe"),
        'æ' => return out.push_str("ae"),
        other => other,
    };
    out.push(plain);
}

/// The words of normalised text that carry meaning (fillers such as `of` and `de` dropped, and the
/// grades of vice president read as one: `SVP` is `VP`).
fn words(norm: &str) -> Vec<&str> {
    norm.split(' ')
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(|w| if ["svp", "evp", "avp"].contains(&w) { "vp" } else { w })
        .collect()
}

/// Whether a word is a level: a roman numeral up to X, a number, or a grade such as `L3`, `P4`, `IC5`.
fn is_level(word: &str) -> bool {
    const ROMAN: &[&str] = &["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    if ROMAN.contains(&word) || word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let letters = word.bytes().take_while(u8::is_ascii_lowercase).count();
    (1..=3).contains(&letters)
        && word.len() > letters
        && word.len() <= letters + 2
        && word.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// An alias table entry: the role and whether the alias is a rank word ([`WEAK`]).
#[derive(Clone, Copy)]
struct Entry {
    role: &'static KnownRole,
    weak: bool,
}

/// Alias key (meaningful words joined by one space) -> entry, built once.
fn table() -> &'static HashMap<String, Entry> {
    static TABLE: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for role in KNOWN_ROLES {
            for alias in role.aliases {
                let norm = normalise(alias);
                let key = words(&norm).join(" ");
                table.entry(key).or_insert(Entry { role, weak: WEAK.contains(alias) });
            }
        }
        table
    })
}

fn exact(words: &[&str]) -> Option<Entry> {
    if words.is_empty() {
        return None;
    }
    table().get(&words.join(" ")).copied()
}

/// The words of a title with levels and seniority dropped (`strip_gender` also drops gender endings);
/// whether a `lead` was among them.
fn core<'a>(words: &[&'a str], strip_gender: bool) -> (Vec<&'a str>, bool) {
    let mut lead = false;
    let kept = words
        .iter()
        .copied()
        .filter(|w| {
            if ["lead", "teamleiter", "teamleiterin", "leiter", "leiterin"].contains(w) {
                lead = true;
            }
            !(SENIORITY.contains(w) || is_level(w) || (strip_gender && GENDER.contains(w)))
        })
        .collect();
    (kept, lead)
}

/// `Lead` in front of an engineering title makes a tech lead.
fn with_lead(entry: Entry, lead: bool) -> &'static KnownRole {
    if lead && entry.role.id == "engineer" { role_by_id("tech-lead").unwrap_or(entry.role) } else { entry.role }
}

fn role_by_id(id: &str) -> Option<&'static KnownRole> {
    KNOWN_ROLES.iter().find(|k| k.id == id)
}

/// A title whose words, all of them, are an alias once levels, seniority and gender endings are
/// dropped. Used to decide whether a part of a cell is a role or a qualifier.
fn strict(text: &str) -> Option<&'static KnownRole> {
    let norm = normalise(text);
    let all = words(&norm);
    if let Some(entry) = exact(&all) {
        return Some(entry.role);
    }
    for strip_gender in [false, true] {
        let (kept, lead) = core(&all, strip_gender);
        if let Some(entry) = exact(&kept) {
            return Some(with_lead(entry, lead));
        }
    }
    None
}

/// One job title: an alias as it stands, or once levels and seniority are dropped, or an alias
/// that starts or ends it (`Java Developer`, `Product Owner Payments`, `Ingeniero QA`), with or
/// without the seniority words (`Agile Delivery Lead`), or once generic nouns such as `Specialist`
/// are dropped too.
fn title(text: &str) -> Option<&'static KnownRole> {
    if let Some(role) = strict(text) {
        return Some(role);
    }
    let norm = normalise(text);
    let all = words(&norm);
    let (kept, lead) = core(&all, true);
    let unranked: Vec<&str> = all.iter().copied().filter(|w| !(is_level(w) || GENDER.contains(w))).collect();
    let specific: Vec<&str> = kept.iter().copied().filter(|w| !GENERIC.contains(w)).collect();
    let found = [&kept, &unranked, &specific].into_iter().find_map(|words| affix(words).or_else(|| exact(words)))?;
    // A rank word only wins when no discipline is named anywhere: `Regional Sales Director` is sales.
    let found = match found.weak {
        true => {
            let without: Vec<&str> = specific.iter().copied().filter(|w| !WEAK.contains(w)).collect();
            affix(&without).or_else(|| exact(&without)).filter(|e| !e.weak).unwrap_or(found)
        }
        false => found,
    };
    Some(with_lead(found, lead))
}

/// The best alias at the start or the end of a title: the longest; a discipline before a rank word;
/// the end of the title before its start (head nouns come last in English and German).
fn affix(words: &[&str]) -> Option<Entry> {
    let n = words.len();
    let mut best: Option<(usize, bool, bool, Entry)> = None;
    for len in (1..n).rev() {
        for (is_suffix, span) in [(true, &words[n - len..]), (false, &words[..len])] {
            let Some(entry) = exact(span) else { continue };
            let rank = (len, !entry.weak, is_suffix);
            if best.is_none_or(|(l, s, x, _)| rank > (l, s, x)) {
                best = Some((len, !entry.weak, is_suffix, entry));
            }
        }
        if best.is_some_and(|(_, strong, ..)| strong) {
            break;
        }
    }
    best.map(|(.., entry)| entry)
}

/// The built-in role a piece of text names, if any (`"Dev"` gives engineer).
pub fn lookup(text: &str) -> Option<Role> {
    parse_cell(text).into_iter().map(|p| p.role).find(Role::is_known)
}

/// Read a role cell as HR systems and people write it, into roles:
/// - one title, whatever its level or seniority: `Sr. Product Manager II`, `Staff Engineer`,
///   `Interim Head of Product`, `Softwareentwickler (m/w/d)`;
/// - with a qualifier after it, dropped: `Product Manager, Payments`, `Product Owner - Checkout`,
///   `Engineer | Platform`, `PM (Payments)`; `Director, Product Management` is one title;
/// - several roles: `PO/PM`, `PO + PM`, `Product Owner & Product Manager`, `PO and PM`,
///   `Engineer; Scrum Master`, and `PO, PM` when each part is a role.
///
/// Unknown parts become custom roles slugged from their words without level or qualifier
/// (`Senior Data Analyst, Payments` is `data-analyst`). Duplicates are dropped; the order of first
/// mention is kept.
pub fn parse_cell(cell: &str) -> Vec<ParsedRole> {
    let mut out: Vec<ParsedRole> = Vec::new();
    let mut push = |role: Role, raw: &str| {
        if !out.iter().any(|p| p.role == role) {
            out.push(ParsedRole { role, raw: raw.trim().into() });
        }
    };
    let cell = cell.trim();
    // `Head of Product (PO/PM)`: a PO or PM role in parentheses says what the person is on the team.
    let (outside, inside) = parentheses(cell);
    for role in inside.iter().filter_map(|text| product_roles(text)).flatten() {
        push(role, cell);
    }
    let trimmed = outside.trim();
    if let Some(k) = strict(trimmed) {
        push(Role::new(k.id), cell);
        return out;
    }
    let parts = split_roles(trimmed);
    if parts.len() > 1 {
        let mut previous: Option<&str> = None;
        for part in parts {
            if is_noise(part) {
                continue;
            }
            let roles = match completed(previous, part) {
                Some(role) => vec![Role::new(role.id)],
                None => parse_title(part),
            };
            for role in roles {
                push(role, part);
            }
            previous = Some(part);
        }
    } else {
        for role in parse_title(trimmed) {
            push(role, trimmed);
        }
    }
    out
}

/// The text outside parentheses (each parenthesis a space) and the texts inside them.
fn parentheses(text: &str) -> (String, Vec<&str>) {
    let mut outside = String::with_capacity(text.len());
    let mut inside = Vec::new();
    let (mut depth, mut start) = (0u32, 0);
    for (i, ch) in text.char_indices() {
        match ch {
            '(' | '[' => {
                if depth == 0 {
                    start = i + 1;
                    outside.push(' ');
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(&text[start..i]);
                }
            }
            _ if depth > 0 => {}
            c => outside.push(c),
        }
    }
    (outside, inside)
}

/// The roles of a parenthesised text when it names product owner or product manager roles only.
fn product_roles(text: &str) -> Option<Vec<Role>> {
    let parts: Vec<&str> = split_roles(text).into_iter().filter(|p| !is_noise(p)).collect();
    let roles: Vec<Role> = parts.iter().filter_map(|p| strict(p)).map(|k| Role::new(k.id)).collect();
    let product = |r: &Role| *r == Role::product_owner() || *r == Role::product_manager();
    (!roles.is_empty() && roles.len() == parts.len() && roles.iter().all(product)).then_some(roles)
}

/// `Manager` after `Product Owner/`: the title it completes (`Product Manager`).
fn completed(previous: Option<&str>, part: &str) -> Option<&'static KnownRole> {
    let norm = normalise(part);
    let word = words(&norm);
    let [word] = word[..] else { return None };
    if !BARE_HEADS.contains(&word) {
        return None;
    }
    let before = normalise(previous?);
    let before = words(&before);
    let (kept, _) = core(&before, true);
    if kept.len() < 2 {
        return None;
    }
    strict(&format!("{} {word}", kept[..kept.len() - 1].join(" ")))
}

/// A part with no meaning of its own: a gender ending (`in` of `Entwickler/in`), a level, a note.
fn is_noise(part: &str) -> bool {
    let norm = normalise(part);
    core(&words(&norm), true).0.is_empty()
}

/// How a part of a title is attached to what comes before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// `,` or `|`: a qualifier, or another role when the part is one.
    List,
    /// ` - `, ` – `, `: `, ` @ `: always a qualifier.
    Qualifier,
}

/// One title, possibly with qualifiers after it: its roles (one, or one per role-like part), or a
/// custom role for an unknown title.
fn parse_title(text: &str) -> Vec<Role> {
    let segments = split_qualifiers(text);
    let head = segments[0].1;
    if let [_, (Joint::List, rest), ..] = segments[..]
        && let Some(role) = comma_head(head, rest)
    {
        return vec![Role::new(role.id)];
    }
    let mut roles: Vec<Role> = Vec::new();
    match title(head).or_else(|| feminine(head).and_then(|t| title(&t))) {
        Some(k) => roles.push(Role::new(k.id)),
        None => roles.push(custom(head)),
    }
    for &(joint, segment) in &segments[1..] {
        if joint == Joint::List
            && !is_department(segment)
            && let Some(k) = strict(segment)
        {
            roles.push(Role::new(k.id));
        }
    }
    roles
}

/// A title with German feminine endings taken off English nouns (`Product Ownerin`, `Agile
/// Coachin`, `Data Analystin`: `-in` on a word of at least four letters more), for a second look
/// when the title as written is no alias; `None` when no word has such an ending.
fn feminine(text: &str) -> Option<String> {
    let norm = normalise(text);
    let mut changed = false;
    let words: Vec<&str> = words(&norm)
        .into_iter()
        .map(|w| match w.strip_suffix("in") {
            Some(stem) if stem.chars().count() >= 4 => {
                changed = true;
                stem
            }
            _ => w,
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// Whether text names a department rather than a person's role (see [`DEPARTMENTS`]).
fn is_department(text: &str) -> bool {
    let norm = normalise(text);
    let key = words(&norm).join(" ");
    DEPARTMENTS.iter().any(|d| normalise(d) == key)
}

/// `Director, Product Management` as `Director of Product Management`; `Manager, Engineering` as
/// `Engineering Manager`: the title a rank word before a comma makes with what follows.
fn comma_head(head: &str, rest: &str) -> Option<&'static KnownRole> {
    let norm = normalise(head);
    let (kept, _) = core(&words(&norm), true);
    let word = kept.join(" ");
    let &(_, of_first) = COMMA_HEADS.iter().find(|(w, _)| *w == word)?;
    let (of, after) = (format!("{word} of {rest}"), format!("{rest} {word}"));
    let candidates = if of_first { [of, after] } else { [after, of] };
    candidates.iter().find_map(|c| title(c))
}

/// A custom role for a title raci does not know: its words without level, seniority or gender
/// ending, joined by `-`.
fn custom(text: &str) -> Role {
    let norm = normalise(text);
    let all = words(&norm);
    let (kept, _) = core(&all, true);
    let slug = if kept.is_empty() { norm.replace(' ', "-") } else { kept.join("-") };
    Role::new(&slug)
}

/// Split a title at qualifier marks: `,` and `|` (a list), and ` - `, ` – `, ` — `, `: `, ` @ `.
/// A hyphen inside a word (`Back-end`) does not split.
fn split_qualifiers(text: &str) -> Vec<(Joint, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut joint = Joint::List;
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        let found = match ch {
            ',' | '|' => Some((Joint::List, ch.len_utf8())),
            '–' | '—' => Some((Joint::Qualifier, ch.len_utf8())),
            '-' if i > 0 && bytes[i - 1] == b' ' && bytes.get(i + 1) == Some(&b' ') => Some((Joint::Qualifier, 1)),
            ':' | '@' => Some((Joint::Qualifier, 1)),
            _ => None,
        };
        if let Some((next, len)) = found {
            let part = text[start..i].trim();
            if !part.is_empty() {
                out.push((joint, part));
            }
            joint = if out.is_empty() { Joint::List } else { next };
            start = i + len;
        }
    }
    let part = text[start..].trim();
    if !part.is_empty() || out.is_empty() {
        out.push((joint, part));
    }
    out
}

/// Split on `/ + & ;` and the word "and": marks that only ever separate roles.
fn split_roles(cell: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for piece in cell.split(['/', '+', '&', ';']) {
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

/// Which side of the product/project line a word is on: suggestions never cross it.
fn family(norm: &str) -> Option<bool> {
    let mut family = None;
    for word in norm.split(' ') {
        if word.starts_with("prod") {
            family = Some(true);
        } else if ["proj", "proy", "prog"].iter().any(|p| word.starts_with(p)) {
            family = Some(false);
        }
    }
    family
}

/// The closest alias to an unknown role text, when it is close enough to be a typo. Levels,
/// seniority and qualifiers are ignored; a product title is never suggested for a project one, nor
/// the other way round.
pub fn suggest(text: &str) -> Option<&'static str> {
    let head = split_qualifiers(text.trim()).first().map_or("", |(_, h)| *h);
    let norm = normalise(head);
    let (kept, _) = core(&words(&norm), true);
    let wanted = kept.join(" ");
    let len = wanted.chars().count();
    if len < 2 {
        return None;
    }
    let allowed = match len {
        0..=3 => 0,
        4..=7 => 1,
        8..=12 => 2,
        _ => 3,
    };
    let side = family(&wanted);
    let mut best: Option<(usize, &'static str)> = None;
    for known in KNOWN_ROLES {
        for alias in known.aliases {
            let candidate = normalise(alias);
            if candidate.chars().count().abs_diff(len) > allowed {
                continue;
            }
            if side.is_some() && family(&candidate).is_some_and(|f| Some(f) != side) {
                continue;
            }
            let dist = strsim::damerau_levenshtein(&wanted, &candidate);
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, alias));
            }
        }
    }
    let (dist, alias) = best?;
    (dist > 0 && dist <= allowed).then_some(alias)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(cell: &str) -> Vec<String> {
        parse_cell(cell).into_iter().map(|p| p.role.to_string()).collect()
    }

    /// Each title in `titles` reads as exactly `role`.
    fn all_read_as(role: &str, titles: &[&str]) {
        for title in titles {
            assert_eq!(ids(title), [role], "{title}");
        }
    }

    #[test]
    fn every_alias_reads_as_its_own_role_and_no_alias_is_listed_twice() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for role in KNOWN_ROLES {
            for alias in role.aliases {
                let key = words(&normalise(alias)).join(" ");
                if let Some(other) = seen.insert(key.clone(), role.id) {
                    panic!("'{alias}' ({key}) is listed under {other} and {}", role.id);
                }
                assert_eq!(ids(alias), [role.id], "alias '{alias}'");
            }
        }
        for weak in WEAK {
            assert!(table().contains_key(*weak), "{weak} is weak but no alias");
        }
    }

    #[test]
    fn combined_cells_split_into_both_roles() {
        for cell in
            ["PO/PM", "PO + PM", "Product Owner & Product Manager", "PO and PM", "po, pm", "Product Owner/Manager"]
        {
            assert_eq!(ids(cell), ["product-owner", "product-manager"], "{cell}");
        }
        assert_eq!(ids("Engineer; Scrum Master"), ["engineer", "scrum-master"]);
        assert_eq!(ids("Software Engineer / Data Analyst"), ["engineer", "data-analyst"]);
    }

    #[test]
    fn levels_and_seniority_are_not_roles() {
        all_read_as(
            "product-owner",
            &["Product Owner II", "Senior Product Owner", "Acting PO", "Associate Product Owner"],
        );
        all_read_as("product-manager", &["Sr. Product Manager II", "Principal PM", "Staff Product Manager", "PM L5"]);
        all_read_as(
            "engineer",
            &[
                "Software Engineer III",
                "Staff Engineer",
                "Principal Software Engineer",
                "Principal Engineer",
                "SWE P4",
                "Engineer 2",
            ],
        );
        all_read_as("tech-lead", &["Lead Software Engineer", "Lead Backend Developer", "Senior Engineering Manager"]);
        all_read_as("designer", &["Lead Designer", "Junior UX Designer"]);
    }

    #[test]
    fn qualifiers_after_a_title_are_dropped() {
        all_read_as("product-manager", &["Product Manager, Payments", "PM (Payments)", "Product Manager – Growth"]);
        all_read_as("product-owner", &["Product Owner - Checkout", "Product Owner: Search", "PO @ Lending"]);
        all_read_as("engineer", &["Engineer | Platform", "Software Engineer, Design Systems", "Java Developer"]);
        all_read_as("engineer", &["Back-end Developer", "Full-Stack Engineer"]);
        assert_eq!(ids("Senior Data Analyst, Payments"), ["data-analyst"]);
    }

    #[test]
    fn product_leadership_is_one_stakeholder_role() {
        all_read_as(
            "stakeholder",
            &[
                "Director, Product Management",
                "Director of Product Management",
                "Head of Product",
                "VP, Product",
                "Interim Head of Product",
                "Chief Product Officer",
                "Director, Engineering",
                "Engineering Director",
            ],
        );
        all_read_as("product-manager", &["Group Product Manager", "Manager, Product Management"]);
        assert_eq!(ids("Co-founder & Head of Product (PO/PM)"), ["product-owner", "product-manager", "stakeholder"]);
        assert_eq!(ids("CEO (acting PO)"), ["product-owner", "stakeholder"]);
        all_read_as("marketing", &["Marketing Director", "Head of Product Marketing"]);
    }

    #[test]
    fn program_and_delivery_titles_are_project_managers_tpm_included() {
        all_read_as(
            "project-manager",
            &["TPM", "Technical Program Manager", "Programme Manager", "Delivery Lead", "Agile Delivery Manager"],
        );
        all_read_as("product-manager", &["Technical Product Manager"]);
        all_read_as("tech-lead", &["Engineering Manager", "EM", "Manager, Software Engineering"]);
    }

    #[test]
    fn mobile_back_end_front_end_and_qa_automation() {
        all_read_as("engineer", &["iOS Engineer", "Android Developer", "iOS/Android Developer", "Frontend Engineer"]);
        all_read_as("qa", &["QA Automation Engineer", "Test Automation Engineer", "SDET", "Software Engineer in Test"]);
        all_read_as("qa", &["Senior Software Engineer in Test", "QA Lead"]);
    }

    #[test]
    fn content_design_and_ux_writing_are_design() {
        all_read_as("designer", &["Content Designer", "UX Writer", "Senior Content Strategist", "UX/UI Designer"]);
    }

    #[test]
    fn safe_roles_and_analysts() {
        all_read_as("release-train-engineer", &["Release Train Engineer", "RTE"]);
        all_read_as("system-architect", &["System Architect", "Solution Architect", "Software Architect"]);
        all_read_as("business-analyst", &["Business Analyst", "Product Analyst", "Senior BA"]);
        all_read_as("stakeholder", &["Business Owner"]);
    }

    #[test]
    fn german_titles() {
        all_read_as("product-manager", &["Produktmanager (m/w/d)", "Produktmanagerin"]);
        all_read_as("project-manager", &["Projektmanager", "Projektleiterin"]);
        all_read_as(
            "engineer",
            &["Softwareentwickler/in", "Entwickler:in", "Backend-Entwicklerin", "Werkstudent Softwareentwicklung"],
        );
        all_read_as("qa", &["QA-Ingenieur", "Softwaretester (m/w/d)"]);
        all_read_as("sales", &["Vertriebsmitarbeiter", "Teamleiter Vertrieb"]);
        all_read_as("stakeholder", &["Geschäftsführer"]);
    }

    #[test]
    fn french_titles() {
        all_read_as("product-manager", &["Chef de produit", "Cheffe de produit"]);
        all_read_as("project-manager", &["Chef de projet", "Chef(fe) de projet digital"]);
        all_read_as("engineer", &["Développeur·se", "Développeuse Full Stack", "Ingénieur logiciel"]);
        all_read_as("qa", &["Ingénieur QA", "Testeur"]);
        all_read_as("sales", &["Ingénieur commercial"]);
        all_read_as("designer", &["Concepteur UX", "Designer UX/UI"]);
    }

    #[test]
    fn spanish_titles() {
        all_read_as("product-manager", &["Gerente de producto", "Jefe de Producto"]);
        all_read_as("product-owner", &["Dueño del producto"]);
        all_read_as("project-manager", &["Jefe de proyecto"]);
        all_read_as("engineer", &["Desarrollador/a", "Desarrolladora Backend", "Ingeniero de Software"]);
        all_read_as("sales", &["Ejecutivo de ventas"]);
        all_read_as("designer", &["Diseñadora UX/UI"]);
    }

    #[test]
    fn accents_fold_whether_composed_or_decomposed() {
        assert_eq!(normalise("De\u{301}veloppeur"), normalise("Développeur"));
        assert_eq!(normalise("Développeur"), "developpeur");
        assert_eq!(normalise("Geschäftsführer"), "geschaftsfuhrer");
    }

    #[test]
    fn project_manager_is_not_product_manager() {
        assert_eq!(ids("Project Manager"), ["project-manager"]);
        assert_eq!(ids("Product Manager"), ["product-manager"]);
        assert_eq!(suggest("Projektmanagr"), Some("projektmanager"));
        assert_eq!(suggest("Projekt Manger"), Some("project manager"));
        assert_eq!(suggest("Prodkt Manager"), Some("product manager"));
        assert_eq!(suggest("Projet Manager"), Some("project manager"));
    }

    #[test]
    fn unknown_roles_are_kept_as_custom_with_a_suggestion() {
        assert_eq!(ids("Data Analyst"), ["data-analyst"]);
        assert_eq!(ids("Prodcut Owner"), ["prodcut-owner"]);
        assert_eq!(suggest("Prodcut Owner"), Some("product owner"));
        assert_eq!(suggest("Sr. Prodcut Owner, Payments"), Some("product owner"));
        assert_eq!(suggest("Astronaut"), None);
        assert_eq!(ids("Process Owner"), ["process-owner"]);
    }
}
