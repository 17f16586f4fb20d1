"""Rows that add up to a total row: 三公 items, carry-over projects, procurement lines.

Tables whose rows are named items rather than codes: 表10's 三公 (and
Jiangsu's 会议费 / 培训费), 表11's projects and Jiangsu's 政府采购预算表, whose
row levels docs/keys.md defines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import cell_name, difference, fmt, row_name, same
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.hierarchy import money_columns
from yusuan.check.registry import rule
from yusuan.model import Row, Table, TableKind
from yusuan.money import ZERO

# --- table 10: 三公 rows -----------------------------------------------------------


@rule(
    "three-public-items",
    "“三公”经费表：合计 = 出国 + 接待 + 车辆；车辆 = 购置 + 运行；总合计 = 三公 + 会议费 + 培训费",
    "error",
)
def three_public_items(ctx: CheckContext) -> Iterable[Finding]:
    """三公 合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费; 车辆小计 = 购置费 + 运行费, per column.

    Where the table also prints 会议费 and 培训费 under a 合计 of its own (Jiangsu's “三公”经费、会议费、
    培训费支出预算表: `grand_total`), that 合计 = “三公”经费小计 + 会议费 + 培训费.
    """
    table = ctx.table(TableKind.THREE_PUBLIC)
    if table is None:
        return
    for whole, parts in (
        ("total", ("abroad", "reception", "vehicles")),
        ("vehicles", ("vehicle_purchase", "vehicle_operation")),
        ("grand_total", ("total", "meeting", "training")),
    ):
        whole_row = table.row(whole)
        part_rows = [r for r in (table.row(p) for p in parts) if r is not None]
        if whole_row is None or not part_rows:
            continue
        for column in money_columns(table):
            actual = whole_row.amount(column)
            expected = sum((r.amount(column) for r in part_rows), ZERO)
            if not same(actual, expected):
                names = " + ".join(f"“{row_name(r)}”" for r in part_rows)
                yield ctx.finding(
                    f"{cell_name(table, whole_row, column)}为 {fmt(actual)}，而 {names} = {fmt(expected)}，"
                    f"相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, whole_row, column),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                    related=tuple(ctx.at_cell(table, r, column) for r in part_rows),
                )


@rule("carryover-total-row", "上年结转结余表：合计行 = 各项目之和", "error")
def carryover_total_row(ctx: CheckContext) -> Iterable[Finding]:
    """上年结转结余 合计 row = Σ of the project / item rows, per column."""
    table = ctx.table(TableKind.CARRYOVER)
    if table is None:
        return
    total = table.row("total")
    body = list(table.body_rows())
    if total is None or not body:
        return
    for column in money_columns(table):
        actual = total.amount(column)
        expected = sum((r.amount(column) for r in body), ZERO)
        if not same(actual, expected):
            yield ctx.finding(
                f"{cell_name(table, total, column)}为 {fmt(actual)}，各项目之和为 {fmt(expected)}，"
                f"相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, total, column),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
            )


# --- the procurement table ------------------------------------------------------

_UNIT = 5  # a spending unit's subtotal between a 品目大类 and its lines (docs/keys.md)
_PROCUREMENT_LEVELS = {1: "品目大类", 2: "项目", 3: "项目", 4: "采购物品", _UNIT: "使用单位"}


def procurement_groups(table: Table) -> Iterator[tuple[Row, list[Row]]]:
    """(total or parent row, the rows that add up to it) of a 政府采购预算表, levels as docs/keys.md defines.

    合计 ← level-1 rows (品目大类); a level-1 row ← its unit subtotals (level 5, 公开13表) and the level-2 and
    level-3 lines not under a unit (a 专项 under each of its 经济科目); a unit ← its lines; a level-2 or level-3
    line ← the level-4 purchase items printed below it, up to the next line.
    """
    total = table.row("total")
    body = [r for r in table.body_rows() if r.level in (1, 2, 3, 4, _UNIT)]
    if total is not None:
        yield total, [r for r in body if r.level == 1]
    category: tuple[Row, list[Row]] | None = None
    unit: tuple[Row, list[Row]] | None = None
    line: tuple[Row, list[Row]] | None = None
    for row in body:
        if row.level == 1:
            yield from (g for g in (line, unit, category) if g is not None)
            category, unit, line = (row, []), None, None
        elif row.level == _UNIT:
            yield from (g for g in (line, unit) if g is not None)
            unit, line = (row, []), None
            if category is not None:
                category[1].append(row)
        elif row.level in (2, 3):
            if line is not None:
                yield line
            line = (row, [])
            parent = unit or category
            if parent is not None:
                parent[1].append(row)
        elif line is not None:
            line[1].append(row)
    yield from (g for g in (line, unit, category) if g is not None)


@rule("procurement-sum", "政府采购表：合计 = 各品目之和；品目 = 各项目之和；项目 = 各采购物品之和", "error")
def procurement_sum(ctx: CheckContext) -> Iterable[Finding]:
    """政府采购预算表: 合计 = Σ 品目大类; 品目大类 = Σ its units' subtotals and 项目 lines; a unit = Σ its 项目
    lines; a 项目 line = Σ the 采购物品 printed below it.

    A line with nothing printed below it is not checked (its items are not listed).
    """
    table = ctx.table(TableKind.PROCUREMENT)
    if table is None:
        return
    for parent, children in procurement_groups(table):
        if not children:
            continue
        for column in (c.key for c in table.columns):
            actual = parent.amount(column)
            expected = sum((child.amount(column) for child in children), ZERO)
            if same(actual, expected):
                continue
            parts = _PROCUREMENT_LEVELS.get(children[0].level or 0, "下级")
            yield ctx.finding(
                f"{cell_name(table, parent, column)}为 {fmt(actual)}，其下各{parts}之和为 {fmt(expected)}，"
                f"相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, parent, column),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
                related=tuple(ctx.at_cell(table, child, column) for child in children),
            )
