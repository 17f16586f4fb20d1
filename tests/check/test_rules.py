"""Every rule has a passing case (the consistent tiny disclosure) and a failing case (one change that breaks it).

The failing cases are listed here, one per rule code; a meta-test makes sure
no registered rule is missing from the list.  Rules with subtler behaviour
have more tests in the family's own test module.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from tests.check.factory import (
    UNIT,
    K,
    base,
    columns,
    drop_row,
    drop_table,
    findings,
    item_row,
    map_tables,
    replace_text,
    set_cell,
    set_indicator,
    set_performance,
    update_table,
)
from tests.check.test_blank_template import blank
from tests.check.test_final_accounts_read import CENTRAL, FOSHAN, changed
from yusuan.check.registry import all_rules
from yusuan.model import Cell, Column, Disclosure, DocumentKind, DocumentMeta, Row, Side, Table
from yusuan.model.disclosure import PageDefect

IN, EX = Side.INCOME, Side.EXPENDITURE


def _relabel(kind: K, row_key: str, *, label: str | None = None, code: str | None = None) -> Disclosure:
    def change(table):  # type: ignore[no-untyped-def]
        rows = []
        for row in table.rows:
            changes = {k: v for k, v in (("label", label), ("code", code)) if v is not None}
            rows.append(row.model_copy(update=changes) if row.key == row_key else row)
        return table.model_copy(update={"rows": rows})

    return map_tables(base(), kind, change)


def _duplicate_row() -> Disclosure:
    d = base()
    t5 = d.table(K.GENERAL_BUDGET_EXPENDITURE)
    assert t5 is not None
    return update_table(d, K.GENERAL_BUDGET_EXPENDITURE, rows=[*t5.rows[:3], t5.rows[2], *t5.rows[3:]])


def _carryover_item() -> Disclosure:
    d = base()
    t11 = d.table(K.CARRYOVER)
    assert t11 is not None
    keys = [c.key for c in t11.columns]
    item = item_row("项目A", "项目A", keys, ["5.00", "5.00", None])
    return update_table(d, K.CARRYOVER, rows=[item, *t11.rows], note=None)


def _without_section(key: str) -> Disclosure:
    d = base()
    return d.model_copy(update={"narrative": [s for s in d.narrative if s.key != key]})


def _classified() -> Disclosure:
    d = replace_text(base(), "设立的政策依据：根据有关通知", "设立的政策依据：完全不予公开")
    return replace_text(d, "本单位无其他需说明的事项。", "本单位涉密项目1个，涉及预算金额20.00万元。")


FAILING: dict[str, Callable[[], Disclosure]] = {
    # completeness
    "toc-table-missing": lambda: drop_table(base(), K.EXPENDITURE_SUMMARY),
    "toc-table-title": lambda: update_table(base(), K.THREE_PUBLIC, title="财政拨款三公经费支出表"),
    "mandated-table-missing": lambda: drop_table(base(contents=[]), K.GOVERNMENT_FUND_EXPENDITURE),
    "empty-table-note": lambda: replace_text(
        update_table(base(), K.GOVERNMENT_FUND_EXPENDITURE, note=None),
        "没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表",
        "政府性基金预算拨款支出为0万元",
    ),
    "blank-template": blank,
    "empty-note-contradiction": lambda: set_cell(base(), K.GOVERNMENT_FUND_EXPENDITURE, "total", "total", "5.00"),
    "part-missing": lambda: base(glossary=[]),
    "toc-section-missing": lambda: _without_section("carryover"),
    "toc-section-title": lambda: replace_text(base(), "2024年上年结转结余", "2024年上半年结转结余"),
    # within tables
    "hierarchy-sum": lambda: set_cell(base(), K.GENERAL_BUDGET_EXPENDITURE, "20131", "total", "91.00"),
    "total-row-sum": lambda: set_cell(base(), K.EXPENDITURE_SUMMARY, "total", "basic", "71.00"),
    "parent-row-missing": lambda: drop_row(base(), K.GENERAL_BUDGET_BASIC, "301"),
    "duplicate-row": _duplicate_row,
    "income-columns": lambda: set_cell(base(), K.INCOME_SUMMARY, "2013199", "fiscal_subtotal", "31.00"),
    "expenditure-columns": lambda: set_cell(base(), K.EXPENDITURE_SUMMARY, "2080505", "basic", "9.00"),
    "fiscal-columns": lambda: set_cell(base(), K.FISCAL_SUMMARY, "208", "general_public_budget", "11.00", side=EX),
    "general-columns": lambda: set_cell(base(), K.GENERAL_BUDGET_EXPENDITURE, "2013101", "basic", "59.00"),
    "basic-columns": lambda: set_cell(base(), K.GENERAL_BUDGET_BASIC, "30201", "public", "11.00"),
    "projects-columns": lambda: set_cell(
        base(), K.GENERAL_BUDGET_PROJECTS, "2013199/服务保障工作经费", "econ:302", "29.00"
    ),
    "fund-columns": lambda: set_cell(base(), K.GOVERNMENT_FUND_EXPENDITURE, "total", "total", "1.00"),
    "state-capital-columns": lambda: set_cell(base(), K.STATE_CAPITAL_EXPENDITURE, "total", "total", "1.00"),
    "three-public-columns": lambda: set_cell(
        base(), K.THREE_PUBLIC, "vehicle_operation", "general_public_budget", "7.00"
    ),
    "carryover-columns": lambda: set_cell(base(), K.CARRYOVER, "total", "fiscal.total", "1.00"),
    "three-public-items": lambda: set_cell(base(), K.THREE_PUBLIC, "vehicles", "total", "9.00"),
    "carryover-total-row": _carryover_item,
    "summary-income-current": lambda: set_cell(
        base(), K.INCOME_EXPENDITURE_SUMMARY, "income.current", "amount", "111.00", side=IN
    ),
    "summary-income-subitems": lambda: set_cell(
        base(), K.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds.other_income", "amount", "9.00", side=IN
    ),
    "summary-income-total": lambda: set_cell(
        base(), K.INCOME_EXPENDITURE_SUMMARY, "total", "amount", "111.00", side=IN
    ),
    "summary-balance": lambda: set_cell(base(), K.INCOME_EXPENDITURE_SUMMARY, "total", "amount", "111.00", side=EX),
    "fiscal-income": lambda: set_cell(base(), K.FISCAL_SUMMARY, "fiscal.current", "amount", "99.00", side=IN),
    "fiscal-balance": lambda: set_cell(base(), K.FISCAL_SUMMARY, "total", "amount", "99.00", side=IN),
    "summary-expenditure-use": lambda: set_cell(
        jiangsu_shaped(), T1, "expenditure.project", "amount", "41.00", side=EX
    ),
    "fiscal-expenditure-use": lambda: set_cell(jiangsu_shaped(), T4, "expenditure.reserve", "total", "1.00", side=EX),
    "procurement-sum": lambda: set_cell(
        jiangsu_shaped(), K.PROCUREMENT, "货物A/办公设备购置费/专用设备购置/检测设备/分散自行组织", "total", "7.00"
    ),
    "fiscal-fund-balance": lambda: set_cell(
        base(), K.FISCAL_SUMMARY, "total", "general_public_budget", "99.00", side=EX
    ),
    # across tables
    "summary-vs-income-total": lambda: set_cell(base(), K.INCOME_SUMMARY, "total", "total", "111.00"),
    "summary-vs-income-sources": lambda: set_cell(base(), K.INCOME_SUMMARY, "total", "unit_funds", "11.00"),
    "summary-vs-expenditure-by-class": lambda: set_cell(base(), K.EXPENDITURE_SUMMARY, "208", "total", "11.00"),
    "summary-vs-income-by-class": lambda: set_cell(
        drop_table(base(), K.EXPENDITURE_SUMMARY), K.INCOME_SUMMARY, "208", "total", "11.00"
    ),
    "income-vs-expenditure-by-class": lambda: set_cell(base(), K.EXPENDITURE_SUMMARY, "201", "total", "101.00"),
    "summary-vs-fiscal-income": lambda: set_cell(
        base(), K.FISCAL_SUMMARY, "fiscal.current.general_public_budget", "amount", "99.00", side=IN
    ),
    "summary-vs-expenditure-by-use": lambda: set_cell(
        jiangsu_shaped(), K.EXPENDITURE_SUMMARY, "total", "project", "41.00"
    ),
    "fiscal-vs-fiscal-basic": lambda: set_cell(jiangsu_shaped(), K.FISCAL_BASIC, "total", "total", "69.00"),
    "fiscal-vs-income-sources": lambda: set_cell(
        base(), K.FISCAL_SUMMARY, "fiscal.current.general_public_budget", "amount", "99.00", side=IN
    ),
    "fiscal-vs-general-by-class": lambda: set_cell(
        base(), K.FISCAL_SUMMARY, "201", "general_public_budget", "91.00", side=EX
    ),
    "fiscal-vs-fund-by-class": lambda: set_cell(base(), K.FISCAL_SUMMARY, "201", "government_fund", "5.00", side=EX),
    "fiscal-vs-state-capital-by-class": lambda: set_cell(
        base(), K.FISCAL_SUMMARY, "201", "state_capital", "5.00", side=EX
    ),
    "income-vs-fiscal-by-class": lambda: set_cell(base(), K.FISCAL_SUMMARY, "201", "total", "91.00", side=EX),
    "general-vs-basic-total": lambda: set_cell(base(), K.GENERAL_BUDGET_BASIC, "total", "total", "71.00"),
    "general-vs-projects-total": lambda: set_cell(base(), K.GENERAL_BUDGET_PROJECTS, "total", "total", "31.00"),
    "general-vs-projects-by-code": lambda: set_cell(
        base(), K.GENERAL_BUDGET_PROJECTS, "2013199/服务保障工作经费", "total", "31.00"
    ),
    "three-public-vs-basic-economic": lambda: set_cell(
        base(), K.THREE_PUBLIC, "vehicle_operation", "general_public_budget", "7.00"
    ),
    # codes
    "code-malformed": lambda: _relabel(K.GENERAL_BUDGET_EXPENDITURE, "2013101", code="201310"),
    "code-unknown": lambda: _relabel(K.GENERAL_BUDGET_BASIC, "30201", code="30298"),
    "code-name-catalogue": lambda: _relabel(K.GENERAL_BUDGET_EXPENDITURE, "2013101", label="一般行政管理事务"),
    "code-name-inconsistent": lambda: _relabel(K.FISCAL_SUMMARY, "234", label="抗疫特别国债还本支出"),
    # narrative
    "narrative-amount": lambda: replace_text(base(), "一般公共预算100.00万元", "一般公共预算101.00万元"),
    "narrative-share": lambda: replace_text(base(), "占90.91%", "占90.81%"),
    "narrative-shares-sum": lambda: replace_text(base(), "占9.09%", "占9.19%"),
    "narrative-rate": lambda: replace_text(base(), "增加10.00万元，增长11.11%", "增加10.00万元，增长11.21%"),
    "narrative-direction": lambda: replace_text(base(), "增加10.00万元，增长11.11%", "增加10.00万元，下降11.11%"),
    "narrative-last-year": lambda: base(last_year={"income.general_public_budget": Decimal("91.00")}),
    "narrative-change-parts-direction": lambda: replace_text(
        base(),
        "本单位无其他需说明的事项。",
        "支出比上年减少9.00万元，主要是基本支出增加4.00万元，项目支出增加5.00万元。",
    ),
    "narrative-rate-impossible-decrease": lambda: replace_text(
        base(), "增加2.00万元，增长25.00%", "增加2.00万元，下降125.00%"
    ),
    "narrative-change-sum": lambda: replace_text(
        base(),
        "其中：基本支出70.00万元，比上年预算增加5.00万元，增长7.69%",
        "其中：基本支出70.00万元，比上年预算增加6.00万元，增长9.38%",
    ),
    "narrative-repeated-amount": lambda: replace_text(
        base(), "公务接待费0.00万元。", "公务接待费0.00万元，公务用车运行费9.00万元。"
    ),
    "narrative-lists": lambda: replace_text(base(), "包括：一般公共预算、单位资金。", "包括：单位资金。"),
    "narrative-nil-claim": lambda: set_cell(base(), K.FISCAL_SUMMARY, "total", "government_fund", "5.00", side=EX),
    "narrative-sum-of-parts": lambda: replace_text(base(), "共计30.00万元", "共计31.00万元"),
    "narrative-year": lambda: replace_text(base(), "比上年预算增加10.00万元", "比2022年预算增加10.00万元"),
    "narrative-from-to-direction": lambda: replace_text(
        base(), "主要原因是厉行节约", "由10.00万元减少至8.00万元，增加2.00万元，主要原因是厉行节约"
    ),
    "narrative-from-to-difference": lambda: replace_text(
        base(), "主要原因是厉行节约", "由10.00万元减少至8.00万元，减少3.00万元，主要原因是厉行节约"
    ),
    "narrative-from-to-rate": lambda: replace_text(
        base(), "主要原因是厉行节约", "由10.00万元减少至8.00万元，下降25.00%，主要原因是厉行节约"
    ),
    "narrative-from-to-table": lambda: replace_text(
        base(), "主要原因是厉行节约", "公务用车运行费由10.00万元减少至9.00万元，主要原因是厉行节约"
    ),
    "narrative-completion-rate": lambda: replace_text(
        base(),
        "主要原因是厉行节约",
        "年初预算为10.00万元，支出决算为8.00万元，完成年初预算的85.00%。主要原因是厉行节约",
    ),
    "narrative-final-vs-budget": lambda: replace_text(
        base(), "主要原因是厉行节约", "年初预算为10.00万元，支出决算为8.00万元。决算数大于预算数的主要原因是厉行节约"
    ),
    "narrative-unbudgeted": lambda: replace_text(
        base(), "主要原因是厉行节约", "年初预算为10.00万元，支出决算为8.00万元，年初未安排预算。主要原因是厉行节约"
    ),
    "narrative-final-total": lambda: replace_text(
        base(meta=DocumentMeta(unit=UNIT, year=2024, kind=DocumentKind.DEPARTMENT_FINAL_ACCOUNTS)),
        "基本支出70.00万元，占",
        "基本支出71.00万元，占",
    ),
    "narrative-subject-name-catalogue": lambda: replace_text(
        base(), "行政事业单位养老支出（款）", "行政事业单位离退休（款）"
    ),
    "narrative-subject-name-table": lambda: replace_text(
        base(), "机关事业单位基本养老保险缴费支出（项）", "机关事业单位基本养老保险缴费（项）"
    ),
    "document-kind-entity": lambda: replace_text(base(), "2024年单位预算未安排", "2024年部门预算未安排"),
    "document-kind-final-accounts": lambda: base(
        meta=DocumentMeta(unit="测试单位办公室", year=2024, kind=DocumentKind.UNIT_FINAL_ACCOUNTS)
    ),
    "document-kind-this-department": lambda: replace_text(
        base(), "本单位无其他需说明的事项", "本部门无其他需说明的事项"
    ),
    # other facts
    "staffing-actual": lambda: base(
        profile=base().profile.model_copy(
            update={"staffing_text": "编制数6，实有人数8人，其中：在职5人；退休2人；离休0人。"}
        )
    ),
    "procurement-total": lambda: replace_text(base(), "政府采购预算15.00万元", "政府采购预算16.00万元"),
    "procurement-reserved": lambda: replace_text(
        base(), "小微企业预留政府采购项目预算金额12.00", "小微企业预留政府采购项目预算金额16.00"
    ),
    "vehicles-sum": lambda: replace_text(base(), "车辆2辆", "车辆3辆"),
    "assets-equipment": lambda: replace_text(
        base(), "设备1台，单位价值100万元以上大型设备0台", "设备1台，单位价值100万元以上大型设备2台"
    ),
    "running-costs": lambda: replace_text(base(), "财政拨款预算20.00万元", "财政拨款预算21.00万元"),
    "classified-projects": _classified,
    "counts-agree": lambda: set_indicator(base(), 0, 1, value="=3辆"),
    "divisions-count": lambda: base(
        profile=base().profile.model_copy(
            update={"organisation": "下设3个科室，分别是：综合科、后勤服务中心（文印中心、车队）。"}
        )
    ),
    "staffing-changes": lambda: replace_text(base(), "主要原因是人员增加2人", "主要原因是人员增加4人"),
    "assets-building": lambda: replace_text(base(), "房屋0.00平方米", "房屋100.00平方米"),
    "assets-planned-purchases": lambda: replace_text(
        base(), "安排购置50万元以上大型设备0台", "安排购置50万元以上大型设备1台"
    ),
    # performance
    "perf-funds-split": lambda: set_performance(base(), 1, total=Decimal("31.00")),
    "perf-unit-funds": lambda: set_performance(base(), 0, fiscal_own=Decimal("101.00")),
    "perf-project-funds": lambda: set_performance(base(), 1, fiscal=Decimal("29.00"), total=Decimal("29.00")),
    "perf-project-missing": lambda: base(performance=[base().performance[0], base().performance[2]]),
    "perf-summary": lambda: replace_text(base(), "当年财政拨款项目1个", "当年财政拨款项目2个"),
    "perf-cost-indicators": lambda: set_indicator(base(), 1, 1, value="<=12万元"),
    "perf-weights": lambda: set_indicator(base(), 1, 0, weight=Decimal(35)),
    "perf-indicator-value": lambda: set_indicator(base(), 1, 0, value="=>10批次"),
    # text hygiene
    "text-doubled-punctuation": lambda: replace_text(base(), "收支总预算110.00万元。", "收支总预算110.00万元。。"),
    "text-unbalanced-brackets": lambda: replace_text(base(), "主要原因是人员增加2人", "主要原因是（人员增加2人"),
    "text-template-leftover": lambda: replace_text(base(), "主要原因是人员增加2人", "主要原因是XX"),
    "text-empty-reason": lambda: replace_text(base(), "主要原因是人员增加2人。", "主要原因是。"),
    "text-rate-without-percent": lambda: replace_text(base(), "增长25.00%，", "增长25.00，"),
    # pages (the PDF cases: tests/extract_real/test_pdf_pages.py)
    "page-blank": lambda: base(page_defects=[PageDefect(kind="blank", page=3)]),
    "page-text-outside": lambda: base(
        page_defects=[PageDefect(kind="text-outside", page=5, text="单位：万元", count=3)]
    ),
    "page-glyph-missing": lambda: base(page_defects=[PageDefect(kind="glyph-missing", page=7, text="□□", count=2)]),
    # final accounts (决算): one figure of a published 决算 changed (tests/check/test_final_accounts_read.py)
    "final-summary-expenditure-total": lambda: changed(
        CENTRAL, K.INCOME_EXPENDITURE_SUMMARY, "expenditure.closing_balance", "final", "7495.06", EX
    ),
    "final-fiscal-expenditure-total": lambda: changed(
        CENTRAL, K.FISCAL_SUMMARY, "expenditure.closing_balance", "general_public_budget", "6994.74", EX
    ),
    "final-fiscal-fund-balance": lambda: changed(
        CENTRAL, K.FISCAL_SUMMARY, "fiscal.carryover.general_public_budget", "final", "1155.62", IN
    ),
    "final-fund-balances": lambda: changed(FOSHAN, K.GOVERNMENT_FUND_EXPENDITURE, "total", "closing_balance", "1.00"),
    "final-basic-totals": lambda: changed(CENTRAL, K.GENERAL_BUDGET_BASIC, "total.public", "final", "2267.65"),
    "final-summary-vs-income": lambda: changed(
        CENTRAL, K.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds.other_income", "final", "879.44", IN
    ),
    "final-summary-vs-expenditure": lambda: changed(CENTRAL, K.EXPENDITURE_SUMMARY, "total", "total", "14573.53"),
    "final-summary-vs-fiscal": lambda: changed(
        CENTRAL, K.INCOME_EXPENDITURE_SUMMARY, "income.general_public_budget", "final", "19573.91", IN
    ),
    "final-fiscal-vs-income": lambda: changed(CENTRAL, K.FISCAL_SUMMARY, "fiscal.current", "final", "19573.91", IN),
    "final-general-vs-basic": lambda: changed(CENTRAL, K.GENERAL_BUDGET_BASIC, "total.public", "final", "2267.65"),
    "final-general-within-expenditure": lambda: changed(
        CENTRAL, K.GENERAL_BUDGET_EXPENDITURE, "2014003", "total", "800.00"
    ),
    "narrative-final-item": lambda: changed(CENTRAL, K.GENERAL_BUDGET_EXPENDITURE, "2014001", "total", "5758.63"),
    "final-fiscal-vs-fund-balances": lambda: changed(
        FOSHAN, K.GOVERNMENT_FUND_EXPENDITURE, "total", "closing_balance", "1.00"
    ),
}

CODES = [r.code for r in all_rules()]


def test_every_rule_has_a_failing_case() -> None:
    assert sorted(FAILING) == sorted(CODES)


def test_the_consistent_disclosure_has_no_finding_at_all() -> None:
    assert [(f.code, f.message) for f in findings(base())] == []


@pytest.mark.parametrize("code", CODES)
def test_rule_passes_on_the_consistent_disclosure(code: str) -> None:
    assert findings(base(), code) == []


@pytest.mark.parametrize("code", CODES)
def test_rule_fails_on_its_broken_case(code: str) -> None:
    found = findings(FAILING[code](), code)
    assert found, f"{code} did not notice its failing case"
    assert all(f.message for f in found)
    assert all(f.code == code for f in found)


# --- identities on rows and columns only some templates print --------------------------------
#
# base() has the Xinjiang reference's shape; these cases give it the rows and columns Jiangsu and
# Shanghai print (docs/keys.md), consistent, then break one figure.


def _add_columns(kind: K, copies: dict[str, str | None]) -> Callable[[Disclosure], Disclosure]:
    """Add columns to a table, each a copy of an existing column's cells (None: an empty column)."""

    def change(d: Disclosure) -> Disclosure:
        def add(table):  # type: ignore[no-untyped-def]
            new_columns = [*table.columns, *(Column(key=k, label=k) for k in copies)]
            rows = [
                row.model_copy(
                    update={
                        "cells": {
                            **row.cells,
                            **{k: row.cells[src] if src else Cell(value=None) for k, src in copies.items()},
                        }
                    }
                )
                for row in table.rows
            ]
            return table.model_copy(update={"columns": new_columns, "rows": rows})

        return map_tables(d, kind, add)

    return change


