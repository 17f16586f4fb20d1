"""Every published PDF in tests/fixtures/corpus reads without error, with the tables a person counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.extract_real.conftest import read_fixture
from yusuan.model import DocumentKind, TableKind
from yusuan.money import MoneyUnit

K = TableKind
JIANGSU_2017 = [K.INCOME_EXPENDITURE_SUMMARY, K.INCOME_SUMMARY, K.EXPENDITURE_SUMMARY, K.FISCAL_SUMMARY,
                K.FISCAL_EXPENDITURE, K.FISCAL_BASIC, K.GOVERNMENT_FUND_EXPENDITURE, K.GENERAL_BUDGET_EXPENDITURE,
                K.GENERAL_BUDGET_BASIC, K.RUNNING_COSTS, K.THREE_PUBLIC, K.PROCUREMENT]  # fmt: skip
JIANGSU_2018 = [K.INCOME_EXPENDITURE_SUMMARY, K.INCOME_SUMMARY, K.EXPENDITURE_SUMMARY, K.FISCAL_SUMMARY,
                K.FISCAL_EXPENDITURE, K.FISCAL_BASIC, K.GENERAL_BUDGET_EXPENDITURE, K.GENERAL_BUDGET_BASIC,
                K.THREE_PUBLIC, K.GOVERNMENT_FUND_EXPENDITURE, K.RUNNING_COSTS, K.PROCUREMENT]  # fmt: skip
SHANGHAI = [K.INCOME_EXPENDITURE_SUMMARY, K.INCOME_SUMMARY, K.EXPENDITURE_SUMMARY, K.FISCAL_SUMMARY,
            K.GENERAL_BUDGET_EXPENDITURE, K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE,
            K.GENERAL_BUDGET_BASIC, K.THREE_PUBLIC]  # fmt: skip
CHINESE = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]

# file → (template, kinds in page order, numbers as printed or from the contents)
EXPECTED = {
    "js-rd-2017.pdf": ("jiangsu-department-2017",
                       [*JIANGSU_2017[:4][:3], K.FISCAL_EXPENDITURE, K.FISCAL_SUMMARY, *JIANGSU_2017[5:]],
                       ["一", "二", "三", "五", "四", *CHINESE[5:]]),
    "js-jcy-2017.pdf": ("jiangsu-department-2017", JIANGSU_2017, CHINESE),
    "js-rd-2019-tables.pdf": ("jiangsu-department-2017", JIANGSU_2018, CHINESE),
    "js-swbgt-2017-tables.pdf": ("jiangsu-department-2017", JIANGSU_2017, [""] * 12),
    "js-swbgt-2019-tables.pdf": ("jiangsu-department-2017", JIANGSU_2018, [""] * 12),
    "js-zx-2018-tables.pdf": ("jiangsu-department-2017", JIANGSU_2018, [f"{n:02d}" for n in range(1, 13)]),
    "sh-commerce-unit-2025.pdf": ("shanghai-2023", SHANGHAI, [str(n) for n in range(1, 10)]),
    "sh-finance-unit-2025.pdf": ("shanghai-2023", SHANGHAI, [str(n) for n in range(1, 10)]),
    "sh-gov-office-unit-2025.pdf": ("shanghai-2023", SHANGHAI, [str(n) for n in range(1, 10)]),
    "sh-wanli-2025.pdf": ("shanghai-2023", SHANGHAI, [str(n) for n in range(1, 10)]),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tables_found(name: str) -> None:
    disclosure, problems = read_fixture(name)
    template, kinds, numbers = EXPECTED[name]
    assert disclosure.meta.template == template
    assert [t.kind for t in disclosure.tables] == kinds
    assert [t.number for t in disclosure.tables] == numbers
    assert all(t.rows for t in disclosure.tables)
    assert [p for p in problems if not p.code.startswith("meta-") and p.code != "staffing-unreadable"] == []


@pytest.mark.parametrize("name", ["sh-commerce-unit-2025.pdf", "sh-finance-unit-2025.pdf", "sh-wanli-2025.pdf"])
def test_shanghai_units_differ_by_table(name: str) -> None:
    disclosure, _ = read_fixture(name)
    assert [t.unit for t in disclosure.tables] == [MoneyUnit.YUAN] * 8 + [MoneyUnit.WAN_YUAN]


def test_shanghai_meta_and_narrative() -> None:
    disclosure, _ = read_fixture("sh-gov-office-unit-2025.pdf")
    assert disclosure.meta.unit == "上海市普陀区人民政府办公室"
    assert (disclosure.meta.year, disclosure.meta.kind) == (2025, DocumentKind.UNIT_BUDGET)
    assert [s.key for s in disclosure.narrative] == [
        "overview", "three_public", "running_costs", "procurement", "performance", "assets"
    ]  # fmt: skip
    overview = disclosure.narrative[0].text()
    assert "9,101.68万元" in overview and "2025年预算单位" not in overview  # table titles are not narrative
    assert disclosure.glossary and disclosure.glossary[0].term.startswith("财政拨款")
    assert all(p.source and p.source.page for s in disclosure.narrative for p in s.paragraphs)


def test_empty_tables_keep_their_note() -> None:
    disclosure, _ = read_fixture("sh-gov-office-unit-2025.pdf")
    for kind in (K.GOVERNMENT_FUND_EXPENDITURE, K.STATE_CAPITAL_EXPENDITURE):
        table = disclosure.table(kind)
        assert table is not None and table.is_empty
        assert table.note and "本表为空表" in table.note


def test_table_over_five_pages_with_total_alone_on_the_last() -> None:
    disclosure, _ = read_fixture("sh-wanli-2025.pdf")
    table = disclosure.table(K.EXPENDITURE_SUMMARY)
    assert table is not None
    pages = {row.source.page for row in table.rows if row.source}
    assert pages == {14, 15, 16, 17, 18}
    total = table.row("total")
    assert total is not None and total.source is not None and total.source.page == 18
    assert total.value("total") == Decimal("189767551")


def test_row_split_by_a_page_break_is_joined() -> None:
    disclosure, _ = read_fixture("js-rd-2017.pdf")
    table = disclosure.table(K.INCOME_EXPENDITURE_SUMMARY)
    assert table is not None
    social = table.row("208")
    assert social is not None and social.label == "社会保障和就业支出"  # 八、社会保障和就 ⏎ 业支出
    current = table.row("income.current")
    assert current is not None and current.value("amount") == Decimal("13649.07")


def test_transposed_and_path_tables() -> None:
    disclosure, _ = read_fixture("js-jcy-2017.pdf")
    three = disclosure.table(K.THREE_PUBLIC)
    assert three is not None
    assert [r.key for r in three.rows] == [
        "grand_total", "total", "abroad", "vehicles", "vehicle_purchase", "vehicle_operation", "reception",
        "meeting", "training",
    ]  # fmt: skip
    procurement = disclosure.table(K.PROCUREMENT)
    assert procurement is not None
    total = procurement.row("total")
    categories = [r for r in procurement.rows if r.level == 1]
    assert total is not None and categories
    assert sum((r.amount("total") for r in categories), Decimal(0)) == total.value("total")
    assert all("/" in r.key for r in procurement.rows if r.level and r.level > 1)
