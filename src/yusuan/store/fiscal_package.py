"""A unit's amounts as a Fiscal Data Package (frictionlessdata.io, the OpenSpending format).

The package is a folder: `data.csv`, one line per amount read in a table not marked doubtful, and
`datapackage.json`, which describes the measure (`amount_yuan`, in CNY: 万元 multiplied by 10,000) and the
dimensions.  The store holds amounts that must not be added together: a department's budget contains its units'
(`document`), a 决算 has 年初预算 and 决算 columns (`column`), a table's total row and total column are the sums
of its other rows and columns, a classification's 类 the sum of its 款 (`row`), and every table restates the
others.  So each line carries the document it is from (id, kind, 预算 or 决算), the table, the row (with
`total_row` and the code's level) and the column (with `total_column`), and the descriptor's description says
that amounts of different documents, tables or columns must not be summed.  The title says 预算, 决算 or 预决算
by the documents' kinds.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.model.kinds import DocumentKind
from yusuan.render.files import safe_stem, write_file
from yusuan.store.schema import open_read_only

DIMENSION_TYPES = ("datetime", "entity", "classification", "activity", "fact", "location", "other")
"""The dimension types of the Fiscal Data Package specification (OpenSpending)."""
CODE_LEVELS = {3: "类", 5: "款", 7: "项"}
NOT_SUMMABLE = (
    "同一金额在不同文件、表和栏目中重复出现，不可直接相加：部门预算包含所属单位的预算（document），"
    "决算的年初预算数与决算数是不同栏目（column），合计行、合计栏是其余各行、各栏之和（row.total_row、"
    "column.total_column），类是其下各款之和（row.code_level）。汇总前请先限定文件、表和栏目。"
)

_PACKAGE_QUERY = """
SELECT d.unit, d.year, d.id, d.kind, t.number, t.kind, t.title,
       c.side, c.row_key, c.code, c.label, c.column_key, c.amount, t.money_unit
FROM cells c JOIN tables t USING (document_id, table_index) JOIN documents d ON d.id = c.document_id
WHERE d.status = 'checked' AND d.unit = ? AND (? IS NULL OR d.year = ?) AND t.doubt IS NULL
ORDER BY d.year, d.id, c.table_index, c.row_index, c.column_key
"""


def package_folder(unit: str, year: int | None) -> Path:
    """The folder `yusuan export --unit` writes when no `-o` is given: `单位名称2026数据包` (the unit's name made a
    safe file name as the compiled documents' are)."""
    return Path(f"{safe_stem(unit) if unit.strip() else '单位'}{'' if year is None else year}数据包")


def export_fiscal_package(db: Path, unit: str, year: int | None, out_dir: Path) -> int:
    """A unit's amounts (one year or all) as a Fiscal Data Package in `out_dir`; returns the number of rows."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(str(out_dir), "财政数据包是一个文件夹，这里已有同名文件；请用 -o 指定一个文件夹")
    connection = open_read_only(db)
    try:
        rows = connection.execute(_PACKAGE_QUERY, [unit, year, year]).fetchall()
    finally:
        connection.close()
    if not rows:
        raise InputError(unit, "库中没有这个单位（或这一年度）读出的金额；单位名称须与库中完全一致")
    from yusuan.store.export import csv_bytes

    data = [_line(row) for row in rows]
    write_file(out_dir / "data.csv", csv_bytes([field["name"] for field in FIELDS], data))
    phases = {line[4] for line in data}  # each line's phase
    descriptor = package_descriptor(unit, year, phases)
    write_file(out_dir / "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2).encode())
    return len(rows)


def _line(row: tuple[Any, ...]) -> tuple[Any, ...]:
    from yusuan.model.kinds import ECONOMIC_CODE_TABLES

    unit, year, document_id, kind, number, table_kind, title, side, row_key, code, label, column, amount, money = row
    economic = table_kind in ECONOMIC_CODE_TABLES  # StrEnum members equal their strings
    level = CODE_LEVELS.get(len(code), "") if code and code.isdigit() else ""
    return (
        unit,
        year,
        document_id,
        kind,
        DocumentKind(kind).phase,
        number,
        table_kind,
        title,
        side,
        row_key,
        code,
        label,
        level,
        row_key == "total",
        column,
        column == "total" or column.endswith("subtotal"),
        amount,
        money,
        amount * (Decimal(10000) if money == "万元" else 1),
        code if code and not economic else None,
        code if code and economic else None,
    )


def _field(name: str, kind: str, title: str) -> dict[str, str]:
    return {"name": name, "type": kind, "title": title}


FIELDS = [
    _field("unit", "string", "单位"),
    _field("year", "integer", "年度"),
    _field("document_id", "integer", "文件编号（库中）"),
    _field("document_kind", "string", "文件类型"),
    _field("phase", "string", "预算或决算"),
    _field("table_number", "string", "表号"),
    _field("table_kind", "string", "表的种类"),
    _field("table_title", "string", "表名"),
    _field("side", "string", "收入方/支出方"),
    _field("row_key", "string", "行"),
    _field("code", "string", "科目编码"),
    _field("label", "string", "科目（项目）名称"),
    _field("code_level", "string", "科目级次（类、款、项）"),
    _field("total_row", "boolean", "是否合计行"),
    _field("column_key", "string", "栏目"),
    _field("total_column", "boolean", "是否合计栏"),
    _field("amount", "number", "金额（按表中单位）"),
    _field("money_unit", "string", "金额单位"),
    _field("amount_yuan", "number", "金额（元）"),
    _field("functional_code", "string", "支出功能分类科目编码"),
    _field("economic_code", "string", "支出经济分类科目编码"),
]


def _dimension(dimension_type: str, key: str | list[str], /, **attributes: str) -> dict[str, Any]:
    return {
        "dimensionType": dimension_type,
        "attributes": {name: {"source": source} for name, source in attributes.items()},
        "primaryKey": key,
    }


def package_descriptor(unit: str, year: int | None, phases: set[str]) -> dict[str, Any]:
    """The `datapackage.json` of a unit's package; `phases` are the documents' (预算, 决算)."""
    what = "预决算" if len(phases) > 1 else next(iter(phases), "预算")
    functional = _dimension("classification", "code", code="functional_code")
    economic = _dimension("classification", "code", code="economic_code")
    return {
        "name": "yusuan-budget",
        "title": f"{unit}{'' if year is None else f' {year}年'}{what}公开数据",
        "description": NOT_SUMMABLE,
        "profile": "fiscal-data-package",
        "countryCode": "CN",
        **({} if year is None else {"fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"}}),
        "resources": [
            {
                "name": "budget-lines",
                "path": "data.csv",
                "format": "csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": FIELDS},
            }
        ],
        "model": {
            "measures": {"amount": {"source": "amount_yuan", "currency": "CNY", "factor": 1}},
            "dimensions": {
                "administrative": _dimension("entity", "unit", unit="unit"),
                "date": _dimension("datetime", "year", year="year"),
                "document": _dimension("other", "id", id="document_id", kind="document_kind", phase="phase"),
                "table": _dimension("other", "kind", number="table_number", kind="table_kind", title="table_title"),
                "row": _dimension(
                    "other",
                    ["row", "side"],
                    row="row_key",
                    side="side",
                    label="label",
                    code_level="code_level",
                    total_row="total_row",
                ),
                "column": _dimension("other", "column", column="column_key", total_column="total_column"),
                "functional": {**functional, "classificationType": "functional"},
                "economic": {**economic, "classificationType": "economic"},
            },
        },
    }