def _add_rows(kind: K, new_rows: list[Row]) -> Callable[[Disclosure], Disclosure]:
    def change(d: Disclosure) -> Disclosure:
        return map_tables(d, kind, lambda t: t.model_copy(update={"rows": [*t.rows, *new_rows]}))

    return change


_T10 = ["total", "general_public_budget", "government_fund", "state_capital"]
TABLE_CODES = [r.code for r in all_rules() if r.family in ("within_table", "cross_table")]


def _drop_rows(kind: K, keys: list[str]) -> Callable[[Disclosure], Disclosure]:
    def change(d: Disclosure) -> Disclosure:
        return map_tables(d, kind, lambda t: t.model_copy(update={"rows": [r for r in t.rows if r.key not in keys]}))

    return change


def _shaped(*changes: Callable[[Disclosure], Disclosure]) -> Disclosure:
    d = base()
    for change in changes:
        d = change(d)
    return d


def _fiscal_basic(d: Disclosure) -> Disclosure:
    """Jiangsu's 财政拨款基本支出预算表: here table 6's 合计 column (no government-fund basic spending)."""
    t6 = d.table(K.GENERAL_BUDGET_BASIC)
    assert t6 is not None
    table = t6.model_copy(
        update={
            "kind": K.FISCAL_BASIC,
            "number": "6-1",
            "title": "财政拨款基本支出预算表",
            "columns": [c for c in t6.columns if c.key == "total"],
            "rows": [r.model_copy(update={"cells": {"total": r.cells["total"]}}) for r in t6.rows],
        }
    )
    return d.model_copy(update={"tables": [*d.tables, table]})


