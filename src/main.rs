//! The `raci` binary: parse arguments, run, print the error once, map the outcome to an exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(cli::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cli::Outcome::Failed) => ExitCode::from(1),
        Err(err) => {
            eprintln!("raci: error: {err}");
            ExitCode::from(2)
        }
    }
}
