//! The lifecycle graph (`depends_on`) of each team with every activity's owner (its A), as Graphviz
//! DOT or Mermaid. An edge where the owner changes person is a hand-off and is marked; an edge a
//! `handoff-gap` finding names is drawn red and thick, and an activity nobody owns is outlined red.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

use super::cells::escaped;
use crate::check::{Code, Finding};
use crate::matrix::{Letter, TeamMatrix, View};
use crate::roster::Team;
use crate::template::Template;

/// A graph language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// Mermaid flowchart (GitHub and GitLab render it in Markdown).
    Mermaid,
}

/// Fill colours for the owners of a team, in order of first appearance (then repeated).
const OWNER_FILLS: [&str; 8] = ["#dbe9f6", "#e2efda", "#fff2cc", "#fce4d6", "#ede1f5", "#d9f2f2", "#f2dcdb", "#e7e6e6"];
const GAP: &str = "#c00000";
const HANDOFF: &str = "#1f4e78";

/// What an edge is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// The same owner on both ends, or an end nobody owns.
    Plain,
    /// The owner changes person.
    Handoff,
    /// A hand-off where the new owner holds no letter upstream (`handoff-gap`).
    Gap,
}

/// One team's graph, computed once for either language.
struct TeamGraph<'a> {
    team: &'a Team,
    template: &'a Template,
    /// Per activity: its owners' names joined, and the fill of the (first) owner.
    owners: Vec<(String, Option<&'static str>)>,
    /// (upstream, downstream, kind), downstream-major in template order.
    edges: Vec<(usize, usize, Edge)>,
}

impl<'a> TeamGraph<'a> {
    fn new(
        view: &View<'a>,
        team: &'a Team,
        tm: &TeamMatrix,
        template: &'a Template,
        gaps: &HashSet<(&str, &str, &str)>,
    ) -> Self {
        let holders: Vec<Vec<usize>> =
            (0..template.activities.len()).map(|a| tm.holders(a, Letter::A).collect()).collect();
        let mut seen: Vec<usize> = Vec::new();
        let owners = holders
            .iter()
            .map(|members| {
                let names: Vec<&str> = members.iter().map(|&m| view.name(&team.members[m])).collect();
                let fill = members.first().map(|&m| {
                    let k = seen.iter().position(|&s| s == m).unwrap_or_else(|| {
                        seen.push(m);
                        seen.len() - 1
                    });
                    OWNER_FILLS[k % OWNER_FILLS.len()]
                });
                (names.join(", "), fill)
            })
            .collect();
        let mut edges = Vec::new();
        for (down, activity) in template.activities.iter().enumerate() {
            for &up in &activity.depends_on {
                let kind = if gaps.contains(&(
                    team.name.as_str(),
                    template.activities[up].id.as_str(),
                    activity.id.as_str(),
                )) {
                    Edge::Gap
                } else if !holders[up].is_empty() && !holders[down].is_empty() && holders[up] != holders[down] {
                    Edge::Handoff
                } else {
                    Edge::Plain
                };
                edges.push((up, down, kind));
            }
        }
        TeamGraph { team, template, owners, edges }
    }
}

