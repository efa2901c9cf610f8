//! `-o DIR/`: one workbook per team (or per group of teams) plus `index.xlsx`, whose summary,
//! workload and findings cover every team and link to the team workbooks. The workbooks are written
//! in parallel on all cores, each atomically; Excel's limits are checked for all of them before the
//! first is written, and the index is written last, once every team workbook is in place.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rust_xlsxwriter::Workbook;

use super::Options;
use super::book::{self, Place, Plan};
use super::names::{file_names, sheet_names};
use crate::check::Finding;
use crate::error::{Error, Result};
use crate::matrix::View;

/// The name of the index workbook.
pub const INDEX: &str = "index.xlsx";

/// How `-o DIR/` splits the roster into workbooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// One workbook per team.
    Teams,
    /// One workbook per value of the roster column read with
    /// [`ReadOptions::group_by`](crate::roster::ReadOptions::group_by); teams without a value share
    /// one named after the column.
    Groups {
        /// The column's name, for the workbook of teams without a value.
        column: String,
    },
}

/// What [`write_dir`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Team or group workbooks, not counting the index.
    pub workbooks: usize,
    /// The index's path.
    pub index: PathBuf,
}

/// Write one workbook per team or group into `dir` (which must exist) and `index.xlsx`. No
/// workbook may be the file `input` (the roster). On failure, workbooks already moved into place
/// are complete; the index is not touched.
pub fn write_dir(
    view: &View<'_>,
    findings: &[Finding],
    options: &Options,
    dir: &Path,
    split: &Split,
    input: &Path,
) -> Result<Written> {
    let roster = view.roster;
    // Groups of matrix positions, in order of first appearance.
    let mut labels: Vec<String> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    match split {
        Split::Teams => {
            for (t, tm) in view.matrix.teams.iter().enumerate() {
                labels.push(roster.teams[tm.team].name.clone());
                groups.push(vec![t]);
            }
        }
        Split::Groups { column } => {
            let mut by_label: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
            for (t, tm) in view.matrix.teams.iter().enumerate() {
                let label = roster.teams[tm.team].group.clone().unwrap_or_else(|| format!("no {column}"));
                let g = *by_label.entry(label.clone()).or_insert_with(|| {
                    labels.push(label);
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(t);
            }
        }
    }
    let files: Vec<String> = file_names(labels.iter().map(String::as_str)).into_iter().map(|f| f + ".xlsx").collect();
    let sheets: Vec<Vec<String>> = groups
        .iter()
        .map(|g| sheet_names(g.iter().map(|&t| roster.teams[view.matrix.teams[t].team].name.as_str())))
        .collect();

    // Findings by group (roster-wide ones only in the index).
    let mut group_of_team = vec![usize::MAX; roster.teams.len()];
    for (g, teams) in groups.iter().enumerate() {
        for &t in teams {
            group_of_team[view.matrix.teams[t].team] = g;
        }
    }
    let mut group_findings: Vec<Vec<&Finding>> = vec![Vec::new(); groups.len()];
    for f in findings {
        if let Some(list) =
            f.order.0.checked_sub(1).and_then(|team| group_of_team.get(team)).and_then(|&g| group_findings.get_mut(g))
        {
            list.push(f);
        }
    }

    let targets: Vec<PathBuf> = files.iter().map(|f| dir.join(f)).collect();
    let index_path = dir.join(INDEX);
    if let Some(clash) = targets.iter().chain([&index_path]).find(|p| same_file(input, p)) {
        return Err(Error::usage(
            format!("{}: a workbook would overwrite the roster", clash.display()),
            "move the roster out of the output directory or choose another one; raci never overwrites its input",
        ));
    }
    let plan_of = |g: usize| {
        let places = sheets[g].iter().map(|s| Place { sheet: s.clone(), file: None }).collect();
        Plan::new(*view, options, groups[g].clone(), places, true, group_findings[g].clone())
    };
    let mut index_places = vec![Place { sheet: String::new(), file: None }; view.matrix.teams.len()];
    for (g, teams) in groups.iter().enumerate() {
        for (&t, sheet) in teams.iter().zip(&sheets[g]) {
            index_places[t] = Place { sheet: sheet.clone(), file: Some(files[g].clone()) };
        }
    }
    let index = Plan::new(
        *view,
        options,
        (0..view.matrix.teams.len()).collect(),
        index_places,
        false,
        findings.iter().collect(),
    );
    for (g, target) in targets.iter().enumerate() {
        plan_of(g).check_limits(target, true)?;
    }
    index.check_limits(&index_path, true)?;

    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let failures: Mutex<Vec<(usize, Error)>> = Mutex::new(Vec::new());
    let index_book: Mutex<Option<Workbook>> = Mutex::new(None);
    // Job 0 builds the index (its large sheets go to temporary files as they are written); job
    // g + 1 writes group g's workbook.
    let job = |j: usize| -> Result<()> {
        if j == 0 {
            let workbook =
                book::catching_temp_file_panics(&index_path, || book::build(&index, &index_path, 1, Some(dir)))?;
            *index_book.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(workbook);
            return Ok(());
        }
        let (plan, target) = (plan_of(j - 1), &targets[j - 1]);
        book::catching_temp_file_panics(target, || {
            let workbook = book::build(&plan, target, 1, Some(dir))?;
            crate::export::write_atomic_with(target, |out| book::save(workbook, out, target, false))
        })
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    let j = next.fetch_add(1, Ordering::Relaxed);
                    if j > groups.len() {
                        break;
                    }
                    if let Err(e) = job(j) {
                        stop.store(true, Ordering::Relaxed);
                        failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((j, e));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    failures.sort_by_key(|(j, _)| *j);
    if let Some((_, e)) = failures.into_iter().next() {
        return Err(e);
    }
    let workbook = index_book.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let Some(workbook) = workbook else {
        return Err(Error::workbook(index_path.display().to_string(), "the index was not built", "please report this"));
    };
    book::catching_temp_file_panics(&index_path, || {
        crate::export::write_atomic_with(&index_path, |out| book::save(workbook, out, &index_path, true))
    })?;
    Ok(Written { workbooks: groups.len(), index: index_path })
}

/// Whether two paths name one file: the same canonical path (symlinks resolved, a missing file
/// placed in its canonical directory) or, on Unix, the same inode (hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
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
