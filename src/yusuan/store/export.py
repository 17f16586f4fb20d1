"""Any query over the store, written as CSV, Parquet or an Excel workbook; `yusuan export`'s options.

The store is opened read-only and the query — one SELECT statement, anything
else is refused — runs as written (DuckDB SQL), so an export can never change
it; DuckDB's errors are said in Chinese (`query_errors`).  Every file is
written whole (a temporary file renamed over the target).  In a workbook, text
is stored as text — a value from a published document that starts with `=`
never becomes a formula — and amounts are numbers; a result longer than a
worksheet is refused.  In CSV an amount is written with every digit it has
past its cents, never rounded (`money.exact_text`; a query can compute more
decimals than the store's six).  In CSV and XLSX a list or struct is written
as its JSON text and binary data as （二进制数据，N 字节）.  `--table cells`
comes with each cell's money unit (元/万元, from its table); `--unit`/`--year`
with `--table` keep the rows of that unit's or year's documents.  A unit alone
is written as a Fiscal Data Package (`fiscal_package`).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.lazy_pattern import lazy_compile
from yusuan.money import exact_text
from yusuan.render.files import write_file
from yusuan.store.schema import open_read_only

__all__ = [
    "EXPORT_SUFFIXES",
    "TABLES",
    "csv_bytes",
    "export_fiscal_package",
    "export_query",
    "open_read_only",  # opened here for the web app too
]

EXPORT_SUFFIXES = (".csv", ".parquet", ".xlsx")
EXCEL_MAX_ROWS = 1_048_576
"""Rows of an Excel worksheet, the header's among them."""
TABLES = ("documents", "files", "tables", "cells", "findings")


def run_export(
    db: Path, out: Path | None, query: str | None, table: str | None, unit: str | None, year: int | None
) -> str:
    """`yusuan export`: the options checked, the export written; returns the line the command prints."""
    if unit is not None and table is None and query is None:
        from yusuan.store.fiscal_package import package_folder

        folder = out or package_folder(unit, year)
        rows = export_fiscal_package(db, unit, year, folder)
        return f"已写入 {folder}/datapackage.json 和 data.csv（{rows} 行）"
    if (query is None) == (table is None):
        raise InputError("--query", "须给出 --query 或 --table 之一（或只用 --unit 导出财政数据包）")
    if query is not None and (unit is not None or year is not None):
        option = "--unit" if unit is not None else "--year"
        raise InputError(option, "不能与 --query 一起使用；请在查询中写条件（如 WHERE year = 2024）")
    if table is not None and table not in TABLES:
        raise InputError("--table", f"没有这张表：{table}；可选：{'、'.join(TABLES)}")
    target = out or Path("export.csv")
    rows = export_query(db, query or table_query(table or "", unit, year), target)
    return f"已写入 {target}（{rows} 行）"


def table_query(table: str, unit: str | None, year: int | None) -> str:
    """`--table NAME`: the table whole, or its rows of one unit or year; cells with their table's money unit."""
    key = "id" if table == "documents" else "document_id"
    conditions = [f"{key} IN (SELECT id FROM documents WHERE {test})" for test in _document_tests(unit, year)]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    if table == "cells":
        return (
            "SELECT cells.*, tables.money_unit FROM cells JOIN tables USING (document_id, table_index)"
            f"{where} ORDER BY document_id, table_index, row_index, column_key"
        )
    return f"SELECT * FROM {table}{where}"


def _document_tests(unit: str | None, year: int | None) -> list[str]:
    tests = [] if unit is None else ["unit = '" + unit.replace("'", "''") + "'"]
    return tests + ([] if year is None else [f"year = {int(year)}"])


def export_query(db: Path, sql: str, out: Path) -> int:
    """Write the rows of `sql` to `out` (its suffix chooses the format); returns the number of rows.

    The query runs as DuckDB runs it alone (a trailing `;` or `-- comment` is fine), never wrapped in other SQL,
    so whatever exports to one format exports to the others."""
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(str(out), "输出文件须以 .csv、.parquet 或 .xlsx 结尾")
    connection = open_read_only(db)
    try:
        with tempfile.TemporaryDirectory() as folder:
            _confine(connection, Path(folder))
            content, count = _run(connection, sql, suffix, out, Path(folder))
    finally:
        connection.close()
    write_file(out, content)
    return count


def _confine(connection: Any, folder: Path) -> None:
    """Keep a query inside the store: DuckDB may touch no file but `folder` (where a Parquet export is written),
    so `read_csv('/etc/passwd')` or `read_parquet('~/other.parquet')` in `--query` is refused, not exported."""
    quoted = str(folder).replace("'", "''")
    connection.execute(f"SET allowed_directories = ['{quoted}']")
    connection.execute("SET enable_external_access = false")  # cannot be turned back on by the query


