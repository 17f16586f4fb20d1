"""十二（四） counts a project paid from both fiscal and other money on both sides, each with that money.

A project paid 10.00 from 一般公共预算 and 0.10 from 事业收入 gave “当年非财政拨款项目0个，涉及预算金额0.10万元”: the
count put the project on the fiscal side only while the amount put its other money on the non-fiscal side."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import replace_text
from yusuan.check import run_checks
from yusuan.compile import compile_budget
from yusuan.model import Budget, Disclosure, ExpenditureLine
from yusuan.model.kinds import FundSource, SpendingKind

MIXED = "电子公文科工作经费"  # 20.00 from 一般公共预算 in the example
SUMMARY = (
    "2024年，本单位预算绩效管理整体预算绩效目标1个，涉及金额{total}万元；当年财政拨款项目3个，涉及预算金额180.00万元；"
)


def _performance_text(disclosure: Disclosure) -> str:
    section = disclosure.section("other")
    assert section is not None
    [performance] = [s for s in section.subsections if s.key == "performance"]
    return performance.paragraphs[0].text


def _with_business_income(budget: Budget) -> Budget:
    extra = ExpenditureLine(
        function_code="2013199",
        economic_code="30201",
        source=FundSource.BUSINESS_INCOME,
        kind=SpendingKind.PROJECT,
        project=MIXED,
        amount=Decimal("0.10"),
    )
    return budget.model_copy(update={"lines": [*budget.lines, extra]})


def test_the_example_counts_its_one_non_fiscal_project(example_disclosure: Disclosure) -> None:
    assert _performance_text(example_disclosure) == (
        SUMMARY.format(total="1,566.00")
        + "当年非财政拨款项目1个，涉及预算金额40.00万元。具体情况见下表（按项目分别填报）："
    )


def test_a_project_of_mixed_money_is_counted_on_both_sides(example_budget: Budget) -> None:
    disclosure = compile_budget(_with_business_income(example_budget))
    assert _performance_text(disclosure) == (
        SUMMARY.format(total="1,566.10")
        + "当年非财政拨款项目2个，涉及预算金额40.10万元。具体情况见下表（按项目分别填报）："
    )
    report = run_checks(disclosure, select=["perf-summary"])
    assert report.findings == ()


def test_the_check_accepts_either_consistent_count_and_refuses_a_mixed_one(example_budget: Budget) -> None:
    """Some publications count only the projects without fiscal money: 1 个, 40.00 is consistent too; 1 个 with
    40.10 (the count of one reading, the amount of the other) is not."""
    disclosure = compile_budget(_with_business_income(example_budget))
    stated = "当年非财政拨款项目2个，涉及预算金额40.10万元"
    only = replace_text(disclosure, stated, "当年非财政拨款项目1个，涉及预算金额40.00万元")
    assert run_checks(only, select=["perf-summary"]).findings == ()
    contradictory = replace_text(disclosure, stated, "当年非财政拨款项目1个，涉及预算金额40.10万元")
    assert [f.message for f in run_checks(contradictory, select=["perf-summary"]).findings] == [
        "十二（四）称“非财政拨款项目1个,涉及预算金额40.10万元”，而非财政拨款项目的绩效目标表为 2 个、40.10万元。"
    ]
