//! Two matrices compared (`raci diff`): per team and activity, who gained or lost which letter;
//! teams added or removed, people who joined or left a team, activities a template change added or
//! removed, and which of these changes matter (an A moved, an activity left with no A or no R).
//! This module only compares; [`Diff::write`] renders the result as text, Markdown or JSON.

mod json;
mod markdown;
mod text;

use std::io::Write;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::matrix::{Letter, Letters, TeamMatrix, View};
use crate::roster::{Team, push_identity};
use crate::template::Template;

pub use json::{SCHEMA, SCHEMA_ID};

/// The formats `raci diff` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For the terminal, grouped by team, then phase and activity.
    Text,
    /// A heading, the summary and a table per team, for a review document.
    Markdown,
    /// One JSON object, `raci.diff/v1` ([`SCHEMA`]).
    Json,
}

/// What changed between two matrices, team by team.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The old side.
    pub old: Side,
    /// The new side.
    pub new: Side,
    /// The teams with a change: those of the new side in its order, then the removed ones in the
    /// old side's order.
    pub teams: Vec<TeamDiff>,
}

/// One side of a diff, for the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The roster or workbook, as the user named it.
    pub source: String,
    /// Number of teams.
    pub teams: usize,
    /// Number of distinct people.
    pub people: usize,
}

/// Whether a team or an activity is on both sides or on one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// On both sides.
    Kept,
    /// Only on the new side.
    Added,
    /// Only on the old side.
    Removed,
}

impl Status {
    /// `kept`, `added` or `removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Kept => "kept",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// A template as a diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateName {
    /// The template's name.
    pub name: String,
    /// Its version.
    pub version: String,
}

impl TemplateName {
    fn of(template: &Template) -> Self {
        TemplateName { name: template.name.clone(), version: template.version.clone() }
    }
}

/// A person as a diff names them: the display name (the new side's) and the key both sides are
/// matched by ([`crate::roster::Person::key`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonName {
    /// The name as written.
    pub name: String,
    /// The email in lowercase, else the name's identity.
    pub key: String,
}

/// What changed in one team.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDiff {
    /// The team's name (the new side's when it is on both).
    pub name: String,
    /// Kept, added or removed.
    pub status: Status,
    /// Members on the side the team is on (the new side when on both).
    pub members: usize,
    /// The template on each side, when it changed (name or version) or when the team is on one side
    /// only (then both are that side's template).
    pub template: Option<(TemplateName, TemplateName)>,
    /// People on the new side's team only, in its order.
    pub joined: Vec<PersonName>,
    /// People on the old side's team only, in its order.
    pub left: Vec<PersonName>,
    /// Someone who left whose letters, on every activity, someone who joined now holds: (who
    /// left, who joined, the number of activities they hold a letter on), in the order of `left`.
    pub handovers: Vec<(PersonName, PersonName, usize)>,
    /// Activities with a change, in the new template's order, then the removed ones in the old
    /// template's order. Empty for a team added or removed.
    pub activities: Vec<ActivityDiff>,
}

impl TeamDiff {
    /// The changes of an activity people read: those of a handover (someone who left, someone who
    /// joined with the same letters) are told once, on the handover line, not per activity.
    pub fn shown_changes<'a>(&'a self, activity: &'a ActivityDiff) -> impl Iterator<Item = &'a Change> + 'a {
        activity.changes.iter().filter(move |c| {
            !self.handovers.iter().any(|(from, to, _)| c.person.key == from.key || c.person.key == to.key)
        })
    }

    /// Whether an activity has anything to show besides its handovers.
    pub fn shows(&self, activity: &ActivityDiff) -> bool {
        activity.status != Status::Kept || !activity.effects.is_empty() || self.shown_changes(activity).next().is_some()
    }
}

