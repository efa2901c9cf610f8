//! The command line: clap definitions and the glue that runs a command. This and `main.rs` are the
//! only places that know about the terminal.

mod check;
mod explain;
mod generate;
mod output;
mod templates;

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use raci::check::Code;
use raci::roster::ReadOptions;
use raci::{Analysis, Options, Result};

/// Turn a team roster into a RACI matrix (xlsx) and a gap report.
#[derive(Debug, Parser)]
#[command(name = "raci", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write an xlsx workbook: a summary, one self-checking RACI sheet per team, workload and findings
    /// (or, with `-o DIR/`, one workbook per team or group and an index).
    Generate {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        args: generate::Args,
    },
    /// Check the roster for gaps and overlaps; exit 1 when a finding fails the check.
    Check {
        #[command(flatten)]
        input: Input,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Make warnings fail the check too.
        #[arg(long, value_enum, value_name = "LEVEL")]
        deny: Option<Deny>,
        /// Silence a finding code (repeatable), e.g. `--allow role-missing`.
        #[arg(long, value_name = "CODE", value_parser = parse_code)]
        allow: Vec<Code>,
        /// When to colour the text output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Explain a finding code: what it means, why it matters, how to fix it. No code: list them.
    Explain {
        /// A finding code such as `missing-backlog-owner`.
        code: Option<String>,
    },
    /// List, show or export the bundled lifecycle templates.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
}

#[derive(Debug, Args)]
struct Input {
    /// Roster CSV: one person per line with at least name and role columns.
    #[arg(value_name = "ROSTER")]
    roster: PathBuf,
    /// Template: a bundled name or a .toml path; `TEAM=NAME` sets one team's template (repeatable).
    #[arg(short, long, value_name = "NAME|PATH|TEAM=NAME")]
    template: Vec<String>,
    /// Field delimiter; sniffed from the header line when not given.
    #[arg(short, long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Let the roster's template column name .toml files outside the roster's directory (by default
    /// it may name bundled templates and files in the roster's directory or below).
    #[arg(long)]
    allow_template_paths: bool,
}

#[derive(Debug, Subcommand)]
enum TemplatesAction {
    /// List the bundled templates.
    List,
    /// Show a template's activities by phase with their role chains.
    Show {
        /// Bundled name or path.
        name: String,
    },
    /// Print a template's TOML, to start a custom one.
    Export {
        /// Bundled name or path.
        name: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_code(text: &str) -> std::result::Result<Code, String> {
    text.parse()
}

fn parse_delimiter(text: &str) -> std::result::Result<u8, String> {
    match text {
        "\\t" | "tab" | "\t" => Ok(b'\t'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err("use one ASCII character, e.g. ',' ';' or 'tab'".to_string()),
    }
}

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// All good: exit 0.
    Clean,
    /// Findings fail the check: exit 1.
    Failed,
}

impl Input {
    fn options(&self) -> Options {
        let mut options = Options {
            read: ReadOptions { delimiter: self.delimiter, ..ReadOptions::default() },
            allow_template_paths: self.allow_template_paths,
            ..Options::default()
        };
        for value in &self.template {
            match value.split_once('=') {
                Some((team, name)) if !team.is_empty() && !Path::new(value).exists() => {
                    options.team_templates.push((team.trim().to_string(), name.trim().to_string()));
                }
                _ => options.template = Some(value.clone()),
            }
        }
        options
    }

    fn analyse(&self) -> Result<Analysis> {
        self.analyse_with(&self.options())
    }

    /// Load and analyse the roster with these options, printing the roster's notes.
    fn analyse_with(&self, options: &Options) -> Result<Analysis> {
        let analysis = Analysis::load(&self.roster, options)?;
        for note in &analysis.roster.notes {
            eprintln!("raci: note: {note}");
        }
        Ok(analysis)
    }
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Generate { input, args } => generate::generate(&input, &args),
        Command::Check { input, format, deny, allow, color } => check::check(&input, format, deny, allow, color),
        Command::Explain { code } => explain::explain(code.as_deref()),
        Command::Templates { action } => templates::templates(action),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
