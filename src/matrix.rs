//! The RACI matrix: per team, per activity, per member, a set of letters with provenance.
//! Every exporter and every check reads this one structure.

use std::fmt;

use crate::role::Role;
use crate::roster::{Member, Roster, Team};
use crate::template::Template;

/// One RACI letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Letter {
    /// Accountable: answers for the outcome; exactly one per activity.
    A,
    /// Responsible: does the work.
    R,
    /// Consulted: asked before (two-way).
    C,
    /// Informed: told after (one-way).
    I,
}

impl Letter {
    /// All letters, strongest first.
    pub const ALL: [Letter; 4] = [Letter::A, Letter::R, Letter::C, Letter::I];

    const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The letter as a character.
    pub const fn as_char(self) -> char {
        match self {
            Letter::A => 'A',
            Letter::R => 'R',
            Letter::C => 'C',
            Letter::I => 'I',
        }
    }
}

/// A set of letters, displayed strongest first: `A/R`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Letters(u8);

impl Letters {
    /// No letter.
    pub const EMPTY: Letters = Letters(0);

    /// Whether the set holds this letter.
    pub const fn has(self, letter: Letter) -> bool {
        self.0 & letter.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Add a letter.
    pub fn insert(&mut self, letter: Letter) {
        self.0 |= letter.bit();
    }

    fn remove(&mut self, letter: Letter) {
        self.0 &= !letter.bit();
    }

    /// The letters in the set, strongest first.
    pub fn iter(self) -> impl Iterator<Item = Letter> {
        Letter::ALL.into_iter().filter(move |l| self.has(*l))
    }

    /// The strongest letter in the set.
    pub fn strongest(self) -> Option<Letter> {
        self.iter().next()
    }

    /// Parse `A`, `A/R`, `r`, `A R`, `AR`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Letters> {
        let mut set = Letters::EMPTY;
        for ch in text.chars() {
            match ch.to_ascii_uppercase() {
                'A' => set.insert(Letter::A),
                'R' => set.insert(Letter::R),
                'C' => set.insert(Letter::C),
                'I' => set.insert(Letter::I),
                '/' | ' ' | ',' | '+' => {}
                _ => return None,
            }
        }
        Some(set)
    }

    /// Drop letters another one implies: who answers for or does the work needs no C or I, and who is
    /// consulted needs no I. This is what keeps a combined PO/PM cell readable (`A/R`, not `A/R/C/I`).
    fn normalise(&mut self) {
        if self.has(Letter::A) || self.has(Letter::R) {
            self.remove(Letter::C);
            self.remove(Letter::I);
        } else if self.has(Letter::C) {
            self.remove(Letter::I);
        }
    }
}

impl fmt::Display for Letters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for letter in self.iter() {
            if !first {
                f.write_str("/")?;
            }
            first = false;
            write!(f, "{}", letter.as_char())?;
        }
        Ok(())
    }
}

/// The values a matrix cell may take, as offered in the workbook's dropdown.
pub const CELL_VALUES: [&str; 5] = ["A", "A/R", "R", "C", "I"];

/// Which template rule gave a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A from the accountable chain; `position` 0 is the first choice, later ones are fallbacks.
    Chain {
        /// Position of the role in the chain.
        position: u8,
    },
    /// A held together with everybody else holding a role of the activity's accountable group.
    Together,
    /// R taken over from a role in the accountable chain that nobody on the team holds.
    StandIn {
        /// Position in the accountable chain of the role nobody holds.
        missing: u8,
    },
    /// The role is listed under `responsible`, `consulted` or `informed`.
    Listed,
    /// Typed into the workbook by hand (an edited workbook read back, or an edit `--keep` carried
    /// over); the grant's role is the member's first, if any.
    Manual,
}

/// Why a member has a letter: which of their roles and which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// Index into the member's roles.
    pub role: u8,
    /// The rule.
    pub rule: Rule,
}

