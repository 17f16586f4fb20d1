"""Turn a pydantic `ValidationError` into one located, readable message.

Both input readers (YAML and the Excel workbook) validate by building the
`Budget` model; this module turns each error into a `Problem`: the exact
field it is about (including fields named by model-level checks through
`LocatedValueError`) and a Chinese message; `Problem.text` leads it with
the field's place in words (`yusuan.inputs.places`), never a key path.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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


class Problem(NamedTuple):
    """One validation error: where (the model's key path), why (Chinese), and whether a model-level check found it."""

    loc: Loc
    message: str  # without the place
    cross_field: bool  # from a check across fields (e.g. a project with no lines), not a field's own value

    @property
    def text(self) -> str:
        """The message led by the field's place in words (`支出明细第1项的金额：缺少必填项`)."""
        from yusuan.inputs.places import describe

        where = describe(self.loc)
        return f"{where}：{self.message}" if where else self.message


def problems_of(exc: ValidationError) -> list[Problem]:
    """Every error of a validation, in pydantic's order (the order of the fields), one per place."""
    errors = exc.errors()
    suggested = _suggested_fields(errors)
    found: list[Problem] = []
    seen: set[Loc] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and (loc[:-1], str(loc[-1])) in suggested:
            continue  # `名称: x` for `name: x` is one mistake: the unknown key names it
        problem = _problem(error)
        if problem.loc not in seen:
            seen.add(problem.loc)
            found.append(problem)
    return found


def first_error(exc: ValidationError) -> tuple[Loc, str]:
    """The location and message (led by the place in words) of the first error."""
    problem = problems_of(exc)[0]
    return problem.loc, problem.text


def _suggested_fields(errors: list[Any]) -> set[tuple[Loc, str]]:
    """(parent, field) of each missing field that an unknown key beside it was probably meant to be."""
    from yusuan.inputs.suggest import did_you_mean
    from yusuan.model import Budget

    found: set[tuple[Loc, str]] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = tuple(error["loc"])
        meant = did_you_mean(Budget, _fields_only(loc))
        if meant:
            found.add((loc[:-1], meant.split(".")[-1]))
    return found


def _fields_only(loc: Loc) -> Loc:
    return tuple(p for p in loc if not str(p).startswith(("function-", "literal")))


def _problem(error: Any) -> Problem:
    loc: Loc = tuple(error["loc"])
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, LocatedValueError):
        return Problem(_fields_only((*loc, *cause.loc)), str(cause), cross_field=True)
    if isinstance(cause, ValueError):
        message = str(cause)
    else:
        message = _PYDANTIC_MESSAGES.get(error["type"], "取值无效")  # never pydantic's English text
        if error["type"] == "enum":
            expected = _choices((error.get("ctx") or {}).get("expected", ""))
            message = f"取值“{error.get('input')}”不在允许范围内（可选：{expected}）"
    if error["type"] == "extra_forbidden":
        from yusuan.inputs.suggest import did_you_mean
        from yusuan.model import Budget

        meant = did_you_mean(Budget, _fields_only(loc))
        message = "不认识的字段" + (f"，是不是要写 {meant}？" if meant else "（拼写错误？）")
    cross_field = error["type"] in ("value_error", "assertion_error") and not _fields_only(loc)
    return Problem(_fields_only(loc), message, cross_field)


def _choices(expected: str) -> str:
    """pydantic's list of an enum's values (`'元' or '万元'`) as a person reads it: `元、万元`, a key with its
    Chinese name (`general_public_budget（一般公共预算）`)."""
    from yusuan.model.kinds import FUND_SOURCE_LABELS, FUND_TYPE_LABELS

    names = {str(k.value): v for k, v in (*FUND_SOURCE_LABELS.items(), *FUND_TYPE_LABELS.items())}
    values = re.findall(r"'([^']*)'", expected)
    return "、".join(f"{v}（{names[v]}）" if v in names and names[v] != v else v for v in values) or expected
