//! `raci check`: the findings report on stdout (and in the files `--report` names), a baseline
//! read or written, the Markdown report appended to the GitHub step summary; exit 1 when a
//! finding fails the check.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use raci::check::Code;
use raci::export::write_atomic_with;
use raci::report::baseline::{Baseline, Date, Entry};
use raci::report::{Format as ReportFormat, Report, Style, roster_key};
use raci::{Error, Policy, Result};

use super::output::{print_stdout, stdout_result};
use super::{CheckOptions, Format, Input, Outcome};

/// Names the day baselines expire on instead of the system clock: `RACI_TODAY=2026-07-01`.
const TODAY_VAR: &str = "RACI_TODAY";

/// Run the checks on each roster and print the reports; exit 1 when a finding fails a check.
pub(super) fn check(input: &Input, options: CheckOptions) -> Result<Outcome> {
    // Everything that can be refused is refused before the slow work.
    let today = today()?;
    let old = options.baseline.as_deref().map(Baseline::load).transpose()?;
    for path in options.write_baseline.iter().chain(options.report.iter().map(|(_, path)| path)) {
        writable(&input.roster, path)?;
    }
    let rosters: Vec<Input> = std::iter::once(input.clone())
        .chain(options.more.iter().map(|roster| Input { roster: roster.clone(), ..input.clone() }))
        .collect();
    if rosters.len() > 1 {
        let one_document = !matches!(options.format, Format::Text | Format::Markdown | Format::Github);
        if one_document || !options.report.is_empty() {
            let what =
                if one_document { format!("--format {:?}", options.format).to_lowercase() } else { "--report".into() };
            return Err(Error::usage(
                format!("{what} writes one document per roster, and {} rosters are given", rosters.len()),
                "check one roster per run for this format, or use --format text, markdown or github",
            ));
        }
    }
    if !options.without.is_empty() {
        refuse_what_if(&options, rosters.len())?;
    }
    // The baseline written keeps what the file already holds for other rosters, and the reasons,
    // owners and expiry dates of the entries that stay.
    let mut written = match (&options.write_baseline, &options.baseline) {
        (Some(path), Some(read)) if path == read => old.clone(),
        (Some(path), _) if path.exists() => Some(Baseline::load(path)?),
        _ => old.clone(),
    };
    let mut outcome = Outcome::Clean;
    let mut unusable: Option<Error> = None;
    let total = rosters.len();
    for (i, roster) in rosters.iter().enumerate() {
        if i > 0 && matches!(options.format, Format::Text | Format::Markdown) {
            print_stdout("\n")?;
        }
        match check_one(roster, &options, today, old.as_ref(), &mut written) {
            Ok(Outcome::Failed) => outcome = Outcome::Failed,
            Ok(Outcome::Clean) => {}
            Err(e) if total == 1 => return Err(e),
            Err(e) => {
                eprintln!("raci: error: {e}");
                unusable = Some(e);
            }
        }
    }
    match unusable {
        Some(_) => Err(Error::usage("some rosters could not be checked", "see the errors above")),
        None => Ok(outcome),
    }
}

