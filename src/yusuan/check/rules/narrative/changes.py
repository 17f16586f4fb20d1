"""Year-on-year changes: direction words agree, last year's figure fits, parts' changes add up."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from yusuan.check.amounts import fmt
from yusuan.check.claims import DOWN_WORDS, UP_WORDS, Statement, direction
from yusuan.check.claims import signed as signed_by
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Severity
from yusuan.check.registry import rule
from yusuan.check.rules.narrative.grounding import grounded, quote, readings, section_label, where
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Col, TableKind
from yusuan.money import ZERO, convert, quantize

# 基本持平 allows a change of up to this share (percent) of the base; 持平 allows none
BASICALLY_FLAT_PERCENT = Decimal("5")


@rule("narrative-direction", "增减用词前后矛盾", "error")
def narrative_direction(ctx: CheckContext) -> Iterable[Finding]:
    """The change word and the rate word point the same way (增加…增长, 减少…下降); 持平 means no change, 基本持平
    a change of at most `BASICALLY_FLAT_PERCENT` (a warning beyond it)."""
    for s, _q in grounded(ctx):
        change_dir, rate_dir = direction(s.change_word), direction(s.rate_word)
        nonzero = (s.change is not None and s.change != 0) and (s.rate is not None and s.rate != 0)
        if change_dir and rate_dir and change_dir != rate_dir and nonzero:
            yield ctx.finding(
                f"{section_label(ctx, s)}“{s.describe()}”先说“{s.change_word}”后说“{s.rate_word}”，方向矛盾。"
                f"（{quote(s)}）",
                where(ctx, s),
                expected=s.change_word,
                actual=s.rate_word,
            )
        if s.flat and ((s.change is not None and s.change != 0) or (s.rate is not None and s.rate != 0)):
            if s.roughly_flat and (s.rate is None or abs(s.rate) <= BASICALLY_FLAT_PERCENT):
                continue  # 基本持平: a small change, or one whose size is not stated, is what the words say
            word = "基本持平" if s.roughly_flat else "持平"
            bound = f"（“基本持平”按增减不超过 {BASICALLY_FLAT_PERCENT}% 掌握）" if s.roughly_flat else ""
            yield ctx.finding(
                f"{section_label(ctx, s)}“{s.describe()}”称“{word}”，但又说{s.change_word or s.rate_word}{bound}。"
                f"（{quote(s)}）",
                where(ctx, s),
                expected=word,
                actual=s.change_word or s.rate_word,
                severity=Severity.WARNING if s.roughly_flat else None,
            )


@rule("narrative-last-year", "推算的上年数与已知上年数不符", "error")
def narrative_last_year(ctx: CheckContext) -> Iterable[Finding]:
    """This year − stated change = last year's figure, where the document's data carries last year's figure."""
    last_year = ctx.disclosure.last_year
    if not last_year:
        return
    for s, q in grounded(ctx):
        if q is None or s.change is None or q.key not in last_year:
            continue
        options = readings(ctx, s, q)
        known = last_year[q.key]
        if not options or any(abs(value - s.change - known) <= Decimal("0.01") for value, _unit in options):
            continue
        this = options[0][0]
        derived = this - s.change
        yield ctx.finding(
            f"{section_label(ctx, s)}“{s.describe()}”本年 {fmt(this)}、{s.change_word} {fmt(abs(s.change))}，"
            f"推算上年为 {fmt(derived)}，而上年数为 {fmt(known)}。（{quote(s)}）",
            where(ctx, s),
            expected=known,
            actual=derived,
            difference=quantize(derived - known),
        )


def _changes(ctx: CheckContext) -> dict[str, tuple[Decimal, Statement]]:
    """The stated change of each quantity (the first statement about it); `持平` (not `基本持平`) is a change of 0."""
    found: dict[str, tuple[Decimal, Statement]] = {}
    for s in _gone_items(ctx):
        found[_gone_key(s)] = (s.change or ZERO, s)
    for s, q in grounded(ctx):
        if q is None or q.key in found:
            continue
        if s.change is not None:
            found[q.key] = (s.change, s)
        elif s.flat and not s.roughly_flat and s.rate is None:
            found[q.key] = (ZERO, s)
    return found