/// What changed on one activity of one team.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityDiff {
    /// The template's activity id, which both sides are matched by.
    pub id: String,
    /// The activity's name (the new template's when on both).
    pub name: String,
    /// The phase it belongs to.
    pub phase: String,
    /// Kept, or added or removed by a template change.
    pub status: Status,
    /// Each person whose letters changed: joined members and current ones first, in the new
    /// team's order, then those who left, in the old team's order.
    pub changes: Vec<Change>,
    /// What the changes do to the activity's A and R holders.
    pub effects: Vec<Effect>,
}

/// One person's letters on one activity, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Who.
    pub person: PersonName,
    /// The letters before (empty: none, or not on the team).
    pub old: Letters,
    /// The letters after.
    pub new: Letters,
}

impl Change {
    /// Letters held after and not before.
    pub fn gained(&self) -> Letters {
        minus(self.new, self.old)
    }

    /// Letters held before and not after: a cell going `A/R` -> `R` lost A.
    pub fn lost(&self) -> Letters {
        minus(self.old, self.new)
    }
}

/// What a change did to who answers for an activity or does its work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectKind {
    /// The A holders changed: another person, one more, or one fewer (and somebody left).
    AccountableMoved,
    /// The activity had an A and has none.
    AccountableLost,
    /// The activity had an R and has none.
    ResponsibleLost,
    /// The activity had no A and has one: a fix.
    AccountableGained,
    /// The A went from a fallback to a role earlier in the same accountable chain (a PO joined
    /// where the PM stood in): a fix.
    FallbackReplaced,
    /// The activity had no R and has one: a fix.
    ResponsibleGained,
}

impl EffectKind {
    /// The code reports name the effect by.
    pub fn code(self) -> &'static str {
        match self {
            EffectKind::AccountableMoved => "accountable-moved",
            EffectKind::AccountableLost => "accountable-lost",
            EffectKind::ResponsibleLost => "responsible-lost",
            EffectKind::AccountableGained => "accountable-gained",
            EffectKind::FallbackReplaced => "fallback-replaced",
            EffectKind::ResponsibleGained => "responsible-gained",
        }
    }

    /// Whether the effect matters (fails `raci diff`): a moved or lost A, a lost R. A gap filled
    /// and a fallback replaced by the role the template prefers are fixes and do not.
    pub fn matters(self) -> bool {
        matches!(self, EffectKind::AccountableMoved | EffectKind::AccountableLost | EffectKind::ResponsibleLost)
    }
}

/// One effect on an activity, with the holders of the letter before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    /// What happened.
    pub kind: EffectKind,
    /// Who held the letter before (display names, in team order).
    pub before: Vec<String>,
    /// Who holds it after.
    pub after: Vec<String>,
}

impl Effect {
    /// For people: what happened and why it matters (or why it is a fix).
    pub fn message(&self) -> String {
        let (before, after) = (names(&self.before), names(&self.after));
        match self.kind {
            EffectKind::AccountableMoved => {
                format!("who answers for it changed: {before} was accountable, now {after}")
            }
            EffectKind::AccountableLost => format!("nobody is accountable any more (was {before})"),
            EffectKind::ResponsibleLost => format!("nobody does the work any more: no R (was {before})"),
            EffectKind::AccountableGained => format!("{after} now accountable, where nobody was"),
            EffectKind::FallbackReplaced => {
                format!("{after} now accountable, in the role the template prefers; {before} stood in as a fallback")
            }
            EffectKind::ResponsibleGained => format!("{after} now responsible, where nobody was"),
        }
    }
}

