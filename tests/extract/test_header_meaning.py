"""A header column is keyed by what its words say, whatever the layout: a group's 小计, `其中：`, a year."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import cast

from tests.extract.helpers import read, table_text
from yusuan.extract.doubt import unread_amounts
from yusuan.extract.header import CODE_LABEL, is_header_line, is_header_words, read_header
from yusuan.extract.table_blocks import TableBlock
from yusuan.extract.template import TableSpec, Template, load_template
from yusuan.extract.unit_rows import whole_of_units
from yusuan.model import Table, TableKind

T5 = "表 5\n\n一般公共预算支出情况表"
T3 = "表 3\n\n支出总表"


def _spec(kind: TableKind) -> tuple[TableSpec, Template]:
    template = load_template("national")
    return next(s for s in template.tables if s.kind is kind), template


def _keys(rows: list[list[str]], kind: TableKind) -> dict[str, str | None]:
    spec, template = _spec(kind)
    header = read_header(rows, spec, template)
    return {c.leaf: c.key for c in header.columns if c.leaf}


def test_a_subtotal_under_a_group_is_the_group() -> None:
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"],
        ["", "", "", "小计", "人员经费", "日常公用支出", ""],
    ]
    assert _keys(rows, TableKind.GENERAL_BUDGET_EXPENDITURE) == {
        "科目编码": None,
        "科目名称": None,
        "合计": "total",
        "小计": "basic",
        "人员经费": "personnel",
        "日常公用支出": "public",
        "项目支出": "project",
    }


def test_a_subtotal_under_a_heading_over_every_amount_is_the_total() -> None:
    rows = [["功能科目名称", "一般公共预算支出", "", ""], ["", "小计", "其中：基本支出", "项目支出"]]
    keys = _keys(rows, TableKind.GENERAL_BUDGET_EXPENDITURE)
    assert (keys["小计"], keys["其中：基本支出"], keys["项目支出"]) == ("total", "basic", "project")


def test_aside_and_year_words_do_not_change_the_meaning() -> None:
    rows = [
        ["科目编码", "科目名称", "支出总计", "基本支出", "项目支出", "事业单位经营支出", "2026年政府采购项目", "", ""],
        [
            "",
            "",
            "",
            "",
            "",
            "",
            "小计",
            "其中：2026年政府采购项目中预留给中小企业的项目资金规模",
            "其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模",
        ],
    ]
    spec, template = _spec(TableKind.EXPENDITURE_SUMMARY)
    columns = {c.leaf: c for c in read_header(rows, spec, template).columns if c.leaf}
    assert [columns[k].key for k in ("支出总计", "事业单位经营支出")] == ["total", "operating"]
    # 政府采购 under its group: its 小计 and the 其中 columns, keyed (of-which columns, vocabulary.yaml)
    procurement = [c for c in columns.values() if c.index >= 6]
    assert [(c.role, c.key) for c in procurement] == [
        ("value", "procurement"),
        ("value", "procurement.sme"),
        ("value", "procurement.small_micro"),
    ]


def test_a_single_budget_column_of_a_code_table_is_its_total() -> None:
    assert _keys([["部门预算支出经济科目", "预算"]], TableKind.GENERAL_BUDGET_BASIC)["预算"] == "total"


def test_a_code_printed_in_brackets_before_the_name() -> None:
    match = CODE_LABEL.match("[2014001]行政运行")
    assert match is not None and (match.group(1), match.group(2)) == ("2014001", "行政运行")


def test_header_words_run_together() -> None:
    words = {"科目编码", "科目名称", "合计"}
    assert is_header_words("科目编码科目名称", words)
    assert not is_header_words("一般公共服务支出", words)
    assert not is_header_words("", words)


def _table(header: list[str], body: list[str], heading: str = T5) -> Table:
    disclosure, _ = read(table_text(heading, header, body))
    return disclosure.tables[0]


def test_a_table_read_from_a_subtotal_header() -> None:
    header = ["功能科目名称|一般公共预算支出||", "|小计|其中：基本支出|项目支出"]
    body = ["合计|300.00|200.00|100.00", "[201]一般公共服务支出|300.00|200.00|100.00"]
    table = _table(header, body)
    assert table.doubt is None
    row = table.row("201")
    assert row is not None and row.value("basic") == Decimal("200.00") and row.value("total") == Decimal("300.00")


def test_a_table_with_money_read_as_nothing_is_doubtful() -> None:
    table = Table(kind=TableKind.INCOME_SUMMARY, number="2", title="收入总表", columns=[], rows=[])
    printed = SimpleNamespace(rows=[SimpleNamespace(cells=["某单位", "5,417.80", "0.00"])])
    assert (
        unread_amounts(cast(TableBlock, printed), table)
        == "表中印有 1 个非零金额，一个也没有读出，行或栏目可能没有读对"
    )
    numbers_only = SimpleNamespace(rows=[SimpleNamespace(cells=["栏次", "1", "2", "2026"])])
    assert unread_amounts(cast(TableBlock, numbers_only), table) is None


def test_three_public_by_item_and_fund_with_a_line_per_year() -> None:
    header = [
        "预算单位|年度|总计|||因公出国(境)费|||公务接待费||",
        "||一般公共预算|政府性基金预算|国有资本经营预算|一般公共预算|政府性基金预算|国有资本经营预算|一般公共预算|政府性基金预算|国有资本经营预算",
    ]
    body = [
        "某单位|2025年|10.00|0.00|0.00|6.00|0.00|0.00|4.00|0.00|0.00",
        "|2026年|8.00|0.00|0.00|5.00|0.00|0.00|3.00|0.00|0.00",
        "|增减变化金额|-2.00|0.00|0.00|-1.00|0.00|0.00|-1.00|0.00|0.00",
    ]
    table = _table(header, body, heading="表 9\n\n财政拨款“三公”经费支出表")
    assert table.doubt is None
    total, reception = table.row("total"), table.row("reception")
    assert total is not None and reception is not None
    assert total.value("general_public_budget") == Decimal("8.00")
    assert total.value("prior_year.general_public_budget") == Decimal("10.00")
    assert reception.value("change.general_public_budget") == Decimal("-1.00")
    assert reception.value("state_capital") == Decimal("0.00")


def test_a_code_table_of_unit_rows_is_doubtful() -> None:
    header = ["预算单位|合计|基本支出|项目支出"]
    body = ["某单位本级|300.00|200.00|100.00", "某下属单位|100.00|50.00|50.00"]
    table = _table(header, body, heading=T3)
    assert table.doubt == "表中有金额的行都没有科目编码，行无法对应到科目"


def test_a_code_table_repeating_its_classes_per_unit_is_doubtful() -> None:
    block = [
        "201|||一般公共服务支出|30.00|20.00|10.00",
        "205|||教育支出|30.00|20.00|10.00",
        "208|||社会保障和就业支出|30.00|20.00|10.00",
    ]
    header = ["科目编码|||科目名称|合计|基本支出|项目支出"]
    table = _table(header, [*block, *block], heading=T3)
    assert table.doubt is not None and table.doubt.startswith("3 个科目在表中出现不止一次")


def test_a_header_repeated_with_its_cells_cut_otherwise() -> None:
    rows = [["科目", "", "总计", "事业收入"], ["科目编码科目名称", "", "", ""]]
    assert is_header_line(["科目编码", "科目名称", "", ""], rows)
    assert not is_header_line(["科目编码", "", "", ""], rows)  # one word: may be a label
    assert not is_header_line(["总计", "12.00", "", ""], rows)  # amounts: a row
    assert not is_header_line(["201", "一般公共服务支出"], rows)


def test_a_table_of_figures_beside_words_read_as_nothing_is_doubtful() -> None:
    table = Table(kind=TableKind.PERFORMANCE_TARGETS, number="十", title="整体绩效目标表", columns=[], rows=[])
    printed = SimpleNamespace(rows=[SimpleNamespace(cells=["", "续建大中型水库", "≥", "27", "座", "20", "是"])])
    assert unread_amounts(cast(TableBlock, printed), table) is not None
    numbers = SimpleNamespace(rows=[SimpleNamespace(cells=["项目", "栏次", "1", "2", "3"])])
    assert unread_amounts(cast(TableBlock, numbers), table) is None


def test_a_unit_column_and_column_marks_are_no_unknown_columns() -> None:
    spec, template = _spec(TableKind.GENERAL_BUDGET_EXPENDITURE)
    header = read_header([["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"]], spec, template)
    assert header.unknown == [] and [c.key for c in header.values()] == ["total", "basic", "project"]
    spec, template = _spec(TableKind.PERFORMANCE_TARGETS)
    header = read_header([["单位名称", "项目名称", "金额", "绩效目标"], ["**", "**", "**", "**"]], spec, template)
    assert [(c.leaf, c.key) for c in header.values()] == [("金额", "total")]


def test_fiscal_tables_by_code_have_the_national_columns() -> None:
    rows = [
        ["科目编码 科目名称", "", "合计", "基本支出", "", "", "项目支出"],
        ["", "", "", "小计", "人员经费", "公用经费", ""],
    ]
    keys = _keys(rows, TableKind.FISCAL_EXPENDITURE)
    assert [keys[k] for k in ("合计", "小计", "人员经费", "公用经费", "项目支出")] == [
        "total",
        "basic",
        "personnel",
        "public",
        "project",
    ]


def test_the_unit_row_printed_before_the_codes_is_the_total() -> None:
    """深圳's 支出总表 names the unit in a 预算单位 column and prints its row, the whole, above the classes."""
    header = ["预算单位|科目编码|科目名称|支出总计|基本支出|项目支出"]
    body = [
        "深圳市测试局（本级）|||110.00|70.00|40.00",
        "|201|一般公共服务支出|100.00|60.00|40.00",
        "|208|社会保障和就业支出|10.00|10.00|0.00",
    ]
    table = _table(header, body, heading=T3)
    total = table.row("total")
    assert total is not None and total.is_total and total.label == "深圳市测试局（本级）"
    assert total.value("total") == Decimal("110.00")
    assert [r.key for r in table.rows] == ["total", "201", "208"]


