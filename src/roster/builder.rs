//! Rows to people and teams: one person per email (or name), memberships per team, roles parsed
//! once per distinct cell, duplicates found team by team.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Location, Result};
use crate::role::{self, ParsedRole};
use crate::text;

use super::{Member, Person, Team, TemplateCell};

pub(super) struct Row<'a> {
    pub(super) line: u64,
    pub(super) name: Cow<'a, str>,
    pub(super) role: Cow<'a, str>,
    pub(super) team: Cow<'a, str>,
    pub(super) email: Cow<'a, str>,
    pub(super) allocation: Cow<'a, str>,
    pub(super) reports_to: Cow<'a, str>,
    pub(super) template: Cow<'a, str>,
    pub(super) group: Cow<'a, str>,
}

/// Accumulates rows into people and teams with indexes, so that adding a row costs O(roles + teams).
pub(super) struct Builder<'s> {
    source: &'s str,
    has_team_column: bool,
    people: Vec<Person>,
    /// People by email (lowercase) or, without one, by [`push_identity`] of the name.
    person_index: KeyIndex,
    teams: Vec<Team>,
    /// Teams by [`push_identity`] of the name.
    team_index: FxHashMap<String, usize>,
    /// Per team: the line its group value was first given on.
    group_lines: Vec<u64>,
    /// Role cell text -> its parsed roles.
    role_cache: FxHashMap<String, Arc<[ParsedRole]>>,
    /// Scratch space for identity keys, reused for every row.
    key: String,
    /// The first team cell split at commas (line, cell) and how many such cells there were.
    comma_teams: Option<(u64, String, usize)>,
}

impl<'s> Builder<'s> {
    pub(super) fn new(source: &'s str, has_team_column: bool, rows: usize) -> Self {
        Self {
            source,
            has_team_column,
            people: Vec::with_capacity(rows),
            person_index: KeyIndex::with_capacity(rows),
            teams: Vec::new(),
            team_index: FxHashMap::default(),
            group_lines: Vec::new(),
            role_cache: FxHashMap::default(),
            key: String::new(),
            comma_teams: None,
        }
    }

    fn at(&self, line: u64) -> Location {
        Location::line(self.source, line)
    }

    pub(super) fn add(&mut self, row: Row<'_>) -> Result<()> {
        let line = row.line;
        if row.name.is_empty() {
            return Err(Error::roster(
                self.at(line),
                "the name is empty",
                "fill in the person's name or delete the line",
            ));
        }
        if !row.name.is_ascii() && row.name.chars().all(|c| c.is_whitespace() || text::is_invisible(c)) {
            return Err(Error::roster(
                self.at(line),
                "the name holds only invisible characters (such as zero-width spaces)",
                "type the person's name or delete the line",
            ));
        }
        if row.role.is_empty() {
            return Err(Error::roster(
                self.at(line),
                format!("'{}' has no role", row.name),
                "write a role such as PO, PM, Engineer, Designer (several: `PO/PM`)",
            ));
        }
        let roles = self.roles(&row.role);
        if roles.is_empty() {
            return Err(Error::roster(
                self.at(line),
                format!("role '{}' of '{}' names no role", row.role, row.name),
                "write a role such as PO, PM, Engineer, Designer",
            ));
        }
        let allocation = parse_allocation(&row.allocation).map_err(|fix| {
            Error::roster(
                self.at(line),
                format!("allocation '{}' is not a share of a full-time person", row.allocation),
                fix,
            )
        })?;

        let from_source;
        let mut team_names: Vec<&str> = Vec::new();
        if self.has_team_column {
            // `Payments, Lending` is two teams, like `Payments; Lending` (said in a note).
            if row.team.contains(',') {
                match &mut self.comma_teams {
                    Some((.., cells)) => *cells += 1,
                    None => self.comma_teams = Some((line, row.team.to_string(), 1)),
                }
            }
            for name in row.team.split([';', '|', ',']).map(str::trim).filter(|t| !t.is_empty()) {
                // `Alpha; alpha` names one team once.
                if !team_names.iter().any(|n| same_identity(n, name)) {
                    team_names.push(name);
                }
            }
            if team_names.is_empty() {
                return Err(Error::roster(
                    self.at(line),
                    format!("'{}' has no team", row.name),
                    "fill in the team (several: `Alpha; Beta`) or remove the team column to make one team",
                ));
            }
        } else {
            from_source = team_name_from_source(self.source);
            team_names.push(&from_source);
        }

        let person = self.person(&row, allocation);
        for name in team_names {
            let team = self.team(name, line);
            if !row.template.is_empty() {
                match &self.teams[team].template {
                    Some(existing) if !existing.name.eq_ignore_ascii_case(&row.template) => {
                        return Err(Error::roster(
                            self.at(line),
                            format!(
                                "team '{}' is given template '{}' here but '{}' on line {}",
                                self.teams[team].name, row.template, existing.name, existing.line
                            ),
                            "give each team one template",
                        ));
                    }
                    Some(_) => {}
                    None => {
                        self.teams[team].template = Some(TemplateCell { name: row.template.to_string(), line });
                    }
                }
            }
            if !row.group.is_empty() {
                self.group(team, &row.group, line)?;
            }
            // The last team takes the roles themselves; earlier ones a copy (cheap: the texts are shared).
            self.teams[team].members.push(Member { person, roles: Arc::clone(&roles), line });
        }
        Ok(())
    }

