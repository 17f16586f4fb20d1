"""Final accounts (决算) in their own words: budget against outturn, and the totals their narrative states.

A 决算 narrative explains each line as `年初预算为A万元，支出决算为B万元，完成年初预算的X%。决算数大于
预算数的主要原因是…`: the completion rate and the comparison word can be recomputed from the two
amounts the sentence prints.  Its totals (`收、支总计`, `财政拨款收支总决算`, `本年支出合计` with its
基本支出 and 项目支出, the 三公 outturn) are grounded in the 决算 tables as the budget's are in the
budget tables.  The budget's subject resolver (`check.subjects`) speaks of 预算数 columns; these rules
read the outturn where a final account prints it and stay silent where a table was not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.amounts import agree_as_printed, fmt
from yusuan.check.claims import NUM, LogicalParagraph
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rounding import printed_within, share_bounds
from yusuan.check.rules.narrative.changes import BASICALLY_FLAT_PERCENT
from yusuan.check.text import fold
from yusuan.lazy_pattern import LazyPattern, Pattern, lazy_compile
from yusuan.model import Col, Row, Side, Table, TableKind
from yusuan.money import MoneyUnit, convert, format_percent, parse_amount, quantize

# 决算数 within this share of 预算数 (either way) may be called 基本持平 / 基本一致 (percent of 预算数)
BASICALLY_EQUAL_PERCENT = BASICALLY_FLAT_PERCENT


def _amount(name: str) -> str:
    """An amount with its unit, in groups `name` and `name_unit`."""
    return rf"(?<![\d.,])(?P<{name}>{NUM})(?P<{name}_unit>万元|元)"


# `年初预算为15068.55万元,支出决算为13733.8万元`, `预算为76.43万元,2024年度支出决算为46.21万元`
_BUDGET_THEN_FINAL = lazy_compile(
    r"预算(?:数)?(?:为|是)?" + _amount("budget") + r",?(?:\d{4}年度?)?(?:支出)?决算(?:数)?(?:为|是)?" + _amount("final")
)
# `支出决算为0.16万元,完成预算0万元的0%`
_FINAL_THEN_BUDGET = lazy_compile(
    r"决算(?:数)?(?:为|是)?"
    + _amount("final")
    + r",?完成(?:年初)?预算(?:数)?"
    + _amount("budget")
    + rf"的(?P<rate>{NUM})%"
)
_COMPLETION = lazy_compile(rf"^,?完成(?:年初)?预算(?:数)?的(?P<rate>{NUM})%")
_COMPARISON = lazy_compile(
    r"决算(?:数)?(?P<cmp>大于|小于|等于|高于|低于|超过|超出|多于|少于)(?:年初)?预算(?:数)?"
    r"|决算(?:数)?与(?:年初)?预算(?:数)?(?P<flat>基本持平|持平|基本一致|一致|相等|相同)"
)
_MORE = ("大于", "高于", "超过", "超出", "多于")
_LESS = ("小于", "低于", "少于")
_SAME = ("等于", "持平", "一致", "相等", "相同")


@dataclass(frozen=True)
class BudgetOutturn:
    """One `预算 A … 决算 B` statement, with the completion rate and comparison word said of it."""

    paragraph: LogicalParagraph
    phrase: str
    budget: Decimal
    budget_unit: MoneyUnit
    final: Decimal
    final_unit: MoneyUnit
    rate: Decimal | None
    comparison: str | None
    after: str = ""  # the rest of its sentence and the next one, up to the next statement

    @property
    def difference(self) -> Decimal:
        """决算 − 预算 in the 决算's unit."""
        return self.final - convert(self.budget, self.budget_unit, self.final_unit)

    @property
    def amounts(self) -> str:
        return f"预算数 {fmt(self.budget)}{self.budget_unit.value}、决算数 {fmt(self.final)}{self.final_unit.value}"

    @property
    def quote(self) -> str:
        text = self.phrase if len(self.phrase) <= 70 else self.phrase[:68] + "…"
        return f"（“{text}”）"


