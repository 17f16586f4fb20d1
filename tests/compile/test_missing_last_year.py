"""A budget whose narrative needs last-year figures that were not given is refused once, naming them all.

An accountant who leaves several comparisons out of the 上年数 sheet learns of every one in one build, not
one per build (a small unit's workbook needed 13 builds in a row to find them one at a time)."""

from __future__ import annotations

import pytest

from yusuan.compile import compile_budget
from yusuan.errors import InputError, InputErrors
from yusuan.model import Budget

GONE = ("income.general_public_budget", "three_public.reception", "running_costs")


def _without(budget: Budget, keys: tuple[str, ...]) -> Budget:
    kept = {key: value for key, value in budget.last_year.items() if key not in keys}
    return budget.model_copy(update={"last_year": kept})


REASON = "说明需要上年数以计算增减变化，但没有填写该项上年数（上年没有的填 0）"


def test_every_missing_last_year_figure_is_named_at_once(example_budget: Budget) -> None:
    assert set(GONE) <= set(example_budget.last_year)
    with pytest.raises(InputErrors) as raised:
        compile_budget(_without(example_budget, GONE))
    assert raised.value.lines() == [
        f"上年数的收入：一般公共预算拨款: {REASON}",
        f"上年数的“三公”经费：公务接待费: {REASON}",
        f"上年数的机关运行经费: {REASON}",
    ]


def test_one_missing_figure_is_named_by_its_place(example_budget: Budget) -> None:
    with pytest.raises(InputError) as raised:
        compile_budget(_without(example_budget, GONE[1:2]))
    assert not isinstance(raised.value, InputErrors)
    assert (raised.value.place, raised.value.message) == ("上年数的“三公”经费：公务接待费", REASON)
