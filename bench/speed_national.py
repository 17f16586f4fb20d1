"""Speed of `yusuan check` on the national corpus against PyMuPDF reading the same characters (not a test).

For each document: the median wall time of `yusuan check FILE --format json` (whole process, 3 runs),
its time per 40 pages, and the time PyMuPDF alone takes to open the file and extract every page's
characters (`page.get_text("rawdict")`, in-process, median of 3).  Targets (issue 9): ≤ 1 s per 40
pages, and ≤ 2.5 × the PyMuPDF time.

    .venv/bin/python bench/speed_national.py [--only 水务局]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path

import pymupdf

from corpus_documents import CORPUS, ROOT

YUSUAN = ROOT / ".venv" / "bin" / "yusuan"
RUNS = 3


def check_seconds(path: Path) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([str(YUSUAN), "check", str(path), "--format", "json"], capture_output=True, check=False)
        times.append(time.perf_counter() - start)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    files = sorted(p for p in (CORPUS / "national").glob("*.pdf") if args.only in p.name)
    print("| document | pages | check s | s / 40 pages | PyMuPDF chars s | ratio |")
    print("|---|---|---|---|---|---|")
    for path in files:
        check = check_seconds(path)
        chars, pages = pymupdf_seconds(path)
        print(f"| {path.stem} | {pages} | {check:.2f} | {check * 40 / pages:.2f} | {chars:.2f} | {check / chars:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
