"""Identities across tables: the same quantity printed in two tables agrees.

T1 收入总计 = T2 总计 and its sources = T2's source columns; T1, T2 and T3
agree class by class; T1's fiscal income = T4's, budget by budget; T4's
fiscal income = T2's fiscal columns and its fund columns = T5 / T8 / T9;
T5 基本支出 = T6, T5 项目支出 = T7 in total and by function code; 三公 in
T10 against the economic codes of T6 and T7.  Where tables 1 and 4 list
spending by use (Jiangsu), T1's uses = T3's columns and T4's 基本支出 = the
财政拨款基本支出表.  A parent row a table does not print counts as the sum of
its children.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from yusuan.check.amounts import (
    agree,
    column_name,
    difference,
    fmt,
    in_unit,
    printed_rows,
    row_name,
    side_amount_column,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.hierarchy import Node, code_tree
from yusuan.check.registry import rule
from yusuan.model import Col, Side, Table, TableKind
from yusuan.money import ZERO

K = TableKind


def _cell_total(table: Table, row_key: str, columns: tuple[str, ...], side: Side | None = None) -> Decimal | None:
    """Σ of `columns` present in `table` on row `row_key` (None when the row or every column is absent)."""
    row = table.row(row_key, side) if side else table.row(row_key)
    present = [c for c in columns if table.column(c) is not None]
    if row is None or not present:
        return None
    return sum((row.amount(c) for c in present), ZERO)


def _compare(
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


def _by_class(
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
    if a is None or b is None:
        return
    av, bv = _class_values(a, a_cols, a_side), _class_values(b, b_cols, b_side)
    if _totals_only(a, av, a_side) or _totals_only(b, bv, b_side):
        return
    a_col = a_cols if isinstance(a_cols, str) else a_cols[0]
    b_col = b_cols if isinstance(b_cols, str) else b_cols[0]
    for code in sorted(set(av) | set(bv)):
        va, vb = av.get(code, ZERO), bv.get(code, ZERO)
        name = _class_name(a, b, code)
        yield from _compare(
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


def _total(ctx: CheckContext, table: Table, column: str, side: Side | None = None) -> tuple[Decimal, Location] | None:
    row = table.row("total", side) if side else table.row("total")
    if row is None or (table.column(column, side) is None and table.column(column) is None):
        return None
    return row.amount(column), ctx.at_cell(table, row, column)


# --- table 1 against table 2 and 3 ---------------------------------------------------


@rule("T1-T2-total", "表1收入总计 = 表2总计", "error")
def t1_t2_total(ctx: CheckContext) -> Iterable[Finding]:
    """T1 收入总计 = T2 合计 row's 总计."""
    t1, t2 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t1 is None or t2 is None:
        return
    a, b = _total(ctx, t1, Col.AMOUNT, Side.INCOME), _total(ctx, t2, Col.TOTAL)
    if a and b:
        yield from _compare(ctx, (t1, a[0], a[1], "收入总计"), (t2, b[0], b[1], "合计行“总计”"))


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


@rule("T1-T2-sources", "表1各项收入 = 表2对应来源列合计", "error")
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
        b = _cell_total(t2, "total", columns)
        if row is None or b is None or t2_total is None:
            continue
        names = " + ".join(f"“{' '.join(t2.column(c).label.split())}”" for c in columns if t2.column(c))  # type: ignore[union-attr]
        yield from _compare(
            ctx,
            (t1, row.amount(Col.AMOUNT), ctx.at_cell(t1, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t2, b, ctx.at_cell(t2, t2_total, columns[0]), f"合计行 {names}"),
        )


@rule("T1-T3-class", "表1各类支出 = 表3各类合计", "error")
def t1_t3_class(ctx: CheckContext) -> Iterable[Finding]:
    """T1 expenditure of each function class = T3 合计 of that class."""
    t1 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY)
    return _by_class(
        ctx,
        t1,
        side_amount_column(t1, Side.EXPENDITURE) if t1 else Col.AMOUNT,
        ctx.table(K.EXPENDITURE_SUMMARY),
        Col.TOTAL,
        a_side=Side.EXPENDITURE,
    )


