//! `generate --keep EDITED.xlsx`: read the hand edits of a workbook, apply them to the fresh
//! analysis, and tell on stderr what was kept and what could not be.

use std::path::Path;

use raci::keep::{self, Kept};
use raci::{Analysis, Error, Options, Result};

/// Apply the edits of `edited` to `analysis`; notes on stderr unless `--quiet`.
pub(super) fn keep_edits(analysis: &mut Analysis, edited: &Path) -> Result<Kept> {
    let old = Analysis::load(edited, &Options::default())?;
    if old.cells.is_none() {
        return Err(Error::usage(
            format!(
                "--keep {}: this is not a workbook raci wrote, so its edits cannot be told apart",
                edited.display()
            ),
            "name the .xlsx (or .ods) raci generated and people edited",
        ));
    }
    if !super::quiet() {
        for note in &old.roster.notes {
            eprintln!("raci: note: {note}");
        }
    }
    let edits = keep::edits(&old);
    let kept = keep::apply(analysis, edits);
    if !super::quiet() {
        let name = edited.display();
        let unreadable: Vec<_> = old.findings.iter().filter(|f| f.code == raci::check::Code::UnknownLetter).collect();
        let (applied, already) = (kept.applied.len(), kept.already.len());
        let dropped = kept.dropped.len() + unreadable.len();
        eprintln!(
            "raci: note: --keep {name}: {applied} manual {} kept{}{}",
            if applied == 1 { "edit" } else { "edits" },
            if already > 0 { format!(", {already} the fresh assignment gives anyway") } else { String::new() },
            if dropped > 0 { format!(", {dropped} not carried over (below)") } else { String::new() },
        );
        for f in unreadable {
            eprintln!(
                "raci: note: {}: not carried over: {} (the cell keeps what the roster gives)",
                f.location, f.message
            );
        }
        for (edit, why) in &kept.dropped {
            let at = edit.at.as_ref().map_or_else(|| name.to_string(), ToString::to_string);
            eprintln!("raci: note: {at}: edit of team '{}', {} not carried over: {why}", edit.team, edit.describe());
        }
    }
    Ok(kept)
}
