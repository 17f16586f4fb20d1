"""Within- and cross-table rules: hidden parents, sides, units, and the three tiers of 三公 against table 6."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import K, base, code_row, drop_row, drop_table, findings, set_cell, update_table
from yusuan.check.finding import Severity
from yusuan.model import Side
from yusuan.money import MoneyUnit


def test_a_missing_class_row_does_not_hide_a_wrong_total() -> None:
    # without the 301 row its 款 rows stand in for it: 40 + 10 + 20 = 70 = 合计
    d = drop_row(base(), K.GENERAL_BUDGET_BASIC, "301")
    assert findings(d, "total-row-sum") == [] and findings(d, "hierarchy-sum") == []
    [missing] = findings(d, "parent-row-missing")
    assert missing.expected == "301" and "50.00" in missing.message
    wrong = set_cell(d, K.GENERAL_BUDGET_BASIC, "30101", "total", "41.00")
    assert [f.location.row for f in findings(wrong, "total-row-sum")] == ["total"]


def test_no_parent_row_warning_when_the_table_prints_no_rows_at_that_level() -> None:
    d = drop_row(drop_row(base(), K.GENERAL_BUDGET_BASIC, "301"), K.GENERAL_BUDGET_BASIC, "302")
    assert findings(d, "parent-row-missing") == []


def test_projects_sum_into_their_printed_item_row() -> None:
    keys = ["total", *(f"econ:{c}" for c in ("301", "302", "303", "307", "309", "310", "311", "312", "313", "399"))]
    t7 = base().table(K.GENERAL_BUDGET_PROJECTS)
    assert t7 is not None

    def with_item_row(amount: str):  # type: ignore[no-untyped-def]
        item = code_row("2013199", "其他党委办公厅（室）及相关机构事务支出", keys, [amount, None, amount, *[None] * 8])
        return update_table(base(), K.GENERAL_BUDGET_PROJECTS, rows=[*t7.rows[:2], item, *t7.rows[2:]])

    assert findings(with_item_row("30.00"), "hierarchy-sum") == []
    # a 项 row of 31.00 over a 30.00 project, under a 30.00 款: both levels disagree
    rows = {f.location.row for f in findings(with_item_row("31.00"), "hierarchy-sum")}
    assert rows == {"20131", "2013199"}


def test_two_sided_tables_check_their_expenditure_side_only() -> None:
    d = set_cell(base(), K.INCOME_EXPENDITURE_SUMMARY, "201", "amount", "101.00", side=Side.EXPENDITURE)
    [f] = findings(d, "total-row-sum")
    assert f.location.table == "1" and f.expected == Decimal("111.00") and f.actual == Decimal("110.00")


def test_table_1_against_table_2_by_class_only_when_table_3_is_missing() -> None:
    broken = set_cell(base(), K.INCOME_SUMMARY, "208", "total", "11.00")
    assert findings(broken, "summary-vs-income-by-class") == []  # 表3 is there: income-vs-expenditure-by-class says it
    assert findings(broken, "income-vs-expenditure-by-class")
    assert findings(drop_table(broken, K.EXPENDITURE_SUMMARY), "summary-vs-income-by-class")


def test_tables_in_different_units_agree_after_rounding_to_the_coarser_unit() -> None:
    d = update_table(base(), K.GENERAL_BUDGET_BASIC, unit=MoneyUnit.YUAN)
    for row, values in {"total": ("700049.00", "500049.00", "200000.00")}.items():
        for column, value in zip(("total", "personnel", "public"), values, strict=True):
            d = set_cell(d, K.GENERAL_BUDGET_BASIC, row, column, value)
    # 700,049 元 = 70.0049 万元 → 70.00 万元 as printed in 表5: the same amount
    assert findings(d, "general-vs-basic-total") == []
    d = set_cell(d, K.GENERAL_BUDGET_BASIC, "total", "total", "700050.00")  # 70.005 → 70.01 万元
    [f] = findings(d, "general-vs-basic-total")
    assert "以元为单位" in f.message


def test_three_public_below_basic_spending_is_an_error() -> None:
    d = set_cell(base(), K.THREE_PUBLIC, "vehicle_operation", "general_public_budget", "7.00")
    [f] = findings(d, "three-public-vs-basic-economic")
    assert f.severity is Severity.ERROR and f.expected == Decimal("8.00")


def test_three_public_above_basic_spending_is_an_info_when_projects_can_hold_the_rest() -> None:
    d = set_cell(base(), K.THREE_PUBLIC, "reception", "general_public_budget", "5.00")  # 30217 not in 表6
    [f] = findings(d, "three-public-vs-basic-economic")
    assert f.severity is Severity.INFO and "可容纳" in f.message


def test_three_public_above_basic_spending_is_a_warning_when_projects_cannot_hold_it() -> None:
    d = set_cell(base(), K.THREE_PUBLIC, "reception", "general_public_budget", "35.00")  # 表7 302: 30.00
    [f] = findings(d, "three-public-vs-basic-economic")
    assert f.severity is Severity.WARNING and "不足以容纳" in f.message


def test_three_public_above_basic_spending_without_table_7_is_an_info() -> None:
    d = drop_table(
        set_cell(base(), K.THREE_PUBLIC, "reception", "general_public_budget", "5.00"), K.GENERAL_BUDGET_PROJECTS
    )
    [f] = findings(d, "three-public-vs-basic-economic")
    assert f.severity is Severity.INFO and "没有一般公共预算项目支出表" in f.message


def test_this_years_income_sums_the_unit_fund_items_where_no_unit_funds_line_is_printed() -> None:
    # Jiangsu 公开01表: 一、一般公共预算拨款收入 … 五、事业收入 … 九、其他收入 144.00, then 本年收入合计
    d = drop_row(base(), K.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds")
    assert findings(d, "summary-income-current") == []  # 110.00 = 100.00 + 其他收入 10.00
    d = set_cell(d, K.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds.other_income", "amount", "9.00", side=Side.INCOME)
    (finding,) = findings(d, "summary-income-current")
    assert (finding.location.row, finding.expected, finding.actual) == (
        "income.current",
        Decimal("109.00"),
        Decimal("110.00"),
    )
