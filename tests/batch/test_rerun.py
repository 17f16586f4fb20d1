"""A second batch over the same files: what did not finish is checked again, a half stored by an earlier batch
is joined with its other side found now, and a file repeated in two paths is written once."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from tests.batch.stored_rows import stored_rows
from yusuan.batch import run as batch_run
from yusuan.batch import stored
from yusuan.batch.pool import Limits
from yusuan.batch.report import summary_heading
from yusuan.batch.run import run_batch
from yusuan.store import open_store, store_record
from yusuan.store.records import FileRecord, failed_record, file_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NARRATIVE = FIXTURES / "multifile" / "js-swbgt-2017.pdf"
TABLES = FIXTURES / "corpus" / "js-swbgt-2017-tables.pdf"
LIMITS = Limits(seconds=60, memory_bytes=2048 * 1024 * 1024)


def _pair_in(folder: Path) -> Path:
    """`folder` holding the Jiangsu pair: the narrative and the tables of one publication."""
    folder.mkdir()
    shutil.copy(NARRATIVE, folder)
    shutil.copy(TABLES, folder)
    return folder


def test_a_file_stored_as_timeout_is_checked_again_and_its_record_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "docs" / "notes.txt"
    notes.parent.mkdir()
    notes.write_text("随便写的几行字\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    try:
        store_record(connection, failed_record((file_record(notes),), "timeout", "超过时间限制（1 秒），已停止检查"))
    finally:
        connection.close()
    summary = run_batch([notes.parent], db, workers=1, limits=LIMITS)
    assert (summary.skipped, dict(summary.by_status)) == (0, {"refused": 1})
    assert stored_rows(db, "SELECT status, count(*) OVER () FROM documents") == [("refused", 1)]
    again = run_batch([notes.parent], db, workers=1, limits=LIMITS)  # refused: checked again too
    assert (again.skipped, dict(again.by_status)) == (0, {"refused": 1})


def test_a_timeout_of_a_part_is_replaced_by_its_joined_publication(tmp_path: Path) -> None:
    folder = _pair_in(tmp_path / "js")
    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    try:  # the tables file alone timed out in an earlier batch: its record's content hash is not the pair's
        store_record(connection, failed_record((file_record(folder / TABLES.name),), "timeout", "超时"))
    finally:
        connection.close()
    summary = run_batch([folder], db, workers=1, limits=LIMITS)
    assert (summary.skipped, dict(summary.by_status), summary.joined) == (0, {"checked": 1}, 1)
    assert stored_rows(db, "SELECT status, apart, (SELECT count(*) FROM files) FROM documents") == [
        ("checked", None, 2)
    ]


def test_a_half_stored_by_an_earlier_batch_is_joined_with_its_other_side(tmp_path: Path) -> None:
    folder = _pair_in(tmp_path / "js")
    db = tmp_path / "s.duckdb"
    first = run_batch([folder / TABLES.name], db, workers=1, limits=LIMITS)
    assert dict(first.by_status) == {"checked": 1}
    assert stored_rows(db, "SELECT apart FROM documents") == [("narrative",)]
    second = run_batch([folder], db, workers=1, limits=LIMITS)
    assert (second.files, second.skipped, dict(second.by_status), second.joined) == (2, 0, {"checked": 1}, 1)
    assert summary_heading(second) == (
        "共 2 个文件：1 份已写入（其中 1 份由 2 个文件合成：说明与表格分开发布），0 个已在库中（跳过）"
    )
    assert stored_rows(
        db,
        "SELECT d.unit, d.apart, string_agg(f.name, ',' ORDER BY f.name) FROM documents d"
        " JOIN files f ON f.document_id = d.id GROUP BY d.id, d.unit, d.apart",
    ) == [("江苏省委办公厅", None, "js-swbgt-2017-tables.pdf,js-swbgt-2017.pdf")]
    together = tmp_path / "together.duckdb"  # the same as one batch over the folder stores
    run_batch([folder], together, workers=1, limits=LIMITS)
    codes = "SELECT code, count(*) FROM findings GROUP BY code ORDER BY code"
    assert stored_rows(db, codes) == stored_rows(together, codes)
    third = run_batch([folder], db, workers=1, limits=LIMITS)
    assert (third.skipped, third.documents) == (2, 0)


def test_the_batch_hashes_each_file_once_a_stored_half_among_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored half found again is not hashed a second time to see whether it changed (`halves_in`)."""
    folder = _pair_in(tmp_path / "js")
    db = tmp_path / "s.duckdb"
    run_batch([folder / TABLES.name], db, workers=1, limits=LIMITS)
    hashed: Counter[str] = Counter()

    def counted(path: Path) -> FileRecord:
        hashed[str(path)] += 1
        return file_record(path)

    monkeypatch.setattr(batch_run, "file_record", counted)
    monkeypatch.setattr(stored, "file_record", counted)  # the workers hash in their own processes
    summary = run_batch([folder], db, workers=1, limits=LIMITS)
    assert (summary.skipped, summary.joined) == (0, 1)
    assert hashed == {str(folder / TABLES.name): 1, str(folder / NARRATIVE.name): 1}


def test_a_half_whose_file_changed_on_disk_is_not_joined(tmp_path: Path) -> None:
    folder = tmp_path / "js"
    folder.mkdir()
    shutil.copy(TABLES, folder)
    db = tmp_path / "s.duckdb"
    run_batch([folder / TABLES.name], db, workers=1, limits=LIMITS)
    (folder / TABLES.name).write_bytes(b"%PDF-1.4 changed")
    shutil.copy(NARRATIVE, folder)
    summary = run_batch([folder / NARRATIVE.name], db, workers=1, limits=LIMITS)
    assert (dict(summary.by_status), summary.joined) == ({"checked": 1}, 0)
    assert stored_rows(db, "SELECT apart FROM documents ORDER BY apart") == [("narrative",), ("tables",)]


def test_the_same_file_in_two_paths_is_written_once_and_named_as_a_repeat(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / "dup" / name).mkdir(parents=True)
        (tmp_path / "dup" / name / "notes.txt").write_text("随便写的几行字\n", encoding="utf-8")
    (tmp_path / "dup" / "b" / "other.txt").write_text("另外几行字\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    calls: list[tuple[int, int]] = []
    summary = run_batch(
        [tmp_path / "dup"], db, workers=1, limits=LIMITS, progress=lambda d, t, _s: calls.append((d, t))
    )
    first, repeat = str(tmp_path / "dup" / "a" / "notes.txt"), str(tmp_path / "dup" / "b" / "notes.txt")
    assert (summary.files, summary.documents, summary.duplicates) == (3, 2, [(repeat, first)])
    assert calls[-1] == (2, 2)  # checked once
    assert summary_heading(summary) == (
        "共 3 个文件：2 份已写入，0 个已在库中（跳过），1 个与本次另一文件内容相同（未重复写入）"
    )
    assert stored_rows(db, "SELECT path FROM files ORDER BY path") == [
        (first,),
        (str(tmp_path / "dup" / "b" / "other.txt"),),
    ]