    /// The roles of a role cell; a roster repeats few distinct cells, so each is parsed once.
    fn roles(&mut self, cell: &str) -> Arc<[ParsedRole]> {
        if let Some(roles) = self.role_cache.get(cell) {
            return Arc::clone(roles);
        }
        let roles: Arc<[ParsedRole]> = role::parse_cell(cell).into();
        self.role_cache.insert(cell.to_string(), Arc::clone(&roles));
        roles
    }

    fn person(&mut self, row: &Row<'_>, allocation: Option<f64>) -> usize {
        self.key.clear();
        if row.email.is_empty() {
            push_identity(&mut self.key, &row.name);
        } else {
            push_lowercase(&mut self.key, &row.email);
        }
        let hash = key_hash(&self.key);
        let people = &self.people;
        let key = self.key.as_str();
        if let Some(idx) = self.person_index.find(hash, |idx| person_key(&people[idx]).eq(key.chars())) {
            let person = &mut self.people[idx];
            if let Some(a) = allocation {
                person.allocation = Some(person.allocation.unwrap_or(0.0) + a);
            }
            if person.reports_to.is_none() && !row.reports_to.is_empty() {
                person.reports_to = Some(row.reports_to.to_string());
            }
            return idx;
        }
        let idx = self.people.len();
        self.people.push(Person {
            name: row.name.to_string(),
            email: (!row.email.is_empty()).then(|| row.email.to_string()),
            allocation,
            reports_to: (!row.reports_to.is_empty()).then(|| row.reports_to.to_string()),
            line: row.line,
        });
        self.person_index.insert(hash, idx);
        idx
    }

    fn team(&mut self, name: &str, line: u64) -> usize {
        self.key.clear();
        push_identity(&mut self.key, name);
        if let Some(&idx) = self.team_index.get(self.key.as_str()) {
            return idx;
        }
        let idx = self.teams.len();
        self.teams.push(Team { name: name.to_string(), members: Vec::new(), line, template: None, group: None });
        self.group_lines.push(0);
        self.team_index.insert(self.key.clone(), idx);
        idx
    }

    /// Give a team its group value; a different value on another line is refused.
    fn group(&mut self, team: usize, value: &str, line: u64) -> Result<()> {
        match &self.teams[team].group {
            Some(existing) if existing != value => Err(Error::roster(
                self.at(line),
                format!(
                    "team '{}' is in group '{value}' here but in '{existing}' on line {}",
                    self.teams[team].name, self.group_lines[team]
                ),
                "give each team one group value (the grouping column may be empty on its other lines)",
            )),
            Some(_) => Ok(()),
            None => {
                self.teams[team].group = Some(value.to_string());
                self.group_lines[team] = line;
                Ok(())
            }
        }
    }

    /// The first person listed twice on one team, in line order. Checked team by team once the
    /// rows are read (or when a later row is refused): cheaper than a lookup per row in a table of
    /// every membership, and the same answer.
    pub(super) fn first_duplicate(&self) -> Option<Error> {
        let mut best: Option<(u64, u64, usize, usize)> = None;
        let mut members: Vec<(usize, u64)> = Vec::new();
        for (t, team) in self.teams.iter().enumerate() {
            members.clear();
            members.extend(team.members.iter().map(|m| (m.person, m.line)));
            members.sort_unstable();
            for pair in members.windows(2) {
                if let [(person, first), (again, line)] = *pair
                    && person == again
                    && best.is_none_or(|b| (line, first, t) < (b.0, b.1, b.2))
                {
                    best = Some((line, first, t, person));
                }
            }
        }
        let (line, first, team, person) = best?;
        Some(Error::roster(
            self.at(line),
            format!(
                "'{}' is listed twice on team '{}' (lines {first} and {line})",
                self.people[person].name, self.teams[team].name
            ),
            "merge the two lines into one, with all the roles in one cell (e.g. `PO/PM`)",
        ))
    }

    /// What the user should know about how the rows were read.
    pub(super) fn notes(&self) -> Vec<String> {
        let Some((line, cell, cells)) = &self.comma_teams else { return Vec::new() };
        let teams: Vec<String> =
            cell.split(',').map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("'{t}'")).collect();
        let more = match cells - 1 {
            0 => String::new(),
            n => format!(" ({n} more team {} with commas read the same way)", if n == 1 { "cell" } else { "cells" }),
        };
        vec![format!(
            "{}: team cell '{cell}' is read as {} teams, {}{more}; a team name cannot hold a comma",
            self.at(*line),
            teams.len(),
            match teams.split_last() {
                Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => teams.join(""),
            }
        )]
    }

    pub(super) fn finish(self, header_line: u64) -> Result<(Vec<Person>, Vec<Team>)> {
        if let Some(duplicate) = self.first_duplicate() {
            return Err(duplicate);
        }
        if self.people.is_empty() {
            return Err(Error::roster(
                self.at(header_line),
                "the roster has a header but no people",
                "add one line per person: name, role, team",
            ));
        }
        Ok((self.people, self.teams))
    }
}

