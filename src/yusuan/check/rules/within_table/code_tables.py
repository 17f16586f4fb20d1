"""Code tables add up at every level they print: 类 = Σ 款, 款 = Σ 项 (or projects), 合计 = Σ 类.

Every table whose rows are classification codes (the function tables, the
economic tables, Jiangsu's 财政拨款 and 机关运行经费 tables) is one tree;
a parent row the table does not print stands in as the sum of its children.
Amounts are compared exactly at two decimals in the table's own unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import cell_name, difference, fmt, row_name, same
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.hierarchy import Node, code_tree, money_columns
from yusuan.check.registry import rule
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import ZERO

CODE_TABLES: tuple[tuple[TableKind, Side | None], ...] = (
    (TableKind.INCOME_EXPENDITURE_SUMMARY, Side.EXPENDITURE),
    (TableKind.INCOME_SUMMARY, None),
    (TableKind.EXPENDITURE_SUMMARY, None),
    (TableKind.FISCAL_SUMMARY, Side.EXPENDITURE),
    (TableKind.GENERAL_BUDGET_EXPENDITURE, None),
    (TableKind.GENERAL_BUDGET_BASIC, None),
    (TableKind.GENERAL_BUDGET_PROJECTS, None),
    (TableKind.GOVERNMENT_FUND_EXPENDITURE, None),
    (TableKind.STATE_CAPITAL_EXPENDITURE, None),
    (TableKind.FISCAL_EXPENDITURE, None),
    (TableKind.FISCAL_BASIC, None),
    (TableKind.RUNNING_COSTS, None),
)

_LEVEL_NAMES = {1: "类", 2: "款", 3: "项", 4: "项目"}


def _code_tables(ctx: CheckContext) -> Iterator[tuple[Table, Side | None]]:
    for kind, side in CODE_TABLES:
        table = ctx.table(kind)
        if table is not None:
            yield table, side


def _children_name(node: Node) -> str:
    levels = {child.level for child in node.children}
    return "、".join(_LEVEL_NAMES.get(level, "下级") for level in sorted(levels))


@rule("hierarchy-sum", "上级科目 = 下级科目之和", "error")
def hierarchy_sum(ctx: CheckContext) -> Iterable[Finding]:
    """类 = Σ 款 and 款 = Σ 项 (table 7: the code's projects) for every printed parent row and every column.

    A parent row the table does not print is replaced by the sum of its
    children, so a missing 款 row does not hide a wrong 类 row.
    """
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        for node in tree.walk():
            if node.row is None or not node.children:
                continue
            for column in money_columns(table, side):
                actual = node.row.amount(column)
                expected = sum((child.value(column) for child in node.children), ZERO)
                if not same(actual, expected):
                    yield ctx.finding(
                        f"{cell_name(table, node.row, column)}为 {fmt(actual)}，其下各{_children_name(node)}之和为 "
                        f"{fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                        ctx.at_cell(table, node.row, column),
                        expected=expected,
                        actual=actual,
                        difference=difference(actual, expected),
                        related=tuple(ctx.at_cell(table, c.row, column) for c in node.children if c.row),
                    )


@rule("total-row-sum", "合计行 = 各类之和", "error")
def total_row_sum(ctx: CheckContext) -> Iterable[Finding]:
    """合计 (total) row = Σ of the top-level (类) rows, for every column of a code table.

    Where a table prints 当年支出小计 (Jiangsu's table 1), the classes add up to it, not to 支出合计,
    which also holds 结转下年资金 (summary-expenditure-use ties the two).
    """
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        current = table.row("expenditure.current", side) if side is Side.EXPENDITURE else None
        total = current or (table.row("total", side) if side else table.row("total"))
        if total is None or not tree.roots:
            continue
        for column in money_columns(table, side):
            actual = total.amount(column)
            expected = tree.value(column)
            if not same(actual, expected):
                yield ctx.finding(
                    f"{cell_name(table, total, column)}为 {fmt(actual)}，各类之和为 {fmt(expected)}，"
                    f"相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, total, column),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                    related=tuple(ctx.at_cell(table, root.row, column) for root in tree.roots if root.row),
                )


@rule("parent-row-missing", "缺少上级科目行", "warning")
def parent_row_missing(ctx: CheckContext) -> Iterable[Finding]:
    """A table that prints subtotal rows at a level prints them for every code at that level.

    When 款 rows appear under a 类 whose own row is absent while other 类 rows
    are printed, a reader cannot see that class's subtotal.
    """
    for table, side in _code_tables(ctx):
        tree = code_tree(table, side)
        printed = tree.printed_levels()
        for node in tree.walk():
            if node.virtual and node.level in printed and node.children:
                columns = money_columns(table, side)
                first = columns[0] if columns else Col.TOTAL
                value = node.value(first)
                children = "、".join(child.code for child in node.children)
                yield ctx.finding(
                    f"表{table.number}列出了其他{_LEVEL_NAMES[node.level]}级科目的合计行，但缺少 {node.code} 的"
                    f"{_LEVEL_NAMES[node.level]}级行（其下 {children} 之和为 {fmt(value)}）。",
                    ctx.at_cell(table, node.children[0].row) if node.children[0].row else ctx.at_cell(table),
                    expected=node.code,
                    related=tuple(ctx.at_cell(table, c.row) for c in node.children if c.row),
                )


def _names_one_thing(key: str) -> bool:
    head = key.split("/", 1)[0]
    return head.isdigit() or (head.isascii() and bool(head) and not key.startswith("unknown:"))


@rule("duplicate-row", "同一行重复出现", "warning")
def duplicate_row(ctx: CheckContext) -> Iterable[Finding]:
    """A row key (code, code/project, item) appears at most once on each side of a table.

    Only keys that name one thing count: a code, a code and its project, a canonical item.  A label the
    reader could not name (`unknown:…`) or a free list's entry (a project or unit name printed under
    several units) may rightly repeat (行政运行 under two 款).
    """
    for table in ctx.disclosure.tables:
        seen: dict[tuple[str, str | None], Row] = {}
        for row in table.rows:
            if not _names_one_thing(row.key):
                continue
            key = (row.key, row.side.value if row.side else None)
            if key in seen:
                yield ctx.finding(
                    f"表{table.number}中“{row_name(row)}”行出现了不止一次，合计可能重复计算。",
                    ctx.at_cell(table, row),
                    related=(ctx.at_cell(table, seen[key]),),
                )
            else:
                seen[key] = row
