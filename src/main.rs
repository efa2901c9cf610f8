//! The `raci` binary: parse arguments, run, print the error once, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A bug must still end in one line and exit 2, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "raci: error: internal error{location}: {message} (please report this with the input that caused it)"
        );
    }));
    let cli = cli::Cli::parse();
    exit_on_signals();
    match std::panic::catch_unwind(|| cli::run(cli)) {
        Ok(Ok(cli::Outcome::Clean)) => ExitCode::SUCCESS,
        Ok(Ok(cli::Outcome::Failed)) => ExitCode::from(1),
        Ok(Err(err)) => {
            // One line, and nothing in it a terminal would act on, whatever the message quotes.
            eprintln!("raci: error: {}", raci::text::escape(&err.to_string()));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(2),
    }
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: remove the temporary file of a workbook being written
/// and exit 128 + the signal (130, 143, 129), as a shell reports a process the signal ended.
#[cfg(unix)]
fn exit_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            raci::export::abandon_unfinished_writes();
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn exit_on_signals() {}