def _procurement(d: Disclosure) -> Disclosure:
    """Jiangsu's 政府采购预算表: 合计 ← 品目大类 (level 1) ← 项目 lines (2, or 3 for another 经济科目) ← items (4)."""
    lines = [
        ("货物A", "一、货物A", 1, "20.00"),
        ("货物A/办公设备购置费/办公设备购置", "办公设备购置费", 2, "12.00"),
        ("货物A/办公设备购置费/办公设备购置/台式计算机/政府集中采购", "台式计算机", 4, "10.00"),
        ("货物A/办公设备购置费/办公设备购置/打印设备/分散自行组织", "打印设备", 4, "2.00"),
        ("货物A/办公设备购置费/专用设备购置", "办公设备购置费", 3, "8.00"),
        ("货物A/办公设备购置费/专用设备购置/检测设备/分散自行组织", "检测设备", 4, "8.00"),
        ("服务C", "三、服务C", 1, "10.00"),
        ("服务C/物业管理费/物业管理费", "物业管理费", 2, "10.00"),
        ("服务C/物业管理费/物业管理费/物业管理服务/部门集中采购", "物业管理服务", 4, "10.00"),
    ]
    rows = [item_row("total", "合计", ["total"], ["30.00"], total=True)]
    rows += [
        item_row(key, label, ["total"], [value]).model_copy(update={"level": level})
        for key, label, level, value in lines
    ]
    table = Table(kind=K.PROCUREMENT, number="十二", title="政府采购预算表", columns=columns(["total"]), rows=rows)
    return d.model_copy(update={"tables": [*d.tables, table]})


