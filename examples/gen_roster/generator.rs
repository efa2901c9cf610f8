//! Synthetic roster generator shared by the `gen-roster` example and the benches.
//!
//! `generate(people, teams, seed)` returns the CSV text of a roster with exactly `people` distinct
//! people spread over `teams` teams. The same arguments always give the same bytes (a 64-bit LCG, no
//! dependency). The role mix is meant to look like a real organisation, findings included:
//!
//! - per team: one Product Owner (about 4% of teams have none, about 5% have one person holding
//!   `PO/PM`), one Product Manager (about 20% of teams share the PM of the team before them, written
//!   as a multi-team cell `Team A; Team B`, and about 8% have no PM at all);
//! - a tech lead in most teams, then engineers under a dozen spellings, designers, QA, scrum masters,
//!   and now and then marketing, support, a data analyst (a custom role) or a misspelt role;
//! - email, allocation and reports_to columns, as an HR export would have.

use std::fmt::Write as _;

/// A tiny deterministic generator (Knuth's MMIX LCG, high bits out).
pub struct Lcg(u64);

impl Lcg {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        let mut lcg = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
        lcg.next_u32();
        lcg
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next_u32()) * n as u64) >> 32) as usize
    }

    /// True with probability `percent / 100`.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.next_u32() % 100 < percent
    }

    /// One item of a non-empty slice.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Bela", "Chidi", "Dana", "Emil", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nora",
    "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe",
];
const LAST: &[&str] = &[
    "Okafor", "Berg", "Nair", "Reyes", "Lind", "Rossi", "Demir", "Schulz", "Delgado", "Jensen", "Kowalski", "Moreau",
    "Tanaka", "Silva", "Haddad", "Novak", "Larsen", "Ivanova", "Mensah", "Fischer", "Costa", "Park", "Walsh", "Weber",
];
const AREAS: &[&str] = &[
    "Payments",
    "Checkout",
    "Search",
    "Mobile",
    "Identity",
    "Billing",
    "Growth",
    "Catalog",
    "Pricing",
    "Ledger",
    "Messaging",
    "Onboarding",
    "Insights",
    "Platform",
    "Logistics",
    "Support",
];
const PO: &[&str] = &["Product Owner", "PO", "Senior Product Owner", "Technical Product Owner"];
const PM: &[&str] = &["Product Manager", "PM", "Senior Product Manager", "Group Product Manager"];
const TECH_LEAD: &[&str] = &["Tech Lead", "Engineering Manager", "Lead Developer", "Staff Engineer"];
const ENGINEER: &[&str] = &[
    "Software Engineer",
    "Senior Software Engineer",
    "Developer",
    "Backend Engineer",
    "Frontend Developer",
    "Full-stack Developer",
    "Mobile Engineer",
    "DevOps Engineer",
    "Data Engineer",
    "SRE",
    "Engineer",
    "Junior Developer",
];
const DESIGNER: &[&str] = &["Designer", "UX Designer", "Product Designer", "UX/UI Designer"];
const QA: &[&str] = &["QA", "QA Engineer", "Tester", "Test Automation Engineer"];
const OTHER: &[&str] =
    &["Scrum Master", "Agile Coach", "Product Marketing Manager", "Customer Success", "Data Analyst", "Sales Engineer"];
const TYPOS: &[&str] = &["Prodcut Owner", "Sofware Engineer", "Desinger"];

/// One person's row before it is written.
struct Row {
    person: usize,
    role: &'static str,
    /// Indexes of the teams, first is the home team.
    teams: Vec<usize>,
    allocation: &'static str,
    /// Person index of the manager.
    manager: Option<usize>,
}

/// Team `t`'s name: an area and a number, unique and well under Excel's 31-character sheet limit.
pub fn team_name(t: usize) -> String {
    format!("{} {:05}", AREAS[t % AREAS.len()], t + 1)
}

/// Person `p`'s display name and email; the number keeps both unique.
fn person(p: usize, name: &mut String, email: &mut String) {
    let first = FIRST[p % FIRST.len()];
    let last = LAST[(p / FIRST.len()) % LAST.len()];
    name.clear();
    email.clear();
    let _ = write!(name, "{first} {last} {}", p + 1);
    let _ = write!(email, "{}.{}.{}@example.org", first.to_ascii_lowercase(), last.to_ascii_lowercase(), p + 1);
}

