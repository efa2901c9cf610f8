//! The finding codes: stable, kebab-case, each with a default severity and an explanation. The
//! `codes!` table below is the one place a code is defined: its variant, name, severity, catalogue
//! position (which is also the order findings are sorted in) and explanation.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::Severity;

/// What a code means, why it matters, how to fix it.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    /// The code.
    pub code: Code,
    /// The stable kebab-case name.
    pub name: &'static str,
    /// The severity a finding gets unless its rule says otherwise.
    pub severity: Severity,
    /// Whether its findings are about a team, the roster as a whole, or either.
    pub scope: Scope,
    /// One line for lists and the README.
    pub summary: &'static str,
    /// What the finding says.
    pub meaning: &'static str,
    /// Why it matters, with the domain reason.
    pub why: &'static str,
    /// How to make it go away for the right reason.
    pub fix: &'static str,
}

/// What a code's findings are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One team.
    Team,
    /// The roster as a whole (a person across teams, reporting lines).
    Roster,
    /// Either.
    Both,
}

impl Scope {
    /// Whether findings of this scope can be about a team (`true`) or the whole roster (`false`).
    pub fn covers(self, team: bool) -> bool {
        match self {
            Scope::Team => team,
            Scope::Roster => !team,
            Scope::Both => true,
        }
    }
}

/// Define [`Code`] and [`CATALOGUE`] from one table: one entry per code, in catalogue order, with its
/// name, default severity and scope.
macro_rules! codes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $name:literal, $severity:ident, $scope:ident,
        summary: $summary:expr,
        meaning: $meaning:expr,
        why: $why:expr,
        fix: $fix:expr;
    )*) => {
        /// A finding code. The kebab-case names are part of raci's interface and never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        /// Every code, in catalogue order (the order of [`Code`]'s variants).
        pub const CATALOGUE: &[Explanation] = &[$(
            Explanation {
                code: Code::$variant,
                name: $name,
                severity: Severity::$severity,
                scope: Scope::$scope,
                summary: $summary,
                meaning: $meaning,
                why: $why,
                fix: $fix,
            },
        )*];
    };
}

