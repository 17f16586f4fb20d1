"""Tables 1 and 4, row by row: income = its sources, totals = their parts, expenditure by use.

The summary tables print their sums as rows (本年收入, 收入总计, 财政拨款 and
its budgets; Jiangsu's 基本 / 项目 / 预留 block).  Each identity applies only
where the template prints the rows it needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import (
    cell_name,
    difference,
    fmt,
    income_column,
    printed_rows,
    row_name,
    same,
    side_amount_column,
    unknown_money,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.model import Col, Side, Table, TableKind
from yusuan.money import ZERO

# --- tables 1 and 4: the income side ----------------------------------------------

UNIT_FUND_ITEMS = tuple(
    f"income.unit_funds.{k}"
    for k in ("business_income", "superior_subsidy", "affiliated_remittance", "operating_income", "other_income")
)
T1_SUBITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Jiangsu and Shanghai print 一、财政拨款（收入） over its budgets
    ("income.fiscal", ("income.general_public_budget", "income.government_fund", "income.state_capital")),
    ("income.general_public_budget", ("income.general_public_budget.own", "income.general_public_budget.transfer")),
    ("income.government_fund", ("income.government_fund.own", "income.government_fund.transfer")),
    ("income.state_capital", ("income.state_capital.own", "income.state_capital.transfer")),
    ("income.unit_funds", UNIT_FUND_ITEMS),
    ("income.carryover", ("income.carryover.fiscal", "income.carryover.nonfiscal")),
    (
        "income.carryover.fiscal",
        tuple(f"income.carryover.fiscal.{k}" for k in ("general_public_budget", "government_fund", "state_capital")),
    ),
    (
        "income.carryover.nonfiscal",
        ("income.carryover.nonfiscal.special_account", "income.carryover.nonfiscal.unit_funds"),
    ),
)
# The parts of 本年收入, and of 收入总计 where table 1 prints no 本年收入 row (Shanghai: 一、财政拨款收入,
# 二、事业收入, 三、事业单位经营收入, 四、其他收入 directly under 收入总计).  A part `a|b+c` is row `a` where the table
# prints it, else the printed rows among `b`, `c` (amounts.printed_rows).
T1_CURRENT_PARTS = (
    "income.fiscal|income.general_public_budget+income.government_fund+income.state_capital",
    "income.special_account",
    "income.unit_funds|" + "+".join(UNIT_FUND_ITEMS),
)
T1_CARRYOVER = "income.carryover|income.carryover.fiscal+income.carryover.nonfiscal"
T4_FUNDS = ("general_public_budget", "government_fund", "state_capital")


def _sum_rows(
    ctx: CheckContext, table: Table, whole_key: str, part_keys: tuple[str, ...], *, side: Side, column: str, what: str
) -> Iterator[Finding]:
    whole = table.row(whole_key, side)
    parts = [r for r in (table.row(k, side) for k in part_keys) if r is not None]
    if whole is None or not parts or unknown_money(table, side, column):
        return  # a row the reader could not name may be one of the parts: no finding on a guess
    actual = whole.amount(column)
    expected = sum((r.amount(column) for r in parts), ZERO)
    if not same(actual, expected):
        yield ctx.finding(
            f"表{table.number}“{row_name(whole)}”为 {fmt(actual)}，{what}为 {fmt(expected)}，"
            f"相差 {fmt(difference(actual, expected))}。",
            ctx.at_cell(table, whole, column),
            expected=expected,
            actual=actual,
            difference=difference(actual, expected),
            related=tuple(ctx.at_cell(table, r, column) for r in parts),
        )


@rule("summary-income-current", "收支总表：本年收入 = 各项收入之和", "error")
def t1_income_current(ctx: CheckContext) -> Iterable[Finding]:
    """一、本年收入 = 一般公共预算拨款 + 政府性基金预算拨款 + 国有资本经营预算拨款 + 财政专户核拨 + 单位资金.

    Each source as printed: 单位资金 is its five items where the table prints no 单位资金 line (Jiangsu 公开01表:
    五、事业收入 … 九、其他收入, then 本年收入合计), 财政拨款 its budgets where it prints no line of its own."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is not None:
        parts = tuple(r.key for part in T1_CURRENT_PARTS for r in printed_rows(table, part, Side.INCOME))
        yield from _sum_rows(
            ctx, table, "income.current", parts, side=Side.INCOME, column=income_column(table), what="各项收入之和"
        )


