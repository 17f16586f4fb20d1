"""Table 4 (财政拨款收支) against tables 1, 2, 5, 8, 9 and the 财政拨款基本支出表.

T1's fiscal income = T4's, budget by budget; T4's fiscal income = T2's fiscal
columns; its fund columns = T5 / T8 / T9 class by class; where it lists
spending by use, its 基本支出 = the 财政拨款基本支出表's total.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import (
    printed_rows,
    row_name,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.rounding import within_rounding_across
from yusuan.check.rules.cross_table.compare import (
    K,
    by_class,
    cell_total,
    compare_cells,
    spending_total,
    table_total,
)
from yusuan.model import Col, Side, TableKind
from yusuan.money import ZERO

# --- table 4 ---------------------------------------------------------------------------

# T1 fiscal income row → the T4 income rows of the same money (`a|b+c`: row a, else the printed rows b, c),
# this year's and the carryover's
T1_T4_FISCAL: tuple[tuple[str, str, str], ...] = (
    (
        "income.fiscal",
        "fiscal.current|fiscal.current.general_public_budget+fiscal.current.government_fund+fiscal.current.state_capital",
        "fiscal.carryover|fiscal.carryover.general_public_budget+fiscal.carryover.government_fund"
        "+fiscal.carryover.state_capital",
    ),
    ("income.general_public_budget", "fiscal.current.general_public_budget", "fiscal.carryover.general_public_budget"),
    ("income.government_fund", "fiscal.current.government_fund", "fiscal.carryover.government_fund"),
    ("income.state_capital", "fiscal.current.state_capital", "fiscal.carryover.state_capital"),
)


@rule("summary-vs-fiscal-income", "收支总表财政拨款收入 = 财政拨款收支总表本年财政拨款收入", "error")
def t1_t4_fiscal(ctx: CheckContext) -> Iterable[Finding]:
    """T1 一、财政拨款（收入） = T4 本年收入 (or, where T4 prints no such row, Σ its budget rows); T1 一般公共预算,
    政府性基金, 国有资本经营 = the T4 income row of the same budget.  Both tables in their 预算数 column.

    A T1 that prints no 上年结转 income line (Chongqing 表一) counts the carryover in each fund's line: that
    line is then compared with T4 本年 + 上年结转 of the fund."""
    t1, t4 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.FISCAL_SUMMARY)
    if t1 is None or t4 is None:
        return
    if t1.column(Col.AMOUNT, Side.INCOME) is None or t4.column(Col.AMOUNT, Side.INCOME) is None:
        return
    carryover_inside = not any(r.key.startswith("income.carryover") for r in t1.rows_on(Side.INCOME))
    for key, part, carried_part in T1_T4_FISCAL:
        row = t1.row(key, Side.INCOME)
        t4_rows = printed_rows(t4, part, Side.INCOME)
        if row is None or not t4_rows:
            continue
        value = sum((r.amount(Col.AMOUNT) for r in t4_rows), ZERO)
        what = f"“{row_name(t4_rows[0])}”" if len(t4_rows) == 1 else "各预算收入之和"
        carried = printed_rows(t4, carried_part, Side.INCOME) if carryover_inside else []
        if not any(r.amount(Col.AMOUNT) for r in carried):
            carried = []
        if carried:
            value += sum((r.amount(Col.AMOUNT) for r in carried), ZERO)
            what = f"{what}与上年结转“{row_name(carried[0])}”之和" if len(carried) == 1 else f"{what}与上年结转之和"
        terms = 1 + sum(1 for r in (*t4_rows, *carried) if r.amount(Col.AMOUNT))  # printed figures, each rounded
        for finding in compare_cells(
            ctx,
            (t1, row.amount(Col.AMOUNT), ctx.at_cell(t1, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t4, value, ctx.at_cell(t4, t4_rows[0], Col.AMOUNT), what),
        ):
            yield within_rounding_across(finding, terms, t1.unit, t4.unit)  # 本年 + 上年结转 against one figure


T4_T2_INCOME: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fiscal.current.general_public_budget", (Col.GPB, Col.GPB_TRANSFER)),
    ("fiscal.current.government_fund", (Col.GOV_FUND, Col.GOV_FUND_TRANSFER)),
    ("fiscal.current.state_capital", (Col.STATE_CAPITAL,)),
    ("fiscal.carryover", (Col.FISCAL_CARRYOVER,)),
)


@rule("fiscal-vs-income-sources", "财政拨款收支总表财政拨款收入 = 收入总表财政拨款各列合计", "error")
def t4_t2_income(ctx: CheckContext) -> Iterable[Finding]:
    """T4 本年收入 by budget (一般公共预算, 政府性基金, 国有资本经营) and 上年结转 = T2 合计 row of those columns.

    A T2 with no carryover column (Chongqing 表二) may count a fund's carryover in the fund's column: its
    figure is then right if it equals T4 本年 of the fund or 本年 + 上年结转; only a figure that is neither
    is reported."""
    t4, t2 = ctx.table(K.FISCAL_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t4 is None or t2 is None or t2.row("total") is None:
        return
    t2_total = t2.row("total")
    assert t2_total is not None
    no_carryover_column = not any(
        c.key in (Col.FISCAL_CARRYOVER, Col.NONFISCAL_CARRYOVER) or c.key.startswith("carryover") for c in t2.columns
    )
    for key, columns in T4_T2_INCOME:
        row = t4.row(key, Side.INCOME)
        b = cell_total(t2, "total", columns)
        if row is None or b is None:
            continue
        carried = t4.row(key.replace("fiscal.current", "fiscal.carryover"), Side.INCOME)
        if (
            no_carryover_column
            and key.startswith("fiscal.current.")
            and carried is not None
            and row.amount(Col.AMOUNT) + carried.amount(Col.AMOUNT) == b
        ):
            continue  # the fund's column holds 本年 + 上年结转
        yield from compare_cells(
            ctx,
            (t4, row.amount(Col.AMOUNT), ctx.at_cell(t4, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t2, b, ctx.at_cell(t2, t2_total, columns[0]), "合计行对应财政拨款列"),
        )


def _t4_fund_against(ctx: CheckContext, fund_column: str, other_kind: TableKind, what: str) -> Iterator[Finding]:
    t4, other = ctx.table(K.FISCAL_SUMMARY), ctx.table(other_kind)
    if t4 is None or other is None or t4.column(fund_column, Side.EXPENDITURE) is None:
        return
    yield from by_class(ctx, t4, fund_column, other, Col.TOTAL, a_side=Side.EXPENDITURE, what=what)
    a, b = spending_total(ctx, t4, fund_column, Side.EXPENDITURE), table_total(ctx, other, Col.TOTAL)
    if a and b:
        name = "本年支出合计" if t4.row("expenditure.closing_balance", Side.EXPENDITURE) else "支出总计"
        yield from compare_cells(ctx, (t4, a[0], a[1], f"{name}{what}"), (other, b[0], b[1], "合计"))


@rule("fiscal-vs-general-by-class", "财政拨款收支总表一般公共预算支出 = 一般公共预算支出表（分类及合计）", "error")
def t4_t5_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 一般公共预算 column, class by class and in total = T5 合计."""
    return _t4_fund_against(ctx, Col.GPB, K.GENERAL_BUDGET_EXPENDITURE, "（一般公共预算）")