codes! {
    /// Nobody is accountable for the team's backlog activities.
    MissingBacklogOwner = "missing-backlog-owner", Error, Team,
    summary: "nobody on the team is accountable for the backlog (no Product Owner)",
    meaning: "The backlog activities of the template (owning, ordering and refining the backlog, writing stories, \
              planning sprints, clarifying and accepting work) have no accountable person on this team. One \
              finding per team lists them, and the activities where someone else stands in for the missing PO \
              (a PM on release planning, a tech lead on the build), and the activities of the PO that are left \
              with no A at all; neither is reported again as fallback-owner or no-accountable.",
    why: "A product owner, whatever the title, is almost always needed; without one the developers wait for \
          explanations, clarifications and acceptance, and nobody decides what comes next (sources 001, 004). \
          The template gives backlog work no fallback on purpose, so this gap is never papered over.",
    fix: "Name a Product Owner for the team (role `PO`). If a PM really owns the backlog, give that person the \
          PO role as well (`PO/PM`) so the combined role is visible and checked.";

    /// An activity has no accountable person.
    NoAccountable = "no-accountable", Error, Team,
    summary: "an activity has no accountable person: nobody on the team holds any role in its chain",
    meaning: "For these activities no member holds any role in the template's accountable chain, so the row \
                  has no A.",
    why: "RACI needs exactly one A per activity: work that nobody answers for drifts or is done twice.",
    fix: "Add a person with one of the roles in the chain (see `raci templates show`), or edit the template's \
              `accountable` chain to a role the team has.";

    /// Two or more people are accountable for one activity.
    MultipleAccountable = "multiple-accountable", Error, Team,
    summary: "two or more people are accountable for the same activity (for example two POs on one backlog)",
    meaning: "Several members hold the role that gets the A, so the activity has more than one accountable \
                  person.",
    why: "Two owners of one backlog or one roadmap means conflicting priorities and nobody with the final \
              word; a team works day to day with one product owner (sources 001, 002).",
    fix: "Keep one of them in the role and give the others another role (for example `Engineer`), or split \
              the team into teams with one owner each.";

    /// An activity has an accountable person but nobody responsible.
    NoResponsible = "no-responsible", Error, Team,
    summary: "an activity has an accountable person but nobody responsible for doing the work",
    meaning: "Nobody on the team holds a role listed under `responsible`, and no stand-in took the work over.",
    why: "An A without an R means the owner expects work that nobody on the team is set up to do.",
    fix: "Add a person with a responsible role for the activity, or list a role the team has under \
              `responsible` in the template.";

    /// The roster's reports_to links loop.
    ReportsToCycle = "reports-to-cycle", Error, Roster,
    summary: "the roster's reports_to column loops (A reports to B who reports to A)",
    meaning: "Following reports_to from these people comes back to where it started.",
    why: "A reporting loop means nobody is at the top to settle a conflict between the people in it; it is \
              almost always a typo in the roster.",
    fix: "Correct the reports_to cell of one of the people named so the chain ends at someone who reports to \
              nobody on the roster.";

    /// One person holds both PO and PM.
    CombinedRole = "combined-role", Info, Team,
    summary: "one person holds both Product Owner and Product Manager (info in a small team, warning in a large one)",
    meaning: "A member holds both PO and PM on this team. Up to the template's `combined_role_max_team_size` \
                  members this is reported as info; above it as a warning.",
    why: "A combined PO/PM works in start-ups and small companies, but the two jobs pull in opposite \
              directions (market and strategy outside, team and delivery inside) and the combination stops working \
              as the organisation grows (sources 000, 001, 003).",
    fix: "In a growing team, split the role: keep the person as PM or PO and name a second person for the other \
              role. In a small team, nothing to do; raise `combined_role_max_team_size` if your threshold differs.";

    /// An A came from a fallback role in the chain.
    FallbackOwner = "fallback-owner", Warning, Team,
    summary: "an accountable came from a fallback role (e.g. no PM, so the PO carries the roadmap)",
    meaning: "The first role in an activity's accountable chain is held by nobody, so a later role took the A. \
              It becomes an error when at least `fallback_escalate_teams` teams lack the same role of \
              `fallback_escalate_roles` (the product manager). Roles a template lists under `optional_roles` \
              (the PM in `scrum`) are not reported when missing; a missing PO is reported once, as \
              missing-backlog-owner.",
    why: "A one-product team may do without a dedicated PM, so strategy falling to the PO is a soft gap; \
          several teams or products with no PM at all is a bigger one (source 004).",
    fix: "Name a person for the missing role, or accept the fallback for a small team (`--allow fallback-owner`), \
          or list the role under `optional_roles` in a custom template.";

    /// One PO serves more teams than the threshold.
    PoSpread = "po-spread", Warning, Roster,
    summary: "one Product Owner serves more teams than `po_max_teams`",
    meaning: "The same person holds the PO role on more teams than the template's `po_max_teams`.",
    why: "The product owner works with the developers every day: clarifying, accepting, reordering. Spread over \
              many teams that daily presence is lost and work waits for answers (sources 001, 002).",
    fix: "Give some of the teams their own PO; a PM, not a PO, is the role that normally spans several teams.";

    /// A person carries too large a share of the A's, or too many teams.
    OverloadedPerson = "overloaded-person", Warning, Both,
    summary: "a person is accountable for too large a share of a team's activities, or is on too many teams",
    meaning: "The person holds the A on more than `max_accountable_share` of a team's activities (divided by \
              their allocation when the roster gives one), or is a member of more than `max_teams_per_person` \
              teams. A's held as a fallback for a missing role are not counted (fallback-owner and \
              missing-backlog-owner report them), nor those of a combined PO/PM in a team of at most \
              `combined_role_max_team_size` (combined-role reports that).",
    why: "A person accountable for everything is a bottleneck and a single point of failure; RACI practice \
          checks that no one person holds all the A's.",
    fix: "Move some accountabilities to another role (a PM for strategy, a tech lead for delivery), or raise \
          the person's allocation if the roster understates it.";

    /// A person's allocations add up to more than one full-time person.
    OverAllocated = "over-allocated", Warning, Roster,
    summary: "a person's allocations, added up over their roster lines, are more than 100%",
    meaning: "The allocation column gives shares of a full-time person; raci adds a person's shares over all \
              their lines (one per team, or one for several teams), and the total is above 1.0 (100%).",
    why: "A matrix assumes people have the time for the letters it gives them. Allocations over 100% plan with \
          time nobody has, and they hide overload: the accountable share is divided by the allocation, so an \
          inflated allocation makes a real bottleneck look fine.",
    fix: "Correct the allocations so the person's lines add up to at most 100% (`0.5` on two teams, not `1.0` on \
          each), or take the person off a team.";

    /// Along a dependency, the new owner is not even consulted or informed upstream.
    HandoffGap = "handoff-gap", Warning, Team,
    summary: "along a dependency the owner changes and the new owner is not even consulted or informed upstream",
    meaning: "Activity B depends on activity A, a different person is accountable for B, and that person has no \
                  letter at all on A.",
    why: "Hand-offs are where PO/PM set-ups fail: the PO delivers a finished product and the PM takes it to \
              market, and customer feedback comes in through the PM and is turned into backlog items by the PO \
              (sources 000, 002, 004). If the next owner never hears of the upstream work, context is lost.",
    fix: "Make the downstream owner consulted or informed on the upstream activity in the template (or in the \
              workbook), or make one person accountable for both.";

    /// Too many roles consulted on one activity.
    TooManyConsulted = "too-many-consulted", Warning, Team,
    summary: "more roles are consulted on one activity than `max_consulted`",
    meaning: "The activity has C's from more roles than the template's `max_consulted`. Roles are counted, not \
              people: four engineers consulted are one conversation with the engineers.",
    why: "Every C is a two-way conversation before the work can move; too many slow it down. Most of them \
          can be informed after instead.",
    fix: "Turn some C's into I's in the template or workbook, or raise `max_consulted`.";

    /// A cell of an edited matrix holds something other than RACI letters.
    UnknownLetter = "unknown-letter", Warning, Team,
    summary: "a cell of an edited workbook holds text that is not a RACI letter",
    meaning: "Reading a workbook back, a matrix cell held something raci cannot read as A, R, C or I (`X`, `S`, \
              `TBD`, a name). The cell is read as empty, so the checks of its row may be off. Letters are read \
              in any case, combined (`A/R`, `R/A`, `A, R`, `RA`), as words (`Accountable`) and in look-alike \
              Cyrillic or Greek capitals.",
    why: "A RACI only works when every cell means one thing. Letters from other schemes (RASCI's S for \
          supportive, RACI-VS's V for verify) or ticks say somebody is involved without saying whether they \
          answer for the outcome, do the work, are asked or are told, which is the question the matrix exists \
          to settle.",
    fix: "Type one of A, R, C, I (or `A/R`) in the cell, or empty it; the finding names the sheet and cell.";

    /// A role in the roster that raci does not know.
    UnknownRole = "unknown-role", Warning, Team,
    summary: "a role in the roster that raci does not know; kept as a custom role (with did-you-mean)",
    meaning: "The role text matches no built-in alias and no custom role of the team's template, so it gets no \
                  letters.",
    why: "A typo such as `Prodcut Owner` silently removes the team's PO from the matrix and produces \
              misleading gaps.",
    fix: "Fix the spelling (the hint suggests the closest role), use a built-in alias, or declare the role in a \
              custom template with `custom_roles`.";

    /// Nobody holds a role whose part of some work then falls to the accountable person alone.
    RoleMissing = "role-missing", Info, Team,
    summary: "nobody holds a role the template makes responsible, so its accountable person does that work alone",
    meaning: "The template makes a role responsible for activities (outside any accountable chain), nobody on \
              the team holds it, and nobody else but the accountable person is responsible for them: the \
              acceptance of work without QA, a launch without marketing or sales. One finding per team. A role \
              whose work someone else still shares is not reported, nor one that only gets C or I; an activity \
              left with nobody responsible at all is no-responsible.",
    why: "Product work involves designers, QA, marketing, sales and support as well as the PO and PM (sources \
          002, 003); when their part falls to the accountable person alone, check that this is by choice.",
    fix: "Add the person to the roster (they may sit in another team: list both teams with `Alpha; Beta`), or \
          `--allow role-missing` if the team truly works without that role.";

    /// A member whose roles the template gives no letter.
    IdleMember = "idle-member", Info, Team,
    summary: "a member gets no letter at all: the template has no work for their role",
    meaning: "The member holds only roles the team's template never mentions (a release train engineer on the \
              default template, a project manager on `scrum`), so they get no letter anywhere. Members whose \
              roles get only C or I by design (a sponsor) are not idle; unknown roles are unknown-role.",
    why: "RACI practice checks for idle people: either the template misses their work, or the roster lists them \
          on a team they do not work in.",
    fix: "Use a template that has their work (`safe` for a release train engineer), add their activities to a \
          custom template, or remove them from the team.";

    /// Asked with `--without`: someone leaving leaves activities with no A, or with nobody doing them.
    LeaverGap = "leaver-gap", Error, Team,
    summary: "with `--without`: the people named leaving would leave activities with no A, or with no R at all",
    meaning: "Only reported when `raci check --without NAME` asks what happens if someone leaves. The matrix \
              is taken as it stands and the leavers' letters are struck out: an activity whose A only they held \
              loses its accountable person, one whose R's were all theirs loses whoever does the work. One \
              finding per team and phase, naming the leavers. The message also says what a regenerate from \
              the roster without them would do: which role of the accountable chain would take over, or that \
              nobody would.",
    why: "A matrix where one person holds every A of a phase has a bus factor of one: the day they leave, \
          nobody answers for the backlog or the roadmap, and nobody notices until the work stalls. A \
          regenerate may paper over the gap with a fallback (the PO taking over the roadmap), which is itself \
          worth knowing before it happens.",
    fix: "Before they leave, name a successor or a deputy for their role on the team (a new roster line), or \
          hand their letters to someone who stays; then `raci check --without` no longer reports it.";
}