/// Names for a sentence: `Ada`, `Ada and Bo`, `Ada, Bo and Cy`.
fn names(list: &[String]) -> String {
    match list {
        [] => "nobody".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Counts over a whole diff, for its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Teams on both sides with a change.
    pub teams_changed: usize,
    /// Teams on the new side only.
    pub teams_added: usize,
    /// Teams on the old side only.
    pub teams_removed: usize,
    /// Memberships on the new side only, over kept teams.
    pub joined: usize,
    /// Memberships on the old side only, over kept teams.
    pub left: usize,
    /// Activities a template change added, over kept teams.
    pub activities_added: usize,
    /// Activities a template change removed, over kept teams.
    pub activities_removed: usize,
    /// Letters gained, over every change.
    pub gained: usize,
    /// Letters lost, over every change.
    pub lost: usize,
    /// Effects that matter.
    pub matter: usize,
    /// Effects that are fixes.
    pub fixes: usize,
}

impl Totals {
    /// One line: `1 team changed; 1 person joined, 1 left; 14 letters gained, 16 lost; 2 changes
    /// matter` (only the parts that are not zero), or `no changes`.
    pub fn line(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut teams: Vec<String> = Vec::new();
        for (n, what) in [(self.teams_changed, "changed"), (self.teams_added, "added"), (self.teams_removed, "removed")]
        {
            if n > 0 {
                let noun = if teams.is_empty() { if n == 1 { " team" } else { " teams" } } else { "" };
                teams.push(format!("{n}{noun} {what}"));
            }
        }
        if !teams.is_empty() {
            parts.push(teams.join(", "));
        }
        let pair = |a: usize, a_what: &str, b: usize, b_what: &str, one: &str, many: &str| -> Option<String> {
            match (a, b) {
                (0, 0) => None,
                (a, 0) => Some(format!("{a} {} {a_what}", if a == 1 { one } else { many })),
                (0, b) => Some(format!("{b} {} {b_what}", if b == 1 { one } else { many })),
                (a, b) => Some(format!("{a} {} {a_what}, {b} {b_what}", if a == 1 { one } else { many })),
            }
        };
        parts.extend(pair(self.joined, "joined", self.left, "left", "person", "people"));
        parts.extend(pair(
            self.activities_added,
            "added",
            self.activities_removed,
            "removed",
            "activity",
            "activities",
        ));
        parts.extend(pair(self.gained, "gained", self.lost, "lost", "letter", "letters"));
        if parts.is_empty() {
            return "no changes".to_string();
        }
        let matter = match self.matter {
            0 => "nothing that matters".to_string(),
            1 => "1 change that matters".to_string(),
            n => format!("{n} changes that matter"),
        };
        let fixes = match self.fixes {
            0 => String::new(),
            1 => ", 1 fix".to_string(),
            n => format!(", {n} fixes"),
        };
        format!("{}; {matter}{fixes}", parts.join("; "))
    }
}

impl Diff {
    /// Whether anything changed.
    pub fn is_empty(&self) -> bool {
        self.teams.is_empty()
    }

    /// Whether a change matters: `raci diff` exits 1.
    pub fn matters(&self) -> bool {
        self.effects().any(|e| e.kind.matters())
    }

    fn effects(&self) -> impl Iterator<Item = &Effect> {
        self.teams.iter().flat_map(|t| &t.activities).flat_map(|a| &a.effects)
    }

    /// Counts for the summary.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for team in &self.teams {
            match team.status {
                Status::Added => t.teams_added += 1,
                Status::Removed => t.teams_removed += 1,
                Status::Kept => t.teams_changed += 1,
            }
            if team.status != Status::Kept {
                continue;
            }
            t.joined += team.joined.len();
            t.left += team.left.len();
            for activity in &team.activities {
                match activity.status {
                    Status::Added => t.activities_added += 1,
                    Status::Removed => t.activities_removed += 1,
                    Status::Kept => {}
                }
                for change in &activity.changes {
                    t.gained += change.gained().iter().count();
                    t.lost += change.lost().iter().count();
                }
            }
        }
        for effect in self.effects() {
            if effect.kind.matters() {
                t.matter += 1;
            } else {
                t.fixes += 1;
            }
        }
        t
    }

    /// Write the diff in a format; `color` adds ANSI colours to the text format.
    pub fn write<W: Write>(&self, format: Format, out: W, color: bool) -> std::io::Result<()> {
        match format {
            Format::Text => text::write(out, self, color),
            Format::Markdown => markdown::write(out, self),
            Format::Json => json::write(out, self),
        }
    }
}

