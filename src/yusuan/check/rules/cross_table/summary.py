"""Tables 1, 2 and 3 agree: totals, sources, classes, and spending by use.

T1 收入总计 = T2 总计 and its sources = T2's source columns; T1, T2 and T3
agree class by class; where table 1 lists spending by use (Jiangsu), its uses
= T3's columns of the same name.
"""

from __future__ import annotations

from collections.abc import Iterable

from yusuan.check.amounts import (
    column_name,
    row_name,
    side_amount_column,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.rules.cross_table.compare import K, by_class, cell_total, compare_cells, table_total
from yusuan.model import Col, Side

# --- table 1 against table 2 and 3 ---------------------------------------------------


@rule("summary-vs-income-total", "收支总表收入总计 = 收入总表总计", "error")
def t1_t2_total(ctx: CheckContext) -> Iterable[Finding]:
    """T1 收入总计 = T2 合计 row's 总计."""
    t1, t2 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t1 is None or t2 is None:
        return
    a, b = table_total(ctx, t1, Col.AMOUNT, Side.INCOME), table_total(ctx, t2, Col.TOTAL)
    if a and b:
        yield from compare_cells(ctx, (t1, a[0], a[1], "收入总计"), (t2, b[0], b[1], "合计行“总计”"))


# T1 income row → the T2 columns that hold the same money
T1_T2_SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("income.general_public_budget", (Col.GPB, Col.GPB_TRANSFER)),
    ("income.general_public_budget.transfer", (Col.GPB_TRANSFER,)),
    ("income.government_fund", (Col.GOV_FUND, Col.GOV_FUND_TRANSFER)),
    ("income.government_fund.transfer", (Col.GOV_FUND_TRANSFER,)),
    ("income.state_capital", (Col.STATE_CAPITAL,)),
    ("income.special_account", (Col.SPECIAL_ACCOUNT,)),
    ("income.unit_funds", (Col.UNIT_FUNDS,)),
    ("income.carryover.fiscal", (Col.FISCAL_CARRYOVER,)),
    ("income.carryover.nonfiscal", (Col.NONFISCAL_CARRYOVER,)),
    # Shanghai: 一、财政拨款收入 = 表2 财政拨款收入 (its only fiscal column); 事业收入 … by their own columns
    ("income.fiscal", (Col.FISCAL_SUBTOTAL,)),
    ("income.unit_funds.business_income", ("business_income",)),
    ("income.unit_funds.operating_income", ("operating_income",)),
    ("income.unit_funds.other_income", ("other_income",)),
)


@rule("summary-vs-income-sources", "收支总表各项收入 = 收入总表对应来源列合计", "error")
def t1_t2_sources(ctx: CheckContext) -> Iterable[Finding]:
    """Each T1 income source = T2 合计 row of the matching column(s) (一般公共预算 = 一般公共预算 + 上级转移支付, …).

    Only where table 1 prints its income in a 预算数 column (final accounts print 决算数, not compared here).
    """
    t1, t2 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t1 is None or t2 is None or t1.column(Col.AMOUNT, Side.INCOME) is None:
        return
    t2_total = t2.row("total")
    for key, columns in T1_T2_SOURCES:
        row = t1.row(key, Side.INCOME)
        b = cell_total(t2, "total", columns)
        if row is None or b is None or t2_total is None:
            continue
        names = " + ".join(f"“{' '.join(t2.column(c).label.split())}”" for c in columns if t2.column(c))  # type: ignore[union-attr]
        yield from compare_cells(
            ctx,
            (t1, row.amount(Col.AMOUNT), ctx.at_cell(t1, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t2, b, ctx.at_cell(t2, t2_total, columns[0]), f"合计行 {names}"),
        )


@rule("summary-vs-expenditure-by-class", "收支总表各类支出 = 支出总表各类合计", "error")
def t1_t3_class(ctx: CheckContext) -> Iterable[Finding]:
    """T1 expenditure of each function class = T3 合计 of that class."""
    t1 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY)
    return by_class(
        ctx,
        t1,
        side_amount_column(t1, Side.EXPENDITURE) if t1 else Col.AMOUNT,
        ctx.table(K.EXPENDITURE_SUMMARY),
        Col.TOTAL,
        a_side=Side.EXPENDITURE,
    )


@rule("summary-vs-income-by-class", "收支总表各类支出 = 收入总表各类总计（缺支出总表时）", "error")
def t1_t2_class(ctx: CheckContext) -> Iterable[Finding]:
    """T1 expenditure of each class = T2 总计 of that class (T2 = T3 class by class, so this holds even without T3).

    Only run when T3 is absent: with T3 present, summary-vs-expenditure-by-class and income-vs-expenditure-by-class
    already pin the difference to one table.
    """
    if ctx.table(K.EXPENDITURE_SUMMARY) is not None or ctx.disclosure.meta.kind.is_final:
        return iter(())  # a 决算's income by class is not its spending by class
    t1 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY)
    return by_class(
        ctx,
        t1,
        side_amount_column(t1, Side.EXPENDITURE) if t1 else Col.AMOUNT,
        ctx.table(K.INCOME_SUMMARY),
        Col.TOTAL,
        a_side=Side.EXPENDITURE,
    )


@rule("income-vs-expenditure-by-class", "收入总表各类总计 = 支出总表各类合计", "error")
def t2_t3_class(ctx: CheckContext) -> Iterable[Finding]:
    """T2 总计 of each function class = T3 合计 of that class (income by function = expenditure by function).

    Not on final accounts: a 决算's 本年收入 by function differs from its 本年支出 by the year's carry-over
    (年初结转和结余 spent, 年末结转和结余 left), so the two tables need not agree class by class.
    """
    if ctx.disclosure.meta.kind.is_final:
        return iter(())
    return by_class(ctx, ctx.table(K.INCOME_SUMMARY), Col.TOTAL, ctx.table(K.EXPENDITURE_SUMMARY), Col.TOTAL)


# table 1's 支出用途 rows → table 3's columns of the same name (Jiangsu)
T1_T3_USE: tuple[tuple[str, str], ...] = (
    ("expenditure.basic", Col.BASIC),
    ("expenditure.project", Col.PROJECT),
    ("expenditure.reserve", "reserve"),
    ("expenditure.carryforward", "carryforward"),
)


@rule("summary-vs-expenditure-by-use", "收支总表支出用途 = 支出总表同名列合计", "error")
def t1_t3_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 1 lists spending by use (Jiangsu): T1 基本支出, 项目支出, 单位预留机动经费, 结转下年资金 = T3
    合计 row of the column of the same name."""
    t1, t3 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.EXPENDITURE_SUMMARY)
    if t1 is None or t3 is None:
        return
    column = side_amount_column(t1, Side.EXPENDITURE)
    for key, t3_column in T1_T3_USE:
        row = t1.row(key, Side.EXPENDITURE)
        b = table_total(ctx, t3, t3_column)
        if row is None or b is None:
            continue
        yield from compare_cells(
            ctx,
            (t1, row.amount(column), ctx.at_cell(t1, row, column), f"“{row_name(row)}”"),
            (t3, b[0], b[1], f"合计行“{column_name(t3, t3_column)}”"),
        )