impl Code {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        self.explain().name
    }

    /// The severity a finding gets unless its rule says otherwise.
    pub fn default_severity(self) -> Severity {
        self.explain().severity
    }

    /// The explanation of this code.
    pub fn explain(self) -> &'static Explanation {
        // The table defines the variants in catalogue order, so a variant's index is its entry.
        &CATALOGUE[self as usize]
    }

    /// Every code.
    pub fn all() -> impl Iterator<Item = Code> {
        CATALOGUE.iter().map(|e| e.code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl FromStr for Code {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Code::all().find(|c| c.as_str() == wanted).ok_or_else(|| {
            let codes: Vec<&str> = Code::all().map(Code::as_str).collect();
            format!("unknown finding code '{s}'; codes: {}", codes.join(", "))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_its_own_catalogue_entry_with_a_unique_kebab_case_name() {
        for (i, e) in CATALOGUE.iter().enumerate() {
            assert_eq!(e.code as usize, i);
            assert_eq!(e.code.explain().code, e.code);
            assert_eq!(e.code.as_str().parse::<Code>(), Ok(e.code));
            assert!(e.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", e.name);
            assert!(CATALOGUE[..i].iter().all(|other| other.name != e.name), "{} twice", e.name);
            for text in [e.summary, e.meaning, e.why, e.fix] {
                assert!(!text.trim().is_empty(), "{}: explain every part", e.name);
            }
        }
    }
}
