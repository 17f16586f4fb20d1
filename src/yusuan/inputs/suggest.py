"""Suggestions ("did you mean …?") for a key the budget model does not know.

A misspelt English key (`administrativ`) is matched against the fields of
the model it was written in; a Chinese key (`单位名称`, `年度`, `金额`) is
matched against a table of the words accountants use for each field and
against the fields' Chinese descriptions.  The answer is a key path as it
is written in budget.yaml (`unit.name`), never a guess beyond that.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]

CHINESE_KEYS = {
    "单位名称": "unit.name",
    "单位": "unit",
    "名称": "name",
    "年度": "year",
    "年份": "year",
    "预算年度": "year",
    "类型": "kind",
    "文件类型": "kind",
    "金额单位": "money_unit",
    "单位名": "unit.name",
    "发布日期": "published",
    "落款日期": "published",
    "主要职能": "unit.duties",
    "职能": "unit.duties",
    "内设机构": "unit.divisions",
    "内设科室": "unit.divisions",
    "下属单位": "unit.subordinate_units",
    "人员": "unit.staffing",
    "编制": "unit.staffing.authorised",
    "支出": "lines",
    "支出明细": "lines",
    "功能分类": "function_code",
    "功能科目": "function_code",
    "经济分类": "economic_code",
    "经济科目": "economic_code",
    "资金来源": "source",
    "金额": "amount",
    "项目": "projects",
    "项目名称": "name",
    "上年": "last_year",
    "上年数": "last_year",
    "三公经费": "three_public",
    "政府采购": "procurement",
    "资产": "assets",
    "国有资产": "assets",
    "绩效": "performance",
    "绩效目标": "performance",
}


def did_you_mean(model: type[BaseModel], loc: Loc) -> str | None:
    """The key the author probably meant by the unknown key at `loc`, as a dotted path; None if unsure."""
    if not loc:
        return None
    key = str(loc[-1])
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return None
    prefix = ".".join(str(part) for part in loc[:-1] if not isinstance(part, int))
    fields = list(parent.model_fields)
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return f"{prefix}.{close[0]}" if prefix else close[0]
    alias = CHINESE_KEYS.get(key.strip())
    if alias is not None and prefix and alias.startswith(prefix + "."):
        alias = alias[len(prefix) + 1 :]  # 单位名称 written inside unit: is unit.name, not unit.unit.name
    if alias is not None:
        first = alias.split(".")[0]
        if first in fields:
            return f"{prefix}.{alias}" if prefix else alias
        return alias if parent is model else None
    for name, description in _descriptions(parent):
        if key and description.split("（")[0].split(":")[0].strip() == key:
            return f"{prefix}.{name}" if prefix else name
    return None


def _descriptions(model: type[BaseModel]) -> Iterator[tuple[str, str]]:
    for name, field in model.model_fields.items():
        if field.description:
            yield name, field.description


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields are written at `loc` (list indexes and dict keys step inside)."""
    current: Any = model
    for part in loc:
        current = _inner_model(current) if isinstance(part, int) or not _is_model(current) else current
        if _is_model(current) and isinstance(part, str) and part in current.model_fields:
            current = current.model_fields[part].annotation
            continue
        if isinstance(part, int) or (isinstance(part, str) and _is_mapping(current)):
            current = _inner_model(current)
            continue
        return None
    current = _inner_model(current) if not _is_model(current) else current
    return current if _is_model(current) else None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _is_mapping(annotation: Any) -> bool:
    return typing.get_origin(annotation) is dict


def _inner_model(annotation: Any) -> Any:
    """The model inside `X | None`, `list[X]` or `dict[K, X]`, else the annotation itself."""
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if _is_model(_inner_model(arg)):
                return _inner_model(arg)
    if origin in (list, tuple) and args:
        return _inner_model(args[0])
    if origin is dict and len(args) == 2:
        return _inner_model(args[1])
    return annotation
