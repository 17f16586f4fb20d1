"""The HTML page → lines step on small hand-written pages: merged cells, sloppy markup, encodings, places."""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.errors import InputError
from yusuan.extract.html_reader import decode_html, html_text_lines, read_html, read_html_file


def texts(page: str) -> list[str]:
    return [line.text.replace("\t", "|") for line in html_text_lines(page)]


def test_merged_header_cells_keep_their_text_in_the_first_position() -> None:
    page = """<table>
<thead>
<tr><th colspan="3">功能分类科目编码</th><th rowspan="2">功能分类科目名称</th><th rowspan="2">合计</th></tr>
<tr><th>类</th><th>款</th><th>项</th></tr>
</thead>
<tbody><tr><td>201</td><td></td><td></td><td>一般公共服务支出</td><td>1,394.25</td></tr></tbody>
</table>"""
    assert texts(page) == [
        "功能分类科目编码|||功能分类科目名称|合计",
        "类|款|项||",
        "201|||一般公共服务支出|1,394.25",
    ]


def test_rowspan_in_the_middle_and_at_the_end_of_a_row() -> None:
    page = (
        "<table><tr><td rowspan=2>A</td><td>B</td><td rowspan=3>C</td></tr>"
        "<tr><td>D</td></tr><tr><td>E</td><td>F</td></tr></table>"
    )
    assert texts(page) == ["A|B|C", "|D|", "E|F|"]


def test_unclosed_cells_rows_and_paragraphs_close_where_html_says() -> None:
    page = "<p>第一段<p>第二段<table><tr><td>甲<td>1.00<tr><td>乙<td>2.00</table><p>第三段"
    assert texts(page) == ["第一段", "第二段", "甲|1.00", "乙|2.00", "第三段"]


def test_a_row_of_one_cell_across_the_table_is_text() -> None:
    page = '<table><tr><td colspan="2">备注：本表为空。</td></tr><tr><td>甲</td><td></td></tr></table>'
    assert texts(page) == ["备注：本表为空。", "甲|"]


def test_wrapped_words_join_and_sentence_paragraphs_stay_paragraphs() -> None:
    header = "<table><tr><th>财政拨款<br>（补助）</th><th><p>目标1：学习。</p><p>目标2：保障。</p></th></tr></table>"
    assert texts(header) == ["财政拨款（补助）|<p>目标1：学习。</p> <p>目标2：保障。</p>"]


def test_scripts_styles_and_charts_are_not_text() -> None:
    page = (
        "<html><head><title>标题</title><style>p{}</style></head><body><script>var a='x';</script>"
        "<p>正文&nbsp;一</p><figure><svg><text>图中文字</text></svg></figure><p>正文二</p></body></html>"
    )
    assert texts(page) == ["正文 一", "正文二"]


def test_maker_and_unit_on_one_line_become_two() -> None:
    page = "<p><span>编制单位：某某局</span><span>单位：万元</span></p>"
    assert texts(page) == ["编制单位：某某局", "单位：万元"]


def test_lines_carry_the_source_line() -> None:
    lines = html_text_lines("<html>\n<body>\n<h1>标题</h1>\n<table>\n<tr><td>甲</td><td>1</td></tr>\n</table>")
    assert [(line.text, line.line_no) for line in lines] == [("标题", 3), ("甲\t1", 5)]


def test_declared_and_undeclared_chinese_encodings() -> None:
    page = '<meta charset="gb2312"><p>预算公开</p>'
    assert "预算公开" in decode_html(page.encode("gb18030"))
    assert "预算公开" in decode_html("<p>预算公开</p>".encode("gb18030"))  # not UTF-8: GB18030
    assert "预算公开" in decode_html("\ufeff<p>预算公开</p>".encode())


def test_files_that_are_not_disclosures(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="没有任何文字"):
        read_html_file(empty)
    other = tmp_path / "other.html"
    other.write_text("<p>今天天气很好。</p>", encoding="utf-8")
    with pytest.raises(InputError, match="不像是预算公开文件") as raised:
        read_html_file(other)
    assert raised.value.place == str(other)
    with pytest.raises(InputError, match="文件"):
        read_html_file(tmp_path / "missing.html")


def test_a_published_page_with_its_own_markup() -> None:
    """A page as an authority might publish it: caption in the table, unit line inside a cell row, no classes."""
    page = """<html><body><div class="nav">首页 &gt; 预算公开</div>
<h2>表10 财政拨款“三公”经费支出情况表</h2>
<p>编制单位：某某局　　单位：万元</p>
<table border="1">
<tr><td rowspan="2">项目</td><td colspan="4">本年预算</td></tr>
<tr><td>合计</td><td>一般公共预算</td><td>政府性基金</td><td>国有资本经营预算</td></tr>
<tr><td>合计</td><td>60.00</td><td>60.00</td><td></td><td></td></tr>
<tr><td>1．因公出国（境）费</td><td>0.00</td><td>0.00</td><td></td><td></td></tr>
<tr><td>2．公务接待费</td><td>20.00</td><td>20.00</td><td></td><td></td></tr>
<tr><td>3．公务用车购置及运行费</td><td>40.00</td><td>40.00</td><td></td><td></td></tr>
<tr><td>其中：公务用车购置费</td><td>0.00</td><td>0.00</td><td></td><td></td></tr>
<tr><td>公务用车运行费</td><td>40.00</td><td>40.00</td><td></td><td></td></tr>
</table></body></html>"""
    disclosure, problems = read_html(page, "page.html")
    assert [p.code for p in problems if not p.code.startswith("meta-")] == []
    table = disclosure.tables[0]
    assert (table.number, table.unit.value) == ("10", "万元")
    assert [r.key for r in table.rows] == [
        "total", "abroad", "reception", "vehicles", "vehicle_purchase", "vehicle_operation",
    ]  # fmt: skip
    assert table.row("vehicle_operation").value("general_public_budget") == 40  # type: ignore[union-attr]
    assert table.row("total").cells["government_fund"].value is None  # type: ignore[union-attr]
    assert table.row("total").source.line == 7  # type: ignore[union-attr]
