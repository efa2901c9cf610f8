//! What the rules read about one team, worked out once per team in one pass over its matrix: who
//! holds the A of each activity, who does any work, how crowded each activity's C column is.

use super::position::{Places, Position, Related};
use crate::matrix::{Letter, Rule, TeamMatrix, View};
use crate::role::Role;
use crate::roster::{Member, Team};
use crate::template::Template;

/// One team as the rules see it: its position, roster entry, matrix and template.
#[derive(Clone, Copy)]
pub(super) struct TeamView<'a> {
    /// The roster, templates and matrix.
    pub(super) view: &'a View<'a>,
    /// Positions in the roster and templates.
    pub(super) places: &'a Places,
    /// Position of the team in the roster (and the matrix).
    pub(super) idx: usize,
    pub(super) team: &'a Team,
    pub(super) tm: &'a TeamMatrix,
    pub(super) template: &'a Template,
}

impl<'a> TeamView<'a> {
    /// The team for findings: position and name.
    pub(super) fn at(&self) -> Option<(usize, &'a str)> {
        Some((self.idx, self.team.name.as_str()))
    }

    /// The team's first line.
    pub(super) fn line(&self) -> Position {
        self.places.roster(self.team.line)
    }

    /// Where these members are: the first one's line, and the others' lines as related places
    /// (the team's first line when the list is empty).
    pub(super) fn lines_of(&self, members: &[usize]) -> (Position, Vec<Related>) {
        let Some((&first, others)) = members.split_first() else { return (self.line(), Vec::new()) };
        let related = others
            .iter()
            .map(|&m| Related {
                position: self.places.roster(self.team.members[m].line),
                about: format!("'{}'", self.name(m)),
            })
            .collect();
        (self.places.roster(self.team.members[first].line), related)
    }

    /// A member's name.
    pub(super) fn name(&self, member: usize) -> &'a str {
        self.view.name(&self.team.members[member])
    }

    /// Names of these members, in the order given.
    pub(super) fn names(&self, members: &[usize]) -> Vec<String> {
        members.iter().map(|&m| self.name(m).to_string()).collect()
    }

    /// Ids of these activities, in the order given.
    pub(super) fn ids(&self, activities: &[usize]) -> Vec<String> {
        activities.iter().map(|&a| self.template.activities[a].id.clone()).collect()
    }

    /// The members, in roster order.
    pub(super) fn members(&self) -> &'a [Member] {
        &self.team.members
    }
}

/// Facts about one team's matrix. The buffers are reused from team to team.
#[derive(Default)]
pub(super) struct Facts {
    /// A holders of activity `a` are `owners[start[a]..start[a + 1]]` (member positions, in order).
    owners: Vec<usize>,
    start: Vec<usize>,
    /// Per activity: whether anybody holds R, and whether anybody holds R without the A.
    has_r: Vec<bool>,
    other_r: Vec<bool>,
    /// Per activity: how many roles are consulted (four engineers are one role); people, for an
    /// inferred template.
    consulted: Vec<usize>,
    /// Per member: A's held in their own right (not as a fallback for a missing role), and how many
    /// of those come from a product owner or product manager role.
    own_a: Vec<usize>,
    product_a: Vec<usize>,
    /// Per member: whether they hold an A or an R anywhere.
    works: Vec<bool>,
}

impl Facts {
    /// Work out the facts of one team.
    pub(super) fn fill(&mut self, team: &TeamView<'_>) {
        let (tm, activities) = (team.tm, team.template.activities.len());
        let (po, pm) = (Role::product_owner(), Role::product_manager());
        self.owners.clear();
        self.start.clear();
        self.has_r.clear();
        self.other_r.clear();
        self.consulted.clear();
        for list in [&mut self.own_a, &mut self.product_a] {
            list.clear();
            list.resize(tm.width, 0);
        }
        self.works.clear();
        self.works.resize(tm.width, false);
        // The roles consulted on the activity at hand.
        let mut roles: Vec<&str> = Vec::new();
        for a in 0..activities {
            self.start.push(self.owners.len());
            let (mut has_r, mut other_r) = (false, false);
            roles.clear();
            for (m, cell) in tm.row(a).iter().enumerate() {
                let letters = cell.letters;
                let role_of = |letter| {
                    let grant = cell.grant_of(letter)?;
                    team.team.members[m].roles.get(usize::from(grant.role)).map(|p| (&p.role, grant.rule))
                };
                if letters.has(Letter::A) {
                    self.owners.push(m);
                    match role_of(Letter::A) {
                        Some((_, Rule::Chain { position })) if position > 0 => {}
                        Some((role, _)) if *role == po || *role == pm => {
                            self.own_a[m] += 1;
                            self.product_a[m] += 1;
                        }
                        _ => self.own_a[m] += 1,
                    }
                }
                if letters.has(Letter::R) {
                    has_r = true;
                    other_r |= !letters.has(Letter::A);
                }
                if letters.has(Letter::A) || letters.has(Letter::R) {
                    self.works[m] = true;
                }
                if letters.has(Letter::C) {
                    // C's without a known role (edited cells) count as one role together; on a
                    // sheet raci did not write, where roles are seldom known, people are counted.
                    match role_of(Letter::C) {
                        _ if team.template.inferred => roles.push(""),
                        Some((role, _)) if roles.contains(&role.id()) => {}
                        Some((role, _)) => roles.push(role.id()),
                        None => roles.push(""),
                    }
                }
            }
            self.has_r.push(has_r);
            self.other_r.push(other_r);
            self.consulted.push(roles.len());
        }
        self.start.push(self.owners.len());
    }

    /// Members holding the A of an activity.
    pub(super) fn owners(&self, activity: usize) -> &[usize] {
        &self.owners[self.start[activity]..self.start[activity + 1]]
    }

    /// Whether anybody holds R on an activity.
    pub(super) fn has_r(&self, activity: usize) -> bool {
        self.has_r[activity]
    }

    /// Whether somebody other than the accountable person holds R on an activity.
    pub(super) fn other_r(&self, activity: usize) -> bool {
        self.other_r[activity]
    }

    /// How many roles (people, for an inferred template) are consulted on an activity.
    pub(super) fn consulted(&self, activity: usize) -> usize {
        self.consulted[activity]
    }

    /// On how many activities a member holds the A in their own right (fallbacks not counted).
    pub(super) fn own_a(&self, member: usize) -> usize {
        self.own_a[member]
    }

    /// How many of a member's own A's come from a product owner or product manager role.
    pub(super) fn product_a(&self, member: usize) -> usize {
        self.product_a[member]
    }

    /// Whether a member holds an A or an R anywhere.
    pub(super) fn works(&self, member: usize) -> bool {
        self.works[member]
    }
}
