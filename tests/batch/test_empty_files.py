"""Empty files in a batch: each is its own document saying it is empty, whatever its type; two empty files
share no content to repeat, so none is listed as a duplicate of another."""

from __future__ import annotations

from pathlib import Path

import duckdb

from yusuan.batch.pool import Limits
from yusuan.batch.run import run_batch
from yusuan.store.records import FileRecord, PublicationRecord

LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)
NAMES = ("a.pdf", "b.docx", "c.xlsx", "d.txt")


def test_each_empty_file_is_its_own_record_saying_it_is_empty(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_bytes(b"")
    db = tmp_path / "s.duckdb"
    summary = run_batch([folder], db, workers=1, limits=LIMITS)
    assert summary.duplicates == []
    assert summary.failures == [("refused", name, f"{name}: 文件是空的") for name in NAMES]
    with duckdb.connect(str(db), read_only=True) as store:
        rows = store.execute(
            "SELECT f.name, d.status, d.error FROM documents d JOIN files f ON f.document_id = d.id ORDER BY f.name"
        ).fetchall()
    assert rows == [(name, "refused", f"{name}: 文件是空的") for name in NAMES]
    again = run_batch([folder], db, workers=1, limits=LIMITS)  # refused records are made anew, not added to
    assert (again.documents, again.skipped, again.duplicates) == (4, 0, [])


def test_two_empty_files_are_two_documents() -> None:
    empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # the sha256 of no bytes
    first, second = (PublicationRecord((FileRecord(path, empty, 0),), "refused") for path in ("/a.pdf", "/b.docx"))
    assert first.content_hash != second.content_hash
    full = [PublicationRecord((FileRecord(path, "ab" * 32, 10),), "checked") for path in ("/a.pdf", "/b.pdf")]
    assert full[0].content_hash == full[1].content_hash  # the same content, wherever it lies, is one document
