"""Run the real `yusuan` command as a hostile user would, and measure what it costs.

Each run is a child process (`python -m yusuan`) whose time and peak memory
come from `os.wait4`; the folder it ran in is listed before and after, so a
test can assert that nothing was written outside `-o` and that no temporary
file or folder was left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from yusuan.render.files import TEMP_MARK

SRC = Path(__file__).resolve().parents[2] / "src"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "kizilsu-2024" / "budget.yaml"
MAX_SECONDS = 5.0  # CPU seconds of the command (its user + system time): what it costs, whatever the load
MAX_WALL_SECONDS = 60.0  # and it never hangs: a generous bound on the wall clock of a shared, loaded machine
MAX_MEMORY_MB = 500


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float  # wall clock
    memory_mb: float
    cpu_seconds: float = 0.0  # user + system time of the command


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUSUAN_")}
    env["PYTHONPATH"] = str(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def start(args: list[str], cwd: Path, **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "yusuan", *args],
        cwd=cwd,
        env=environment(**extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


# Linux carries the parent's peak RSS into a forked child across exec (the
# signal struct keeps the old mm's high-water mark), so a child forked straight
# from a large pytest process reports pytest's peak, not its own. A small
# launcher in between is forked from a process of a few MB and reports the
# peak of the real child from wait4.
LAUNCHER = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measured(args: list[str], cwd: Path, **extra: str) -> Run:
    """Like `run`, with the child's own peak memory (the output is read after it exits)."""
    started = time.monotonic()
    out_path, err_path, rss_path = cwd / ".stdout", cwd / ".stderr", cwd / ".maxrss"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(rss_path), sys.executable, "-m", "yusuan", *args],
            cwd=cwd,
            env=environment(**extra),
            stdout=out,
            stderr=err,
            check=False,
        )
    seconds = time.monotonic() - started
    stdout, stderr = out_path.read_text(), err_path.read_text()
    peak_kb, cpu = rss_path.read_text().split()
    for path in (out_path, err_path, rss_path):
        path.unlink()
    return Run(process.returncode, stdout, stderr, seconds, int(peak_kb) / 1024, float(cpu))


def snapshot(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def leftovers(folder: Path) -> list[Path]:
    """Temporary files or folders of yusuan under `folder`."""
    return [p for p in folder.rglob("*") if TEMP_MARK in p.name]
