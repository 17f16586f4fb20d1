"""Speed of `yusuan check` on the national corpus against PyMuPDF reading the same characters (not a test).

For each document, every figure a median of 5 runs (`--runs`); the check's process and PyMuPDF's alternate
run by run, so that the two compared meet the same state of this shared machine:

- `check s`: wall time of the whole process `yusuan check FILE --format json` (interpreter start,
  imports, reading, checking, the JSON report), and that per 40 pages;
- `in-process s`: the same check — `check_files` and `render_reports`, what the command runs — timed
  inside a fresh process after it has imported yusuan, its rules and PyMuPDF: the work of checking
  this document without the fixed start-up every run pays;
- `PyMuPDF s`: PyMuPDF alone opening the file and extracting every page's characters
  (`page.get_text("rawdict")`), in-process, after `import pymupdf`;
- `PyMuPDF process s`: the same as a whole process (`python -c "import pymupdf; …"`), for a like-for-like
  comparison with `check s`;
- the ratios: `check s / PyMuPDF s` (whole process against in-process reading: the strictest),
  `in-process s / PyMuPDF s` (work against work) and `check s / PyMuPDF process s` (process against process).

Each figure is also taken as CPU time (user + sys; of a process and any child it waited for, from the
children's resource usage; in-process by `time.process_time`), printed in a second table: on a machine
shared with other work the wall clock moves with the neighbours' load, the CPU time much less.

Targets (issue 9): ≤ 1 s per 40 pages, and ≤ 2.5 × the PyMuPDF time.  Before timing, yusuan's
modules are compiled to bytecode, as pip does when it installs a package (an editable checkout under
PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source in every run, some
0.15 s); the start-up of a bare `python -c "import yusuan.cli"` is printed with the table.

    .venv/bin/python bench/speed_national.py [--only 水务局]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pymupdf

from corpus_documents import CORPUS, ROOT

PYTHON = ROOT / ".venv" / "bin" / "python"
YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
RUNS = 5

_IN_PROCESS = """
import sys, time
from pathlib import Path
import pymupdf
import yusuan.cli
import yusuan.check.publication
import yusuan.extract.publications
from yusuan.audit import check_files
from yusuan.check import render_reports
from yusuan.check.registry import all_rules
all_rules()
path = Path(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
checked = check_files([path])
render_reports([c.report for c in checked], "json")
print(time.perf_counter() - start, time.process_time() - cpu)
"""

_PYMUPDF_PROCESS = """
import sys
import pymupdf
with pymupdf.open(sys.argv[1]) as document:
    for page in document:
        page.get_text("rawdict")
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_seconds(argv: list[str], runs: int = RUNS) -> tuple[float, float]:
    """Median wall and CPU seconds of the process (CPU with any child it waited for)."""
    return processes_seconds([argv], runs)[0]


def processes_seconds(commands: list[list[str]], runs: int = RUNS) -> list[tuple[float, float]]:
    """Median wall and CPU seconds of each command's process, the commands run in turn `runs` times (one
    run of each, then again): a process compared with another then meets the same state of the machine."""
    times: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for n, argv in enumerate(commands):
            start, cpu = time.perf_counter(), _children_cpu()
            subprocess.run(argv, capture_output=True, check=False)
            times[n].append(time.perf_counter() - start)
            cpus[n].append(_children_cpu() - cpu)
    return [(statistics.median(t), statistics.median(c)) for t, c in zip(times, cpus, strict=True)]


def in_process_seconds(path: Path, runs: int = RUNS) -> tuple[float, float]:
    times, cpus = [], []
    for _ in range(runs):
        done = subprocess.run([str(PYTHON), "-c", _IN_PROCESS, str(path)], capture_output=True, text=True, check=True)
        wall, cpu = done.stdout.strip().splitlines()[-1].split()
        times.append(float(wall))
        cpus.append(float(cpu))
    return statistics.median(times), statistics.median(cpus)


def pymupdf_seconds(path: Path, runs: int = RUNS) -> tuple[float, float, int]:
    times, cpus = [], []
    pages = 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        with pymupdf.open(path) as document:
            pages = document.page_count
            for page in document:
                page.get_text("rawdict")
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(times), statistics.median(cpus), pages


def compile_bytecode() -> None:
    """Write the .pyc files of the yusuan the runs import (the checkout on PYTHONPATH, else ROOT/src)."""
    where = subprocess.run(
        [str(PYTHON), "-c", "import yusuan, pathlib; print(pathlib.Path(yusuan.__file__).parent)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", where], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", default="")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs of each figure (median)")
    args = parser.parse_args()
    runs = args.runs
    compile_bytecode()
    start, start_cpu = process_seconds([str(PYTHON), "-c", "import yusuan.cli"], runs)
    bare, _ = process_seconds([str(PYTHON), "-c", "pass"], runs)
    print(
        f"start-up: `python -c 'import yusuan.cli'` {start:.2f} s, CPU {start_cpu:.2f} s "
        f"(bare interpreter {bare:.2f} s)",
        file=sys.stderr,
    )
    files = sorted(p for p in (CORPUS / "national").glob("*.pdf") if args.only in p.name)
    header = (
        "| document | pages | check s | s / 40 pages | in-process s | PyMuPDF s | PyMuPDF process s "
        "| check / PyMuPDF | in-process / PyMuPDF | check / PyMuPDF process |\n"
        "|---|---|---|---|---|---|---|---|---|---|"
    )
    names = ("s / 40 pages", "check / PyMuPDF", "in-process / PyMuPDF", "check / PyMuPDF process")
    ratios: dict[str, dict[str, list[float]]] = {kind: {name: [] for name in names} for kind in ("wall", "CPU")}
    rows: dict[str, list[str]] = {"wall": [], "CPU": []}
    print(header)
    for path in files:
        check, chars_process = processes_seconds(
            [[str(YUSUAN), "check", str(path), "--format", "json"], [str(PYTHON), "-c", _PYMUPDF_PROCESS, str(path)]],
            runs,
        )
        work = in_process_seconds(path, runs)
        chars_wall, chars_cpu, pages = pymupdf_seconds(path, runs)
        chars = (chars_wall, chars_cpu)
        for n, kind in enumerate(("wall", "CPU")):
            values = (check[n] * 40 / pages, check[n] / chars[n], work[n] / chars[n], check[n] / chars_process[n])
            rows[kind].append(
                f"| {path.stem} | {pages} | {check[n]:.2f} | {values[0]:.2f} | {work[n]:.2f} | {chars[n]:.2f} "
                f"| {chars_process[n]:.2f} | {values[1]:.1f} | {values[2]:.1f} | {values[3]:.1f} |"
            )
            for name, value in zip(names, values, strict=True):
                ratios[kind][name].append(value)
        print(rows["wall"][-1], flush=True)
    for kind in ("wall", "CPU"):
        if kind == "CPU":
            print("\nCPU seconds (user + sys), same columns:\n")
            print(header)
            print("\n".join(rows[kind]))
        if files:
            print()
            for name, values in ratios[kind].items():
                low, middle, high = min(values), statistics.median(values), max(values)
                print(f"{kind} {name}: min {low:.2f}, median {middle:.2f}, max {high:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
