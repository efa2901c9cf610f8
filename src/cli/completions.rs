//! `raci completions SHELL` and `raci man`: generated from the clap definitions, so they always
//! match the commands.

use std::path::Path;

use clap::CommandFactory;

use raci::{Error, Result};

use super::output::{print_stdout, stdout_result};
use super::{Cli, Outcome};

pub(super) fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "raci", &mut script);
    stdout_result(std::io::Write::write_all(&mut std::io::stdout().lock(), &script))?;
    Ok(Outcome::Clean)
}

pub(super) fn man(dir: Option<&Path>) -> Result<Outcome> {
    match dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| Error::io("<stdout>", "cannot render the manual page", e))?;
            stdout_result(std::io::Write::write_all(&mut std::io::stdout().lock(), &page))?;
        }
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Error::usage(
                    format!("{}: not a directory", dir.display()),
                    "create the directory first, or run `raci man` to print the page",
                ));
            }
            clap_mangen::generate_to(Cli::command(), dir)
                .map_err(|e| Error::io(dir, "cannot write the manual pages", e))?;
            if !super::quiet() {
                print_stdout(&format!("wrote the manual pages (raci.1, raci-generate.1, ...) to {}\n", dir.display()))?;
            }
        }
    }
    Ok(Outcome::Clean)
}