def outturns(ctx: CheckContext) -> list[BudgetOutturn]:
    """Every budget-and-outturn statement of the narrative (computed once per run)."""
    if "narrative.outturns" not in ctx.memo:
        ctx.memo["narrative.outturns"] = [o for p in ctx.claims.paragraphs for o in _outturns(p)]
    found: list[BudgetOutturn] = ctx.memo["narrative.outturns"]
    return found


def _outturns(paragraph: LogicalParagraph) -> Iterator[BudgetOutturn]:
    text = fold(paragraph.text)
    matches = sorted([*_BUDGET_THEN_FINAL.finditer(text), *_FINAL_THEN_BUDGET.finditer(text)], key=lambda m: m.start())
    for index, m in enumerate(matches):
        if index and m.start() < matches[index - 1].end():
            continue
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segment = text[m.end() : end]
        rate = m.groupdict().get("rate")
        completion = _COMPLETION.match(segment)
        if rate is None and completion:
            rate = completion.group("rate")
        # the comparison word belongs to this statement when it comes in its sentence or the next
        nearby = ".".join(segment.split("。")[:2])
        comparison = _COMPARISON.search(nearby)
        start = text.rfind("。", 0, m.start()) + 1
        yield BudgetOutturn(
            paragraph,
            text[start : m.end() + (completion.end() if completion else 0)],
            parse_amount(m.group("budget")),
            MoneyUnit(m.group("budget_unit")),
            parse_amount(m.group("final")),
            MoneyUnit(m.group("final_unit")),
            parse_amount(rate) if rate else None,
            (comparison.group("cmp") or comparison.group("flat")) if comparison else None,
            nearby,
        )


def _where(ctx: CheckContext, o: BudgetOutturn) -> Location:
    return ctx.at_section(o.paragraph.path, o.paragraph.first)


@rule("narrative-completion-rate", "“完成预算的X%”与预算数、决算数不符", "error")
def narrative_completion_rate(ctx: CheckContext) -> Iterable[Finding]:
    """完成年初预算的 X% = 决算数 ÷ 年初预算数 × 100, both as the sentence states them, within their rounding."""
    for o in outturns(ctx):
        if o.rate is None or o.budget <= 0 or o.budget_unit is not o.final_unit:
            continue
        bounds = share_bounds(o.final, o.budget)
        if bounds is None or printed_within(o.rate, bounds):
            continue
        expected = quantize(o.final * 100 / o.budget)
        yield ctx.finding(
            f"{ctx.in_part3(o.paragraph.path)}{o.amounts}，完成预算应为 {fmt(o.final)} ÷ {fmt(o.budget)} = "
            f"{format_percent(expected)}，文中写作 {format_percent(o.rate)}。{o.quote}",
            _where(ctx, o),
            expected=expected,
            actual=o.rate,
            difference=quantize(o.rate - expected),
            suggestion=f"完成年初预算的{format_percent(expected)}",
        )


def _right_word(o: BudgetOutturn) -> str:
    if o.difference > 0:
        return "决算数大于预算数"
    if o.difference < 0:
        return "决算数小于预算数"
    return "决算数等于预算数"


