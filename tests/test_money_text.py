"""An amount's text with every digit past its cents kept (`money.exact_text`, `money.places_shown`): at least two
decimals, trailing zeros dropped, never rounded — read back, it is the same value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.money import exact_text, format_amount, places_shown, quantize

HUGE = "123456789012345678901234567890.123456789"
"""39 significant digits: past the 28 of the decimal context, where `normalize()` rounds (…890.12 if it counted)."""


@pytest.mark.parametrize(
    ("value", "plain", "thousands", "places"),
    [
        ("0", "0.00", "0.00", 2),
        ("1", "1.00", "1.00", 2),
        ("1.5", "1.50", "1.50", 2),
        ("1.2300000", "1.23", "1.23", 2),
        ("1234567.891", "1234567.891", "1,234,567.891", 3),
        ("-0.001", "-0.001", "-0.001", 3),
        ("1E+3", "1000.00", "1,000.00", 2),
        ("1.5E+10", "15000000000.00", "15,000,000,000.00", 2),
        ("-1234.500000", "-1234.50", "-1,234.50", 2),  # as the store keeps an amount: six decimals
        ("1234.567000", "1234.567", "1,234.567", 3),
        ("0.000000", "0.00", "0.00", 2),
        ("0E-10", "0.00", "0.00", 2),
        ("-0", "-0.00", "-0.00", 2),
        ("1E-7", "0.0000001", "0.0000001", 7),
        (HUGE, HUGE, "123,456,789,012,345,678,901,234,567,890.123456789", 9),
    ],
)
def test_an_amount_shows_its_cents_and_every_digit_past_them(
    value: str, plain: str, thousands: str, places: int
) -> None:
    assert exact_text(Decimal(value)) == plain
    assert exact_text(Decimal(value), thousands=True) == thousands
    assert places_shown(Decimal(value)) == places


def test_normalize_would_have_rounded_the_huge_amount() -> None:
    """Why the digits are cut from the text: the way three of the four callers counted places lost them."""
    exponent = Decimal(HUGE).normalize().as_tuple().exponent
    assert isinstance(exponent, int) and f"{Decimal(HUGE):.{max(2, -exponent)}f}" == HUGE[:-7]
    assert exact_text(Decimal(HUGE)) == HUGE


@pytest.mark.parametrize("text", ["NaN", "-NaN", "sNaN", "Infinity", "-Infinity"])
def test_not_a_number_is_written_as_str_writes_it(text: str) -> None:
    assert exact_text(Decimal(text)) == exact_text(Decimal(text), thousands=True) == text
    assert places_shown(Decimal(text)) == 2


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_the_text_reads_back_as_the_same_value(value: Decimal) -> None:
    for text in (exact_text(value), exact_text(value, thousands=True)):
        assert Decimal(text.replace(",", "")) == value
        fraction = text.partition(".")[2]
        assert len(fraction) == places_shown(value) >= 2
        assert len(fraction) == 2 or not fraction.endswith("0")  # no trailing zero past the cents
    if value.adjusted() < 20 and value == quantize(value):
        assert exact_text(value, thousands=True) == format_amount(value)  # at cents: as the documents print it
