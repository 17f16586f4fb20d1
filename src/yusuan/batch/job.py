"""One batch job, run inside a worker: check a group of files and return their records.

`check_job` checks the files of a job together, as `yusuan check` does with
files given together (the web's upload uses it for what a person sends).
`batch_job` is what a batch's workers run.  A batch gives each file its own
job first; whether a file is one part of a publication (a narrative without
its tables, or the reverse) is known only once it is read, so `batch_job`
reads the file alone, and a part comes back unchecked as a `Part` while the
worker keeps its reading.  The batch then joins the parts of one folder into
one job (marked `TOGETHER`), which checks them with the readings kept: each
file is read and hashed once, and a part is checked once, in its publication.
Whatever goes wrong becomes a record with a status and a one-line Chinese
reason; only the worker's death (its memory limit, a crash) or its time limit
escape, and the pool records those.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yusuan.errors import InputError, read_reason
from yusuan.store.records import (
    FileRecord,
    PublicationRecord,
    failed_record,
    file_record,
    publication_records,
    unread_file,
)

if TYPE_CHECKING:
    from yusuan.extract.publications import ReadAlone

TOGETHER = "\x00together"
"""The last element of a `batch_job` job whose files are checked together (the parts found in one folder)."""

READ_AHEAD = ("pdf", "docx", "txt", "html", "htm")
"""Formats `batch_job` reads before deciding (not .yaml or a workbook, which may be budget data files)."""

KEPT = 32
"""Readings of parts a worker keeps for their joined job (the oldest go first: a part not kept is read again)."""


@dataclass(frozen=True)
class Part:
    """A file read alone that is one side of a publication: checked later, with the other parts of its folder."""

    file: FileRecord
    apart: str  # the side it lacks ("tables" or "narrative")


Result = list[PublicationRecord | Part]


def warm_up() -> None:
    """Import what checking needs (≈ 0.3 s), before a worker's first job (`pool`: while the batch hashes)."""
    import yusuan.audit
    import yusuan.extract.publications  # noqa: F401


_kept: OrderedDict[str, tuple[FileRecord, ReadAlone]] = OrderedDict()


def check_job(paths: tuple[str, ...]) -> list[PublicationRecord]:
    """The records of the publications in `paths` (one per publication; one `refused`/`failed` if none)."""
    started = time.perf_counter()
    files: dict[str, FileRecord] = {}
    try:
        for path in paths:
            files[path] = file_record(Path(path))
    except OSError as exc:
        return [_unreadable(tuple(files.values()), path, exc)]
    return _check(paths, files, {}, started)


def batch_job(job: tuple[str, ...]) -> Result:
    """A batch's job: one file alone (a part comes back as a `Part`), or the parts of a folder (`TOGETHER`)."""
    started = time.perf_counter()
    if job[-1:] == (TOGETHER,):
        paths = job[:-1]
        files: dict[str, FileRecord] = {}
        readings: dict[Path, ReadAlone] = {}
        try:
            for path in paths:
                kept = _kept.pop(path, None)
                files[path] = kept[0] if kept else file_record(Path(path))
                if kept:
                    readings[Path(path)] = kept[1]
        except OSError as exc:
            return [_unreadable(tuple(files.values()), path, exc)]
        return list(_check(paths, files, readings, started))
    if len(job) != 1 or Path(job[0]).suffix.lower().lstrip(".") not in READ_AHEAD:
        return list(check_job(job))
    path = job[0]
    try:
        record = file_record(Path(path))
    except OSError as exc:
        return [_unreadable((), path, exc)]
    from yusuan.collector import collector_paused
    from yusuan.extract.publications import NARRATIVE, TABLES, read_alone, sides

    try:
        with collector_paused():
            reading = read_alone(Path(path))
    except Exception:  # the check meets the same and makes it the record it always made
        return list(_check(job, {path: record}, {}, started))
    found = sides(reading[1][1])
    if len(found) == 1:
        _kept[path] = (record, reading)
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
        return [Part(record, next(iter({TABLES, NARRATIVE} - found)))]
    return list(_check(job, {path: record}, {Path(path): reading}, started))


def _check(
    paths: tuple[str, ...], files: dict[str, FileRecord], readings: Mapping[Path, ReadAlone], started: float
) -> list[PublicationRecord]:
    from yusuan.audit import check_files

    try:
        checked = check_files([Path(p) for p in paths], readings=readings)
    except InputError as exc:
        reason = _named_by_file(exc.one_line(), paths)
        return [failed_record(tuple(files.values()), "refused", reason, time.perf_counter() - started)]
    except MemoryError:
        return [failed_record(tuple(files.values()), "crashed", "内存超出限制", time.perf_counter() - started)]
    except Exception as exc:
        reason = f"内部错误（{type(exc).__name__}），请报告此文件"
        return [failed_record(tuple(files.values()), "failed", reason, time.perf_counter() - started)]
    seconds = (time.perf_counter() - started) / max(len(checked), 1)
    return [publication_records(c, files, c.apart, seconds, _pages(c.files)) for c in checked]


def _named_by_file(reason: str, paths: tuple[str, ...]) -> str:
    """`reason` with the file it begins with named by its name: the record lists its files' paths already."""
    for path in paths:
        if reason.startswith(path):
            return Path(path).name + reason[len(path) :]
    return reason


def _unreadable(files: tuple[FileRecord, ...], path: str, exc: OSError) -> PublicationRecord:
    """A `refused` record of the files of a job one of which (`path`) could not be read: each keeps its path."""
    return failed_record((*files, unread_file(path)), "refused", f"{path}：{read_reason(exc)}")


def _pages(files: tuple[Path, ...]) -> int | None:
    """Pages of the publication's PDF files (None for other formats)."""
    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    if not pdfs:
        return None
    import importlib

    pymupdf: Any = importlib.import_module("pymupdf")  # untyped
    total = 0
    for pdf in pdfs:
        document = pymupdf.open(str(pdf), filetype="pdf")
        total += document.page_count
        document.close()
    return total