def jiangsu_shaped() -> Disclosure:
    """base() with the rows and columns Jiangsu prints besides the reference's, all consistent."""
    return _shaped(
        # 表1: 一、财政拨款 over 1.一般公共预算 and 2.政府性基金; 支出用途 block beside the function classes
        _add_rows(
            K.INCOME_EXPENDITURE_SUMMARY,
            [
                item_row("income.fiscal", "一、财政拨款", ["amount"], ["100.00"], side=IN),
                item_row("expenditure.basic", "一、基本支出", ["amount"], ["70.00"], side=EX),
                item_row("expenditure.project", "二、项目支出", ["amount"], ["40.00"], side=EX),
                item_row("expenditure.reserve", "三、单位预留机动经费", ["amount"], [None], side=EX),
                item_row("expenditure.current", "当年支出小计", ["amount"], ["110.00"], side=EX),
                item_row("expenditure.carryforward", "结转下年资金", ["amount"], [None], side=EX),
            ],
        ),
        # 表2: each source's 小计 with its 其中 columns
        _add_columns(
            K.INCOME_SUMMARY,
            {
                "general_public_budget.appropriation": "general_public_budget",
                "general_public_budget.special_revenue": None,
                "special_account.education_fees": None,
                "special_account.other_nontax": "special_account",
                "business_income": None,
                "operating_income": None,
                "other_income": "unit_funds",
                "bank_loans": None,
            },
        ),
        # 表3: 单位预留机动经费 and 结转下年资金 columns
        _add_columns(K.EXPENDITURE_SUMMARY, {"reserve": None, "carryforward": None}),
        # 表4: no 本年收入 row, the budgets directly under 收入合计; spending by use
        _drop_rows(K.FISCAL_SUMMARY, ["fiscal.current"]),
        _add_rows(
            K.FISCAL_SUMMARY,
            [
                item_row("expenditure.basic", "一、基本支出", _T10, ["70.00", "70.00", None, None], side=EX),
                item_row("expenditure.project", "二、项目支出", _T10, ["30.00", "30.00", None, None], side=EX),
                item_row("expenditure.reserve", "三、单位预留机动经费", _T10, [None] * 4, side=EX),
            ],
        ),
        _fiscal_basic,
        _procurement,
        # 三公 table with 会议费 and 培训费 under a 合计 of its own
        _add_rows(
            K.THREE_PUBLIC,
            [
                item_row("meeting", "会议费", _T10, ["5.00", "5.00", None, None]),
                item_row("training", "培训费", _T10, ["2.00", "2.00", None, None]),
                item_row("grand_total", "合计", _T10, ["15.00", "15.00", None, None]),
            ],
        ),
    )