@rule("T1-T2-class", "表1各类支出 = 表2各类总计（缺表3时）", "error")
def t1_t2_class(ctx: CheckContext) -> Iterable[Finding]:
    """T1 expenditure of each class = T2 总计 of that class (T2 = T3 class by class, so this holds even without T3).

    Only run when T3 is absent: with T3 present, T1-T3-class and T2-T3-class
    already pin the difference to one table.
    """
    if ctx.table(K.EXPENDITURE_SUMMARY) is not None:
        return iter(())
    t1 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY)
    return _by_class(
        ctx,
        t1,
        side_amount_column(t1, Side.EXPENDITURE) if t1 else Col.AMOUNT,
        ctx.table(K.INCOME_SUMMARY),
        Col.TOTAL,
        a_side=Side.EXPENDITURE,
    )


@rule("T2-T3-class", "表2各类总计 = 表3各类合计", "error")
def t2_t3_class(ctx: CheckContext) -> Iterable[Finding]:
    """T2 总计 of each function class = T3 合计 of that class (income by function = expenditure by function)."""
    return _by_class(ctx, ctx.table(K.INCOME_SUMMARY), Col.TOTAL, ctx.table(K.EXPENDITURE_SUMMARY), Col.TOTAL)


# table 1's 支出用途 rows → table 3's columns of the same name (Jiangsu)
T1_T3_USE: tuple[tuple[str, str], ...] = (
    ("expenditure.basic", Col.BASIC),
    ("expenditure.project", Col.PROJECT),
    ("expenditure.reserve", "reserve"),
    ("expenditure.carryforward", "carryforward"),
)


