//! What if someone leaves (`raci check --without NAME`): the people named, found in the roster by
//! name or email, and the activities their leaving strips of their accountable person or of
//! everybody responsible, one `leaver-gap` finding per team and phase.
//!
//! The matrix is read as it stands (assigned from a roster or read back from an edited workbook):
//! the question is what breaks the day they go. A re-assignment of the roster without them only
//! says what a regenerate would put in their place.

use super::facts::TeamView;
use super::position::Places;
use super::{Code, Finding, quoted_list};
use crate::assign;
use crate::error::{Error, Result};
use crate::matrix::{Letter, TeamMatrix, View};
use crate::roster::{Member, Person, Roster, Team, identity, push_lowercase};

/// At most this many names are suggested for a name that matches nobody.
const MAX_SUGGESTIONS: usize = 3;

/// The people `--without` names, as positions in [`Roster::people`], in the order given (a person
/// named twice, by name and by email, counts once). A name matches as roster names do (case and
/// spacing aside), an email in any case. A name that matches nobody, or two people, is refused.
/// `input` names the roster (or workbook) in the message.
pub fn leavers(roster: &Roster, input: &str, wanted: &[String]) -> Result<Vec<usize>> {
    let keys: Vec<(String, Option<String>)> = roster.people.iter().map(keys).collect();
    let mut out: Vec<usize> = Vec::with_capacity(wanted.len());
    for text in wanted {
        let (name, email) = (identity(text), lowercase(text.trim()));
        if name.is_empty() {
            return Err(Error::usage("--without needs a name or an email", "write --without 'Ada Lopez'"));
        }
        let by_email: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, (_, e))| e.as_deref() == Some(email.as_str()))
            .map(|(p, _)| p)
            .collect();
        let found = if by_email.is_empty() {
            keys.iter().enumerate().filter(|(_, (n, _))| *n == name).map(|(p, _)| p).collect()
        } else {
            by_email
        };
        match found.as_slice() {
            [] => return Err(unknown(roster, input, &keys, text, &name)),
            [one] => {
                if !out.contains(one) {
                    out.push(*one);
                }
            }
            several => return Err(ambiguous(roster, text, several)),
        }
    }
    Ok(out)
}

/// A person's name identity and lowercase email.
fn keys(person: &Person) -> (String, Option<String>) {
    (identity(&person.name), person.email.as_deref().map(lowercase))
}

fn lowercase(text: &str) -> String {
    let mut out = String::new();
    push_lowercase(&mut out, text);
    out
}

/// The error for a name that matches nobody, with the closest names when some are close.
fn unknown(roster: &Roster, input: &str, keys: &[(String, Option<String>)], text: &str, name: &str) -> Error {
    let mut close: Vec<(f64, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(p, (n, e))| {
            // A first or last name alone (`Sofia` for `Sofia Lind`) is close; so is a typo.
            let word = n.split(' ').any(|w| w == name);
            let score = strsim::jaro_winkler(name, n).max(e.as_deref().map_or(0.0, |e| strsim::jaro_winkler(name, e)));
            (word || score >= 0.88).then_some((if word { 1.0 } else { score }, p))
        })
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let names: Vec<&str> = close.iter().take(MAX_SUGGESTIONS).map(|&(_, p)| roster.people[p].name.as_str()).collect();
    let message = format!("--without '{text}': nobody in {input} has this name or email");
    let fix = match names.as_slice() {
        [] if roster.people.len() <= 12 => {
            let all: Vec<&str> = roster.people.iter().map(|p| p.name.as_str()).collect();
            format!("name one of the people on the roster ({}), or give their email", or_list(&all))
        }
        [] => "write the name as the roster does (case and spacing do not matter), or the person's email".into(),
        _ => format!("did you mean {}? write the name as the roster does, or the email", or_list(&names)),
    };
    Error::usage(message, fix)
}

/// `'Ada'`, `'Ada' or 'Bob'`, `'Ada', 'Bob' or 'Cy'`.
fn or_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    joined(&quoted, "or")
}

/// The error for a name two people share: each with their email and line.
fn ambiguous(roster: &Roster, text: &str, people: &[usize]) -> Error {
    let each: Vec<String> = people
        .iter()
        .map(|&p| {
            let person = &roster.people[p];
            let email = person.email.as_deref().map_or_else(|| "no email".to_string(), |e| format!("<{e}>"));
            format!("'{}' {email} ({})", person.name, roster.at(person.line))
        })
        .collect();
    let emails: Vec<&str> = people.iter().filter_map(|&p| roster.people[p].email.as_deref()).collect();
    let fix = match emails.first() {
        Some(email) => format!("name the one who leaves by email, e.g. --without {email}"),
        None => "give the people different names or emails in the roster".to_string(),
    };
    Error::usage(format!("--without '{text}' names {} people: {}", people.len(), each.join(", ")), fix)
}