def shanghai_shaped() -> Disclosure:
    """base() with Shanghai's table 1 and 4 income sides and table 2 columns, all consistent."""
    return _shaped(
        # 表1: 一、财政拨款收入 (its budgets), 二、事业收入, 三、事业单位经营收入, 四、其他收入; no 本年收入, no 结转
        _drop_rows(
            K.INCOME_EXPENDITURE_SUMMARY,
            [
                "income.current",
                "income.general_public_budget.own",
                "income.general_public_budget.transfer",
                "income.special_account",
                "income.unit_funds",
                "income.carryover",
                "income.carryover.fiscal",
                "income.carryover.nonfiscal",
            ],
        ),
        _add_rows(
            K.INCOME_EXPENDITURE_SUMMARY,
            [
                item_row("income.fiscal", "一、财政拨款收入", ["amount"], ["100.00"], side=IN),
                item_row("income.unit_funds.business_income", "二、事业收入", ["amount"], [None], side=IN),
                item_row("income.unit_funds.operating_income", "三、事业单位经营收入", ["amount"], [None], side=IN),
            ],
        ),
        # 表2: 财政拨款收入, 事业收入, 事业单位经营收入, 其他收入
        _add_columns(
            K.INCOME_SUMMARY, {"business_income": None, "operating_income": None, "other_income": "unit_funds"}
        ),
        # 表4: no 本年收入 row
        _drop_rows(K.FISCAL_SUMMARY, ["fiscal.current"]),
    )