def change_identities(ctx: CheckContext) -> Iterator[tuple[str, list[str], str]]:
    """(whole key, part keys, what) triples whose changes must add up."""
    yield (
        "three_public.total",
        [
            "three_public.abroad",
            "three_public.reception",
            "three_public.vehicle_purchase",
            "three_public.vehicle_operation",
        ],
        "三公经费各项",
    )
    yield (
        "three_public.vehicles",
        ["three_public.vehicle_purchase", "three_public.vehicle_operation"],
        "公务用车购置费与运行费",
    )
    yield (
        "fiscal.expenditure.total",
        [f"fiscal.expenditure.{fund}" for fund in (Col.GPB, Col.GOV_FUND, Col.STATE_CAPITAL)],
        "财政拨款支出各资金来源",
    )
    gpb_total = "general_public_budget.total"
    yield (
        gpb_total,
        ["general_public_budget.basic", "general_public_budget.project"],
        "一般公共预算基本支出与项目支出",
    )
    t5 = ctx.table(TableKind.GENERAL_BUDGET_EXPENDITURE)
    if t5 is not None:
        leaves = [r.code for r in t5.body_rows() if r.code and len(r.code) == 7 and r.amount(Col.TOTAL) != 0]
        if leaves:
            gone = [_gone_key(s) for s in _gone_items(ctx)]
            yield (gpb_total, [f"general_public_budget.function.{c}" for c in leaves] + gone, "一般公共预算各项级科目")


def _gone_items(ctx: CheckContext) -> list[Statement]:
    """项 that fell to 0 this year (`…事业运行(项)：预算数为0.00万元，比上年预算减少64.82万元`), stated among the
    项 of table 5: table 5 has no row for them, but their fall is part of the change of the whole."""
    paths = {s.path for s, q in grounded(ctx) if q is not None and q.key.startswith("general_public_budget.function.")}
    return [
        s
        for s, q in grounded(ctx)
        if q is None and s.path in paths and "(项)" in s.subject and s.amount == 0 and s.change is not None
    ]


def _gone_key(s: Statement) -> str:
    return f"general_public_budget.function.gone.{s.subject}"


@rule("narrative-change-sum", "各部分增减额之和与总额增减不符", "warning")
def narrative_change_sum(ctx: CheckContext) -> Iterable[Finding]:
    """Changes of the parts add up to the change of their whole.

    三公: 合计 = Σ items; 一般公共预算: basic + project = Σ 项-level items.
    When the whole's own change is not stated, the sums of two complete sets
    of parts must agree with each other.  A set is used only when every part
    states its change (a missing part is never assumed nil); each stated
    change is rounded, so half a cent per term is allowed.
    """
    changes = _changes(ctx)
    estimates: dict[str, list[tuple[Decimal, int, str, Statement]]] = {}
    for whole, parts, what in change_identities(ctx):
        if whole in changes and whole not in estimates:
            estimates[whole] = [(changes[whole][0], 1, "总额", changes[whole][1])]
        if len(parts) < 2 or not all(p in changes for p in parts):
            continue
        total = sum((changes[p][0] for p in parts), ZERO)
        estimates.setdefault(whole, []).append((total, len(parts), what, changes[parts[0]][1]))
    for found in estimates.values():
        reference, ref_terms, ref_what, ref_statement = found[0]
        for total, terms, what, anchor in found[1:]:
            if abs(total - reference) > Decimal("0.005") * (terms + ref_terms):
                basis = "总额的增减额" if ref_what == "总额" else f"{ref_what}的增减额之和"
                reversed_ = reference != 0 and abs(total + reference) <= Decimal("0.005") * (terms + ref_terms)
                hint = "；两者大小相同、方向相反，疑为“增加”“减少”写反" if reversed_ else ""
                yield ctx.finding(
                    f"{what}的增减额之和为 {fmt(total)}，而{basis}为 {fmt(reference)}，相差 "
                    f"{fmt(total - reference)}（{section_label(ctx, anchor)}）{hint}。",
                    where(ctx, anchor),
                    expected=reference,
                    actual=total,
                    difference=quantize(total - reference),
                    related=(where(ctx, ref_statement),),
                )


