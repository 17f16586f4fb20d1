"""Reports: the JSON shape is exact, HTML escapes document text, the terminal shows summary and scorecard."""

from __future__ import annotations

import json

from tests.check.factory import K, base, drop_table, replace_text, set_cell
from yusuan.check import render_report, run_checks


def _broken_report():  # type: ignore[no-untyped-def]
    d = drop_table(base(), K.EXPENDITURE_SUMMARY)
    d = set_cell(d, K.GENERAL_BUDGET_BASIC, "30201", "public", "11.00")
    d = replace_text(d, "主要原因是人员增加2人", "主要原因是<script>alert(1)</script>XX")
    return run_checks(d, source="broken.txt")


def test_json_has_exactly_the_documented_shape() -> None:
    data = json.loads(render_report(_broken_report(), "json"))
    assert list(data) == ["schema", "source", "document", "summary", "findings"]
    assert data["schema"] == "yusuan.check/1" and data["source"] == "broken.txt"
    assert list(data["document"]) == [
        "unit", "year", "kind", "tables_found", "region", "level", "profile", "profile_reason"
    ]  # fmt: skip
    # built in code, its region never read: the template it was made from decides the profile
    assert (data["document"]["region"], data["document"]["profile"]) == (None, "xinjiang")
    assert data["document"]["profile_reason"] == "按编制所用的模板（xinjiang-unit-2024）"
    assert data["document"]["tables_found"] == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]
    assert list(data["summary"]) == ["errors", "warnings", "infos", "rules_run"]
    assert data["summary"]["errors"] >= 2
    for finding in data["findings"]:
        assert list(finding) == [
            "code",
            "severity",
            "message",
            "location",
            "expected",
            "actual",
            "difference",
            "related",
            "suggestion",
        ]
        assert list(finding["location"]) == ["table", "table_kind", "section", "row", "column", "page", "line"]
    t6 = next(f for f in data["findings"] if f["code"] == "basic-columns")
    # 合计 12.00 printed, 人员经费 + 公用经费 = 11.00: Decimals as strings
    assert (t6["expected"], t6["actual"], t6["difference"]) == ("11.00", "12.00", "1.00")
    assert t6["location"]["table"] == 6 and t6["location"]["row"] == "30201"


def test_html_is_a_chinese_page_that_escapes_document_text() -> None:
    html = render_report(_broken_report(), "html")
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    assert "</script>" not in html and "&lt;/script&gt;" in html
    assert "错误" in html and "组成部分与表格" in html and "缺失" in html
    assert "<h1>测试单位办公室 2024 年单位预算公开检查报告</h1>" in html and "类型：单位预算" in html


def test_terminal_text_has_groups_summary_and_scorecard() -> None:
    text = render_report(_broken_report(), "terminal")
    assert "错误（" in text and "警告（" in text
    assert "发现错误：错误" in text
    assert "✗" in text and "表3" in text  # the missing table in the scorecard
    clean = render_report(run_checks(base()), "terminal")
    assert "未发现错误：错误 0 个，警告 0 个，提示 0 个" in clean


def test_terminal_prints_document_text_verbatim() -> None:
    """Quoted document text is neither Rich markup nor emoji codes."""
    d = replace_text(base(), "主要原因是人员增加2人", "主要原因是[bold]XX:smile:")
    assert "主要原因是[bold]XX:smile:" in render_report(run_checks(d), "terminal")


def test_a_section_is_named_without_one_templates_numbering() -> None:
    """三公 is section 十 in Xinjiang and 十一 in Jiangsu: a location names it, the message numbers it."""
    from yusuan.check.finding import Location

    assert Location(section="three_public", page=22).describe() == "说明 “三公”经费 第22页"
    assert Location(section="fiscal_expenditure").describe() == "说明 财政拨款支出"


def test_a_suggested_correction_is_shown_in_every_format() -> None:
    from dataclasses import replace

    report = _broken_report()
    first = replace(report.findings[0], suggestion="减少12.00%")
    report = replace(report, findings=(first, *report.findings[1:]))
    assert json.loads(render_report(report, "json"))["findings"][0]["suggestion"] == "减少12.00%"
    assert "建议改为：减少12.00%" in render_report(report, "html")
    assert "建议改为：减少12.00%" in render_report(report, "terminal")
