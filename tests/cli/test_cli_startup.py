"""The command's start-up: what `import yusuan.cli` must not load (Rich's help and traceback machinery)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)


def test_importing_the_cli_does_not_load_typer_rich_help() -> None:
    done = _run(
        "import sys, yusuan.cli; print(sorted(m for m in sys.modules if m.startswith(('typer.rich', 'rich.markdown'))))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_labels_are_chinese_when_typer_loads_its_help_later() -> None:
    code = "import sys; from yusuan.cli import app; sys.argv = ['yusuan', 'check', '--bogus']; app()"
    done = _run(code)
    assert done.returncode == 2
    assert "错误" in done.stderr and "没有选项 --bogus" in done.stderr
    assert "Error" not in done.stderr and "Usage" not in done.stderr
