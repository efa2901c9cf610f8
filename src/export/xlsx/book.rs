//! The writer: what one workbook holds (a [`Plan`]), Excel's limits checked against it before any
//! sheet is written, the sheets written several at a time, and rust_xlsxwriter's errors turned into
//! ours at this border.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError, quote_sheet_name};
use rustc_hash::FxHashMap;

use super::embed::write_roster;
use super::findings::{MAX_FINDINGS, write_findings};
use super::layout::{
    ACTIVITY_COL, FINDINGS_SHEET, META_SHEET, ROSTER_SHEET, SUMMARY_SHEET, TITLE_ROW, TeamLayout, WORKLOAD_SHEET,
};
use super::limits::{self, thousands};
use super::meta::write_meta;
use super::sheet::Sheet;
use super::styles::Formats;
use super::summary::{ROWS_ABOVE, ROWS_BELOW, write_summary};
use super::team::{TemplateText, write_team};
use super::workload::write_workload;
use super::{Date, Options};
use crate::check::{Counts, Finding, Severity};
use crate::error::{Error, Location, Result};
use crate::matrix::{TeamMatrix, View};
use crate::roster::Team;
use crate::template::Template;

/// Where a team's sheet is: its name, and the file holding it when that is another workbook.
#[derive(Debug, Clone)]
pub(super) struct Place {
    pub(super) sheet: String,
    pub(super) file: Option<String>,
}

/// What one workbook holds.
pub(super) struct Plan<'v> {
    pub(super) view: View<'v>,
    pub(super) options: &'v Options,
    /// The workbook's teams, as positions in the matrix, in roster order.
    pub(super) teams: Vec<usize>,
    /// Where each of `teams` is.
    pub(super) places: Vec<Place>,
    /// Whether the team sheets are in this workbook (not so in `index.xlsx`).
    pub(super) has_team_sheets: bool,
    /// The findings shown, in `raci check` order.
    pub(super) findings: Vec<&'v Finding>,
    /// Roster team position -> position in `teams`.
    position: FxHashMap<usize, usize>,
}

impl<'v> Plan<'v> {
    pub(super) fn new(
        view: View<'v>,
        options: &'v Options,
        teams: Vec<usize>,
        places: Vec<Place>,
        has_team_sheets: bool,
        findings: Vec<&'v Finding>,
    ) -> Self {
        let position = teams.iter().enumerate().map(|(i, &t)| (view.matrix.teams[t].team, i)).collect();
        Plan { view, options, teams, places, has_team_sheets, findings, position }
    }

    /// Every team of the view in one workbook, with every finding.
    pub(super) fn whole(view: View<'v>, options: &'v Options, findings: &'v [Finding]) -> Self {
        let names = super::sheet_names(view.matrix.teams.iter().map(|tm| view.roster.teams[tm.team].name.as_str()));
        let places = names.into_iter().map(|sheet| Place { sheet, file: None }).collect();
        Plan::new(view, options, (0..view.matrix.teams.len()).collect(), places, true, findings.iter().collect())
    }

    /// A team (matrix position) with its matrix and template.
    pub(super) fn team(&self, t: usize) -> (&'v Team, &'v TeamMatrix, &'v Template) {
        let tm = &self.view.matrix.teams[t];
        (&self.view.roster.teams[tm.team], tm, &self.view.templates[tm.template])
    }

    /// The templates the workbook's teams use, in order of first use.
    pub(super) fn templates(&self) -> impl Iterator<Item = &'v Template> + '_ {
        self.template_positions().into_iter().map(|idx| &self.view.templates[idx])
    }

    /// The same, as positions in the view's templates.
    pub(super) fn template_positions(&self) -> Vec<usize> {
        let mut seen = Vec::new();
        for &t in &self.teams {
            let idx = self.view.matrix.teams[t].template;
            if !seen.contains(&idx) {
                seen.push(idx);
            }
        }
        seen
    }

    /// Distinct people on the workbook's teams.
    pub(super) fn people_count(&self) -> usize {
        let mut seen = rustc_hash::FxHashSet::default();
        for &t in &self.teams {
            seen.extend(self.team(t).0.members.iter().map(|m| m.person));
        }
        seen.len()
    }

