"""Amounts, shares and rates in Part 3 against the tables.

Every statement whose subject can be grounded must print the table's amount;
a share must be part / whole; a rate must be change / (this year − change).
Percentages are judged within the range the rounded amounts allow
(`yusuan.check.rounding`), never with a blanket tolerance.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import ROUND_DOWN, Decimal

from yusuan.check.amounts import agree, agree_as_printed, fmt
from yusuan.check.claims import Statement, rate_name
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Severity
from yusuan.check.registry import rule
from yusuan.check.rounding import (
    cut_off_as_printed,
    half_unit,
    percent_as_printed,
    printed_within,
    rate_bounds,
    rounded_as_printed,
    share_bounds,
)
from yusuan.check.rules.narrative.grounding import grounded, in_yuan, quote, readings, section_label, where
from yusuan.check.subjects import Quantity, default_whole, named_whole
from yusuan.money import CENT, ZERO, MoneyUnit, convert, format_percent, quantize


def _in_stated_unit(stated: Decimal, unit: MoneyUnit, value: Decimal, value_unit: MoneyUnit) -> tuple[str, bool]:
    """`（折合 87.71万元）` when the table's unit differs; and whether the stated figure is that value cut off
    rather than rounded half-up (877,080 元 printed 87.70万元): a convention broken, a warning, not a wrong figure."""
    if unit is value_unit:
        return "", False
    exact = convert(value, value_unit, unit)
    truncated = exact.quantize(CENT, rounding=ROUND_DOWN) == stated != quantize(exact)
    return f"（折合 {fmt(quantize(exact))}{unit.value}{'，文中为截尾而非四舍五入' if truncated else ''}）", truncated


@rule("narrative-amount", "说明中的金额与表格不符", "error")
def narrative_amount(ctx: CheckContext) -> Iterable[Finding]:
    """An amount the narrative states (or a source it says is 未安排, i.e. nil) equals the table cell it describes."""
    for s, q in grounded(ctx):
        if q is None or q.soft:
            continue
        if s.amount is not None:
            if any(agree_as_printed(s.amount, s.unit, v, q.unit) for v in q.values):
                continue
            stated = f"{fmt(s.amount)}{s.unit.value}"
            converted, truncated = _in_stated_unit(s.amount, s.unit, q.value, q.unit)
            yield ctx.finding(
                f"{section_label(ctx, s)}称“{s.describe()}”为 {stated}，而{q.label}为 {fmt(q.value)}"
                f"{q.unit.value}{converted}。（{quote(s)}）",
                where(ctx, s),
                expected=q.value,
                actual=s.amount,
                difference=quantize(s.amount - q.value) if s.unit is q.unit else None,
                related=(q.location,),
                severity=Severity.WARNING if truncated else None,
            )
        elif s.not_arranged and all(v != 0 for v in q.values):
            yield ctx.finding(
                f"{section_label(ctx, s)}称“{s.describe()}未安排”，但{q.label}为 {fmt(q.value)}{q.unit.value}。",
                where(ctx, s),
                expected=q.value,
                actual=ZERO,
                related=(q.location,),
            )


def _share_fits(share: Decimal, part: tuple[Decimal, MoneyUnit], whole: tuple[Decimal, MoneyUnit]) -> bool:
    p, w = in_yuan(*part), in_yuan(*whole)
    bounds = share_bounds(
        p, w, part_error=in_yuan(half_unit(part[0]), part[1]), whole_error=in_yuan(half_unit(whole[0]), whole[1])
    )
    return bounds is None or printed_within(share, bounds)


@rule("narrative-share", "说明中的占比与金额不符", "error")
def narrative_share(ctx: CheckContext) -> Iterable[Finding]:
    """占 X% = part / whole × 100, two decimals half-up.

    A share moved by one unit of its last printed place so that its group makes exactly 100 (尾差调整, see
    `_tail_adjusted`) is reported as info, saying so.

    The whole is the amount stated before `其中` in the section, else the
    section's total (e.g. 表5 合计 for 一般公共预算 structure).  Part and whole
    may be read from the table or from the narrative (see `readings`).
    """
    resolved = {id(s): q for s, q in grounded(ctx)}
    for s, q in grounded(ctx):
        if s.share is None:
            continue
        parts = readings(ctx, s, q)
        named = named_whole(ctx, s.share_of)  # `占本年支出合计的99.94%`: 表1's 本年支出 line, whatever else is near
        if named is not None:
            wholes = [(value, named.unit) for value in named.values]
        elif s.whole is not None:
            wholes = readings(ctx, s.whole, resolved.get(id(s.whole)))
        else:
            dw = default_whole(ctx, s.path)
            wholes = [(dw.value, dw.unit)] if dw else []
            if s.share_of and any(agree(p, pu, w, wu) for p, pu in parts for w, wu in wholes):
                # the share names a whole of its own and the section's total is this very amount: the named whole
                # is another figure, which we cannot place
                continue
        if not parts or not wholes or any(_share_fits(s.share, p, w) for p in parts for w in wholes):
            continue
        part, whole = parts[0], wholes[0]
        expected = quantize(in_yuan(*part) * 100 / in_yuan(*whole))
        adjusted = _tail_adjusted(ctx, s)
        yield ctx.finding(
            f"{section_label(ctx, s)}称“{s.describe()}”占 {s.share}%，按 {fmt(part[0])} ÷ "
            f"{fmt(whole[0])} 计算应为 {percent_as_printed(expected, s.share)}"
            f"{adjusted or ''}。（{quote(s)}）",
            where(ctx, s),
            expected=expected,
            actual=s.share,
            difference=quantize(s.share - expected),
            related=(q.location,) if q else (),
            severity=Severity.INFO if adjusted else None,
        )


def _tail_adjusted(ctx: CheckContext, s: Statement) -> str | None:
    """Why a share off by one unit of its last printed place is the document's 尾差调整, not a wrong figure: the
    shares of its group (`share_groups`), each rounded half-up at its printed precision, do not make exactly 100;
    the printed shares do; and this share is the only one printed otherwise than so rounded.  None when not so
    (a group whose rounded shares already make 100 has nothing to adjust: 江苏省检察院 2018 p25 stays an error)."""
    assert s.share is not None
    group = next(((parts, whole) for parts, whole in share_groups(ctx) if any(p is s for p in parts)), None)
    if group is None or not group[1][0]:
        return None
    parts, whole = group
    # (part, printed share, that share as rounded from its amount): every part of a group has both (`share_groups`)
    shares = [
        (p, p.share, rounded_as_printed(in_yuan(p.amount, p.unit) * 100 / in_yuan(*whole), p.share))
        for p in parts
        if p.amount is not None and p.share is not None
    ]
    off = [(p, rounded) for p, printed, rounded in shares if printed != rounded]
    if len(off) != 1 or off[0][0] is not s:
        return None
    moved, total = abs(s.share - off[0][1]), sum((rounded for *_, rounded in shares), ZERO)
    if moved != 2 * half_unit(s.share) or total == 100 or sum((printed for _, printed, _ in shares), ZERO) != 100:
        return None
    return (
        f"；但同组各项占比四舍五入后合计 {total.normalize():f}%，文中将此项调整 {moved} 个百分点"
        f"使合计为 100%（尾差调整），不是错误"
    )


def share_groups(ctx: CheckContext) -> list[tuple[list[Statement], tuple[Decimal, MoneyUnit]]]:
    """The shares of one whole stated together: the statements of one section with an amount and a share, of
    the whole stated before their `其中` (else the section's total), whose amounts add up to that whole —
    so the parts cover it, and their shares must make 100 (computed once per run)."""
    if "narrative.share_groups" in ctx.memo:
        found: list[tuple[list[Statement], tuple[Decimal, MoneyUnit]]] = ctx.memo["narrative.share_groups"]
        return found
    groups: dict[tuple[str, int], list[Statement]] = {}
    for s, _q in grounded(ctx):
        if s.share is not None and s.amount is not None:
            key = (s.path, id(s.whole) if s.whole is not None else 0)
            groups.setdefault(key, []).append(s)
    found = []
    for (path, _whole), parts in groups.items():
        if len(parts) < 2:
            continue
        whole = parts[0].whole
        whole_amount = (whole.amount, whole.unit) if whole is not None and whole.amount is not None else None
        if whole_amount is None:
            dw = default_whole(ctx, path)
            whole_amount = (dw.value, dw.unit) if dw else None
        stated = sum((p.amount for p in parts if p.amount is not None), ZERO)
        if whole_amount is None or quantize(stated) != quantize(whole_amount[0]):
            continue  # the parts do not cover the whole
        found.append((parts, whole_amount))
    ctx.memo["narrative.share_groups"] = found
    return found


@rule("narrative-shares-sum", "同一总额的各项占比之和不为100%", "warning")
def narrative_shares_sum(ctx: CheckContext) -> Iterable[Finding]:
    """Shares of the parts of one whole add up to 100.00% (within each share's rounding) when the parts cover it."""
    for parts, (whole_amount, _unit) in share_groups(ctx):
        if not whole_amount:
            continue  # shares of a zero whole are undefined (`“三公”经费0万元 … 占“三公”经费的0%`)
        total = sum((p.share for p in parts if p.share is not None), ZERO)
        # each share is off by at most half a unit of its last printed digit (24 % → 0.5, 80.92% → 0.005)
        allowed = sum((half_unit(p.share) for p in parts if p.share is not None), ZERO)
        if abs(total - 100) > allowed:
            yield ctx.finding(
                f"{ctx.in_part3(parts[0].path)}各项金额合计等于总额，但占比之和为 {format_percent(total)}，"
                f"不是 100.00%（允许的舍入误差为 {allowed.normalize():f}%）。",
                where(ctx, parts[0]),
                expected=Decimal("100.00"),
                actual=total,
                difference=quantize(total - 100),
            )


# a rate cut off rather than rounded half-up (16.0776% printed 16.07%): a convention broken, a warning
CUT_OFF = "（文中为截尾而非四舍五入）"


def _rate_fits(rate: Decimal, this: Decimal, change: Decimal) -> bool:
    if change == 0:  # no change is 0.00% whatever last year was (even nil both years)
        return rate == 0
    bounds = rate_bounds(this, change)
    return bounds is None or printed_within(abs(rate), bounds)


def _whole_change(
    ctx: CheckContext, s: Statement, q: Quantity | None, options: list[tuple[Decimal, Decimal]]
) -> Iterator[Finding]:
    """A change printed in whole units beside an amount printed with decimals (广州信访局 2026 p21:
    `公务用车购置及运行维护费2.5万元…比上年减少1万元，下降28.6%`): read as rounded to whole 万元 the change
    allows any rate from 16.4 % to 38.0 %, but a sentence that prints its amount to 0.1 万元 and its change
    as `1` has most likely dropped a trailing zero (1.0).  A rate that fits only the whole-unit reading is a
    warning: the rate the amounts at the amount's precision give is stated beside the loose range."""
    if s.rate is None or s.change is None or s.amount is None or s.change_unit is not s.unit or s.change == 0:
        return
    if _places(s.change) != 0 or _places(s.amount) == 0:
        return
    this, change = s.amount, s.change
    tight = rate_bounds(this, change, change_error=half_unit(this))
    loose = rate_bounds(this, change)
    if tight is None or loose is None or printed_within(abs(s.rate), tight):
        return
    if not printed_within(abs(s.rate), loose) or any(
        _rate_fits(s.rate, other, c) for other, c in options if (other, c) != (this, change)
    ):
        return  # wrong even read loosely (reported above), or another reading of this year's amount fits
    expected = quantize(abs(change) * 100 / (this - change))
    yield ctx.finding(
        f"{section_label(ctx, s)}“{s.describe()}”本年 {fmt(this)}、{s.change_word} {abs(change)}"
        f"（按本年金额的精度即 {fmt(abs(change))}），{rate_name(s.rate_word or '')}应为 "
        f"{percent_as_printed(expected, abs(s.rate))}，而不是 {abs(s.rate)}%；只有把增减额看作取整到"
        f"{s.change_unit.value}的数（{loose[0]}%–{loose[1]}%）才说得通，"
        f"请核对增减额与增减率。（{quote(s)}）",
        where(ctx, s),
        expected=expected,
        actual=abs(s.rate),
        difference=quantize(abs(s.rate) - expected),
        related=(q.location,) if q else (),
        suggestion=f"{s.rate_word}{rounded_as_printed(expected, abs(s.rate))}%",
        severity=Severity.WARNING,
    )


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@rule("narrative-rate", "增长率与增减额不符", "error")
def narrative_rate(ctx: CheckContext) -> Iterable[Finding]:
    """增长/下降 Y% = change / (this year − change) × 100, two decimals half-up; no change means 0.00%.

    This year's amount may be read from the table or from the narrative (see `readings`).
    """
    for s, q in grounded(ctx):
        if s.change is None or s.rate is None:
            continue
        options = [
            (this, s.change if s.change_unit is unit else convert(s.change, s.change_unit, unit))
            for this, unit in readings(ctx, s, q)
        ]
        if not options:
            continue
        if any(_rate_fits(s.rate, this, change) for this, change in options):
            yield from _whole_change(ctx, s, q, options)
            continue
        this, change = options[0]
        exact = ZERO if change == 0 else abs(change) * 100 / (this - change)
        expected = quantize(exact)
        cut_off = cut_off_as_printed(exact, abs(s.rate))
        yield ctx.finding(
            f"{section_label(ctx, s)}“{s.describe()}”本年 {fmt(this)}、{s.change_word} {fmt(abs(change))}，"
            f"上年应为 {fmt(this - change)}，{rate_name(s.rate_word or '')}应为 "
            f"{percent_as_printed(expected, abs(s.rate))}，"
            f"而不是 {abs(s.rate)}%{CUT_OFF if cut_off else ''}。（{quote(s)}）",
            where(ctx, s),
            expected=expected,
            actual=abs(s.rate),
            difference=quantize(abs(s.rate) - expected),
            related=(q.location,) if q else (),
            suggestion=f"{s.rate_word}{rounded_as_printed(expected, abs(s.rate))}%",
            severity=Severity.WARNING if cut_off else None,
        )
