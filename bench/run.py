"""Benchmarks: measure the figures the issues ask for and write docs/benchmarks.md.

Not a timed test: run with `make bench`.  Whole-process figures start a fresh
interpreter each time (what a user waits for); in-process figures time one
function after a warm-up.  Each figure is the median of several runs, with the
peak resident memory of the slowest process.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
YUSUAN = str(Path(PYTHON).with_name("yusuan"))
KEPT_MARK = "<!-- written by hand below: bench/run.py keeps it -->"
EXAMPLE = ROOT / "examples" / "kizilsu-2024" / "budget.yaml"
REFERENCE = ROOT / "tests" / "fixtures" / "kizilsu-2024-party-committee-office-budget.txt"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


@dataclass
class Figure:
    name: str
    command: str
    median_s: float
    min_s: float
    peak_mb: float | None
    target: str
    ok: bool


def run_process(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if proc.stderr:
        err = proc.stderr.read().decode()
        proc.stderr.close()
    else:
        err = ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def _shown(arg: str) -> str:
    """An argument as the report prints it: the command name, a repo-relative path, or OUT."""
    if arg in (PYTHON, YUSUAN):
        return Path(arg).name
    if arg.startswith(tempfile.gettempdir()):
        return "OUT"
    return os.path.relpath(arg, ROOT) if arg.startswith("/") else arg


def process_figure(name: str, argv: list[str], limit_s: float, limit_mb: float | None = None) -> Figure:
    samples = [run_process(argv)]
    runs = RUNS if samples[0][0] > 1 else 2 * RUNS + 1  # sub-second figures: more runs against machine noise
    samples += [run_process(argv) for _ in range(runs - 1)]
    times = [s for s, _ in samples]
    peak = max(m for _, m in samples)
    ok = statistics.median(times) <= limit_s and (limit_mb is None or peak <= limit_mb)
    target = f"≤ {limit_s:g} s" + (f", ≤ {limit_mb:g} MB" if limit_mb else "")
    command = " ".join(_shown(a) for a in argv)
    return Figure(name, command, statistics.median(times), min(times), peak, target, ok)


def inprocess_figure(name: str, command: str, func: Callable[[], object], limit_s: float) -> Figure:
    func()  # warm-up: imports and caches
    times = []
    for _ in range(max(RUNS, 20)):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return Figure(name, command, median, min(times), None, f"≤ {limit_s * 1000:g} ms", median <= limit_s)


def compile_bytecode() -> None:
    """Write yusuan's .pyc files first, as pip does when it installs a package.

    An editable install under PYTHONDONTWRITEBYTECODE=1 never writes them, and
    then every run compiles yusuan's modules from source (about 50 ms more).
    """
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src" / "yusuan")], check=True)


def yardstick() -> float:
    """Median seconds of a process that only imports pydantic: how fast this machine is right now.

    A shared virtual machine's speed drifts between runs (this one has measured 53–88 ms for it);
    printed with the figures, it tells a slow run from a slow yusuan.
    """
    argv = [PYTHON, "-c", "import pydantic; pydantic.BaseModel"]
    return statistics.median(run_process(argv)[0] for _ in range(2 * RUNS + 1))


def main() -> None:
    compile_bytecode()
    before = yardstick()
    sys.path.insert(0, str(ROOT / "src"))
    from yusuan.compile import compile_budget
    from yusuan.inputs import load_budget

    budget = load_budget(EXAMPLE)
    out = Path(tempfile.mkdtemp(prefix="yusuan-bench-"))  # printed as OUT in the report
    figures = [
        inprocess_figure(
            "compile the example (Budget → Disclosure)",
            "compile_budget(example)",
            lambda: compile_budget(budget),
            0.020,
        ),
        process_figure(
            "build the example to HTML + XLSX",
            [YUSUAN, "build", str(EXAMPLE), "-o", str(out), "--format", "html,xlsx"],
            1.0,
        ),
        process_figure(
            "build the example to PDF", [YUSUAN, "build", str(EXAMPLE), "-o", str(out), "--format", "pdf"], 3.0
        ),
        process_figure(
            "build the example to DOCX", [YUSUAN, "build", str(EXAMPLE), "-o", str(out), "--format", "docx"], 1.0
        ),
    ]
    figures.append(process_figure("check the reference (text)", [YUSUAN, "check", str(REFERENCE)], 0.3))
    corpus_pdf = ROOT / "tests" / "fixtures" / "corpus" / "js-jcy-2017.pdf"  # 25 pages, Jiangsu 2017
    figures.append(process_figure("check a 25-page corpus PDF", [YUSUAN, "check", str(corpus_pdf)], 1.0, 200))
    write_report(figures, (before, yardstick()))


def write_report(figures: list[Figure], yardsticks: tuple[float, float]) -> None:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run.py); do not edit this part by hand "
        "(the sections after the marker below are kept).",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Runs per figure: {RUNS}, or {2 * RUNS + 1} when a run takes under "
        "1 s (in-process: ≥ 20, after a warm-up).",
        "Whole-process figures include interpreter start and all imports, with yusuan's bytecode compiled first "
        "(`python -m compileall src/yusuan`, as pip does at install; `make setup` does it too).",
        "Yardstick of the machine's speed during this run: `python -c 'import pydantic; pydantic.BaseModel'` took "
        f"{yardsticks[0] * 1000:.1f} ms before the figures and {yardsticks[1] * 1000:.1f} ms after (median of "
        f"{2 * RUNS + 1}).  This shared virtual machine's speed drifts between runs, and every figure below "
        "moves with the yardstick.",
        "",
        "| what | command | median | min | peak RSS | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        median = f"{f.median_s * 1000:.1f} ms" if f.median_s < 1 else f"{f.median_s:.2f} s"
        minimum = f"{f.min_s * 1000:.1f} ms" if f.min_s < 1 else f"{f.min_s:.2f} s"
        peak = f"{f.peak_mb:.0f} MB" if f.peak_mb is not None else "—"
        lines.append(
            f"| {f.name} | `{f.command}` | {median} | {minimum} | {peak} | {f.target} | {'yes' if f.ok else 'NO'} |"
        )
    target = ROOT / "docs" / "benchmarks.md"
    kept = ""  # the hand-written sections after KEPT_MARK (other benches' figures) stay as they are
    if target.exists() and KEPT_MARK in (old := target.read_text(encoding="utf-8")):
        kept = "\n" + old[old.index(KEPT_MARK) :]
    target.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