@rule("narrative-final-vs-budget", "决算数与预算数的比较用词与金额不符", "error")
def narrative_final_vs_budget(ctx: CheckContext) -> Iterable[Finding]:
    """决算数大于/小于/等于预算数 (and 与预算数持平) follow the two amounts the narrative states.

    基本持平 / 基本一致 allows the outturn to differ from the budget by up to `BASICALLY_EQUAL_PERCENT`
    of the budget; beyond it the wording is a warning, not an error, since no regulation fixes the bound.
    持平 or 等于 said of amounts that differ within that bound is a warning too.
    """
    for o in outturns(ctx):
        word = o.comparison
        if word is None:
            continue
        budget = convert(o.budget, o.budget_unit, o.final_unit)
        gap = abs(o.difference) * 100 / budget if budget > 0 else None
        close = gap is not None and gap <= BASICALLY_EQUAL_PERCENT
        severity: Severity | None = None
        if word in _MORE:
            wrong = o.difference <= 0
        elif word in _LESS:
            wrong = o.difference >= 0
        elif word.startswith("基本"):
            wrong, severity = not close and o.difference != 0, Severity.WARNING
        else:
            wrong = o.difference != 0
            severity = Severity.WARNING if close else None
        if not wrong:
            continue
        tolerance = (
            f"（“基本持平”按相差不超过预算数的 {BASICALLY_EQUAL_PERCENT}% 掌握）" if word.startswith("基本") else ""
        )
        yield ctx.finding(
            f"{ctx.in_part3(o.paragraph.path)}{o.amounts}，应为“{_right_word(o)}”，文中写作“{word}”"
            f"{tolerance}。{o.quote}",
            _where(ctx, o),
            expected=_right_word(o),
            actual=word,
            difference=quantize(o.difference),
            severity=severity,
            suggestion=_right_word(o),
        )


# `年初未安排预算` in the statement's own sentence; `年初预算数为0` (a budget restated without a unit) in a reason
_UNBUDGETED = lazy_compile(r"未安排(?:年初)?预算")
_RESTATED = lazy_compile(r"(?:年初)?预算(?:数)?(?:为|是)(?P<value>\d+(?:\.\d+)?)(?![\d.]|万|元|%)")


@rule("narrative-unbudgeted", "说明称年初未安排预算（预算数为0），与所述年初预算数不符", "error")
def narrative_unbudgeted(ctx: CheckContext) -> Iterable[Finding]:
    """`年初预算为A万元，支出决算为B万元，年初未安排预算` says A is 0; a reason that restates it
    (`主要原因：…年初预算数为0`) says the same A.  Either way the two statements of one budget must agree."""
    for o in outturns(ctx):
        sentence = o.after.split("。")[0]
        said: list[tuple[str, Decimal]] = []
        if _UNBUDGETED.search(sentence):
            said.append(("年初未安排预算", Decimal(0)))
        said.extend((m.group(0), parse_amount(m.group("value"))) for m in _RESTATED.finditer(o.after))
        for words, value in said:
            if value == o.budget:
                continue
            yield ctx.finding(
                f"{ctx.in_part3(o.paragraph.path)}年初预算数为 {fmt(o.budget)}{o.budget_unit.value}，"
                f"同一说明又称“{words}”。{o.quote}",
                _where(ctx, o),
                expected=o.budget,
                actual=value,
            )


# --- totals the narrative states, against the 决算 tables ----------------------------------------------

_FINAL = "final"  # the 决算数 column of a final account's tables (templates: `key: final`)


@dataclass(frozen=True)
class _Total:
    pattern: Pattern
    kind: TableKind
    labels: tuple[str, ...]  # words of the total rows it may mean (`总计`; `总收入` is 总计 or 本年收入合计)
    column: str | None  # None: the side's amount column
    side: Side | None
    keys: tuple[str, ...] = ()  # rows by key instead (the items of the 三公 table)


def _clause(subject: str) -> LazyPattern:
    return lazy_compile(rf"{subject}(?:决算)?(?:数)?(?:各)?(?:为|是|达)?{_amount('amount')}")


