"""`yusuan batch` does its preliminaries once: the folders are walked once (the empty-batch check before the
progress bar hands its files to `run_batch`), and the Dask address is checked once, before any work."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.batch import discover as discover_module
from yusuan.batch import options
from yusuan.batch import run as batch_run
from yusuan.batch.pool import Limits
from yusuan.cli import app

runner = CliRunner()
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """The paths of each `discover` call the batch makes, as they come."""
    calls: list[list[Path]] = []

    def counted(paths: Iterable[Path]) -> list[Path]:
        given = list(paths)
        calls.append(given)
        return discover_module.discover(given)

    monkeypatch.setattr(batch_run, "discover", counted)
    return calls


def _notes(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "notes.txt").write_text("随便写的几行字\n", encoding="utf-8")
    return folder


def test_the_batch_command_walks_the_folders_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _notes(tmp_path / "docs")
    walks = _walks(monkeypatch)
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["batch", str(folder), "--db", str(db), "--workers", "1"], terminal_width=400)
    assert result.exit_code == 2  # the one file is no disclosure: nothing could be checked
    assert walks == [[folder]]
    assert "结果已写入" in result.output


def test_a_library_caller_of_run_batch_has_its_folders_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _notes(tmp_path / "docs")
    walks = _walks(monkeypatch)
    summary = batch_run.run_batch([folder], tmp_path / "s.duckdb", workers=1, limits=LIMITS)
    assert (walks, summary.files, dict(summary.by_status)) == ([[folder]], 1, {"refused": 1})
    given = batch_run.run_batch(
        [folder], tmp_path / "t.duckdb", workers=1, limits=LIMITS, files=[folder / "sub" / "notes.txt"]
    )
    assert (len(walks), given.files, dict(given.by_status)) == (1, 1, {"refused": 1})


def test_the_dask_address_is_checked_once_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []

    def counted(address: str) -> None:
        checked.append(address)
        options_check(address)

    options_check = options.check_dask_address
    monkeypatch.setattr(options, "check_dask_address", counted)

    class Unreachable:  # stands for `DaskExecutor`, without importing Dask into the test process
        def __init__(self, address: str, *_: object) -> None:
            raise ConnectionRefusedError(address)

    fake = types.ModuleType("yusuan.batch.dask_executor")
    fake.DaskExecutor = Unreachable  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "yusuan.batch.dask_executor", fake)
    folder = _notes(tmp_path / "docs")
    arguments = ["batch", str(folder), "--db", str(tmp_path / "s.duckdb"), "--dask", "127.0.0.1:8786"]
    result = runner.invoke(app, arguments, terminal_width=400)
    assert (result.exit_code, result.output.strip()) == (
        2,
        "错误：--dask: 无法连接 Dask 调度器 127.0.0.1:8786："
        "连接被拒绝或 10 秒内无应答；请确认调度器已启动、地址和端口无误",
    )
    assert checked == ["127.0.0.1:8786"]
    assert not (tmp_path / "s.duckdb").exists()
