"""Final accounts (决算): the same money in two of its nine tables.

收入支出决算总表's 本年收入 by source = 收入决算表's 合计 row by column, its 本年支出合计 = 支出决算表's 合计;
its fiscal income = 财政拨款收入支出决算总表's, fund by fund; that table's 本年收入合计 = 收入决算表's
财政拨款收入; 一般公共预算财政拨款支出决算表's 基本支出 = 基本支出决算表's 人员经费合计 + 公用经费合计; the
政府性基金 and 国有资本经营 tables' balances = the fund's balances in 财政拨款收入支出决算总表.  The
budget's cross-table rules compare 预算数 columns and 总计 rows, which a 决算 prints otherwise (its 总计
holds the year's balances), so these rules read the 决算数 column and the 本年 rows.  A sum of several
printed figures of 万元 tables that differs by no more than their rounding is an info, not an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yusuan.check.amounts import fmt, row_name
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.check.rounding import within_rounding_across
from yusuan.check.rules.cross_table.compare import K, compare_cells
from yusuan.model import Col, Row, Side, Table
from yusuan.money import ZERO

# T1 income rows → the T2 column that holds the same money in a 收入决算表
T1_T2_FINAL: tuple[tuple[tuple[str, ...], str], ...] = (
    (("income.general_public_budget", "income.government_fund", "income.state_capital"), Col.FISCAL_SUBTOTAL),
    (("income.unit_funds.superior_subsidy",), "superior_subsidy"),
    (("income.unit_funds.business_income",), "business_income"),
    (("income.unit_funds.operating_income",), "operating_income"),
    (("income.unit_funds.affiliated_remittance",), "affiliated_remittance"),
    (("income.unit_funds.other_income",), "other_income"),
)
FUNDS = ("general_public_budget", "government_fund", "state_capital")


def _final(table: Table | None, side: Side | None = None) -> bool:
    """A table read with a 决算数 column on that side."""
    return table is not None and table.column(Col.FINAL, side) is not None


def _compare(
    ctx: CheckContext,
    a: tuple[Table, list[Row], str, str],
    b: tuple[Table, Row, str, str],
) -> Iterator[Finding]:
    """Σ of rows `a` in their column against one cell `b`; a difference within the rounding of the printed
    figures of 万元 tables is an info (the 尾差 of converting 元 to 万元)."""
    ta, rows, column_a, what_a = a
    tb, row_b, column_b, what_b = b
    value = sum((r.amount(column_a) for r in rows), ZERO)
    at: Location = ctx.at_cell(ta, rows[0], column_a)
    terms = 1 + sum(1 for r in rows if r.amount(column_a))
    for finding in compare_cells(
        ctx, (ta, value, at, what_a), (tb, row_b.amount(column_b), ctx.at_cell(tb, row_b, column_b), what_b)
    ):
        yield within_rounding_across(finding, terms, ta.unit, tb.unit)


def _named(rows: list[Row]) -> str:
    return f"“{row_name(rows[0])}”" if len(rows) == 1 else "、".join(f"“{row_name(r)}”" for r in rows) + "之和"


@rule("final-summary-vs-income", "收入支出决算总表本年收入（合计及各来源）= 收入决算表合计行", "error")
def summary_vs_income(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T1 本年收入合计 = T2 合计 row's 本年收入合计; its 财政拨款 income rows together = T2's
    财政拨款收入, and 上级补助, 事业, 经营, 附属单位上缴, 其他收入 each = T2's column of the same name."""
    t1, t2 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t1 is None or t2 is None or not _final(t1, Side.INCOME) or (t2_total := t2.row("total")) is None:
        return
    pairs: tuple[tuple[tuple[str, ...], str], ...] = ((("income.current",), Col.TOTAL), *T1_T2_FINAL)
    for keys, column in pairs:
        rows = [r for k in keys if (r := t1.row(k, Side.INCOME)) is not None]
        label = t2.column(column)
        if not rows or label is None:
            continue
        yield from _compare(
            ctx,
            (t1, rows, Col.FINAL, _named(rows)),
            (t2, t2_total, column, f"合计行“{' '.join(label.label.split())}”"),
        )


@rule("final-summary-vs-expenditure", "收入支出决算总表本年支出合计 = 支出决算表合计", "error")
def summary_vs_expenditure(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T1 本年支出合计 = T3 合计 row's 本年支出合计."""
    t1, t3 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.EXPENDITURE_SUMMARY)
    if t1 is None or t3 is None or not _final(t1, Side.EXPENDITURE):
        return
    current, total = t1.row("expenditure.current", Side.EXPENDITURE), t3.row("total")
    if current is None or total is None or t3.column(Col.TOTAL) is None:
        return
    yield from _compare(ctx, (t1, [current], Col.FINAL, "“本年支出合计”"), (t3, total, Col.TOTAL, "合计行"))


@rule("final-summary-vs-fiscal", "收入支出决算总表各项财政拨款收入 = 财政拨款收入支出决算总表本年收入", "error")
def summary_vs_fiscal(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T1 一般公共预算, 政府性基金, 国有资本经营 财政拨款收入 = T4's income row of the same fund."""
    t1, t4 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.FISCAL_SUMMARY)
    if t1 is None or t4 is None or not _final(t1, Side.INCOME) or not _final(t4, Side.INCOME):
        return
    for fund in FUNDS:
        a, b = t1.row(f"income.{fund}", Side.INCOME), t4.row(f"fiscal.current.{fund}", Side.INCOME)
        if a is not None and b is not None:
            yield from _compare(ctx, (t1, [a], Col.FINAL, f"“{row_name(a)}”"), (t4, b, Col.FINAL, f"“{row_name(b)}”"))


