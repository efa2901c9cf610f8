//! The progress bar on stderr: drawn only when stderr is a terminal, never with `--quiet`, and only
//! once a stage has run long enough to need one (so quick runs print nothing extra).

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a stage runs before its bar appears.
const DELAY: Duration = Duration::from_millis(400);

/// One stage's bar (a spinner, or a bar with a length); cleared when dropped.
pub(super) struct Stage {
    bar: ProgressBar,
    /// Set once the stage is over, so the delayed start never draws a finished bar.
    done: Arc<Mutex<bool>>,
}

impl Stage {
    /// A spinner with a message, for a stage whose length is unknown.
    pub(super) fn spinner(message: String) -> Self {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message);
        Stage::start(bar)
    }

    /// A bar of `total` steps.
    fn bar(message: &str, total: u64) -> Self {
        let bar = ProgressBar::hidden();
        bar.set_length(total);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} teams ({eta} left)")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(message.to_string());
        Stage::start(bar)
    }

    fn start(bar: ProgressBar) -> Self {
        let done = Arc::new(Mutex::new(false));
        if enabled() {
            let (bar, done) = (bar.clone(), Arc::clone(&done));
            // If no thread can be had, there is simply no bar.
            let _ = std::thread::Builder::new().name("raci-progress".into()).spawn(move || {
                std::thread::sleep(DELAY);
                let done = done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if !*done {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Stage { bar, done }
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *done = true;
        self.bar.finish_and_clear();
    }
}

/// Whether bars may be drawn at all.
fn enabled() -> bool {
    !super::quiet() && std::io::stderr().is_terminal()
}

/// The library's progress callback, drawn as a bar per stage.
#[derive(Default)]
pub(super) struct Bars {
    stage: Mutex<Option<Stage>>,
}

impl raci::export::Progress for Bars {
    fn start(&self, what: &str, total: u64) {
        let mut stage = self.stage.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // The previous stage's bar is cleared before the next one starts.
        *stage = None;
        *stage = Some(Stage::bar(what, total));
    }

    fn advance(&self, steps: u64) {
        if let Some(stage) = &*self.stage.lock().unwrap_or_else(std::sync::PoisonError::into_inner) {
            stage.bar.inc(steps);
        }
    }
}
