"""Part 3 figures grounded in the tables only some templates print (Jiangsu, Shanghai).

Jiangsu states the totals of its 财政拨款支出, 财政拨款基本支出, 机关运行经费 and
政府采购 tables, each 项 of 财政拨款支出, and 会议费 / 培训费 next to the 三公;
Shanghai states the 机关运行经费 row of its 三公 table.  Both overviews name the lines of
表1 as printed (Jiangsu's `其他资金收入预算总计`, Shanghai's `事业收入`), Shanghai's lists the 财政拨款
项 in three spellings, and Jiangsu's 人员经费 / 公用经费 are sums of economic classes.  Read from real
documents, the printed figures agree (but for the published defects listed); a table figure changed by
1 (the narrative may print whole 万元) makes `narrative-amount` report the sentence, with the changed
cell as related place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.factory import base, replace_text, set_cell
from tests.conftest import FIXTURES
from yusuan.check import run_checks
from yusuan.check.finding import Finding
from yusuan.extract import read_documents
from yusuan.model import Disclosure, Side, TableKind
from yusuan.money import MoneyUnit

K = TableKind
CASES = [
    ("js-jcy-2017.pdf", K.FISCAL_EXPENDITURE, "total", "fiscal_expenditure"),
    ("js-jcy-2017.pdf", K.FISCAL_EXPENDITURE, "2040401", "fiscal_expenditure"),
    ("js-jcy-2017.pdf", K.FISCAL_BASIC, "total", "fiscal_basic"),
    ("js-jcy-2017.pdf", K.RUNNING_COSTS, "total", "running_costs"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "meeting", "three_public"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "training", "three_public"),
    ("js-jcy-2017.pdf", K.THREE_PUBLIC, "abroad", "three_public"),
    ("js-jcy-2017.pdf", K.PROCUREMENT, "total", "procurement"),
    ("js-jcy-2017.pdf", K.PROCUREMENT, "货物 A", "procurement"),
    ("sh-commerce-unit-2025.pdf", K.THREE_PUBLIC, "running_costs", "running_costs"),
]
_READ: dict[str, Disclosure] = {}


def _document(name: str) -> Disclosure:
    if name not in _READ:
        _READ[name] = read_documents([FIXTURES / "corpus" / name])[0]
    return _READ[name]


# the published defects these documents carry (docs/precision.md): every other sentence agrees with its table
PUBLISHED: dict[str, list[str]] = {
    # p? 一: `此外，基本支出预算数为 12323.46 万元` while 表一 and 表三 print 12,323.48 (and 二 says 12323.48)
    "js-jcy-2017.pdf": ["第三部分一称“基本支出预算数为”为 12,323.46万元，而表一“一、基本支出”为 12,323.48万元。"],
}


def _amount_findings(document: Disclosure) -> list[Finding]:
    return list(run_checks(document, select=["narrative-amount"]).findings)


def _published(name: str) -> list[Finding]:
    found = _amount_findings(_document(name))
    assert [f.message.split("（")[0] for f in found] == PUBLISHED.get(name, [])
    return found


@pytest.mark.parametrize(("name", "kind", "row_key", "section"), CASES)
def test_a_changed_table_figure_is_reported_in_its_sentence(
    name: str, kind: TableKind, row_key: str, section: str
) -> None:
    document = _document(name)
    published = _published(name)
    table = document.table(kind)
    assert table is not None
    row = table.row(row_key)
    assert row is not None
    column = next(iter(row.cells))
    value = row.amount(column)
    changed = set_cell(document, kind, row_key, column, str(value + 1))
    findings = [f for f in _amount_findings(changed) if f not in published]
    assert findings  # each sentence stating the figure (三公 items are stated twice)
    for finding in findings:
        assert finding.location.section == section
        assert [(r.table, r.row) for r in finding.related] == [(table.number, row_key)]


def test_jiangsu_procurement_parts_add_up_to_its_total() -> None:
    document = _document("js-jcy-2017.pdf")  # 总金额 2889.8 = 货物 334 + 工程 0 + 服务 2555.8
    assert not run_checks(document, select=["procurement-total"]).findings
    broken = replace_text(document, "拟购买服务2555.8 万元", "拟购买服务2565.8 万元")
    [finding] = run_checks(broken, select=["procurement-total"]).findings
    assert finding.location.section == "procurement"
    assert finding.message.startswith("第三部分十二政府采购预算写作 2,889.80万元，")
    assert "货物、工程、服务之和为 2,899.80万元" in finding.message


def test_shanghai_assets_and_procurement_sections_are_checked_in_their_own_numbering() -> None:
    """Shanghai prints 国有资产 and 政府采购 as sections of their own, in chapters without 第X部分."""
    document = _document("sh-wanli-2025.pdf")  # 车辆8辆，其中 … 其他用车8辆; 采购 4821.20 = 57.43 + 3780.72 + 983.05
    assert not run_checks(document, select=["vehicles-sum", "procurement-total"]).findings
    vehicles = replace_text(document, "其他用车8辆", "其他用车7辆")
    [finding] = run_checks(vehicles, select=["vehicles-sum"]).findings
    assert finding.message == "说明五车辆共 8 辆，而各类车辆合计 7 辆。"
    bought = replace_text(document, "政府采购服务预算983.05万元", "政府采购服务预算993.05万元")
    [finding] = run_checks(bought, select=["procurement-total"]).findings
    assert finding.location.section == "procurement"
    assert finding.message.startswith("说明三政府采购预算写作 4,821.20万元")


S = Side
# (fixture, table kind, row, column, side, section): a figure of the tables that the overview, the 财政拨款 and
# 基本支出 sections or the 三公 explanation state, grounded through the document's own tables
GROUNDED = [
    # Jiangsu's overview names the lines of 表一 as printed (`财政拨款收入预算总计` is `一、财政拨款`)
    ("js-jcy-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "income.fiscal", "amount", S.INCOME, "overview"),
    ("js-jcy-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds", "amount", S.INCOME, "overview"),
    ("js-jcy-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "204", "amount", S.EXPENDITURE, "overview"),
    ("js-jcy-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "expenditure.project", "amount", S.EXPENDITURE, "overview"),
    ("js-jcy-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "expenditure.reserve", "amount", S.EXPENDITURE, "overview"),
    ("js-rd-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "201", "amount", S.EXPENDITURE, "overview"),
    ("js-rd-2017.pdf", K.INCOME_EXPENDITURE_SUMMARY, "expenditure.basic", "amount", S.EXPENDITURE, "overview"),
    # `省检察院 2017 年度财政拨款收、支总预算`: the unit's short name and 收、支 wording
    ("js-jcy-2017.pdf", K.FISCAL_SUMMARY, "total", "amount", S.INCOME, "fiscal"),
    ("js-jcy-2017.pdf", K.GENERAL_BUDGET_EXPENDITURE, "total", "total", None, "general_budget"),
    ("js-jcy-2017.pdf", K.GENERAL_BUDGET_BASIC, "total", "total", None, "general_budget_basic"),
    ("js-jcy-2017.pdf", K.GOVERNMENT_FUND_EXPENDITURE, "total", "total", None, "government_fund"),
    # 人员经费 = 工资福利支出 + 对个人和家庭的补助, 公用经费 = 商品和服务支出 where the table prints no such columns
    ("js-jcy-2017.pdf", K.GENERAL_BUDGET_BASIC, "301", "total", None, "general_budget_basic"),
    ("js-jcy-2017.pdf", K.GENERAL_BUDGET_BASIC, "302", "total", None, "general_budget_basic"),
    ("js-rd-2017.pdf", K.FISCAL_BASIC, "301", "total", None, "fiscal_basic"),
    ("js-rd-2017.pdf", K.FISCAL_BASIC, "302", "total", None, "fiscal_basic"),
    # Shanghai's 编制说明: 表1 lines, 表4 spending by fund, and the 财政拨款 项 it lists (three spellings)
    ("sh-wanli-2025.pdf", K.INCOME_EXPENDITURE_SUMMARY, "income.fiscal", "amount", S.INCOME, "overview"),
    ("sh-wanli-2025.pdf", K.FISCAL_SUMMARY, "total", "total", S.EXPENDITURE, "overview"),
    ("sh-wanli-2025.pdf", K.FISCAL_SUMMARY, "total", "general_public_budget", S.EXPENDITURE, "overview"),
    ("sh-wanli-2025.pdf", K.GENERAL_BUDGET_EXPENDITURE, "2120104", "total", None, "overview"),
    ("sh-commerce-unit-2025.pdf", K.GENERAL_BUDGET_EXPENDITURE, "2011301", "total", None, "overview"),
    ("sh-gov-office-unit-2025.pdf", K.GENERAL_BUDGET_EXPENDITURE, "2010301", "total", None, "overview"),
    ("sh-finance-unit-2025.pdf", K.FISCAL_SUMMARY, "201", "total", S.EXPENDITURE, "overview"),
    # `“三公”经费预算数为37.91万元`, `公务车用车运行费`
    ("sh-wanli-2025.pdf", K.THREE_PUBLIC, "total", "total", None, "three_public"),
    ("sh-wanli-2025.pdf", K.THREE_PUBLIC, "vehicle_operation", "total", None, "three_public"),
]


@pytest.mark.parametrize(("name", "kind", "row_key", "column", "side", "section"), GROUNDED)
def test_a_changed_figure_is_reported_where_the_narrative_states_it(
    name: str, kind: TableKind, row_key: str, column: str, side: Side | None, section: str
) -> None:
    document = _document(name)
    published = _published(name)
    table = document.table(kind)
    assert table is not None
    row = table.row(row_key, side) if side else table.row(row_key)
    assert row is not None
    step = 10_000 if table.unit is MoneyUnit.YUAN else 1  # one 万元: the narrative may print whole 万元
    changed = set_cell(document, kind, row_key, column, str(row.amount(column) + step), side=side)
    findings = [f for f in _amount_findings(changed) if f not in published]
    assert section in {f.location.section for f in findings}  # and any other section stating the same line
    for finding in findings:
        assert [(r.table, r.row) for r in finding.related] == [(table.number, row_key)]


def test_an_economic_line_is_the_row_of_its_sections_table() -> None:
    """Jiangsu lists basic spending by economic line (`(1)基本工资(款)支出 737.94 万元`, `工资福利支出(类)`)."""
    document = replace_text(
        base(), "人员经费50.00万元，", "人员经费50.00万元，工资福利支出(类)50.00万元，(1)基本工资(款)支出 40.00 万元，"
    )
    assert not run_checks(document, select=["narrative-amount"]).findings
    changed = set_cell(document, K.GENERAL_BUDGET_BASIC, "30101", "total", "41.00")
    [finding] = run_checks(changed, select=["narrative-amount"]).findings
    assert finding.location.section == "general_budget_basic"
    assert [(r.table, r.row) for r in finding.related] == [("6", "30101")]
    # a line no row of the table prints under that name is left alone
    unknown = replace_text(base(), "人员经费50.00万元，", "人员经费50.00万元，(1)岗位工资(款)支出 3.00 万元，")
    assert not run_checks(unknown, select=["narrative-amount"]).findings


REFERENCE_LINES = (FIXTURES / "kizilsu-2024-party-committee-office-budget.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "added",
    [
        "上年财政拨款安排的公务用车运行费为 87.00 万元。",  # last year's figure, named so
        "2023 年公务用车运行费为 87.00 万元。",  # … or by its year
        "2024 年预算数为 130.00 万元，比上年预算减少 17.00 万元。",  # the total restated, not the item before it
    ],
)
def test_a_sentence_about_another_year_or_the_total_is_not_taken_for_the_item_before_it(
    tmp_path: Path, added: str
) -> None:
    """Review findings: such sentences were grounded in this year's cell of the last item named."""
    anchor = "公务接待费 60.00 万元。"
    assert anchor in REFERENCE_LINES
    changed = tmp_path / "reference.txt"
    changed.write_text(REFERENCE_LINES.replace(anchor, anchor + added, 1), encoding="utf-8")
    codes = ["narrative-amount", "narrative-repeated-amount", "narrative-change-sum", "running-costs"]
    before = run_checks(read_documents([FIXTURES / "kizilsu-2024-party-committee-office-budget.txt"])[0], select=codes)
    after = run_checks(read_documents([changed])[0], select=codes)
    assert [f.message for f in after.findings] == [f.message for f in before.findings]


def test_a_subsection_is_numbered_in_brackets() -> None:
    from yusuan.check.context import CheckContext
    from yusuan.check.profiles import resolve_profile

    document = read_documents([FIXTURES / "kizilsu-2024-party-committee-office-budget.txt"])[0]
    ctx = CheckContext(document, resolve_profile(None, document.meta.template))
    assert ctx.section_number("general_budget/detail") == "五（三）"
    assert ctx.in_part3("other/running_costs") == "第三部分十二（一）"
    assert ctx.in_part3("three_public") == "第三部分十"
