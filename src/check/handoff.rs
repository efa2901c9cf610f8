//! Hand-off gaps: along each `depends_on` edge of the template's DAG, where the accountable person
//! changes and the downstream owner holds no letter at all upstream, nobody carries the context over.

use petgraph::visit::EdgeRef;

use super::facts::{Facts, TeamView};
use super::{Code, Finding, quoted_list};
use crate::template::{Template, dependency_graph};

/// The `depends_on` edges of a template as (upstream, downstream) activity indexes, ordered by
/// downstream then upstream activity. Worked out once per template.
pub(super) fn edges(template: &Template) -> Vec<(usize, usize)> {
    let graph = dependency_graph(&template.activities);
    let mut edges: Vec<(usize, usize)> =
        graph.edge_references().map(|e| (graph[e.source()], graph[e.target()])).collect();
    edges.sort_by_key(|&(up, down)| (down, up));
    edges
}

/// `handoff-gap`: along each edge of the team's template, owners who change and never hear of the
/// upstream work.
pub(super) fn handoff_gap(team: &TeamView<'_>, facts: &Facts, edges: &[(usize, usize)], out: &mut Vec<Finding>) {
    for &(up, down) in edges {
        let (up_owners, down_owners) = (facts.owners(up), facts.owners(down));
        if up_owners.is_empty() || down_owners.is_empty() || up_owners == down_owners {
            continue;
        }
        let (u, d) = (&team.template.activities[up], &team.template.activities[down]);
        let uninformed: Vec<usize> =
            down_owners.iter().copied().filter(|&m| team.tm.cell(up, m).letters.is_empty()).collect();
        // A group that holds the A together hears of the upstream work through any of its members.
        let group_heard = d.accountable_together && uninformed.len() < down_owners.len();
        if uninformed.is_empty() || group_heard {
            continue;
        }
        let from: Vec<&str> = up_owners.iter().map(|&m| team.name(m)).collect();
        let (at, others) = team.lines_of(&uninformed);
        let uninformed = team.names(&uninformed);
        out.push(
            Finding::new(
                Code::HandoffGap,
                team.at(),
                at,
                format!(
                    "team '{}': {} (accountable for {}) {} not consulted or informed on {}, which {} owns",
                    team.team.name,
                    quoted_list(&uninformed),
                    d.id,
                    if uninformed.len() == 1 { "is" } else { "are" },
                    u.id,
                    quoted_list(&from)
                ),
                format!("make the owner of {} consulted (C) or informed (I) on {}", d.id, u.id),
            )
            .activities(down, vec![u.id.clone(), d.id.clone()])
            .people(uninformed)
            .related(others),
        );
    }
}
