"""Rows keyed by where they stand: a fund under `二、上年结转` is the carryover's; class names match exactly.

Issue 9 (N1, N3, N6): the two-sided 财政拨款收支总表 prints the same fund names under
`一、本年收入` and under `二、上年结转`; summary tables print `其他卫生健康支出` (a 款) right
under the class `卫生健康支出`; and every class, 223 and 230–232 included, is printed by name.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.extract.helpers import codes, rows
from yusuan.extract import read_lines, split_text
from yusuan.extract.row_items import match_item
from yusuan.extract.template import RowSpec, load_template
from yusuan.model import Disclosure, Table
from yusuan.model.kinds import FUNCTION_CLASSES, Side, TableKind

JIANGSU = "jiangsu-department-2017"
HEADER = ["收入||支出|", "项目|预算数|项目|预算数"]


def _read(title: str, body: list[str], template: str = JIANGSU) -> tuple[Disclosure, list[str]]:
    text = f"{title}\n\n单位：万元\n\n{rows(*HEADER)}\n{rows(*body)}\n"
    disclosure, problems = read_lines(split_text(text), "test.txt", template)
    return disclosure, codes(problems)


def _income(table: Table) -> list[tuple[str, Decimal | None]]:
    return [(r.key, r.value("amount")) for r in table.rows_on(Side.INCOME)]


@pytest.mark.parametrize(
    ("current", "carryover", "funds"),
    [
        # Jiangsu 公开04表 / Chongqing 表四: bracketed funds under numbered headings
        ("一、本年收入", "二、上年结转", ("（一）一般公共预算拨款", "（二）政府性基金预算拨款")),
        # Zhejiang 表04: the same without brackets
        ("一、财政拨款", "上年结转结余", ("一般公共预算", "政府性基金预算")),
    ],
)
def test_funds_under_the_carryover_heading_are_carryover(current: str, carryover: str, funds: tuple[str, str]) -> None:
    body = [
        f"{current}|120.00|一般公共服务支出|125.00",
        f"{funds[0]}|100.00|教育支出|",
        f"{funds[1]}|20.00||",
        f"{carryover}|5.00||",
        f"{funds[0]}|5.00||",
        f"{funds[1]}|||",
        "收入总计|125.00|支出总计|125.00",
    ]
    disclosure, _ = _read("表4\n\n财政拨款收支预算总表", body)
    (table,) = disclosure.tables
    assert table.kind == TableKind.FISCAL_SUMMARY
    assert _income(table) == [
        ("fiscal.current", Decimal("120.00")),
        ("fiscal.current.general_public_budget", Decimal("100.00")),
        ("fiscal.current.government_fund", Decimal("20.00")),
        ("fiscal.carryover", Decimal("5.00")),
        ("fiscal.carryover.general_public_budget", Decimal("5.00")),
        ("fiscal.carryover.government_fund", None),
        ("total", Decimal("125.00")),
    ]
    assert [r.key for r in table.rows_on(Side.EXPENDITURE)] == ["201", "205", "total"]


def test_a_fund_under_the_carryover_heading_is_carryover_whatever_its_words() -> None:
    # Chongqing prints 本年 funds as `…资金` and carryover funds as `…拨款`; here the carryover fund says
    # `资金`, a label the spec knows only as the current year's fund
    body = [
        "一、本年收入|100.00|一般公共服务支出|102.00",
        "（一）一般公共预算资金|100.00||",
        "二、上年结转|2.00||",
        "（一）一般公共预算资金|2.00||",
        "收入总计|102.00|支出总计|102.00",
    ]
    disclosure, _ = _read("表4\n\n财政拨款收支预算总表", body)
    assert [key for key, _ in _income(disclosure.tables[0])] == [
        "fiscal.current",
        "fiscal.current.general_public_budget",
        "fiscal.carryover",
        "fiscal.carryover.general_public_budget",
        "total",
    ]


def test_other_class_spending_is_not_the_class() -> None:
    # 深圳 表1 prints names only: 其他卫生健康支出 (款 21099) under 卫生健康支出 (类 210)
    specs = load_template(JIANGSU).table(TableKind.FISCAL_SUMMARY).rows["expenditure"]
    index = match_item("其他卫生健康支出", specs, 0)
    assert index is None or specs[index].key != "210"
    assert specs[match_item("三、卫生健康支出", specs, 0) or 0].key == "210"
    assert match_item("其他一般公共服务支出", specs, 0) is None


def test_a_fuzzy_label_still_matches_an_item_but_never_its_other() -> None:
    specs = (RowSpec("income.other", ("其他收入",)), RowSpec("income.business", ("事业单位经营收入",)))
    assert match_item("事业单位经营性收入", specs, 0) == 1  # a misprint of an item is still that item
    assert match_item("其他事业单位经营收入", specs, 0) is None  # similarity 0.89, but another item


def test_class_names_printed_without_codes_are_every_class_in_every_template() -> None:
    # Guangzhou 表4 prints 二十、国有资本经营预算支出 and 二十四、债务还本支出, read by the Jiangsu form
    body = [
        "一、本年收入|1248.00|一、一般公共服务支出|8.00",
        "（一）一般公共预算拨款|1248.00|二十、国有资本经营预算支出|100.00",
        "||二十四、债务还本支出|640.00",
        "||二十五、债务付息支出|500.00",
        "收入总计|1248.00|支出总计|1248.00",
    ]
    disclosure, problems = _read("表4\n\n财政拨款收支预算总表", body)
    table = disclosure.tables[0]
    assert [(r.key, r.value("total")) for r in table.rows_on(Side.EXPENDITURE)] == [
        ("201", Decimal("8.00")),
        ("223", Decimal("100.00")),
        ("231", Decimal("640.00")),
        ("232", Decimal("500.00")),
        ("total", Decimal("1248.00")),
    ]
    assert "row-unknown" not in problems
    for template in ("national", JIANGSU, "shanghai-2023"):
        keys = {r.key for r in load_template(template).table(TableKind.FISCAL_SUMMARY).rows["expenditure"]}
        assert set(FUNCTION_CLASSES) <= keys


def test_subtotal_and_carryforward_lines_of_the_fiscal_summary_are_named() -> None:
    # Zhejiang 表04: 本年收入合计 under the funds, 本年支出合计 / 年终结转结余 on the expenditure side
    body = [
        "一、财政拨款|120.00|一、本年支出合计|120.00",
        "一般公共预算|100.00|一般公共服务支出|120.00",
        "政府性基金预算|20.00||",
        "本年收入合计|120.00||",
        "上年结转结余||二、年终结转结余|",
        "一般公共预算|||",
        "收入总计|120.00|支出总计|120.00",
    ]
    disclosure, problems = _read("表4\n\n财政拨款收支预算总表", body)
    table = disclosure.tables[0]
    assert [key for key, _ in _income(table)] == [
        "fiscal.current",
        "fiscal.current.general_public_budget",
        "fiscal.current.government_fund",
        "income.current",
        "fiscal.carryover",
        "fiscal.carryover.general_public_budget",
        "total",
    ]
    assert [(r.key, r.value("total")) for r in table.rows_on(Side.EXPENDITURE)] == [
        ("expenditure.current", Decimal("120.00")),
        ("201", Decimal("120.00")),
        ("expenditure.carryforward", None),
        ("total", Decimal("120.00")),
    ]
    assert "row-unknown" not in problems


def test_a_fiscal_line_under_the_carryover_heading_of_table_1_is_the_carryover_of_fiscal_money() -> None:
    # 深圳 表1: 一、财政拨款 … 上年结余、结转 / 1.财政拨款结余、结转 / 2.非财政拨款结余、结转
    body = [
        "一、财政拨款|100.00|一般公共服务支出|100.00",
        "1.一般公共预算拨款|100.00||",
        "本年收入合计|100.00|本年支出合计|100.00",
        "上年结余、结转||结转下年|",
        "1.财政拨款结余、结转|||",
        "2.非财政拨款结余、结转|||",
        "收入总计|100.00|支出总计|100.00",
    ]
    disclosure, _ = _read("表1\n\n收支总表", body, template="national")
    table = disclosure.tables[0]
    assert [key for key, _ in _income(table)] == [
        "income.fiscal",
        "income.general_public_budget",
        "income.current",
        "income.carryover",
        "income.carryover.fiscal",
        "income.carryover.nonfiscal",
        "total",
    ]
    assert [r.key for r in table.rows_on(Side.EXPENDITURE)] == [
        "201",
        "expenditure.current",
        "expenditure.carryforward",
        "total",
    ]


def test_chongqing_names_its_income_sources_with_zijin() -> None:
    # 重庆 表一: 一、一般公共预算资金 … 五、事业收入资金 … 九、其他收入资金
    body = [
        "一、一般公共预算资金|100.00|一般公共服务支出|110.00",
        "五、事业收入资金|6.00||",
        "九、其他收入资金|4.00||",
        "收入总计|110.00|支出总计|110.00",
    ]
    disclosure, _ = _read("表一\n\n部门收支总体情况表", body, template="national")
    assert _income(disclosure.tables[0]) == [
        ("income.general_public_budget", Decimal("100.00")),
        ("income.unit_funds.business_income", Decimal("6.00")),
        ("income.unit_funds.other_income", Decimal("4.00")),
        ("total", Decimal("110.00")),
    ]
