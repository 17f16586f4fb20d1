"""Exact money and percentages.

Budget documents state amounts with two decimals in 万元 or 元, and shares and
rates as percentages with two decimals, rounded half-up.  Every amount in
yusuan is a `Decimal` from the moment it is parsed to the moment it is
formatted; this module is the one place that parses, rounds, converts and
formats them, so that no other module ever needs `float`.  An amount is
formatted in one of two ways: rounded to its cents as a document prints it
(`format_amount`), or exactly, with every digit it has past its cents
(`exact_text`, `places_shown`: the web app's JSON, its Excel cells and their
widths, a finding's values, `yusuan export`'s CSV), so that no digit is hidden.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from yusuan.lazy_pattern import lazy_compile
from yusuan.limits import MAX_AMOUNT_DIGITS

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")


class MoneyUnit(StrEnum):
    """The unit a table or a sentence states its amounts in."""

    YUAN = "元"
    WAN_YUAN = "万元"

    @property
    def yuan_per_unit(self) -> Decimal:
        return Decimal(1) if self is MoneyUnit.YUAN else Decimal(10000)


def quantize(value: Decimal, places: Decimal = CENT) -> Decimal:
    """Round half-up to `places` (two decimals by default)."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


def convert(value: Decimal, source: MoneyUnit, target: MoneyUnit) -> Decimal:
    """Convert an amount between 元 and 万元 exactly (no rounding)."""
    if source is target:
        return value
    return value * source.yuan_per_unit / target.yuan_per_unit


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Percentage of `part` in `whole`, two decimals half-up; None when whole is 0."""
    if whole == 0:
        return None
    return quantize(part * HUNDRED / whole)


def rate(change: Decimal, base: Decimal) -> Decimal | None:
    """Year-on-year rate in percent of `change` over `base`; None when base is 0."""
    if base == 0:
        return None
    return quantize(change * HUNDRED / abs(base))


_AMOUNT_TEXT = lazy_compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


class AmountError(ValueError):
    """Raised when a text is not an amount."""


class AmountTooLarge(AmountError):
    """Raised when an amount has more digits than a budget can hold; its message says the bound."""


def parse_amount(text: str | int | Decimal) -> Decimal:
    """Parse an amount as printed or typed: `1,566.00`, `40.0 0`, `１２.５`, `-3`.

    Spaces inside the number (left by text extraction) and thousands
    separators are removed; full-width digits are folded.  Anything else is an
    `AmountError` — never a guess.
    """
    if isinstance(text, Decimal):
        return text
    if isinstance(text, bool):
        raise AmountError(f"不是金额: {text!r}")
    if isinstance(text, int):
        return bounded(Decimal(text), str(text))
    cleaned = text.translate(_FULL_WIDTH).replace(" ", "").replace("\u3000", "")
    cleaned = cleaned.replace("\t", "").replace("\n", "")
    if not _AMOUNT_TEXT.match(cleaned):
        raise AmountError(f"不是金额: {text!r}")
    try:
        value = Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards
        raise AmountError(f"不是金额: {text!r}") from exc
    return bounded(value, text)


MAX_WHOLE_DIGITS = MAX_AMOUNT_DIGITS - 2  # the cents take two of the significant digits


def bounded(value: Decimal, text: str) -> Decimal:
    """`value`, unless it has more whole digits than a budget can hold (and Excel can keep)."""
    if value != 0 and value.adjusted() >= MAX_WHOLE_DIGITS:
        shown = text if len(text) <= 40 else f"{text[:37]}…"
        raise AmountTooLarge(
            f"金额过大：{shown!r} 超过 {MAX_WHOLE_DIGITS} 位整数（连同两位小数共 {MAX_AMOUNT_DIGITS} 位有效数字）"
        )
    return value


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


def format_amount(value: Decimal | None, *, thousands: bool = True, empty: str = "") -> str:
    """Format an amount with two decimals (and thousands separators)."""
    if value is None:
        return empty
    rounded = quantize(value)
    return f"{rounded:,.2f}" if thousands else f"{rounded:.2f}"


def exact_text(value: Decimal, *, thousands: bool = False) -> str:
    """`value` with every digit it has: at least two decimals, more only as far as its last non-zero digit past the
    cents (`1.50`; `1.23` of 1.2300000; `-0.001`; `1000.00` of 1E+3; `1,234,567.891` with `thousands`).

    Never rounded, so the text read back (commas removed) is the same value; NaN and the infinities as `str` writes
    them.  The digits are cut from the value's own text, not counted by `normalize()`, which is bound by the context's
    28 digits of precision (it would round a longer amount) and twice as slow; and that text is `str(value)` unless it
    has an exponent, three times as fast as formatting (a page's JSON writes ≈ 2,000 amounts, the store's all have
    six decimals and none an exponent)."""
    text = f"{value:,f}" if thousands else str(value)
    if "E" in text:
        text = f"{value:f}"
    whole, point, fraction = text.partition(".")
    if point:
        return f"{whole}.{fraction.rstrip('0'):0<2}"
    return f"{text}.00" if value.is_finite() else text


def places_shown(value: Decimal) -> int:
    """The decimals `exact_text` shows of `value`: two, or as many as it has up to its last non-zero digit."""
    return max(2, len(exact_text(value).partition(".")[2]))


def format_percent(value: Decimal | None) -> str:
    """Format a percentage with two decimals and a % sign."""
    if value is None:
        return ""
    return f"{quantize(value):.2f}%"
