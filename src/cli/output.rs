//! Where output goes: stdout (a closed pipe is not an error), an output file, or an output directory
//! (`-o DIR/`), checked (and the directory created) before any slow work.

use std::io::Write;
use std::path::{Path, PathBuf};

use raci::export::xlsx::same_file;
use raci::{Error, Result};

pub(super) fn print_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    stdout_result(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

pub(super) fn stdout_result(written: std::io::Result<()>) -> Result<()> {
    match written {
        Ok(()) => Ok(()),
        // A closed pipe (`raci check ... | head`) is not an error worth reporting.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("<stdout>", "cannot write", e)),
    }
}

/// Where `generate` writes.
#[derive(Debug)]
pub(super) enum Target {
    /// Standard output (`-o -`).
    Stdout,
    /// One workbook.
    File(PathBuf),
    /// One workbook per team or group, and `index.xlsx`, in a directory that exists now.
    Dir(OutputDir),
}

/// An output directory, and the directories this run created for it (then a failed run removes
/// them again).
#[derive(Debug)]
pub(super) struct OutputDir {
    pub(super) path: PathBuf,
    /// Created here, innermost first.
    created: Vec<PathBuf>,
}

impl OutputDir {
    /// After a failed run: remove the directories this run created, as long as they are empty.
    pub(super) fn forget(&self) {
        for dir in &self.created {
            // Fails, as it should, when anything is in it.
            if std::fs::remove_dir(dir).is_err() {
                return;
            }
        }
    }
}

/// Where `generate` writes, checked before any slow work: `-` is stdout; a path ending in `/` or
/// naming an existing directory is an output directory, created here if missing; anything else is
/// a file in an existing directory that is not the roster.
pub(super) fn output_target(roster: &Path, output: Option<PathBuf>) -> Result<Target> {
    let path = match output {
        Some(p) if p.as_os_str() == "-" => return Ok(Target::Stdout),
        Some(p) => p,
        None => {
            let stem = roster.file_stem().and_then(|s| s.to_str()).unwrap_or("raci");
            PathBuf::from(format!("{stem}.xlsx"))
        }
    };
    let text = path.as_os_str().to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir() {
        return output_dir(path);
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        let problem = if parent.exists() { "is not a directory" } else { "does not exist" };
        return Err(Error::usage(
            format!("{}: the output directory '{}' {problem}", path.display(), parent.display()),
            "create the directory first, choose another path with -o, or end the path with / to write one \
             workbook per team into a new directory",
        ));
    }
    if same_file(roster, &path) {
        return Err(Error::usage(
            format!("{}: the output is the roster itself", path.display()),
            "choose another path with -o; raci never overwrites its input",
        ));
    }
    Ok(Target::File(path))
}

/// Where a one-file output (a text format, a graph) goes: `None` for stdout. A directory is
/// refused before anything is created.
pub(super) fn output_path(roster: &Path, output: Option<PathBuf>) -> Result<Option<PathBuf>> {
    if let Some(path) = &output
        && path.as_os_str() != "-"
        && (path.is_dir() || path.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR]))
    {
        return Err(Error::usage(
            format!("{}: the output is a directory, and this output is one file", path.display()),
            "give a file name with -o; only workbooks are written one per team into a directory",
        ));
    }
    match output_target(roster, output)? {
        Target::File(path) => Ok(Some(path)),
        Target::Stdout => Ok(None),
        Target::Dir(dir) => {
            dir.forget();
            Err(Error::usage(format!("{}: the output is a directory", dir.path.display()), "give a file name with -o"))
        }
    }
}

fn output_dir(path: PathBuf) -> Result<Target> {
    // `file/` reads as missing to the system; the name without the slash says what is there.
    let text = path.as_os_str().to_string_lossy();
    let bare = Path::new(text.trim_end_matches(['/', std::path::MAIN_SEPARATOR]));
    if path.is_dir() {
        return Ok(Target::Dir(OutputDir { path, created: Vec::new() }));
    }
    if bare.exists() && !bare.as_os_str().is_empty() {
        return Err(Error::usage(
            format!("{}: the output ends with / but is a file, not a directory", path.display()),
            "choose a directory with -o DIR/, or drop the / to write one workbook",
        ));
    }
    let created: Vec<PathBuf> =
        path.ancestors().take_while(|p| !p.as_os_str().is_empty() && !p.exists()).map(Path::to_path_buf).collect();
    std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, "cannot create the output directory", e))?;
    Ok(Target::Dir(OutputDir { path, created }))
}
