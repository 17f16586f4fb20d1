"""Findings on national fixture files (tests/fixtures/national): the false findings of the precision
review of the national corpus (docs/precision.md, "National corpus (issue 9)") stay gone."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.check import run_checks
from yusuan.check.finding import Finding
from yusuan.extract import read_document
from yusuan.model import Disclosure, TableKind

NATIONAL = Path(__file__).resolve().parents[1] / "fixtures" / "national"


@cache
def _checked(name: str) -> tuple[Disclosure, tuple[Finding, ...]]:
    disclosure, problems = read_document(NATIONAL / name)
    report = run_checks(disclosure, read_problems=problems)
    return disclosure, tuple(report.findings)


def _found(name: str, code: str) -> list[Finding]:
    return [f for f in _checked(name)[1] if f.code == code]


def test_contents_entries_pair_with_the_table_the_reader_gave_that_title() -> None:
    # 广州信访局: contents 十一、部门预算基本支出预算表 / 十二、部门预算项目支出及其他支出预算表 are
    # printed as 表11 (p18) and 表12 (p19) with those titles; they were compared with 表3 本年支出总体情况表
    disclosure, _findings = _checked("gz-xfj-2026.pdf")
    titles = {t.kind: t.title for t in disclosure.tables}
    assert titles[TableKind.BASIC_BY_SOURCE] == "部门预算基本支出预算表"
    assert titles[TableKind.PROJECTS_BY_SOURCE] == "部门预算项目支出及其他支出预算表"
    assert _found("gz-xfj-2026.pdf", "toc-table-title") == []
    assert _found("gz-xfj-2026.pdf", "toc-table-missing") == []


def test_an_unread_table_with_money_is_not_called_empty() -> None:
    # 无锡应急…监督局 单位预算 p7 公开02表 收入总表: `合计 1,136.23 1,136.23 1,136.23`, no column mapped
    disclosure, _findings = _checked("wx-yjj-unit-2026.pdf")
    income = next(t for t in disclosure.tables if t.number == "02")
    assert income.kind is TableKind.INCOME_SUMMARY and income.columns == []
    assert income.doubt == "表中印有 6 个非零金额，一个也没有读出，行或栏目可能没有读对"
    assert _found("wx-yjj-unit-2026.pdf", "empty-table-note") == []


def test_the_unit_named_in_the_title_line_is_not_the_money_unit() -> None:
    # `单位：无锡市应急管理综合行政执法监督局  单位：万元` on every table: 单位 is first the unit, then 万元
    disclosure, _findings = _checked("wx-yjj-unit-2026.pdf")
    assert len(disclosure.tables) == 13
    assert {t.unit.value for t in disclosure.tables} == {"万元"}
    assert _found("wx-yjj-unit-2026.pdf", "read-table-unit-unknown") == []


def test_shares_of_a_zero_whole_are_not_summed() -> None:
    # p26: “三公”经费 0 万元, each item “占‘三公’经费的 0%”
    assert _found("wx-yjj-unit-2026.pdf", "narrative-shares-sum") == []


def _sections(name: str) -> list[str]:
    return [s.key for s in _checked(name)[0].narrative]


def test_a_document_without_part_headings_is_read_from_its_numbered_headings() -> None:
    # 重庆宣传部: no 第X部分, only 一、单位基本情况 … 三、“三公”经费情况说明 … 名词解释
    # 湖州退役军人事务局: 一、部门概况 二、…预算安排情况说明（其中（一）收入预算…） 三、名词解释
    # 杭州公安局: the same with `（一）` sections; 深圳统计局: 第二部分 部门预算收支总体情况 is a section itself
    assert {"overview", "three_public"} <= set(_sections("cq-xcb-2026.pdf"))
    assert _sections("huz-tyjr-2026.pdf")[:4] == ["overview", "income", "expenditure", "fiscal"]
    assert {"income", "expenditure", "three_public", "general_budget_basic"} <= set(_sections("hz-gaj-2026.pdf"))
    assert _sections("sz-tjj-2026.pdf")[:3] == ["overview", "expenditure", "procurement"]
    for name in ("cq-xcb-2026.pdf", "huz-tyjr-2026.pdf", "hz-gaj-2026.pdf", "sz-tjj-2026.pdf"):
        disclosure = _checked(name)[0]
        assert disclosure.profile.duties and len(disclosure.glossary) >= 6, name


def test_a_rate_printed_with_one_decimal_is_judged_at_one_decimal() -> None:
    # 湖州退役军人事务局 p5: 支出预算 6,256.31 万元，比上年执行数增加 268.28 万元，增长 4.0% (4.48 %)
    rates = _found("huz-tyjr-2026.pdf", "narrative-rate")
    expenditure = next(f for f in rates if f.location.section == "expenditure")
    assert (expenditure.location.page, expenditure.location.line) == (5, 11)
    assert expenditure.expected == Decimal("4.48") and expenditure.actual == Decimal("4.0")
    assert "增长率应为 4.5%（4.48%），而不是 4.0%" in expenditure.message
    # 说明十 培训费: printed with two decimals, 下降 4.00% where 2.02 / 41.53 is 4.86 %
    training = next(f for f in rates if str(f.actual) == "4.00")
    assert "下降率应为 4.86%，而不是 4.00%" in training.message
    assert len(rates) == 6


def test_no_false_findings_on_the_narrative_of_layouts_without_parts() -> None:
    for name in ("cq-xcb-2026.pdf", "hz-gaj-2026.pdf", "sz-tjj-2026.pdf", "gz-xfj-2026.pdf"):
        serious = [
            f.code
            for f in _checked(name)[1]
            if f.severity.value == "error" or (f.severity.value == "warning" and not f.code.startswith("read-"))
        ]
        assert serious == [], name
