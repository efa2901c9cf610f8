//! `raci diff OLD NEW`: both sides read as `check` reads a roster, compared matrix by matrix; the
//! changes on stdout; exit 1 when a change matters.

use std::io::Write;
use std::path::Path;

use raci::diff::Format as DiffOutput;
use raci::{Error, Result};

use super::output::stdout_result;
use super::{ColorChoice, DiffFormat, Input, Outcome, ReadArgs};

/// Compare two rosters and print what changed.
pub(super) fn diff(old: &Path, new: &Path, read: &ReadArgs, format: DiffFormat, color: ColorChoice) -> Result<Outcome> {
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err(Error::usage(
            "OLD and NEW are both standard input (-), which can be read once",
            "give one of them as a file, e.g. `raci diff old.csv -`",
        ));
    }
    let side = |roster: &Path| Input { roster: roster.to_path_buf(), read: read.clone() };
    let before = side(old).analyse()?;
    let after = side(new).analyse()?;
    let diff = raci::diff::between(&before, &after);
    let (output, color) = match format {
        DiffFormat::Text => (DiffOutput::Text, color.enabled()),
        DiffFormat::Markdown => (DiffOutput::Markdown, false),
        DiffFormat::Json => (DiffOutput::Json, false),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let printed = diff.write(output, &mut out, color);
    stdout_result(printed.and_then(|()| out.flush()))?;
    Ok(if diff.matters() { Outcome::Failed } else { Outcome::Clean })
}
