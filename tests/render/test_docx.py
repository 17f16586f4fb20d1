"""The Word document: real tables holding every figure, heading levels, landscape sections, charts."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from yusuan.model import Disclosure
from yusuan.money import format_amount
from yusuan.render.charts import charts_for
from yusuan.render.docx import render_docx
from yusuan.render.outline import table_caption


@pytest.fixture(scope="module")
def document(example_disclosure: Disclosure) -> Any:
    return docx.Document(io.BytesIO(render_docx(example_disclosure)))


def _cell_texts(document: Any) -> set[str]:
    return {cell.text for table in document.tables for row in table.rows for cell in row.cells}


def _headings(document: Any, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_tables_hold_every_formatted_amount(example_disclosure: Disclosure, document: Any) -> None:
    texts = _cell_texts(document)
    for table in example_disclosure.tables:
        for row in table.rows:
            for key, cell in row.cells.items():
                if cell.value is not None:
                    assert format_amount(cell.value) in texts, (table.title, row.key, key)


def test_every_table_is_a_word_table_with_merged_headers(example_disclosure: Disclosure, document: Any) -> None:
    # 11 tables and 4 performance forms
    assert len(document.tables) == len(example_disclosure.tables) + len(example_disclosure.performance)
    income_summary = document.tables[1]
    first_row = income_summary.rows[0]._tr
    spans = [tc.tcPr.gridSpan.val for tc in first_row.tc_lst if tc.tcPr is not None and tc.tcPr.gridSpan is not None]
    assert spans == [3, 6]  # 功能分类科目编码 over 类款项, 财政拨款（补助） over its six columns
    second = [c.text for c in income_summary.rows[1].cells]
    assert second[:3] == ["类", "款", "项"]
    assert second[3] == "功能分类科目名称"  # vertically merged from the first row
    assert first_row.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page


def test_heading_levels_give_the_navigation_structure(example_disclosure: Disclosure, document: Any) -> None:
    assert _headings(document, 1) == [
        "第一部分 2024年单位概况",
        "第二部分 2024年单位预算公开表",
        "第三部分 2024年单位预算情况说明",
        "第四部分 名词解释",
    ]
    level2 = _headings(document, 2)
    for table in example_disclosure.tables:
        assert table_caption(table) in level2
    for section in example_disclosure.narrative:
        assert f"{section.number}、{section.title}" in level2
    level3 = _headings(document, 3)
    assert "（四）预算绩效情况" in level3
    assert "（一）一般公共预算当年拨款规模变化情况" in level3


def test_wide_tables_sit_in_landscape_sections(document: Any) -> None:
    orientations = [s.orientation for s in document.sections]
    assert orientations.count(WD_ORIENT.LANDSCAPE) == 2  # tables 2 and 7
    for section in document.sections:
        width, height = section.page_width.cm, section.page_height.cm
        assert sorted((round(width, 1), round(height, 1))) == [21.0, 29.7]  # A4


def test_charts_are_inline_pictures(example_disclosure: Disclosure, document: Any) -> None:
    assert len(document.inline_shapes) == len(charts_for(example_disclosure, svg=False)) == 4


def test_no_charts_when_given_none(example_disclosure: Disclosure) -> None:
    plain = docx.Document(io.BytesIO(render_docx(example_disclosure, charts=[])))
    assert len(plain.inline_shapes) == 0


def test_east_asian_font_is_set_on_styles(document: Any) -> None:
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) in {"宋体", "黑体"}, name


def test_text_of_every_part(example_disclosure: Disclosure, document: Any) -> None:
    paragraphs = [p.text for p in document.paragraphs]
    assert example_disclosure.profile.staffing_text in paragraphs
    for section in example_disclosure.narrative:
        for paragraph in section.paragraphs:
            assert paragraph.text in paragraphs
    for table in example_disclosure.tables:
        if table.note:
            assert f"备注：{table.note}" in paragraphs
    assert any(p.startswith("一、财政拨款：") for p in paragraphs)
    assert paragraphs[-2:] == [example_disclosure.meta.unit, "2024年02月25日"]
    texts = _cell_texts(document)
    for form in example_disclosure.performance:
        assert form.name in texts
        for indicator in form.indicators:
            assert indicator.name in texts


def test_output_is_reproducible(example_disclosure: Disclosure) -> None:
    charts = charts_for(example_disclosure, svg=False)
    assert render_docx(example_disclosure, charts) == render_docx(example_disclosure, charts)
