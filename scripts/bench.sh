#!/usr/bin/env bash
# raci performance benchmarks (issue #6). Not part of `cargo test` or CI; see docs/performance.md.
#
#   scripts/bench.sh compare   raci generate (one workbook) vs the Python csv + XlsxWriter script,
#                              20,000 people in 2,000 teams, interleaved runs, medians and the ratio
#   scripts/bench.sh check     raci check on 10,000 to 1,000,000 people (10 per team):
#                              medians, time per person, ratio to linear
#   scripts/bench.sh memory    peak RSS and time of raci generate -o DIR/ (one workbook per team) on
#                              100,000 people in 10,000 teams, and of one workbook for comparison
#   scripts/bench.sh generate  raci generate on 10,000 / 20,000 / 100,000 people: medians, scaling
#   scripts/bench.sh template  loading templates of 10,000 / 20,000 / 40,000 activities (templates
#                              show, and check of a 3-person roster): medians, scaling
#   scripts/bench.sh names     criterion: sheet names for 10,000 teams, distinct or sharing 31 characters
#   scripts/bench.sh all       machine description and all of the above (the default)
#
# Environment: RUNS (runs per measurement, default 5), BENCH_DIR (rosters, workbooks and the Python
# virtualenv; default target/bench), RACI_BASE (another raci binary, e.g. built from an earlier
# commit, measured in the same runs by compare and memory). Needs cargo, python3 >= 3.11 with venv
# and pip (XlsxWriter is installed into BENCH_DIR/venv from PyPI on first use) and /usr/bin/time
# (Debian: apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
DIR=${BENCH_DIR:-target/bench}
XLSXWRITER_VERSION=3.3.1
mkdir -p "$DIR"

cargo build --release --locked --bin raci --example gen-roster
RACI=target/release/raci
GEN=target/release/examples/gen-roster

roster() { # people teams -> path of a generated roster (seed 1, made once)
    local file="$DIR/roster-$1.csv"
    [ -s "$file" ] || "$GEN" --people "$1" --teams "$2" --seed 1 -o "$file"
    echo "$file"
}

python_env() { # -> path of a python with XlsxWriter
    local venv="$DIR/venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -c "import xlsxwriter" 2>/dev/null \
        || "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "XlsxWriter==$XLSXWRITER_VERSION"
    echo "$venv/bin/python"
}

machine() {
    echo "== machine"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
    echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "kernel: $(uname -sr)"
    echo "$(rustc --version); $(python3 --version); XlsxWriter $XLSXWRITER_VERSION"
}

compare() {
    echo "== raci generate vs Python (csv + XlsxWriter), 20,000 people in 2,000 teams, $RUNS runs"
    local py
    py=$(python_env)
    python3 scripts/perf.py compare --raci "$RACI" ${RACI_BASE:+--base "$RACI_BASE"} --python "$py" \
        --roster "$(roster 20000 2000)" --runs "$RUNS" --out "$DIR"
}

check() {
    echo "== raci check, 10 people per team, $RUNS runs each"
    python3 scripts/perf.py scale --raci "$RACI" --runs "$RUNS" \
        --rosters "$(roster 10000 1000)" "$(roster 30000 3000)" "$(roster 100000 10000)" \
        "$(roster 300000 30000)" "$(roster 1000000 100000)"
}

generate() {
    echo "== raci generate, 10 people per team, $RUNS runs each"
    python3 scripts/perf.py scale --raci "$RACI" --runs "$RUNS" --generate "$DIR" \
        --rosters "$(roster 10000 1000)" "$(roster 20000 2000)" "$(roster 100000 10000)"
}

template() {
    echo "== loading large templates (scripts/gen_template.py), $RUNS runs each"
    local files=()
    for n in 10000 20000 40000; do
        files+=("$DIR/template-$n.toml")
        [ -s "$DIR/template-$n.toml" ] || python3 scripts/gen_template.py "$n" "$DIR/template-$n.toml"
    done
    python3 scripts/perf.py templates --raci "$RACI" --runs "$RUNS" --roster examples/startup.csv \
        --templates "${files[@]}"
}

memory() {
    echo "== peak memory of raci generate, 100,000 people in 10,000 teams"
    local r
    r=$(roster 100000 10000)
    python3 scripts/perf.py memory --raci "$RACI" --roster "$r" --runs 3 --out "$DIR" --dir
    python3 scripts/perf.py memory --raci "$RACI" --roster "$r" --runs 3 --out "$DIR"
    if [ -n "${RACI_BASE:-}" ]; then
        python3 scripts/perf.py memory --raci "$RACI_BASE" --roster "$r" --runs 3 --out "$DIR"
    fi
}

names() {
    echo "== sheet names for 10,000 teams (criterion)"
    cargo bench --locked --bench pipeline -- sheet-names 2>&1 | grep -E "^sheet-names|time:"
}

case "${1:-all}" in
    compare) compare ;;
    check) check ;;
    memory) memory ;;
    generate) generate ;;
    template) template ;;
    names) names ;;
    all) machine; compare; check; generate; template; memory; names ;;
    *) echo "usage: scripts/bench.sh [compare|check|generate|template|memory|names|all]" >&2; exit 2 ;;
esac
