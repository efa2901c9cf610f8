//! Progress of a long export, reported as it goes. The library only calls the trait; the command
//! line decides whether and how to draw it.

/// Receives the progress of a long export; [`Silent`] ignores it.
pub trait Progress {
    /// A stage starts: `what` is done in `total` steps (teams, usually).
    fn start(&self, what: &str, total: u64);
    /// `steps` more steps of the current stage are done.
    fn advance(&self, steps: u64);
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _what: &str, _total: u64) {}
    fn advance(&self, _steps: u64) {}
}
