"""Compare the check's CPU time under two source trees, interleaved (not a test).

On a shared machine a wall-clock figure moves with the neighbours' load; the
CPU time of the same work, measured for both trees in alternation, compares.
Each run is a fresh process with `PYTHONPATH` set to one tree's `src`: it
imports yusuan, its rules and PyMuPDF, then checks the documents one after
the other (`check_files` + `render_reports`, as `yusuan check --format json`),
with `YUSUAN_JOBS=1` (no forked child: its CPU would not be counted), and
prints the CPU seconds of each.  The trees alternate run by run; the minimum
and median of each document's runs are printed, and after / before.

`--process` times the whole command instead: `python -m yusuan check FILE --format json`, one process
per document and tree, its CPU (user + sys, with any forked child it waited for) taken from the
children's resource usage — what start-up and imports cost is in it, and the forks are left as usual
— and its wall time, printed beside (medians; the wall time moves with the machine's load).

    git worktree add /tmp/before <commit>   # or any checkout of the old code
    .venv/bin/python bench/speed_ab.py --before /tmp/before/src --after src [--runs 5] [--process] FILE.pdf...
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

_CHILD = """
import sys, time
from pathlib import Path
import pymupdf, yusuan.cli, yusuan.check.publication, yusuan.extract.publications
from yusuan.audit import check_files
from yusuan.check import render_reports
from yusuan.check.registry import all_rules
all_rules()
for name in sys.argv[1:]:
    start = time.process_time()
    checked = check_files([Path(name)])
    render_reports([c.report for c in checked], "json")
    print(time.process_time() - start)
"""


def cpu_seconds(src: Path, files: list[Path]) -> list[tuple[float, float]]:
    """(CPU, CPU) seconds of each file's in-process check (no wall time: the runs share one process)."""
    env = {**os.environ, "PYTHONPATH": str(src), "YUSUAN_JOBS": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *map(str, files)], env=env, capture_output=True, text=True, check=True
    )
    return [(float(value), float(value)) for value in done.stdout.split()]


def process_seconds(src: Path, files: list[Path]) -> list[tuple[float, float]]:
    """(CPU, wall) seconds of one `yusuan check FILE --format json` process per file (exit 0 or 1: checked)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    seconds = []
    for name in files:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "yusuan", "check", str(name), "--format", "json"],
            env=env,
            capture_output=True,
            check=False,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{name}: exit {done.returncode}: {done.stderr.decode(errors='replace')}")
        seconds.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall))
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="the old tree's src folder")
    parser.add_argument("--after", type=Path, required=True, help="the new tree's src folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--process", action="store_true", help="time whole `yusuan check` processes")
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    trees = {"before": args.before.resolve(), "after": args.after.resolve()}
    times: dict[str, list[list[tuple[float, float]]]] = {name: [] for name in trees}
    print(f"load average {os.getloadavg()[0]:.2f} before")
    for run in range(args.runs):
        for name in list(trees) if run % 2 == 0 else list(trees)[::-1]:
            measure = process_seconds if args.process else cpu_seconds
            times[name].append(measure(trees[name], args.files))
    wall_header = " wall s before → after (median) |" if args.process else ""
    print(f"| document | CPU s before (min / median) | after (min / median) | after / before (min) |{wall_header}")
    print("|---|---|---|---|" + ("---|" if args.process else ""))
    for n, path in enumerate(args.files):
        before = [run[n][0] for run in times["before"]]
        after = [run[n][0] for run in times["after"]]
        walls = [statistics.median(run[n][1] for run in times[name]) for name in trees]
        wall = f" {walls[0]:.3f} → {walls[1]:.3f} |" if args.process else ""
        print(
            f"| {path.stem} | {min(before):.3f} / {statistics.median(before):.3f} "
            f"| {min(after):.3f} / {statistics.median(after):.3f} | {min(after) / min(before):.2f} |{wall}"
        )
    print(f"load average {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
