"""One batch job, run inside a worker: check a group of files and return their records.

A job is usually one file; the parts of one publication (a narrative file and
its tables file) come back from their first, separate jobs marked `apart` and
are checked together in a second job.  Whatever goes wrong becomes a record
with a status and a one-line Chinese reason; only the worker's death (its
memory limit, a crash) or its time limit escape, and the pool records those.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from yusuan.store.records import FileRecord, PublicationRecord, failed_record, file_record, publication_records


def check_job(paths: tuple[str, ...]) -> list[PublicationRecord]:
    """The records of the publications in `paths` (one per publication; one `refused`/`failed` if none)."""
    from yusuan.audit import check_files
    from yusuan.errors import InputError

    started = time.perf_counter()
    files: dict[str, FileRecord] = {}
    try:
        for path in paths:
            files[path] = file_record(Path(path))
    except OSError as exc:
        return [
            failed_record(tuple(files.values()), "refused", f"{path}：无法读取文件（{exc.strerror or '读取失败'}）")
        ]
    try:
        checked = check_files([Path(p) for p in paths])
    except InputError as exc:
        return [failed_record(tuple(files.values()), "refused", str(exc), time.perf_counter() - started)]
    except MemoryError:
        return [failed_record(tuple(files.values()), "crashed", "内存超出限制", time.perf_counter() - started)]
    except Exception as exc:
        reason = f"内部错误（{type(exc).__name__}），请报告此文件"
        return [failed_record(tuple(files.values()), "failed", reason, time.perf_counter() - started)]
    seconds = (time.perf_counter() - started) / max(len(checked), 1)
    return [publication_records(c, files, c.apart, seconds, _pages(c.files)) for c in checked]


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
