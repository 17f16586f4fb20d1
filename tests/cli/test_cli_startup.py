"""The command's start-up and end: what `import yusuan.cli` must not load (Rich's help and traceback machinery),
and a check ending at once."""

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


def test_a_check_ends_at_once_with_its_exit_handlers_run_and_its_output_flushed() -> None:
    fixture = str(Path(__file__).resolve().parents[1] / "fixtures" / "national" / "gz-xfj-2026.pdf")
    run = (
        "import atexit, os, sys\n"
        "from yusuan.__main__ import {0}\n"
        "class Kept:\n"
        "    def __del__(self, write=os.write): write(2, b'torn down\\n')\n"
        "kept = Kept()\n"
        "atexit.register(lambda: print('handlers ran', file=sys.stderr))\n"
        f"sys.argv = ['yusuan', 'check', {fixture!r}, '--format', 'json']\n"
        "{0}()\n"
    )
    usual, at_once = _run(run.format("main")), _run(run.format("command"))
    assert '"findings"' in at_once.stdout
    assert (at_once.stdout, at_once.returncode) == (usual.stdout, usual.returncode)
    assert usual.stderr.endswith("handlers ran\ntorn down\n")  # the interpreter's teardown frees `kept`
    assert at_once.stderr == usual.stderr.removesuffix("torn down\n")  # no teardown


def test_a_batch_ends_at_once_with_its_store_closed_whole(tmp_path: Path) -> None:
    fixture = str(Path(__file__).resolve().parents[1] / "fixtures" / "national" / "gz-xfj-2026.pdf")
    run = (
        "import os, sys\n"
        "from yusuan.__main__ import {0}\n"
        "class Kept:\n"
        "    def __del__(self, write=os.write): write(2, b'torn down\\n')\n"
        "kept = Kept()\n"
        "sys.argv = ['yusuan', 'batch', {1!r}, '--db', {2!r}, '--workers', '1']\n"
        "{0}()\n"
    )
    usual = _run(run.format("main", fixture, str(tmp_path / "usual.duckdb")))
    at_once = _run(run.format("command", fixture, str(tmp_path / "at_once.duckdb")))
    assert (at_once.returncode, usual.returncode) == (0, 0), at_once.stderr
    assert usual.stderr.endswith("torn down\n") and "torn down" not in at_once.stderr
    assert "1 份已写入" in at_once.stderr and at_once.stderr.rstrip().endswith("at_once.duckdb")  # flushed
    import duckdb

    with duckdb.connect(str(tmp_path / "at_once.duckdb"), read_only=True) as store:
        assert store.execute("select count(*) from documents where status = 'checked'").fetchone() == (1,)
