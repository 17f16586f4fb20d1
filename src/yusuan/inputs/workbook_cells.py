"""Cell values of the fill-in workbook as model input: amounts, numbers, flags, dates, codes, choices.

Split from `workbook_input` (which finds the cells and reports problems at
them): each function here takes one raw cell value as openpyxl hands it over
and returns model input, or raises ValueError with a Chinese message.  See
`workbook_input` for why a float cell is read through its shortest text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.utils.datetime import from_excel

from yusuan.inputs.workbook_layout import CHOICES, NO, YES, Field
from yusuan.lazy_pattern import lazy_compile
from yusuan.model.budget import COMPARISON_KEYS
from yusuan.model.codes import normalise_code
from yusuan.money import AmountError, AmountTooLarge, bounded, parse_amount

_COMPARISON_KEY = lazy_compile("^(" + "|".join(COMPARISON_KEYS) + ")$")
_TRUE = {YES, "true", "是的", "y", "yes", "1", "√"}
_FALSE = {NO, "false", "n", "no", "0", "×"}
_DATE_TEXT = lazy_compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
MAX_NUMBER_DECIMALS = 4
_CODE_WITH_NAME = lazy_compile(r"^\s*(\d[\d\s.\-·]*?)\s*[^\x00-\x7f·].*$")  # digits, then a Chinese name


def shown(raw: Any) -> str:
    """A cell's value as the accountant typed or saw it, for a message (never Python's `repr`)."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, datetime):
        return f"日期 {raw.date().isoformat()}" if raw.time() == datetime.min.time() else f"时间 {raw:%Y-%m-%d %H:%M}"
    if isinstance(raw, date):
        return f"日期 {raw.isoformat()}"
    if isinstance(raw, str):
        return f"'{raw}'"
    return str(raw)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def as_exact(raw: Any, decimals: int, what: str) -> Decimal:
    """An exact Decimal from a cell: a float through its shortest text, never through arithmetic."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise ValueError(f"不是{what}：{shown(raw)}")
    if isinstance(raw, float | int):
        value = Decimal(str(raw))
    else:
        try:
            value = parse_amount(raw)
        except AmountTooLarge as exc:
            raise ValueError(str(exc)) from None
        except AmountError:
            raise ValueError(f"不是{what}：{shown(raw)}") from None
    if not value.is_finite():
        raise ValueError(f"不是{what}：{shown(raw)}")
    try:
        value = bounded(value, str(raw))
    except AmountTooLarge as exc:
        raise ValueError(str(exc)) from None
    if value.as_tuple().exponent < -decimals:  # type: ignore[operator]
        hint = "（公式结果请先用 ROUND(…,2) 取整到分）" if decimals == 2 else ""
        raise ValueError(f"{what}最多{'两' if decimals == 2 else decimals}位小数：{raw}{hint}")
    return value


def as_integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"应为整数：{shown(raw)}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+", raw):
        return int(raw)
    raise ValueError(f"应为整数：{shown(raw)}")


def as_flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"应填“{YES}”或“{NO}”，而不是 {shown(raw)}")


def as_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        try:
            serial = from_excel(raw)
        except OverflowError:  # a day number no calendar holds (3000000): said below like any other non-date
            serial = None
        if isinstance(serial, datetime):
            return serial.date()
    if isinstance(raw, str):
        match = _DATE_TEXT.match(raw)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
    raise ValueError(f"应为日期（如 2024-02-25），而不是 {shown(raw)}")


def as_code(raw: Any) -> str:
    """The code of a code cell; a name after it (`2013101 行政运行`, as the drop-downs offer) is dropped."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    named = _CODE_WITH_NAME.match(text)
    return normalise_code(named[1] if named else text)


def as_choice(field: Field, raw: Any) -> str:
    text = as_text(raw)
    options = CHOICES[field.choices or ""]
    for label, value in options:
        if text in (label, value):
            return value
    if field.choices == "comparison" and _COMPARISON_KEY.match(text):
        return text
    labels = "、".join(label for label, _ in options[:6]) + ("等，见“填写说明”" if len(options) > 6 else "")
    raise ValueError(f"“{text}”不是可选的{field.header}（可选：{labels}）")


def as_text(raw: Any) -> str:
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()