/// Letters in `a` and not in `b`.
fn minus(a: Letters, b: Letters) -> Letters {
    let mut out = Letters::EMPTY;
    for letter in a.iter().filter(|l| !b.has(*l)) {
        out.insert(letter);
    }
    out
}

/// Compare two matrices: teams matched by name (case and spacing aside), activities by template
/// activity id, people by [`crate::roster::Person::key`].
pub fn compare(old: &View<'_>, new: &View<'_>) -> Diff {
    compare_as(old, new, (&old.roster.source, &new.roster.source))
}

/// [`compare`] two analyses, each named as [`Analysis::name`] names it (a workbook read back as
/// the user named it, not as the roster it was made from).
pub fn between(old: &crate::Analysis, new: &crate::Analysis) -> Diff {
    compare_as(&old.view(), &new.view(), (old.name(), new.name()))
}

fn compare_as(old: &View<'_>, new: &View<'_>, (old_name, new_name): (&str, &str)) -> Diff {
    let old_teams: Vec<TeamSide<'_>> =
        old.teams().map(|(team, tm, template)| TeamSide::new(old, team, tm, template)).collect();
    let new_teams: Vec<TeamSide<'_>> =
        new.teams().map(|(team, tm, template)| TeamSide::new(new, team, tm, template)).collect();
    let mut by_name: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, side) in old_teams.iter().enumerate() {
        by_name.entry(side.identity.as_str()).or_insert(i);
    }
    let mut matched = vec![false; old_teams.len()];
    let mut teams = Vec::new();
    for side in &new_teams {
        let found = by_name.get(side.identity.as_str()).copied().filter(|&i| !matched[i]);
        let diff = match found {
            Some(i) => {
                matched[i] = true;
                compare_team(&old_teams[i], side)
            }
            None => Some(one_side(side, Status::Added)),
        };
        teams.extend(diff);
    }
    for (side, _) in old_teams.iter().zip(&matched).filter(|(_, m)| !**m) {
        teams.push(one_side(side, Status::Removed));
    }
    let side = |view: &View<'_>, name: &str| Side {
        source: name.to_string(),
        teams: view.roster.teams.len(),
        people: view.roster.people.len(),
    };
    Diff { old: side(old, old_name), new: side(new, new_name), teams }
}

/// One team of one side, with its people keyed for matching.
struct TeamSide<'a> {
    team: &'a Team,
    matrix: &'a TeamMatrix,
    template: &'a Template,
    /// The team name's identity.
    identity: String,
    /// Distinct people in member order, each with the member positions they hold (one, unless the
    /// roster lists a person twice on a team).
    people: Vec<(PersonName, Vec<usize>)>,
    /// Person key -> position in `people`.
    index: FxHashMap<String, usize>,
}

impl<'a> TeamSide<'a> {
    fn new(view: &View<'a>, team: &'a Team, matrix: &'a TeamMatrix, template: &'a Template) -> Self {
        let mut identity = String::new();
        push_identity(&mut identity, &team.name);
        let mut people: Vec<(PersonName, Vec<usize>)> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        for (m, member) in team.members.iter().enumerate() {
            let person = &view.roster.people[member.person];
            let key = person.key();
            match index.get(&key) {
                Some(&p) => people[p].1.push(m),
                None => {
                    index.insert(key.clone(), people.len());
                    people.push((PersonName { name: person.name.clone(), key }, vec![m]));
                }
            }
        }
        TeamSide { team, matrix, template, identity, people, index }
    }

