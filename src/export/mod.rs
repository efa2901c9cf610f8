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
use std::io::{BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

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

/// Temporary files of writes in progress, for [`abandon_unfinished_writes`].
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Remove the temporary file of every [`write_atomic_with`] still in progress, and keep any new
/// one from starting or finishing: for a signal handler (Ctrl-C) just before the process exits.
/// An output being renamed into place is complete; the others are left as they were.
pub fn abandon_unfinished_writes() {
    let mut list = unfinished();
    for path in list.drain(..) {
        let _ = std::fs::remove_file(&path);
    }
    // Held until the process exits: a write that reaches its next step waits there.
    std::mem::forget(list);
}

/// Takes a temporary file off the [`UNFINISHED`] list when the write ends, however it ends.
struct Listed(PathBuf);

impl Drop for Listed {
    fn drop(&mut self) {
        unfinished().retain(|p| *p != self.0);
    }
}

/// Write to `path` atomically: `write` fills a temporary file in the same directory, which is then
/// renamed into place. On failure the existing file (if any) is untouched and no temporary file
/// remains. An existing character device or FIFO (`/dev/null`, a named pipe) is written in place,
/// never replaced; a block device or socket is refused. A symbolic link is followed: its target
/// is replaced and the link kept. An existing file's permissions are kept, except the setuid,
/// setgid and sticky bits.
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>) -> Result<()> {
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return write_in_place(path, &meta, write);
    }
    let target = follow_links(path);
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".raci-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Keep an existing file's mode, less setuid, setgid and sticky (a workbook is no program);
        // a new file gets 0666 less the umask, like any other file.
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let (tmp, _listed) = {
        // Created and listed under one lock, so that a signal cannot fall between the two.
        let mut list = unfinished();
        let tmp =
            builder.tempfile_in(dir).map_err(|e| Error::io(dir, "cannot create a file in the output directory", e))?;
        list.push(tmp.path().to_path_buf());
        let listed = Listed(tmp.path().to_path_buf());
        (tmp, listed)
    };
    {
        let mut out = BufWriter::with_capacity(1 << 16, tmp.as_file());
        write(&mut out)?;
        out.flush().map_err(|e| unchanged(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| unchanged(path, e))?;
    {
        // Renamed under the lock: a signal meanwhile waits, and finds the write complete.
        let _list = unfinished();
        // On failure `persist` hands the temporary file back; dropping it deletes it.
        tmp.persist(path).map_err(|e| Error::io(path, "cannot move output into place", e.error))?;
    }
    // Make the rename itself durable; a failure here leaves a complete file, so it is not an error.
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The path a chain of symbolic links ends at (the path itself when it is none, and after 40
/// links, as the system gives up there too).
fn follow_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(target) if target.is_absolute() => current = target,
            Ok(target) => current = current.parent().map_or_else(|| target.clone(), |dir| dir.join(&target)),
            Err(_) => break,
        }
    }
    current
}

/// Write into an existing device or FIFO as it is, never replacing it (renaming over `/dev/null`
/// would replace the system's). The workbook is written into an unnamed temporary file first (a
/// workbook needs a seekable file; a pipe is not one), then copied. Disks (block devices) and
/// sockets are refused.
fn write_in_place(
    path: &Path,
    meta: &std::fs::Metadata,
    write: impl FnOnce(&mut BufWriter<&File>) -> Result<()>,
) -> Result<()> {
    let refused = |meta: &std::fs::Metadata| {
        Error::usage(
            format!("{}: the output is {}", path.display(), special_kind(meta)),
            "give a file name such as raci.xlsx with -o (a character device such as /dev/null, or a named pipe, \
             is written in place)",
        )
    };
    if !writable_in_place(meta) {
        return Err(refused(meta));
    }
    // Unnamed: it disappears with the process, however that ends.
    let scratch =
        tempfile::tempfile().map_err(|e| Error::io(std::env::temp_dir(), "cannot create a temporary file", e))?;
    {
        let mut out = BufWriter::with_capacity(1 << 16, &scratch);
        write(&mut out)?;
        out.flush().map_err(|e| unchanged(path, e))?;
    }
    let cannot_write = |e| Error::io(path, "cannot write output", e);
    // No create, no truncate: a device or pipe is written as it is. Opening a FIFO waits for a reader.
    let file = std::fs::OpenOptions::new().write(true).open(path).map_err(cannot_write)?;
    // The path may have been swapped for something else between the check and the open.
    let opened = file.metadata().map_err(cannot_write)?;
    if !writable_in_place(&opened) {
        return Err(refused(&opened));
    }
    let mut from = &scratch;
    from.seek(std::io::SeekFrom::Start(0)).map_err(cannot_write)?;
    std::io::copy(&mut from, &mut &file).map_err(cannot_write)?;
    Ok(())
}

/// Character devices and FIFOs are written in place.
fn writable_in_place(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// What kind of special file an output is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_block_device() {
            return "a block device (a disk)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_file() {
        "a regular file"
    } else if meta.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}
