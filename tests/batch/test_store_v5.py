"""Schema version 5: staffing on documents and a cell's line, written from a record and added to older stores."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from yusuan.store import open_store, store_record
from yusuan.store.queries import tables
from yusuan.store.records import CellRecord, FileRecord, PublicationRecord, StaffingRecord, TableRecord
from yusuan.store.schema import MIGRATIONS


def _version_4_store(path: Path) -> None:
    """A store as yusuan wrote it at schema version 4, holding one document with one cell."""
    connection = duckdb.connect(str(path))
    for migration in MIGRATIONS[:4]:
        connection.execute(migration)
    connection.execute("INSERT INTO store_meta VALUES ('schema_version', '4')")
    connection.execute(
        "INSERT INTO documents (content_hash, status, unit, year, kind, errors, warnings, notices, seconds,"
        " yusuan_version) VALUES ('h', 'checked', '旧单位', 2024, 'unit_budget', 0, 0, 0, 0.5, '0.1')"
    )
    connection.execute(
        "INSERT INTO cells VALUES (1, 0, 0, NULL, 'total', NULL, '合计', 'total', 12.34, 3)"  # no line yet
    )
    connection.close()


def test_a_version_4_store_is_migrated_on_open_and_keeps_its_rows(tmp_path: Path) -> None:
    db = tmp_path / "v4.duckdb"
    _version_4_store(db)
    connection = open_store(db)
    try:
        assert connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("5",)
        assert connection.execute(
            "SELECT unit, staff_authorised, staff_in_service, staff_retired, staff_retired_cadres FROM documents"
        ).fetchall() == [("旧单位", None, None, None, None)]
        assert connection.execute("SELECT amount, page, line FROM cells").fetchall() == [
            (Decimal("12.340000"), 3, None)
        ]
    finally:
        connection.close()


def test_staffing_and_lines_are_stored_from_the_record(tmp_path: Path) -> None:
    record = PublicationRecord(
        files=(FileRecord("/docs/a.pdf", "cd" * 32, 10),),
        status="checked",
        unit="测试单位",
        year=2026,
        kind="unit_budget",
        tables=(TableRecord(0, "3", "expenditure_summary", "支出总表", "万元", 7, None),),
        cells=(CellRecord(0, 0, None, "total", None, "合计", "total", Decimal("5.50"), 7, 12),),
        staffing=StaffingRecord(authorised=30, in_service=25, retired=10, retired_cadres=1),
    )
    connection = open_store(tmp_path / "s.duckdb")
    try:
        document_id = store_record(connection, record)
        assert connection.execute(
            "SELECT staff_authorised, staff_in_service, staff_retired, staff_retired_cadres FROM documents"
        ).fetchall() == [(30, 25, 10, 1)]
        [table] = tables(connection, document_id)
        assert [(c["amount"], c["page"], c["line"]) for c in table["cells"]] == [(Decimal("5.500000"), 7, 12)]
        assert record.staffing is not None and record.staffing.actual == 36
    finally:
        connection.close()


def test_serving_or_exporting_a_version_4_store_brings_it_up_to_date_first(tmp_path: Path) -> None:
    from yusuan.store.export import open_read_only

    db = tmp_path / "v4.duckdb"
    _version_4_store(db)
    connection = open_read_only(db)
    try:
        assert connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("5",)
        assert connection.execute("SELECT unit, staff_in_service FROM documents").fetchall() == [("旧单位", None)]
    finally:
        connection.close()


def test_a_version_4_store_another_program_holds_open_is_refused_with_the_reason(tmp_path: Path) -> None:
    import subprocess
    import sys

    import pytest

    from yusuan.errors import InputError
    from yusuan.store.export import open_read_only

    db = tmp_path / "v4.duckdb"
    _version_4_store(db)
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); print('ok', flush=True)"
    holder = subprocess.Popen(
        [sys.executable, "-c", hold + "; time.sleep(30)", str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(InputError) as refused:
            open_read_only(db)
        reason = "数据库结构版本为 4，需升级到 5，但现在无法写入（可能正被另一个 yusuan 程序打开）；请待其结束后再试"
        assert str(refused.value) == f"{db}: {reason}"
    finally:
        holder.kill()
        holder.wait()


def test_a_migration_that_fails_is_refused_in_chinese_and_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yusuan.errors import InputError
    from yusuan.store import schema

    db = tmp_path / "v4.duckdb"
    _version_4_store(db)
    monkeypatch.setattr(schema, "MIGRATIONS", [*MIGRATIONS[:4], "ALTER TABLE documents ADD COLUMN unit VARCHAR"])
    with pytest.raises(InputError) as refused:
        open_store(db)
    assert (refused.value.place, refused.value.message) == (
        str(db),
        "无法把数据库结构从版本 4 升级到 5（磁盘已满或文件损坏？），本步未做改动",
    )
    connection = duckdb.connect(str(db))  # closed by the refusal: it opens again, still at version 4
    try:
        assert connection.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone() == ("4",)
    finally:
        connection.close()