@rule("summary-income-subitems", "收支总表：各项收入 = 其明细之和", "error")
def t1_income_subitems(ctx: CheckContext) -> Iterable[Finding]:
    """Each income source = Σ its 其中 items (一般财力 + 转移支付; 单位资金's five items; 结转结余's parts)."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None:
        return
    for whole, parts in T1_SUBITEMS:
        yield from _sum_rows(ctx, table, whole, parts, side=Side.INCOME, column=income_column(table), what="其明细之和")


@rule("summary-income-total", "收支总表：收入总计 = 本年收入 + 上年结转结余", "error")
def t1_income_total(ctx: CheckContext) -> Iterable[Finding]:
    """收入总计 = 一、本年收入 + 二、上年结转结余.

    Where the table prints no 本年收入 row, its parts stand in: 财政拨款收入 (or its budgets) + 财政专户
    + 单位资金 (or 事业收入, 经营收入, 其他收入 … as printed); likewise 上年结转结余 by its parts.  A final
    account's 总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余, in its 决算数 column.
    """
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None or table.column(income_column(table), Side.INCOME) is None:
        return
    carryover = [r.key for r in printed_rows(table, T1_CARRYOVER, Side.INCOME)]
    carryover += [r.key for r in printed_rows(table, "income.nonfiscal_surplus_used", Side.INCOME)]
    if table.row("income.current", Side.INCOME) is not None:
        current, what = ["income.current"], "本年收入与上年结转结余之和"
    else:
        current = [r.key for part in T1_CURRENT_PARTS for r in printed_rows(table, part, Side.INCOME)]
        what = "各项收入与上年结转结余之和" if carryover else "各项收入之和"
    column = income_column(table)
    yield from _sum_rows(ctx, table, "total", (*current, *carryover), side=Side.INCOME, column=column, what=what)


def _balance(ctx: CheckContext, kind: TableKind, income_col: str, expenditure_col: str) -> Iterator[Finding]:
    table = ctx.table(kind)
    if table is None:
        return
    income = table.row("total", Side.INCOME)
    expenditure = table.row("total", Side.EXPENDITURE)
    if income is None or expenditure is None:
        return
    a, b = income.amount(income_col), expenditure.amount(expenditure_col)
    if not same(a, b):
        yield ctx.finding(
            f"表{table.number}收入总计 {fmt(a)} 与支出总计 {fmt(b)} 不相等，相差 {fmt(difference(a, b))}。",
            ctx.at_cell(table, income, income_col),
            expected=b,
            actual=a,
            difference=difference(a, b),
            related=(ctx.at_cell(table, expenditure, expenditure_col),),
        )


@rule("summary-balance", "收支总表：收入总计 = 支出总计", "error")
def t1_balance(ctx: CheckContext) -> Iterable[Finding]:
    """收入总计 = 支出总计 (a budget balances)."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None:
        return iter(())
    return _balance(
        ctx,
        TableKind.INCOME_EXPENDITURE_SUMMARY,
        side_amount_column(table, Side.INCOME),
        side_amount_column(table, Side.EXPENDITURE),
    )


@rule("fiscal-income", "财政拨款收支总表：财政拨款收入 = 各预算之和", "error")
def t4_income(ctx: CheckContext) -> Iterable[Finding]:
    """本年收入 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算; likewise 上年结转; 收入总计 = 本年 + 结转.

    Where the table prints no 本年收入 (or 上年结转) row, its budget rows stand in (Jiangsu and Shanghai
    list 一般公共预算, 政府性基金 … directly under 收入总计).
    """
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is None:
        return
    column = income_column(table)
    if table.column(column, Side.INCOME) is None:
        return
    parts: list[str] = []
    for whole in ("fiscal.current", "fiscal.carryover"):
        funds = tuple(f"{whole}.{f}" for f in T4_FUNDS)
        yield from _sum_rows(ctx, table, whole, funds, side=Side.INCOME, column=column, what="各预算之和")
        parts += [r.key for r in printed_rows(table, "|".join((whole, "+".join(funds))), Side.INCOME)]
    what = "本年收入与上年结转之和" if table.row("fiscal.current", Side.INCOME) else "各预算收入之和"
    yield from _sum_rows(ctx, table, "total", tuple(parts), side=Side.INCOME, column=column, what=what)


# --- tables 1 and 4: expenditure by use (Jiangsu's 支出用途 block) -------------------

BY_USE = ("expenditure.basic", "expenditure.project", "expenditure.reserve")