_NOT_FISCAL = r"(?<!拨款)(?<!财政)"
K = TableKind
TOTALS: tuple[_Total, ...] = (
    _Total(
        _clause(rf"{_NOT_FISCAL}(?<!本年)收[、,]?支(?:决算)?总计"), K.INCOME_EXPENDITURE_SUMMARY, ("总计",), None, None
    ),
    _Total(_clause(r"收入支出决算总计"), K.INCOME_EXPENDITURE_SUMMARY, ("总计",), None, None),
    _Total(_clause(r"年度总收入"), K.INCOME_EXPENDITURE_SUMMARY, ("总计", "本年收入合计"), None, Side.INCOME),
    _Total(_clause(r"年度总支出"), K.INCOME_EXPENDITURE_SUMMARY, ("总计", "本年支出合计"), None, Side.EXPENDITURE),
    _Total(_clause(r"财政拨款收(?:入)?[、,]?支(?:出)?(?:决算)?总(?:计|决算)"), K.FISCAL_SUMMARY, ("总计",), None, None),
    _Total(_clause(r"财政拨款收入支出决算总计"), K.FISCAL_SUMMARY, ("总计",), None, None),
    _Total(_clause(rf"{_NOT_FISCAL}本年收入合计"), K.INCOME_SUMMARY, ("合计",), Col.TOTAL, None),
    _Total(_clause(rf"{_NOT_FISCAL}本年支出合计"), K.EXPENDITURE_SUMMARY, ("合计",), Col.TOTAL, None),
    _Total(_clause(r'"?三公"?经费(?:财政拨款)?支出'), K.THREE_PUBLIC, ("合计",), _FINAL, None),
    # `一般公共预算财政拨款支出年初预算为0.00万元，支出决算为1668.14万元`
    _Total(
        _clause(rf"一般公共预算财政拨款支出年初预算(?:数)?为{NUM}万?元,支出"),
        K.GENERAL_BUDGET_EXPENDITURE,
        ("合计",),
        Col.TOTAL,
        None,
    ),
    # 一般公共预算财政拨款基本支出 746.39 万元，其中：人员经费 649.20 万元 … 公用经费 97.19 万元
    _Total(_clause(r"一般公共预算财政拨款基本支出"), K.GENERAL_BUDGET_EXPENDITURE, ("合计",), Col.BASIC, None),
    _Total(_clause(r"(?<![\u4e00-\u9fff])人员经费"), K.GENERAL_BUDGET_BASIC, (), _FINAL, None, ("total.personnel",)),
    _Total(_clause(r"(?<![\u4e00-\u9fff])公用经费"), K.GENERAL_BUDGET_BASIC, (), _FINAL, None, ("total.public",)),
    # the items of the 三公 outturn: `因公出国（境）费支出决算为0.00万元`, `公务用车购置支出为0.00万元`
    _Total(_clause(r"因公出国\(境\)费(?:支出)?"), K.THREE_PUBLIC, (), _FINAL, None, ("abroad",)),
    _Total(_clause(r"公务用车购置及运行维护费(?:支出)?"), K.THREE_PUBLIC, (), _FINAL, None, ("vehicles",)),
    _Total(_clause(r"公务用车购置(?:费)?(?:支出)?"), K.THREE_PUBLIC, (), _FINAL, None, ("vehicle_purchase",)),
    _Total(_clause(r"公务用车运行维护(?:费)?(?:支出)?"), K.THREE_PUBLIC, (), _FINAL, None, ("vehicle_operation",)),
    _Total(_clause(r"公务接待费(?:支出)?"), K.THREE_PUBLIC, (), _FINAL, None, ("reception",)),
)
_PARTS = {"基本支出": Col.BASIC, "项目支出": Col.PROJECT}
# `1.基本支出746.39万元`, `其中:基本支出…`, `按经济分类划分为基本支出11073.11万元`
_PART = lazy_compile(
    r"^(?:其中:)?(?:\d+[.、]|[一二三四五六七八九十]+、)?(?:按经济分类(?:划分)?为)?"
    rf"(?P<part>基本支出|项目支出){_clause('').pattern}"
)


# 总计, and 本年收入合计 / 本年支出合计, rows of their own beside 总计 in a 决算's two-sided tables
_TOTAL_KEYS = frozenset({"total", "income.current", "expenditure.current"})


