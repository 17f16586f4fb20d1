"""A 项 with a last-year figure and no spending this year is explained as a fall to 0 in 五（三）.

Deleting the example's 2013150 事业运行 lines (64.82万元 last year) left that fall unexplained: the 项' changes no
longer added up to those of 基本支出 and 项目支出, and our own check of the built document warned so."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.check import run_checks
from yusuan.compile import compile_budget
from yusuan.errors import InputError
from yusuan.model import Budget, Comparison, Disclosure

GONE = "2013150"
KEY = f"general_public_budget.function.{GONE}"


def _without_lines(budget: Budget, code: str, **last_year: Comparison) -> Budget:
    lines = [line for line in budget.lines if line.function_code != code]
    return budget.model_copy(update={"lines": lines, "last_year": {**budget.last_year, **last_year}})


def _detail(disclosure: Disclosure) -> list[str]:
    section = disclosure.section("general_budget")
    assert section is not None
    [detail] = [s for s in section.subsections if s.key == "detail"]
    return [p.text for p in detail.paragraphs]


def test_a_function_code_dropped_this_year_is_explained_as_a_fall_to_zero(example_budget: Budget) -> None:
    budget = _without_lines(
        example_budget, GONE, **{KEY: Comparison(amount=Decimal("64.82"), reason="事业运行并入行政运行")}
    )
    detail = _detail(compile_budget(budget))
    assert len(detail) == 5
    assert detail[1] == (
        "2. 一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）事业运行（项）：2024年预算数为0.00万元，"
        "比上年预算减少64.82万元，下降100.00%，主要原因是事业运行并入行政运行。"
    )
    assert detail[2].startswith("3. 一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）其他党委办公厅")


def test_the_built_document_checks_clean_with_the_dropped_item(example_budget: Budget) -> None:
    """The check counts the fall to 0 among the 项' changes, though table 5 has no row for it."""
    disclosure = compile_budget(_without_lines(example_budget, GONE))
    report = run_checks(disclosure)
    assert [(f.rule, f.message) for f in report.findings if f.severity.value != "info"] == []


def test_the_check_still_warns_when_the_items_do_not_add_up(example_budget: Budget) -> None:
    wrong = Comparison(amount=Decimal("60.00"), reason="事业运行并入行政运行")
    disclosure = compile_budget(_without_lines(example_budget, GONE, **{KEY: wrong}))
    report = run_checks(disclosure, select=["narrative-change-sum"])
    assert [f.message for f in report.findings] == [
        "一般公共预算各项级科目的增减额之和为 30.12，而一般公共预算基本支出与项目支出的增减额之和为 25.30，"
        "相差 4.82（第三部分五（三））。"
    ]


def test_a_last_year_row_of_zero_for_a_code_not_spent_is_refused(example_budget: Budget) -> None:
    budget = _without_lines(
        example_budget, "2099999", **{"general_public_budget.function.2013102": Comparison(amount=Decimal(0))}
    )
    with pytest.raises(InputError) as raised:
        compile_budget(budget)
    assert (raised.value.place, raised.value.message) == (
        "上年数的一般公共预算支出：功能分类科目 2013102",
        "本年没有该科目的一般公共预算支出，上年数也为 0，没有增减可说明：请核对科目编码或删除该行",
    )
