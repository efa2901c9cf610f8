//! `raci graph`: the lifecycle graph with each activity's owner, as DOT or Mermaid, on stdout or
//! written atomically to a file.

use std::io::Write;
use std::path::PathBuf;

use raci::export::{self, graph::GraphFormat};
use raci::{Error, Result};

use super::output::{output_path, stdout_result};
use super::{Input, Outcome};

pub(super) fn graph(input: &Input, format: GraphFormat, teams: &[String], output: Option<PathBuf>) -> Result<Outcome> {
    let target = output_path(&input.roster, Some(output.unwrap_or_else(|| PathBuf::from("-"))))?;
    let analysis = input.analyse()?;
    let wanted = teams
        .iter()
        .map(|name| {
            analysis.roster.find_team(name).ok_or_else(|| {
                let known: Vec<&str> = analysis.roster.teams.iter().map(|t| t.name.as_str()).collect();
                Error::usage(
                    format!("--team '{name}' is not a team of {}", analysis.roster.source),
                    format!("teams are: {}", known.join(", ")),
                )
            })
        })
        .collect::<Result<Vec<usize>>>()?;
    let only = (!wanted.is_empty()).then_some(&wanted[..]);
    let view = analysis.view();
    match &target {
        Some(path) => export::write_atomic_with(path, |out| {
            export::graph::write(out, &view, &analysis.findings, format, only).map_err(|e| export::unchanged(path, e))
        })?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            stdout_result(
                export::graph::write(&mut out, &view, &analysis.findings, format, only).and_then(|()| out.flush()),
            )?;
        }
    }
    Ok(Outcome::Clean)
}
