"""A change stated with both its amounts: `由1,260.00万元减少至1,108.80万元，减少151.20万元，下降12.00%`.

Such a sentence carries its own proof: last year's and this year's amounts are
printed in it, so the direction word, the difference and the rate can be
recomputed from the sentence alone, whether or not any table holds the
figures.  A finance-bureau reviewer recomputes them by hand; these rules do
it for every `由/从 A 至/到 B` pair of the narrative and suggest the corrected
wording.  Only the clauses right after the pair that open with a direction
word (`，减少…`, `，同比下降…`, `（下降…）`) are read as its change and rate,
so a figure of the next subject is never taken for this one's.

A sentence that states last year's amount beside this year's in other words
(`比上年的1,260.00万元减少151.20万元`, `2022年执行数为79.90万元，2023年预算安排
100.20万元，比2022年增加25.41%`) carries the same proof; `check.claims` reads
both amounts into one statement, and these rules judge it as a pair too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.amounts import agree_as_printed, fmt
from yusuan.check.claims import DOWN_RATE_NOUNS, DOWN_WORDS, NUM, REASON, UP_RATE_NOUNS, UP_WORDS, LogicalParagraph
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rounding import (
    cut_off_as_printed,
    half_unit,
    percent_as_printed,
    printed_within,
    rate_bounds,
    rounded_as_printed,
)
from yusuan.check.rules.narrative.figures import CUT_OFF
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.money import MoneyUnit, convert, format_percent, parse_amount, quantize

_UP = (*UP_WORDS, *UP_RATE_NOUNS, "增")
_DOWN = (*DOWN_WORDS, *DOWN_RATE_NOUNS, "减", "降")
_WORDS = "|".join(UP_WORDS + DOWN_WORDS)
_PREFIX = r"[(]?(?:同比|较上年|比上年|与上年相比|与上年|相比|共|累计)?"
# `由2025年的1,260.00万元减少至1,108.80万元`, `从上年1,260.00万元增加到…`, `由…万元降至…万元`
PAIR = lazy_compile(
    rf"(?:由|从)(?P<from_label>[^,;。:()]{{0,16}}?)(?<![\d.,])(?P<a>{NUM})(?P<ua>万元|元)(?:的)?"
    rf"(?:(?P<word>{_WORDS}|增|减|降)了?(?:至|到|为)|(?:调整|变动|变化)?(?:至|到)|(?:调整|变动|变化)为)"
    rf"(?P<to_label>[^,;。:()]{{0,16}}?)(?<![\d.,])(?P<b>{NUM})(?P<ub>万元|元)(?![\d.])"
)
# the clauses after the pair that state its change open with a direction word (or 同比 / 较上年 before it)
_NOUNS = "|".join(UP_RATE_NOUNS + DOWN_RATE_NOUNS)
_OPENS = lazy_compile(rf"^{_PREFIX}(?:{_WORDS}|基本持平|持平|{_NOUNS})")
_CHANGE = lazy_compile(rf"^{_PREFIX}(?P<word>{_WORDS})了?(?P<num>{NUM})(?P<unit>万元|元)")
_RATE = lazy_compile(rf"(?P<word>{_NOUNS}|{_WORDS})(?:了|为|达)?(?P<num>{NUM})%")
_FLAT = lazy_compile(rf"^{_PREFIX}(?:基本)?持平")
_OPPOSITE = {
    "增加": "减少",
    "减少": "增加",
    "增长": "下降",
    "下降": "增长",
    "上升": "下降",
    "提高": "降低",
    "降低": "提高",
    "增多": "减少",
    "减小": "增加",
    "缩减": "增加",
    "增幅": "降幅",
    "降幅": "增幅",
    "减幅": "增幅",
    "增长率": "下降率",
    "下降率": "增长率",
    "增": "减",
    "减": "增",
    "降": "增",
}


@dataclass(frozen=True)
class FromTo:
    """One `由 A 至 B` pair with the change and rate the clauses after it state (unsigned, as printed)."""

    paragraph: LogicalParagraph
    sentence: str
    start: int  # where the pair (`由…`) starts in the sentence
    a: Decimal
    a_unit: MoneyUnit
    b: Decimal
    b_unit: MoneyUnit
    pair_word: str | None
    change_word: str | None = None
    change: Decimal | None = None
    change_unit: MoneyUnit = MoneyUnit.WAN_YUAN
    rate_word: str | None = None
    rate: Decimal | None = None
    flat: bool = False
    from_to: bool = True  # `由 A 至 B`; False: last year's and this year's amounts stated in other words

    @property
    def delta(self) -> Decimal:
        """B − A in B's unit."""
        return self.b - convert(self.a, self.a_unit, self.b_unit)

    @property
    def sign(self) -> int:
        return 1 if self.delta > 0 else -1 if self.delta < 0 else 0

    @property
    def amounts(self) -> str:
        if not self.from_to:
            return f"上年 {fmt(self.a)}{self.a_unit.value}、本年 {fmt(self.b)}{self.b_unit.value}"
        return f"由 {fmt(self.a)}{self.a_unit.value} 到 {fmt(self.b)}{self.b_unit.value}"

    @property
    def quote(self) -> str:
        text = self.sentence if len(self.sentence) <= 70 else self.sentence[:68] + "…"
        return f"（“{text}”）"