/// One `leaver-gap` finding per team and phase where the leavers held an activity's only A or
/// all of its R's. `leavers` are positions in [`Roster::people`].
pub fn gaps(view: &View<'_>, leavers: &[usize]) -> Vec<Finding> {
    let places = Places::new(view);
    let affected: Vec<(usize, &TeamMatrix)> = view
        .matrix
        .teams
        .iter()
        .enumerate()
        .filter(|(_, tm)| view.roster.teams[tm.team].members.iter().any(|m| leavers.contains(&m.person)))
        .collect();
    let regenerated = Regenerated::new(view, affected.iter().map(|(_, tm)| *tm), leavers);
    let mut out = Vec::new();
    for (k, &(idx, tm)) in affected.iter().enumerate() {
        let team = TeamView {
            view,
            places: &places,
            idx,
            team: &view.roster.teams[tm.team],
            tm,
            template: &view.templates[tm.template],
        };
        let leaving: Vec<bool> = team.members().iter().map(|m| leavers.contains(&m.person)).collect();
        let template = team.template;
        let after = regenerated.team(k);
        let mut start = 0;
        while start < template.activities.len() {
            let phase = template.activities[start].phase;
            let end = template.activities[start..]
                .iter()
                .position(|a| a.phase != phase)
                .map_or(template.activities.len(), |n| start + n);
            if let Some(finding) = phase_gap(&team, &leaving, start..end, &after) {
                out.push(finding);
            }
            start = end;
        }
    }
    out
}

/// The activities of one phase that lose their A or all their R's, as a finding.
fn phase_gap(
    team: &TeamView<'_>,
    leaving: &[bool],
    phase: std::ops::Range<usize>,
    after: &After<'_>,
) -> Option<Finding> {
    let (mut lost_a, mut lost_r) = (Vec::new(), Vec::new());
    // Who held the lost letters, and the roles that gave them.
    let mut held_by: Vec<usize> = Vec::new();
    let mut roles: Vec<String> = Vec::new();
    for a in phase {
        for (letter, lost) in [(Letter::A, &mut lost_a), (Letter::R, &mut lost_r)] {
            let holders: Vec<usize> = team.tm.holders(a, letter).collect();
            if holders.is_empty() || holders.iter().any(|&m| !leaving[m]) {
                continue;
            }
            lost.push(a);
            for m in holders {
                if !held_by.contains(&m) {
                    held_by.push(m);
                }
                let role =
                    team.tm.cell(a, m).grant_of(letter).and_then(|g| team.members()[m].roles.get(usize::from(g.role)));
                if let Some(role) = role.map(|r| r.role.to_string()).filter(|r| !r.is_empty() && !roles.contains(r)) {
                    roles.push(role);
                }
            }
        }
    }
    let first = *lost_a.first().into_iter().chain(lost_r.first()).min()?;
    held_by.sort_unstable();
    let names = team.names(&held_by);
    let mut activities: Vec<usize> = lost_a.iter().chain(&lost_r).copied().collect();
    activities.sort_unstable();
    activities.dedup();
    let mut lost = Vec::new();
    if !lost_a.is_empty() {
        lost.push(format!("nobody is accountable for {}", team.ids(&lost_a).join(", ")));
    }
    if !lost_r.is_empty() {
        lost.push(format!("nobody is responsible for {}", team.ids(&lost_r).join(", ")));
    }
    let template = team.template;
    // A matrix read from a sheet raci did not write has no template to regenerate from.
    let regenerate =
        if template.inferred { String::new() } else { format!(" ({})", after.describe(team, &lost_a, &lost_r)) };
    let message = format!(
        "team '{}', {}: without {} {}{regenerate}",
        team.team.name,
        template.phases[template.activities[first].phase],
        quoted_list(&names),
        lost.join("; "),
    );
    let leave = if names.len() == 1 { "leaves" } else { "leave" };
    let hint = match roles.as_slice() {
        [] => format!(
            "before {} {leave}, hand these letters to someone who stays on team '{}'",
            quoted_list(&names),
            team.team.name
        ),
        _ => format!(
            "before {} {leave}, name someone who stays on team '{}' as {} (a roster line), or hand these letters \
             to someone who stays",
            quoted_list(&names),
            team.team.name,
            joined(&roles, "or")
        ),
    };
    let (at, related) = team.lines_of(&held_by);
    Some(
        Finding::new(Code::LeaverGap, team.at(), at, message, hint)
            .related(related)
            .activities(first, team.ids(&activities))
            .people(names),
    )
}