/// Write the graph of the chosen teams (indexes into the matrix's teams; `None`: every team).
pub fn write<W: Write>(
    mut out: W,
    view: &View<'_>,
    findings: &[Finding],
    format: GraphFormat,
    teams: Option<&[usize]>,
) -> std::io::Result<()> {
    let gaps: HashSet<(&str, &str, &str)> = findings
        .iter()
        .filter(|f| f.code == Code::HandoffGap)
        .filter_map(|f| match (&f.team, &*f.activities) {
            (Some(team), [up, down]) => Some((team.as_str(), up.as_str(), down.as_str())),
            _ => None,
        })
        .collect();
    let graphs: Vec<(usize, TeamGraph<'_>)> = view
        .teams()
        .enumerate()
        .filter(|(t, _)| teams.is_none_or(|wanted| wanted.contains(t)))
        .map(|(t, (team, tm, template))| (t, TeamGraph::new(view, team, tm, template, &gaps)))
        .collect();
    let title = format!("RACI hand-offs: {}", view.roster.source);
    match format {
        GraphFormat::Dot => dot(&mut out, &title, &graphs),
        GraphFormat::Mermaid => mermaid(&mut out, &title, &graphs),
    }
}

fn dot<W: Write>(out: &mut W, title: &str, graphs: &[(usize, TeamGraph<'_>)]) -> std::io::Result<()> {
    let label =
        format!("{title}\nA: the accountable person · blue edge: hand-off (the A changes) · red edge: handoff-gap");
    writeln!(out, "digraph raci {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, label=\"{}\"];",
        dot_text(&label)
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, fillcolor=\"#ffffff\", color=\"#7f7f7f\"];"
    )?;
    writeln!(out, "  edge [color=\"#7f7f7f\", fontname=\"Helvetica\", fontsize=9];")?;
    for (t, g) in graphs {
        writeln!(out, "  subgraph cluster_t{t} {{")?;
        writeln!(out, "    label=\"Team {}\"; style=rounded; color=\"#bfbfbf\";", dot_text(&g.team.name))?;
        for (a, activity) in g.template.activities.iter().enumerate() {
            let (names, fill) = &g.owners[a];
            let text = format!("{}\nA: {}", activity.name, if names.is_empty() { "nobody" } else { names });
            let label = dot_text(&text);
            match fill {
                Some(fill) => writeln!(out, "    t{t}_a{a} [label=\"{label}\", fillcolor=\"{fill}\"];")?,
                None => writeln!(out, "    t{t}_a{a} [label=\"{label}\", color=\"{GAP}\", style=\"rounded,dashed\"];")?,
            }
        }
        for &(up, down, kind) in &g.edges {
            match kind {
                Edge::Plain => writeln!(out, "    t{t}_a{up} -> t{t}_a{down};")?,
                Edge::Handoff => writeln!(
                    out,
                    "    t{t}_a{up} -> t{t}_a{down} [label=\"hand-off\", color=\"{HANDOFF}\", fontcolor=\"{HANDOFF}\", penwidth=2];"
                )?,
                Edge::Gap => writeln!(
                    out,
                    "    t{t}_a{up} -> t{t}_a{down} [label=\"handoff-gap\", color=\"{GAP}\", fontcolor=\"{GAP}\", penwidth=3.5];"
                )?,
            }
        }
        writeln!(out, "  }}")?;
    }
    writeln!(out, "}}")
}

/// Text for a quoted DOT string: backslashes and quotes escaped, line breaks as `\n`.
fn dot_text(text: &str) -> Cow<'_, str> {
    escaped(text, |c| match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        _ => None,
    })
}

fn mermaid<W: Write>(out: &mut W, title: &str, graphs: &[(usize, TeamGraph<'_>)]) -> std::io::Result<()> {
    writeln!(out, "%% {}", mermaid_text(title))?;
    writeln!(out, "%% A: the accountable person; ==> hand-off (the A changes); red: handoff-gap")?;
    writeln!(out, "flowchart LR")?;
    let mut links = 0usize;
    let mut styles: Vec<(usize, Edge)> = Vec::new();
    let mut classes: Vec<Vec<String>> = vec![Vec::new(); OWNER_FILLS.len()];
    let mut nobody: Vec<String> = Vec::new();
    for (t, g) in graphs {
        writeln!(out, "  subgraph t{t}[\"Team {}\"]", mermaid_text(&g.team.name))?;
        writeln!(out, "    direction LR")?;
        for (a, activity) in g.template.activities.iter().enumerate() {
            let (names, fill) = &g.owners[a];
            let owner = if names.is_empty() { "nobody" } else { names };
            writeln!(out, "    t{t}_a{a}[\"{}<br/>A: {}\"]", mermaid_text(&activity.name), mermaid_text(owner))?;
            match fill.and_then(|f| OWNER_FILLS.iter().position(|o| *o == f)) {
                Some(k) => classes[k].push(format!("t{t}_a{a}")),
                None => nobody.push(format!("t{t}_a{a}")),
            }
        }
        for &(up, down, kind) in &g.edges {
            match kind {
                Edge::Plain => writeln!(out, "    t{t}_a{up} --> t{t}_a{down}")?,
                Edge::Handoff => writeln!(out, "    t{t}_a{up} ==>|hand-off| t{t}_a{down}")?,
                Edge::Gap => writeln!(out, "    t{t}_a{up} ==>|handoff-gap| t{t}_a{down}")?,
            }
            if kind != Edge::Plain {
                styles.push((links, kind));
            }
            links += 1;
        }
        writeln!(out, "  end")?;
    }
    for (link, kind) in styles {
        let colour = if kind == Edge::Gap { GAP } else { HANDOFF };
        let width = if kind == Edge::Gap { 4 } else { 2 };
        writeln!(out, "  linkStyle {link} stroke:{colour},stroke-width:{width}px,color:{colour}")?;
    }
    for (k, nodes) in classes.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
        writeln!(out, "  classDef owner{k} fill:{},stroke:#7f7f7f", OWNER_FILLS[k])?;
        writeln!(out, "  class {} owner{k}", nodes.join(","))?;
    }
    if !nobody.is_empty() {
        writeln!(out, "  classDef nobody fill:#ffffff,stroke:{GAP},stroke-dasharray:4 3")?;
        writeln!(out, "  class {} nobody", nobody.join(","))?;
    }
    Ok(())
}

/// Text for a quoted Mermaid label: characters Mermaid reads as markup written as entity codes.
fn mermaid_text(text: &str) -> Cow<'_, str> {
    escaped(text, |c| match c {
        '"' => Some("#quot;"),
        '#' => Some("#35;"),
        '&' => Some("#38;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '`' => Some("#96;"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(dot_text("Ada \"A\\B\"\nx"), "Ada \\\"A\\\\B\\\"\\nx");
        assert_eq!(mermaid_text("a\"b#c<d>`e&"), "a#quot;b#35;c#lt;d#gt;#96;e#38;");
    }
}