def direction(word: str | None) -> int:
    """+1 for a word of increase, −1 for one of decrease, 0 for none."""
    return 1 if word in _UP else -1 if word in _DOWN else 0


def _tail(sentence: str) -> list[str]:
    """The clauses after a pair that state its change: up to three, each opening with a direction word."""
    marker = REASON.search(sentence)
    rest = sentence[: marker.start()] if marker else sentence
    clauses: list[str] = []
    for piece in rest.split(","):
        if not piece:
            continue
        if not _OPENS.match(piece) or len(clauses) == 3:
            break
        clauses.append(piece)
    return clauses


def pairs(ctx: CheckContext) -> list[FromTo]:
    """Every `由 A 至 B` pair of the narrative (computed once per run)."""
    if "narrative.from_to" not in ctx.memo:
        ctx.memo["narrative.from_to"] = [*_find(ctx), *_stated(ctx)]
    found: list[FromTo] = ctx.memo["narrative.from_to"]
    return found


def _find(ctx: CheckContext) -> Iterator[FromTo]:
    for paragraph in ctx.claims.paragraphs:
        for sentence in re.split(r"[。;!?]", fold(paragraph.text)):
            matches = list(PAIR.finditer(sentence))
            for index, m in enumerate(matches):
                end = matches[index + 1].start() if index + 1 < len(matches) else len(sentence)
                change_word = rate_word = None
                change = rate = None
                change_unit = MoneyUnit.WAN_YUAN
                flat = False
                for clause in _tail(sentence[m.end() : end]):
                    found = _CHANGE.match(clause)
                    if found and change is None:
                        change_word, change = found.group("word"), parse_amount(found.group("num"))
                        change_unit = MoneyUnit(found.group("unit"))
                    found = _RATE.search(clause)
                    if found and rate is None:
                        rate_word, rate = found.group("word"), parse_amount(found.group("num"))
                    flat = flat or bool(_FLAT.match(clause))
                yield FromTo(
                    paragraph,
                    sentence,
                    m.start(),
                    parse_amount(m.group("a")),
                    MoneyUnit(m.group("ua")),
                    parse_amount(m.group("b")),
                    MoneyUnit(m.group("ub")),
                    m.group("word"),
                    change_word,
                    change,
                    change_unit,
                    rate_word,
                    rate,
                    flat,
                )


def _stated(ctx: CheckContext) -> Iterator[FromTo]:
    """Statements that carry last year's amount beside this year's (read by `check.claims`)."""
    paragraphs = {(p.path, p.index): p for p in ctx.claims.paragraphs}
    for s in ctx.claims.statements:
        paragraph = paragraphs.get((s.path, s.paragraph_index))
        if s.amount is None or s.last_amount is None or paragraph is None:
            continue
        yield FromTo(
            paragraph,
            s.sentence,
            0,
            s.last_amount,
            s.last_unit,
            s.amount,
            s.unit,
            None,
            s.change_word,
            None if s.change is None else abs(s.change),
            s.change_unit,
            s.rate_word,
            None if s.rate is None else abs(s.rate),
            s.flat,
            from_to=False,
        )


def _where(ctx: CheckContext, p: FromTo) -> Location:
    return ctx.at_section(p.paragraph.path, p.paragraph.first)


def _printed(word: str, number: Decimal | None, suffix: str) -> str:
    if number is None:
        return word
    return f"{word}{format_percent(number)}" if suffix == "%" else f"{word}{fmt(number)}{suffix}"


@rule("narrative-from-to-direction", "“由…至…”的增减用词与两个金额不符", "error")
def narrative_from_to_direction(ctx: CheckContext) -> Iterable[Finding]:
    """In `由 A 至 B`, every direction word (增加/减少 before 至, of the difference, of the rate) follows B − A;
    持平 means B = A."""
    for p in pairs(ctx):
        if p.sign == 0:
            continue
        went = "增加" if p.sign > 0 else "减少"
        for word, number, suffix in (
            (p.pair_word, None, ""),
            (p.change_word, p.change, p.change_unit.value),
            (p.rate_word, p.rate, "%"),
        ):
            if word is None or direction(word) == p.sign:
                continue
            yield ctx.finding(
                f"{ctx.in_part3(p.paragraph.path)}{p.amounts}是{went}，却写作“{_printed(word, number, suffix)}”。"
                f"{p.quote}",
                _where(ctx, p),
                expected=_OPPOSITE[word],
                actual=word,
                suggestion=_printed(_OPPOSITE[word], number, suffix),
            )
            break
        else:
            if p.flat:
                stated = f"{went}{fmt(abs(p.delta))}{p.b_unit.value}"
                yield ctx.finding(
                    f"{ctx.in_part3(p.paragraph.path)}{p.amounts}{went}了 {fmt(abs(p.delta))}{p.b_unit.value}，"
                    f"却写作“持平”。{p.quote}",
                    _where(ctx, p),
                    expected=stated,
                    actual="持平",
                    suggestion=stated,
                )


