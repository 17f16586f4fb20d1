"""A worker with a processor to spare reads its next PDF while it checks; nothing is lost or read twice over."""

from __future__ import annotations

import shutil
import sys
from collections import deque
from pathlib import Path

import pytest

from yusuan.batch.pool import Limits, WorkerPool, _Worker
from yusuan.batch.run import run_batch
from yusuan.cpus import usable_cpus
from yusuan.store import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDFS = [FIXTURES / "national" / name for name in ("gz-xfj-2026.pdf", "hz-gaj-2026.pdf", "sz-tjj-2026.pdf")]
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or usable_cpus() < 2, reason="the read-ahead forks (Linux, two processors)"
)

JOBS = """
import os, time
from pathlib import Path
from yusuan.extract import pdf_prefetch

def job(paths):
    if os.path.basename(paths[0]).startswith("slow"):
        time.sleep(30)
    child = pdf_prefetch.claim(Path(paths[0]))
    if child is not None:
        child.close()
    return [child is not None]
"""


NO_DESCRIPTORS = """
import errno, os

def _no_pipe():
    raise OSError(errno.EMFILE, "Too many open files")

os.pipe = _no_pipe  # in the worker: every read-ahead fails to start
"""


@pytest.fixture
def jobs_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ahead_jobs.py").write_text(JOBS, encoding="utf-8")
    (tmp_path / "starved_jobs.py").write_text(NO_DESCRIPTORS + JOBS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_one_worker_finds_each_next_pdf_being_read(jobs_module: Path) -> None:
    pool = WorkerPool(1, LIMITS, "ahead_jobs:job", read_ahead=True)
    results = [(Path(job[0]).name, records) for job, records in pool.run([(str(p),) for p in PDFS])]
    assert results == [("gz-xfj-2026.pdf", [False]), ("hz-gaj-2026.pdf", [True]), ("sz-tjj-2026.pdf", [True])]


def test_without_a_spare_processor_nothing_is_read_ahead(jobs_module: Path) -> None:
    pool = WorkerPool(1, LIMITS, "ahead_jobs:job")
    assert [records for _job, records in pool.run([(str(p),) for p in PDFS])] == [[False]] * 3


def test_a_reserved_job_outlives_its_worker_and_an_idle_worker_takes_one(jobs_module: Path) -> None:
    slow = jobs_module / "slow.pdf"
    shutil.copy(PDFS[0], slow)
    one = WorkerPool(1, Limits(seconds=2, memory_bytes=LIMITS.memory_bytes), "ahead_jobs:job", read_ahead=True)
    results = {Path(job[0]).name: records for job, records in one.run([(str(slow),), (str(PDFS[1]),)])}
    assert results["slow.pdf"][0].status == "timeout"
    assert results["hz-gaj-2026.pdf"] == [False]  # its reader died with the stopped worker; checked all the same
    two = WorkerPool(2, LIMITS, "ahead_jobs:job", read_ahead=True)
    names = sorted(Path(job[0]).name for job, _records in two.run([(str(p),) for p in PDFS]))
    assert names == sorted(p.name for p in PDFS)  # each once, whichever worker took the reserved ones


def test_a_batch_stores_the_same_with_and_without_reading_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for pdf in PDFS:
        shutil.copy(pdf, tmp_path / pdf.name)
    query = (
        "SELECT name, unit, errors, warnings, notices, (SELECT count(*) FROM cells c WHERE c.document_id = d.id) "
        "FROM documents d JOIN files f ON f.document_id = d.id ORDER BY name"
    )

    def stored(db: Path) -> list[tuple[object, ...]]:
        connection = open_store(db)
        try:
            return list(connection.execute(query).fetchall())
        finally:
            connection.close()

    reserved: list[bool] = []
    real_init = WorkerPool.__init__

    def recording_init(self: WorkerPool, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        reserved.append(self.read_ahead)

    monkeypatch.setattr(WorkerPool, "__init__", recording_init)
    ahead = run_batch([tmp_path], tmp_path / "ahead.duckdb", workers=1, limits=LIMITS)
    monkeypatch.setenv("YUSUAN_JOBS", "1")
    alone = run_batch([tmp_path], tmp_path / "alone.duckdb", workers=1, limits=LIMITS)
    assert reserved[0] is True
    assert ahead.by_status == alone.by_status == {"checked": 3}
    assert stored(tmp_path / "ahead.duckdb") == stored(tmp_path / "alone.duckdb")


def test_a_read_ahead_that_cannot_start_costs_nothing_but_time(jobs_module: Path) -> None:
    pool = WorkerPool(1, LIMITS, "starved_jobs:job", read_ahead=True)
    assert [records for _job, records in pool.run([(str(p),) for p in PDFS])] == [[False]] * 3  # none crashed


class _Recorder:
    def __init__(self) -> None:
        self.sent: list[object] = []

    def send(self, message: object) -> None:
        self.sent.append(message)


def test_every_idle_worker_gets_a_job_before_a_next_one_is_reserved() -> None:
    pool = WorkerPool(3, LIMITS, read_ahead=True)
    pool._live = [_Worker(process=None, connection=_Recorder()) for _ in range(3)]  # type: ignore[arg-type]
    jobs = ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.txt", "f.pdf", "g.pdf", "h.pdf"]
    pool._dispatch(deque((name,) for name in jobs))
    assert [w.connection.sent for w in pool._live] == [  # type: ignore[attr-defined]
        [(("a.pdf",), "d.pdf"), (("d.pdf",), "g.pdf")],  # then d waits in its pipe, g reserved
        [(("b.pdf",), None), (("e.txt",), "h.pdf")],  # e.txt is no PDF: nothing to read ahead after b
        [(("c.pdf",), None), (("f.pdf",), None)],
    ]
    first, second, third = pool._live
    second.sent.clear()  # b and e done, and c and f; `first` still checks a, with d waiting and g reserved
    third.sent.clear()
    waiting: deque[tuple[str, ...]] = deque([("i.txt",)])
    pool._dispatch(waiting)
    assert second.connection.sent[-2:] == [(("h.pdf",), None), (("g.pdf",), None)]  # type: ignore[attr-defined]
    assert third.connection.sent[-1] == (("i.txt",), None)  # type: ignore[attr-defined]
    assert first.ahead is None and not waiting  # g: taken from the busy worker's reservation
    assert list(first.sent) == [("a.pdf",), ("d.pdf",)]
