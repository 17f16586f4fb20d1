"""The shared table grid: header spans rebuilt from Column.group, code columns, two-sided tables."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Disclosure, Table, TableKind
from yusuan.render.layout import HeaderCell, build_header, layout_table


def _table(d: Disclosure, kind: TableKind) -> Table:
    table = d.table(kind)
    assert table is not None
    return table


def test_build_header_merges_groups_and_stretches_labels() -> None:
    cells, depth = build_header([("A",), ("G", "x"), ("G", "H", "y"), ("G", "H", "z"), ("B",)])
    assert depth == 3
    assert HeaderCell("A", 0, 0, rowspan=3) in cells
    assert HeaderCell("G", 0, 1, colspan=3) in cells
    assert HeaderCell("x", 1, 1, rowspan=2) in cells
    assert HeaderCell("H", 1, 2, colspan=2) in cells
    assert HeaderCell("y", 2, 2) in cells
    assert HeaderCell("B", 0, 4, rowspan=3) in cells


def test_labels_with_the_same_text_do_not_merge() -> None:
    cells, _ = build_header([("收入", "预算数"), ("支出", "预算数")])
    assert [c.text for c in cells if c.row == 1] == ["预算数", "预算数"]


def test_income_summary_header_and_code_columns(example_disclosure: Disclosure) -> None:
    layout = layout_table(_table(example_disclosure, TableKind.INCOME_SUMMARY))
    assert layout.header_rows == 2
    assert layout.is_wide
    assert HeaderCell("功能分类科目编码", 0, 0, colspan=3) in layout.header
    assert HeaderCell("财政拨款（补助）", 0, 5, colspan=6) in layout.header
    assert HeaderCell("总计", 0, 4, rowspan=2) in layout.header
    first = layout.body[2]  # 2013101 行政运行
    assert [c.text for c in first.cells[:4]] == ["201", "31", "01", "行政运行"]
    assert first.cells[4].value == Decimal("1089.44")
    total = layout.body[-1]
    assert total.is_total and total.cells[3].text == "合计"


def test_every_amount_of_every_table_is_in_its_layout(example_disclosure: Disclosure) -> None:
    for table in example_disclosure.tables:
        layout = layout_table(table)
        expected = sorted(c.value for r in table.rows for c in r.cells.values() if c.value is not None)
        assert sorted(layout.amount_values) == expected, table.title
        assert all(len(r.cells) == layout.width for r in layout.body), table.title


def test_two_sided_table_puts_totals_on_one_line(example_disclosure: Disclosure) -> None:
    layout = layout_table(_table(example_disclosure, TableKind.INCOME_EXPENDITURE_SUMMARY))
    assert [c.text for c in layout.header if c.row == 0] == ["收入", "支出"]
    last = layout.body[-1]
    assert last.cells[0].text == "收入总计" and last.cells[2].text == "支出总计"
    assert last.cells[1].value == last.cells[3].value == Decimal("1566.00")
    assert layout.body[0].cells[2].text == "201 一般公共服务支出"


def test_table_seven_has_a_project_column(example_disclosure: Disclosure) -> None:
    layout = layout_table(_table(example_disclosure, TableKind.GENERAL_BUDGET_PROJECTS))
    assert "项目名称" in [c.text for c in layout.header]
    projects = [r.cells[4].text for r in layout.body if r.level == 3]
    assert projects == ["电子公文科工作经费", "专用通信运行保障工作经费", "服务保障工作经费"]


def test_state_capital_nests_basic_under_its_group(example_disclosure: Disclosure) -> None:
    layout = layout_table(_table(example_disclosure, TableKind.STATE_CAPITAL_EXPENDITURE))
    assert layout.header_rows == 3
    assert HeaderCell("科目", 0, 0, colspan=4) in layout.header
    assert HeaderCell("基本支出", 1, 5, colspan=2) in layout.header
