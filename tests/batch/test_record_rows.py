"""A stored document's tables and findings taken from its record are what the store's queries read back."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from yusuan.store import open_store, queries, store_record
from yusuan.store.records import CellRecord, FileRecord, FindingRecord, PublicationRecord, TableRecord
from yusuan.web.pages import render_document


def _record(*amounts: str) -> PublicationRecord:
    cells = tuple(
        CellRecord(i % 2, i // 2, "income" if i % 3 else None, f"r{i}", None if i % 2 else "201", f"项目{i}",
                   "budget", Decimal(a), i or None)
        for i, a in enumerate(amounts)
    )  # fmt: skip
    findings = (
        FindingRecord(0, "read-problem", "info", "未能确认", None, "01", None, None, None, None, 3, None, None, None,
                      None),
        FindingRecord(1, "table-sum", "error", "合计不符", "a.pdf", "02", "kind", None, "r1", "budget", 4, None,
                      "1.00", "2.00", "改为 1.00"),
    )  # fmt: skip
    return PublicationRecord(
        files=(FileRecord("/docs/a.pdf", hashlib.sha256("".join(amounts).encode()).hexdigest(), 1),),
        status="checked", unit="某单位", year=2025, kind="department_budget",
        tables=(TableRecord(1, "02", "expenditure", "支出表", "万元", 5, None),
                TableRecord(0, "01", "income", "收入表", "万元", None, "存疑")),
        cells=cells, findings=findings,
    )  # fmt: skip


def test_tables_and_findings_from_the_record_are_those_read_back(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    record = _record("12.5", "-0", "0", "1E+3", "-7.25", "19572.91", "0.000001")
    document_id = store_record(connection, record)
    assert queries.record_tables(record) == queries.tables(connection, document_id)
    assert queries.record_findings(record) == queries.findings(connection, document_id)
    assert render_document(connection, document_id, record) == render_document(connection, document_id)
    connection.close()


def test_an_amount_the_store_rounds_is_read_back(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    record = _record("1.2345675")
    document_id = store_record(connection, record)
    assert queries.record_tables(record) is None
    assert render_document(connection, document_id, record) == render_document(connection, document_id)
    connection.close()


def test_an_amount_with_more_places_but_exact_at_six_is_taken_from_the_record(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    record = _record("1.50000000", "0E-9", "-0.0000000", "-3.1234560", "7")
    document_id = store_record(connection, record)
    taken, read = queries.record_tables(record), queries.tables(connection, document_id)
    assert taken is not None and taken == read
    assert [repr(c["amount"]) for t in taken for c in t["cells"]] == [
        repr(c["amount"]) for t in read for c in t["cells"]
    ]
    connection.close()


def test_the_document_row_from_the_insert_is_the_one_read_back(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    record = _record("12.5")
    rows: list[tuple[object, ...]] = []
    document_id = store_record(connection, record, lambda _, row: rows.append(row))
    assert queries.record_document(rows[0], record) == queries.document(connection, document_id)
    connection.close()
