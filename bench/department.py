"""Benchmark a big department (issue 11): compile ≤ 0.5 s, build its PDF ≤ 10 s.

Writes a constructed department of 50 units (3,002 lines, 800 projects;
bench/department_data.py) to a temporary folder, then measures:

- compile: `compile_budget` of the department's budget, in-process after a
  warm-up (median and min of RUNS runs; CPU seconds beside wall seconds);
- load: reading the 51 YAML files and summing the units (`load_budget`);
- the whole `yusuan build department.yaml --format pdf` process (median of 3),
  as built (the PDF typeset by two workers, `yusuan.render.pdf_parallel`) and
  with `YUSUAN_JOBS=1` (one process), the two alternating run by run.

The figures, the command and the machine's load average go into the
hand-written part of docs/benchmarks.md, between this script's markers, so
`bench/run.py` keeps them and a rerun replaces them.

Run: `export PYTHONPATH=$PWD/src:$PWD; .venv/bin/python bench/department.py [--units N] [--no-write]`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from bench.department_data import write_department  # noqa: E402

BENCHMARKS = ROOT / "docs" / "benchmarks.md"
KEPT_MARK = "<!-- written by hand below: bench/run.py keeps it -->"
START = "<!-- bench/department.py: start -->"
END = "<!-- bench/department.py: end -->"
RUNS = 7


def _timed(call: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median wall, min wall and median CPU seconds of `runs` calls (after one warm-up)."""
    call()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def _process(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + sys, children included) seconds of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, **(env or {})}
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(units: int) -> dict[str, Any]:
    from yusuan.compile import compile_budget
    from yusuan.inputs import load_budget
    from yusuan.model import Budget

    with tempfile.TemporaryDirectory(prefix="yusuan-department-") as folder:
        path = write_department(Path(folder) / "department", units=units)
        load_before = os.getloadavg()
        start = time.perf_counter()
        budget = load_budget(path)
        load_s = time.perf_counter() - start
        assert isinstance(budget, Budget)
        compile_median, compile_min, compile_cpu = _timed(lambda: compile_budget(budget), RUNS)
        pdf_runs, one_runs = [], []
        for n in range(3):
            for jobs, runs in [("", pdf_runs), ("1", one_runs)][:: 1 if n % 2 == 0 else -1]:
                argv = [sys.executable, "-m", "yusuan", "build", str(path), "-o", str(Path(folder) / f"out{n}{jobs}")]
                runs.append(_process([*argv, "--format", "pdf"], {"YUSUAN_JOBS": jobs} if jobs else None))
        pages = _pages(next((Path(folder) / "out0").glob("*.pdf")))
        load_after = os.getloadavg()
    return {
        "units": units,
        "lines": len(budget.lines),
        "projects": len(budget.projects),
        "load_s": load_s,
        "compile_median": compile_median,
        "compile_min": compile_min,
        "compile_cpu": compile_cpu,
        "pdf_median": statistics.median(w for w, _c in pdf_runs),
        "pdf_min": min(w for w, _c in pdf_runs),
        "pdf_cpu": statistics.median(c for _w, c in pdf_runs),
        "one_median": statistics.median(w for w, _c in one_runs),
        "one_min": min(w for w, _c in one_runs),
        "one_cpu": statistics.median(c for _w, c in one_runs),
        "pages": pages,
        "loadavg": (load_before[0], load_after[0]),
    }


def _pages(pdf: Path) -> int:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return int(document.page_count)


def _met(value: float, target: float) -> str:
    return "yes" if value <= target else "**no**"


def section(f: dict[str, Any], command: str) -> str:
    before, after = f["loadavg"]
    return "\n".join(
        [
            START,
            "## A department of 50 units (issue 11)",
            "",
            f"Command: `{command}` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; 1-minute load average "
            f"{before:.1f} before and {after:.1f} after on this 2-core VM; under load, wall times exceed the CPU "
            "times, which move less with it).  The department (bench/department_data.py): "
            f"{f['units']} units, {f['lines']:,} lines after summing, {f['projects']} projects, 120 function 项 codes; "
            f"its PDF has {f['pages']} pages.",
            "",
            "| what | wall median | wall min | CPU median | target | met (wall) | met (CPU) |",
            "|---|---|---|---|---|---|---|",
            f"| compile (`compile_budget`, in-process, {RUNS} runs) | {f['compile_median']:.3f} s | "
            f"{f['compile_min']:.3f} s | {f['compile_cpu']:.3f} s | ≤ 0.5 s | {_met(f['compile_median'], 0.5)} | "
            f"{_met(f['compile_cpu'], 0.5)} |",
            f"| read 51 YAML files and sum the units (`load_budget`, once) | {f['load_s']:.2f} s | — | — | — | — | — |",
            f"| `yusuan build department.yaml --format pdf` (whole process, 3 runs; two workers) | "
            f"{f['pdf_median']:.1f} s | {f['pdf_min']:.1f} s | {f['pdf_cpu']:.1f} s | ≤ 10 s | "
            f"{_met(f['pdf_median'], 10)} | {_met(f['pdf_cpu'], 10)} |",
            f"| the same with `YUSUAN_JOBS=1` (one process; 3 runs, alternating with the above) | "
            f"{f['one_median']:.1f} s | {f['one_min']:.1f} s | {f['one_cpu']:.1f} s | ≤ 10 s | "
            f"{_met(f['one_median'], 10)} | {_met(f['one_cpu'], 10)} |",
            END,
        ]
    )


def write(text: str) -> None:
    old = BENCHMARKS.read_text(encoding="utf-8")
    if START in old and END in old:
        new = old[: old.index(START)] + text + old[old.index(END) + len(END) :]
    else:
        if KEPT_MARK not in old:
            raise SystemExit(f"{BENCHMARKS} has no hand-written part ({KEPT_MARK})")
        head, tail = old.split(KEPT_MARK, 1)
        new = f"{head}{KEPT_MARK}\n\n{text}\n{tail}"
    BENCHMARKS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--no-write", action="store_true", help="print the section instead of writing it")
    args = parser.parse_args()
    figures = measure(args.units)
    command = "export PYTHONPATH=$PWD/src:$PWD; .venv/bin/python bench/department.py"
    text = section(figures, command)
    print(text)
    if not args.no_write:
        write(text)


if __name__ == "__main__":
    main()
