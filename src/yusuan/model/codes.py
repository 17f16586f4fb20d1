"""Classification codes (政府收支分类科目): their shape and their hierarchy.

A function code is 3 digits (类), 5 (款) or 7 (项); an economic code is 3
digits (类) or 5 (款).  This module validates the shape and walks the
hierarchy; whether a code exists and what it is called is the catalogue's
business (`yusuan.catalog`).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

from yusuan.lazy_pattern import lazy_compile

_FUNCTION = lazy_compile(r"^\d{3}(\d{2}){0,2}$")
_ECONOMIC = lazy_compile(r"^\d{3}(\d{2})?$")


def normalise_code(text: object) -> str:
    """Drop spaces and separators people type inside codes: `201 31 01` → `2013101`."""
    return re.sub(r"[\s.\-·]", "", str(text))


def check_function_code(code: str, *, leaf: bool = False) -> str:
    code = normalise_code(code)
    if not _FUNCTION.match(code):
        raise ValueError(f"支出功能分类科目编码应为3、5或7位数字，而不是 {code!r}")
    if leaf and len(code) != 7:
        raise ValueError(f"支出功能分类科目编码须到项级（7位数字），而不是 {code!r}")
    return code


def check_economic_code(code: str, *, leaf: bool = False) -> str:
    code = normalise_code(code)
    if not _ECONOMIC.match(code):
        raise ValueError(f"部门预算支出经济分类科目编码应为3或5位数字，而不是 {code!r}")
    if leaf and len(code) != 5:
        raise ValueError(f"部门预算支出经济分类科目编码须到款级（5位数字），而不是 {code!r}")
    return code


def _function_leaf(value: str) -> str:
    return check_function_code(value, leaf=True)


def _economic_leaf(value: str) -> str:
    return check_economic_code(value, leaf=True)


FunctionCode = Annotated[str, AfterValidator(_function_leaf)]
"""A 7-digit 项-level function code, as budget lines carry."""

EconomicCode = Annotated[str, AfterValidator(_economic_leaf)]
"""A 5-digit 款-level economic code, as budget lines carry."""

AnyFunctionCode = Annotated[str, AfterValidator(check_function_code)]
"""A function code of any level (类, 款 or 项), e.g. a key of the names a budget gives its codes."""

AnyEconomicCode = Annotated[str, AfterValidator(check_economic_code)]
"""An economic code of any level (类 or 款)."""


def function_level(code: str) -> int:
    """1 for 类, 2 for 款, 3 for 项."""
    return {3: 1, 5: 2, 7: 3}[len(code)]


def function_ancestors(code: str) -> list[str]:
    """The code and its parents, top first: `2013101` → [`201`, `20131`, `2013101`]."""
    return [code[:n] for n in (3, 5, 7) if n <= len(code)]


def economic_ancestors(code: str) -> list[str]:
    return [code[:n] for n in (3, 5) if n <= len(code)]


def split_code(code: str) -> tuple[str, str, str]:
    """类, 款, 项 parts for the three code columns of a table."""
    return code[:3], code[3:5], code[5:7]