@rule("narrative-from-to-difference", "“由…至…”所述增减额与两个金额之差不符", "error")
def narrative_from_to_difference(ctx: CheckContext) -> Iterable[Finding]:
    """In `由 A 至 B，增加/减少 C`, C = |B − A| (in C's unit, as printed)."""
    for p in pairs(ctx):
        if p.change is None or agree_as_printed(p.change, p.change_unit, abs(p.delta), p.b_unit):
            continue
        expected = quantize(convert(abs(p.delta), p.b_unit, p.change_unit))
        word = "增加" if p.sign > 0 else "减少" if p.sign < 0 else None
        yield ctx.finding(
            f"{ctx.in_part3(p.paragraph.path)}{p.amounts}相差 {fmt(expected)}{p.change_unit.value}，文中写作 "
            f"{fmt(p.change)}{p.change_unit.value}。{p.quote}",
            _where(ctx, p),
            expected=expected,
            actual=p.change,
            difference=quantize(p.change - expected),
            suggestion=f"{word}{fmt(expected)}{p.change_unit.value}" if word else "持平",
        )


@rule("narrative-from-to-rate", "“由…至…”所述增减率与两个金额不符", "error")
def narrative_from_to_rate(ctx: CheckContext) -> Iterable[Finding]:
    """In `由 A 至 B，增长/下降 Y%`, Y = |B − A| ÷ A × 100, within what the printed amounts' rounding allows."""
    for p in pairs(ctx):
        if p.rate is None or p.rate_word is None or p.a_unit is not p.b_unit or p.a < 0:
            continue
        if p.a == 0:
            yield from _from_nil(ctx, p, p.rate, p.rate_word)
            continue
        if p.sign == 0:
            if p.rate == 0:
                continue
            expected = Decimal("0.00")
        else:
            bounds = rate_bounds(p.b, p.delta)
            if bounds is None or printed_within(p.rate, bounds):
                continue
            expected = quantize(abs(p.delta) * 100 / p.a)
        cut_off = p.sign != 0 and cut_off_as_printed(abs(p.delta) * 100 / p.a, p.rate)
        word = p.rate_word if direction(p.rate_word) in (p.sign, 0) else _OPPOSITE[p.rate_word]
        corrected = f"{word}{rounded_as_printed(expected, p.rate)}%"
        yield ctx.finding(
            f"{ctx.in_part3(p.paragraph.path)}{p.amounts}，增减率应为 {fmt(abs(p.delta))} ÷ {fmt(p.a)} = "
            f"{percent_as_printed(expected, p.rate)}，文中写作“{p.rate_word}{p.rate}%”"
            f"{CUT_OFF if cut_off else ''}，应为“{corrected}”。{p.quote}",
            _where(ctx, p),
            expected=expected,
            actual=p.rate,
            difference=quantize(p.rate - expected),
            suggestion=corrected,
            severity=Severity.WARNING if cut_off else None,
        )


def _from_nil(ctx: CheckContext, p: FromTo, rate: Decimal, rate_word: str) -> Iterator[Finding]:
    """A rate from a nil base (`2022年执行数为0万元，2023年预算安排60.13万元，…增加103.00%`): no rate is defined.

    The exact interval the rounding allows: last year printed 0 was at most half a unit of its last digit,
    so the rise is at least (B − ½ unit of B) ÷ (½ unit of A) — tens of thousands of per cent, never a
    figure a writer prints.  `100%` is the templates' convention for a new item (Shanghai's
    `比…增加100.00%`) and passes; any other figure, or a rate with nothing this year, is reported."""
    if p.b <= 0:
        return
    least = quantize((p.b - half_unit(p.b)) * 100 / half_unit(p.a))
    if rate == 100 or rate >= least:
        return
    yield ctx.finding(
        f"{ctx.in_part3(p.paragraph.path)}{p.amounts}：上年为0，以0为基数增长率无从计算（上年即使有不足"
        f"{half_unit(p.a)}{p.a_unit.value}的尾数，增长率也至少为 {format_percent(least)}），"
        f"文中写作“{rate_word}{rate}%”。应删去增长率，写作“新增{fmt(p.b)}{p.b_unit.value}”。{p.quote}",
        _where(ctx, p),
        actual=rate,
        suggestion=f"新增{fmt(p.b)}{p.b_unit.value}",
    )
