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
    "string_too_long": "文字过长",
    "list_type": "应为一个列表（每项以“- ”开头）",
    "dict_type": "应为一组“键: 值”",
    "model_type": "应为一组“键: 值”",
    "model_attributes_type": "应为一组“键: 值”",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "bool_type": "应为 是/否（true/false）",
    "decimal_parsing": "不是数值",
    "decimal_type": "不是数值",
    "date_type": "应为日期（YYYY-MM-DD）",
    "greater_than": "须大于允许的下限",
    "less_than": "超出允许范围",
    "too_long": "项数过多",
    "value_error": "取值无效",
    "assertion_error": "取值无效",
    "missing_argument": "缺少必填项",
    "union_tag_invalid": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
}


def first_error(exc: ValidationError) -> tuple[Loc, str]:
    """The location and message of the first error, in the user's terms."""
    errors = exc.errors()
    error = errors[0]
    if error["type"] == "missing":  # `名称: x` for `name: x` is one mistake: name the key that was written
        parent = tuple(error["loc"][:-1])
        error = next((e for e in errors if e["type"] == "extra_forbidden" and tuple(e["loc"][:-1]) == parent), error)
    loc: Loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        return (*loc, *cause.loc), str(cause)
    if isinstance(cause, ValueError):
        message = str(cause)
    else:
        message = _PYDANTIC_MESSAGES.get(error["type"], "取值无效")  # never pydantic's English text
        if error["type"] == "enum":
            expected = (error.get("ctx") or {}).get("expected", "")
            message = f"取值 {error.get('input')!r} 不在允许范围内（可选：{expected}）"
    if error["type"] == "extra_forbidden":
        from yusuan.inputs.suggest import did_you_mean
        from yusuan.model import Budget

        meant = did_you_mean(Budget, tuple(p for p in loc if not str(p).startswith(("function-", "literal"))))
        message = f"不认识的字段“{loc[-1]}”" + (f"，是不是要写 {meant}？" if meant else "（拼写错误？）")
    field = ".".join(str(part) for part in loc if not str(part).startswith(("function-", "literal")))
    return loc, f"{field}: {message}" if field else message
