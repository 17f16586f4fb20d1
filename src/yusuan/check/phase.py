"""A unit's 决算 against its budget of the same year: each 年初预算数 the 决算 prints is what the budget published.

A 决算 prints the year's start-of-year budget (年初预算数) beside its outturn:
in the 三公 table (each item, the 公务用车 subtotal and the total) and, in
layouts that print one, in a `budget` (预算数) column of a table keyed by
function code.  When the same unit's budget of that year is given
(`yusuan check 决算.pdf --budget 预算.pdf`) or stored (`yusuan batch`), each
such figure is compared with the same line of the budget document: the 三公
table's row of the same item (its 合计 column), the 一般公共预算支出表's row of
the same function code (its 合计 column), the 合计 row for a total.  A
difference is a `final-vs-budget` finding at the 决算's cell, the budget's
figure as the expected value and its table and row as the related place.

It is a warning, not an error: the 决算 is right to print the start-of-year
budget, but the reader cannot tell which of the two documents is wrong.

Nothing is built on a doubtful reading: a table the reader marked doubtful, a
row at a place where the reader reported a problem, and an empty budget cell
are not compared.  Amounts are compared in the 决算 table's unit, exactly,
within the rounding of the two printed figures (half a unit of each one's last
digit), so a budget in 元 and a 决算 in 万元 agree when the 元 round to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import FINAL_VS_BUDGET
from yusuan.check.rounding import half_unit
from yusuan.model import Disclosure
from yusuan.money import MoneyUnit, convert, format_amount

CODE = FINAL_VS_BUDGET
TITLE = "决算所列年初预算数与当年预算公开不符"

_BUDGET_COLUMN = "budget"  # the 决算's 预算数 (年初预算数) column
_THREE_PUBLIC = "three_public"
_GENERAL = "general_budget_expenditure"
_BUDGET_TOTALS = ("total", "amount", "general_public_budget")  # the budget table's column holding the line's figure


@dataclass(frozen=True)
class Figure:
    """One printed figure of a table, as the documents and the store both give it."""

    table: str  # the table's number as printed
    kind: str  # its `TableKind` value
    title: str
    row: str  # the row's key
    code: str | None  # its function code, if any
    label: str
    column: str
    amount: Decimal
    unit: MoneyUnit
    page: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Difference:
    """A 决算's 年初预算数 (`final`) and the budget's figure of the same line (`budget`), which differ."""

    final: Figure
    budget: Figure
    expected: Decimal  # the budget's figure, in the 决算 table's unit


def refusal(final: Disclosure, budget: Disclosure) -> str | None:
    """Why `budget` cannot be held against `final` (one Chinese line), or None when it can."""
    f, b = final.meta, budget.meta
    if not f.kind.value.endswith("final_accounts"):
        return f"这不是决算公开文件（读作{f.kind.label}），--budget 用于决算与当年预算的核对"
    if not b.kind.value.endswith("budget"):
        return f"--budget 给出的不是预算公开文件（读作{b.kind.label}）"
    if b.year != f.year:
        return f"预算是 {b.year} 年的，决算是 {f.year} 年的：只能与同一年度的预算核对"
    if not f.unit or not b.unit:
        return "无法从文件中读出单位名称，不能确认预算与决算是同一单位的"
    if _name(f.unit) != _name(b.unit):
        return f"预算是“{b.unit}”的，决算是“{f.unit}”的：只能与同一单位的预算核对"
    if f.kind.value.startswith("department") != b.kind.value.startswith("department"):
        return f"决算是{f.kind.label}，预算是{b.kind.label}：部门与单位的文件不能相互核对"
    return None


def _name(unit: str) -> str:
    return "".join(unit.split())


def figures(disclosure: Disclosure, problems: Sequence[Any] = ()) -> list[Figure]:
    """Every figure of the disclosure's tables read without doubt, skipping rows where the reader met a problem."""
    places = {(getattr(p, "page", None), getattr(p, "line", None)) for p in problems if getattr(p, "line", None)}
    found = []
    for table in disclosure.tables:
        if table.doubt:
            continue
        for row in table.rows:
            source = row.source
            if source is not None and source.line is not None and (source.page, source.line) in places:
                continue
            for column, cell in row.cells.items():
                if cell.value is None:
                    continue
                page = (cell.source.page if cell.source else None) or (source.page if source else None)
                found.append(
                    Figure(
                        table.number,
                        table.kind.value,
                        table.title,
                        "total" if row.is_total and not row.code else row.key,
                        row.code,
                        row.label,
                        column,
                        cell.value,
                        table.unit,
                        page,
                        source.line if source else None,
                    )
                )
    return found