# the words opening the parts a change is explained by: `…减少29,815.76万元，主要是基本支出增加…，项目支出减少…`
_PARTS_OPENER = lazy_compile(r"^\s*[,，;；]?\s*(?:主要(?:原因)?(?:是|为|系|由于|因为|因)|其中\s*[:：]?)")


def explained_changes(ctx: CheckContext) -> Iterator[tuple[Statement, list[Statement]]]:
    """A stated change with the parts the same sentence explains it by (`主要是A增加…，B减少…`, `其中：…`)."""
    statements = ctx.claims.statements
    for index, whole in enumerate(statements):
        if whole.change is None or whole.change == 0:
            continue
        parts: list[Statement] = []
        for part in statements[index + 1 :]:
            # the parts follow in the same paragraph, all in one sentence (the whole's change may close the sentence
            # before: `…支出662.86万元。比2025年增加2,734.52万元，主要是…`)
            if (part.path, part.paragraph_index) != (whole.path, whole.paragraph_index):
                break
            if part.change is None or part.amount is not None or (parts and part.sentence != parts[0].sentence):
                break
            if not parts and not _PARTS_OPENER.match(part.raw_subject):
                break
            parts.append(part)
        if parts:
            yield whole, parts


@rule("narrative-change-parts-direction", "增减方向与所列各项增减相反", "error")
def narrative_change_parts_direction(ctx: CheckContext) -> Iterable[Finding]:
    """A change explained by the parts that follow it (`比上年减少X万元，主要是基本支出增加A万元，项目支出减少B万元`)
    does not point against them: when the parts' signed changes add up to the change with the other sign, the
    direction word is reversed.  Parts that add up to neither (a `主要是` naming only the main items) say nothing.
    One part alone is a warning: it may be only the main one."""
    for whole, parts in explained_changes(ctx):
        assert whole.change is not None and whole.change_word is not None
        unit = whole.change_unit
        total = sum((convert(p.change or ZERO, p.change_unit, unit) for p in parts), ZERO)
        tolerance = Decimal("0.005") * (len(parts) + 1)
        if abs(total - whole.change) <= tolerance or abs(total + whole.change) > tolerance:
            continue
        other = DOWN_WORDS[0] if whole.change > 0 else UP_WORDS[0]
        listed = "、".join(
            f"{_PARTS_OPENER.sub('', p.describe())}{p.change_word}{fmt(abs(p.change or ZERO))}" for p in parts
        )
        stated = f"{whole.change_word}{fmt(abs(whole.change))}{unit.value}"
        yield ctx.finding(
            f"{section_label(ctx, whole)}写“{stated}”，而其后所列各项（{listed}）合计为"
            f"{other}{fmt(abs(total))}{unit.value}，方向相反，“{whole.change_word}”应为“{other}”。（{quote(parts[0])}）",
            where(ctx, whole),
            expected=signed_by(other, abs(whole.change)),
            actual=whole.change,
            severity=Severity.WARNING if len(parts) == 1 else None,
            suggestion=f"{other}{fmt(abs(whole.change))}{unit.value}",
        )


HUNDRED = Decimal("100")


@rule("narrative-rate-impossible-decrease", "减少幅度超过100%", "error")
def narrative_rate_impossible_decrease(ctx: CheckContext) -> Iterable[Finding]:
    """A fall is at most the whole of last year's figure: `下降103.0%` cannot be (at most `下降100%`, when this
    year's figure is nil)."""
    for s in ctx.claims.statements:
        if s.rate is None or s.rate >= -HUNDRED or direction(s.rate_word) >= 0:
            continue
        stated = f"{s.rate_word}{abs(s.rate)}%"  # as printed
        yield ctx.finding(
            f"{section_label(ctx, s)}“{s.describe()}”写“{stated}”，减少幅度不可能超过100%"
            f"（本年为零时才是下降100%），请核对增减率或增减方向。（{quote(s)}）",
            where(ctx, s),
            expected="≤100%",
            actual=stated,
        )
