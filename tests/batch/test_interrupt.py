"""Ctrl-C during a batch: what was stored stays, and the command says it was interrupted — also when the
interrupt lands while DuckDB runs a statement, which DuckDB reports as its own `RuntimeError`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from yusuan.batch import run as batch_run
from yusuan.batch.pool import Limits
from yusuan.cli import app
from yusuan.store import open_store
from yusuan.store.schema import query_interrupted

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SRC = Path(__file__).resolve().parents[2] / "src"
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)


INTERRUPTED_QUERY = """
import os, signal, sys, threading
import duckdb
from yusuan.store.schema import query_interrupted

signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if started with it ignored
connection = duckdb.connect()
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C, 0.3 s into ≈ 3 s of work
try:
    connection.execute("SELECT count(*) FROM range(1000000000) t(x) WHERE x % 7 = 3").fetchall()
except BaseException as exc:
    print(type(exc).__name__, isinstance(exc, KeyboardInterrupt) or query_interrupted(exc))
print(connection.execute("SELECT 1").fetchall() == [(1,)])
"""


def test_duckdb_reports_an_interrupt_during_a_statement_in_a_way_we_recognise() -> None:
    done = subprocess.run(  # in a process of its own: its own signal handlers, no other test's threads
        [sys.executable, "-c", INTERRUPTED_QUERY],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    caught, usable = done.stdout.split("\n")[:2]
    assert caught.endswith(" True"), caught  # RuntimeError('Query interrupted') with DuckDB 2.0
    assert usable == "True"  # and the connection is still usable
    assert not query_interrupted(RuntimeError("something else"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("gz-xfj-2026.pdf", "sz-tjj-2026.pdf"):
        shutil.copy(FIXTURES / "national" / name, tmp_path / name)
    return tmp_path


def _interrupted_on_second_store(monkeypatch: pytest.MonkeyPatch) -> None:
    real_store = batch_run.store_record
    calls = []

    def store_record(connection: Any, record: Any, *then: Any, **replaces: Any) -> int:
        calls.append(record)
        if len(calls) == 2:  # as DuckDB raises it when Ctrl-C comes in the middle of an INSERT
            connection.execute("BEGIN TRANSACTION")
            connection.execute("ROLLBACK")
            raise RuntimeError("Query interrupted")
        return real_store(connection, record, *then, **replaces)

    monkeypatch.setattr(batch_run, "store_record", store_record)


def test_an_interrupt_while_storing_keeps_what_was_stored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _interrupted_on_second_store(monkeypatch)
    db = folder / "out.duckdb"
    with pytest.raises(batch_run.BatchInterrupted) as stopped:
        batch_run.run_batch([folder], db, workers=1, limits=LIMITS)
    assert stopped.value.summary.documents == 1
    connection = open_store(db)
    try:
        assert connection.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
    finally:
        connection.close()


def test_the_command_says_it_was_interrupted_not_that_it_failed(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _interrupted_on_second_store(monkeypatch)
    db = folder / "out.duckdb"
    result = CliRunner().invoke(app, ["batch", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 130
    said = result.output.replace("\n", "")  # as wrapped to the terminal's width
    assert f"已中断；本次已写入 1 份文档（保存在 {db}），再次运行即从中断处继续" in said
    assert "内部错误" not in said


def test_any_command_stopped_inside_a_statement_says_it_was_interrupted(capsys: pytest.CaptureFixture[str]) -> None:
    import typer

    from yusuan.cli import user_errors

    @user_errors
    def export() -> None:
        raise RuntimeError("Query interrupted")

    with pytest.raises(typer.Exit) as stopped:
        export()
    assert stopped.value.exit_code == 130
    assert capsys.readouterr().err.strip() == "已中断，未写入任何文件。"
