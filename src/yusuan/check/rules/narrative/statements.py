"""Part 3 against itself: the same subject stated twice agrees, parts add up to 共计."""

from __future__ import annotations

from collections.abc import Iterable

from yusuan.check.amounts import agree, fmt
from yusuan.check.claims import Statement
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding
from yusuan.check.registry import rule
from yusuan.check.rules.narrative.grounding import grounded, quote, section_label, where
from yusuan.check.text import fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.money import ZERO, quantize

# subjects that name a property of something said before (`价值`, `涉及金额`, `共涉及资金`), not a thing of their own
_RELATIVE = lazy_compile(r"^共?(价值|账面价值|原值|涉及|金额|其中|共计|合计|总计|分别|各|每).{0,6}$|^.{0,2}$")


@rule("narrative-repeated-amount", "同一段落中同一项目的金额前后不一", "error")
def narrative_repeated_amount(ctx: CheckContext) -> Iterable[Finding]:
    """The same subject stated twice in one paragraph carries the same amount (and the same change)."""
    seen: dict[tuple[str, int, str], Statement] = {}
    for s, q in grounded(ctx):
        name = q.key if q is not None else s.subject
        if not name or s.amount is None or (q is None and _RELATIVE.match(s.subject)):
            continue
        key = (s.path, s.paragraph_index, name)
        first = seen.setdefault(key, s)
        if first is not s and (_compares_years(s.text) or _narrowed(s.text, first, s)):
            continue  # `2026年…迁建工程5000万元，同比2025年…迁建工程108万元`: one amount per year
        if first is not s and not agree(first.amount or ZERO, first.unit, s.amount, s.unit):
            yield ctx.finding(
                f"{section_label(ctx, s)}同一段中“{s.describe()}”先写作 {fmt(first.amount)}{first.unit.value}，"
                f"后写作 {fmt(s.amount)}{s.unit.value}。",
                where(ctx, s),
                expected=first.amount,
                actual=s.amount,
            )


_YEAR = lazy_compile(r"(20\d{2})\s*年")


def _compares_years(text: str) -> bool:
    """The paragraph speaks of more than one year (`2026年…，同比2025年…`)."""
    return len(set(_YEAR.findall(text))) > 1


def _narrowed(text: str, first: Statement, then: Statement) -> bool:
    """A `其中` stands between the two statements: the second speaks of a part (`采购预算总额…服务预算
    225.99万元；其中一般公共预算拨款…服务预算24.48万元`)."""
    start = text.find(first.raw_subject)
    end = text.find(then.raw_subject, start + len(first.raw_subject)) if start >= 0 else -1
    return start >= 0 and end > start and "其中" in text[start:end]


_TOTAL_WORDS = lazy_compile(r"(共计|合计|总计)$")


@rule("narrative-sum-of-parts", "分项金额之和与“共计”不符", "error")
def narrative_sum_of_parts(ctx: CheckContext) -> Iterable[Finding]:
    """Amounts listed in a sentence and closed by 共计 / 合计 X add up to X (e.g. 资金分配情况)."""
    by_sentence: dict[tuple[str, int, str], list[Statement]] = {}
    for s, _q in grounded(ctx):
        if s.amount is not None:
            by_sentence.setdefault((s.path, s.paragraph_index, s.sentence), []).append(s)
    for statements in by_sentence.values():
        for index, s in enumerate(statements):
            if index < 2 or not _TOTAL_WORDS.search(fold(s.raw_subject)):
                continue
            parts = statements[:index]
            if any(p.unit is not s.unit for p in parts):
                continue
            total = sum((p.amount for p in parts if p.amount is not None), ZERO)
            assert s.amount is not None
            if quantize(total) != quantize(s.amount):
                yield ctx.finding(
                    f"{section_label(ctx, s)}列出的各项之和为 {fmt(total)}{s.unit.value}，但写作“{s.raw_subject} "
                    f"{fmt(s.amount)}{s.unit.value}”。（{quote(s)}）",
                    where(ctx, s),
                    expected=total,
                    actual=s.amount,
                    difference=quantize(s.amount - total),
                )
