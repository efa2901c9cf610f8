//! Write a synthetic roster CSV: `N` people across `T` teams with a realistic role mix, the same
//! bytes for the same seed.
//!
//! ```text
//! cargo run --release --example gen-roster -- --people 20000 --teams 2000 [--seed 1] [-o roster.csv]
//! ```
//!
//! Without `-o` the CSV goes to standard output.

use std::io::Write;
use std::process::ExitCode;

mod generator;

const USAGE: &str = "usage: gen-roster --people N --teams T [--seed S] [-o FILE]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen-roster: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let (mut people, mut teams, mut seed, mut output) = (None, None, 1u64, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        let number = |text: String| text.replace('_', "").parse::<u64>().map_err(|e| format!("{text}: {e}"));
        match arg.as_str() {
            "--people" | "-n" => people = Some(number(value()?)?),
            "--teams" | "-t" => teams = Some(number(value()?)?),
            "--seed" | "-s" => seed = number(value()?)?,
            "--output" | "-o" => output = Some(value()?),
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    let people = usize::try_from(people.ok_or("--people is required")?).map_err(|e| e.to_string())?;
    let teams = match teams {
        Some(t) => usize::try_from(t).map_err(|e| e.to_string())?,
        None => people.div_ceil(10),
    };
    if people == 0 || teams == 0 {
        return Err("--people and --teams must be at least 1".to_string());
    }
    let csv = generator::generate(people, teams, seed);
    match output {
        Some(path) if path != "-" => std::fs::write(&path, csv).map_err(|e| format!("cannot write {path}: {e}")),
        _ => std::io::stdout().lock().write_all(csv.as_bytes()).map_err(|e| format!("cannot write: {e}")),
    }
}
