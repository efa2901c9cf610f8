//! What the text exporters share: a member's role label, a letter's reason, the legend, and the
//! findings of each team.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::check::Finding;
use crate::matrix::{Letter, Provenance};
use crate::roster::Member;

/// What each cell value means, in the order the legend lists them.
pub(crate) const LEGEND: [(&str, &str); 5] = [
    ("A", "Accountable: answers for the outcome; exactly one per activity"),
    ("R", "Responsible: does the work"),
    ("A/R", "Accountable and does the work"),
    ("C", "Consulted: asked before (two-way)"),
    ("I", "Informed: told after (one-way)"),
];

/// A member's roles as the matrix header shows them: `PO/PM`.
pub(crate) fn roles_label(member: &Member) -> String {
    let mut label = String::new();
    for (i, parsed) in member.roles.iter().enumerate() {
        if i > 0 {
            label.push('/');
        }
        label.push_str(parsed.role.short());
    }
    label
}

/// Why a member holds a letter, without the letter: `product-owner is first in the accountable chain`.
pub(crate) fn reason(provenance: &Provenance) -> String {
    let text = provenance.to_string();
    match text.strip_prefix(&format!("{}: ", provenance.letter.as_char())) {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// The reasons of a cell as one line, for a tooltip or a table cell: `A: ...; R: ...`.
pub(crate) fn reasons_line(provenance: &[Provenance]) -> String {
    provenance.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

/// The CSS class of a cell: its strongest letter.
pub(crate) fn letter_class(letter: Letter) -> &'static str {
    match letter {
        Letter::A => "l-a",
        Letter::R => "l-r",
        Letter::C => "l-c",
        Letter::I => "l-i",
    }
}

/// Text with some characters replaced (`replace` says by what) and control characters made spaces;
/// borrowed when nothing changes.
pub(crate) fn escaped(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || replace(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match replace(c) {
            Some(with) => out.push_str(with),
            None if c.is_control() => out.push(' '),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Findings grouped by team name; roster-wide findings under `None`. Findings come sorted by team
/// (see [`crate::check::run`]), so each team's findings are one run; a run keeps its position in
/// the whole list, which HTML anchors use.
pub(crate) struct ByTeam<'f> {
    findings: &'f [Finding],
    roster_wide: Range<usize>,
    teams: HashMap<&'f str, Range<usize>>,
}

impl<'f> ByTeam<'f> {
    /// Group the findings.
    pub(crate) fn new(findings: &'f [Finding]) -> Self {
        let mut by_team = ByTeam { findings, roster_wide: 0..0, teams: HashMap::new() };
        let mut start = 0;
        for list in findings.chunk_by(|a, b| a.team == b.team) {
            let range = start..start + list.len();
            start = range.end;
            match list.first().and_then(|f| f.team.as_deref()) {
                Some(team) => {
                    by_team.teams.insert(team, range);
                }
                None => by_team.roster_wide = range,
            }
        }
        by_team
    }

    /// The findings of one team, with the position of the first in the whole list.
    pub(crate) fn team_at(&self, name: &str) -> (usize, &'f [Finding]) {
        let range = self.teams.get(name).cloned().unwrap_or(0..0);
        (range.start, &self.findings[range])
    }

    /// The findings of one team.
    pub(crate) fn team(&self, name: &str) -> &'f [Finding] {
        self.team_at(name).1
    }

    /// The findings about the whole roster, with the position of the first.
    pub(crate) fn roster_wide_at(&self) -> (usize, &'f [Finding]) {
        (self.roster_wide.start, &self.findings[self.roster_wide.clone()])
    }

    /// The findings about the whole roster.
    pub(crate) fn roster_wide(&self) -> &'f [Finding] {
        self.roster_wide_at().1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::Rule;
    use crate::role::Role;

    #[test]
    fn a_reason_drops_its_letter() {
        let p = Provenance { letter: Letter::A, role: Role::product_owner(), rule: Rule::Chain { position: 1 } };
        assert_eq!(reason(&p), "product-owner is fallback #1 in the accountable chain");
        assert_eq!(reasons_line(&[p]), "A: product-owner is fallback #1 in the accountable chain");
    }
}
