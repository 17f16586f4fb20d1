"""The Excel workbook: a sheet per table, exact numbers, merged headers, frozen panes, text sheets."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from yusuan.model import Disclosure, TableKind
from yusuan.money import quantize
from yusuan.render.xlsx import render_xlsx, sheet_name


@pytest.fixture(scope="module")
def workbook(example_disclosure: Disclosure) -> Any:
    return load_workbook(io.BytesIO(render_xlsx(example_disclosure)))


def _numbers(sheet: Any) -> list[Decimal]:
    """Every numeric cell of a sheet, read back exactly (tests only: openpyxl returns int/float)."""
    return [
        quantize(Decimal(str(cell.value)))
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    ]


def test_every_table_has_its_sheet(example_disclosure: Disclosure, workbook: Any) -> None:
    names = workbook.sheetnames
    assert names[0] == "概况"
    assert names[-3:] == ["说明", "绩效目标", "名词解释"]
    for table in example_disclosure.tables:
        name = sheet_name(table)
        assert len(name) <= 31
        assert name in names
    assert "表1 单位收支总体情况表" in names
    assert "表10 财政拨款“三公”经费支出情况表" in names


def test_every_amount_is_a_number_with_its_exact_value(example_disclosure: Disclosure, workbook: Any) -> None:
    for table in example_disclosure.tables:
        sheet = workbook[sheet_name(table)]
        expected = sorted(quantize(c.value) for r in table.rows for c in r.cells.values() if c.value is not None)
        assert sorted(_numbers(sheet)) == expected, table.title


def test_amount_cells_are_formatted_and_empty_cells_stay_empty(workbook: Any) -> None:
    sheet = workbook["表5 一般公共预算支出情况表"]
    rows = list(sheet.iter_rows(values_only=False))
    administration = next(r for r in rows if r[3].value == "行政运行")
    assert [c.value for c in administration[:3]] == ["201", "31", "01"]
    assert all(c.data_type == "s" for c in administration[:3])
    assert administration[4].number_format == "#,##0.00"
    assert quantize(Decimal(str(administration[4].value))) == Decimal("1049.44")
    assert administration[6].value is None  # 项目支出 is empty, not 0


def test_zero_is_written_as_zero(example_disclosure: Disclosure, workbook: Any) -> None:
    forms = workbook["绩效目标"]
    assert Decimal(0) in _numbers(forms)  # 上级安排 0.00


def test_income_summary_has_merged_multilevel_header(workbook: Any) -> None:
    sheet = workbook["表2 单位收入总体情况表"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A4:C4", "D4:D5", "E4:E5", "F4:K4"} <= merged
    assert sheet["F4"].value == "财政拨款（补助）"
    assert sheet["F5"].value == "财政拨款（补助）小计"
    assert sheet["A2"].value == "单位收入总体情况表"
    assert sheet["A3"].value == "编制单位：中共克孜勒苏柯尔克孜自治州委员会办公室"
    assert sheet.page_setup.orientation == "landscape"


def test_freeze_panes_keep_headers_and_codes_in_view(workbook: Any) -> None:
    assert workbook["表2 单位收入总体情况表"].freeze_panes == "E6"
    assert workbook["表1 单位收支总体情况表"].freeze_panes == "A6"
    assert workbook["表6 一般公共预算基本支出情况表"].freeze_panes == "D7"
    assert workbook["表7 一般公共预算项目支出情况表"].freeze_panes == "F6"


def test_two_sided_table_puts_income_and_expenditure_side_by_side(workbook: Any) -> None:
    sheet = workbook["表1 单位收支总体情况表"]
    assert [sheet.cell(5, c).value for c in range(1, 5)] == ["项目", "预算数", "功能分类", "预算数"]
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[0] == "收入总计" and last[2] == "支出总计"


def test_empty_tables_carry_their_note(example_disclosure: Disclosure, workbook: Any) -> None:
    for kind in (TableKind.GOVERNMENT_FUND_EXPENDITURE, TableKind.STATE_CAPITAL_EXPENDITURE, TableKind.CARRYOVER):
        table = example_disclosure.table(kind)
        assert table is not None and table.note
        texts = [c.value for row in workbook[sheet_name(table)].iter_rows() for c in row]
        assert f"备注：{table.note}" in texts


def test_text_sheets_hold_profile_narrative_and_glossary(example_disclosure: Disclosure, workbook: Any) -> None:
    narrative = [c.value for row in workbook["说明"].iter_rows() for c in row if c.value]
    for section in example_disclosure.narrative:
        assert section.title in narrative
        for paragraph in section.paragraphs:
            assert paragraph.text in narrative
    glossary = [c.value for row in workbook["名词解释"].iter_rows() for c in row if c.value]
    assert any(str(v).startswith("财政拨款：") for v in glossary)
    assert "2024年02月25日" in glossary
    profile = [c.value for row in workbook["概况"].iter_rows() for c in row if c.value]
    assert example_disclosure.profile.staffing_text in profile


def test_performance_forms(example_disclosure: Disclosure, workbook: Any) -> None:
    sheet = workbook["绩效目标"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts.count("项目支出绩效目标表") == 3
    assert "单位整体绩效目标表" in texts
    for table in example_disclosure.performance:
        assert table.name in texts
        for indicator in table.indicators:
            assert indicator.name in texts and indicator.value in texts
