"""A field's place in words: every model field has a Chinese label, and no key path reaches a person."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from yusuan.inputs.places import LABELS, describe, describe_key_path
from yusuan.inputs.suggest import _inner_model, _is_model
from yusuan.model import Budget


def _fields(model: type[BaseModel], seen: set[Any]) -> list[tuple[str, str]]:
    if model in seen:
        return []
    seen.add(model)
    found = []
    for name, field in model.model_fields.items():
        found.append((model.__name__, name))
        inner = _inner_model(field.annotation)
        if _is_model(inner):
            found.extend(_fields(inner, seen))
    return found


def test_every_field_of_the_budget_model_has_a_label() -> None:
    missing = [field for field in _fields(Budget, set()) if field not in LABELS]
    assert missing == []


@pytest.mark.parametrize(
    ("loc", "words"),
    [
        (("lines", 0, "amount"), "支出明细第1项的金额"),
        (("year",), "预算年度"),
        (("unit", "staffing", "in_service"), "单位信息的人员编制的在职人数"),
        (("projects", 1, "performance", "indicators", 2, "weight"), "项目第2项的项目绩效的绩效指标第3项的权重"),
        (("three_public", "general_public_budget", "reception"), "“三公”经费的一般公共预算的公务接待费"),
        (("last_year", "three_public.reception", "amount"), "上年数的“三公”经费：公务接待费的上年数"),
        (("last_year", "general_public_budget.function.2013101"), "上年数的一般公共预算支出：功能分类科目 2013101"),
        (("function_names", "2013101"), "功能分类科目名称的“2013101”"),
        (("unit", "名称"), "单位信息的“名称”"),  # a key the author wrote, quoted
        (("lines", 3, "function-after[check(), str]", "amount"), "支出明细第4项的金额"),  # pydantic's steps skipped
        (("assets", "vehicles", 0, "count"), "国有资产的车辆第1项的数量（辆）"),
        (("function_names", "12", "[key]"), "功能分类科目名称的“12”"),  # an invalid key: pydantic's [key] step skipped
    ],
)
def test_describe(loc: tuple[str | int, ...], words: str) -> None:
    assert describe(loc) == words


def test_a_compiler_key_path() -> None:
    assert describe_key_path("last_year.running_costs") == "上年数的机关运行经费"
    assert describe_key_path("function_names") == "功能分类科目名称"
