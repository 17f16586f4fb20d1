"""Every place that shows an amount with every digit past its cents shows the same text (`money.exact_text`): the
JSON (`plain_scalar`), a finding's values on the page (`figure_text`), an Excel download's number format and the
text its column is sized by (`amount_format`, `shown_text`), and the CSV (`csv_bytes`, as `yusuan export`)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from yusuan.store.export import csv_bytes
from yusuan.web.data import json_bytes, plain_scalar
from yusuan.web.labels import figure_text
from yusuan.web.workbook import amount_format, shown_text, workbook_bytes

HUGE = "123456789012345678901234567890.123456789"  # past the decimal context's 28 digits

# value, JSON and CSV text, page and Excel text, Excel number format
SHOWN = [
    ("0", "0.00", "0.00", "#,##0.00"),
    ("1", "1.00", "1.00", "#,##0.00"),
    ("1.5", "1.50", "1.50", "#,##0.00"),
    ("1.2300000", "1.23", "1.23", "#,##0.00"),
    ("1234567.891", "1234567.891", "1,234,567.891", "#,##0.000"),
    ("-0.001", "-0.001", "-0.001", "#,##0.000"),
    ("1E+3", "1000.00", "1,000.00", "#,##0.00"),
    ("1234.567000", "1234.567", "1,234.567", "#,##0.000"),  # as the store keeps it: six decimals
    ("1851.8518365", "1851.8518365", "1,851.8518365", "#,##0.0000000"),  # a query's amount * 1.5: seven
    (HUGE, HUGE, "123,456,789,012,345,678,901,234,567,890.123456789", "#,##0.000000000"),
]


@pytest.mark.parametrize(("value", "plain", "shown", "number_format"), SHOWN)
def test_each_caller_shows_the_same_text(value: str, plain: str, shown: str, number_format: str) -> None:
    amount = Decimal(value)
    assert plain_scalar(amount) == plain
    assert json_bytes({"a": amount}) == f'{{"a":"{plain}"}}'.encode()
    assert figure_text(value) == shown  # a finding's value is stored as str(Decimal): `1E+3` too
    assert amount_format(amount) == number_format
    assert shown_text(amount) == shown
    assert csv_bytes(["金额"], [(amount,)]).decode("utf-8-sig") == f"金额\n{plain}\n"


def test_a_figure_with_a_long_exponent_stays_as_written() -> None:
    """Not a figure: written out it would be a hundred digits; the page shows it as stored."""
    assert figure_text("1E+100") == "1E+100"


def test_a_column_is_as_wide_as_the_text_excel_shows() -> None:
    """The store's 1234.567000 shows as `1,234.567` (9 characters, + 2); measured on its digits it was 14 wide."""
    content = workbook_bytes(["金额"], [(Decimal("1234.567000"),), (Decimal("1.2300000"),)])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.column_dimensions["A"].width == 11
    assert [(c.value, c.number_format) for c in sheet["A"][1:]] == [(1234.567, "#,##0.000"), (1.23, "#,##0.000")]


def test_a_column_s_amounts_share_the_places_the_longest_needs() -> None:
    """万元 divided from 元 has up to six decimals: one column never mixes two, three and four (each digit kept)."""
    rows = [
        ("收入总计", Decimal("17191.5169"), Decimal("3121.42058"), "文字"),
        ("项目支出", Decimal("4427.313"), Decimal("609.31148"), Decimal("1.5")),
        ("三公", Decimal("346.30"), Decimal("0.95"), None),
    ]
    sheet = load_workbook(io.BytesIO(workbook_bytes(["项目", "甲", "乙", "丙"], rows))).active
    formats = {col: {c.number_format for c in sheet[col][1:] if isinstance(c.value, float | int)} for col in "BCD"}
    assert formats == {"B": {"#,##0.0000"}, "C": {"#,##0.00000"}, "D": {"#,##0.00"}}
    assert [c.value for c in sheet["B"][1:]] == [17191.5169, 4427.313, 346.3]
    assert sheet.column_dimensions["C"].width == 13  # `3,121.42058`: 11, + 2
    assert shown_text(Decimal("0.95"), 5) == "0.95000" and shown_text(Decimal("1.234567"), 2) == "1.234567"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_every_callers_text_reads_back_as_the_same_value(value: Decimal) -> None:
    csv_text = csv_bytes(["金额"], [(value,)]).decode("utf-8-sig").splitlines()[1]
    texts = [plain_scalar(value), figure_text(str(value)), shown_text(value), csv_text]
    assert all(Decimal(text.replace(",", "")) == value for text in texts), texts
    assert amount_format(value).count("0") - 1 == len(shown_text(value).partition(".")[2])  # the format shows it all
