"""Final accounts (决算): the identities of a year's money inside one table.

A 决算 reports what was there, what came in, what went out and what is left: 年初结转和结余 + 本年收入
= 本年支出 + 年末结转和结余, for the whole unit (收入支出决算总表), for each fiscal fund (财政拨款收入支出
决算总表) and for each code of the 政府性基金 and 国有资本经营 tables; its 基本支出 table adds up to its
人员经费合计 and 公用经费合计.  Each rule reads the rows the reader keyed (a row it could not name makes it
stay silent), and only on a final account's tables: they key the 决算 rows (`expenditure.closing_balance`,
`opening_balance`, …) that a budget never prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from yusuan.check.amounts import cell_name, difference, fmt, row_name, same, unknown_money
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import ZERO

FUNDS = ("general_public_budget", "government_fund", "state_capital")
# 人员经费 are 工资福利支出 and 对个人和家庭的补助; every other economic class of basic spending is 公用经费
PERSONNEL_CLASSES = ("301", "303")


def _sum_check(
    ctx: CheckContext,
    table: Table,
    whole: Row,
    parts: list[Row],
    column: str,
    what: str,
    *,
    whole_column: str | None = None,
) -> Iterator[Finding]:
    """`whole` in `whole_column` (default `column`) = Σ `parts` in `column`."""
    at = whole_column or column
    actual = whole.amount(at)
    expected = sum((r.amount(column) for r in parts), ZERO)
    if not same(actual, expected):
        yield ctx.finding(
            f"{cell_name(table, whole, at)}为 {fmt(actual)}，{what}为 {fmt(expected)}，"
            f"相差 {fmt(difference(actual, expected))}。",
            ctx.at_cell(table, whole, at),
            expected=expected,
            actual=actual,
            difference=difference(actual, expected),
            related=tuple(ctx.at_cell(table, r, column) for r in parts),
        )


def _closing_table(ctx: CheckContext, kind: TableKind) -> Table | None:
    """The table of that kind when it is a final account's (its spending side closes with 年末结转和结余)."""
    table = ctx.table(kind)
    if table is None or table.row("expenditure.closing_balance", Side.EXPENDITURE) is None:
        return None
    return table