/// One cell: letters and the grant behind each. Normalisation keeps A and at most one of R, C and I
/// (see [`Letters`]), so two grants suffice: the A's, and the strongest other letter's. Seven bytes a
/// cell keeps a million-person matrix small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cell {
    /// The letters after normalisation.
    pub letters: Letters,
    /// The grant behind A, and behind the strongest of R, C and I in `letters`.
    grants: [Option<Grant>; 2],
}

impl Cell {
    /// Give a letter unless the cell has it already (the first grant is kept).
    pub fn grant(&mut self, letter: Letter, grant: Grant) {
        if self.letters.has(letter) {
            return;
        }
        let strongest_other = self.other();
        self.letters.insert(letter);
        match letter {
            Letter::A => self.grants[0] = Some(grant),
            // A weaker letter than the one held would be dropped by normalisation: keep the grant held.
            _ if strongest_other.is_some_and(|held| held < letter) => {}
            _ => self.grants[1] = Some(grant),
        }
    }

    /// The strongest letter other than A.
    fn other(&self) -> Option<Letter> {
        self.letters.iter().find(|&l| l != Letter::A)
    }

    /// The grant behind a letter.
    pub fn grant_of(&self, letter: Letter) -> Option<Grant> {
        match letter {
            _ if !self.letters.has(letter) => None,
            Letter::A => self.grants[0],
            _ if self.other() == Some(letter) => self.grants[1],
            _ => None,
        }
    }

    /// Whether a letter of the cell, or the cell's being empty, is a manual edit.
    pub fn is_manual(&self) -> bool {
        self.grants.iter().flatten().any(|g| g.rule == Rule::Manual)
    }

    /// Mark the cell as changed by hand when letters were taken off it (letters added by hand carry
    /// a manual grant already): the mark goes in the slot of a letter the cell does not hold, so
    /// [`Cell::grant_of`] is unchanged. Call it after [`Cell::normalise`], which would clear it.
    pub fn mark_manual(&mut self) {
        let manual = Some(Grant { role: 0, rule: Rule::Manual });
        if !self.letters.has(Letter::A) {
            self.grants[0] = manual;
        } else if self.other().is_none() {
            self.grants[1] = manual;
        }
    }

    /// Apply [`Letters`] normalisation and forget grants of dropped letters.
    pub fn normalise(&mut self) {
        self.letters.normalise();
        if !self.letters.has(Letter::A) {
            self.grants[0] = None;
        }
        if self.other().is_none() {
            self.grants[1] = None;
        }
    }
}

/// Provenance of one letter, spelled out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The letter.
    pub letter: Letter,
    /// The member's role that gave it.
    pub role: Role,
    /// The rule that gave it.
    pub rule: Rule,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let letter = self.letter.as_char();
        match self.rule {
            Rule::Chain { position: 0 } => write!(f, "{letter}: {} is first in the accountable chain", self.role),
            Rule::Chain { position } => {
                write!(f, "{letter}: {} is fallback #{position} in the accountable chain", self.role)
            }
            Rule::Together => write!(f, "{letter}: {} is accountable together with the rest of the group", self.role),
            Rule::StandIn { .. } => write!(f, "{letter}: {} stands in for a role nobody holds", self.role),
            Rule::Listed => write!(f, "{letter}: {} is listed for this letter", self.role),
            Rule::Manual => write!(f, "{letter}: a manual edit"),
        }
    }
}

/// The matrix of one team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamMatrix {
    /// Index into [`Roster::teams`].
    pub team: usize,
    /// Index into the templates the matrix was built from.
    pub template: usize,
    /// Per activity: the position in the accountable chain that gave the A, or `None` if nobody.
    pub accountable_position: Vec<Option<u8>>,
    /// Activity-major cells: `cells[activity * members + member]`.
    pub cells: Vec<Cell>,
    /// Number of members (columns).
    pub width: usize,
}

impl TeamMatrix {
    /// The cell of an activity and a member (positions as in the template and the team).
    pub fn cell(&self, activity: usize, member: usize) -> &Cell {
        &self.cells[activity * self.width + member]
    }

    /// The cells of one activity, one per member.
    pub fn row(&self, activity: usize) -> &[Cell] {
        &self.cells[activity * self.width..(activity + 1) * self.width]
    }

