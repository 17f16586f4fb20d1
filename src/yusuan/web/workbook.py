"""A download as an Excel workbook a person can read: amounts as numbers in `#,##0.00`, columns wide enough.

`yusuan export` writes a query's rows as they are (store/export.py); the web
app's downloads are tables people open in Excel, so here every amount (a
Decimal) keeps its exact value as a number and shows with thousands separators
and its cents — more places only when it has them (`money.places_shown`), and
then every amount of its column shows as many, so that a column never mixes
two, three and four decimals (万元 divided from 元 has up to six) — the
heading row stays on top while the sheet scrolls, and each column is as wide
as its widest cell's text as Excel shows it (within bounds).  Text stays text
(a cell beginning `=` is no formula).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from yusuan.lazy_pattern import lazy_compile
from yusuan.money import exact_text, places_shown

AMOUNT_FORMAT = "#,##0.00"
"""Excel's number format of an amount: thousands separators and two decimals, as the pages show it."""
MIN_WIDTH, MAX_WIDTH = 6, 60
"""A column's width in Excel's character units, at least and at most (a long message wraps past the most)."""
SHEET_NAME_LIMIT = 31
_BAD_SHEET_CHARS = lazy_compile(r"[\[\]:*?/\\]")


def amount_format(value: Decimal, places: int = 2) -> str:
    """`#,##0.00`, or as many places as the amount has past its cents (`#,##0.000`), or `places` if more: no digit
    hidden."""
    places = max(places, places_shown(value))
    return AMOUNT_FORMAT if places == 2 else "#,##0." + "0" * places


def column_places(values: list[Any]) -> int:
    """The decimals a column's amounts are all shown with: as many as the one with most needs (at least two)."""
    return max((places_shown(v) for v in values if isinstance(v, Decimal) and v.is_finite()), default=2)


def shown_text(value: Any, places: int = 2) -> str:
    """The cell's text as Excel shows it (for the column's width): an amount in its `amount_format` — thousands
    separators and `places_shown` decimals (or `places`, its column's): 1234.567000 (as the store keeps it) is
    `1,234.567`, not `1,234.567000`."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and value.is_finite():
        text = exact_text(value, thousands=True)
        whole, _point, fraction = text.partition(".")
        return f"{whole}.{fraction:0<{places}}"
    return str(value)


def workbook_bytes(headings: list[str], rows: list[tuple[Any, ...]], title: str = "数据") -> bytes:
    """`rows` under `headings` on one sheet named `title` (cut to Excel's 31 characters)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from yusuan.render.layout import text_width
    from yusuan.render.text_safety import clean_text
    from yusuan.render.xlsx import as_text

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _BAD_SHEET_CHARS.sub("", title)[:SHEET_NAME_LIMIT] or "数据"
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [text_width(h) for h in headings]
    places = [column_places([row[n] for row in rows if n < len(row)]) for n in range(max(map(len, rows), default=0))]
    for number, row in enumerate(rows, 2):
        sheet.append([clean_text(v) if isinstance(v, str) else v for v in row])
        for column, value in enumerate(row, 1):
            if isinstance(value, Decimal) and value.is_finite():
                sheet.cell(number, column).number_format = amount_format(value, places[column - 1])
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], text_width(shown_text(value, places[column - 1])))
    as_text(sheet)
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
