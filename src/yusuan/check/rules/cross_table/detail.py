"""The detail tables agree with the summaries: T5 against T6 and T7, 三公 in T10 against T6 and T7.

T5 基本支出 = T6, T5 项目支出 = T7 in total and by function code; the 三公
items of T10 against the economic codes of T6 and T7 (a warning: a unit may
book them elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from yusuan.check.amounts import (
    difference,
    fmt,
    in_unit,
    row_name,
)
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.hierarchy import Node, code_tree
from yusuan.check.registry import rule
from yusuan.check.rules.cross_table.compare import K, compare_cells, table_total
from yusuan.model import Col
from yusuan.money import ZERO

# --- tables 5, 6, 7 ----------------------------------------------------------------------


@rule("general-vs-basic-total", "一般公共预算支出表基本支出合计 = 一般公共预算基本支出表合计", "error")
def t5_t6_basic_total(ctx: CheckContext) -> Iterable[Finding]:
    """T5 合计 row's 基本支出 = T6 合计 row's 合计."""
    t5, t6 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_BASIC)
    if t5 is None or t6 is None:
        return
    a, b = table_total(ctx, t5, Col.BASIC), table_total(ctx, t6, Col.TOTAL)
    if a and b:
        yield from compare_cells(ctx, (t5, a[0], a[1], "基本支出合计"), (t6, b[0], b[1], "合计"))


@rule("general-vs-projects-total", "一般公共预算支出表项目支出合计 = 一般公共预算项目支出表合计", "error")
def t5_t7_project_total(ctx: CheckContext) -> Iterable[Finding]:
    """T5 合计 row's 项目支出 = T7 合计 row's 项目支出合计."""
    t5, t7 = ctx.table(K.GENERAL_BUDGET_EXPENDITURE), ctx.table(K.GENERAL_BUDGET_PROJECTS)
    if t5 is None or t7 is None:
        return
    a, b = table_total(ctx, t5, Col.PROJECT), table_total(ctx, t7, Col.TOTAL)
    if a and b:
        yield from compare_cells(ctx, (t5, a[0], a[1], "项目支出合计"), (t7, b[0], b[1], "项目支出合计"))


@rule("general-vs-projects-by-code", "一般公共预算支出表各科目项目支出 = 项目支出表同科目项目之和", "error")
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
        yield from compare_cells(
            ctx, (t5, t5_value, location, f"“{name}”项目支出"), (t7, t7_value, t7_location, "该科目下各项目之和")
        )


# --- table 10 against tables 6 and 7 --------------------------------------------------------

THREE_PUBLIC_CODES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("abroad", ("30212",), "302"),
    ("reception", ("30217",), "302"),
    ("vehicle_operation", ("30231",), "302"),
    ("vehicle_purchase", ("31013", "30913"), "310"),
)


@rule("three-public-vs-basic-economic", "“三公”经费与基本支出表、项目支出表经济分类", "warning")
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
