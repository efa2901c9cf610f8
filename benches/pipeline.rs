//! Criterion benches for each stage of `raci generate` on synthetic rosters:
//! `load` (CSV bytes to a roster), `assign` (the matrix), `check` (all findings) and `xlsx` (the
//! workbook bytes); and `sheet-names`: 10,000 distinct team names against 10,000 sharing their
//! first 31 characters (Excel's sheet-name length), which must cost about the same. Run with
//! `cargo bench --bench pipeline`; add a filter such as `-- check` for one group. Sizes are
//! people/teams; the rosters come from the `gen-roster` example's generator.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use raci::matrix::View;
use raci::roster::{self, ReadOptions, Roster};
use raci::template::{self, Template};
use raci::{assign, check, export};

#[path = "../examples/gen_roster/generator.rs"]
mod generator;

/// (people, teams).
const SIZES: [(usize, usize); 2] = [(2_000, 200), (20_000, 2_000)];
const SEED: u64 = 1;

struct Input {
    label: String,
    people: u64,
    csv: String,
    roster: Roster,
    templates: Vec<Template>,
    team_template: Vec<usize>,
}

fn inputs() -> Vec<Input> {
    SIZES
        .iter()
        .map(|&(people, teams)| {
            let csv = generator::generate(people, teams, SEED);
            let roster = roster::parse(csv.as_bytes(), "bench.csv", &ReadOptions::default()).expect("roster parses");
            let templates = vec![template::default_template().expect("default template")];
            let team_template = vec![0; roster.teams.len()];
            Input { label: format!("{people}p/{teams}t"), people: people as u64, csv, roster, templates, team_template }
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let inputs = inputs();

    let mut group = c.benchmark_group("load");
    for input in &inputs {
        group.throughput(Throughput::Elements(input.people));
        group.bench_with_input(BenchmarkId::from_parameter(&input.label), input, |b, input| {
            b.iter(|| roster::parse(black_box(input.csv.as_bytes()), "bench.csv", &ReadOptions::default()))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("assign");
    for input in &inputs {
        group.throughput(Throughput::Elements(input.people));
        group.bench_with_input(BenchmarkId::from_parameter(&input.label), input, |b, input| {
            b.iter(|| assign::assign(black_box(&input.roster), &input.templates, &input.team_template))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    for input in &inputs {
        let matrix = assign::assign(&input.roster, &input.templates, &input.team_template);
        let view = View { roster: &input.roster, templates: &input.templates, matrix: &matrix };
        group.throughput(Throughput::Elements(input.people));
        group.bench_with_input(BenchmarkId::from_parameter(&input.label), &view, |b, view| {
            b.iter(|| check::run(black_box(view)))
        });
    }
    group.finish();

    // The workbook writers, on the matrix and findings of each roster.
    type Writer = fn(&View<'_>, &[raci::check::Finding]) -> Vec<u8>;
    let writers: [(&str, Writer); 1] = [("xlsx", |view, findings| {
        export::xlsx::render(view, findings, &Default::default()).expect("workbook renders")
    })];
    let analysed: Vec<_> = inputs
        .iter()
        .map(|input| {
            let matrix = assign::assign(&input.roster, &input.templates, &input.team_template);
            let findings = check::run(&View { roster: &input.roster, templates: &input.templates, matrix: &matrix });
            (matrix, findings)
        })
        .collect();
    for (name, write) in writers {
        let mut group = c.benchmark_group(name);
        for (input, (matrix, findings)) in inputs.iter().zip(&analysed) {
            let view = View { roster: &input.roster, templates: &input.templates, matrix };
            group.throughput(Throughput::Elements(input.people));
            group.bench_with_input(BenchmarkId::from_parameter(&input.label), &view, |b, view| {
                b.iter(|| write(black_box(view), findings))
            });
        }
        group.finish();
    }
}

/// Sheet names for 10,000 teams of names as long: distinct in their first 31 characters, or sharing them
/// (`Platform Engineering Group North 0001`, ...), which all cut to the same 31 characters.
fn sheet_names(c: &mut Criterion) {
    const TEAMS: usize = 10_000;
    let distinct: Vec<String> = (0..TEAMS).map(|i| format!("{i:05} Platform Engineering Group North")).collect();
    let shared: Vec<String> = (0..TEAMS).map(|i| format!("Platform Engineering Group North {i:05}")).collect();
    let mut group = c.benchmark_group("sheet-names");
    group.throughput(Throughput::Elements(TEAMS as u64));
    for (label, names) in [("distinct", &distinct), ("shared-31-char-prefix", &shared)] {
        group.bench_with_input(BenchmarkId::from_parameter(label), names, |b, names| {
            b.iter(|| export::xlsx::sheet_names(black_box(names).iter().map(String::as_str)))
        });
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = pipeline, sheet_names
}
criterion_main!(benches);
