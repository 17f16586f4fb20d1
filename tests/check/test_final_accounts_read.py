"""Published final accounts (决算) read whole and checked by their own identities (docs/precision.md, 决算).

Two published 部门决算 (tests/fixtures/final-accounts): 国家信访局 2024 (the central layout: 公开01表 … 公开09表,
`科目代码` one code column, 金额 / 决算数 columns, a 三公 table with its items across the header) and
佛山市轨道交通局 2019 (a Guangdong layout: 表1 … 表8, tables continued over pages with their 合计 row
repeated, a 基本支出 table in two blocks).  Every table their contents list is read, every amount printed
in it is read into the cell it belongs to, and every finding is pinned as judged by hand; a changed figure
breaks the identity that ties it.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.check import Report, run_checks
from yusuan.extract import read_document
from yusuan.model import Disclosure, Row, Side, TableKind

FINAL = FIXTURES / "final-accounts"
CENTRAL = FINAL / "gjxfj-2024-final.pdf"  # 国家信访局 2024 年度部门决算
FOSHAN = FINAL / "foshan-rail-2019-final.pdf"  # 佛山市轨道交通局 2019 年部门决算
FIGURES = list(csv.DictReader((FINAL / "foshan-rail-2019-figures.csv").open(encoding="utf-8")))

NINE = [
    TableKind.INCOME_EXPENDITURE_SUMMARY,
    TableKind.INCOME_SUMMARY,
    TableKind.EXPENDITURE_SUMMARY,
    TableKind.FISCAL_SUMMARY,
    TableKind.GENERAL_BUDGET_EXPENDITURE,
    TableKind.GENERAL_BUDGET_BASIC,
    TableKind.GOVERNMENT_FUND_EXPENDITURE,
    TableKind.STATE_CAPITAL_EXPENDITURE,
    TableKind.THREE_PUBLIC,
]

# (code, severity, table, row, column, expected, actual) of every finding but `code-unknown` (the catalogue's
# coverage of codes, not the document), each judged in docs/precision.md: three true warnings, then 尾差 infos
CENTRAL_FINDINGS = [
    # the body titles 二、收入决算情况说明 and 三、支出决算情况说明; the contents say 本年收入… / 本年支出…
    ("toc-section-title", "warning", None, None, None, "本年收入决算情况说明", "收入决算情况说明"),
    ("toc-section-title", "warning", None, None, None, "本年支出决算情况说明", "支出决算情况说明"),
    # 五（三）: `社会保障和就业（类）行政事业单位离退休（款）…`, 20805's name until 2019
    # (表05 prints 行政事业单位养老支出)
    ("narrative-subject-name-catalogue", "warning", None, None, None, "行政事业单位养老支出", "行政事业单位离退休"),
    ("total-row-sum", "info", "01", "expenditure.current", "final", "14572.54", "14572.53"),
    ("total-row-sum", "info", "03", "total", "total", "14572.54", "14572.53"),
    ("expenditure-columns", "info", "03", "201", "total", "10685.55", "10685.56"),
    ("expenditure-columns", "info", "03", "20140", "total", "10685.55", "10685.56"),
    ("hierarchy-sum", "info", "03", "20140", "basic", "7366.17", "7366.16"),
    ("hierarchy-sum", "info", "03", "22102", "total", "980.84", "980.85"),
    ("hierarchy-sum", "info", "03", "22102", "basic", "980.84", "980.85"),
    ("final-fiscal-expenditure-total", "info", "04", "total", "total", "20727.54", "20727.53"),
    ("final-fiscal-expenditure-total", "info", "04", "total", "general_public_budget", "20727.54", "20727.53"),
    ("general-columns", "info", "05", "total", "total", "13733.79", "13733.80"),
    ("total-row-sum", "info", "05", "total", "basic", "10234.38", "10234.37"),
    ("hierarchy-sum", "info", "05", "22102", "total", "980.84", "980.85"),
    ("hierarchy-sum", "info", "05", "22102", "basic", "980.84", "980.85"),
    ("hierarchy-sum", "info", "06", "302", "final", "2239.42", "2239.41"),
    ("hierarchy-sum", "info", "06", "310", "final", "27.25", "27.24"),
    ("hierarchy-sum", "info", "06", "303", "final", "984.98", "984.97"),
    ("three-public-items", "info", "09", "total", "final", "46.20", "46.21"),
]
FOSHAN_FINDINGS = [
    # 表7's 预算数 header: `公务用车购置及运行费` and `公务用车运行费` come out as one cell, so the 预算数 小计 and
    # 运行费 columns (printed 0.00) are not read: a reading notice, no finding rests on them
    ("read-column-unknown", "warning", None, None, None, None, "小计"),
    ("summary-income-current", "info", "1", "income.current", "final", "1668.15", "1668.14"),
    ("final-summary-expenditure-total", "info", "1", "total", "final", "1668.15", "1668.14"),
    ("income-columns", "info", "2", "total", "total", "1668.15", "1668.14"),
    ("income-columns", "info", "2", "214", "total", "1531.05", "1531.04"),
    ("hierarchy-sum", "info", "2", "21401", "total", "1531.05", "1531.04"),
    ("income-columns", "info", "2", "21401", "total", "1531.05", "1531.04"),
    ("hierarchy-sum", "info", "6", "301", "final", "649.19", "649.20"),
    ("hierarchy-sum", "info", "6", "302", "final", "94.66", "94.65"),
]


@cache
def read(path: Path) -> tuple[Disclosure, tuple[object, ...]]:
    disclosure, problems = read_document(path)
    return disclosure, tuple(problems)


def check(disclosure: Disclosure, problems: tuple[object, ...] = ()) -> Report:
    return run_checks(disclosure, read_problems=list(problems))


def pinned(report: Report) -> list[tuple[str, str, str | None, str | None, str | None, str | None, str | None]]:
    return [
        (
            f.code,
            f.severity.value,
            f.location.table,
            f.location.row,
            f.location.column,
            None if f.expected is None else str(f.expected),
            None if f.actual is None else str(f.actual),
        )
        for f in report.findings
        if f.code != "code-unknown"
    ]


def test_central_final_reads_its_nine_tables() -> None:
    disclosure, problems = read(CENTRAL)
    assert [t.kind for t in disclosure.tables] == [*NINE[:6], *NINE[6:]]
    assert all(t.doubt is None for t in disclosure.tables)
    assert problems == ()  # no reading notice
    # its Part 3 (`第三部分` / `国家信访局 2024 年度部门决` / `算情况说明`, a title wrapped twice) is read
    assert [s.key for s in disclosure.narrative] == [
        "overview", "income", "expenditure", "fiscal", "general_budget", "general_budget_basic", "three_public",
        "running_costs", "procurement", "assets", "performance",
    ]  # fmt: skip
    fiscal = disclosure.table(TableKind.FISCAL_SUMMARY)
    assert fiscal is not None
    carried = fiscal.row("fiscal.carryover.general_public_budget", Side.INCOME)
    assert carried is not None and carried.amount("final") == Decimal("1154.62")
    basic = disclosure.table(TableKind.GENERAL_BUDGET_BASIC)
    assert basic is not None
    public = basic.row("total.public")  # 公用经费合计, its amount printed under the next block
    assert public is not None and public.amount("final") == Decimal("2266.65")
    three = disclosure.table(TableKind.THREE_PUBLIC)
    assert three is not None
    vehicles = three.row("vehicle_operation")
    assert vehicles is not None
    assert (vehicles.amount("budget"), vehicles.amount("final")) == (Decimal("40.63"), Decimal("40.61"))


def test_central_final_findings_are_the_judged_ones() -> None:
    report = check(*read(CENTRAL))
    assert pinned(report) == CENTRAL_FINDINGS


def test_foshan_final_reads_its_eight_tables_figure_for_figure() -> None:
    disclosure, _ = read(FOSHAN)
    assert [t.kind for t in disclosure.tables] == [
        *NINE[:6],
        TableKind.THREE_PUBLIC,
        TableKind.GOVERNMENT_FUND_EXPENDITURE,
    ]
    assert all(t.doubt is None for t in disclosure.tables)
    unread = []
    for figure in FIGURES:
        table = disclosure.table(TableKind(figure["table"]))
        assert table is not None
        row = table.row(figure["row_key"], Side(figure["side"]) if figure["side"] else None)
        assert row is not None, figure["text"]
        value = row.value(figure["column_key"])
        if value is None:
            unread.append((figure["table"], figure["row_key"], figure["column_key"]))
            continue
        assert value == Decimal(figure["value"]), figure["text"]
    # the two 预算数 cells of 表7 under the header the PDF runs together (both printed 0.00)
    assert unread == [("three_public", "vehicles", "budget"), ("three_public", "vehicle_operation", "budget")]


def test_foshan_final_findings_are_the_judged_ones() -> None:
    report = check(*read(FOSHAN))
    assert pinned(report) == FOSHAN_FINDINGS


def _changed(
    disclosure: Disclosure, kind: TableKind, row_key: str, column: str, value: str, side: Side | None = None
) -> Disclosure:
    """The disclosure with one cell's value changed."""

    def row_changed(row: Row) -> Row:
        if row.key != row_key or (side is not None and row.side != side):
            return row
        cell = row.cells[column].model_copy(update={"value": Decimal(value)})
        return row.model_copy(update={"cells": {**row.cells, column: cell}})

    tables = [
        t.model_copy(update={"rows": [row_changed(r) for r in t.rows]}) if t.kind == kind else t
        for t in disclosure.tables
    ]
    return disclosure.model_copy(update={"tables": tables})