/// Distinct people per team: `people / teams` on average, varied by about +-40%, each at least 2,
/// summing to `people` exactly.
fn team_sizes(people: usize, teams: usize, rng: &mut Lcg) -> Vec<usize> {
    let teams = teams.max(1);
    let mut sizes = vec![people / teams; teams];
    for size in sizes.iter_mut().take(people % teams) {
        *size += 1;
    }
    // Move people between random pairs of teams, keeping the total.
    let avg = (people / teams).max(1);
    for _ in 0..teams {
        let (a, b) = (rng.below(teams), rng.below(teams));
        let amount = rng.below(avg * 2 / 5 + 1);
        if a != b && sizes[a] >= amount + 3 {
            sizes[a] -= amount;
            sizes[b] += amount;
        }
    }
    sizes
}

/// The CSV text of a roster with `people` distinct people in `teams` teams.
pub fn generate(people: usize, teams: usize, seed: u64) -> String {
    let mut rng = Lcg::new(seed);
    let teams = teams.clamp(1, people.max(1));
    let sizes = team_sizes(people, teams, &mut rng);
    let mut rows: Vec<Row> = Vec::with_capacity(people);
    let mut next = 0usize;
    // PM of the previous team, when that team's PM also covers the next one.
    let mut carried_pm: Option<usize> = None;

    for (t, &size) in sizes.iter().enumerate() {
        let start = rows.len();
        let mut new_person = |rows: &mut Vec<Row>, role: &'static str, manager: Option<usize>| {
            let p = next;
            next += 1;
            rows.push(Row { person: p, role, teams: vec![t], allocation: "", manager });
            p
        };
        let mut left = size;
        let mut take = |n: usize| {
            let ok = left >= n;
            if ok {
                left -= n;
            }
            ok
        };
        // Product management: shared PM from the team before, combined PO/PM, missing ones.
        let shared = carried_pm.take();
        let combined = shared.is_none() && size <= 8 && rng.chance(5);
        let mut pm = shared;
        let mut po = None;
        if combined {
            if take(1) {
                po = Some(new_person(&mut rows, "PO/PM", None));
                pm = po;
            }
        } else {
            if pm.is_none() && !rng.chance(8) && take(1) {
                pm = Some(new_person(&mut rows, rng.pick(PM), None));
            }
            if !rng.chance(4) && take(1) {
                let role = if rng.chance(1) { rng.pick(TYPOS) } else { rng.pick(PO) };
                po = Some(new_person(&mut rows, role, pm));
            }
        }
        if let Some(shared) = shared {
            // The shared PM's row (written with the team before) lists this team too.
            if let Some(row) = rows.iter_mut().rev().find(|r| r.person == shared) {
                row.teams.push(t);
                row.allocation = "100%";
            }
        }
        // A PM who is not shared yet may cover the next team as well.
        if let (Some(p), None, false) = (pm, shared, combined)
            && t + 1 < teams
            && rng.chance(20)
        {
            carried_pm = Some(p);
        }
        let lead = if rng.chance(90) && take(1) { Some(new_person(&mut rows, rng.pick(TECH_LEAD), po)) } else { None };
        let boss = lead.or(po).or(pm);
        if rng.chance(60) && take(1) {
            new_person(&mut rows, rng.pick(DESIGNER), boss);
        }
        if rng.chance(50) && take(1) {
            new_person(&mut rows, rng.pick(QA), boss);
        }
        while left > 0 {
            left -= 1;
            let role = match rng.below(100) {
                0 => rng.pick(TYPOS),
                1..=8 => rng.pick(OTHER),
                _ => rng.pick(ENGINEER),
            };
            new_person(&mut rows, role, boss);
        }
        for row in &mut rows[start..] {
            if row.allocation.is_empty() && rng.chance(10) {
                row.allocation = if rng.chance(50) { "50%" } else { "80%" };
            }
        }
    }

    let mut out = String::with_capacity(people * 110 + 64);
    out.push_str("name,role,team,email,allocation,reports_to\n");
    let (mut name, mut email, mut manager_email, mut scratch) =
        (String::new(), String::new(), String::new(), String::new());
    for row in &rows {
        person(row.person, &mut name, &mut email);
        manager_email.clear();
        if let Some(m) = row.manager {
            person(m, &mut scratch, &mut manager_email);
        }
        let _ = write!(out, "{name},{},", row.role);
        for (i, &t) in row.teams.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            out.push_str(&team_name(t));
        }
        let _ = writeln!(out, ",{email},{},{manager_email}", row.allocation);
    }
    out
}