    pub(super) fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for f in &self.findings {
            add(&mut counts, f.severity);
        }
        counts
    }

    /// Counts of findings per team, by position in `teams`.
    pub(super) fn findings_per_team(&self) -> Vec<Counts> {
        let mut per = vec![Counts::default(); self.teams.len()];
        for f in &self.findings {
            if let Some(i) = self.team_of(f) {
                add(&mut per[i], f.severity);
            }
        }
        per
    }

    /// The position in `teams` of the team a finding concerns.
    fn team_of(&self, f: &Finding) -> Option<usize> {
        f.order.0.checked_sub(1).and_then(|team| self.position.get(&team).copied())
    }

    /// A link to a cell of a team's sheet (0-based), here or in its file.
    pub(super) fn link(&self, place: &Place, row: u32, col: u16) -> String {
        let cell = format!("{}!{}", quote_sheet_name(&place.sheet), super::team::cell(row, col));
        match &place.file {
            Some(file) => format!("file:///{file}#{cell}"),
            None => format!("internal:{cell}"),
        }
    }

    /// Where a finding points: the activity cell of its first activity's row on its team's sheet, or the
    /// top of the sheet; `None` for findings about the roster as a whole.
    pub(super) fn finding_link(&self, f: &Finding) -> Option<(String, String)> {
        let i = self.team_of(f)?;
        let (_, _, template) = self.team(self.teams[i]);
        let place = &self.places[i];
        let at = place.file.as_deref().unwrap_or(&place.sheet);
        let activity = f.activities.first().and_then(|id| template.activity_index(id));
        Some(match activity {
            Some(a) => {
                let row = TeamLayout { people: 0, activities: template.activities.len() }.activity_row(a);
                (self.link(place, row, ACTIVITY_COL), format!("{at}, row {}", row + 1))
            }
            None => (self.link(place, TITLE_ROW, 0), at.to_string()),
        })
    }

    /// Excel's limits against what the plan holds, before anything is written: the place and the fix.
    pub(super) fn check_limits(&self, output: &Path, in_dir: bool) -> Result<()> {
        let roster = self.view.roster;
        if self.has_team_sheets {
            for &t in &self.teams {
                let (team, _, template) = self.team(t);
                if team.members.len() > TeamLayout::MAX_PEOPLE {
                    return Err(Error::roster(
                        roster.at(team.line),
                        format!(
                            "team '{}' has {} people; a sheet has columns for at most {}",
                            team.name,
                            thousands(team.members.len()),
                            thousands(TeamLayout::MAX_PEOPLE)
                        ),
                        format!("split the team into teams of at most {} people", thousands(TeamLayout::MAX_PEOPLE)),
                    ));
                }
                let rows = template.activities.len() + template.sources.len() + 20;
                if rows > limits::ROWS as usize {
                    return Err(Error::template(
                        Location::file(template.origin.clone()),
                        format!("{} activities do not fit in a sheet's rows", thousands(template.activities.len())),
                        "split the template",
                    ));
                }
            }
        }
        if in_dir && !self.has_team_sheets {
            // The index shows what fits and points to the team workbooks for the rest.
            return Ok(());
        }
        let fix = if in_dir {
            "put fewer teams in each workbook: drop --group-by, or group by a finer column"
        } else {
            "write one workbook per team with -o DIR/ (a path ending in /)"
        };
        let at = |sheet: &str| format!("{}, sheet '{sheet}'", output.display());
        if self.findings.len() > MAX_FINDINGS {
            return Err(Error::workbook(
                at(FINDINGS_SHEET),
                format!(
                    "{} findings do not fit: a sheet has {} rows",
                    thousands(self.findings.len()),
                    thousands(limits::ROWS as usize)
                ),
                fix,
            ));
        }
        let rows = limits::ROWS as usize - 10;
        if self.people_count() > rows || self.teams.len() > rows - (ROWS_ABOVE + ROWS_BELOW) as usize {
            let sheet = if self.people_count() > rows { WORKLOAD_SHEET } else { SUMMARY_SHEET };
            return Err(Error::workbook(
                at(sheet),
                format!(
                    "{} people in {} teams do not fit: a sheet has {} rows",
                    thousands(self.people_count()),
                    thousands(self.teams.len()),
                    thousands(limits::ROWS as usize)
                ),
                fix,
            ));
        }
        Ok(())
    }
}

fn add(counts: &mut Counts, severity: Severity) {
    match severity {
        Severity::Error => counts.errors += 1,
        Severity::Warning => counts.warnings += 1,
        Severity::Info => counts.info += 1,
    }
}