@rule("T1-T3-use", "表1支出用途 = 表3同名列合计", "error")
def t1_t3_use(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 1 lists spending by use (Jiangsu): T1 基本支出, 项目支出, 单位预留机动经费, 结转下年资金 = T3
    合计 row of the column of the same name."""
    t1, t3 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.EXPENDITURE_SUMMARY)
    if t1 is None or t3 is None:
        return
    column = side_amount_column(t1, Side.EXPENDITURE)
    for key, t3_column in T1_T3_USE:
        row = t1.row(key, Side.EXPENDITURE)
        b = _total(ctx, t3, t3_column)
        if row is None or b is None:
            continue
        yield from _compare(
            ctx,
            (t1, row.amount(column), ctx.at_cell(t1, row, column), f"“{row_name(row)}”"),
            (t3, b[0], b[1], f"合计行“{column_name(t3, t3_column)}”"),
        )


# --- table 4 ---------------------------------------------------------------------------

# T1 fiscal income row → the T4 income rows of the same money (`a|b+c`: row a, else the printed rows b, c)
T1_T4_FISCAL: tuple[tuple[str, str], ...] = (
    (
        "income.fiscal",
        "fiscal.current|fiscal.current.general_public_budget+fiscal.current.government_fund+fiscal.current.state_capital",
    ),
    ("income.general_public_budget", "fiscal.current.general_public_budget"),
    ("income.government_fund", "fiscal.current.government_fund"),
    ("income.state_capital", "fiscal.current.state_capital"),
)


@rule("T1-T4-fiscal", "表1财政拨款收入 = 表4本年财政拨款收入", "error")
def t1_t4_fiscal(ctx: CheckContext) -> Iterable[Finding]:
    """T1 一、财政拨款（收入） = T4 本年收入 (or, where T4 prints no such row, Σ its budget rows); T1 一般公共预算,
    政府性基金, 国有资本经营 = the T4 income row of the same budget.  Both tables in their 预算数 column."""
    t1, t4 = ctx.table(K.INCOME_EXPENDITURE_SUMMARY), ctx.table(K.FISCAL_SUMMARY)
    if t1 is None or t4 is None:
        return
    if t1.column(Col.AMOUNT, Side.INCOME) is None or t4.column(Col.AMOUNT, Side.INCOME) is None:
        return
    for key, part in T1_T4_FISCAL:
        row = t1.row(key, Side.INCOME)
        t4_rows = printed_rows(t4, part, Side.INCOME)
        if row is None or not t4_rows:
            continue
        value = sum((r.amount(Col.AMOUNT) for r in t4_rows), ZERO)
        what = f"“{row_name(t4_rows[0])}”" if len(t4_rows) == 1 else "各预算收入之和"
        yield from _compare(
            ctx,
            (t1, row.amount(Col.AMOUNT), ctx.at_cell(t1, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t4, value, ctx.at_cell(t4, t4_rows[0], Col.AMOUNT), what),
        )


T4_T2_INCOME: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fiscal.current.general_public_budget", (Col.GPB, Col.GPB_TRANSFER)),
    ("fiscal.current.government_fund", (Col.GOV_FUND, Col.GOV_FUND_TRANSFER)),
    ("fiscal.current.state_capital", (Col.STATE_CAPITAL,)),
    ("fiscal.carryover", (Col.FISCAL_CARRYOVER,)),
)


@rule("T4-T2-income", "表4财政拨款收入 = 表2财政拨款各列合计", "error")
def t4_t2_income(ctx: CheckContext) -> Iterable[Finding]:
    """T4 本年收入 by budget (一般公共预算, 政府性基金, 国有资本经营) and 上年结转 = T2 合计 row of those columns."""
    t4, t2 = ctx.table(K.FISCAL_SUMMARY), ctx.table(K.INCOME_SUMMARY)
    if t4 is None or t2 is None or t2.row("total") is None:
        return
    t2_total = t2.row("total")
    assert t2_total is not None
    for key, columns in T4_T2_INCOME:
        row = t4.row(key, Side.INCOME)
        b = _cell_total(t2, "total", columns)
        if row is None or b is None:
            continue
        yield from _compare(
            ctx,
            (t4, row.amount(Col.AMOUNT), ctx.at_cell(t4, row, Col.AMOUNT), f"“{row_name(row)}”"),
            (t2, b, ctx.at_cell(t2, t2_total, columns[0]), "合计行对应财政拨款列"),
        )


def _t4_fund_against(ctx: CheckContext, fund_column: str, other_kind: TableKind, what: str) -> Iterator[Finding]:
    t4, other = ctx.table(K.FISCAL_SUMMARY), ctx.table(other_kind)
    if t4 is None or other is None or t4.column(fund_column, Side.EXPENDITURE) is None:
        return
    yield from _by_class(ctx, t4, fund_column, other, Col.TOTAL, a_side=Side.EXPENDITURE, what=what)
    a, b = _total(ctx, t4, fund_column, Side.EXPENDITURE), _total(ctx, other, Col.TOTAL)
    if a and b:
        yield from _compare(ctx, (t4, a[0], a[1], f"支出总计{what}"), (other, b[0], b[1], "合计"))


@rule("T4-T5-class", "表4一般公共预算支出 = 表5（分类及合计）", "error")
def t4_t5_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 一般公共预算 column, class by class and in total = T5 合计."""
    return _t4_fund_against(ctx, Col.GPB, K.GENERAL_BUDGET_EXPENDITURE, "（一般公共预算）")


@rule("T4-T8-class", "表4政府性基金支出 = 表8（分类及合计）", "error")
def t4_t8_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 政府性基金预算 column, class by class and in total = T8 合计."""
    return _t4_fund_against(ctx, Col.GOV_FUND, K.GOVERNMENT_FUND_EXPENDITURE, "（政府性基金预算）")


@rule("T4-T9-class", "表4国有资本经营支出 = 表9（分类及合计）", "error")
def t4_t9_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 国有资本经营预算 column, class by class and in total = T9 合计."""
    return _t4_fund_against(ctx, Col.STATE_CAPITAL, K.STATE_CAPITAL_EXPENDITURE, "（国有资本经营预算）")


@rule("T2-T4-class", "表2各类财政拨款 = 表4各类财政拨款支出", "error")
def t2_t4_class(ctx: CheckContext) -> Iterable[Finding]:
    """T4 财政拨款支出 合计 of each class = T2 财政拨款小计 + 财政拨款结转 of that class."""
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
    return _by_class(
        ctx, ctx.table(K.FISCAL_SUMMARY), Col.TOTAL, t2, columns, a_side=Side.EXPENDITURE, what="（财政拨款）"
    )


@rule("T4-fiscal-basic", "表4基本支出 = 财政拨款基本支出表合计", "error")
def t4_fiscal_basic(ctx: CheckContext) -> Iterable[Finding]:
    """Where table 4 lists spending by use (Jiangsu): its 基本支出 = 合计 of 财政拨款基本支出预算表 (fiscal_basic,
    the fiscal basic spending by economic code)."""
    t4, basic = ctx.table(K.FISCAL_SUMMARY), ctx.table(K.FISCAL_BASIC)
    if t4 is None or basic is None:
        return
    row = t4.row("expenditure.basic", Side.EXPENDITURE)
    b = _total(ctx, basic, Col.TOTAL)
    if row is None or b is None:
        return
    yield from _compare(
        ctx,
        (t4, row.amount(Col.TOTAL), ctx.at_cell(t4, row, Col.TOTAL), f"“{row_name(row)}”"),
        (basic, b[0], b[1], "合计"),
    )


# --- tables 5, 6, 7 ----------------------------------------------------------------------


@rule("T5-T6-basic-total", "表5基本支出合计 = 表6合计", "error")
def t5_t6_basic_total(ctx: CheckContext) -> Iterable[Finding]:
    """T5 合计 row's 基本支出 = T6 合计 row's 合计."""
    t5, t6 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_BASIC)
    if t5 is None or t6 is None:
        return
    a, b = _total(ctx, t5, Col.BASIC), _total(ctx, t6, Col.TOTAL)
    if a and b:
        yield from _compare(ctx, (t5, a[0], a[1], "基本支出合计"), (t6, b[0], b[1], "合计"))


