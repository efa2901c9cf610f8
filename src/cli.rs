//! The command line: clap definitions and the glue that runs a command. This and `main.rs` are the
//! only places that know about the terminal.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use raci::check::{CATALOGUE, Code};
use raci::export::{self, report};
use raci::roster::ReadOptions;
use raci::template::{self, Template};
use raci::{Analysis, Error, Options, Policy, Result};

/// Turn a team roster into a RACI matrix (xlsx) and a gap report.
#[derive(Debug, Parser)]
#[command(name = "raci", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write an xlsx workbook with one RACI sheet per team and a findings sheet.
    Generate {
        #[command(flatten)]
        input: Input,
        /// Output workbook (`-` for standard output). Default: the roster's name with `.xlsx`, here.
        #[arg(short, long, value_name = "OUT.xlsx")]
        output: Option<PathBuf>,
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
            read: ReadOptions { delimiter: self.delimiter },
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
        let analysis = Analysis::load(&self.roster, &self.options())?;
        for note in &analysis.roster.notes {
            eprintln!("raci: note: {note}");
        }
        Ok(analysis)
    }
}

/// Run the parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Generate { input, output } => generate(&input, output),
        Command::Check { input, format, deny, allow, color } => {
            let mut analysis = input.analyse()?;
            let policy = Policy { allow, deny_warnings: deny.is_some() };
            let findings = policy.filter(std::mem::take(&mut analysis.findings));
            let summary = analysis.summary(&findings, &policy);
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let written = match format {
                Format::Json => report::json_to(&mut out, &findings, &summary),
                Format::Markdown => report::markdown_to(&mut out, &findings, &summary),
                Format::Text => {
                    let color = match color {
                        ColorChoice::Always => true,
                        ColorChoice::Never => false,
                        ColorChoice::Auto => {
                            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        }
                    };
                    report::text_to(&mut out, &findings, &summary, color)
                }
            };
            stdout_result(written.and_then(|()| out.flush()))?;
            // The process ends here: handing a million-person roster back to the allocator piece by
            // piece would only add to the run time.
            std::mem::forget((analysis, findings));
            Ok(if summary.failed { Outcome::Failed } else { Outcome::Clean })
        }
        Command::Explain { code } => explain(code.as_deref()),
        Command::Templates { action } => templates(action),
    }
}

fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    stdout_result(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

fn stdout_result(written: std::io::Result<()>) -> Result<()> {
    match written {
        Ok(()) => Ok(()),
        // A closed pipe (`raci check ... | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", "cannot write", e)),
    }
}

/// Where `generate` writes, checked before any slow work.
fn output_path(roster: &Path, output: Option<PathBuf>) -> Result<Option<PathBuf>> {
    let path = match output {
        Some(p) if p.as_os_str() == "-" => return Ok(None),
        Some(p) => p,
        None => {
            let stem = roster.file_stem().and_then(|s| s.to_str()).unwrap_or("raci");
            PathBuf::from(format!("{stem}.xlsx"))
        }
    };
    if path.is_dir() {
        return Err(Error::usage(
            format!("{}: the output is a directory", path.display()),
            "give a file name such as raci.xlsx",
        ));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        let problem = if parent.exists() { "is not a directory" } else { "does not exist" };
        return Err(Error::usage(
            format!("{}: the output directory '{}' {problem}", path.display(), parent.display()),
            "create the directory first or choose another path with -o",
        ));
    }
    if same_file(roster, &path) {
        return Err(Error::usage(
            format!("{}: the output is the roster itself", path.display()),
            "choose another path with -o; raci never overwrites its input",
        ));
    }
    Ok(Some(path))
}

/// Whether two paths name one file: the same canonical path (symlinks resolved, a missing file
/// placed in its canonical directory) or, on Unix, the same inode (hard links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b))
            && x.dev() == y.dev()
            && x.ino() == y.ino()
        {
            return true;
        }
    }
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(pp) if !pp.as_os_str().is_empty() => pp,
            _ => Path::new("."),
        };
        Some(parent.canonicalize().ok()?.join(p.file_name()?))
    };
    match (canon(a), canon(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn generate(input: &Input, output: Option<PathBuf>) -> Result<Outcome> {
    let target = output_path(&input.roster, output)?;
    let analysis = input.analyse()?;
    let summary = analysis.summary(&analysis.findings, &Policy::default());
    match &target {
        Some(path) => {
            // Written into a temporary file next to the target; nothing touches the output path until
            // the workbook is complete.
            export::write_atomic_with(path, |out| {
                export::xlsx::write_to(&analysis.view(), &analysis.findings, out)
                    .map_err(|e| xlsx_error(e, path, |e| workbook_error(&analysis, Some(path), e)))
            })?;
            print_stdout(&format!("wrote {}: {}\n", path.display(), summary.line()))?;
        }
        None => {
            let bytes = export::xlsx::render(&analysis.view(), &analysis.findings)
                .map_err(|source| workbook_error(&analysis, None, source))?;
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes).and_then(|()| out.flush()).map_err(|e| Error::io("<stdout>", "cannot write", e))?;
            eprintln!("raci: {}", summary.line());
        }
    }
    Ok(Outcome::Clean)
}

/// A failed write leaves the output path untouched; any other workbook error is explained by `other`.
fn xlsx_error(
    e: rust_xlsxwriter::XlsxError,
    path: &Path,
    other: impl FnOnce(rust_xlsxwriter::XlsxError) -> Error,
) -> Error {
    match e {
        rust_xlsxwriter::XlsxError::IoError(io)
        | rust_xlsxwriter::XlsxError::ZipError(zip::result::ZipError::Io(io)) => export::unchanged(path, io),
        e => other(e),
    }
}

/// Excel's limits, hit while building the workbook, as a roster error at the line to change.
fn workbook_error(analysis: &Analysis, target: Option<&Path>, source: rust_xlsxwriter::XlsxError) -> Error {
    use rust_xlsxwriter::XlsxError;
    let roster = &analysis.roster;
    match source {
        XlsxError::MaxStringLengthExceeded => {
            let longest = roster
                .people
                .iter()
                .map(|p| ("name", p.name.as_str(), p.line))
                .chain(roster.teams.iter().map(|t| ("team name", t.name.as_str(), t.line)))
                .max_by_key(|(_, text, _)| text.encode_utf16().count());
            if let Some((what, text, line)) = longest {
                return Error::roster(
                    roster.at(line),
                    format!(
                        "the workbook would hold a cell longer than Excel's limit of {} characters; the longest \
                         text is the {what} on this line ({} characters)",
                        raci::roster::MAX_CELL_CHARS,
                        text.encode_utf16().count()
                    ),
                    "shorten it: names and team names are repeated in sheet titles and on the findings sheet",
                );
            }
        }
        XlsxError::RowColumnLimitError => {
            // Two columns before the people and two after them; Excel has 16,384.
            const MAX_MEMBERS: usize = 16_384 - 4;
            if let Some(team) =
                roster.teams.iter().filter(|t| t.members.len() > MAX_MEMBERS).max_by_key(|t| t.members.len())
            {
                return Error::roster(
                    roster.at(team.line),
                    format!(
                        "team '{}' has {} members; an Excel sheet has columns for at most {MAX_MEMBERS}",
                        team.name,
                        team.members.len()
                    ),
                    "split the team",
                );
            }
        }
        _ => {}
    }
    Error::Xlsx { path: target.map_or_else(|| PathBuf::from("<stdout>"), Path::to_path_buf), source }
}

fn explain(code: Option<&str>) -> Result<Outcome> {
    let list = || {
        let width = CATALOGUE.iter().map(|e| e.code.as_str().len()).max().unwrap_or(0);
        CATALOGUE
            .iter()
            .map(|e| {
                format!("  {:<width$}  {:<7}  {}\n", e.code.as_str(), e.code.default_severity().as_str(), e.summary)
            })
            .collect::<String>()
    };
    let Some(code) = code else {
        print_stdout(&format!("finding codes (code, default severity, meaning):\n{}", list()))?;
        return Ok(Outcome::Clean);
    };
    match code.parse::<Code>() {
        Ok(code) => {
            let e = code.explain();
            let text = format!(
                "{} ({} by default)\n\n{}\n\nWhat it means\n  {}\n\nWhy it matters\n  {}\n\nHow to fix it\n  {}\n",
                e.code,
                e.code.default_severity(),
                e.summary,
                e.meaning,
                e.why,
                e.fix
            );
            print_stdout(&text)?;
            Ok(Outcome::Clean)
        }
        Err(_) => Err(Error::usage(
            format!("unknown finding code '{code}'"),
            format!("use one of these codes:\n{}", list().trim_end()),
        )),
    }
}

fn templates(action: TemplatesAction) -> Result<Outcome> {
    match action {
        TemplatesAction::List => {
            let mut text = String::new();
            for name in template::builtin_names() {
                let t = template::resolve(name)?;
                text.push_str(&format!(
                    "{:<18} {:<7} {:>3} activities  {}\n",
                    t.name,
                    t.version,
                    t.activities.len(),
                    t.description
                ));
            }
            print_stdout(&text)
        }
        TemplatesAction::Show { name } => print_stdout(&show(&template::resolve(&name)?)),
        TemplatesAction::Export { name } => print_stdout(&template::resolve(&name)?.text),
    }
    .map(|()| Outcome::Clean)
}

/// The template as a table, by phase.
fn show(t: &Template) -> String {
    let roles = |list: &[raci::role::Role]| {
        if list.is_empty() { "-".to_string() } else { list.iter().map(|r| r.id()).collect::<Vec<_>>().join(", ") }
    };
    let mut text = format!("{} {}: {}\n", t.name, t.version, t.description);
    let width = t.activities.iter().map(|a| a.id.len()).max().unwrap_or(0);
    for (p, phase) in t.phases.iter().enumerate() {
        text.push_str(&format!("\n{phase}\n"));
        for a in t.activities.iter().filter(|a| a.phase == p) {
            let chain: Vec<&str> = a.accountable.iter().map(|r| r.id()).collect();
            text.push_str(&format!(
                "  {:<width$}  A: {}{}\n  {:<width$}  R: {}  C: {}  I: {}\n",
                a.id,
                chain.join(" > "),
                if a.backlog { "  [backlog]" } else { "" },
                "",
                roles(&a.responsible),
                roles(&a.consulted),
                roles(&a.informed)
            ));
        }
    }
    text
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