def _total_rows(
    table: Table, labels: tuple[str, ...], column: str | None, side: Side | None, keys: tuple[str, ...] = ()
) -> list[tuple[Row, str]]:
    """The printed total rows whose label holds one of `labels` (on `side`, or either), with their figure's column;
    or the rows of `keys`."""
    found: list[tuple[Row, str]] = []
    for wanted in keys:
        row = table.row(wanted)
        if row is not None and column is not None and row.value(column) is not None:
            found.append((row, column))
    for label in labels:
        for row in table.rows:
            if row.key not in _TOTAL_KEYS or (side is not None and row.side != side) or label not in fold(row.label):
                continue
            key = column or _side_column(table, row.side)
            if key is not None and row.value(key) is not None:
                found.append((row, key))
    return found


def _side_column(table: Table, side: Side | None) -> str | None:
    for key in (_FINAL, Col.TOTAL, Col.AMOUNT):
        if table.column(key, side) is not None:
            return key
    return None


@rule("narrative-final-total", "说明中的决算总额与决算表不符", "error")
def narrative_final_total(ctx: CheckContext) -> Iterable[Finding]:
    """In a final account, the totals the narrative states equal the 决算 tables': 收、支总计 (收入支出决算总表
    总计), 财政拨款收支总计 (财政拨款收入支出决算总表 总计), 本年收入/支出合计 with 基本支出 and 项目支出 (收入决算表,
    支出决算表), the 三公 outturn (三公 table 合计, 决算数)."""
    if "final" not in ctx.disclosure.meta.kind.value:
        return
    for paragraph in ctx.claims.paragraphs:
        text = fold(paragraph.text)
        for total in TOTALS:
            table = ctx.table(total.kind)
            if table is None or table.doubt:
                continue
            for m in total.pattern.finditer(text):
                yield from _compare(
                    ctx, paragraph, m, table, _total_rows(table, total.labels, total.column, total.side, total.keys)
                )
        if paragraph.path.split("/")[0] in ("overview", "expenditure"):
            yield from _parts(ctx, paragraph, text)


def _parts(ctx: CheckContext, paragraph: LogicalParagraph, text: str) -> Iterator[Finding]:
    """`基本支出 X万元` / `项目支出 Y万元` opening a clause of the overview or the expenditure section: the
    支出决算表 合计 row's columns."""
    table = ctx.table(TableKind.EXPENDITURE_SUMMARY)
    if table is None or table.doubt:
        return
    for clause in re.split(r"[,;。]", text):
        m = _PART.match(clause)
        if m is not None:
            yield from _compare(ctx, paragraph, m, table, _total_rows(table, ("合计",), _PARTS[m.group("part")], None))


def _compare(
    ctx: CheckContext, paragraph: LogicalParagraph, m: re.Match[str], table: Table, rows: list[tuple[Row, str]]
) -> Iterator[Finding]:
    stated, unit = parse_amount(m.group("amount")), MoneyUnit(m.group("amount_unit"))
    if not rows or any(agree_as_printed(stated, unit, row.amount(column), table.unit) for row, column in rows):
        return
    row, column = rows[0]
    value = row.amount(column)
    subject = m.group(0)[: m.start("amount") - m.start()].rstrip("为是达各")
    yield against_cell(
        ctx,
        paragraph,
        f"{ctx.in_part3(paragraph.path)}称“{subject}”为 {fmt(stated)}{unit.value}，而表{table.number}“{row.label}”为 "
        f"{fmt(value)}{table.unit.value}。（“{m.group(0)}”）",
        (stated, unit),
        (table, row, column),
    )


def against_cell(
    ctx: CheckContext,
    paragraph: LogicalParagraph,
    message: str,
    stated: tuple[Decimal, MoneyUnit],
    cell: tuple[Table, Row, str],
) -> Finding:
    """A narrative amount that disagrees with the table cell it states: the cell's figure expected, in the
    sentence's unit as the suggestion."""
    amount, unit = stated
    table, row, column = cell
    value = row.amount(column)
    return ctx.finding(
        message,
        ctx.at_section(paragraph.path, paragraph.first),
        expected=value,
        actual=amount,
        difference=quantize(amount - value) if unit is table.unit else None,
        related=(ctx.at_cell(table, row, column),),
        suggestion=f"{fmt(convert(value, table.unit, unit))}{unit.value}",
    )