    /// Members holding a letter on an activity, as member positions.
    pub fn holders(&self, activity: usize, letter: Letter) -> impl Iterator<Item = usize> + '_ {
        self.row(activity).iter().enumerate().filter(move |(_, c)| c.letters.has(letter)).map(|(m, _)| m)
    }

    /// Spelled-out provenance of a cell.
    pub fn provenance(&self, team: &Team, activity: usize, member: usize) -> Vec<Provenance> {
        let cell = self.cell(activity, member);
        let m: &Member = &team.members[member];
        cell.letters
            .iter()
            .filter_map(|letter| {
                let grant = cell.grant_of(letter)?;
                let role = match m.roles.get(usize::from(grant.role)) {
                    Some(parsed) => parsed.role.clone(),
                    // A letter typed for somebody with no role (a column added by hand).
                    None if grant.rule == Rule::Manual => Role::new(""),
                    None => return None,
                };
                Some(Provenance { letter, role, rule: grant.rule })
            })
            .collect()
    }
}

/// The whole matrix: one [`TeamMatrix`] per roster team, in roster order.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Per team.
    pub teams: Vec<TeamMatrix>,
}

/// A roster, its templates and the matrix built from them: what checks and exporters read.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    /// The roster.
    pub roster: &'a Roster,
    /// The templates; [`TeamMatrix::template`] indexes this.
    pub templates: &'a [Template],
    /// The matrix.
    pub matrix: &'a Matrix,
}

impl<'a> View<'a> {
    /// Iterate teams with their matrix and template.
    pub fn teams(&self) -> impl Iterator<Item = (&'a Team, &'a TeamMatrix, &'a Template)> + 'a {
        let roster = self.roster;
        let templates = self.templates;
        self.matrix.teams.iter().map(move |tm| (&roster.teams[tm.team], tm, &templates[tm.template]))
    }

    /// A member's name.
    pub fn name(&self, member: &Member) -> &'a str {
        &self.roster.people[member.person].name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_display_strongest_first_and_normalise() {
        let mut l = Letters::EMPTY;
        l.insert(Letter::I);
        l.insert(Letter::R);
        l.insert(Letter::A);
        assert_eq!(l.to_string(), "A/R/I");
        l.normalise();
        assert_eq!(l.to_string(), "A/R");
        assert_eq!(Letters::parse("a/r"), Some(l));
        assert_eq!(Letters::parse("X"), None);
    }

    #[test]
    fn a_cell_keeps_the_grants_of_the_letters_normalisation_keeps() {
        let g = |role, rule| Grant { role, rule };
        let mut cell = Cell::default();
        cell.grant(Letter::C, g(0, Rule::Listed));
        cell.grant(Letter::I, g(1, Rule::Listed));
        cell.grant(Letter::R, g(2, Rule::StandIn { missing: 0 }));
        cell.grant(Letter::R, g(3, Rule::Listed));
        cell.grant(Letter::A, g(4, Rule::Chain { position: 1 }));
        assert_eq!(cell.grant_of(Letter::R), Some(g(2, Rule::StandIn { missing: 0 })));
        assert_eq!(cell.grant_of(Letter::C), None);
        cell.normalise();
        assert_eq!(cell.letters.to_string(), "A/R");
        assert_eq!(cell.grant_of(Letter::A), Some(g(4, Rule::Chain { position: 1 })));
        assert_eq!(cell.grant_of(Letter::R), Some(g(2, Rule::StandIn { missing: 0 })));

        let mut cell = Cell::default();
        cell.grant(Letter::I, g(0, Rule::Listed));
        cell.grant(Letter::C, g(1, Rule::Listed));
        cell.normalise();
        assert_eq!((cell.letters.to_string(), cell.grant_of(Letter::C)), ("C".into(), Some(g(1, Rule::Listed))));
        assert_eq!(cell.grant_of(Letter::I), None);
        assert_eq!(std::mem::size_of::<Cell>(), 7);
    }
}