def _run(connection: Any, sql: str, suffix: str, out: Path, folder: Path) -> tuple[bytes, int]:
    import duckdb

    from yusuan.store.query_errors import query_error
    from yusuan.store.schema import query_interrupted

    try:
        query = _one_select(connection, sql)
        if suffix == ".parquet":
            return _parquet(connection, query, folder)
        result = connection.execute(query)
        names = [d[0] for d in result.description or []]
        if suffix == ".csv":
            rows = result.fetchall()
            return _csv(names, rows), len(rows)
        rows = result.fetchmany(EXCEL_MAX_ROWS)  # the header takes a row: one more than fits
        if len(rows) >= EXCEL_MAX_ROWS:
            raise InputError(
                str(out),
                f"查询结果超过 Excel 工作表的行数上限（{EXCEL_MAX_ROWS - 1:,} 行数据加一行表头）；"
                "请导出为 .csv 或 .parquet",
            )
        return _workbook(names, rows), len(rows)
    except duckdb.Error as exc:
        if query_interrupted(exc):
            raise
        raise query_error(exc) from exc


def _one_select(connection: Any, sql: str) -> str:
    """`sql` as one SELECT statement (DuckDB's parse of it, which keeps a trailing `;` and comments)."""
    from yusuan.store.query_errors import QUERY_FAILED

    statements = connection.extract_statements(sql)
    if not statements:
        raise InputError("--query", f"{QUERY_FAILED}查询是空的")
    if len(statements) > 1:
        raise InputError("--query", f"{QUERY_FAILED}只能执行一条查询语句（这里有 {len(statements)} 条）")
    kind = statements[0].type.name
    if kind != "SELECT":
        raise InputError("--query", f"{QUERY_FAILED}只能执行查询语句（SELECT），不能执行 {kind} 语句")
    return str(statements[0].query)


_TRAILING_COMMENTS = lazy_compile(r"\s*(?:--[^\n]*(?:\n|$)\s*|/\*.*?\*/\s*)*", re.DOTALL)


def _copyable(query: str) -> str:
    """One SELECT statement as it can stand inside `COPY (…)`: its trailing `;` (and comments after it) cut off."""
    body = query.rstrip()
    while body.endswith(";"):
        body = body[:-1].rstrip()
    cut = body.rfind(";")
    if cut >= 0 and _TRAILING_COMMENTS.fullmatch(body, cut + 1):
        body = body[:cut].rstrip()  # `select …; -- note`: unless that `;` was inside a string the parse then fails
    return body


def _csv(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([_cell_text(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # Excel opens a CSV with a BOM as UTF-8


def export_fiscal_package(db: Path, unit: str, year: int | None, out_dir: Path) -> int:
    """A unit's amounts as a Fiscal Data Package in `out_dir` (`fiscal_package.export_fiscal_package`)."""
    from yusuan.store.fiscal_package import export_fiscal_package as export_package

    return export_package(db, unit, year, out_dir)


def csv_bytes(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    """Rows as the CSV `yusuan export` writes (UTF-8 with a BOM, amounts with their cents): the web app's downloads."""
    return _csv(names, rows)


def _cell_text(value: Any) -> Any:
    """None as empty; an amount with every digit it has, at least its cents (`money.exact_text`: the trailing zeros
    of a stored 1234.500000 dropped, the 7th decimal of a query's `amount * 1.5` kept); a list or struct as its JSON
    text; binary data as a placeholder saying how long it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _binary(value)
    if isinstance(value, (list, tuple, dict)):
        return _json_text(value)
    return value


def _binary(value: bytes | bytearray | memoryview) -> str:
    return f"（二进制数据，{len(value)} 字节）"


def _json_text(value: Any) -> str:
    """A list, struct or map as JSON text: amounts as exact numbers, other values as their text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json_key(k)}: {_json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return json.dumps(_binary(value), ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def _json_key(key: Any) -> str:
    return json.dumps(key if isinstance(key, str) else _json_text(key), ensure_ascii=False)


def _parquet(connection: Any, query: str, folder: Path) -> tuple[bytes, int]:
    """The rows of `query` as a Parquet file.  The closing parenthesis stands on its own line: a query that ends
    in a `-- comment` would otherwise comment it out."""
    import duckdb

    body = _copyable(query)
    try:
        connection.extract_statements(f"SELECT * FROM (\n{body}\n)")
    except duckdb.Error:  # the `;` cut was inside a string: the statement as DuckDB gave it
        body = query
    target = folder / "export.parquet"
    count = connection.execute(f"COPY (\n{body}\n) TO '{target}' (FORMAT PARQUET)").fetchone()[0]
    return target.read_bytes(), int(count)


def _workbook(names: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    from openpyxl import Workbook

    from yusuan.render.xlsx import as_text

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "查询结果"
    sheet.append(names)
    for row in rows:
        sheet.append([_workbook_value(v) for v in row])
    as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _workbook_value(value: Any) -> Any:
    """A value as a workbook cell takes it: numbers, dates and truth values as they are, the rest as text."""
    from yusuan.render.text_safety import clean_text

    if value is None or isinstance(value, (bool, int, float, Decimal, datetime.date, datetime.time)):
        if isinstance(value, (datetime.datetime, datetime.time)) and value.tzinfo is not None:
            return value.isoformat()  # Excel has no time zones
        return value
    text = _cell_text(value)
    return clean_text(text if isinstance(text, str) else str(text))
