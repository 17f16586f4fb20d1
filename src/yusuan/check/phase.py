"""A unit's 决算 against its budget of the same year: each 年初预算数 the 决算 prints is what the budget published.

A 决算 prints the year's start-of-year budget (年初预算数) beside its outturn:
in the 三公 table (each item, the 公务用车 subtotal and the total) and, in
layouts that print one, in a `budget` (预算数) column of a table keyed by
function code.  When the same unit's budget of that year is given
(`yusuan check 决算.pdf --budget 预算.pdf`) or stored (`yusuan batch`), each
such figure is compared with the same line of the budget document: the 三公
table's row of the same item (its 合计 column); the row of the same function
code, or the 合计 row, of the budget's table of the same kind (一般公共预算支出表
…, its 合计 column).  The narrative's `年初预算为A万元，支出决算为B万元` sentences are compared too
(`yusuan check` only: the store keeps no such reading): of the 三公 total or
an item (named in the sentence), of a 类/款/项 the paragraph names as
`…（类）…（款）…（项）` (found in the budget's table by those names, one
line only), of 一般公共预算财政拨款支出 as a whole (the table's 合计).  A
difference is a `final-vs-budget` finding at the 决算's cell, the budget's
figure as the expected value and its table and row as the related place.

It is a warning, not an error: the 决算 is right to print the start-of-year
budget, but the reader cannot tell which of the two documents is wrong.

Nothing is built on a doubtful reading: a table the reader marked doubtful, a
row at a place where the reader reported a problem, and an empty budget cell
are not compared.  Amounts are compared exactly in the 决算's unit: two
figures agree when the finer one, rounded (half up) to the digits of the
coarser, is it — a budget in 元 and a 决算 in 万元 agree when the 元 round to
the 万元 printed; figures printed to the same digits must be equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import FINAL_VS_BUDGET
from yusuan.check.rounding import half_unit
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure
from yusuan.money import MoneyUnit, convert, format_amount

CODE = FINAL_VS_BUDGET
TITLE = "决算所列年初预算数与当年预算公开不符"

_BUDGET_COLUMN = "budget"  # the 决算's 预算数 (年初预算数) column
_THREE_PUBLIC = "three_public"
_GENERAL = "general_budget_expenditure"
# tables keyed by function code whose lines the budget prints in the table of the same kind
_BY_CODE = (_GENERAL, "government_fund_expenditure", "state_capital_expenditure")
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
    if figure.kind not in _BY_CODE:
        return None  # a table of several funds (财政拨款收支总表…) has no single line in the budget
    if figure.code and figure.code.isdigit():
        return (figure.kind, "code", figure.code)
    if figure.row == "total":
        return (figure.kind, "row", "total")
    return None


def differences(final: Iterable[Figure], budget: Iterable[Figure]) -> list[Difference]:
    """Each 年初预算数 of `final` that the same line of `budget` contradicts."""
    lines: dict[tuple[str, str, str], dict[str, Figure]] = {}
    for b in budget:
        if b.kind != _THREE_PUBLIC and b.kind not in _BY_CODE:
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
        if not agree(f.amount, f.unit, b.amount, b.unit):
            found.append(Difference(f, b, expected))
    return found


def agree(ours: Decimal, our_unit: MoneyUnit, theirs: Decimal, their_unit: MoneyUnit) -> bool:
    """Two printed figures of one amount agree when the finer one, rounded to the digits of the coarser, is it.

    Figures printed to the same digits must be equal; 600,490 元 agrees with 60.05 万元, 600,600 元 does not."""
    mine = _step(ours)
    other = convert(_step(theirs), their_unit, our_unit)
    theirs_here = convert(theirs, their_unit, our_unit)
    if other <= mine:
        return theirs_here.quantize(mine, rounding=ROUND_HALF_UP) == ours
    return ours.quantize(other.normalize(), rounding=ROUND_HALF_UP) == theirs_here


def _step(value: Decimal) -> Decimal:
    """One unit of the last printed digit: 60.05 → 0.01, 600490 → 1."""
    return (half_unit(value) * 2).normalize()


def message(d: Difference, unit: str | None, year: int | None) -> str:
    f, b = d.final, d.budget
    budget_side = f"{unit or ''}{year or ''}年预算公开" if year else "预算公开"
    return (
        f"表{f.table}“{f.label}”年初预算数 {format_amount(f.amount)}{f.unit.value}，"
        f"而{budget_side}表{b.table}“{b.title}”的“{b.label}”为 {format_amount(b.amount)}{b.unit.value}"
        f"（差额 {format_amount(f.amount - d.expected)}{f.unit.value}）：决算所列年初预算数应与当年预算公开一致。"
    )


# the 三公 items as a sentence names them (folded), the last one named before the 预算 figure being its subject
_THREE_PUBLIC_NAMES = (
    ("因公出国(境)", "abroad"),
    ("公务用车购置及运行", "vehicles"),
    ("公务用车购置费", "vehicle_purchase"),
    ("公务用车运行", "vehicle_operation"),
    ("公务接待", "reception"),
    ("三公", "total"),
)
_BUDGET_FIGURE = lazy_compile(r"(?:年初)?预算(?:数)?(?:为|是)?[\d.,]+(?:万元|元)")
_LEVEL = lazy_compile(r"([^()、.,:;。]+?)\((类|款|项)\)")
_CODE_LENGTH = {"类": 3, "款": 5, "项": 7}


@dataclass(frozen=True)
class Said:
    """A narrative sentence's 年初预算 figure that the budget's same line contradicts."""

    location: Location
    where: str  # how the report names the section
    phrase: str
    amount: Decimal
    unit: MoneyUnit
    budget: Figure
    expected: Decimal  # the budget's figure, in the sentence's unit


def narrative_differences(final: Disclosure, budget: Sequence[Figure], profile: str | None = None) -> list[Said]:
    """Each `年初预算为A…决算为B` of the 决算's narrative whose A the budget's same line contradicts."""
    from yusuan.check.context import CheckContext
    from yusuan.check.profiles import choose_profile
    from yusuan.check.rules.narrative.final_accounts import outturns

    readable = final.model_copy(update={"tables": [t for t in final.tables if not t.doubt]})
    ctx = CheckContext(readable, choose_profile(final.meta, profile).profile)
    found = []
    for o in outturns(ctx):
        line = _said_line(o.paragraph.path, fold(o.paragraph.text), o.phrase, budget)
        if line is None:
            continue
        expected = convert(line.amount, line.unit, o.budget_unit)
        if not agree(o.budget, o.budget_unit, line.amount, line.unit):
            location = ctx.at_section(o.paragraph.path, o.paragraph.first)
            where = ctx.in_part3(o.paragraph.path)
            found.append(Said(location, where, o.phrase, o.budget, o.budget_unit, line, expected))
    return found


def _said_line(path: str, paragraph: str, phrase: str, budget: Sequence[Figure]) -> Figure | None:
    """The budget's figure of the line a sentence's 年初预算 speaks of, when the sentence names one line only."""
    figure = _BUDGET_FIGURE.search(phrase)
    if figure is None:
        return None
    head = phrase[: figure.start()]
    lines = {(b.kind, b.row, b.code): b for b in budget if b.column in _BUDGET_TOTALS}
    if "三公" in head or path.startswith(_THREE_PUBLIC):
        named = [(head.rfind(name), -len(name), key) for name, key in _THREE_PUBLIC_NAMES if name in head]
        if not named:
            return None
        key = max(named)[2]
        return _first(b for (kind, row, _c), b in lines.items() if kind == _THREE_PUBLIC and row == key)
    levels = _LEVEL.findall(paragraph[: paragraph.find(phrase)] + phrase if phrase in paragraph else head)
    if levels:
        starts = [i for i, (_name, level) in enumerate(levels) if level == "类"]
        chain = levels[starts[-1] :] if starts else levels  # the last line named before the figure
        return _coded_line(chain, [b for b in budget if b.kind == _GENERAL and b.code])
    if "一般公共预算财政拨款支出" in head and path.startswith("general_budget"):
        return _first(b for (kind, row, _c), b in lines.items() if kind == _GENERAL and row == "total")
    return None


def _coded_line(levels: list[tuple[str, str]], rows: list[Figure]) -> Figure | None:
    """The budget's row named `…（类）…（款）…（项）`, each name under the one above: one row, or None."""
    if [level for _name, level in levels] not in (["类"], ["类", "款"], ["类", "款", "项"]):
        return None
    prefixes = [""]
    for name, level in levels:
        length = _CODE_LENGTH[level]
        prefixes = sorted(
            {
                r.code
                for r in rows
                if r.code and len(r.code) == length and r.code.startswith(tuple(prefixes)) and fold(r.label) == name
            }
        )
        if len(prefixes) != 1:
            return None
    columns = {r.column: r for r in rows if r.code == prefixes[0]}
    return next((columns[c] for c in _BUDGET_TOTALS if c in columns), None)


