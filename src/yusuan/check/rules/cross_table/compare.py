"""What the cross-table rules share: comparing a cell, a class or a total between two tables.

`compare_cells` reports two printed quantities that should be one; `by_class`
compares two tables class by class (a parent row a table does not print
counts as the sum of its children; a table printing amounts but no class rows
is skipped); the rest name cells and locations in findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.amounts import (
    agree,
    difference,
    fmt,
    in_unit,
    row_name,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.hierarchy import code_tree
from yusuan.model import Side, Table, TableKind
from yusuan.money import ZERO

K = TableKind


def cell_total(table: Table, row_key: str, columns: tuple[str, ...], side: Side | None = None) -> Decimal | None:
    """Σ of `columns` present in `table` on row `row_key` (None when the row or every column is absent)."""
    row = table.row(row_key, side) if side else table.row(row_key)
    present = [c for c in columns if table.column(c) is not None]
    if row is None or not present:
        return None
    return sum((row.amount(c) for c in present), ZERO)


def compare_cells(
    ctx: CheckContext,
    a: tuple[Table, Decimal, Location, str],
    b: tuple[Table, Decimal, Location, str],
    *,
    severity: Severity | None = None,
) -> Iterator[Finding]:
    """Yield a finding when a's value ≠ b's value (a is where the finding points)."""
    ta, va, la, what_a = a
    tb, vb, lb, what_b = b
    if agree(va, ta.unit, vb, tb.unit):
        return
    expected = in_unit(vb, tb.unit, ta.unit)
    unit_note = "" if ta.unit is tb.unit else f"（表{tb.number}以{tb.unit.value}为单位）"
    yield ctx.finding(
        f"表{ta.number}{what_a}为 {fmt(va)}，表{tb.number}{what_b}为 {fmt(vb)}{unit_note}，"
        f"相差 {fmt(difference(va, expected))}。",
        la,
        expected=expected,
        actual=va,
        difference=difference(va, expected),
        related=(lb,),
        severity=severity,
    )


def _class_values(table: Table, column: str | tuple[str, ...], side: Side | None = None) -> dict[str, Decimal]:
    """Effective value of each 类 (missing class rows summed from their children)."""
    columns = (column,) if isinstance(column, str) else column
    present = [c for c in columns if table.column(c, side) is not None or table.column(c) is not None]
    tree = code_tree(table, side)
    return {root.code: sum((root.value(c) for c in present), ZERO) for root in tree.roots if len(root.code) == 3}


def _class_location(ctx: CheckContext, table: Table, code: str, column: str, side: Side | None = None) -> Location:
    row = table.row(code, side) if side else table.row(code)
    return (
        ctx.at_cell(table, row, column)
        if row
        else Location(table=table.number, table_kind=table.kind.value, row=code, column=column)
    )


def _prints(table: Table, columns: str | tuple[str, ...], side: Side | None) -> bool:
    keys = (columns,) if isinstance(columns, str) else columns
    return any(table.column(key, side) is not None for key in keys)


def by_class(
    ctx: CheckContext,
    a: Table | None,
    a_cols: str | tuple[str, ...],
    b: Table | None,
    b_cols: str | tuple[str, ...],
    *,
    a_side: Side | None = None,
    b_side: Side | None = None,
    what: str = "",
) -> Iterator[Finding]:
    if a is None or b is None or not _prints(a, a_cols, a_side) or not _prints(b, b_cols, b_side):
        return  # a table that does not print the column compared (a 决算 prints 决算数, not 预算数) says nothing
    av, bv = _class_values(a, a_cols, a_side), _class_values(b, b_cols, b_side)
    if _totals_only(a, av, a_side) or _totals_only(b, bv, b_side):
        return
    a_col = a_cols if isinstance(a_cols, str) else a_cols[0]
    b_col = b_cols if isinstance(b_cols, str) else b_cols[0]
    for code in sorted(set(av) | set(bv)):
        va, vb = av.get(code, ZERO), bv.get(code, ZERO)
        name = _class_name(a, b, code)
        yield from compare_cells(
            ctx,
            (a, va, _class_location(ctx, a, code, a_col, a_side), f"“{name}”{what}"),
            (b, vb, _class_location(ctx, b, code, b_col, b_side), f"同一类{what}"),
        )


def _totals_only(table: Table, classes: dict[str, Decimal], side: Side | None) -> bool:
    """The table prints amounts but no function class rows (Jiangsu 支出预算总表: one row 合计): it
    does not break its money down by class, so there is nothing to compare class by class.  An
    empty table (no classes, nothing in its total) still says every class is zero."""
    if classes:
        return False
    total = table.row("total", side) if side else table.row("total")
    return total is not None and any(cell.value for cell in total.cells.values())


def _class_name(a: Table, b: Table, code: str) -> str:
    for table in (a, b):
        row = table.row(code)
        if row is None:
            rows = [r for r in table.rows if r.key == code]
            row = rows[0] if rows else None
        if row is not None:
            return row_name(row)
    return code


def table_total(
    ctx: CheckContext, table: Table, column: str, side: Side | None = None
) -> tuple[Decimal, Location] | None:
    row = table.row("total", side) if side else table.row("total")
    if row is None or (table.column(column, side) is None and table.column(column) is None):
        return None
    return row.amount(column), ctx.at_cell(table, row, column)


def spending_total(
    ctx: CheckContext, table: Table, column: str, side: Side | None = None
) -> tuple[Decimal, Location] | None:
    """The year's spending of a two-sided table: its 总计 row, or, in a final account whose 总计 also holds
    the 年末结转和结余 (closing balance), its 本年支出合计 row."""
    if table.row("expenditure.closing_balance", side) is None:
        return table_total(ctx, table, column, side)
    row = table.row("expenditure.current", side)
    if row is None or table.column(column, side) is None:
        return None
    return row.amount(column), ctx.at_cell(table, row, column)
