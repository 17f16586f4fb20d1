"""Speed of `yusuan check` on the national corpus against PyMuPDF reading the same characters (not a test).

For each document, every figure a median of 3 runs:

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

Targets (issue 9): ≤ 1 s per 40 pages, and ≤ 2.5 × the PyMuPDF time.  Before timing, yusuan's
modules are compiled to bytecode, as pip does when it installs a package (an editable checkout under
PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source in every run, some
0.15 s); the start-up of a bare `python -c "import yusuan.cli"` is printed with the table.

    .venv/bin/python bench/speed_national.py [--only 水务局]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pymupdf

from corpus_documents import CORPUS, ROOT

PYTHON = ROOT / ".venv" / "bin" / "python"
YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
RUNS = 3

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
start = time.perf_counter()
checked = check_files([path])
render_reports([c.report for c in checked], "json")
print(time.perf_counter() - start)
"""

_PYMUPDF_PROCESS = """
import sys
import pymupdf
with pymupdf.open(sys.argv[1]) as document:
    for page in document:
        page.get_text("rawdict")
"""


def process_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_seconds(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        done = subprocess.run([str(PYTHON), "-c", _IN_PROCESS, str(path)], capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def pymupdf_seconds(path: Path) -> tuple[float, int]:
    times = []
    pages = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        with pymupdf.open(path) as document:
            pages = document.page_count
            for page in document:
                page.get_text("rawdict")
        times.append(time.perf_counter() - start)
    return statistics.median(times), pages


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
    args = parser.parse_args()
    compile_bytecode()
    start = process_seconds([str(PYTHON), "-c", "import yusuan.cli"])
    bare = process_seconds([str(PYTHON), "-c", "pass"])
    print(f"start-up: `python -c 'import yusuan.cli'` {start:.2f} s (bare interpreter {bare:.2f} s)", file=sys.stderr)
    files = sorted(p for p in (CORPUS / "national").glob("*.pdf") if args.only in p.name)
    print(
        "| document | pages | check s | s / 40 pages | in-process s | PyMuPDF s | PyMuPDF process s "
        "| check / PyMuPDF | in-process / PyMuPDF | check / PyMuPDF process |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    ratios: dict[str, list[float]] = {"s / 40 pages": [], "check / PyMuPDF": [], "in-process / PyMuPDF": [],
                                      "check / PyMuPDF process": []}  # fmt: skip
    for path in files:
        check = process_seconds([str(YUSUAN), "check", str(path), "--format", "json"])
        work = in_process_seconds(path)
        chars, pages = pymupdf_seconds(path)
        chars_process = process_seconds([str(PYTHON), "-c", _PYMUPDF_PROCESS, str(path)])
        print(
            f"| {path.stem} | {pages} | {check:.2f} | {check * 40 / pages:.2f} | {work:.2f} | {chars:.2f} "
            f"| {chars_process:.2f} | {check / chars:.1f} | {work / chars:.1f} | {check / chars_process:.1f} |",
            flush=True,
        )
        for name, value in zip(
            ratios, (check * 40 / pages, check / chars, work / chars, check / chars_process), strict=True
        ):
            ratios[name].append(value)
    if files:
        print()
        for name, values in ratios.items():
            print(f"{name}: min {min(values):.2f}, median {statistics.median(values):.2f}, max {max(values):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
