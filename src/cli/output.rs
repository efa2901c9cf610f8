//! Where output goes: stdout (a closed pipe is not an error) and the output path, checked before any
//! slow work.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Where `generate` writes, checked before any slow work.
pub(super) fn output_path(roster: &Path, output: Option<PathBuf>) -> Result<Option<PathBuf>> {
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