def changed(path: Path, kind: TableKind, row_key: str, column: str, value: str, side: Side | None = None) -> Disclosure:
    """The published 决算 at `path` as read, with one cell's value changed (tests/check/test_rules.py)."""
    return _changed(read(path)[0], kind, row_key, column, value, side)


INC, EXP = Side.INCOME, Side.EXPENDITURE


@pytest.mark.parametrize(
    ("path", "kind", "row", "column", "value", "side", "codes"),
    [
        (CENTRAL, TableKind.INCOME_EXPENDITURE_SUMMARY, "expenditure.closing_balance", "final", "7495.06", EXP,
         {"final-summary-expenditure-total"}),
        (CENTRAL, TableKind.INCOME_EXPENDITURE_SUMMARY, "income.carryover", "final", "1616.24", INC,
         {"summary-income-total"}),
        (CENTRAL, TableKind.INCOME_EXPENDITURE_SUMMARY, "income.unit_funds.other_income", "final", "879.44", INC,
         {"summary-income-current", "final-summary-vs-income"}),
        (CENTRAL, TableKind.FISCAL_SUMMARY, "fiscal.carryover.general_public_budget", "final", "1155.62", INC,
         {"fiscal-income", "final-fiscal-fund-balance"}),
        (CENTRAL, TableKind.FISCAL_SUMMARY, "expenditure.closing_balance", "general_public_budget", "6994.74", EXP,
         {"final-fiscal-expenditure-total", "fiscal-columns"}),
        (CENTRAL, TableKind.FISCAL_SUMMARY, "fiscal.current", "final", "19573.91", INC,
         {"fiscal-income", "final-fiscal-vs-income"}),
        (CENTRAL, TableKind.EXPENDITURE_SUMMARY, "total", "total", "14573.53", None,
         {"total-row-sum", "expenditure-columns", "final-summary-vs-expenditure"}),
        (CENTRAL, TableKind.GENERAL_BUDGET_BASIC, "total.public", "final", "2267.65", None,
         {"final-basic-totals", "final-general-vs-basic"}),
        # 表05 机关服务 229.19 of 表03's 799.43: more than the whole
        (CENTRAL, TableKind.GENERAL_BUDGET_EXPENDITURE, "2014003", "total", "800.00", None,
         {"final-general-within-expenditure"}),
        # 五（三） `一般公共服务（类）信访事务（款）行政运行（项）。…支出决算为 5757.63 万元`
        (CENTRAL, TableKind.GENERAL_BUDGET_EXPENDITURE, "2014001", "total", "5758.63", None,
         {"narrative-final-item", "general-columns", "hierarchy-sum"}),
        (FOSHAN, TableKind.GOVERNMENT_FUND_EXPENDITURE, "total", "closing_balance", "1.00", None,
         {"final-fund-balances", "final-fiscal-vs-fund-balances"}),
    ],
)  # fmt: skip
def test_a_changed_figure_breaks_its_identities(
    path: Path, kind: TableKind, row: str, column: str, value: str, side: Side | None, codes: set[str]
) -> None:
    disclosure, problems = read(path)
    report = check(_changed(disclosure, kind, row, column, value, side), problems)
    errors = {f.code for f in report.findings if f.severity.value == "error"}
    assert codes <= errors, errors
