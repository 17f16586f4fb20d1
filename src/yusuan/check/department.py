"""A department's document against its units' documents: every line the sum of theirs.

A 部门预算 adds up its units' budgets (本级 and 所属单位), so each cell of a
department table equals the sum of the same cell (table kind, row key,
column key) of its units' tables.  A difference is a `department-unit-sum`
finding at the department's cell, with the units' sum as the expected value.

Which unit explains it: a unit whose own table contradicts the figure it
prints at that line (the line's 下级科目 add up to something else, or its 上级
科目 less its other 下级 does), when the figure its table implies closes the
gap; else the one unit that has the line at all.  Otherwise the finding says
no single unit explains it.

Nothing is built on a doubtful reading: a table the reader marked doubtful
(in the department's document or a unit's) is not compared, and a row at a
place where the reader reported a problem is skipped.  Amounts are converted
to the department table's unit exactly; the only tolerance is the rounding of
printed figures, half a unit of each summed figure's last digit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.labels import column_label
from yusuan.check.registry import DEPARTMENT_UNIT_SUM, DEPARTMENT_UNIT_TABLE
from yusuan.check.rounding import half_unit
from yusuan.model import Disclosure, Row, Table
from yusuan.money import convert, format_amount

CODE = DEPARTMENT_UNIT_SUM
NOT_COMPARED = DEPARTMENT_UNIT_TABLE
CellKey = tuple[str, str | None, str]  # row key, side, column key


@dataclass(frozen=True)
class UnitDocument:
    """One unit's document as read, with the places its reader could not read."""

    name: str  # the unit's name (its file's, when the document names none)
    disclosure: Disclosure
    problems: Sequence[Any] = ()


@dataclass
class _UnitTable:
    unit: UnitDocument
    table: Table
    values: dict[CellKey, Decimal]  # in the department table's unit of money
    rows: dict[tuple[str, str | None], Row]
    skipped: set[tuple[str, str | None]]  # rows at a place the reader reported a problem


def check_against_units(
    department: Disclosure, units: Sequence[UnitDocument], problems: Sequence[Any] = ()
) -> list[Finding]:
    """Findings where a department table's line is not the sum of its units' same line."""
    findings: list[Finding] = []
    doubtful_places = _problem_places(problems)
    for table in department.tables:
        if table.doubt:
            findings.append(_not_compared(table, department.meta.unit or "部门", "的此表读取存疑"))
            continue
        theirs: list[_UnitTable] = []
        for unit in units:
            found = next((t for t in unit.disclosure.tables if t.kind is table.kind), None)
            if found is None or found.doubt:
                findings.append(_not_compared(table, unit.name, "没有此表" if found is None else "的此表读取存疑"))
                theirs = []
                break
            theirs.append(_unit_table(unit, found, table))
        if theirs:
            findings.extend(_compare(table, theirs, doubtful_places))
    return findings


Places = set[tuple[int | None, int | None]]  # (page, line) where the reader reported a problem


def _problem_places(problems: Iterable[Any]) -> Places:
    return {(getattr(p, "page", None), getattr(p, "line", None)) for p in problems if getattr(p, "line", None)}


def _doubtful(row: Row, places: Places) -> bool:
    return row.source is not None and row.source.line is not None and (row.source.page, row.source.line) in places


def _rows_read(table: Table, places: Places) -> tuple[list[Row], set[tuple[str, str | None]]]:
    """The table's rows in order, but for those at a place where the reader reported a problem (their keys)."""
    read = [row for row in table.rows if not _doubtful(row, places)]
    skipped: set[tuple[str, str | None]] = {(row.key, row.side) for row in table.rows if _doubtful(row, places)}
    return read, skipped


def _unit_table(unit: UnitDocument, table: Table, target: Table) -> _UnitTable:
    read, skipped = _rows_read(table, _problem_places(unit.problems))
    values: dict[CellKey, Decimal] = {
        (row.key, row.side, column): convert(cell.value, table.unit, target.unit)
        for row in read
        for column, cell in row.cells.items()
        if cell.value is not None
    }
    rows: dict[tuple[str, str | None], Row] = {(row.key, row.side): row for row in read}
    return _UnitTable(unit, table, values, rows, skipped)