@rule("T5-T7-project-total", "表5项目支出合计 = 表7合计", "error")
def t5_t7_project_total(ctx: CheckContext) -> Iterable[Finding]:
    """T5 合计 row's 项目支出 = T7 合计 row's 项目支出合计."""
    t5, t7 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_PROJECTS)
    if t5 is None or t7 is None:
        return
    a, b = _total(ctx, t5, Col.PROJECT), _total(ctx, t7, Col.TOTAL)
    if a and b:
        yield from _compare(ctx, (t5, a[0], a[1], "项目支出合计"), (t7, b[0], b[1], "项目支出合计"))


@rule("T5-T7-by-code", "表5各科目项目支出 = 表7同科目项目之和", "error")
def t5_t7_by_code(ctx: CheckContext) -> Iterable[Finding]:
    """For every 7-digit function code: T5 项目支出 = Σ T7 projects under that code."""
    t5, t7 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_PROJECTS)
    if t5 is None or t7 is None:
        return
    t7_by_code: dict[str, Decimal] = {}
    first_row: dict[str, Location] = {}
    for node in code_tree(t7).walk():
        if node.row is not None and len(node.code) == 7 and (node.is_project or not node.children):
            t7_by_code[node.code] = t7_by_code.get(node.code, ZERO) + node.value(Col.TOTAL)
            first_row.setdefault(node.code, ctx.at_cell(t7, node.row, Col.TOTAL))
    t5_by_code: dict[str, tuple[Decimal, Node | None]] = {
        n.code: (n.value(Col.PROJECT), n) for n in code_tree(t5).walk() if len(n.code) == 7 and n.row is not None
    }
    for code in sorted(set(t7_by_code) | set(t5_by_code)):
        t5_value, found = t5_by_code.get(code, (ZERO, None))
        t7_value = t7_by_code.get(code, ZERO)
        if found is None and code in first_row:
            location = Location(table=t5.number, table_kind=t5.kind.value, row=code, column=Col.PROJECT)
            name = code
        elif found is not None and found.row is not None:
            location, name = ctx.at_cell(t5, found.row, Col.PROJECT), row_name(found.row)
        else:  # pragma: no cover
            continue
        t7_location = first_row.get(code, Location(table=t7.number, table_kind=t7.kind.value, row=code))
        yield from _compare(
            ctx, (t5, t5_value, location, f"“{name}”项目支出"), (t7, t7_value, t7_location, "该科目下各项目之和")
        )


# --- table 10 against tables 6 and 7 --------------------------------------------------------

THREE_PUBLIC_CODES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("abroad", ("30212",), "302"),
    ("reception", ("30217",), "302"),
    ("vehicle_operation", ("30231",), "302"),
    ("vehicle_purchase", ("31013", "30913"), "310"),
)