def _first(figures: Iterable[Figure]) -> Figure | None:
    return next(iter(figures), None)


def check_against_budget(
    final: Disclosure,
    budget: Disclosure,
    final_problems: Sequence[Any] = (),
    budget_problems: Sequence[Any] = (),
    profile: str | None = None,
) -> list[Finding]:
    """Findings where the 决算's 年初预算数 differs from the budget's same line (the documents must pair)."""
    theirs = figures(budget, budget_problems)
    found = differences(figures(final, final_problems), theirs)
    said = [
        Finding(
            code=CODE,
            severity=Severity.WARNING,
            message=(
                f"{s.where}称年初预算为 {format_amount(s.amount)}{s.unit.value}（“{_short(s.phrase)}”），"
                f"而{budget.meta.unit or ''}{budget.meta.year}年预算公开表{s.budget.table}“{s.budget.title}”的"
                f"“{s.budget.label}”为 {format_amount(s.budget.amount)}{s.budget.unit.value}："
                "决算所列年初预算数应与当年预算公开一致。"
            ),
            location=s.location,
            expected=s.expected,
            actual=s.amount,
            difference=s.amount - s.expected,
            related=(_place(s.budget),),
        )
        for s in narrative_differences(final, theirs, profile)
    ]
    return [
        Finding(
            code=CODE,
            severity=Severity.WARNING,
            message=message(d, budget.meta.unit, budget.meta.year),
            location=_place(d.final),
            expected=d.expected,
            actual=d.final.amount,
            difference=d.final.amount - d.expected,
            related=(_place(d.budget),),
        )
        for d in found
    ] + said


def _place(figure: Figure) -> Location:
    """Where a figure stands, as a finding names it."""
    return Location(
        table=figure.table,
        table_kind=figure.kind,
        row=figure.row,
        column=figure.column,
        page=figure.page,
        line=figure.line,
    )


def _short(phrase: str) -> str:
    return phrase if len(phrase) <= 60 else phrase[:58] + "…"
