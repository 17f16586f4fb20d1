"""The blank template: every sheet, drop-downs, formats, frozen headers and instructions."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from yusuan.inputs.workbook_layout import CHOICES, OPTIONS, SHEETS, comparison_choices
from yusuan.inputs.workbook_template import write_template
from yusuan.model.kinds import FUND_SOURCE_LABELS


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path)
    assert [p.name for p in path.parent.iterdir()] == ["template.xlsx"]  # no partial file left behind
    return load_workbook(path)


def _lists(workbook: Workbook, sheet: str) -> dict[str, str]:
    """sqref → formula of each list validation on a sheet."""
    return {
        str(rule.sqref): rule.formula1
        for rule in workbook[sheet].data_validations.dataValidation
        if rule.type == "list"
    }


def _options(workbook: Workbook, formula: str) -> list[str]:
    sheet, cells = formula.split("!")
    assert sheet.strip("'") == OPTIONS
    return [cell.value for row in workbook[OPTIONS][cells.replace("$", "")] for cell in row]


def test_all_sheets_in_order(blank: Workbook) -> None:
    assert blank.sheetnames == ["填写说明", *(sheet.name for sheet in SHEETS), OPTIONS]
    assert {
        "单位信息",
        "支出明细",
        "项目",
        "绩效指标",
        "单位绩效",
        "三公经费",
        "上年数",
        "其他事项",
        "科目名称",
        "用途说明",
    } <= set(blank.sheetnames)
    assert blank[OPTIONS].sheet_state == "hidden"
    assert blank.active.title == "填写说明"


def test_drop_downs_for_fund_sources_kinds_and_comparisons(blank: Workbook) -> None:
    lines = _lists(blank, "支出明细")
    assert _options(blank, lines["C2:C1001"]) == list(FUND_SOURCE_LABELS.values())
    assert _options(blank, lines["D2:D1001"]) == ["人员经费", "公用经费", "项目支出"]
    assert lines["E2:E1001"] == "'项目'!$A$2:$A$301"  # the registered projects
    comparisons = _options(blank, _lists(blank, "上年数")["A2:A1001"])
    assert comparisons == [label for label, _ in comparison_choices()]
    assert "机关运行经费" in comparisons and "“三公”经费：公务接待费" in comparisons
    assert _options(blank, _lists(blank, "三公经费")["A2:A1001"])[0] == "一般公共预算"
    owners = _lists(blank, "绩效指标")["A2:A1001"]
    assert blank[OPTIONS][owners.split("!")[1].split(":")[0].replace("$", "")].value == "单位整体"
    assert set(_lists(blank, "单位信息").values()) >= {f"'{OPTIONS}'!$D$2:$D${1 + len(CHOICES['document_kind'])}"}


def test_code_drop_downs_suggest_the_catalogue_but_allow_other_codes(blank: Workbook) -> None:
    rules = {str(rule.sqref): rule for rule in blank["支出明细"].data_validations.dataValidation}
    function_rule, economic_rule = rules["A2:A1001"], rules["B2:B1001"]
    assert function_rule.type == economic_rule.type == "list"
    assert function_rule.errorStyle == economic_rule.errorStyle == "warning"  # the catalogue is partial
    assert "2013101 行政运行" in _options(blank, function_rule.formula1)
    assert "30101 基本工资" in _options(blank, economic_rule.formula1)
    assert all(len(item.split()[0]) == 7 for item in _options(blank, function_rule.formula1))


def test_formats_headers_and_widths(blank: Workbook) -> None:
    lines = blank["支出明细"]
    assert [cell.value for cell in lines[1]] == [
        "功能分类科目编码",
        "经济分类科目编码",
        "资金来源",
        "支出类型",
        "项目名称",
        "金额（万元）",
    ]
    assert lines.column_dimensions["A"].number_format == "@"
    assert lines.column_dimensions["B"].number_format == "@"
    assert lines.column_dimensions["F"].number_format == "0.00"
    assert lines.column_dimensions["A"].width >= 16
    assert lines["A1"].font.bold
    for sheet in SHEETS:
        assert blank[sheet.name].freeze_panes == "A2", sheet.name


def test_blank_template_prefills_only_labels(blank: Workbook) -> None:
    rows = list(blank["上年数"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows][:2] == ["收入：一般公共预算拨款", "收入：上级一般公共预算安排的转移支付"]
    assert all(row[2] is None and row[3] is None for row in rows)
    assert blank["支出明细"].max_row == 1
    assert blank["单位信息"]["B4"].value == "单位预算" and blank["单位信息"]["B5"].value == "万元"


def test_instructions_explain_units_codes_and_choices(blank: Workbook) -> None:
    text = "\n".join(str(cell.value) for cell in blank["填写说明"]["A"] if cell.value)
    assert "万元" in text and "两位小数" in text
    assert "2013101" in text and "30101" in text
    assert "上年结转：一般公共预算拨款" in text and "人员经费" in text and "项目支出" in text
    assert "机关运行经费" in text
    for sheet in SHEETS:
        assert f"【{sheet.name}】" in text