@rule(
    "final-summary-expenditure-total", "收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余", "error"
)
def summary_expenditure_total(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (its 决算数 column)."""
    table = _closing_table(ctx, TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None or table.column(Col.FINAL, Side.EXPENDITURE) is None:
        return
    total = table.row("total", Side.EXPENDITURE)
    keys = ("expenditure.current", "expenditure.surplus_distribution", "expenditure.closing_balance")
    parts = [r for k in keys if (r := table.row(k, Side.EXPENDITURE)) is not None]
    if total is None or table.row("expenditure.current", Side.EXPENDITURE) is None:
        return
    if unknown_money(table, Side.EXPENDITURE, Col.FINAL):
        return
    yield from _sum_check(ctx, table, total, parts, Col.FINAL, "本年支出合计、结余分配与年末结转和结余之和")


@rule(
    "final-fiscal-expenditure-total",
    "财政拨款收入支出决算总表：支出总计 = 本年支出合计 + 年末结转和结余（各栏）",
    "error",
)
def fiscal_expenditure_total(ctx: CheckContext) -> Iterable[Finding]:
    """In each column of a final account's 财政拨款 spending (合计 and each fund): 总计 = 本年支出合计 +
    年末财政拨款结转和结余."""
    table = _closing_table(ctx, TableKind.FISCAL_SUMMARY)
    if table is None:
        return
    total = table.row("total", Side.EXPENDITURE)
    current = table.row("expenditure.current", Side.EXPENDITURE)
    closing = table.row("expenditure.closing_balance", Side.EXPENDITURE)
    if total is None or current is None or closing is None:
        return
    for column in (Col.TOTAL, *FUNDS):
        if table.column(column, Side.EXPENDITURE) is not None:
            yield from _sum_check(ctx, table, total, [current, closing], column, "本年支出合计与年末结转和结余之和")


@rule(
    "final-fiscal-fund-balance", "财政拨款收入支出决算总表：各预算年初结转和结余 + 本年收入 = 该预算支出总计", "error"
)
def fiscal_fund_balance(ctx: CheckContext) -> Iterable[Finding]:
    """For each fund (一般公共预算, 政府性基金, 国有资本经营) a final account prints by row and by column:
    本年收入 + 年初结转和结余 of the fund = 支出总计 in the fund's column (= 本年支出 + 年末结转和结余)."""
    table = _closing_table(ctx, TableKind.FISCAL_SUMMARY)
    if table is None or table.column(Col.FINAL, Side.INCOME) is None:
        return
    spent = table.row("total", Side.EXPENDITURE)
    if spent is None:
        return
    for fund in FUNDS:
        current = table.row(f"fiscal.current.{fund}", Side.INCOME)
        opening = table.row(f"fiscal.carryover.{fund}", Side.INCOME)
        if current is None or opening is None or table.column(fund, Side.EXPENDITURE) is None:
            continue
        actual = current.amount(Col.FINAL) + opening.amount(Col.FINAL)
        expected = spent.amount(fund)
        if not same(actual, expected):
            yield ctx.finding(
                f"表{table.number}“{row_name(current)}”本年收入与年初结转和结余之和为 {fmt(actual)}，而"
                f"{cell_name(table, spent, fund)}为 {fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, current, Col.FINAL),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
                related=(ctx.at_cell(table, opening, Col.FINAL), ctx.at_cell(table, spent, fund)),
            )


@rule(
    "final-fund-balances",
    "政府性基金/国有资本经营决算表：年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余",
    "error",
    tables=(TableKind.GOVERNMENT_FUND_EXPENDITURE, TableKind.STATE_CAPITAL_EXPENDITURE),
)
def fund_carryover(ctx: CheckContext) -> Iterable[Finding]:
    """Each row of a final account's 政府性基金 or 国有资本经营 table that prints its balances: 年初结转和结余 +
    本年收入 − 本年支出合计 = 年末结转和结余."""
    for kind in (TableKind.GOVERNMENT_FUND_EXPENDITURE, TableKind.STATE_CAPITAL_EXPENDITURE):
        table = ctx.table(kind)
        if table is None or any(table.column(c) is None for c in ("opening_balance", "income", "closing_balance")):
            continue
        spent = Col.TOTAL if table.column(Col.TOTAL) is not None else None
        for row in table.rows:
            if row.key.startswith("unknown:"):
                continue
            out = row.amount(spent) if spent else row.amount(Col.BASIC) + row.amount(Col.PROJECT)
            expected: Decimal = row.amount("opening_balance") + row.amount("income") - out
            actual = row.amount("closing_balance")
            if not same(actual, expected):
                yield ctx.finding(
                    f"{cell_name(table, row, 'closing_balance')}为 {fmt(actual)}，而年初结转和结余加本年收入减本年支出"
                    f"为 {fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                    ctx.at_cell(table, row, "closing_balance"),
                    expected=expected,
                    actual=actual,
                    difference=difference(actual, expected),
                    related=tuple(
                        ctx.at_cell(table, row, c) for c in ("opening_balance", "income", spent or Col.BASIC)
                    ),
                )


@rule("final-basic-totals", "一般公共预算财政拨款基本支出决算表：人员经费合计、公用经费合计 = 各类之和", "error")
def basic_totals(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's basic-spending table: 人员经费合计 = Σ its 类 rows 301 and 303; 公用经费合计 = Σ its
    other 类 rows (302, 307, 310, 399 …)."""
    table = ctx.table(TableKind.GENERAL_BUDGET_BASIC)
    if table is None or table.column(Col.FINAL) is None or unknown_money(table, None, Col.FINAL):
        return
    classes = [r for r in table.rows if r.code and len(r.code) == 3]
    for key, members, what in (
        (
            "total.personnel",
            [r for r in classes if r.code in PERSONNEL_CLASSES],
            "工资福利支出与对个人和家庭的补助之和",
        ),
        ("total.public", [r for r in classes if r.code not in PERSONNEL_CLASSES], "其余各类之和"),
    ):
        whole = table.row(key)
        if whole is not None and members:
            yield from _sum_check(ctx, table, whole, members, Col.FINAL, what)
