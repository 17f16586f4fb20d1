"""A key the budget model does not know gets the key path the author meant, or no guess."""

from __future__ import annotations

import pytest

from yusuan.inputs.suggest import did_you_mean
from yusuan.model import Budget


@pytest.mark.parametrize(
    ("loc", "meant"),
    [
        (("单位名称",), "unit.name"),  # Chinese word at the top
        (("unit", "单位名称"), "unit.name"),  # the same word written inside `unit`
        (("unit", "主要职能"), "unit.duties"),
        (("年度",), "year"),
        (("yaer",), "year"),  # a misspelt English key
    ],
)
def test_a_known_word_or_a_near_spelling_is_suggested(loc: tuple[str, ...], meant: str) -> None:
    assert did_you_mean(Budget, loc) == meant


def test_no_guess_for_a_word_nobody_uses() -> None:
    assert did_you_mean(Budget, ("毫无关系的字段",)) is None
