"""Bounds for figures computed from rounded amounts.

A share or a rate printed in the narrative was computed from exact amounts,
while the amounts we can see are printed rounded (to 0.01 万元, or to whole
元).  Rather than an arbitrary tolerance, compute the range the true
percentage can lie in given that every printed amount is within half a unit
of its last digit, and accept a stated percentage when it is the half-up
rounding of some value in that range.  Nothing outside the range is
tolerated.  The same reasoning bounds a sum printed in a table
(`rounding_step`): its terms can explain a difference of at most half the
place they were rounded to, each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import product

from yusuan.check.finding import Finding, Severity
from yusuan.money import HUNDRED, MoneyUnit, quantize


def half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: 1,566.00 → 0.005; 40 → 0.5."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # pragma: no cover - NaN/Infinity never reach here
        return Decimal(0)
    return Decimal(5) * Decimal(10) ** (exponent - 1)


# the places an amount's data have: budgets are kept in 元 with cents, so a 万元 figure is exact at six decimals
EXACT_PLACES = {MoneyUnit.YUAN: 2, MoneyUnit.WAN_YUAN: 6}
# the coarsest place a 万元 table is taken to be rounded to, however few decimals it prints (`40` for 40.00)
WAN_YUAN_PLACES = 2


def rounding_step(unit: MoneyUnit, amounts: Iterable[Decimal]) -> Decimal | None:
    """The place the amounts of one table were rounded to, from the finest place printed among them (the reader
    keeps each figure's printed decimals: `94,995,790` → exponent 0, `1,566.00` → -2): 1 for a 元 table printed
    in whole yuan throughout, 0.1 with one decimal, 0.01 for a 万元 table (never coarser: a 万元 table that prints
    `40` is not taken to round to whole 万元).  None when the figures are exact (a 元 table printed with cents)
    or there are none."""
    exponents = [e for a in amounts if isinstance(e := a.as_tuple().exponent, int)]
    if not exponents:
        return None
    places = max(0, -min(exponents))
    if unit is MoneyUnit.WAN_YUAN:
        places = max(places, WAN_YUAN_PLACES)
    if places >= EXACT_PLACES[unit]:
        return None
    return Decimal(1).scaleb(-places)


WAN_YUAN_STEP = Decimal(1).scaleb(-WAN_YUAN_PLACES)
"""The place a 万元 table rounds to (0.01 万元): what a sum across two 万元 tables allows half of per figure."""


def within_rounding_across(finding: Finding, terms: int, a: MoneyUnit, b: MoneyUnit) -> Finding:
    """`within_rounding` for a figure of one table against a sum of `terms` − 1 printed figures of another
    (本年 + 上年结转): only when both tables are in 万元 and more than one figure is summed."""
    if a is b is MoneyUnit.WAN_YUAN and terms > 2:
        return within_rounding(finding, terms, WAN_YUAN_STEP, a)
    return finding


def within_rounding(finding: Finding, terms: int, step: Decimal, unit: MoneyUnit) -> Finding:
    """`finding` as an info saying so when its difference is no larger than the rounding of its `terms` printed
    figures, each within half of `step` (the place its table rounds to, `rounding_step`); else as it is.  The one
    wording of the 尾差 every rounding leaves, for sums within a table (engine) and across tables."""
    if not finding.difference or abs(finding.difference) > step / 2 * terms:
        return finding
    note = f"（在 {terms} 个数各自四舍五入到 {step} {unit.value}的尾差范围内，不作为错误）"
    return replace(finding, severity=Severity.INFO, message=finding.message + note)


def share_bounds(
    part: Decimal, whole: Decimal, *, part_error: Decimal | None = None, whole_error: Decimal | None = None
) -> tuple[Decimal, Decimal] | None:
    """Lowest and highest printable share (two decimals, half-up) of `part` in `whole`.

    The errors default to half a unit of each figure's last printed digit.
    """
    ep = half_unit(part) if part_error is None else part_error
    ew = half_unit(whole) if whole_error is None else whole_error
    if whole - ew <= 0:
        return None
    low = max(part - ep, Decimal(0)) * HUNDRED / (whole + ew)
    high = (part + ep) * HUNDRED / (whole - ew)
    return quantize(low), quantize(high)


def rate_bounds(
    current: Decimal, change: Decimal, *, change_error: Decimal | None = None
) -> tuple[Decimal, Decimal] | None:
    """Lowest and highest printable |rate| of a signed `change` against last year = current − change.

    The change's error defaults to half a unit of its last printed digit."""
    et = half_unit(current)
    ec = half_unit(change) if change_error is None else change_error
    rates = []
    for t, c in product((current - et, current + et), (change - ec, change + ec)):
        base = t - c
        if base <= 0:
            return None
        rates.append(abs(c) * HUNDRED / base)
    low = Decimal(0) if (change - ec) <= 0 <= (change + ec) else min(rates)
    return quantize(low), quantize(max(rates))


def printed_within(value: Decimal, bounds: tuple[Decimal, Decimal]) -> bool:
    """A percentage as printed fits the bounds: some value in them rounds to it at the precision it
    was printed with (`24 %` fits 24.05–24.06; `16.5%` fits 16.51; `80.92%` needs 80.92 itself)."""
    unit = half_unit(value)
    return value - unit <= bounds[1] and value + unit >= bounds[0]


def rounded_as_printed(expected: Decimal, printed: Decimal) -> Decimal:
    """`expected` rounded half-up to the decimals `printed` was given with (at most two): 15.57 for a
    printed 15.5 → 15.6; for a printed 16 → 16."""
    exponent = printed.as_tuple().exponent
    places = min(2, max(0, -exponent)) if isinstance(exponent, int) else 2
    return expected.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cut_off_as_printed(exact: Decimal, printed: Decimal) -> bool:
    """`printed` is `exact` cut off at its decimals rather than rounded half-up (16.0776 printed 16.07): the
    rounding convention broken, not a wrong figure."""
    exponent = printed.as_tuple().exponent
    places = min(2, max(0, -exponent)) if isinstance(exponent, int) else 2
    step = Decimal(1).scaleb(-places)
    return exact.quantize(step, rounding=ROUND_DOWN) == printed != exact.quantize(step, rounding=ROUND_HALF_UP)


def percent_as_printed(expected: Decimal, printed: Decimal) -> str:
    """`expected` at the precision `printed` was given with, the exact figure beside it when that is
    coarser than two decimals: printed 15.5 → `15.6%（15.57%）`; printed 80.92 → `80.93%`."""
    rounded = rounded_as_printed(expected, printed)
    places = max(0, -int(rounded.as_tuple().exponent))
    return f"{rounded}%" if places == 2 else f"{rounded}%（{quantize(expected):.2f}%）"