/// The matrix a regenerate would give: the affected teams assigned again without the leavers.
struct Regenerated {
    /// The affected teams without the leavers (their members still index the view's people).
    roster: Roster,
    matrix: crate::matrix::Matrix,
}

impl Regenerated {
    fn new<'a>(view: &View<'_>, teams: impl Iterator<Item = &'a TeamMatrix>, leavers: &[usize]) -> Self {
        let (mut reduced, mut template) = (Vec::new(), Vec::new());
        for tm in teams {
            let team = &view.roster.teams[tm.team];
            let members: Vec<Member> = team.members.iter().filter(|m| !leavers.contains(&m.person)).cloned().collect();
            reduced.push(Team { name: team.name.clone(), members, line: team.line, template: None, group: None });
            template.push(tm.template);
        }
        // Only the teams matter to the assignment.
        let roster = Roster {
            source: String::new(),
            file: String::new(),
            sheet: None,
            people: Vec::new(),
            teams: reduced,
            notes: Vec::new(),
            has_reports_to: false,
        };
        let matrix = assign::assign(&roster, view.templates, &template);
        Regenerated { roster, matrix }
    }

    /// The `k`th affected team, regenerated.
    fn team(&self, k: usize) -> After<'_> {
        After { team: &self.roster.teams[k], tm: &self.matrix.teams[k] }
    }
}

/// One team as a regenerate would assign it.
struct After<'a> {
    team: &'a Team,
    tm: &'a TeamMatrix,
}

impl After<'_> {
    /// What a regenerate would do about the activities that lose their A and their R's:
    /// `a regenerate would make 'Bo Lin' (product-manager) accountable`, `... make 'Bo Lin'
    /// (product-manager) accountable for roadmap; nobody accountable for backlog-ownership`.
    fn describe(&self, view: &TeamView<'_>, lost_a: &[usize], lost_r: &[usize]) -> String {
        let a = self.groups(view, lost_a, Letter::A);
        let r = self.groups(view, lost_r, Letter::R);
        let nobody = |groups: &[(String, Vec<usize>)]| groups.iter().all(|(who, _)| who.is_empty());
        if !a.is_empty() && !r.is_empty() && nobody(&a) && nobody(&r) {
            return "a regenerate would make nobody accountable or responsible either".to_string();
        }
        if let ([(who, _)], [(same, _)]) = (a.as_slice(), r.as_slice())
            && who == same
        {
            return format!("a regenerate would make {who} accountable and responsible");
        }
        let mut items = Vec::new();
        for (groups, word) in [(&a, "accountable"), (&r, "responsible")] {
            let single = groups.len() == 1;
            // Those somebody would take first, then those nobody would.
            for (who, list) in
                groups.iter().filter(|(who, _)| !who.is_empty()).chain(groups.iter().filter(|(who, _)| who.is_empty()))
            {
                let who = if who.is_empty() { "nobody" } else { who.as_str() };
                let tail = if single { String::new() } else { format!(" for {}", and_list(&view.ids(list))) };
                items.push(format!("{who} {word}{tail}"));
            }
        }
        format!("a regenerate would make {}", items.join("; "))
    }

    /// The activities grouped by who would hold the letter after a regenerate (`""`: nobody), in
    /// the order they first come.
    fn groups(&self, view: &TeamView<'_>, activities: &[usize], letter: Letter) -> Vec<(String, Vec<usize>)> {
        let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
        for &a in activities {
            let who: Vec<String> = self
                .tm
                .holders(a, letter)
                .map(|m| {
                    let member = &self.team.members[m];
                    let name = view.view.name(member);
                    let role = self.tm.cell(a, m).grant_of(letter).and_then(|g| member.roles.get(usize::from(g.role)));
                    match role {
                        Some(role) => format!("'{name}' ({})", role.role),
                        None => format!("'{name}'"),
                    }
                })
                .collect();
            let who = and_list(&who);
            match groups.iter_mut().find(|(w, _)| *w == who) {
                Some((_, list)) => list.push(a),
                None => groups.push((who, vec![a])),
            }
        }
        groups
    }
}

/// `a`, `a and b`, `a, b and c` (or `or`).
fn joined(items: &[String], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {last_word} {last}", init.join(", ")),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    joined(items, "and")
}
