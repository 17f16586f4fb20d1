"""`yusuan batch` does its preliminaries once: the folders are walked once (the empty-batch check before the
progress bar hands its files to `run_batch`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.batch import discover as discover_module
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
