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
MAX_SECONDS = 5.0
MAX_MEMORY_MB = 500


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    memory_mb: float


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


def measured(args: list[str], cwd: Path, **extra: str) -> Run:
    """Like `run`, with the child's peak memory from wait4 (the output is read after it exits)."""
    started = time.monotonic()
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "yusuan", *args], cwd=cwd, env=environment(**extra), stdout=out, stderr=err
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    stdout, stderr = out_path.read_text(), err_path.read_text()
    out_path.unlink()
    err_path.unlink()
    return Run(process.returncode, stdout, stderr, seconds, usage.ru_maxrss / 1024)


def snapshot(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def leftovers(folder: Path) -> list[Path]:
    """Temporary files or folders of yusuan under `folder`."""
    return [p for p in folder.rglob("*") if TEMP_MARK in p.name]