def _budget_line(figure: Figure) -> tuple[str, str, str] | None:
    """Where the budget prints the line of a 决算's 年初预算数: (table kind, `row` or `code`, key)."""
    if figure.column != _BUDGET_COLUMN:
        return None
    if figure.kind == _THREE_PUBLIC:
        return (_THREE_PUBLIC, "row", figure.row)
    if figure.code and figure.code.isdigit():
        return (_GENERAL, "code", figure.code)
    if figure.row == "total" and figure.kind == _GENERAL:
        return (_GENERAL, "row", "total")
    return None


def differences(final: Iterable[Figure], budget: Iterable[Figure]) -> list[Difference]:
    """Each 年初预算数 of `final` that the same line of `budget` contradicts."""
    lines: dict[tuple[str, str, str], dict[str, Figure]] = {}
    for b in budget:
        if b.kind not in (_THREE_PUBLIC, _GENERAL):
            continue
        for how, key in (("row", b.row), ("code", b.code)):
            if key:
                lines.setdefault((b.kind, how, key), {}).setdefault(b.column, b)
    found = []
    for f in final:
        place = _budget_line(f)
        if place is None or place not in lines:
            continue
        columns = lines[place]
        printed = next((columns[c] for c in _BUDGET_TOTALS if c in columns), None)
        if printed is None:
            continue  # the line is there but its figure is not (an empty cell is not read as zero)
        b = printed
        expected = convert(b.amount, b.unit, f.unit)
        tolerance = half_unit(f.amount) + convert(half_unit(b.amount), b.unit, f.unit)
        if abs(f.amount - expected) > tolerance:
            found.append(Difference(f, b, expected))
    return found


def message(d: Difference, unit: str | None, year: int | None) -> str:
    f, b = d.final, d.budget
    budget_side = f"{unit or ''}{year or ''}年预算公开" if year else "预算公开"
    return (
        f"表{f.table}“{f.label}”年初预算数 {format_amount(f.amount)}{f.unit.value}，"
        f"而{budget_side}表{b.table}“{b.title}”的“{b.label}”为 {format_amount(b.amount)}{b.unit.value}"
        f"（差额 {format_amount(f.amount - d.expected)}{f.unit.value}）：决算所列年初预算数应与当年预算公开一致。"
    )


def check_against_budget(
    final: Disclosure,
    budget: Disclosure,
    final_problems: Sequence[Any] = (),
    budget_problems: Sequence[Any] = (),
) -> list[Finding]:
    """Findings where the 决算's 年初预算数 differs from the budget's same line (the documents must pair)."""
    found = differences(figures(final, final_problems), figures(budget, budget_problems))
    return [
        Finding(
            code=CODE,
            severity=Severity.WARNING,
            message=message(d, budget.meta.unit, budget.meta.year),
            location=Location(
                table=d.final.table,
                table_kind=d.final.kind,
                row=d.final.row,
                column=d.final.column,
                page=d.final.page,
                line=d.final.line,
            ),
            expected=d.expected,
            actual=d.final.amount,
            difference=d.final.amount - d.expected,
            related=(
                Location(
                    table=d.budget.table,
                    table_kind=d.budget.kind,
                    row=d.budget.row,
                    column=d.budget.column,
                    page=d.budget.page,
                    line=d.budget.line,
                ),
            ),
        )
        for d in found
    ]
