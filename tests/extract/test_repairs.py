"""Each extraction artefact, repaired on a small synthetic table."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.extract.helpers import T5_HEADER, codes, read, read_paged, rows, table_text
from yusuan.model import Side, TableKind


def test_numbers_split_by_spaces_and_thousands_separators() -> None:
    text = table_text(
        "表 5\n\n一般公共预算支出情况表",
        T5_HEADER,
        ["201|||一般公共服务支出|1,35 4.25|1,174.2 5|180.0 0", "|||合 计|1,354.25|1,174.25|180.00"],
    )
    disclosure, problems = read(text)
    t5 = disclosure.tables[0]
    row = t5.row("201")
    assert row is not None
    assert [row.value(k) for k in ("total", "basic", "project")] == [
        Decimal("1354.25"),
        Decimal("1174.25"),
        Decimal("180.00"),
    ]
    assert row.cells["basic"].text == "1,174.2 5"
    assert codes(problems) == []


def test_spaced_and_reordered_header_characters() -> None:
    header = [
        "功能分类 科目编码|||功能分类科目名称|总 计|财 政 拨 款 (补 助)||||||财 政 专 户|单 位 资 金|财 政 拨 款 结 转|"
        "非 财 政 拨 款 结 转 结 余",
        "类|款|项|||财 政 拨 款 (补 助) 小 计|一 般 公 共 预 算|上 级 一 般 公 共 预 算 安 排 的 转 移 支 付|"
        "政 府 性 基 金 预 算|上 级 政 府 性 基 金 安 排 的 转 移 支 付|国 有 本 资 经 营 预 算||||",
    ]
    body = ["201|||一般公共服务支出|10.00|10.00|4.00||||6.00|||||", "|||合 计|10.00|10.00|4.00||||6.00|||||"]
    disclosure, problems = read(table_text("表 2\n\n单位收入总体情况表", header, body))
    t2 = disclosure.tables[0]
    assert [c.key for c in t2.columns] == [
        "total",
        "fiscal_subtotal",
        "general_public_budget",
        "general_public_budget_transfer",
        "government_fund",
        "government_fund_transfer",
        "state_capital",
        "special_account",
        "unit_funds",
        "fiscal_carryover",
        "nonfiscal_carryover",
    ]
    assert t2.column("state_capital").label == "国有资本经营预算"  # type: ignore[union-attr]  # template's spelling
    assert t2.column("fiscal_subtotal").group == ("财政拨款（补助）",)  # type: ignore[union-attr]
    assert t2.row("201").value("state_capital") == Decimal("6.00")  # type: ignore[union-attr]
    assert codes(problems) == []


def test_header_repeated_after_a_page_break_is_dropped() -> None:
    body = [
        "201|||一般公共服务支出|180.00||180.00",
        "201|31||党委办公厅（室）及相关机构事务|180.00||180.00",
        "",
        "- 3 -",
        "一般公共预算支出情况表",
        "单位：万元",
        *(h.replace("合 计", "合计").replace("基本支出", "基 本 支 出") for h in T5_HEADER),
        "201|31|99|其他党委办公厅（室）及相关机构事务支出|180.00||180.00",
        "|||合 计|180.00||180.00",
    ]
    disclosure, problems = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    t5 = disclosure.tables[0]
    assert [r.key for r in t5.rows] == ["201", "20131", "2013199", "total"]
    assert codes(problems) == []


def test_the_same_table_title_again_on_the_next_page_continues_the_table() -> None:
    first = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["201|||一般公共服务支出|180.00||180.00"])
    second = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["|||合 计|180.00||180.00"])
    disclosure, problems = read(first + "\n" + second)
    assert len(disclosure.tables) == 1
    assert [r.key for r in disclosure.tables[0].rows] == ["201", "total"]
    assert codes(problems) == []


def test_wrapped_labels_in_a_cell_and_on_a_line_of_their_own() -> None:
    body = [
        "201|||一般 公共 服务支出|180.00||180.00",
        "201|31||党委办公厅(室)及相关|180.00||180.00",
        "|||机构事务|||",
        "201|31|99|其他党委办公厅（室）及",
        "相关机构事务支出",
        "|||合 计|180.00||180.00",
    ]
    disclosure, problems = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    t5 = disclosure.tables[0]
    assert [(r.key, r.label) for r in t5.rows] == [
        ("201", "一般公共服务支出"),
        ("20131", "党委办公厅（室）及相关机构事务"),
        ("2013199", "其他党委办公厅（室）及相关机构事务支出"),
        ("total", "合计"),
    ]
    assert codes(problems) == []


def test_project_name_wrapped_onto_the_next_line() -> None:
    header = ["科目编码|||科目名称|项目名称|项目支出合计|商品和服务支出"]
    body = [
        "201|31|99|其他党委办公厅（室）及相关机构事务支出|电子公文科|20.00|20.00",
        "||||工作经费||",
        "||||合计|20.00|20.00",
    ]
    disclosure, problems = read(table_text("表 7\n\n一般公共预算项目支出情况表", header, body))
    assert [(r.key, r.project) for r in disclosure.tables[0].rows] == [
        ("2013199/电子公文科工作经费", "电子公文科工作经费"),
        ("total", None),
    ]
    assert codes(problems) == []


def test_code_columns_left_blank_under_a_parent_are_inherited() -> None:
    body = [
        "201|31||党委办公厅（室）及相关机构事务|180.00|100.00|80.00",
        "|||行政运行的上级行|||",
        "||01|行政运行|100.00|100.00|",
        "||99|其他党委办公厅（室）及相关机构事务支出|80.00||80.00",
    ]
    disclosure, _ = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    assert [(r.key, r.level) for r in disclosure.tables[0].rows] == [("20131", 2), ("2013101", 3), ("2013199", 3)]


def test_dashes_mean_nothing_and_zero_stays_zero() -> None:
    body = ["201|||一般公共服务支出|180.00|——|180.00", "|||合 计|180.00|0.00|-"]
    disclosure, problems = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    row, total = disclosure.tables[0].rows
    assert (row.value("basic"), row.cells["basic"].text) == (None, "——")
    assert total.value("basic") == Decimal("0.00")
    assert total.value("project") is None
    assert codes(problems) == []


T1_HEADER = ["收 入||支 出|", "项 目|预算数|功能分类|预算数"]
T1_BODY = [
    "一、本年收入|100.00|201 一般公共服务支出|100.00",
    "1. 一般公共预算拨款|100.00|202 外交支出|",
    "收 入 总 计|100.00|支 出 总 计|100.00",
]


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("表 1\n\n单位收支总体情况表", "1"),
        ("表1 单位收支总体情况表", "1"),
        ("表 1\n\n部 门 收 支 总 体 情 况 表", "1"),
        ("公开01表\n\n部门收支总体情况表", "01"),
        ("公开01表 收支预算总表", "01"),
        ("表一\n\n单位收支总体情况表", "一"),
        ("一、收支预算总表", "一"),
        ("1.财务收支预算总表", "1"),
        ("表 1\n\n中共某某委员会办公室2024年单位收支总体情况表", "1"),
    ],
)
def test_title_and_numbering_styles(heading: str, number: str) -> None:
    disclosure, problems = read(table_text(heading, T1_HEADER, T1_BODY))
    assert [(t.number, t.kind) for t in disclosure.tables] == [(number, TableKind.INCOME_EXPENDITURE_SUMMARY)]
    assert codes(problems) == []


def test_two_sided_rows_with_dropped_empty_cells_are_split_at_the_expenditure_label() -> None:
    body = [
        "一、本年收入|100.00|201 一般公共服务支出|100.00",
        "上级一般公共预算安排转移支付|202 外交支出",
        "230 转移性支出",
        "其他收入|7.00",
        "收 入 总 计|100.00|支 出 总 计|100.00",
    ]
    disclosure, problems = read(table_text("表 1\n\n单位收支总体情况表", T1_HEADER, body))
    t1 = disclosure.tables[0]
    assert [r.key for r in t1.rows_on(Side.INCOME)] == [
        "income.current",
        "income.general_public_budget.transfer",
        "income.unit_funds.other_income",
        "total",
    ]
    assert [r.key for r in t1.rows_on(Side.EXPENDITURE)] == ["201", "202", "230", "total"]
    assert t1.row("income.unit_funds.other_income").value("amount") == Decimal("7.00")  # type: ignore[union-attr]
    assert t1.row("202", Side.EXPENDITURE).value("amount") is None  # type: ignore[union-attr]
    assert codes(problems) == []


def test_dropped_empty_cells_are_placed_by_the_code_hierarchy() -> None:
    body = [
        "201|||一般公共服务支出|1,354.25|1,174.25|180.00",
        "201|31||党委办公厅（室）及相关机构事务|1,354.25|1,174.25|180.00",
        "201|31|01|行政运行|1,049.44|1,049.44",
        "201|31|50|事业运行|124.81|124.81",
        "201|31|99|其他党委办公厅（室）及相关机构事务支出|180.00|180.00",
        "|||合 计|1,354.25|1,174.25|180.00",
    ]
    disclosure, problems = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    t5 = disclosure.tables[0]
    assert [t5.row(k).value("basic") for k in ("2013101", "2013150", "2013199")] == [  # type: ignore[union-attr]
        Decimal("1049.44"),
        Decimal("124.81"),
        None,
    ]
    assert t5.row("2013199").value("project") == Decimal("180.00")  # type: ignore[union-attr]
    assert t5.row("2013199").cells["project"].text == "180.00"  # type: ignore[union-attr]
    assert codes(problems) == ["cells-realigned"] * 3


def test_a_row_that_lost_only_its_trailing_empty_cells_is_read_by_position() -> None:
    header = [
        "功能分类科目编码|||功能分类科目名称|总计|财政拨款（补助）||||||财政专户|单位资金|财政拨款结转|非财政拨款结转结余",
        "类|款|项|||小计|一般公共预算|上级一般公共预算安排的转移支付|政府性基金预算|上级政府性基金安排的转移支付|"
        "国有资本经营预算||||",
    ]
    body = [
        "201|||一般公共服务支出|1,394.25|1,354.25|1,354.25||||||40.0 0",
        "|||合 计|1,394.25|1,354.25|1,354.25|40.00",  # inner empty cells lost too
    ]
    disclosure, problems = read(table_text("表 2\n\n单位收入总体情况表", header, body))
    t2 = disclosure.tables[0]
    row = t2.row("201")
    assert row is not None and row.value("unit_funds") == Decimal("40.00")
    assert row.value("special_account") is None and row.value("fiscal_carryover") is None
    realigned = [p for p in problems if p.code.startswith("cells")]
    assert [p.code for p in realigned] == ["cells-realigned", "cells-realigned"]
    assert "行尾" in realigned[0].message
    assert "上下级科目" in realigned[1].message  # alone, 40.00 could be in any of four columns
    total = t2.row("total")
    assert total is not None and total.value("unit_funds") == Decimal("40.00")


def test_dropped_empty_cells_that_cannot_be_placed_are_reported_not_guessed() -> None:
    body = ["201|||一般公共服务支出|180.00|180.00", "|||合 计|180.00|180.00"]
    disclosure, problems = read(table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, body))
    row = disclosure.tables[0].row("201")
    assert row is not None and all(c.value is None for c in row.cells.values())
    misaligned = [p for p in problems if p.code == "cells-misaligned"]
    assert [p.line for p in misaligned] == [12, 13]
    assert misaligned[0].text == "201\t\t\t一般公共服务支出\t180.00\t180.00"


def test_unreadable_things_are_reported() -> None:
    t10 = table_text(
        "表 10\n\n财政拨款“三公”经费支出情况表",
        ["“三公”经费支出内容|合计|资金来源||", "||一般公共预算|政府性基金|国有资本经营预算"],
        ["合计|1O.00|10.00||", "会议费|3.00|3.00||"],
        unit="",
    )
    t7_header = ["科目编码|||科目名称|项目名称|项目支出合计|商品和服务支出|神秘支出"]
    t7 = table_text("表 7\n\n一般公共预算项目支出情况表", t7_header, ["2013|||x|p|1.00|1.00|"])
    disclosure, problems = read(t10 + "\n表 12\n\n单位某某情况表\n\n" + t7)
    assert codes(problems) == [
        "table-unit-missing",
        "cell-not-amount",
        "row-unknown",
        "table-title-unknown",
        "column-unknown",
        "row-code-invalid",
        "row-code-invalid",
    ]
    t10_read = disclosure.table(TableKind.THREE_PUBLIC)
    assert t10_read is not None and t10_read.row("total").value("total") is None  # type: ignore[union-attr]
    assert t10_read.row("unknown:会议费") is not None
    assert (problems[1].text, problems[1].line) == ("1O.00", 11)
    assert (problems[3].text, problems[3].line) == ("表 12", 14)


def test_pages_are_carried_into_sources() -> None:
    first = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["201|||一般公共服务支出|180.00||180.00"])
    second = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["|||合 计|180.00||180.00"])
    disclosure, _ = read_paged([first, second])
    t5 = disclosure.tables[0]
    assert t5.source is not None and (t5.source.file, t5.source.page) == ("test.pdf", 1)
    assert t5.row("total").source.page == 2  # type: ignore[union-attr]


def test_every_other_problem_code() -> None:
    t5 = table_text("表 5\n\n一般公共预算支出情况表", T5_HEADER, ["201|||一般公共服务支出|1.00|1.00||9.00|8.00"])
    twice = table_text("表 6\n\n一般公共预算支出情况表", T5_HEADER, ["|||合 计|1.00|1.00|"])
    no_header = "表 10\n\n财政拨款“三公”经费支出情况表\n\n单位：千元\n\n" + rows("合计|1.00|1.00||")
    duplicate_column = table_text(
        "表 6\n\n一般公共预算基本支出情况表",
        ["经济分类科目编码||经济分类科目名称|合计|人员经费|人员 经费|公用经费"],
        ["302||商品和服务支出|1.00|||1.00"],
    )
    text = "\n".join(
        [
            "第一部分 单位概况",
            "二、机构设置及人员情况",
            "本单位编制数若干，实有人数若干，在职人员另行公布。",
            "第二部分 预算公开表",
            t5,
            twice,
            "表 4\n\n财政拨款收支预算总体情况表\n",
            no_header,
            duplicate_column,
            "第三部分 预算情况说明",
            "一、关于本单位收支预算情况的总体说明",
            "二、关于天气的说明",
            "（四）预算绩效情况",
            "项目支出绩效目标表",
            rows(
                "项目名称||某项目|||项目负责人||某人|",
                "项目资金(万元)||年度预算总额:|二十|其中:财政拨款|1O.00|",
                "一级指标|二级指标|三级指标|指标值|指标值设置依据|上年完成值|指标分值权重|指标赋分规则|佐证资料",
                "产出指标|数量指标|次数|>=1次|计划|新增|十|按比例|资料",
                "产出指标|数量指标|次数|>=1次|计划|新增|10|按比例|资料|多余",
            ),
        ]
    )
    disclosure, problems = read(text)
    assert [p.code for p in problems] == [
        "staffing-unreadable",
        "table-doubtful",  # 表5's one row is not read: a table with money read as nothing is never silently empty
        "row-extra-cells",
        "table-duplicate",
        "table-body-missing",
        "header-unreadable",
        "table-unit-unknown",
        "column-duplicate",
        "section-unknown",
        "performance-field-unreadable",
        "performance-row-misaligned",
        "meta-year-missing",
    ]
    assert disclosure.meta.unit == "测试单位"  # from 编制单位 (the document has no title line)
    assert [s.key for s in disclosure.narrative] == ["overview", "unknown:关于天气的说明"]
    assert [t.number for t in disclosure.tables] == ["5", "6"]
    project = disclosure.performance[0]
    assert (project.name, project.total, project.fiscal) == ("某项目", None, None)
    assert [i.weight for i in project.indicators] == [None]


def _t5_under(line: str) -> str:
    """A table 5 with `line` between its title and its header."""
    body = rows("201|||一般公共服务支出|180.00||180.00")
    return f"表 5\n\n一般公共预算支出情况表\n\n{line}\n\n{rows(*T5_HEADER)}\n{body}\n"


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("507-湖州市卫生健康委员会 单位：万元", "万元"),  # 湖州: the unit's coded name, then the money unit
        ("部门：江苏省人大常委会办公厅  单位：元", "元"),
        ("单位：元", "元"),
    ],
)
def test_the_money_unit_after_the_units_name_on_one_line_is_read(line: str, unit: str) -> None:
    disclosure, problems = read(_t5_under(line))
    assert "table-unit-missing" not in codes(problems)
    assert disclosure.tables[0].unit.value == unit


def test_a_sentence_ending_in_a_unit_is_not_taken_for_the_tables_unit() -> None:
    said = "本表反映部门一般公共预算支出情况，由于四舍五入原因，各项之和与合计可能存在差异。单位：元"
    _disclosure, problems = read(_t5_under(said))
    assert "table-unit-missing" in codes(problems)