@rule("fiscal-vs-fund-by-class", "财政拨款收支总表政府性基金支出 = 政府性基金预算支出表（分类及合计）", "error")
def t4_t8_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 政府性基金预算 column, class by class and in total = T8 合计."""
    return _t4_fund_against(ctx, Col.GOV_FUND, K.GOVERNMENT_FUND_EXPENDITURE, "（政府性基金预算）")


@rule(
    "fiscal-vs-state-capital-by-class",
    "财政拨款收支总表国有资本经营支出 = 国有资本经营预算支出表（分类及合计）",
    "error",
)
def t4_t9_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 国有资本经营预算 column, class by class and in total = T9 合计."""
    return _t4_fund_against(ctx, Col.STATE_CAPITAL, K.STATE_CAPITAL_EXPENDITURE, "（国有资本经营预算）")


@rule("income-vs-fiscal-by-class", "收入总表各类财政拨款 = 财政拨款收支总表各类财政拨款支出", "error")
def t2_t4_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 财政拨款支出 合计 of each class = T2 财政拨款小计 + 财政拨款结转 of that class.

    Not on final accounts: a 决算's 财政拨款收入 by function is not its spending by function (the year's
    carry-over is spent or left over), and its 收入决算表 prints no carry-over column to add.
    """
    if ctx.disclosure.meta.kind.is_final:
        return iter(())
    t2 = ctx.table(K.INCOME_SUMMARY)
    columns: tuple[str, ...] = (Col.FISCAL_SUBTOTAL, Col.FISCAL_CARRYOVER)
    if t2 is not None and t2.column(Col.FISCAL_SUBTOTAL) is None:
        columns = (
            Col.GPB,
            Col.GPB_TRANSFER,
            Col.GOV_FUND,
            Col.GOV_FUND_TRANSFER,
            Col.STATE_CAPITAL,
            Col.FISCAL_CARRYOVER,
        )
    return by_class(
        ctx, ctx.table(K.FISCAL_SUMMARY), Col.TOTAL, t2, columns, a_side=Side.EXPENDITURE, what="（财政拨款）"
    )


@rule("fiscal-vs-fiscal-basic", "财政拨款收支总表基本支出 = 财政拨款基本支出表合计", "error")
def t4_fiscal_basic(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 4 lists spending by use (Jiangsu): its 基本支出 = 合计 of 财政拨款基本支出预算表 (fiscal_basic,
    the fiscal basic spending by economic code)."""
    t4, basic = ctx.table(K.FISCAL_SUMMARY), ctx.table(K.FISCAL_BASIC)
    if t4 is None or basic is None:
        return
    row = t4.row("expenditure.basic", Side.EXPENDITURE)
    b = table_total(ctx, basic, Col.TOTAL)
    if row is None or b is None:
        return
    yield from compare_cells(
        ctx,
        (t4, row.amount(Col.TOTAL), ctx.at_cell(t4, row, Col.TOTAL), f"“{row_name(row)}”"),
        (basic, b[0], b[1], "合计"),
    )
