//! Exporters: the matrix as a workbook, CSV, Markdown, HTML, JSON ([`Format`]) and as a graph
//! ([`graph`]). Exporters read the matrix and the findings and nothing else; they return bytes or
//! strings and never print. The findings report is [`crate::report`].

mod cells;
pub mod csv;
mod format;
pub mod graph;
pub mod html;
pub mod json;
pub mod markdown;
mod progress;
pub mod xlsx;

pub use format::{Document, Format};
pub use progress::{Progress, Silent};

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The error for a write that failed before the output was moved into place.
pub fn unchanged(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        action: "cannot write output",
        source,
        fix: "nothing was changed at the output path; free some disk space or choose another path with -o".to_string(),
    }
}

/// Write to `path` atomically: `write` fills a temporary file in the same directory, which is then
/// renamed into place. On failure the existing file (if any) is untouched and no temporary file remains.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".raci-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Keep an existing file's mode; a new file gets 0666 less the umask, like any other file.
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let tmp =
        builder.tempfile_in(dir).map_err(|e| Error::io(dir, "cannot create a file in the output directory", e))?;
    {
        let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
        write(&mut out)?;
        out.flush().map_err(|e| unchanged(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| unchanged(path, e))?;
    // On failure `persist` hands the temporary file back; dropping it deletes it.
    tmp.persist(path).map_err(|e| Error::io(path, "cannot move output into place", e.error))?;
    // Make the rename itself durable; a failure here leaves a complete file, so it is not an error.
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
