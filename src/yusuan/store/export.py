"""Any query over the store, written as CSV, Parquet or an Excel workbook; a unit as a Fiscal Data Package.

The store is opened read-only and the query runs as written (DuckDB SQL), so
an export can never change it.  Every file is written whole (a temporary file
renamed over the target).  In a workbook, text is stored as text — a value
from a published document that starts with `=` never becomes a formula — and
amounts are numbers.  The Fiscal Data Package (frictionlessdata.io, the
OpenSpending format) is a folder: `datapackage.json`, which describes the
measure (the amount, in CNY, with its factor: 万元 = 10,000) and the
dimensions (administrative: the unit; functional and economic: the
classification codes; the table, row and column), and `data.csv`.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.render.files import write_file
from yusuan.store.schema import open_read_only

__all__ = [
    "EXPORT_SUFFIXES",
    "TABLES",
    "csv_bytes",
    "export_fiscal_package",
    "export_query",
    "open_read_only",  # opened here for the web app too
    "workbook_bytes",
]

EXPORT_SUFFIXES = (".csv", ".parquet", ".xlsx")
TABLES = ("documents", "files", "tables", "cells", "findings")


def _query(connection: Any, sql: str) -> Any:
    import duckdb

    try:
        return connection.execute(sql)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError("--query", f"查询无法执行：{first}") from exc


def export_query(db: Path, sql: str, out: Path) -> int:
    """Write the rows of `sql` to `out` (its suffix chooses the format); returns the number of rows."""
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(str(out), "输出文件须以 .csv、.parquet 或 .xlsx 结尾")
    connection = open_read_only(db)
    try:
        result = _query(connection, sql)
        names = [d[0] for d in result.description or []]
        rows = result.fetchall()
        if suffix == ".xlsx":
            content = _workbook(names, rows)
        elif suffix == ".csv":
            content = _csv(names, rows)
        else:
            content = _parquet(connection, sql)
    finally:
        connection.close()
    write_file(out, content)
    return len(rows)


def _csv(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([_cell_text(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens a CSV with a BOM as UTF-8


def csv_bytes(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    """Rows as the CSV `yusuan export` writes (UTF-8 with a BOM, amounts with their cents): the web app's downloads."""
    return _csv(names, rows)


def workbook_bytes(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    """Rows as the workbook `yusuan export` writes (text stays text): the web app's downloads."""
    return _workbook(names, rows)


def _cell_text(value: Any) -> Any:
    """None as empty; a stored amount (6 decimals) with the trailing zeros beyond cents dropped."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        places = min(6, max(2, -exponent)) if isinstance(exponent, int) else 2
        return f"{value:.{places}f}"
    return value


def _parquet(connection: Any, sql: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.parquet"
        connection.execute(f"COPY ({sql}) TO '{target}' (FORMAT PARQUET)")
        return target.read_bytes()


def _workbook(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    from openpyxl import Workbook

    from yusuan.render.text_safety import clean_text
    from yusuan.render.xlsx import as_text

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "查询结果"
    sheet.append(names)
    for row in rows:
        sheet.append([clean_text(v) if isinstance(v, str) else v for v in row])
    as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_PACKAGE_QUERY = """
SELECT d.unit, d.year, d.kind AS document_kind, t.number AS table_number, t.kind AS table_kind, t.title,
       c.side, c.row_key, c.code, c.label, c.column_key, c.amount, t.money_unit
FROM cells c JOIN tables t USING (document_id, table_index) JOIN documents d ON d.id = c.document_id
WHERE d.status = 'checked' AND d.unit = ? AND (? IS NULL OR d.year = ?) AND t.doubt IS NULL
ORDER BY d.year, c.table_index, c.row_index, c.column_key
"""


def export_fiscal_package(db: Path, unit: str, year: int | None, out_dir: Path) -> int:
    """A unit's amounts (one year or all) as a Fiscal Data Package in `out_dir`; returns the number of rows."""
    connection = open_read_only(db)
    try:
        rows = connection.execute(_PACKAGE_QUERY, [unit, year, year]).fetchall()
    finally:
        connection.close()
    if not rows:
        raise InputError(unit, "库中没有这个单位（或这一年度）读出的金额；单位名称须与库中完全一致")
    from yusuan.model.kinds import ECONOMIC_CODE_TABLES

    economic = {kind.value for kind in ECONOMIC_CODE_TABLES}
    names = [field["name"] for field in _fields()]
    data = [
        (
            *row,
            row[11] * (Decimal(10000) if row[12] == "万元" else 1),
            row[8] if row[8] and row[4] not in economic else None,
            row[8] if row[8] and row[4] in economic else None,
        )
        for row in rows
    ]
    write_file(out_dir / "data.csv", _csv(names, data))
    write_file(out_dir / "datapackage.json", json.dumps(_descriptor(unit, year), ensure_ascii=False, indent=2).encode())
    return len(rows)


def _fields() -> list[dict[str, str]]:
    return [
        {"name": "unit", "type": "string", "title": "单位"},
        {"name": "year", "type": "integer", "title": "年度"},
        {"name": "document_kind", "type": "string", "title": "文件类型"},
        {"name": "table_number", "type": "string", "title": "表号"},
        {"name": "table_kind", "type": "string", "title": "表的种类"},
        {"name": "table_title", "type": "string", "title": "表名"},
        {"name": "side", "type": "string", "title": "收入方/支出方"},
        {"name": "row_key", "type": "string", "title": "行"},
        {"name": "code", "type": "string", "title": "科目编码"},
        {"name": "label", "type": "string", "title": "科目（项目）名称"},
        {"name": "column_key", "type": "string", "title": "栏目"},
        {"name": "amount", "type": "number", "title": "金额（按表中单位）"},
        {"name": "money_unit", "type": "string", "title": "金额单位"},
        {"name": "amount_yuan", "type": "number", "title": "金额（元）"},
        {"name": "functional_code", "type": "string", "title": "支出功能分类科目编码"},
        {"name": "economic_code", "type": "string", "title": "支出经济分类科目编码"},
    ]


def _descriptor(unit: str, year: int | None) -> dict[str, Any]:
    fields = _fields()
    return {
        "name": "yusuan-budget",
        "title": f"{unit}{'' if year is None else f' {year}年'}预算公开数据",
        "profile": "fiscal-data-package",
        "resources": [
            {
                "name": "budget-lines",
                "path": "data.csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields},
            }
        ],
        "model": {
            "measures": {"amount": {"source": "amount_yuan", "currency": "CNY", "factor": 1}},
            "dimensions": {
                "administrative": {
                    "dimensionType": "entity",
                    "attributes": {"unit": {"source": "unit"}},
                    "primaryKey": "unit",
                },
                "date": {"dimensionType": "datetime", "attributes": {"year": {"source": "year"}}, "primaryKey": "year"},
                "functional": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {"code": {"source": "functional_code"}},
                    "primaryKey": "code",
                },
                "economic": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {"code": {"source": "economic_code"}},
                    "primaryKey": "code",
                },
                "line": {
                    "dimensionType": "other",
                    "attributes": {
                        "table": {"source": "table_kind"},
                        "row": {"source": "row_key"},
                        "column": {"source": "column_key"},
                        "side": {"source": "side"},
                    },
                    "primaryKey": ["table", "row", "column", "side"],
                },
            },
        },
    }
