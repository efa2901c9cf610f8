#!/usr/bin/env python3
"""Timing harness behind scripts/bench.sh: medians of several runs, ratios, scaling and peak memory.

  perf.py compare --raci RACI [--base RACI2] --python PY --roster R.csv --runs N --out DIR
      `raci generate` against scripts/raci_py.py (csv + XlsxWriter) on the same roster, runs
      interleaved (with another raci binary, e.g. an earlier build, in the same loop); prints the
      medians and the ratios.
  perf.py scale --raci RACI --rosters A.csv B.csv ... --runs N [--generate DIR]
      `raci check` (or `raci generate` into DIR) on each roster: median time, microseconds per
      person, and the ratio to linear.
  perf.py memory --raci RACI --roster R.csv --out DIR [--runs N] [--dir]
      peak resident memory and wall time of `raci generate` from /usr/bin/time -v (largest and
      median of N runs), writing one workbook, or with --dir one per team into a directory.
  perf.py templates --raci RACI --templates A.toml B.toml ... --roster R.csv --runs N
      loading large templates: `raci templates show T` and `raci check R --template T` on each,
      median time, microseconds per activity, and the ratio to linear.

Standard library only (the Python comparison script itself needs XlsxWriter; bench.sh installs it).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def people_in(roster):
    with open(roster, "rb") as f:
        return sum(1 for _ in f) - 1


def run_timed(cmd, ok_codes=(0,)):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def fmt(seconds):
    return f"{seconds:.3f} s" if seconds < 10 else f"{seconds:.1f} s"


def compare(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    commands = {"raci": [args.raci, "generate", args.roster, "-o", str(out / "raci.xlsx")]}
    if args.base:
        commands["raci (base)"] = [args.base, "generate", args.roster, "-o", str(out / "raci-base.xlsx")]
    commands["python"] = [args.python, str(HERE / "raci_py.py"), args.roster, str(out / "python.xlsx")]
    # One untimed run of each warms the page cache and the interpreter's bytecode cache.
    for cmd in commands.values():
        run_timed(cmd)
    times = {name: [] for name in commands}
    for i in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(run_timed(cmd))
        print(f"  run {i + 1}/{args.runs}: " + ", ".join(f"{n} {fmt(t[-1])}" for n, t in times.items()), file=sys.stderr)
    medians = {name: statistics.median(t) for name, t in times.items()}
    n = people_in(args.roster)
    print(f"roster: {args.roster} ({n} people)")
    for name, t in times.items():
        label = "python csv + XlsxWriter" if name == "python" else f"{name} generate"
        print(f"{label:<24} median {fmt(medians[name])}  (min {fmt(min(t))}, max {fmt(max(t))}, {args.runs} runs)")
    for name in commands:
        if name != "python":
            print(f"ratio: {name} is {medians['python'] / medians[name]:.1f}x faster (python median / {name} median)")


def scale(args):
    rows = []
    for roster in args.rosters:
        if args.generate:
            cmd = [args.raci, "generate", roster, "-o", str(Path(args.generate) / "scale.xlsx")]
        else:
            cmd = [args.raci, "check", roster, "--format", "json"]
        run_timed(cmd, ok_codes=(0, 1))
        times = [run_timed(cmd, ok_codes=(0, 1)) for _ in range(args.runs)]
        rows.append((people_in(roster), statistics.median(times), min(times), max(times)))
    base_people, base_time = rows[0][0], rows[0][1]
    print(f"{'people':>10} {'median':>10} {'min':>10} {'max':>10} {'us/person':>10} {'vs linear':>10}")
    for people, med, lo, hi in rows:
        linear = base_time * people / base_people
        print(f"{people:>10} {fmt(med):>10} {fmt(lo):>10} {fmt(hi):>10} {med / people * 1e6:>10.2f} "
              f"{med / linear:>9.2f}x")


def memory(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = str(out / "mem") + "/" if args.dir else str(out / "mem.xlsx")
    peaks, times = [], []
    for _ in range(args.runs):
        done = subprocess.run(["/usr/bin/time", "-v", args.raci, "generate", args.roster, "-o", target],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(done.stderr)
        peaks.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)))
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
        h, m, s = wall.groups()
        times.append(int(h or 0) * 3600 + int(m) * 60 + float(s))
    what = "one workbook per team (-o DIR/)" if args.dir else "one workbook"
    print(f"{args.raci} generate {args.roster} ({people_in(args.roster)} people), {what}: peak RSS "
          f"{max(peaks) / 1024:.0f} MB (largest of {args.runs} runs, /usr/bin/time -v), median wall "
          f"{fmt(statistics.median(times))}")


def activities_in(template):
    with open(template, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip() == "[[activity]]")


def templates(args):
    rows = []
    for template in args.templates:
        row = [activities_in(template)]
        for cmd in ([args.raci, "templates", "show", template],
                    [args.raci, "check", args.roster, "--template", template, "--format", "json"]):
            run_timed(cmd, ok_codes=(0, 1))
            row.append(statistics.median(run_timed(cmd, ok_codes=(0, 1)) for _ in range(args.runs)))
        rows.append(row)
    base = rows[0]
    print(f"{'activities':>10} {'show':>10} {'us/act':>8} {'vs linear':>10} {'check':>10} {'us/act':>8} {'vs linear':>10}")
    for n, show, check in rows:
        cells = []
        for t, t0 in ((show, base[1]), (check, base[2])):
            cells.append(f"{fmt(t):>10} {t / n * 1e6:>8.1f} {t / (t0 * n / base[0]):>9.2f}x")
        print(f"{n:>10} " + " ".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--raci", required=True)
    c.add_argument("--base", help="another raci binary timed in the same loop (e.g. an earlier build)")
    c.add_argument("--python", default=sys.executable)
    c.add_argument("--roster", required=True)
    c.add_argument("--runs", type=int, default=5)
    c.add_argument("--out", default=os.environ.get("TMPDIR", "/tmp"))
    s = sub.add_parser("scale")
    s.add_argument("--raci", required=True)
    s.add_argument("--rosters", nargs="+", required=True)
    s.add_argument("--runs", type=int, default=5)
    s.add_argument("--generate", metavar="DIR", help="time `raci generate` (writing into DIR) instead of check")
    m = sub.add_parser("memory")
    m.add_argument("--raci", required=True)
    m.add_argument("--roster", required=True)
    m.add_argument("--runs", type=int, default=3)
    m.add_argument("--dir", action="store_true", help="write one workbook per team into a directory (-o DIR/)")
    m.add_argument("--out", default=os.environ.get("TMPDIR", "/tmp"))
    t = sub.add_parser("templates")
    t.add_argument("--raci", required=True)
    t.add_argument("--templates", nargs="+", required=True)
    t.add_argument("--roster", required=True)
    t.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    {"compare": compare, "scale": scale, "memory": memory, "templates": templates}[args.command](args)


if __name__ == "__main__":
    main()
