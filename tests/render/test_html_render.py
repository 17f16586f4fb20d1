"""HTML renderer: the example's page against a golden file, and the layout rules of the official document.

Golden file: tests/render/golden/kizilsu-2024.html is the example rendered
without charts (charts belong to `render.charts` and are tested there).  After
an intended change of the layout, regenerate it and review the diff:

    YUSUAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_html_render.py

(An environment variable rather than a pytest option: it works whichever
directory pytest is started from.)
"""

from __future__ import annotations

import difflib
import html
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model import Disclosure, DocumentMeta, Section, TableKind
from yusuan.model.kinds import DocumentKind
from yusuan.money import format_amount
from yusuan.render.document_view import section_heading
from yusuan.render.html import render_html

GOLDEN = Path(__file__).parent / "golden" / "kizilsu-2024.html"
UPDATE = os.environ.get("YUSUAN_UPDATE_GOLDEN") == "1"


def table_section(page: str, number: str) -> str:
    match = re.search(rf'<section class="table-block[^"]*" id="table-{number}".*?</section>', page, re.S)
    assert match, f"表 {number} is missing"
    return match.group(0)


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no CSS, no SVG markup, no tags."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<svg.*?</svg>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_golden_file(example_disclosure: Disclosure) -> None:
    page = render_html(example_disclosure, charts=())
    if UPDATE or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(page, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{GOLDEN} did not exist and has been written; review it and run again")
    expected = GOLDEN.read_text(encoding="utf-8")
    if page != expected:
        diff = "".join(
            list(difflib.unified_diff(expected.splitlines(True), page.splitlines(True), "golden", "rendered"))[:60]
        )
        pytest.fail(f"HTML differs from {GOLDEN.name} (YUSUAN_UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_rendering_is_deterministic(example_disclosure: Disclosure) -> None:
    assert render_html(example_disclosure) == render_html(example_disclosure)


def test_document_shell(example_html: str, example_disclosure: Disclosure) -> None:
    assert example_html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in example_html
    assert '<meta charset="utf-8">' in example_html
    unit = example_disclosure.meta.unit
    assert f"<title>{unit}2024年单位预算公开</title>" in example_html
    assert '<p class="title-unit">中共克孜勒苏柯尔克孜自治州委员会办公室</p>' in example_html
    assert '<h1 class="title">2024年单位预算公开</h1>' in example_html


def test_self_contained(example_html: str) -> None:
    """Nothing is fetched: no linked stylesheet, no script, no external image or font."""
    assert "<link" not in example_html
    assert "<script" not in example_html
    assert "@import" not in example_html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", example_html)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", example_html)
    assert example_html.count("<style>") == 1


def test_contents_link_to_every_part_table_and_section(example_html: str, example_disclosure: Disclosure) -> None:
    toc = re.search(r'<nav class="toc".*?</nav>', example_html, re.S)
    assert toc
    for entry in example_disclosure.contents:
        assert html.escape(entry, quote=False) in toc.group(0), entry
    for anchor in re.findall(r'href="#([^"]+)"', toc.group(0)):
        assert f'id="{anchor}"' in example_html, anchor
    for table in example_disclosure.tables:
        assert f'href="#table-{table.number}"' in toc.group(0)
    for section in example_disclosure.narrative:
        assert f'href="#section-{section.key}"' in toc.group(0)


def test_every_table_with_number_title_preparer_and_unit(example_html: str, example_disclosure: Disclosure) -> None:
    assert [t.number for t in example_disclosure.tables] == [str(n) for n in range(1, 12)]
    for table in example_disclosure.tables:
        section = table_section(example_html, table.number)
        assert f'<p class="table-number">表 {table.number}</p>' in section
        assert f'<h3 class="table-title">{html.escape(table.title)}</h3>' in section
        assert "编制单位：中共克孜勒苏柯尔克孜自治州委员会办公室" in section
        assert "单位：万元" in section
        assert "<thead>" in section


def test_every_amount_is_printed_in_its_table(example_html: str, example_disclosure: Disclosure) -> None:
    for table in example_disclosure.tables:
        section = table_section(example_html, table.number)
        amounts = re.findall(r'<td class="amount">([^<]*)</td>', section)
        for row in table.rows:
            for cell in row.cells.values():
                if cell.value is not None:
                    assert f'<td class="amount">{format_amount(cell.value)}</td>' in section, (table.number, row.key)
        # and nothing else: every printed amount cell is a figure of the table or empty
        figures = {format_amount(c.value) for r in table.rows for c in r.cells.values() if c.value is not None}
        assert set(amounts) <= figures | {""}


def test_amounts_have_thousands_separators_and_two_decimals(example_html: str) -> None:
    section = table_section(example_html, "1")
    assert '<td class="amount">1,566.00</td>' in section
    assert '<td class="amount">1566.00</td>' not in section
    assert ".amount" in example_html and "text-align: right" in example_html


def test_table_2_header_merges_fiscal_columns(example_html: str) -> None:
    section = table_section(example_html, "2")
    assert '<th colspan="6">财政拨款（补助）</th>' in section
    assert '<th colspan="3">功能分类科目编码</th>' in section
    assert '<th rowspan="2">功能分类科目名称</th>' in section
    assert "<th>类</th><th>款</th><th>项</th>" in section
    assert 'class="table-block wide"' in section


def test_code_columns_split_and_parents_leave_lower_parts_blank(example_html: str) -> None:
    section = table_section(example_html, "5")
    parent = (
        '<td class="code">201</td><td class="code"></td><td class="code"></td><td class="name">一般公共服务支出</td>'
    )
    assert parent in section
    assert '<td class="code">201</td><td class="code">31</td><td class="code"></td>' in section
    assert '<td class="code">201</td><td class="code">31</td><td class="code">01</td>' in section
    economic = table_section(example_html, "6")
    item = '<td class="code">302</td><td class="code">31</td><td class="name indent-1">公务用车运行维护费</td>'
    assert item in economic


def test_table_7_prints_project_names(example_html: str) -> None:
    section = table_section(example_html, "7")
    assert "<th" in section and ">项目名称</th>" in section
    for project in ("电子公文科工作经费", "专用通信运行保障工作经费", "服务保障工作经费"):
        assert f'<td class="project">{project}</td>' in section
    assert 'class="table-block wide"' in section


def test_two_sided_tables(example_html: str) -> None:
    t1 = table_section(example_html, "1")
    assert '<th colspan="2">收入</th><th colspan="2">支出</th>' in t1
    first_row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", t1, re.S)
    assert first_row
    assert "一、本年收入" in first_row.group(1) and "201 一般公共服务支出" in first_row.group(1)
    last_row = re.findall(r"<tr[^>]*>(.*?)</tr>", t1, re.S)[-1]
    assert "收入总计" in last_row and "支出总计" in last_row
    t4 = table_section(example_html, "4")
    assert '<th colspan="2">财政拨款收入</th><th colspan="5">财政拨款支出</th>' in t4


def test_total_rows_are_marked(example_html: str) -> None:
    section = table_section(example_html, "3")
    assert re.search(r'<tr class="total">.*?合计.*?1,566\.00', section, re.S)
    assert "tr.total td { font-weight: 700" in example_html


def test_empty_tables_carry_their_note(example_html: str, example_disclosure: Disclosure) -> None:
    empty = [t for t in example_disclosure.tables if t.note]
    assert {t.kind for t in empty} == {
        TableKind.GOVERNMENT_FUND_EXPENDITURE,
        TableKind.STATE_CAPITAL_EXPENDITURE,
        TableKind.CARRYOVER,
    }
    for table in empty:
        section = table_section(example_html, table.number)
        assert f'<p class="table-note">备注：{html.escape(table.note or "")}</p>' in section


def test_no_none_or_nan_anywhere(example_html: str) -> None:
    text = visible_text(example_html)
    assert not re.search(r"\b(None|nan|NaN|null|undefined|Decimal)\b", text)


def test_parts_narrative_glossary_and_signature(example_html: str, example_disclosure: Disclosure) -> None:
    text = visible_text(example_html)
    for title in (
        "第一部分 2024年单位概况",
        "第二部分 2024年单位预算公开表",
        "第三部分 2024年单位预算情况说明",
        "第四部分 名词解释",
    ):
        assert f'<h2 class="part-title">{title}</h2>' in example_html
    assert "1. 围绕中央、自治区有关规定要求，为州委常委会安排相关工作。" in text
    assert "编制数70，实有人数87人" in text
    for section in example_disclosure.narrative:
        assert html.escape(section_heading(section), quote=False) in example_html
        for sub in section.subsections:
            assert f">{html.escape(section_heading(sub), quote=False)}</h4>" in example_html
    assert "（一）一般公共预算当年拨款规模变化情况" in text
    assert "<p>一般公共预算1,526.00万元，占97.45%，比上年预算增加150.11万元，增长10.91%" in example_html
    assert '<span class="term">七、“三公”经费</span>：' in example_html
    signature = re.search(r'<div class="signature">(.*?)</div>', example_html, re.S)
    assert signature
    assert "中共克孜勒苏柯尔克孜自治州委员会办公室" in signature.group(1)
    assert "2024年02月25日" in signature.group(1)


def test_performance_forms_follow_their_section(example_html: str) -> None:
    performance = example_html.index('id="section-other-performance"')
    other_matters = example_html.index('id="section-other-other_matters"')
    forms = [m.start() for m in re.finditer(r'<div class="performance ', example_html)]
    assert len(forms) == 4
    assert all(performance < f < other_matters for f in forms)
    assert example_html.index("单位整体绩效目标表") < example_html.index("项目支出绩效目标表")


def test_indicator_levels_merge_over_their_indicators(example_html: str) -> None:
    unit = re.search(r'<div class="performance unit-performance">.*?</table>\s*</div>', example_html, re.S)
    assert unit
    assert '<td class="text" rowspan="5">履职效能</td>' in unit.group(0)
    assert '<td class="text" rowspan="5">数量指标</td>' in unit.group(0)
    assert "<thead><tr>" in unit.group(0) and '<th class="label">一级指标</th>' in unit.group(0)
    forms = re.findall(r'<div class="performance project-performance">.*?</table>\s*</div>', example_html, re.S)
    paper = next(f for f in forms if "电子公文科工作经费" in f)
    assert '<td class="text" rowspan="6">产出指标</td>' in paper
    assert '<td class="text" rowspan="4">数量指标</td>' in paper
    assert ">=25000份" in html.unescape(paper)


def test_user_text_is_escaped(example_disclosure: Disclosure) -> None:
    meta = example_disclosure.meta.model_copy(update={"unit": "<script>alert(1)</script>单位"})
    page = render_html(example_disclosure.model_copy(update={"meta": meta}), charts=())
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;单位" in page


def test_empty_cell_is_empty_and_zero_is_printed(example_disclosure: Disclosure) -> None:
    t10 = example_disclosure.tables[9]
    assert t10.kind is TableKind.THREE_PUBLIC
    abroad = next(r for r in t10.rows if r.key == "abroad")
    zero_cell = abroad.cells["total"].model_copy(update={"value": Decimal("0.00")})
    zero = abroad.model_copy(update={"cells": {**abroad.cells, "total": zero_cell}})
    rows = [zero if r.key == "abroad" else r for r in t10.rows]
    tables = [t10.model_copy(update={"rows": rows}) if t is t10 else t for t in example_disclosure.tables]
    page = render_html(example_disclosure.model_copy(update={"tables": tables}), charts=())
    row = re.search(r"<tr><td class=\"name\">因公出国（境）费</td>(.*?)</tr>", table_section(page, "10"))
    assert row
    assert row.group(1).startswith('<td class="amount">0.00</td><td class="amount"></td>')


def test_charts_follow_the_tables_they_illustrate(example_html: str) -> None:
    pytest.importorskip("yusuan.render.charts")
    after = {number: table_section(example_html, number).count("<svg") for number in ("1", "3", "10")}
    assert after == {"1": 1, "3": 2, "10": 1}
    for number in ("2", "4", "5", "6", "7", "8", "9", "11"):
        assert "<svg" not in table_section(example_html, number)
    assert '<figure class="chart" id="chart-income_structure" aria-label="' in example_html


def test_a_bare_disclosure_still_renders() -> None:
    bare = Disclosure(meta=DocumentMeta(unit="某部门", year=2025, kind=DocumentKind.DEPARTMENT_BUDGET))
    page = render_html(bare)
    for title in ("第一部分 2025年部门概况", "第二部分 2025年部门预算公开表", "第四部分 名词解释"):
        assert f'<h2 class="part-title">{title}</h2>' in page
    assert not re.search(r"\b(None|nan)\b", visible_text(page))


def test_section_headings() -> None:
    def heading(number: str) -> str:
        return section_heading(Section(key="k", number=number, title="标题"))

    assert heading("一") == "一、标题"
    assert heading("十二") == "十二、标题"
    assert heading("（一）") == "（一）标题"
    assert heading("1.") == "1.标题"
    assert heading("") == "标题"