/// Threads that write sheets at most (the zip is compressed on one thread regardless).
const MAX_THREADS: usize = 4;

/// Zip compression level: 1 (fastest) instead of rust_xlsxwriter's default 6. Compression is the
/// one part of saving that runs on a single thread; level 1 takes about a third of its time for
/// files about 40% larger, which is the right trade for workbooks regenerated in CI.
const ZIP_LEVEL: u8 = 1;

/// Sheets longer than this many rows are written in constant-memory mode (see [`build`]).
const CONSTANT_MEMORY_ROWS: usize = 1_000;

/// Document title, comment, and the creation date when none is given, which keeps output
/// byte-identical run after run.
const DOC_TITLE: &str = "RACI matrix";
const DOC_COMMENT: &str = "Generated by raci from a team roster";
pub(super) const FIXED_DATE: (u16, u8, u8) = (2024, 1, 1);

/// One job of writing a workbook: a sheet, or a run of consecutive team sheets.
enum Job {
    Summary(Worksheet),
    /// Positions in the plan's teams.
    Teams(std::ops::Range<usize>),
    Workload(Worksheet),
    Findings(Worksheet),
    Meta,
    /// The roster the workbook carries (one row per membership).
    Roster(Worksheet),
}

/// The workbook of a plan, built in memory on up to `threads` threads (each sheet is independent;
/// string and format indexes are assigned when the workbook is saved, in sheet order, so the output
/// does not depend on the threads). `output` names the workbook in messages; constant-memory sheets
/// keep their temporary files in `tempdir`. Run it, and [`save`], inside
/// [`catching_temp_file_panics`].
pub(super) fn build(plan: &Plan<'_>, output: &Path, threads: usize, tempdir: Option<&Path>) -> Result<Workbook> {
    let fail = |sheet: &str, e: XlsxError| xlsx_error(output, Some(sheet), e);
    let mut workbook = Workbook::new();
    let (y, m, d) = plan.options.date.map_or(FIXED_DATE, Date::ymd);
    let created = ExcelDateTime::from_ymd(y, m, d).map_err(|e| fail(SUMMARY_SHEET, e))?;
    let roster = &plan.view.roster.source;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(limits::fit(&format!("{DOC_TITLE}: {roster}"), 255))
            .set_subject("Responsibility matrix (RACI) and gap report")
            .set_author("raci")
            .set_keywords("RACI, responsibility matrix, product owner, product manager")
            .set_comment(DOC_COMMENT)
            .set_creation_datetime(&created),
    );
    workbook.set_zip_compression_level(ZIP_LEVEL);
    if let Some(dir) = tempdir {
        workbook.set_tempdir(dir).map_err(|e| fail(SUMMARY_SHEET, e))?;
    }
    let formats = Formats::new().map_err(|e| fail(SUMMARY_SHEET, e))?;
    let per_template: Vec<TemplateText> = plan.view.templates.iter().map(TemplateText::new).collect();

    // Long sheets, and every sheet of the index (which grows with the whole organisation), are
    // written in rust_xlsxwriter's constant-memory mode: each row goes to a temporary file as soon
    // as the next one starts, on the thread that writes the sheet, with its text inline.
    let mut sheet_for = |name: &str, rows: usize| -> Result<Worksheet> {
        let mut ws = if !plan.has_team_sheets || rows > CONSTANT_MEMORY_ROWS {
            workbook.new_worksheet_with_constant_memory().map_err(|e| fail(name, e))?
        } else {
            Worksheet::new()
        };
        ws.set_name(name).map_err(|e| fail(name, e))?;
        Ok(ws)
    };
    let summary = sheet_for(SUMMARY_SHEET, plan.teams.len())?;
    let workload = sheet_for(WORKLOAD_SHEET, plan.people_count())?;
    let findings = sheet_for(FINDINGS_SHEET, plan.findings.len())?;
    let memberships = plan.teams.iter().map(|&t| plan.team(t).0.members.len()).sum();
    let roster = sheet_for(ROSTER_SHEET, memberships)?;

    let threads = threads.clamp(1, MAX_THREADS);
    let mut jobs = vec![Job::Summary(summary)];
    if plan.has_team_sheets {
        let teams = plan.teams.len();
        // Runs of about 100 sheets, so the threads can share them out evenly.
        let chunk = teams.div_ceil(threads * 4).clamp(1, 100);
        jobs.extend((0..teams).step_by(chunk).map(|start| Job::Teams(start..(start + chunk).min(teams))));
    }
    jobs.extend([Job::Workload(workload), Job::Findings(findings), Job::Meta, Job::Roster(roster)]);
    for sheet in run_jobs(plan, output, &formats, &per_template, jobs, threads)? {
        workbook.push_worksheet(sheet);
    }
    Ok(workbook)
}