@rule("T10-T6-economic", "表10三公经费与表6/表7经济分类", "warning")
def t10_t6_economic(ctx: CheckContext) -> Iterable[Finding]:
    """T10 三公 items against T6 basic spending on 30212 / 30217 / 30231 / 31013.

    T10 covers basic and project spending; T6 only basic.  So T10 below T6's
    amount for the code is an error; T10 above it is an info when table 7
    has project money in the same economic class (302, or 309/310 for
    vehicle purchase) that can hold the rest, and a warning otherwise.
    """
    t10, t6 = ctx.table(K.THREE_PUBLIC), ctx.table(K.GENERAL_BUDGET_BASIC)
    if t10 is None or t6 is None:
        return
    column = Col.GPB if t10.column(Col.GPB) is not None else Col.TOTAL
    t7 = ctx.table(K.GENERAL_BUDGET_PROJECTS)
    room: dict[str, Decimal] = {}
    if t7 is not None and t7.row("total") is not None:
        total_row = t7.row("total")
        assert total_row is not None
        room = {
            "302": in_unit(total_row.amount(Col.economic_class("302")), t7.unit, t6.unit),
            "310": in_unit(
                total_row.amount(Col.economic_class("310")) + total_row.amount(Col.economic_class("309")),
                t7.unit,
                t6.unit,
            ),
        }
    excess: dict[str, Decimal] = {}
    gaps: list[tuple[str, Decimal, Decimal, str, Location, Location | None]] = []
    for item, codes, econ_class in THREE_PUBLIC_CODES:
        row = t10.row(item)
        if row is None:
            continue
        three_public = in_unit(row.amount(column), t10.unit, t6.unit)
        basic_rows = [r for r in (t6.row(c) for c in codes) if r is not None]
        basic = sum((r.amount(Col.TOTAL) for r in basic_rows), ZERO)
        where = ctx.at_cell(t10, row, column)
        t6_where = ctx.at_cell(t6, basic_rows[0], Col.TOTAL) if basic_rows else None
        if three_public < basic:
            yield ctx.finding(
                f"表{t10.number}“{row_name(row)}”为 {fmt(three_public)}，低于表{t6.number}基本支出中"
                f"{'/'.join(codes)} 的 {fmt(basic)}；三公经费不应少于基本支出中的同类经费。",
                where,
                expected=basic,
                actual=three_public,
                difference=difference(three_public, basic),
                related=(t6_where,) if t6_where else (),
                severity=Severity.ERROR,
            )
        elif three_public > basic:
            excess[econ_class] = excess.get(econ_class, ZERO) + (three_public - basic)
            gaps.append((row_name(row), three_public, basic, econ_class, where, t6_where))
    for name, three_public, basic, econ_class, where, t6_where in gaps:
        available = room.get(econ_class, ZERO)
        fits = excess[econ_class] <= available and available > 0
        if t7 is None:
            yield ctx.finding(
                f"表{t10.number}“{name}”{fmt(three_public)} 高于表{t6.number}基本支出中同一经济科目的 {fmt(basic)}，"
                f"差额 {fmt(three_public - basic)} 应在项目支出中，但文件没有一般公共预算项目支出表，未能核对。",
                where,
                expected=basic,
                actual=three_public,
                difference=difference(three_public, basic),
                related=tuple(loc for loc in (t6_where,) if loc),
                severity=Severity.INFO,
            )
            continue
        t7_note = (
            f"表{t7.number}项目支出中{econ_class}类经济科目共 {fmt(available)}，"
            f"可容纳该差额（表{t7.number}不列经济科目明细，未能逐项核对）"
            if fits
            else f"表{t7.number}项目支出中{econ_class}类经济科目只有 {fmt(available)}，不足以容纳差额"
        )
        yield ctx.finding(
            f"表{t10.number}“{name}”{fmt(three_public)} 高于表{t6.number}基本支出中同一经济科目的 {fmt(basic)}，"
            f"差额 {fmt(three_public - basic)} 应列在项目支出中；{t7_note}。",
            where,
            expected=basic,
            actual=three_public,
            difference=difference(three_public, basic),
            related=tuple(loc for loc in (t6_where,) if loc),
            severity=Severity.INFO if fits else Severity.WARNING,
        )
