//! What the rules read about one team, worked out once per team in one pass over its matrix: who
//! holds the A of each activity, who does any work, how crowded each activity's C column is.

use crate::matrix::{Letter, TeamMatrix, View};
use crate::roster::{Member, Team};
use crate::template::Template;

/// One team as the rules see it: its position, roster entry, matrix and template.
#[derive(Clone, Copy)]
pub(super) struct TeamView<'a> {
    /// The roster, templates and matrix.
    pub(super) view: &'a View<'a>,
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
    /// Per activity: whether anybody holds R.
    has_r: Vec<bool>,
    /// Per activity: how many members hold C.
    consulted: Vec<usize>,
    /// Per member: on how many activities they hold the A.
    a_count: Vec<usize>,
    /// Per member: whether they hold an A or an R anywhere.
    works: Vec<bool>,
}

impl Facts {
    /// Work out the facts of one team.
    pub(super) fn fill(&mut self, team: &TeamView<'_>) {
        let (tm, activities) = (team.tm, team.template.activities.len());
        self.owners.clear();
        self.start.clear();
        self.has_r.clear();
        self.consulted.clear();
        self.a_count.clear();
        self.a_count.resize(tm.width, 0);
        self.works.clear();
        self.works.resize(tm.width, false);
        for a in 0..activities {
            self.start.push(self.owners.len());
            let (mut has_r, mut consulted) = (false, 0);
            for (m, cell) in tm.row(a).iter().enumerate() {
                let letters = cell.letters;
                if letters.has(Letter::A) {
                    self.owners.push(m);
                    self.a_count[m] += 1;
                }
                if letters.has(Letter::R) {
                    has_r = true;
                }
                if letters.has(Letter::A) || letters.has(Letter::R) {
                    self.works[m] = true;
                }
                if letters.has(Letter::C) {
                    consulted += 1;
                }
            }
            self.has_r.push(has_r);
            self.consulted.push(consulted);
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

    /// How many members hold C on an activity.
    pub(super) fn consulted(&self, activity: usize) -> usize {
        self.consulted[activity]
    }

    /// On how many activities a member holds the A.
    pub(super) fn a_count(&self, member: usize) -> usize {
        self.a_count[member]
    }

    /// Whether a member holds an A or an R anywhere.
    pub(super) fn works(&self, member: usize) -> bool {
        self.works[member]
    }
}