@rule("final-fiscal-vs-income", "财政拨款收入支出决算总表本年收入合计 = 收入决算表财政拨款收入", "error")
def fiscal_vs_income(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T4 本年收入合计 (or, where it prints none, its funds' rows) = T2 合计 row's 财政拨款收入."""
    t4, t2 = ctx.table(K.FISCAL_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t4 is None or t2 is None or not _final(t4, Side.INCOME) or t2.column(Col.FISCAL_SUBTOTAL) is None:
        return
    total = t2.row("total")
    current = t4.row("fiscal.current", Side.INCOME)
    rows = [current] if current else [r for f in FUNDS if (r := t4.row(f"fiscal.current.{f}", Side.INCOME))]
    if total is None or not rows:
        return
    yield from _compare(
        ctx, (t4, rows, Col.FINAL, _named(rows)), (t2, total, Col.FISCAL_SUBTOTAL, "合计行“财政拨款收入”")
    )


@rule(
    "final-general-vs-basic",
    "一般公共预算财政拨款支出决算表基本支出 = 基本支出决算表人员经费合计 + 公用经费合计",
    "error",
)
def general_vs_basic(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T5 合计 row's 基本支出 = T6 人员经费合计 + 公用经费合计."""
    t5, t6 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_BASIC)
    if t5 is None or t6 is None or not _final(t6) or (total := t5.row("total")) is None:
        return
    rows = [r for k in ("total.personnel", "total.public") if (r := t6.row(k)) is not None]
    if len(rows) < 2 or t5.column(Col.BASIC) is None:
        return
    yield from _compare(ctx, (t6, rows, Col.FINAL, _named(rows)), (t5, total, Col.BASIC, "合计行“基本支出”"))


@rule(
    "final-fiscal-vs-fund-balances",
    "财政拨款收入支出决算总表各基金年初、年末结转和结余 = 政府性基金/国有资本经营决算表合计",
    "error",
    tables=(K.FISCAL_SUMMARY, K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE),
)
def fiscal_vs_fund_balances(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T4 年初结转和结余 and 本年收入 of 政府性基金 (国有资本经营) = the 政府性基金 (国有资本经营)
    table's 合计 row's 年初结转和结余 and 本年收入; its 年末结转和结余 in the fund's column = that row's
    年末结转和结余."""
    t4 = ctx.table(K.FISCAL_SUMMARY)
    if t4 is None or not _final(t4, Side.INCOME):
        return
    closing = t4.row("expenditure.closing_balance", Side.EXPENDITURE)
    for fund, kind in (
        ("government_fund", K.GOVERNMENT_FUND_EXPENDITURE),
        ("state_capital", K.STATE_CAPITAL_EXPENDITURE),
    ):
        other = ctx.table(kind)
        total = other.row("total") if other is not None else None
        if other is None or total is None:
            continue
        for key, column in ((f"fiscal.carryover.{fund}", "opening_balance"), (f"fiscal.current.{fund}", "income")):
            row = t4.row(key, Side.INCOME)
            if row is not None and other.column(column) is not None:
                yield from _compare(
                    ctx,
                    (t4, [row], Col.FINAL, f"“{row_name(row)}”"),
                    (other, total, column, f"合计行“{_label(other, column)}”"),
                )
        if closing is not None and t4.column(fund, Side.EXPENDITURE) is not None and other.column("closing_balance"):
            yield from _compare(
                ctx,
                (t4, [closing], fund, f"“{row_name(closing)}”（{_label(t4, fund, Side.EXPENDITURE)}）"),
                (other, total, "closing_balance", "合计行“年末结转和结余”"),
            )


def _label(table: Table, key: str, side: Side | None = None) -> str:
    column = table.column(key, side)
    return " ".join(column.label.split()) if column is not None else key


@rule(
    "final-general-within-expenditure",
    "一般公共预算财政拨款支出决算表各科目不超过支出决算表同一科目（合计、基本支出、项目支出）",
    "error",
)
def general_within_expenditure(ctx: CheckContext) -> Iterable[Finding]:
    """A final account's T5 (一般公共预算财政拨款) 本年支出 of each code, in 合计, 基本支出 and 项目支出, is at most
    T3's (all the year's spending) of the same code: the one is part of the other.  Both tables print rounded
    figures of exact amounts, and rounding keeps the order, so any excess is a wrong figure."""
    if not ctx.disclosure.meta.kind.is_final:
        return
    t5, t3 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.EXPENDITURE_SUMMARY)
    if t5 is None or t3 is None or t5.unit is not t3.unit:
        return
    columns = [c for c in (Col.TOTAL, Col.BASIC, Col.PROJECT) if t5.column(c) and t3.column(c)]
    for row in t5.rows:
        other = t3.row(row.code) if row.code and row.code.isdigit() else t3.row("total") if row.is_total else None
        if other is None:
            continue
        for column in columns:
            part, whole = row.amount(column), other.amount(column)
            if part > whole:
                yield ctx.finding(
                    f"表{t5.number}“{row_name(row)}”的“{_label(t5, column)}”为 {fmt(part)}，"
                    f"大于表{t3.number}同一科目的 {fmt(whole)}（一般公共预算财政拨款支出是本年全部支出的一部分），"
                    f"多出 {fmt(part - whole)}。",
                    ctx.at_cell(t5, row, column),
                    expected=whole,
                    actual=part,
                    difference=part - whole,
                    related=(ctx.at_cell(t3, other, column),),
                )