def _by_use(ctx: CheckContext, table: Table, column: str) -> Iterator[Finding]:
    """当年支出小计 = 基本 + 项目 + 预留; 支出合计 = 当年支出小计 + 结转下年 (without a 小计 row: 支出合计 =
    基本 + 项目 + 预留 + 结转下年).  Only where the side lists its spending by use."""
    side = Side.EXPENDITURE
    if not any(table.row(key, side) for key in BY_USE):
        return
    if table.row("expenditure.current", side) is not None:
        yield from _sum_rows(
            ctx, table, "expenditure.current", BY_USE, side=side, column=column, what="基本支出、项目支出与预留经费之和"
        )
        parts: tuple[str, ...] = ("expenditure.current", "expenditure.carryforward")
    else:
        parts = (*BY_USE, "expenditure.carryforward")
    yield from _sum_rows(ctx, table, "total", parts, side=side, column=column, what="各项支出用途之和")


@rule(
    "summary-expenditure-use",
    "收支总表：当年支出 = 基本支出 + 项目支出 + 预留机动经费；支出合计 = 当年支出 + 结转下年",
    "error",
)
def t1_expenditure_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 1 lists spending by use (Jiangsu: 一、基本支出, 二、项目支出, 三、单位预留机动经费,
    当年支出小计, 结转下年资金, 支出合计): 当年支出小计 = 基本支出 + 项目支出 + 单位预留机动经费;
    支出合计 = 当年支出小计 + 结转下年资金."""
    table = ctx.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is not None:
        yield from _by_use(ctx, table, side_amount_column(table, Side.EXPENDITURE))


@rule("fiscal-expenditure-use", "财政拨款收支总表：支出合计 = 基本支出 + 项目支出 + 预留机动经费", "error")
def t4_expenditure_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 4 lists fiscal spending by use, not by function (Jiangsu): 支出合计 = 基本支出 + 项目支出 +
    单位预留机动经费 (+ 结转下年, or via 当年支出小计, where printed)."""
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is not None:
        yield from _by_use(ctx, table, Col.TOTAL)


@rule("fiscal-balance", "财政拨款收支总表：财政拨款收入总计 = 支出总计", "error")
def t4_balance(ctx: CheckContext) -> Iterable[Finding]:
    """财政拨款收入总计 = 财政拨款支出总计 (a 决算's income in its 决算数 column)."""
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    income = side_amount_column(table, Side.INCOME) if table is not None else Col.AMOUNT
    return _balance(ctx, TableKind.FISCAL_SUMMARY, income, Col.TOTAL)


@rule("fiscal-fund-balance", "财政拨款收支总表：各预算财政拨款收入 = 该预算支出总计", "error")
def t4_fund_balance(ctx: CheckContext) -> Iterable[Finding]:
    """For each budget (一般公共预算, 政府性基金, 国有资本经营) whose income row and expenditure column
    table 4 prints: 本年收入 + 上年结转 of that budget = 支出总计 in that budget's column.

    Not checked when 上年结转 is printed only as one figure, not by budget, and is not zero; nor on
    final accounts (年末结转和结余 is a use of the income too).
    """
    table = ctx.table(TableKind.FISCAL_SUMMARY)
    if table is None or table.column(Col.AMOUNT, Side.INCOME) is None:
        return
    spent = table.row("total", Side.EXPENDITURE)
    if spent is None or table.row("expenditure.closing_balance", Side.EXPENDITURE) is not None:
        return
    carryover = table.row("fiscal.carryover", Side.INCOME)
    by_fund = any(table.row(f"fiscal.carryover.{f}", Side.INCOME) for f in T4_FUNDS)
    if carryover is not None and carryover.amount(Col.AMOUNT) and not by_fund:
        return
    for fund in T4_FUNDS:
        current = table.row(f"fiscal.current.{fund}", Side.INCOME)
        if current is None or table.column(fund, Side.EXPENDITURE) is None:
            continue
        rows = [r for r in (current, table.row(f"fiscal.carryover.{fund}", Side.INCOME)) if r is not None]
        actual = sum((r.amount(Col.AMOUNT) for r in rows), ZERO)
        expected = spent.amount(fund)
        if not same(actual, expected):
            income = "本年收入与上年结转之和" if len(rows) > 1 else "收入"
            yield ctx.finding(
                f"表{table.number}“{row_name(current)}”{income}为 {fmt(actual)}，而{cell_name(table, spent, fund)}为 "
                f"{fmt(expected)}，相差 {fmt(difference(actual, expected))}。",
                ctx.at_cell(table, current, Col.AMOUNT),
                expected=expected,
                actual=actual,
                difference=difference(actual, expected),
                related=(*(ctx.at_cell(table, r, Col.AMOUNT) for r in rows[1:]), ctx.at_cell(table, spent, fund)),
            )
