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


FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "national" / "gz-xfj-2026.pdf")


def _ending(entry: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """`yusuan ARGV…` run by `entry` (`main`, or the console command's `command`), with an object that says so on
    stderr when the interpreter's teardown frees it, after an exit handler that says it ran.

    The object is kept as a builtin: the teardown restores the builtins it started with, which frees it at once
    and every time.  (Kept in `__main__`, it was freed only when something still held that module, its globals
    being a cycle the frozen collector never walks: the ordinary run lacked "torn down" now and then.)"""
    run = (
        "import atexit, builtins, os, sys\n"
        f"from yusuan.__main__ import {entry}\n"
        "class Kept:\n"
        "    def __del__(self, write=os.write): write(2, b'torn down\\n')\n"
        "builtins.yusuan_test_kept = Kept()\n"
        "atexit.register(lambda: print('handlers ran', file=sys.stderr))\n"
        f"sys.argv = ['yusuan', *{list(argv)!r}]\n"
        f"{entry}()\n"
    )
    return _run(run)


def test_a_check_ends_at_once_with_its_exit_handlers_run_and_its_output_flushed() -> None:
    usual, at_once = (_ending(entry, "check", FIXTURE, "--format", "json") for entry in ("main", "command"))
    assert '"findings"' in at_once.stdout
    assert (at_once.stdout, at_once.returncode) == (usual.stdout, usual.returncode)
    assert usual.stderr.endswith("handlers ran\ntorn down\n")  # the interpreter's teardown frees `kept`
    assert at_once.stderr == usual.stderr.removesuffix("torn down\n")  # no teardown


def test_a_batch_ends_at_once_with_its_store_closed_whole(tmp_path: Path) -> None:
    usual, at_once = (
        _ending(entry, "batch", FIXTURE, "--db", str(tmp_path / f"{entry}.duckdb"), "--workers", "1")
        for entry in ("main", "command")
    )
    assert (at_once.returncode, usual.returncode) == (0, 0), at_once.stderr
    assert usual.stderr.endswith("handlers ran\ntorn down\n")
    assert at_once.stderr.endswith("handlers ran\n")  # no teardown
    assert "1 份已写入" in at_once.stderr and "command.duckdb" in at_once.stderr  # the summary, flushed
    import duckdb

    with duckdb.connect(str(tmp_path / "command.duckdb"), read_only=True) as store:
        assert store.execute("select count(*) from documents where status = 'checked'").fetchone() == (1,)


def test_a_library_warning_is_not_shown_to_the_user(tmp_path: Path) -> None:
    """openpyxl warns in English on a date cell past year 9999; the command says only what is wrong, in Chinese."""
    from openpyxl import load_workbook

    book = tmp_path / "budget.xlsx"
    assert (
        _run("import sys; from yusuan.__main__ import main; main()", "template", "--example", str(book)).returncode == 0
    )
    workbook = load_workbook(book)
    [label] = [c for row in workbook["单位信息"].iter_rows() for c in row if c.value == "落款日期"]
    cell = workbook["单位信息"].cell(label.row, label.column + 1)
    cell.value, cell.number_format = 3000000, "yyyy-mm-dd"
    workbook.save(book)
    done = _run("import sys; from yusuan.__main__ import main; main()", "build", str(book), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr == f"错误：{book} 单位信息!{cell.coordinate}: 应为日期（如 2024-02-25），而不是 '#VALUE!'\n"