/// Append the identity of a name to `out`: its words in lowercase, one space apart. Names with the
/// same identity name the same person or team (`Ada  LOVELACE` is `Ada Lovelace`).
pub fn push_identity(out: &mut String, name: &str) {
    for (i, word) in name.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_lowercase(out, word);
    }
}

/// Append text to `out` in lowercase and in Unicode's composed form (NFC), so that `José` typed
/// with a combining accent is `José` (the common all-ASCII case without decoding characters).
pub fn push_lowercase(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
    } else if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        out.extend(text.chars().flat_map(char::to_lowercase));
    } else {
        out.extend(text.nfc().flat_map(char::to_lowercase));
    }
}

/// The characters of a name's [`push_identity`], without building it.
fn identity_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars().flat_map(char::to_lowercase)))
}

/// A name's identity ([`push_identity`]) as a new string.
pub fn identity(name: &str) -> String {
    let mut out = String::new();
    push_identity(&mut out, name);
    out
}

/// Whether two names have the same [`push_identity`], without building either.
pub fn same_identity(a: &str, b: &str) -> bool {
    identity_chars(a).eq(identity_chars(b))
}

/// The characters of the key a person is known by: the email in lowercase, else the name's identity.
fn person_key(person: &Person) -> impl Iterator<Item = char> + '_ {
    let (email, name) = match &person.email {
        Some(email) => (Some(email.chars().flat_map(char::to_lowercase)), None),
        None => (None, Some(identity_chars(&person.name))),
    };
    email.into_iter().flatten().chain(name.into_iter().flatten())
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// A hash index that stores positions in a vector with their hashes; keys are derived from the
/// items themselves, so no key is stored twice (a million-person roster would otherwise keep a
/// million key strings besides the people).
struct KeyIndex(hashbrown::HashTable<(u64, u32)>);

impl KeyIndex {
    fn with_capacity(n: usize) -> Self {
        KeyIndex(hashbrown::HashTable::with_capacity(n))
    }

    fn find(&self, hash: u64, mut is: impl FnMut(usize) -> bool) -> Option<usize> {
        self.0.find(hash, |&(h, idx)| h == hash && is(idx as usize)).map(|&(_, idx)| idx as usize)
    }

    fn insert(&mut self, hash: u64, idx: usize) {
        let idx = u32::try_from(idx).unwrap_or(u32::MAX);
        self.0.insert_unique(hash, (hash, idx), |&(h, _)| h);
    }
}

fn team_name_from_source(source: &str) -> String {
    Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "-" && *s != super::STDIN)
        .unwrap_or("Team")
        .to_string()
}

/// `0.5`, `0,5`, `50%`, `50 %`; empty means not given. Err carries the fix.
fn parse_allocation(text: &str) -> std::result::Result<Option<f64>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (number, percent) = match text.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (text, false),
    };
    let value: f64 = number.replace(',', ".").parse().map_err(|_| "write a number such as 0.5 or 50%")?;
    let value = if percent { value / 100.0 } else { value };
    if !value.is_finite() || value <= 0.0 || value > 1.0 {
        return Err("write a share between 0 and 1 (0.5) or a percentage up to 100% (50%)");
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_forms() {
        assert_eq!(parse_allocation("50%"), Ok(Some(0.5)));
        assert_eq!(parse_allocation("0,25"), Ok(Some(0.25)));
        assert_eq!(parse_allocation(""), Ok(None));
        assert!(parse_allocation("50").is_err());
        assert!(parse_allocation("NaN").is_err());
    }

    #[test]
    fn a_team_cell_with_commas_is_several_teams_and_a_note_says_so() -> crate::Result<()> {
        let csv = "name,role,team\nAda,PM,\"Payments, Lending\"\nBo,PO,Payments\nCy,PO,\"Lending,Cards\"\n";
        let r = crate::roster::parse(csv.as_bytes(), "r.csv", &crate::roster::ReadOptions::default())?;
        let teams: Vec<&str> = r.teams.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(teams, ["Payments", "Lending", "Cards"]);
        assert_eq!(r.teams[1].members.len(), 2);
        let note = r.notes.iter().find(|n| n.contains("team cell")).expect("a note");
        assert_eq!(
            note,
            "r.csv:2: team cell 'Payments, Lending' is read as 2 teams, 'Payments' and 'Lending' \
             (1 more team cell with commas read the same way); a team name cannot hold a comma"
        );
        Ok(())
    }
}
