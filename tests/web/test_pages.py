"""`yusuan serve`: pages in Chinese over the store, each finding linked to the cell it names, JSON without floats."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import UNIT


class _Text(HTMLParser):
    """The text a reader sees (not <code>, which shows rule codes beside their Chinese titles on purpose)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self._hidden += tag in ("code", "style", "script", "title")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("code", "style", "script", "title")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _ids(store: Path) -> dict[str, int]:
    connection = duckdb.connect(str(store), read_only=True)
    try:
        rows = connection.execute("SELECT coalesce(unit, 'refused'), id FROM documents ORDER BY id").fetchall()
    finally:
        connection.close()
    return dict(rows)


RAW_KEY = re.compile(
    r"income_expenditure_summary|expenditure_summary|three_public|department_budget|unit_budget"
    r"|general_public_budget|\b(?:error|warning|info|checked|refused|amount|total|basic|project)\b"
)


def test_document_list_in_chinese_with_counts_and_the_refused_file_with_its_reason(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    text = visible(page.text)
    assert "湖州市退役军人事务局" in text and "广州市信访局" in text and UNIT in text
    assert "部门预算" in text and "已检查" in text
    assert "库中共 5 份：已检查 4 份，未能检查 1 份" in text
    assert "truncated.pdf" in text and "无法读取" in text
    refused = re.search(r'<div class="reason">([^<]+)</div>', page.text)
    assert refused and "truncated.pdf：PDF 文件不完整" in refused.group(1)  # the Chinese colon after the file
    assert not RAW_KEY.search(text), RAW_KEY.findall(text)


def test_search_and_filters_narrow_the_list(client: TestClient) -> None:
    text = visible(client.get("/", params={"q": "湖州"}).text)
    assert "湖州市退役军人事务局" in text and "广州市信访局" not in text and "显示 1 份" in text
    text = visible(client.get("/", params={"year": "2023", "q": ""}).text)
    assert UNIT in text and "显示 1 份" in text
    text = visible(client.get("/", params={"errors": "1"}).text)
    assert "广州市信访局" not in text and UNIT in text
    assert "显示 0 份" in visible(client.get("/", params={"q": "湖_市"}).text)  # _ and % are letters here
    assert "显示 0 份" in visible(client.get("/", params={"q": "%"}).text)
    text = visible(client.get("/", params={"status": "refused"}).text)
    assert "truncated.pdf" in text and "显示 1 份" in text
    api = client.get("/api/documents", params={"kind": "department_budget", "region": "广东省 广州市"}).json()
    assert [d["unit"] for d in api["documents"]] == ["广州市信访局"]
    assert api["documents"][0]["kind_label"] == "部门预算"


def test_the_level_filter_keeps_the_documents_of_that_level(client: TestClient) -> None:
    every = client.get("/api/documents").json()
    levels = {d["unit"]: d["level"] for d in every["documents"] if d["status"] == "checked"}
    assert every["facets"]["level"] == sorted(set(levels.values()) - {None})
    for level in every["facets"]["level"]:
        kept = client.get("/api/documents", params={"level": level}).json()["documents"]
        assert {d["unit"] for d in kept} == {u for u, v in levels.items() if v == level}
    page = client.get("/", params={"level": "市级"})
    assert "<option selected>市级</option>" in page.text
    at_city = [d for d in every["documents"] if d["status"] == "checked" and d["level"] == "市级"]
    assert at_city and f"显示 {len(at_city)} 份" in visible(page.text)


def test_a_findings_cell_is_highlighted_and_the_finding_links_to_it(client: TestClient, store: Path) -> None:
    page = client.get(f"/documents/{_latest(store)}").text  # the 2024 document has the finding
    finding = re.search(r'<li class="finding error" id="f-0">(.*?)</li>', page, re.S)
    assert finding, page[:500]
    link = re.search(r'href="#(c-[0-9-]+)"', finding.group(1))
    assert link
    cell = re.search(rf'<td id="{link.group(1)}" class="num flagged error"[^>]*>(.*?)</td>', page, re.S)
    assert cell and "400.00" in cell.group(1)  # 支出总表 合计 项目支出
    assert 'href="#f-0"' in cell.group(1)  # and the cell links back to its finding
    text = visible(page)
    assert "支出总体情况表" in text and "项目支出" in text and "收入总计" in text
    assert "合计不等于基本支出与项目支出之和" in text
    assert "1,500.00" in text  # thousands separators and cents
    assert not RAW_KEY.search(text), RAW_KEY.findall(text)


def _latest(store: Path) -> int:
    connection = duckdb.connect(str(store), read_only=True)
    try:
        return int(connection.execute("SELECT id FROM documents WHERE year = 2024").fetchone()[0])  # type: ignore[index]
    finally:
        connection.close()


def test_real_documents_pages_show_no_raw_keys_and_link_findings_to_cells(client: TestClient, store: Path) -> None:
    for unit, document_id in _ids(store).items():
        page = client.get(f"/documents/{document_id}")
        assert page.status_code == 200, unit
        text = visible(page.text)
        assert not RAW_KEY.search(text), (unit, RAW_KEY.findall(text))
        for anchor in re.findall(r'class="goto" href="#([a-z0-9-]+)"', page.text):
            assert f'id="{anchor}"' in page.text
    huzhou = client.get(f"/documents/{_ids(store)['湖州市退役军人事务局']}").text
    assert "增长率与增减额不符" in visible(huzhou)  # a rule's Chinese title
    assert re.search(r'class="num flagged (?:error|warning|info)"', huzhou)
    refused = visible(client.get(f"/documents/{_ids(store)['refused']}").text)
    assert "未能检查" in refused and "truncated.pdf" in refused


def test_document_api_gives_amounts_as_exact_strings(client: TestClient, store: Path) -> None:
    body = client.get(f"/api/documents/{_latest(store)}").json()
    table = next(t for t in body["tables"] if t["kind"] == "expenditure_summary")
    assert table["rows"][0]["amounts"] == {"total": "1500.00", "basic": "1100.00", "project": "400.00"}
    assert body["findings"][0]["anchor"].startswith("c-")
    assert client.get("/api/documents/99999").status_code == 404
    missing = client.get("/documents/99999")
    assert missing.status_code == 404 and "没有编号为 99999 的文档" in missing.text


def test_findings_page_groups_by_rule_with_notices_apart_and_drills_down(client: TestClient, store: Path) -> None:
    text = visible(client.get("/findings").text)
    assert "支出总表：合计 = 基本支出 + 项目支出" in text
    errors, notices = text.split("读取提示，按种类", 1)
    assert "读取提示：" not in errors and "读取提示：" in notices
    assert not RAW_KEY.search(text), RAW_KEY.findall(text)
    drill = client.get("/findings", params={"code": "expenditure-columns", "severity": "error"}).text
    assert f'href="/documents/{_latest(store)}#findings"' in drill
    only_2026 = client.get("/api/findings", params={"year": "2026", "code": "expenditure-columns"}).json()
    assert UNIT not in [d["unit"] for d in only_2026["documents"]]
    assert UNIT in [
        d["unit"] for d in client.get("/api/findings", params={"code": "expenditure-columns"}).json()["documents"]
    ]


def test_a_rule_code_no_rule_has_is_said_to_be_none_and_lists_nothing(client: TestClient) -> None:
    page = client.get("/findings", params={"code": "nope"})
    assert page.status_code == 404
    text = visible(page.text)
    assert "没有代码为“nope”的规则：规则代码见“问题”页按规则汇总的各项" in text
    assert "含此问题的文档" not in text and "没有。" not in text and "其他问题" not in text
    for format in ("json", "csv"):
        answer = client.get("/api/findings", params={"code": "nope", "format": format})
        assert answer.status_code == 404
        assert answer.json() == {"detail": "没有代码为“nope”的规则：规则代码见“问题”页按规则汇总的各项"}
    known = client.get("/findings", params={"code": "expenditure-columns"})
    assert known.status_code == 200 and "没有代码为" not in known.text


def test_every_code_the_engine_emits_has_a_title() -> None:
    from yusuan.check.registry import all_rules, known_codes
    from yusuan.web import labels

    for code in known_codes(all_rules()):
        if code != "read-":
            assert labels.is_known_code(code) and labels.rule_title(code) != "其他问题", code
    assert labels.rule_title("final-vs-budget") == "决算所列年初预算数与当年预算公开不符"


def test_a_notice_reached_from_the_dashboard_is_a_notice_in_its_filter_its_rows_and_its_download(
    client: TestClient,
) -> None:
    dashboard = client.get("/findings").text
    link = re.search(r'href="(/findings\?code=read-column-unknown[^"]*)"', dashboard)
    assert link is not None and link.group(1) == "/findings?code=read-column-unknown"  # no severity to carry
    for address in (link.group(1), link.group(1) + "&severity=warning", link.group(1) + "&severity=error"):
        page = client.get(address).text
        form = page.split("</form>", 1)[0]
        assert "<select disabled><option>读取提示</option></select>" in form and "警告" not in form, address
        rows = visible(page.split("<tbody>", 1)[1])
        assert "读取提示" in rows and "警告" not in rows, address
    body = client.get("/api/findings", params={"code": "read-column-unknown", "severity": "error"}).json()
    assert body["documents"] and {d["severity_label"] for d in body["documents"]} == {"读取提示"}
    csv = client.get("/api/findings", params={"code": "read-column-unknown", "format": "csv"}).text.splitlines()
    assert csv[0].split(",")[7] == "严重程度" and {line.split(",")[7] for line in csv[1:]} == {"读取提示"}
    summary = client.get("/api/findings", params={"format": "csv"}).text.splitlines()
    assert "读取提示,read-column-unknown,读取提示：栏目无法识别,读取提示,7," in "\n".join(summary)


def test_unit_over_the_years_in_wan_yuan_with_a_chart(client: TestClient) -> None:
    page = client.get(f"/units/{UNIT}")
    text = visible(page.text)
    assert "1,200.50" in text and "1,500.00" in text and "200.25" in text
    assert "3.50" in text and "3.00" in text  # 三公 printed in 元, shown in 万元
    assert page.text.count("<svg") == 2 and "<rect" in page.text
    body = client.get(f"/api/units/{UNIT}").json()
    assert [(y["year"], y["income_total"], y["three_public"]) for y in body["years"]] == [
        (2023, "1200.50", "3.50"),
        (2024, "1500.00", "3.00"),
    ]
    assert client.get("/units/没有这个单位").status_code == 404


def test_a_unit_s_running_costs_and_procurement_where_only_its_narrative_states_them(client: TestClient) -> None:
    """湖州市退役军人事务局 prints neither table: its 情况说明 states 48.78 and 921.97 万元; its 支出总表 prints
    人员经费 1487.48 and 公用经费 116.93, not 基本支出."""
    body = client.get("/api/units/湖州市退役军人事务局").json()
    [year] = body["years"]
    assert (year["basic"], year["running_costs"], year["procurement"]) == ("1604.41", "48.78", "921.97")
    page = client.get("/units/湖州市退役军人事务局").text
    assert page.count("<svg") == 3 and "“三公”经费、机关运行经费（万元）" in page and "政府采购（万元）" in page
    csv = client.get("/api/units/湖州市退役军人事务局", params={"format": "csv"}).text.splitlines()
    assert csv[0].endswith("机关运行经费（万元）,政府采购（万元）") and csv[1].endswith(",48.78,921.97")


def test_every_list_and_table_downloads_as_csv_and_xlsx(client: TestClient, store: Path) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    listing = client.get("/api/documents", params={"format": "csv"})
    assert listing.headers["content-type"].startswith("text/csv")
    assert listing.content.startswith(b"\xef\xbb\xbf")
    lines = listing.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("编号,单位,地区,年度,类型") and len(lines) == 6
    table = client.get(f"/api/documents/{_latest(store)}/tables/1", params={"format": "csv"})
    assert table.content.decode("utf-8-sig").splitlines() == [
        "科目编码,项目,合计（万元）,基本支出（万元）,项目支出（万元）",  # each amount column says its unit
        ",合计,1500.00,1100.00,400.00",
    ]
    findings = client.get(f"/api/documents/{_latest(store)}/findings", params={"format": "csv"}).text
    assert "规则,规则名称,严重程度,位置" in findings and "表3 合计 项目支出" in findings
    assert "处数" in client.get("/api/findings", params={"format": "csv"}).text
    assert "收入总计（万元）" in client.get(f"/api/units/{UNIT}", params={"format": "csv"}).text
    workbook = load_workbook(BytesIO(client.get("/api/documents", params={"format": "xlsx"}).content))
    assert workbook.active["B1"].value == "单位"


def test_api_docs_are_served_locally(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/api/documents" in page and "接口说明" in page and "http" not in re.sub(r"https?://127", "", page)
    assert "/api/documents/{document_id}" in client.get("/openapi.json").json()["paths"]


def test_the_document_list_comes_in_pages_keeping_its_filters(client: TestClient, monkeypatch: Any) -> None:
    from yusuan.web import data

    everyone = [d["id"] for d in client.get("/api/documents", params={"per_page": 1000}).json()["documents"]]
    assert len(everyone) == 5
    paged = [client.get("/api/documents", params={"per_page": 2, "page": n}).json() for n in (1, 2, 3, 4)]
    assert [d["id"] for p in paged[:3] for d in p["documents"]] == everyone
    assert [(p["page"], p["pages"], p["shown"]) for p in paged] == [(1, 3, 5), (2, 3, 5), (3, 3, 5), (4, 3, 5)]
    assert paged[3]["documents"] == [] and paged[3]["on_page"] == 0  # past the end: nothing, not the last page again
    assert client.get("/api/documents", params={"per_page": 0}).status_code == 422
    csv = client.get("/api/documents", params={"per_page": 2, "format": "csv"}).text
    assert len(csv.strip().splitlines()) == 1 + 5  # a download is every document, not a page
    monkeypatch.setattr(data, "PAGE_SIZE", 2)
    first = client.get("/", params={"status": "checked"}).text
    assert "显示 4 份（第 1 / 2 页，每页 2 份）" in visible(first)
    assert 'href="/?status=checked&amp;page=2" rel="next">下一页' in first
    second = client.get("/", params={"status": "checked", "page": "2"}).text
    assert 'rel="prev">上一页' in second and "下一页" not in second
    assert "第 1 / 2 页" in visible(client.get("/", params={"status": "checked", "page": "x"}).text)
    past = visible(client.get("/", params={"status": "checked", "page": "9"}).text)
    assert "第 9 页没有文档：符合条件的文档只有 2 页。" in past and "第 9 / 2 页" not in past


def test_an_address_fastapi_cannot_validate_is_answered_in_chinese(client: TestClient) -> None:
    # each parameter named in Chinese, never by its key; the API adds the key, which its user types
    page = client.get("/documents/abc")
    assert page.status_code == 404 and "地址中的“文档编号”应为整数" in visible(page.text)
    assert "document_id" not in page.text
    assert client.get("/api/documents/abc").json() == {"detail": "地址中的“文档编号”（document_id）应为整数"}
    bad_format = client.get("/api/documents", params={"format": "pdf"})
    assert bad_format.status_code == 422
    assert bad_format.json() == {"detail": "地址参数中的“下载格式”（format）应为 'json'、'csv'、'xlsx' 之一"}
    too_small = client.get("/api/documents", params={"page": "0"}).json()
    assert too_small == {"detail": "地址参数中的“页码”（page）应不小于 1"}
    bad_table = client.get("/api/documents/1/tables/x").json()
    assert bad_table == {"detail": "地址中的“表的序号”（table_index）应为整数"}
    bad_year = client.get("/", params={"page": "x", "year": "二〇二四"})
    assert bad_year.status_code == 200  # the pages read their own parameters leniently
    units = client.get("/units/x", params={"format": "1"})
    assert units.status_code == 404 and "未找到" in units.text
    no_files = client.post("/api/upload")
    assert no_files.status_code == 422 and no_files.json() == {"detail": "提交的表单中的“上传的文件”（files）缺少此项"}
    no_files_page = client.post("/upload")
    assert no_files_page.status_code == 400 and "提交的表单中的“上传的文件”缺少此项" in visible(no_files_page.text)
    assert "files" not in visible(no_files_page.text)


def test_a_parameter_no_name_is_known_for_is_named_neutrally() -> None:
    from yusuan.web.routing import invalid_request_message

    error = {"type": "missing", "loc": ("query", "zzz")}
    assert invalid_request_message([error]) == "地址参数中的“参数”缺少此项"


@pytest.mark.parametrize("address", ["/nonexistent", "/static/x.css", "/documents/1/nothing"])
def test_an_unknown_address_gets_the_chinese_not_found_page(client: TestClient, address: str) -> None:
    page = client.get(address)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    text = visible(page.text)
    assert "<h1>未找到</h1>" in page.text and f"没有这个地址：{address}" in text and "Not Found" not in page.text


@pytest.mark.parametrize("address", ["/api/nonexistent", "/api/documents/1/nothing"])
def test_an_unknown_api_address_answers_in_chinese(client: TestClient, address: str) -> None:
    answer = client.get(address)
    assert answer.status_code == 404 and answer.json() == {"detail": f"没有这个地址：{address}"}


def test_a_wrong_method_answers_in_chinese(client: TestClient) -> None:
    answer = client.delete("/api/documents")
    assert answer.status_code == 405 and answer.json() == {"detail": "这个地址不接受 DELETE 请求：/api/documents"}
    assert answer.headers["allow"] == "GET"


def test_every_api_parameter_is_described_in_chinese_with_its_keys_named(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    parameters = [
        (path, p)
        for path, methods in spec["paths"].items()
        for op in methods.values()
        for p in op.get("parameters", [])
    ]
    assert [(path, p["name"]) for path, p in parameters if not p.get("description")] == []
    described = {p["name"]: p["description"] for path, p in parameters if path == "/api/documents"}
    assert described["kind"] == (
        "文件类型，取值：unit_budget（单位预算）、department_budget（部门预算）"
        "、unit_final_accounts（单位决算）、department_final_accounts（部门决算）"
    )
    assert "checked（已检查）、refused（无法读取）" in described["status"]
    severity = next(p["description"] for path, p in parameters if path == "/api/findings" and p["name"] == "severity")
    assert severity == "严重程度，取值：error（错误）、warning（警告）、info（提示）（code 为读取提示 read-… 时不筛选）"
    page = visible(client.get("/docs").text)
    assert "department_budget（部门预算）" in page and "只列有错误的文档" in page


def test_the_search_finds_a_name_whatever_the_width_of_its_parentheses_and_its_spaces(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.web.conftest import _unit_year
    from yusuan.store import open_store, store_record
    from yusuan.web.app import create_app

    db = tmp_path / "search.duckdb"
    connection = open_store(db)
    try:
        store_record(connection, replace(_unit_year(2024, "1.00", "1.00", "0.00", "0.00"), unit="深圳市公安局（本级）"))
        store_record(
            connection, replace(_unit_year(2023, "1.00", "1.00", "0.00", "0.00"), unit="深圳市 公安局交警支队")
        )
    finally:
        connection.close()
    app = create_app(db)
    try:
        web = TestClient(app)
        for typed, found in (
            ("深圳市公安局(本级)", ["深圳市公安局（本级）"]),
            ("公安局（本级）", ["深圳市公安局（本级）"]),
            ("公安局 (本级", ["深圳市公安局（本级）"]),
            ("深圳市公安局　交警", ["深圳市 公安局交警支队"]),
            ("深圳市公安局", ["深圳市 公安局交警支队", "深圳市公安局（本级）"]),
            ("(本级）)", []),
        ):
            shown = web.get("/api/documents", params={"q": typed}).json()["documents"]
            assert sorted(d["unit"] for d in shown) == found, typed
        assert "深圳市公安局（本级）" in visible(web.get("/", params={"q": "深圳市公安局(本级)"}).text)
    finally:
        app.state.page_images.renderer.close()


def test_the_search_text_is_trimmed(client: TestClient) -> None:
    found = client.get("/api/documents", params={"q": " 湖州 "}).json()["documents"]
    assert [d["unit"] for d in found] == ["湖州市退役军人事务局"]
    assert "湖州市退役军人事务局" in visible(client.get("/", params={"q": "湖州 "}).text)