def _compare(table: Table, theirs: list[_UnitTable], places: Places) -> list[Finding]:
    read, skipped = _rows_read(table, places)
    rows: dict[tuple[str, str | None], Row] = {(row.key, row.side): row for row in read}
    ours: dict[CellKey, Decimal] = {
        (row.key, row.side, column): cell.value if cell.value is not None else Decimal(0)
        for row in read
        for column, cell in row.cells.items()
    }
    columns = {(c.key, c.side) for c in table.columns}
    keys = dict.fromkeys([*ours, *(k for u in theirs for k in u.values)])
    findings = []
    for key in keys:
        row_key, side, column = key
        if (row_key, side) in skipped or ((column, side) not in columns and (column, None) not in columns):
            continue
        if any((row_key, side) in u.skipped for u in theirs):
            continue  # a unit's row at a doubtful place
        actual = ours.get(key, Decimal(0))
        terms = [u.values[key] for u in theirs if key in u.values]
        expected = sum(terms, Decimal(0))
        tolerance = half_unit(actual) + sum((half_unit(t) for t in terms), Decimal(0)) if terms else half_unit(actual)
        if abs(actual - expected) <= tolerance:
            continue
        findings.append(_finding(table, rows.get((row_key, side)), key, actual, expected, theirs, tolerance))
    return findings


def _finding(
    table: Table,
    row: Row | None,
    key: CellKey,
    actual: Decimal,
    expected: Decimal,
    theirs: list[_UnitTable],
    tolerance: Decimal,
) -> Finding:
    row_key, side, column = key
    label = (
        row.label
        if row is not None
        else next(u.rows[(row_key, side)].label for u in theirs if (row_key, side) in u.rows)
    )
    where = f"表{table.number}“{label}”{column_label(column)}"
    message = (
        f"{where}：部门数 {format_amount(actual)} 与各单位同一行之和 {format_amount(expected)} 不等"
        f"（差额 {format_amount(actual - expected)}）；{_explanation(key, actual, expected, theirs, tolerance)}"
    )
    page = row.source.page if row is not None and row.source is not None else None
    return Finding(
        code=CODE,
        severity=Severity.ERROR,
        message=message,
        location=Location(table=table.number, table_kind=table.kind.value, row=row_key, column=column, page=page),
        expected=expected,
        actual=actual,
        difference=actual - expected,
    )


def _explanation(key: CellKey, actual: Decimal, expected: Decimal, theirs: list[_UnitTable], tolerance: Decimal) -> str:
    """Which unit's figure explains the difference, in words."""
    named = []
    for unit in theirs:
        printed = unit.values.get(key, Decimal(0))
        for implied, how in _implied(unit, key):
            if implied != printed and abs(expected - printed + implied - actual) <= tolerance:
                named.append(
                    f"{unit.unit.name}此行为 {format_amount(printed)}，而其本表{how}为 {format_amount(implied)}，"
                    "按后者则与部门数相符"
                )
                break
    if named:
        return "；".join(named) + "。"
    holders = [u for u in theirs if u.values.get(key)]
    if len(holders) == 1:
        unit = holders[0]
        shown = format_amount(unit.values[key])
        return f"各单位中只有{unit.unit.name}有此行（{shown}）：若所属单位已全部给出，差额出在该单位。"
    if not holders:
        return "各单位均无此行。"
    return "无法判断是哪个单位的数字不符。"


def _implied(unit: _UnitTable, key: CellKey) -> list[tuple[Decimal, str]]:
    """What the unit's own table implies for this cell: the sum of its 下级科目, or its 上级 less the other 下级."""
    row_key, side, column = key
    row = unit.rows.get((row_key, side))
    code_rows = [r for (_k, s), r in unit.rows.items() if s == side and r.code and not r.is_total]
    found: list[tuple[Decimal, str]] = []
    if row is not None and row.is_total:
        tops = [r for r in code_rows if len(r.code or "") == 3]
        if tops:
            found.append((_sum(unit, tops, side, column), "各类科目之和"))
    code = row.code if row is not None else None
    if not code:
        return found
    children = [
        r for r in code_rows if r.code != code and (r.code or "").startswith(code) and _parent(r.code or "") == code
    ]
    if children:
        found.append((_sum(unit, children, side, column), "下级科目之和"))
    parent_code = _parent(code)
    parent = next((r for r in code_rows if r.code == parent_code), None)
    if parent is not None:
        siblings = [r for r in code_rows if r.code != code and _parent(r.code or "") == parent_code]
        value = unit.values.get((parent.key, side, column), Decimal(0)) - _sum(unit, siblings, side, column)
        found.append((value, "上级科目减去其他下级科目"))
    return found


def _sum(unit: _UnitTable, rows: list[Row], side: str | None, column: str) -> Decimal:
    return sum((unit.values.get((r.key, side, column), Decimal(0)) for r in rows), Decimal(0))


def _parent(code: str) -> str | None:
    """The code one level up: 2010101 → 20101 → 201; economic 30101 → 301."""
    return code[:-2] if len(code) in (5, 7) else None


def _not_compared(table: Table, who: str, why: str) -> Finding:
    return Finding(
        code=NOT_COMPARED,
        severity=Severity.INFO,
        message=f"表{table.number}“{table.title}”未与各单位核对：{who}{why}",
        location=Location(table=table.number, table_kind=table.kind.value),
    )