/// Check one roster: the report on stdout and in the `--report` files, the baseline read or
/// recorded (`written` holds the file as it grows roster by roster), the step summary.
fn check_one(
    input: &Input,
    options: &CheckOptions,
    today: Date,
    old: Option<&Baseline>,
    written: &mut Option<Baseline>,
) -> Result<Outcome> {
    let mut analysis = input.analyse()?;
    let leavers = if options.without.is_empty() { Vec::new() } else { analysis.without(&options.without)? };
    // Whose leaving breaks something, before --allow or a baseline hides any of it.
    let breaks: HashSet<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.code == Code::LeaverGap)
        .flat_map(|f| f.people.iter().map(String::as_str))
        .collect();
    let without: Vec<String> = leavers.iter().map(|&p| analysis.roster.people[p].name.clone()).collect();
    if !super::quiet() {
        for name in without.iter().filter(|n| !breaks.contains(n.as_str())) {
            eprintln!("raci: note: without '{name}', no activity loses its accountable or its last responsible person");
        }
    }
    drop(breaks);
    let root = std::env::current_dir().ok();
    let policy = Policy { allow: options.allow.clone(), deny_warnings: options.deny.is_some() };
    let findings = policy.filter(std::mem::take(&mut analysis.findings));
    let roster = roster_key(&analysis.roster.file, root.as_deref());
    let baseline = match &options.write_baseline {
        Some(path) => {
            let new = Baseline::record(&findings, &roster, &path.display().to_string(), written.as_ref());
            write_atomic_with(path, |out| {
                out.write_all(new.to_toml().as_bytes()).map_err(|e| raci::export::unchanged(path, e))
            })?;
            if !super::quiet() {
                let kept: HashSet<(&str, &str)> =
                    new.entries.iter().map(|e| (e.fingerprint.as_str(), e.roster.as_str())).collect();
                let dropped = written.as_ref().map_or(0, |o| {
                    let gone = |e: &&Entry| !kept.contains(&(e.fingerprint.as_str(), e.roster.as_str()));
                    o.entries.iter().filter(|e| e.is_for(&roster)).filter(gone).count()
                });
                let dropped = if dropped > 0 {
                    format!(" ({dropped} fixed entries of the old one dropped)")
                } else {
                    String::new()
                };
                let n = new.entries.iter().filter(|e| e.is_for(&roster)).count();
                let accepted = format!("{n} finding{}", if n == 1 { "" } else { "s" });
                eprintln!("raci: wrote baseline {}: {accepted} of {roster} accepted{dropped}", path.display());
            }
            *written = Some(new.clone());
            Some(new)
        }
        None => old.cloned(),
    };
    let (findings, review) = match baseline {
        Some(baseline) => {
            let (shown, review) = baseline.review(findings, &roster, today);
            (shown, Some(review))
        }
        None => (findings, None),
    };
    let mut report = analysis.report(findings, policy, review);
    report.summary.without = without;
    let color = options.color.enabled();
    let style = Style { color: color && options.format == Format::Text, root: root.clone() };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let printed = report.write(options.format.report(), &mut out, &style);
    stdout_result(printed.and_then(|()| out.flush()))?;
    drop(out);
    let plain = Style { color: false, root };
    for (format, path) in &options.report {
        write_atomic_with(path, |out| {
            report.write(format.report(), out, &plain).map_err(|e| raci::export::unchanged(path, e))
        })?;
    }
    step_summary(&report);
    let failed = report.summary.failed;
    // The process ends soon: handing a million-person roster back to the allocator piece by
    // piece would only add to the run time.
    std::mem::forget((analysis, report));
    Ok(if failed { Outcome::Failed } else { Outcome::Clean })
}

/// Refuse what `--without` cannot be combined with: several rosters (a name belongs to one), and
/// writing a baseline (it would accept findings about people who have not left).
fn refuse_what_if(options: &CheckOptions, rosters: usize) -> Result<()> {
    if rosters > 1 {
        return Err(Error::usage(
            format!("--without names people of one roster, and {rosters} rosters are given"),
            "check the roster the people are on, one per run",
        ));
    }
    if options.write_baseline.is_some() {
        return Err(Error::usage(
            "--write-baseline with --without would accept findings about people who have not left",
            "write the baseline without --without; --baseline with --without shows only what their leaving breaks",
        ));
    }
    Ok(())
}

/// The day baseline entries expire on: `RACI_TODAY` when set, else today by the system clock (UTC).
fn today() -> Result<Date> {
    match std::env::var(TODAY_VAR) {
        Ok(text) if !text.trim().is_empty() => Date::parse(&text).ok_or_else(|| {
            Error::usage(
                format!("{TODAY_VAR}='{text}' is not a date"),
                format!("write it as YYYY-MM-DD, or unset {TODAY_VAR} to use the system clock"),
            )
        }),
        _ => Ok(Date::today()),
    }
}

/// Refuse a file to write that cannot be written, before any slow work.
fn writable(roster: &Path, path: &Path) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(Error::usage(format!("{}: is a directory", path.display()), "give a file name"));
    }
    if !parent.is_dir() {
        return Err(Error::usage(
            format!("{}: the directory '{}' does not exist", path.display(), parent.display()),
            "create the directory first or choose another path",
        ));
    }
    if roster.canonicalize().ok().is_some_and(|r| path.canonicalize().ok() == Some(r)) {
        return Err(Error::usage(
            format!("{}: is the roster itself", path.display()),
            "choose another path; raci never overwrites its input",
        ));
    }
    Ok(())
}

/// Under GitHub Actions, append the Markdown report to the step summary, whatever `--format`
/// printed. A summary that cannot be written is a note, not a failure of the check.
fn step_summary(report: &Report) {
    if std::env::var_os("GITHUB_ACTIONS").is_none_or(|v| v != "true") {
        return;
    }
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else { return };
    let markdown = report.render(ReportFormat::Markdown, &Style::default());
    let appended = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(format!("{markdown}\n").as_bytes()));
    if let Err(e) = appended
        && !super::quiet()
    {
        eprintln!("raci: note: cannot append the report to the step summary {}: {e}", Path::new(&path).display());
    }
}
