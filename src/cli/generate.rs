//! `raci generate`: the workbook (or one per team or group, and an index, with `-o DIR/`), written
//! atomically, with the date from `--date` or `SOURCE_DATE_EPOCH`; other formats go to
//! [`super::formats`].

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use raci::export::{self, Format, xlsx};
use raci::{Error, Policy, Result};

use super::formats::{self, MatrixFormat};
use super::output::{Target, output_target, print_stdout, stdout_result};
use super::{Input, Outcome};

/// What `generate` takes besides the roster.
#[derive(Debug, clap::Args)]
pub(super) struct Args {
    /// Output file (`-` for standard output); its extension picks the format. Or a directory (a path
    /// ending in `/`, or an existing directory; created if missing) for one workbook per team plus
    /// index.xlsx. Default: the roster's name with the format's extension, here.
    #[arg(short, long, value_name = "OUT|DIR/")]
    output: Option<PathBuf>,
    /// Output format, whatever the output's extension (default: by extension, else xlsx).
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    format: Option<MatrixFormat>,
    /// With `-o DIR/`: one workbook per value of this roster column (e.g. tribe or department)
    /// instead of one per team.
    #[arg(long, value_name = "COLUMN")]
    group_by: Option<String>,
    /// The date the workbook records. Default: the day of SOURCE_DATE_EPOCH when it is set, else
    /// none (and a fixed date in the file's properties, so the output stays byte-identical).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<xlsx::Date>,
    /// The paper sheets print on.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    paper: Paper,
    /// Add each letter's reason as a cell note ("A: product-owner, first in the chain").
    #[arg(long)]
    notes: bool,
    /// Carry the hand edits of a workbook raci wrote into this one: each cell people changed is set
    /// again (same team, activity and person) and marked as a manual edit; edits about people or
    /// activities that are gone are told on stderr.
    #[arg(long, value_name = "EDITED.xlsx")]
    keep: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Paper {
    A4,
    A3,
    Letter,
    Legal,
    Tabloid,
}

impl From<Paper> for xlsx::Paper {
    fn from(paper: Paper) -> Self {
        match paper {
            Paper::A4 => xlsx::Paper::A4,
            Paper::A3 => xlsx::Paper::A3,
            Paper::Letter => xlsx::Paper::Letter,
            Paper::Legal => xlsx::Paper::Legal,
            Paper::Tabloid => xlsx::Paper::Tabloid,
        }
    }
}

pub(super) fn generate(input: &Input, args: &Args) -> Result<Outcome> {
    let (output, format) = formats::choose(&input.roster, args.output.clone(), args.format)?;
    if format != Format::Xlsx {
        if let Some(column) = &args.group_by {
            return Err(Error::usage(
                format!("--group-by {column} writes one workbook per group; it has no {format} form"),
                "drop --group-by, or write workbooks with -o DIR/",
            ));
        }
        return formats::write(input, output, format, args.keep.as_deref());
    }
    let target = output_target(&input.roster, output)?;
    if let (Some(column), false) = (&args.group_by, matches!(target, Target::Dir(_))) {
        return Err(Error::usage(
            format!("--group-by {column} writes one workbook per group, into a directory"),
            "give the directory with -o DIR/ (a path ending in /)",
        ));
    }
    let written = run(input, args, &target);
    if written.is_err()
        && let Target::Dir(dir) = &target
    {
        dir.forget();
    }
    written
}

fn run(input: &Input, args: &Args, target: &Target) -> Result<Outcome> {
    let date = match args.date {
        Some(date) => Some(date),
        None => source_date_epoch()?,
    };
    let options = xlsx::Options { date, paper: args.paper.into(), notes: args.notes };
    let mut read = input.options();
    read.read.group_by = args.group_by.clone();
    let mut analysis = input.analyse_with(&read)?;
    if let Some(edited) = &args.keep {
        super::keep::keep_edits(&mut analysis, edited)?;
    }
    let summary = analysis.summary(&analysis.findings, &Policy::default());
    let (view, findings) = (analysis.view(), &analysis.findings);
    match target {
        Target::File(path) => {
            // Written into a temporary file next to the target; nothing touches the output path until
            // the workbook is complete.
            let writing = formats::writing(Some(path));
            export::write_atomic_with(path, |out| xlsx::write_to(&view, findings, &options, out, path))?;
            drop(writing);
            if !super::quiet() {
                print_stdout(&format!("wrote {}: {}\n", path.display(), summary.line()))?;
            }
            many_teams_note(analysis.roster.teams.len());
        }
        Target::Dir(dir) => {
            let split = match &args.group_by {
                Some(column) => xlsx::Split::Groups { column: column.clone() },
                None => xlsx::Split::Teams,
            };
            let writing = formats::writing(Some(&dir.path));
            let written = xlsx::write_dir(&view, findings, &options, &dir.path, &split, &input.roster)?;
            drop(writing);
            let kind = if args.group_by.is_some() { "group" } else { "team" };
            let plural = if written.workbooks == 1 { "" } else { "s" };
            let books = format!("{} {kind} workbook{plural}", written.workbooks);
            if !super::quiet() {
                print_stdout(&format!(
                    "wrote {books} and {} in {}: {}\n",
                    xlsx::INDEX,
                    dir.path.display(),
                    summary.line()
                ))?;
            }
        }
        Target::Stdout => {
            let writing = formats::writing(None);
            let bytes = xlsx::render(&view, findings, &options)?;
            drop(writing);
            let mut out = std::io::stdout().lock();
            stdout_result(out.write_all(&bytes).and_then(|()| out.flush()))?;
            if !super::quiet() {
                eprintln!("raci: {}", summary.line());
            }
            many_teams_note(analysis.roster.teams.len());
        }
    }
    Ok(Outcome::Clean)
}

/// A single workbook with many team sheets is written, with a note on how to get files people can open.
fn many_teams_note(teams: usize) {
    if teams > xlsx::MANY_TEAMS && !super::quiet() {
        eprintln!(
            "raci: note: {teams} team sheets in one workbook open slowly or not at all in spreadsheet programs; \
             -o DIR/ writes one workbook per team and an index"
        );
    }
}

/// The day `SOURCE_DATE_EPOCH` names, when it is set.
fn source_date_epoch() -> Result<Option<xlsx::Date>> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let text = value.to_string_lossy();
    text.trim().parse::<i64>().ok().and_then(xlsx::Date::from_unix).map(Some).ok_or_else(|| {
        Error::usage(
            format!(
                "SOURCE_DATE_EPOCH='{}' is not a day between 1900 and 9999 in seconds since 1970",
                text.escape_debug()
            ),
            "set it to whole seconds such as 1700000000, unset it, or give --date YYYY-MM-DD",
        )
    })
}