    /// A person's letters on an activity (the union over their memberships).
    fn letters(&self, activity: usize, person: usize) -> Letters {
        let mut out = Letters::EMPTY;
        for &m in &self.people[person].1 {
            for letter in self.matrix.cell(activity, m).letters.iter() {
                out.insert(letter);
            }
        }
        out
    }

    fn phase(&self, activity: usize) -> String {
        let phase = self.template.activities[activity].phase;
        self.template.phases.get(phase).cloned().unwrap_or_default()
    }
}

/// A team on one side only: its size and template, no per-activity detail.
fn one_side(side: &TeamSide<'_>, status: Status) -> TeamDiff {
    let template = TemplateName::of(side.template);
    TeamDiff {
        name: side.team.name.clone(),
        status,
        members: side.people.len(),
        template: Some((template.clone(), template)),
        joined: Vec::new(),
        left: Vec::new(),
        handovers: Vec::new(),
        activities: Vec::new(),
    }
}

/// Where a person of the union of both teams is on each side.
struct Pair<'a> {
    old: Option<usize>,
    new: Option<usize>,
    person: &'a PersonName,
}

/// Compare a team on both sides; `None` when nothing changed.
fn compare_team(old: &TeamSide<'_>, new: &TeamSide<'_>) -> Option<TeamDiff> {
    // The new team's people in order, then those who left in the old team's order.
    let mut pairs: Vec<Pair<'_>> = new
        .people
        .iter()
        .enumerate()
        .map(|(n, (person, _))| Pair { old: old.index.get(&person.key).copied(), new: Some(n), person })
        .collect();
    let left: Vec<usize> = (0..old.people.len()).filter(|&o| !new.index.contains_key(&old.people[o].0.key)).collect();
    pairs.extend(left.iter().map(|&o| Pair { old: Some(o), new: None, person: &old.people[o].0 }));

    let old_ids: FxHashMap<&str, usize> =
        old.template.activities.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let new_ids: FxHashMap<&str, usize> =
        new.template.activities.iter().enumerate().map(|(i, a)| (a.id.as_str(), i)).collect();
    let mut activities = Vec::new();
    for (n, activity) in new.template.activities.iter().enumerate() {
        let o = old_ids.get(activity.id.as_str()).copied();
        let letters = |pair: &Pair| {
            let before = match (o, pair.old) {
                (Some(o), Some(p)) => old.letters(o, p),
                _ => Letters::EMPTY,
            };
            let after = pair.new.map_or(Letters::EMPTY, |p| new.letters(n, p));
            (before, after)
        };
        let changes: Vec<Change> = pairs
            .iter()
            .filter_map(|pair| {
                let (before, after) = letters(pair);
                (before != after).then(|| Change { person: pair.person.clone(), old: before, new: after })
            })
            .collect();
        let effects = match o {
            Some(o) => effects(&pairs, &letters, preferred(old, o, new, n)),
            None => Vec::new(),
        };
        let status = if o.is_some() { Status::Kept } else { Status::Added };
        if status == Status::Added || !changes.is_empty() {
            activities.push(ActivityDiff {
                id: activity.id.clone(),
                name: activity.name.clone(),
                phase: new.phase(n),
                status,
                changes,
                effects,
            });
        }
    }
    for (o, activity) in old.template.activities.iter().enumerate() {
        if new_ids.contains_key(activity.id.as_str()) {
            continue;
        }
        let changes = (0..old.people.len())
            .filter_map(|p| {
                let before = old.letters(o, p);
                (!before.is_empty()).then(|| Change {
                    person: old.people[p].0.clone(),
                    old: before,
                    new: Letters::EMPTY,
                })
            })
            .collect();
        activities.push(ActivityDiff {
            id: activity.id.clone(),
            name: activity.name.clone(),
            phase: old.phase(o),
            status: Status::Removed,
            changes,
            effects: Vec::new(),
        });
    }

    let (old_template, new_template) = (TemplateName::of(old.template), TemplateName::of(new.template));
    let template = (old_template != new_template).then_some((old_template, new_template));
    let joined: Vec<PersonName> =
        pairs.iter().filter(|p| p.old.is_none() && p.new.is_some()).map(|p| p.person.clone()).collect();
    let handovers = handovers(old, new, &pairs, (&old_ids, &new_ids));
    let left: Vec<PersonName> = left.iter().map(|&o| old.people[o].0.clone()).collect();
    if activities.is_empty() && template.is_none() && joined.is_empty() && left.is_empty() {
        return None;
    }
    Some(TeamDiff {
        name: new.team.name.clone(),
        status: Status::Kept,
        members: new.people.len(),
        template,
        joined,
        left,
        handovers,
        activities,
    })
}

