"""The store: schema versions, one transaction per publication, exports that are data and never code."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.errors import InputError
from yusuan.store import SCHEMA_VERSION, open_store, store_record
from yusuan.store.export import export_fiscal_package, export_query
from yusuan.store.records import CellRecord, FileRecord, FindingRecord, PublicationRecord, TableRecord


def _record(
    unit: str = "测试单位", amount: str = "1234.50", label: str = '=HYPERLINK("http://x")'
) -> PublicationRecord:
    return PublicationRecord(
        files=(FileRecord("/docs/a.pdf", "ab" * 32, 10),),
        status="checked",
        unit=unit,
        year=2026,
        kind="unit_budget",
        tables=(TableRecord(0, "5", "general_budget", "一般公共预算支出表", "万元", 7, None),),
        cells=(
            CellRecord(0, 0, None, "2010101", "2010101", label, "total", Decimal(amount), 7),
            CellRecord(0, 1, None, "30101", "30101", "基本工资", "total", Decimal("0.01"), 7),
        ),
        findings=(
            FindingRecord(
                0,
                "total-row-sum",
                "error",
                "合计不符",
                None,
                "5",
                "general_budget",
                None,
                "total",
                "total",
                7,
                None,
                "1.00",
                "2.00",
                None,
            ),
        ),
    )


def test_a_new_store_has_the_current_version_and_opening_again_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    open_store(db).close()
    connection = open_store(db)
    assert connection.execute("SELECT value FROM store_meta").fetchall() == [(str(SCHEMA_VERSION),)]
    connection.close()


def test_a_store_from_a_newer_yusuan_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    connection.execute("UPDATE store_meta SET value = '99'")
    connection.close()
    with pytest.raises(InputError, match="更新版本的 yusuan"):
        open_store(db)


def test_a_publication_is_stored_whole_or_not_at_all(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    store_record(connection, _record())
    broken = _record(unit="另一单位", amount="1" + "0" * 40)  # too large for DECIMAL(38, 6): fails mid-way
    with pytest.raises(Exception):  # noqa: B017  (DuckDB's conversion error; what matters is what is left)
        store_record(connection, broken)
    assert connection.execute("SELECT unit FROM documents").fetchall() == [("测试单位",)]
    assert connection.execute("SELECT count(*) FROM cells").fetchone() == (2,)
    store_record(connection, _record(amount="99.99"))  # the same content again replaces it
    assert connection.execute("SELECT amount FROM cells ORDER BY row_index").fetchall() == [
        (Decimal("99.99"),),
        (Decimal("0.01"),),
    ]
    connection.close()


def test_exports_keep_amounts_exact_and_text_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    store_record(connection, _record())
    connection.close()
    assert export_query(db, "SELECT label, amount FROM cells ORDER BY row_index", tmp_path / "c.csv") == 2
    assert (tmp_path / "c.csv").read_text("utf-8-sig").splitlines() == [
        "label,amount",
        '"=HYPERLINK(""http://x"")",1234.50',
        "基本工资,0.01",
    ]
    export_query(db, "SELECT label, amount FROM cells ORDER BY row_index", tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx").active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["B2"].value == 1234.5
    export_query(db, "SELECT * FROM findings", tmp_path / "f.parquet")
    assert (tmp_path / "f.parquet").read_bytes()[:4] == b"PAR1"
    with pytest.raises(InputError, match="查询无法执行"):
        export_query(db, "SELECT nope", tmp_path / "x.csv")
    with pytest.raises(InputError, match="查询无法执行"):
        export_query(db, "DELETE FROM cells", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_a_unit_as_a_fiscal_data_package(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    store_record(connection, _record())
    connection.close()
    assert export_fiscal_package(db, "测试单位", 2026, tmp_path / "fdp") == 2
    package = json.loads((tmp_path / "fdp" / "datapackage.json").read_text("utf-8"))
    assert package["model"]["measures"]["amount"] == {"source": "amount_yuan", "currency": "CNY", "factor": 1}
    lines = (tmp_path / "fdp" / "data.csv").read_text("utf-8-sig").splitlines()
    assert lines[1].endswith(",1234.50,万元,12345000.00,2010101,")
    with pytest.raises(InputError, match="库中没有这个单位"):
        export_fiscal_package(db, "别的单位", None, tmp_path / "none")


def test_a_store_of_an_earlier_version_is_migrated_on_open(tmp_path: Path) -> None:
    import duckdb

    from yusuan.store.schema import MIGRATIONS

    db = tmp_path / "old.duckdb"
    old = duckdb.connect(str(db))
    old.execute(MIGRATIONS[0])
    old.execute("INSERT INTO store_meta VALUES ('schema_version', '1')")
    old.close()
    connection = open_store(db)
    assert connection.execute("SELECT value FROM store_meta").fetchall() == [(str(SCHEMA_VERSION),)]
    assert connection.execute("SELECT count(*) FROM statements").fetchone() == (0,)
    store_record(connection, _record())
    connection.close()
