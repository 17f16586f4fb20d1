"""The one definition of the workbook's sheets agrees with the model it feeds."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from yusuan.inputs.workbook_layout import (
    CHOICES,
    COMPARISON_LABELS,
    DYNAMIC_CHOICES,
    FUNCTION_COMPARISON,
    FUNCTION_COMPARISON_PREFIX,
    SHEETS,
    Shape,
    bare_header,
    comparison_keys,
)
from yusuan.model import Budget
from yusuan.model.budget import COMPARISON_KEYS

_KEY = re.compile("^(" + "|".join(COMPARISON_KEYS) + ")$")


def _model_of(annotation: object) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _is_model_path(dotted: str) -> bool:
    model: type[BaseModel] | None = Budget
    for part in dotted.split("."):
        if model is None or part not in model.model_fields:
            return False
        model = _model_of(model.model_fields[part].annotation)
    return True


def test_every_comparison_key_is_offered_with_a_chinese_label() -> None:
    keys = comparison_keys()
    assert len(keys) == len(set(keys)) == 19
    for key in keys:
        assert key in COMPARISON_LABELS
        concrete = FUNCTION_COMPARISON_PREFIX + "2013101" if key == FUNCTION_COMPARISON else key
        assert _KEY.match(concrete), key
    assert set(COMPARISON_LABELS) == set(keys)


def test_form_and_list_fields_are_budget_fields() -> None:
    for sheet in SHEETS:
        for block in sheet.blocks:
            if block.shape is not Shape.RECORDS:
                for field in block.fields:
                    assert _is_model_path(field.key), f"{sheet.name}: {field.key}"


def test_headers_are_unique_within_a_sheet_and_choices_exist() -> None:
    names = [sheet.name for sheet in SHEETS]
    assert len(names) == len(set(names))
    for sheet in SHEETS:
        headers = [bare_header(field.header) for block in sheet.blocks for field in block.fields]
        assert len(headers) == len(set(headers)), sheet.name
        for block in sheet.blocks:
            for field in block.fields:
                assert field.choices is None or field.choices in CHOICES or field.choices in DYNAMIC_CHOICES


def test_choice_labels_are_unique() -> None:
    for name, options in CHOICES.items():
        labels = [label for label, _ in options]
        assert len(labels) == len(set(labels)), name