/// Who left and whose letters someone who joined took over, activity for activity: each one who
/// left is paired with the first one who joined holding the same letters everywhere.
fn handovers(
    old: &TeamSide<'_>,
    new: &TeamSide<'_>,
    pairs: &[Pair<'_>],
    (old_ids, new_ids): (&FxHashMap<&str, usize>, &FxHashMap<&str, usize>),
) -> Vec<(PersonName, PersonName, usize)> {
    // Letters on the new template's activities, then on the activities it no longer has.
    let removed: Vec<usize> = (0..old.template.activities.len())
        .filter(|&o| !new_ids.contains_key(old.template.activities[o].id.as_str()))
        .collect();
    let of_old = |p: usize| -> Vec<Letters> {
        let kept = new
            .template
            .activities
            .iter()
            .map(|a| old_ids.get(a.id.as_str()).map_or(Letters::EMPTY, |&o| old.letters(o, p)));
        kept.chain(removed.iter().map(|&o| old.letters(o, p))).collect()
    };
    let of_new = |p: usize| -> Vec<Letters> {
        let kept = (0..new.template.activities.len()).map(|a| new.letters(a, p));
        kept.chain(removed.iter().map(|_| Letters::EMPTY)).collect()
    };
    let mut joined: FxHashMap<Vec<Letters>, Vec<&Pair<'_>>> = FxHashMap::default();
    for pair in pairs.iter().filter(|p| p.old.is_none()) {
        if let Some(n) = pair.new {
            joined.entry(of_new(n)).or_default().push(pair);
        }
    }
    let mut out = Vec::new();
    for pair in pairs.iter().filter(|p| p.new.is_none()) {
        let Some(o) = pair.old else { continue };
        let letters = of_old(o);
        let held = letters.iter().filter(|l| !l.is_empty()).count();
        if held == 0 {
            continue;
        }
        if let Some(taker) = joined.get_mut(&letters).filter(|list| !list.is_empty()).map(|list| list.remove(0)) {
            out.push((pair.person.clone(), taker.person.clone(), held));
        }
    }
    out
}

/// Whether the A of an activity went to a role earlier in its accountable chain, the chain being
/// the same on both sides: the template's preferred role took over from a fallback.
fn preferred(old: &TeamSide<'_>, o: usize, new: &TeamSide<'_>, n: usize) -> bool {
    let (before, after) = (&old.template.activities[o], &new.template.activities[n]);
    let same_chain =
        before.accountable == after.accountable && before.accountable_together == after.accountable_together;
    let positions = (
        old.matrix.accountable_position.get(o).copied().flatten(),
        new.matrix.accountable_position.get(n).copied().flatten(),
    );
    same_chain && matches!(positions, (Some(was), Some(now)) if now < was)
}

/// What the letters of one kept activity did to its A and R holders; `preferred`: the A went to
/// a role earlier in the same accountable chain.
fn effects(pairs: &[Pair<'_>], letters: &impl Fn(&Pair<'_>) -> (Letters, Letters), preferred: bool) -> Vec<Effect> {
    let holders = |letter: Letter| -> (Vec<String>, Vec<String>) {
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for pair in pairs {
            let (b, a) = letters(pair);
            if b.has(letter) {
                before.push(pair.person.name.clone());
            }
            if a.has(letter) {
                after.push(pair.person.name.clone());
            }
        }
        (before, after)
    };
    let mut out = Vec::new();
    let changed = |letter: Letter| {
        pairs.iter().any(|p| {
            let (b, a) = letters(p);
            b.has(letter) != a.has(letter)
        })
    };
    if changed(Letter::A) {
        let (before, after) = holders(Letter::A);
        let kind = match (before.is_empty(), after.is_empty()) {
            (true, _) => EffectKind::AccountableGained,
            (false, true) => EffectKind::AccountableLost,
            (false, false) if preferred => EffectKind::FallbackReplaced,
            (false, false) => EffectKind::AccountableMoved,
        };
        out.push(Effect { kind, before, after });
    }
    if changed(Letter::R) {
        let (before, after) = holders(Letter::R);
        let kind = match (before.is_empty(), after.is_empty()) {
            (true, _) => Some(EffectKind::ResponsibleGained),
            (false, true) => Some(EffectKind::ResponsibleLost),
            (false, false) => None,
        };
        out.extend(kind.map(|kind| Effect { kind, before, after }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{ReadOptions, parse};
    use crate::{Analysis, Options};

    fn analysis(text: &str) -> Analysis {
        let roster = parse(text.as_bytes(), "r.csv", &ReadOptions::default()).expect("roster");
        Analysis::from_roster(roster, &Options::default()).expect("analysis")
    }

    fn diff(old: &str, new: &str) -> Diff {
        compare(&analysis(old).view(), &analysis(new).view())
    }

    #[test]
    fn people_are_matched_by_email_whatever_the_name_and_case_say() {
        let old = "name,role,team,email\nAda Lovelace,PO,Core,Ada@Example.org\nBo Chen,Developer,core,bo@example.org\n";
        let new = "name,role,team,email\nAda  King,PO,CORE,ada@example.org\nBo Chen,Developer,Core,BO@example.org\n";
        let d = diff(old, new);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(d.totals().line(), "no changes");
    }

    #[test]
    fn a_cell_going_from_a_to_r_lost_a_and_the_a_moved() {
        let old = "name,role,team\nAda,PO,Core\nBo,Developer,Core\n";
        let new = "name,role,team\nAda,Developer,Core\nBo,PO,Core\n";
        let d = diff(old, new);
        let backlog = d.teams[0].activities.iter().find(|a| a.id == "backlog-ownership").expect("backlog");
        let ada = backlog.changes.iter().find(|c| c.person.name == "Ada").expect("Ada");
        assert_eq!(
            (ada.old.to_string(), ada.lost().to_string(), ada.gained().to_string()),
            ("A/R".into(), "A/R".into(), "I".into())
        );
        let build = d.teams[0].activities.iter().find(|a| a.id == "build-increment").expect("build");
        let ada = build.changes.iter().find(|c| c.person.name == "Ada").expect("Ada");
        assert_eq!(
            (ada.old.to_string(), ada.new.to_string(), ada.lost().to_string()),
            ("A".into(), "R".into(), "A".into())
        );
        assert_eq!(
            build.effects,
            [Effect { kind: EffectKind::AccountableMoved, before: vec!["Ada".into()], after: vec!["Bo".into()] }]
        );
        assert!(d.matters());
    }

    #[test]
    fn the_summary_names_only_what_is_not_zero() {
        let t =
            Totals { teams_changed: 2, teams_removed: 1, left: 1, lost: 3, matter: 1, fixes: 2, ..Totals::default() };
        assert_eq!(
            t.line(),
            "2 teams changed, 1 removed; 1 person left; 3 letters lost; 1 change that matters, 2 fixes"
        );
        assert_eq!(names(&["A".into(), "B".into(), "C".into()]), "A, B and C");
        assert_eq!(names(&[]), "nobody");
    }
}
