//! The command line: clap definitions and the glue that runs a command. This and `main.rs` are the
//! only places that know about the terminal.

mod check;
mod completions;
mod diff;
mod explain;
mod formats;
mod generate;
mod graph;
mod keep;
mod output;
mod progress;
mod schema;
mod templates;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand, ValueEnum};

use raci::check::Code;
use raci::roster::{ColumnPick, InputKind, ReadOptions};
use raci::{Analysis, Options, Result};

/// Turn a team roster into a RACI matrix (xlsx) and a gap report.
#[derive(Debug, Parser)]
#[command(name = "raci", version, about, long_about = None, propagate_version = true, after_help = EXAMPLES)]
pub struct Cli {
    /// Print only the output asked for and errors: no notes, no summary line, no progress bar.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  raci generate roster.csv                      write roster.xlsx: one sheet per team, findings
  raci generate roster.csv -o roster.html       or .md, .csv, .json: chosen by the extension
  raci check roster.csv                         the gap report; exit 1 when it fails
  raci diff old.csv new.csv                     who gained or lost which letter; exit 1 when an A moved
  raci graph roster.csv | dot -Tsvg > flow.svg  who owns each step, and the hand-offs
  raci explain handoff-gap                      what a finding means and how to fix it";

const GENERATE_EXAMPLES: &str = "\
Examples:
  raci generate examples/scaleup.csv -o scaleup.xlsx
  raci generate examples/scaleup.csv -o scaleup.md         one table per team, for a wiki or a PR
  raci generate examples/scaleup.csv -o scaleup.html       one standalone page, prints cleanly
  raci generate examples/scaleup.csv --format json -o -    the matrix with every letter's reason
  raci generate people.xlsx --sheet Roster -o matrix.csv   a roster kept in a spreadsheet
  cat roster.csv | raci generate - -o matrix.xlsx          the roster on standard input
  raci generate roster.csv -o raci.xlsx --keep raci.xlsx   the roster changed: keep the team's edits";

const CHECK_EXAMPLES: &str = "\
Examples:
  raci check examples/missing-po.csv                 exits 1: nobody owns the backlog
  raci check examples/scaleup.csv --format markdown  paste into a review document
  raci check roster.csv --deny warnings --allow role-missing
  raci check roster.ods --template startup
  raci check raci.xlsx                               the workbook raci wrote, as the team edited it
  raci check our-raci.xlsx                           a RACI sheet made by hand: one A, an R, who is overloaded
  raci check roster.csv --write-baseline raci-baseline.toml   accept today's findings
  raci check roster.csv --baseline raci-baseline.toml         then only new ones fail
  raci check roster.csv --format github --report sarif=raci.sarif
  raci check examples/scaleup.csv --without 'Sofia Lind'   what breaks if she leaves";

const DIFF_EXAMPLES: &str = "\
Examples:
  raci diff examples/scaleup.csv examples/scaleup-next.csv   exits 1: the Checkout PO changed
  raci diff old.csv new.csv --format markdown                 paste into the pull request
  raci diff old.csv new.csv --format json                     raci.diff/v1 (`raci schema diff`)
  raci diff raci.xlsx edited.xlsx                             what the review meeting changed

Exit 1 when an A moved (the people accountable for an activity changed) or an activity lost
every A or every R; C and I changes, an extra R and a gap filled are listed and exit 0.";

const GRAPH_EXAMPLES: &str = "\
Examples:
  raci graph examples/scaleup.csv | dot -Tsvg > scaleup.svg
  raci graph examples/scaleup.csv --team Checkout --format mermaid > checkout.mmd";

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the matrix: an xlsx workbook with a summary, one self-checking RACI sheet per team,
    /// workload and findings (or, with `-o DIR/`, one workbook per team or group and an index), or
    /// the same as CSV, Markdown, HTML or JSON.
    #[command(after_help = GENERATE_EXAMPLES)]
    Generate {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        args: generate::Args,
    },
    /// Check the roster for gaps and overlaps; exit 1 when a finding fails the check.
    #[command(after_help = CHECK_EXAMPLES)]
    Check {
        #[command(flatten)]
        input: Input,
        #[command(flatten)]
        options: CheckOptions,
    },
    /// Compare two rosters or workbooks (in any mix): per team and activity, who gained or lost which
    /// letter, who joined or left, template changes; exit 1 when an A moved or an activity lost its
    /// only A or R.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff {
        /// The roster or workbook before the change (CSV, a spreadsheet roster, or a workbook raci
        /// wrote, as edited).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The roster or workbook after the change.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// When to colour the text output.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Draw the lifecycle graph (depends_on) with each activity's owner; hand-offs where the owner
    /// changes are marked and handoff-gap findings stand out.
    #[command(after_help = GRAPH_EXAMPLES)]
    Graph {
        #[command(flatten)]
        input: Input,
        /// Graph language.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
        /// Draw only this team (repeatable). Default: every team.
        #[arg(long, value_name = "TEAM")]
        team: Vec<String>,
        /// Output file; default: standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Explain a finding code: what it means, why it matters, how to fix it. No code: list them.
    #[command(after_help = "Examples:\n  raci explain combined-role\n  raci explain             lists every code")]
    Explain {
        /// A finding code such as `missing-backlog-owner`.
        code: Option<String>,
    },
    /// List, show or export the bundled lifecycle templates.
    #[command(after_help = "Examples:\n  raci templates list\n  raci templates export scrum > my-template.toml")]
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// Print the JSON Schema of `raci check --format json` (or of `raci generate --format json`, or
    /// of `raci diff --format json`).
    #[command(after_help = "Examples:\n  raci schema > report.schema.json\n  raci schema matrix\n  raci schema diff")]
    Schema {
        /// Which document.
        #[arg(value_enum, default_value_t = SchemaKind::Report)]
        which: SchemaKind,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:\n  raci completions bash > ~/.local/share/bash-completion/completions/raci\n  \
                            raci completions zsh > ~/.zfunc/_raci\n  raci completions fish > ~/.config/fish/completions/raci.fish")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory.
    #[command(after_help = "Examples:\n  raci man | man -l -\n  raci man --dir /usr/local/share/man/man1")]
    Man {
        /// Write raci.1, raci-generate.1, ... into this directory instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// The options of `raci check`.
#[derive(Debug, Args)]
struct CheckOptions {
    /// More rosters, each checked on its own (text, markdown and github formats).
    #[arg(value_name = "MORE")]
    more: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also write the report in FORMAT to FILE (repeatable), e.g. `--report sarif=raci.sarif`.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report)]
    report: Vec<(Format, PathBuf)>,
    /// Make warnings fail the check too.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Silence a finding code (repeatable), e.g. `--allow role-missing`.
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    allow: Vec<Code>,
    /// Accept the findings a baseline file lists: only new ones (and expired entries) fail.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's errors and warnings in a baseline file (TOML, to edit: reason, owner,
    /// expires); with --baseline, entries that stay keep their reason, owner and expiry.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// What if this person leaves (repeatable; a name as the roster writes it, or an email): also
    /// report the activities that would lose their accountable or their only responsible person.
    #[arg(long, value_name = "NAME|EMAIL")]
    without: Vec<String>,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Debug, Clone, Args)]
struct Input {
    /// Roster: CSV, or a spreadsheet (.xlsx, .xls, .ods); `-` reads standard input. At least name
    /// and role columns, one person per row. A RACI workbook (one raci wrote, or a sheet of letters
    /// made elsewhere: tasks down, people across) is read as the matrix it holds.
    #[arg(value_name = "ROSTER")]
    roster: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
}

/// How rosters are read: the options every command that reads one takes.
#[derive(Debug, Clone, Args)]
struct ReadArgs {
    /// Template: a bundled name or a .toml path; `TEAM=NAME` sets one team's template (repeatable).
    #[arg(short, long, value_name = "NAME|PATH|TEAM=NAME")]
    template: Vec<String>,
    /// Field delimiter; sniffed from the header line when not given.
    #[arg(short, long, value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Read FIELD from the column headed HEADER when the guess is wrong (repeatable), e.g.
    /// `--column team=Department --column role="Business Title"`.
    #[arg(long, value_name = "FIELD=HEADER", value_parser = ColumnPick::parse)]
    column: Vec<ColumnPick>,
    /// Let the roster's template column name .toml files outside the roster's directory (by default
    /// it may name bundled templates and files in the roster's directory or below).
    #[arg(long)]
    allow_template_paths: bool,
    /// The workbook sheet that holds the roster (default: the first sheet with a roster header).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Take a workbook as a roster or as an edited RACI matrix (default: by its content).
    #[arg(long = "input", value_enum, value_name = "KIND")]
    kind: Option<Kind>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Kind {
    /// A roster: one person per row.
    Roster,
    /// A RACI matrix: a workbook raci wrote, or a grid of letters made elsewhere (activities down,
    /// people across).
    Matrix,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
    /// A Mermaid flowchart, which GitHub and GitLab render in Markdown.
    Mermaid,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people, grouped by team.
    Text,
    /// One object, raci.report/v1 (`raci schema`).
    Json,
    /// A table per team, for a review document.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations on the roster lines.
    Github,
    /// JUnit XML: a suite per team, a case per check.
    Junit,
    /// GitLab Code Quality.
    Codeclimate,
}

impl Format {
    fn report(self) -> raci::report::Format {
        use raci::report::Format as F;
        match self {
            Format::Text => F::Text,
            Format::Json => F::Json,
            Format::Markdown => F::Markdown,
            Format::Sarif => F::Sarif,
            Format::Github => F::Github,
            Format::Junit => F::Junit,
            Format::Codeclimate => F::Codeclimate,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    /// For people: per team, phase and activity, then a summary line.
    Text,
    /// A heading, the summary and a table per team, for a pull request.
    Markdown,
    /// One object, raci.diff/v1 (`raci schema diff`).
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaKind {
    /// The findings report: `raci check --format json`.
    Report,
    /// The matrix: `raci generate --format json`.
    Matrix,
    /// The changes between two rosters: `raci diff --format json`.
    Diff,
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

impl ColorChoice {
    /// Whether to colour standard output: asked for, or a terminal and no `NO_COLOR`.
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

fn parse_code(text: &str) -> std::result::Result<Code, String> {
    text.parse().map_err(|e: String| match explain::did_you_mean(text) {
        Some(code) => format!("{e} (did you mean '{code}'?)"),
        None => e,
    })
}

fn parse_report(text: &str) -> std::result::Result<(Format, PathBuf), String> {
    let Some((format, file)) = text.split_once('=').filter(|(_, file)| !file.is_empty()) else {
        return Err("write FORMAT=FILE, e.g. sarif=raci.sarif".to_string());
    };
    let format = Format::from_str(format.trim(), true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("unknown format '{format}'; formats: {}", names.join(", "))
    })?;
    Ok((format, PathBuf::from(file)))
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

impl ReadArgs {
    fn options(&self) -> Options {
        let mut options = Options {
            read: ReadOptions {
                delimiter: self.delimiter,
                sheet: self.sheet.clone(),
                input: match self.kind {
                    None => InputKind::Auto,
                    Some(Kind::Roster) => InputKind::Roster,
                    Some(Kind::Matrix) => InputKind::Matrix,
                },
                columns: self.column.clone(),
                group_by: None,
            },
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
}

impl Input {
    fn options(&self) -> Options {
        self.read.options()
    }

    fn analyse(&self) -> Result<Analysis> {
        self.analyse_with(&self.options())
    }

    /// Load and analyse the roster with these options, printing the roster's notes.
    fn analyse_with(&self, options: &Options) -> Result<Analysis> {
        if self.roster.as_os_str() == "-" && std::io::stdin().is_terminal() && !quiet() {
            eprintln!("raci: note: reading the roster from standard input (end it with Ctrl-D)");
        }
        let stage = progress::Stage::spinner(format!("reading and checking {}", self.roster.display()));
        let analysis = Analysis::load(&self.roster, options)?;
        drop(stage);
        if !quiet() {
            for note in &analysis.roster.notes {
                eprintln!("raci: note: {note}");
            }
        }
        Ok(analysis)
    }
}

/// Set by `--quiet`.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether `--quiet` was given: no notes, summary lines or progress bars.
fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    QUIET.store(cli.quiet, Ordering::Relaxed);
    match cli.command {
        Command::Generate { input, args } => generate::generate(&input, &args),
        Command::Check { input, options } => check::check(&input, options),
        Command::Diff { old, new, read, format, color } => diff::diff(&old, &new, &read, format, color),
        Command::Graph { input, format, team, output } => {
            let format = match format {
                GraphFormat::Dot => raci::export::graph::GraphFormat::Dot,
                GraphFormat::Mermaid => raci::export::graph::GraphFormat::Mermaid,
            };
            graph::graph(&input, format, &team, output)
        }
        Command::Explain { code } => explain::explain(code.as_deref()),
        Command::Templates { action } => templates::templates(action),
        Command::Schema { which } => schema::schema(which),
        Command::Completions { shell } => completions::completions(shell),
        Command::Man { dir } => completions::man(dir.as_deref()),
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
