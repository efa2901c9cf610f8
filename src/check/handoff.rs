//! Hand-off gaps: along each `depends_on` edge of the template's DAG, where the accountable person
//! changes and the downstream owner holds no letter at all upstream, nobody carries the context over.

use petgraph::visit::EdgeRef;

use super::{Code, Finding, quoted_list};
use crate::matrix::{Letter, View};
use crate::template::dependency_graph;

pub(super) fn check(view: &View<'_>, out: &mut Vec<Finding>) {
    // Edges per template, computed once: (upstream, downstream) activity indexes.
    let edges: Vec<Vec<(usize, usize)>> = view
        .templates
        .iter()
        .map(|t| {
            let graph = dependency_graph(&t.activities);
            let mut edges: Vec<(usize, usize)> =
                graph.edge_references().map(|e| (graph[e.source()], graph[e.target()])).collect();
            edges.sort_by_key(|&(up, down)| (down, up));
            edges
        })
        .collect();

    // Per team, the A holders of every activity, found once (an activity sits on several edges):
    // activity a's owners are owners[start[a]..start[a + 1]].
    let (mut owners, mut start): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for (t, (team, tm, template)) in view.teams().enumerate() {
        owners.clear();
        start.clear();
        for a in 0..template.activities.len() {
            start.push(owners.len());
            owners.extend(tm.holders(a, Letter::A));
        }
        start.push(owners.len());
        for &(up, down) in &edges[tm.template] {
            let up_owners = &owners[start[up]..start[up + 1]];
            let down_owners = &owners[start[down]..start[down + 1]];
            if up_owners.is_empty() || down_owners.is_empty() || up_owners == down_owners {
                continue;
            }
            let uninformed: Vec<String> = down_owners
                .iter()
                .filter(|&&m| tm.cell(up, m).letters.is_empty())
                .map(|&m| view.name(&team.members[m]).to_string())
                .collect();
            if uninformed.is_empty() {
                continue;
            }
            let (u, d) = (&template.activities[up], &template.activities[down]);
            let from: Vec<&str> = up_owners.iter().map(|&m| view.name(&team.members[m])).collect();
            out.push(
                Finding::new(
                    Code::HandoffGap,
                    Some((t, &team.name)),
                    format!(
                        "team '{}': {} (accountable for {}) is not consulted or informed on {}, which {} owns",
                        team.name,
                        quoted_list(&uninformed),
                        d.id,
                        u.id,
                        quoted_list(&from)
                    ),
                    format!("make the owner of {} consulted (C) or informed (I) on {}", d.id, u.id),
                )
                .activities(down, vec![u.id.clone(), d.id.clone()])
                .people(uninformed),
            );
        }
    }
}
