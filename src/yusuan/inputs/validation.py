"""Turn a pydantic `ValidationError` into one located, readable message.

Both input readers (YAML and the Excel workbook) validate by building the
`Budget` model; this module picks the first error, finds the exact field it
is about (including fields named by model-level checks through
`LocatedValueError`), and phrases it in Chinese with the field's name.
"""

from __future__ import annotations

from pydantic import ValidationError

from yusuan.model.base import LocatedValueError

Loc = tuple[str | int, ...]

_PYDANTIC_MESSAGES = {
    "missing": "缺少必填项",
    "extra_forbidden": "不认识的字段（拼写错误？）",
    "int_parsing": "应为整数",
    "bool_parsing": "应为 是/否（true/false）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "enum": "取值不在允许范围内",
    "too_short": "至少需要一项",
    "greater_than_equal": "不能为负数",
    "less_than_equal": "超出允许范围",
    "string_too_short": "不能为空",
}


def first_error(exc: ValidationError) -> tuple[Loc, str]:
    """The location and message of the first error, in the user's terms."""
    error = exc.errors()[0]
    loc: Loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        return (*loc, *cause.loc), str(cause)
    if isinstance(cause, ValueError):
        message = str(cause)
    else:
        message = _PYDANTIC_MESSAGES.get(error["type"], error["msg"])
        if error["type"] == "enum":
            expected = (error.get("ctx") or {}).get("expected", "")
            message = f"取值 {error.get('input')!r} 不在允许范围内（可选：{expected}）"
    field = ".".join(str(part) for part in loc if not str(part).startswith(("function-", "literal")))
    return loc, f"{field}: {message}" if field else message