def test_only_the_first_unit_row_is_the_total() -> None:
    """A department of several units: its row first, then each unit's row above that unit's classes."""
    header = ["预算单位|科目编码|科目名称|支出总计|基本支出|项目支出"]
    body = [
        "深圳市测试局|||110.00|70.00|40.00",
        "深圳市测试局（本级）|||100.00|60.00|40.00",
        "|201|一般公共服务支出|100.00|60.00|40.00",
    ]
    table = _table(header, body, heading=T3)
    assert [r.key for r in table.rows if r.is_total] == ["total"]
    assert table.rows[0].label == "深圳市测试局"
    assert table.rows[1].key == "unknown:深圳市测试局（本级）" and not table.rows[1].is_total


def test_a_total_printed_as_such_is_not_doubled_by_a_unit_row() -> None:
    header = ["预算单位|科目编码|科目名称|支出总计|基本支出|项目支出"]
    body = [
        "合计|||110.00|70.00|40.00",
        "深圳市测试局（本级）|||110.00|70.00|40.00",
        "|201|一般公共服务支出|110.00|70.00|40.00",
    ]
    table = _table(header, body, heading=T3)
    assert [r.key for r in table.rows if r.is_total] == ["total"]


def test_a_table_of_units_only_has_their_whole_first() -> None:
    """深圳's 收入总表 lists 预算单位 without codes: the department's row adds up its units' (or is the only row)."""
    d = Decimal
    department = {"total": d("110.00"), "general_public_budget": d("100.00"), "government_fund": d("10.00")}
    own = {"total": d("60.00"), "general_public_budget": d("60.00"), "government_fund": d("0.00")}
    centre = {"total": d("50.00"), "general_public_budget": d("40.00"), "government_fund": d("10.00")}
    assert whole_of_units([department, own, centre])
    assert whole_of_units([own])
    assert not whole_of_units([own, centre])  # two units side by side: neither is the whole
    assert not whole_of_units([])
