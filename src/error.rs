//! The crate's error type. Every message names the file, the line when there is one, and the fix.

use std::fmt;
use std::path::PathBuf;

/// Crate-wide result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where a problem sits: a file and, when known, a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line, when the problem sits on one.
    pub line: Option<u64>,
}

impl Location {
    /// A location at a line of a file.
    pub fn line(file: impl Into<String>, line: u64) -> Self {
        Self { file: file.into(), line: Some(line) }
    }

    /// A location naming a whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.file, line),
            None => write!(f, "{}", self.file),
        }
    }
}

/// Everything that can stop raci from producing a result.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The roster cannot be used as it is.
    #[error("{at}: {message}{}", fix_suffix(.fix))]
    Roster {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
        /// How to fix it (may be empty).
        fix: String,
    },
    /// A template cannot be used as it is.
    #[error("{at}: {message}{}", fix_suffix(.fix))]
    Template {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
        /// How to fix it (may be empty).
        fix: String,
    },
    /// A baseline file cannot be used as it is.
    #[error("{at}: {message}{}", fix_suffix(.fix))]
    Baseline {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
        /// How to fix it (may be empty).
        fix: String,
    },
    /// A file could not be read or written.
    #[error("{}: {action}: {source}{}", .path.display(), fix_suffix(.fix))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What raci was doing ("cannot read roster", ...).
        action: &'static str,
        /// The underlying error.
        source: std::io::Error,
        /// How to fix it (may be empty).
        fix: String,
    },
    /// The workbook cannot hold what it was asked to write.
    #[error("{at}: {message}{}", fix_suffix(.fix))]
    Workbook {
        /// Where: the output file and the sheet, cell or finding.
        at: String,
        /// What does not fit.
        message: String,
        /// How to fix it (may be empty).
        fix: String,
    },
    /// The command line asks for something that cannot be done.
    #[error("{message}{}", fix_suffix(.fix))]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it (may be empty).
        fix: String,
    },
}

fn fix_suffix(fix: &str) -> String {
    if fix.is_empty() { String::new() } else { format!(" ({fix})") }
}

impl Error {
    /// A roster error at a place, with a fix.
    pub fn roster(at: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Roster { at, message: message.into(), fix: fix.into() }
    }

    /// A template error at a place, with a fix.
    pub fn template(at: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Template { at, message: message.into(), fix: fix.into() }
    }

    /// A baseline error at a place, with a fix.
    pub fn baseline(at: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Baseline { at, message: message.into(), fix: fix.into() }
    }

    /// A workbook error at a place (output file, sheet, cell), with a fix.
    pub fn workbook(at: impl Into<String>, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Workbook { at: at.into(), message: message.into(), fix: fix.into() }
    }

    /// A usage error with a fix.
    pub fn usage(message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Usage { message: message.into(), fix: fix.into() }
    }

    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        let fix = match source.kind() {
            std::io::ErrorKind::NotFound => "check the path".to_string(),
            std::io::ErrorKind::PermissionDenied => "check the file's permissions".to_string(),
            _ => String::new(),
        };
        Error::Io { path: path.into(), action, source, fix }
    }
}