def _jiangsu(kind: K, row: str, column: str, value: str, side: Side | None = None) -> Callable[[], Disclosure]:
    return lambda: set_cell(jiangsu_shaped(), kind, row, column, value, side=side)


def _shanghai(kind: K, row: str, column: str, value: str, side: Side | None = None) -> Callable[[], Disclosure]:
    return lambda: set_cell(shanghai_shaped(), kind, row, column, value, side=side)


@pytest.mark.parametrize("shaped", [jiangsu_shaped, shanghai_shaped])
def test_the_template_shaped_disclosures_are_consistent(shaped: Callable[[], Disclosure]) -> None:
    assert [(f.code, f.message) for f in findings(shaped()) if f.code in TABLE_CODES] == []


T1, T2, T4 = K.INCOME_EXPENDITURE_SUMMARY, K.INCOME_SUMMARY, K.FISCAL_SUMMARY
GPB = "fiscal.current.general_public_budget"


@pytest.mark.parametrize(
    ("code", "broken"),
    [
        # J9: 一般公共预算 = 公共财政拨款 + 专项收入; 财政专户 = 教育收费 + 其他非税收入;
        # 其他资金 = 事业收入 + 经营收入 + 其他收入 + 银行贷款
        ("income-columns", _jiangsu(T2, "total", "general_public_budget.appropriation", "99.00")),
        ("income-columns", _jiangsu(T2, "total", "special_account.education_fees", "1.00")),
        ("income-columns", _jiangsu(T2, "2013101", "other_income", "11.00")),
        # J7: 合计 = 三公小计 + 会议费 + 培训费
        ("three-public-items", _jiangsu(K.THREE_PUBLIC, "meeting", "total", "6.00")),
        ("three-public-items", _jiangsu(K.THREE_PUBLIC, "grand_total", "general_public_budget", "16.00")),
        # J8: 一、财政拨款 = 1.一般公共预算 + 2.政府性基金 = 表4 收入 (its budget rows)
        ("summary-income-subitems", _jiangsu(T1, "income.fiscal", "amount", "101.00", IN)),
        ("summary-vs-fiscal-income", _jiangsu(T1, "income.fiscal", "amount", "101.00", IN)),
        ("fiscal-income", _jiangsu(T4, "total", "amount", "101.00", IN)),
        # J5: 基本 + 项目 + 预留 = 当年支出小计; 支出合计 = 小计 + 结转下年; each = 表3 column of the same name
        ("summary-expenditure-use", _jiangsu(T1, "expenditure.basic", "amount", "71.00", EX)),
        ("summary-expenditure-use", _jiangsu(T1, "expenditure.current", "amount", "111.00", EX)),
        ("summary-expenditure-use", _jiangsu(T1, "expenditure.carryforward", "amount", "1.00", EX)),
        ("summary-vs-expenditure-by-use", _jiangsu(T1, "expenditure.basic", "amount", "71.00", EX)),
        ("summary-vs-expenditure-by-use", _jiangsu(T1, "expenditure.reserve", "amount", "1.00", EX)),
        # J6: 基本 + 项目 + 预留 = 表4 支出合计; 基本 = 财政拨款基本支出表 合计
        ("fiscal-expenditure-use", _jiangsu(T4, "expenditure.project", "total", "31.00", EX)),
        ("fiscal-vs-fiscal-basic", _jiangsu(T4, "expenditure.basic", "total", "71.00", EX)),
        ("fiscal-vs-fiscal-basic", _jiangsu(K.FISCAL_BASIC, "total", "total", "71.00")),
        # S1: 财政拨款收入 = its budgets = 表2 财政拨款收入 = 表4; 收入总计 = 财政拨款收入 + 事业 + 经营 + 其他收入
        ("summary-income-subitems", _shanghai(T1, "income.fiscal", "amount", "101.00", IN)),
        ("summary-income-total", _shanghai(T1, "income.fiscal", "amount", "101.00", IN)),
        ("summary-vs-income-sources", _shanghai(T1, "income.fiscal", "amount", "101.00", IN)),
        ("summary-vs-fiscal-income", _shanghai(T1, "income.fiscal", "amount", "101.00", IN)),
        ("summary-vs-fiscal-income", _shanghai(T1, "income.general_public_budget", "amount", "99.00", IN)),
        ("summary-income-total", _shanghai(T1, "income.unit_funds.other_income", "amount", "11.00", IN)),
        ("summary-vs-income-sources", _shanghai(T1, "income.unit_funds.other_income", "amount", "11.00", IN)),
        # S2: Σ budget rows = 收入总计; = 表1 一般公共预算资金; = its expenditure column (= 表5 合计)
        ("fiscal-income", _shanghai(T4, GPB, "amount", "99.00", IN)),
        ("summary-vs-fiscal-income", _shanghai(T4, GPB, "amount", "99.00", IN)),
        ("fiscal-fund-balance", _shanghai(T4, GPB, "amount", "99.00", IN)),
    ],
)
def test_identities_on_template_rows_and_columns(code: str, broken: Callable[[], Disclosure]) -> None:
    assert findings(broken(), code), f"{code} did not notice"