/// Run the jobs on up to `threads` threads (the first here), the sheets in job order.
fn run_jobs(
    plan: &Plan<'_>,
    output: &Path,
    formats: &Formats,
    per_template: &[TemplateText],
    jobs: Vec<Job>,
    threads: usize,
) -> Result<Vec<Worksheet>> {
    let run = |job: Job| -> Result<Vec<Worksheet>> {
        let one = |mut ws: Worksheet, name: &str, write: fn(&mut Sheet<'_>, &Plan<'_>) -> Result<(), XlsxError>| {
            write(&mut Sheet::new(&mut ws, formats), plan).map_err(|e| xlsx_error(output, Some(name), e))?;
            Ok(vec![ws])
        };
        match job {
            Job::Summary(ws) => one(ws, SUMMARY_SHEET, write_summary),
            Job::Workload(ws) => one(ws, WORKLOAD_SHEET, write_workload),
            Job::Findings(ws) => one(ws, FINDINGS_SHEET, write_findings),
            Job::Meta => {
                let mut ws = Worksheet::new();
                ws.set_name(META_SHEET).map_err(|e| xlsx_error(output, Some(META_SHEET), e))?;
                one(ws, META_SHEET, write_meta)
            }
            Job::Roster(mut ws) => {
                write_roster(&mut ws, plan).map_err(|e| xlsx_error(output, Some(ROSTER_SHEET), e))?;
                Ok(vec![ws])
            }
            Job::Teams(positions) => positions
                .map(|i| {
                    let name = &plan.places[i].sheet;
                    let mut ws = Worksheet::new();
                    let team = plan.team(plan.teams[i]);
                    ws.set_name(name)
                        .and_then(|ws| {
                            let mut sheet = Sheet::new(ws, formats);
                            write_team(&mut sheet, &plan.view, team, &per_template[team.1.template], plan.options)
                        })
                        .map_err(|e| xlsx_error(output, Some(name), e))?;
                    Ok(ws)
                })
                .collect(),
        }
    };
    if threads <= 1 || jobs.len() <= 1 {
        let mut sheets = Vec::new();
        for job in jobs {
            sheets.extend(run(job)?);
        }
        return Ok(sheets);
    }
    // Each thread takes the next job not yet taken, longest first (the workload and findings, then
    // the runs of team sheets); the sheets come back in job order.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| match jobs[i] {
        Job::Workload(_) | Job::Findings(_) | Job::Roster(_) => 0,
        Job::Teams(_) => 1,
        Job::Summary(_) | Job::Meta => 2,
    });
    let slots: Vec<std::sync::Mutex<Option<Job>>> = jobs.into_iter().map(|j| std::sync::Mutex::new(Some(j))).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(k) else { return done };
            let job = slots[i].lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
            if let Some(job) = job {
                done.push((i, run(job)));
            }
        }
    };
    let mut done: Vec<(usize, Result<Vec<Worksheet>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for handle in handles {
            done.extend(handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    let mut sheets = Vec::new();
    for (_, result) in done {
        sheets.extend(result?);
    }
    Ok(sheets)
}

/// Save a built workbook into `writer` and free it: on another thread when `background` (every
/// cell of a large workbook is its own allocation, so the caller need not wait for that).
pub(super) fn save<W: std::io::Write + std::io::Seek + Send>(
    mut workbook: Workbook,
    writer: W,
    output: &Path,
    background: bool,
) -> Result<()> {
    let saved = workbook.save_to_writer(writer).map_err(|e| xlsx_error(output, None, e));
    if background {
        // On failure `spawn` drops the closure, and the workbook with it, right here.
        let _ = std::thread::Builder::new().name("raci-drop".into()).spawn(move || drop(workbook));
    }
    saved
}

/// rust_xlsxwriter's error as ours: a failed write leaves the output untouched; a temporary file
/// that cannot be made names its directory; anything else is a limit raci failed to check, named
/// with its sheet.
pub(super) fn xlsx_error(output: &Path, sheet: Option<&str>, e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(io) | XlsxError::ZipError(zip::result::ZipError::Io(io)) => {
            if output.as_os_str() == "-" {
                Error::io("<stdout>", "cannot write", io)
            } else {
                crate::export::unchanged(output, io)
            }
        }
        XlsxError::TempFileError(dir, io) => Error::io(dir, "cannot create a temporary file for the workbook", io),
        other => {
            let at = match sheet {
                Some(sheet) => format!("{}, sheet '{sheet}'", output.display()),
                None => output.display().to_string(),
            };
            Error::workbook(
                at,
                format!("cannot write the workbook: {other}"),
                "please report this with the roster that caused it",
            )
        }
    }
}

/// What rust_xlsxwriter panics with when a constant-memory sheet cannot write its temporary file.
const TEMP_WRITE_PANIC: &str = "Couldn't write to xml file";

/// How many [`catching_temp_file_panics`] calls are running (their work may use several threads).
static CATCHING: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Run work on constant-memory sheets, whose output is `output`: rust_xlsxwriter panics when it
/// cannot write their temporary files (a full disk, a file size limit) instead of returning an
/// error. That panic is caught here, kept off the terminal, and returned as a failed write that
/// left the output untouched; any other panic goes on as before.
pub(super) fn catching_temp_file_panics<T>(output: &Path, work: impl FnOnce() -> Result<T>) -> Result<T> {
    use std::sync::atomic::Ordering;
    static HOOK: std::sync::Once = std::sync::Once::new();
    fn text(payload: &(dyn std::any::Any + Send)) -> &str {
        payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("")
    }
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.load(Ordering::SeqCst) == 0 || !text(info.payload()).starts_with(TEMP_WRITE_PANIC) {
                previous(info);
            }
        }));
    });
    CATCHING.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    match result {
        Ok(result) => result,
        Err(payload) if text(&*payload).starts_with(TEMP_WRITE_PANIC) => {
            // `... file: Os { code: 28, kind: StorageFull, message: "No space left on device" }`
            let detail = text(&*payload);
            let reason = detail.split("message: \"").nth(1).and_then(|m| m.split('"').next()).unwrap_or(detail);
            Err(crate::export::unchanged(output, std::io::Error::other(reason.to_string())))
        }
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{ReadOptions, parse};

    fn analysis(csv: &str) -> crate::Analysis {
        let roster = parse(csv.as_bytes(), "r.csv", &ReadOptions::default()).expect("roster");
        crate::Analysis::from_roster(roster, &crate::Options::default()).expect("analysis")
    }

    #[test]
    fn more_findings_than_a_sheet_has_rows_are_refused_naming_the_sheet_and_the_fix() {
        let analysis = analysis("name,role,team\nAda,PO,Alpha\n");
        let finding = analysis.findings.first().expect("a finding");
        let options = Options::default();
        let place = || vec![Place { sheet: "Alpha".into(), file: None }];
        let plan = |n: usize, has_team_sheets| {
            Plan::new(analysis.view(), &options, vec![0], place(), has_team_sheets, vec![finding; n])
        };
        assert!(plan(MAX_FINDINGS, true).check_limits(Path::new("out.xlsx"), false).is_ok());
        let err = plan(MAX_FINDINGS + 1, true).check_limits(Path::new("out.xlsx"), false).map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("out.xlsx, sheet 'Findings': 1,048,574 findings do not fit: a sheet has 1,048,576 rows (write one \
                 workbook per team with -o DIR/ (a path ending in /))"
                .to_string())
        );
        // The index shows what fits; each team's workbook holds its own findings.
        assert!(plan(MAX_FINDINGS + 1, false).check_limits(Path::new("index.xlsx"), true).is_ok());
    }

    #[test]
    fn a_team_wider_than_a_sheet_is_refused_at_its_roster_line() {
        let mut csv = String::from("name,role,team\nAda,PO,Wide\n");
        for i in 0..TeamLayout::MAX_PEOPLE {
            csv.push_str(&format!("P{i},Dev,Wide\n"));
        }
        let analysis = analysis(&csv);
        let options = Options::default();
        let plan = Plan::whole(analysis.view(), &options, &analysis.findings);
        let err = plan.check_limits(Path::new("out.xlsx"), false).map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("r.csv:2: team 'Wide' has 16,377 people; a sheet has columns for at most 16,376 (split the team into \
                 teams of at most 16,376 people)"
                .to_string())
        );
    }
}
