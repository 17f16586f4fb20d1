"""A batch reads each file once: a part of a publication comes back unchecked and is checked with its parts.

The records must be exactly those of checking the files together (`check_job`, as `yusuan check a b`), whether
the worker still keeps the parts' readings or has to read them again.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from yusuan.batch import job as batch
from yusuan.batch.job import TOGETHER, Part, batch_job, check_job
from yusuan.batch.pool import Limits, WorkerPool
from yusuan.batch.run import run_batch
from yusuan.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NARRATIVE = str(FIXTURES / "multifile" / "js-swbgt-2017.pdf")
TABLES = str(FIXTURES / "corpus" / "js-swbgt-2017-tables.pdf")


def _timeless(records: list[Any]) -> list[Any]:
    return [dataclasses.replace(r, seconds=0.0) for r in records]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read from disk (laid out from their PDF) from now on."""
    from yusuan.extract import publications

    seen: list[str] = []
    original: Callable[..., Any] = publications.document_lines

    def counted(path: Path, template_id: str | None = None) -> Any:
        seen.append(Path(path).name)
        return original(path, template_id)

    monkeypatch.setattr(publications, "document_lines", counted)
    monkeypatch.setattr(batch, "_kept", type(batch._kept)())
    return seen


def test_parts_are_read_once_and_checked_once_as_one_publication(reads: list[str]) -> None:
    narrative, tables = batch_job((NARRATIVE,)), batch_job((TABLES,))
    assert [type(r) for r in narrative + tables] == [Part, Part]
    assert (narrative[0].apart, tables[0].apart) == ("tables", "narrative")
    assert reads == ["js-swbgt-2017.pdf", "js-swbgt-2017-tables.pdf"]
    joined = batch_job((NARRATIVE, TABLES, TOGETHER))
    assert reads == ["js-swbgt-2017.pdf", "js-swbgt-2017-tables.pdf"]  # the kept readings, not the files again
    assert len(joined) == 1 and joined[0].status == "checked" and joined[0].apart is None
    assert _timeless(joined) == _timeless(check_job((NARRATIVE, TABLES)))
    assert not batch._kept


def test_a_part_no_longer_kept_is_read_again_with_the_same_result(
    reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "KEPT", 1)
    batch_job((NARRATIVE,))
    batch_job((TABLES,))  # the narrative's reading is let go
    joined = batch_job((NARRATIVE, TABLES, TOGETHER))
    assert reads == ["js-swbgt-2017.pdf", "js-swbgt-2017-tables.pdf", "js-swbgt-2017.pdf"]
    assert _timeless(joined) == _timeless(check_job((NARRATIVE, TABLES)))


def test_a_part_alone_in_its_folder_is_stored_as_a_part(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    shutil.copy(NARRATIVE, tmp_path / "js")
    db = tmp_path / "parts.duckdb"
    summary = run_batch([tmp_path / "js"], db, workers=1, limits=Limits(60, 2048 * 1024 * 1024))
    assert dict(summary.by_status) == {"checked": 1}
    connection = open_store(db)
    try:
        rows = connection.execute("SELECT status, unit, apart FROM documents").fetchall()
    finally:
        connection.close()
    assert rows == [("checked", "江苏省委办公厅", "tables")]
    [alone] = check_job((str(tmp_path / "js" / "js-swbgt-2017.pdf"),))
    assert alone.apart == "tables"


def test_a_file_that_is_not_a_part_is_read_once(reads: list[str]) -> None:
    path = str(FIXTURES / "national" / "sz-tjj-2026.pdf")
    records = batch_job((path,))
    assert reads == ["sz-tjj-2026.pdf"]
    assert _timeless(records) == _timeless(check_job((path,)))


READ_LOG = """
import os
from pathlib import Path
from yusuan.batch.job import batch_job
from yusuan.extract import publications

_read = publications.document_lines

def _logged(path, template_id=None):
    with open(os.environ["YUSUAN_TEST_READS"], "a", encoding="utf-8") as log:
        log.write(Path(path).name + "\\n")
    return _read(path, template_id)

publications.document_lines = _logged

def job(paths):
    return batch_job(paths)
"""


def test_a_batch_reads_every_file_once_in_its_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "read_log.py").write_text(READ_LOG, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("YUSUAN_TEST_READS", str(tmp_path / "reads.log"))
    folder = tmp_path / "docs" / "js"
    folder.mkdir(parents=True)
    for path in (NARRATIVE, TABLES, str(FIXTURES / "national" / "sz-tjj-2026.pdf")):
        shutil.copy(path, folder)
    db = tmp_path / "once.duckdb"
    summary = run_batch(
        [tmp_path / "docs"], db, workers=1, limits=Limits(60, 2048 * 1024 * 1024), target="read_log:job"
    )
    assert dict(summary.by_status) == {"checked": 2}
    reads = (tmp_path / "reads.log").read_text("utf-8").split()
    assert sorted(reads) == ["js-swbgt-2017-tables.pdf", "js-swbgt-2017.pdf", "sz-tjj-2026.pdf"]


def test_a_folders_parts_are_joined_as_soon_as_its_files_are_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "read_log.py").write_text(READ_LOG, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("YUSUAN_TEST_READS", str(tmp_path / "reads.log"))
    first, later = tmp_path / "docs" / "a-js", tmp_path / "docs" / "b-others"
    first.mkdir(parents=True)
    later.mkdir()
    shutil.copy(NARRATIVE, first)
    shutil.copy(TABLES, first)
    later_names = ["cq-xcb-2026.pdf", "gz-xfj-2026.pdf", "hz-gaj-2026.pdf", "sz-tjj-2026.pdf", "wx-yjj-unit-2026.pdf"]
    for name in later_names:
        shutil.copy(FIXTURES / "national" / name, later)
    finished: list[tuple[str, ...]] = []
    real_run = WorkerPool.run

    def recording_run(self: WorkerPool, jobs: Any) -> Any:
        for job, records in real_run(self, jobs):
            finished.append(tuple(Path(path).name for path in job if path != TOGETHER))
            yield job, records

    monkeypatch.setattr(WorkerPool, "run", recording_run)
    summary = run_batch(
        [tmp_path / "docs"],
        tmp_path / "early.duckdb",
        workers=1,
        limits=Limits(60, 2048 * 1024 * 1024),
        target="read_log:job",
    )
    assert dict(summary.by_status) == {"checked": 6}
    [joined] = [index for index, names in enumerate(finished) if len(names) == 2]
    assert set(finished[joined]) == {"js-swbgt-2017.pdf", "js-swbgt-2017-tables.pdf"}
    assert joined < len(finished) - 1, finished  # not left for last: checked while the other folder's files were
    reads = (tmp_path / "reads.log").read_text("utf-8").split()
    assert sorted(reads) == sorted(["js-swbgt-2017.pdf", "js-swbgt-2017-tables.pdf", *later_names])  # each once
