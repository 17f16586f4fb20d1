"""The lists sort by a click on a column heading: each key's order pinned on a small store built here (ties,
filters, paging), the same order in JSON, CSV and XLSX, the headings' links and marks, an unknown key."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from yusuan.store import PublicationRecord, open_store, queries, store_record
from yusuan.store.records import FileRecord, FindingRecord

RULE = "expenditure-columns"


def _finding(index: int, code: str, severity: str) -> FindingRecord:
    return FindingRecord(index, code, severity, f"示例问题 {index}", None, "3", None, None, None, None, 5, None,
                         None, None, None)  # fmt: skip


def _record(name: str, unit: str | None, region: str | None, year: int | None, kind: str | None, pages: int | None,
            errors: int = 0, warnings: int = 0, notices: int = 0) -> PublicationRecord:  # fmt: skip
    findings = (
        [_finding(i, RULE, "error") for i in range(errors)]
        + [_finding(errors + i, RULE, "warning") for i in range(warnings)]
        + [_finding(errors + warnings + i, "read-table-doubtful", "info") for i in range(notices)]
    )
    return PublicationRecord(
        files=(FileRecord(f"/data/{name}.pdf", name.encode().hex().ljust(64, "0"), 100),),
        status="checked",
        unit=unit,
        region=region,
        year=year,
        kind=kind,
        level="市级",
        pages=pages,
        findings=tuple(findings),
    )


# label → record; 乙23a and 乙23b agree in every column but their id (stored in this order: a before b)
RECORDS = {
    "甲24": _record("甲24", "甲局", "测试省 甲市", 2024, "department_budget", 30, errors=2, notices=1),
    "乙23a": _record("乙23a", "乙局", "测试省 乙市", 2023, "unit_budget", 12, warnings=3),
    "丙24": _record("丙24", "丙局", "测试省 甲市", 2024, "unit_final_accounts", 12, errors=2, warnings=1),
    "甲23": _record("甲23", "甲局", "测试省 甲市", 2023, "department_budget", None, errors=1, notices=2),
    "丁25": _record("丁25", "丁局", None, 2025, "department_final_accounts", 40),
    "乙23b": _record("乙23b", "乙局", "测试省 乙市", 2023, "unit_budget", 12, warnings=3),
    "坏": PublicationRecord(
        files=(FileRecord("/data/坏.pdf", "f" * 64, 10),), status="refused", error="坏.pdf: PDF 文件不完整"
    ),
}
# names in pinyin order: 丙 bǐng < 丁 dīng < 甲 jiǎ < 乙 yǐ (in code points 丁 < 丙 < 乙 < 甲)
DEFAULT = ["丙24", "丁25", "甲24", "甲23", "乙23a", "乙23b", "坏"]
DOCUMENT_ORDERS = {
    "unit": DEFAULT,
    "-unit": ["乙23a", "乙23b", "甲24", "甲23", "丁25", "丙24", "坏"],
    "region": ["丙24", "甲24", "甲23", "乙23a", "乙23b", "丁25", "坏"],  # no region: last either way
    "-region": ["乙23a", "乙23b", "丙24", "甲24", "甲23", "丁25", "坏"],
    "year": ["甲23", "乙23a", "乙23b", "丙24", "甲24", "丁25", "坏"],
    "-year": ["丁25", "丙24", "甲24", "甲23", "乙23a", "乙23b", "坏"],
    "kind": ["甲24", "甲23", "丁25", "乙23a", "乙23b", "丙24", "坏"],
    "-kind": ["丙24", "乙23a", "乙23b", "丁25", "甲24", "甲23", "坏"],
    "status": DEFAULT,
    "-status": ["坏", "丙24", "丁25", "甲24", "甲23", "乙23a", "乙23b"],  # the file not checked first only here
    "errors": ["丁25", "乙23a", "乙23b", "甲23", "丙24", "甲24", "坏"],
    "-errors": ["丙24", "甲24", "甲23", "丁25", "乙23a", "乙23b", "坏"],
    "warnings": ["丁25", "甲24", "甲23", "丙24", "乙23a", "乙23b", "坏"],
    "-warnings": ["乙23a", "乙23b", "丙24", "丁25", "甲24", "甲23", "坏"],
    "notices": ["丙24", "丁25", "乙23a", "乙23b", "甲24", "甲23", "坏"],
    "-notices": ["甲23", "甲24", "丙24", "丁25", "乙23a", "乙23b", "坏"],
    "pages": ["丙24", "乙23a", "乙23b", "甲24", "丁25", "甲23", "坏"],  # no page count: last either way
    "-pages": ["丁25", "甲24", "丙24", "乙23a", "乙23b", "甲23", "坏"],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The store of `RECORDS`, and each record's document id by its label."""
    db = tmp_path_factory.mktemp("sorting") / "sorting.duckdb"
    connection = open_store(db)
    try:
        return db, {label: store_record(connection, record) for label, record in RECORDS.items()}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def ids(built: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return built[1]


@pytest.fixture(scope="module")
def web(built: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    from yusuan.web.app import create_app

    app = create_app(built[0])
    yield TestClient(app)
    app.state.connection.close()


def _labels(ids: dict[str, int], found: list[Any]) -> list[str]:
    by_id = {v: k for k, v in ids.items()}
    return [by_id[int(i)] for i in found]


def _csv_column(answer: Any, heading: str) -> list[str]:
    lines = [line.split(",") for line in answer.content.decode("utf-8-sig").splitlines()]
    column = lines[0].index(heading)
    return [line[column] for line in lines[1:]]


def _xlsx_column(answer: Any, heading: str) -> list[Any]:
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(heading)
    return [row[column] for row in rows[1:]]


@pytest.mark.parametrize(("sort", "expected"), DOCUMENT_ORDERS.items())
def test_the_document_list_in_each_order_alike_in_json_csv_and_xlsx(
    web: TestClient, ids: dict[str, int], sort: str, expected: list[str]
) -> None:
    body = web.get("/api/documents", params={"sort": sort}).json()
    assert _labels(ids, [d["id"] for d in body["documents"]]) == expected
    assert body["sort"] == sort
    csv = web.get("/api/documents", params={"sort": sort, "format": "csv"})
    assert _labels(ids, _csv_column(csv, "编号")) == expected
    xlsx = web.get("/api/documents", params={"sort": sort, "format": "xlsx"})
    assert _labels(ids, _xlsx_column(xlsx, "编号")) == expected
    page = web.get("/", params={"sort": sort}).text
    assert _labels(ids, re.findall(r'<a href="/documents/(\d+)">', page)) == expected


def test_the_own_order_is_by_unit_and_a_page_reads_an_unknown_key_as_it(web: TestClient, ids: dict[str, int]) -> None:
    assert _labels(ids, [d["id"] for d in web.get("/api/documents").json()["documents"]]) == DEFAULT
    assert web.get("/api/documents").json()["sort"] == "unit"
    assert web.get("/api/documents", params={"sort": " "}).json()["sort"] == "unit"  # blank: none asked
    for unknown in ("files", "id", "-", "--errors", "errors;drop table documents", "ERRORS"):
        page = web.get("/", params={"sort": unknown})
        assert page.status_code == 200, unknown
        assert _labels(ids, re.findall(r'<a href="/documents/(\d+)">', page.text)) == DEFAULT
        assert "sort=" not in page.text.split("<table", 1)[0]  # the filter form and downloads carry no bad key
        answer = web.get("/api/documents", params={"sort": unknown})
        assert answer.status_code == 422 and answer.json() == {
            "detail": "地址参数中的“排序”（sort）应为 unit、region、year、kind、status、errors、warnings、notices、"
            "pages 之一（前加 - 为降序）"
        }
    assert web.get("/api/documents", params={"sort": "x", "format": "csv"}).status_code == 422


def test_paging_in_an_order_with_ties_never_repeats_or_skips(web: TestClient, ids: dict[str, int]) -> None:
    for sort, expected in DOCUMENT_ORDERS.items():
        for per_page in (1, 2, 3):
            pages = -(-len(expected) // per_page)
            shown = [
                d["id"]
                for n in range(1, pages + 1)
                for d in web.get("/api/documents", params={"sort": sort, "per_page": per_page, "page": n}).json()[
                    "documents"
                ]
            ]
            assert _labels(ids, shown) == expected, (sort, per_page)


def test_an_order_with_a_filter_and_a_search(web: TestClient, ids: dict[str, int]) -> None:
    def shown(**params: str) -> list[str]:
        return _labels(ids, [d["id"] for d in web.get("/api/documents", params=params).json()["documents"]])

    assert shown(region="测试省 甲市", sort="-errors") == ["丙24", "甲24", "甲23"]
    assert shown(region="测试省 甲市", sort="errors") == ["甲23", "丙24", "甲24"]
    assert shown(q="甲", sort="pages") == ["甲24", "甲23"]
    assert shown(errors="1", sort="-pages", per_page="1", page="2") == ["丙24"]
    assert shown(year="2023", sort="-warnings") == ["乙23a", "乙23b", "甲23"]
    csv = web.get("/api/documents", params={"year": "2023", "sort": "-warnings", "format": "csv"})
    assert _labels(ids, _csv_column(csv, "编号")) == ["乙23a", "乙23b", "甲23"]


def _headings(page: str) -> list[tuple[str, str, str, str]]:
    """Each sortable heading of the page's list: (aria-sort, link, text, mark); its tooltip names it."""
    found = re.findall(
        r'<th(?: class="num")?(?: aria-sort="(\w+)")?><a class="sort" href="([^"]*)" title="按([^"]+)排序">([^<]+)'
        r'(?:<span class="mark">(.)</span>)?</a></th>',
        page,
    )
    assert all(title == text for _, _, title, text, _ in found)
    return [(aria, link.replace("&amp;", "&"), text, mark) for aria, link, _, text, mark in found]


def test_the_headings_link_to_each_order_and_mark_the_current_one(web: TestClient) -> None:
    assert _headings(web.get("/").text) == [
        ("ascending", "/?sort=-unit", "单位", "▲"),  # the list's own order, marked; a click reverses it
        ("", "/?sort=region", "地区", ""),
        ("", "/?sort=-year", "年度", ""),  # latest first on the first click
        ("", "/?sort=kind", "类型", ""),
        ("", "/?sort=status", "状态", ""),
        ("", "/?sort=-errors", "错误", ""),  # most first on the first click
        ("", "/?sort=-warnings", "警告", ""),
        ("", "/?sort=-notices", "读取提示", ""),
        ("", "/?sort=-pages", "页数", ""),
    ]
    page = web.get("/", params={"region": "测试省 甲市", "sort": "-errors", "page": "1"}).text
    region = "region=%E6%B5%8B%E8%AF%95%E7%9C%81+%E7%94%B2%E5%B8%82"
    headings = _headings(page)
    assert headings[0] == ("", f"/?{region}", "单位", "")  # the list's own order: no sort in the address
    assert headings[5] == ("descending", f"/?{region}&sort=errors", "错误", "▼")  # page dropped, filter kept
    assert headings[2] == ("", f"/?{region}&sort=-year", "年度", "")
    ascending = _headings(web.get("/", params={"sort": "errors"}).text)[5]
    assert ascending == ("ascending", "/?sort=-errors", "错误", "▲")
    assert f'href="/api/documents?{region}&amp;sort=-errors&format=csv"' in page  # downloads in the same order
    assert f'href="/api/documents?{region}&amp;sort=-errors&format=xlsx"' in page
    assert '<input type="hidden" name="sort" value="-errors">' in page  # a new search keeps the order
    assert 'name="sort"' not in web.get("/").text


def test_the_pager_keeps_the_order(web: TestClient, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    from yusuan.web import data

    monkeypatch.setattr(data, "PAGE_SIZE", 3)
    first = web.get("/", params={"sort": "-errors", "status": "checked"}).text
    assert 'href="/?status=checked&amp;sort=-errors&amp;page=2" rel="next">下一页' in first
    second = web.get("/", params={"status": "checked", "sort": "-errors", "page": "2"}).text
    assert _labels(ids, re.findall(r'<a href="/documents/(\d+)">', second)) == ["丁25", "乙23a", "乙23b"]


UNIT_ORDERS = {
    "unit": ["丙局", "丁局", "甲局", "乙局"],
    "-unit": ["乙局", "甲局", "丁局", "丙局"],
    "region": ["丙局", "甲局", "乙局", "丁局"],
    "-region": ["乙局", "丙局", "甲局", "丁局"],
    "years": ["乙局", "丙局", "甲局", "丁局"],  # by the latest year: 2023, 2024, 2024, 2025
    "-years": ["丁局", "丙局", "甲局", "乙局"],
    "documents": ["丙局", "丁局", "甲局", "乙局"],
    "-documents": ["甲局", "乙局", "丙局", "丁局"],
}


@pytest.mark.parametrize(("sort", "expected"), UNIT_ORDERS.items())
def test_the_units_list_in_each_order(web: TestClient, sort: str, expected: list[str]) -> None:
    body = web.get("/api/units", params={"sort": sort}).json()
    assert [u["unit"] for u in body["units"]] == expected and body["sort"] == sort
    assert _csv_column(web.get("/api/units", params={"sort": sort, "format": "csv"}), "单位") == expected
    assert _xlsx_column(web.get("/api/units", params={"sort": sort, "format": "xlsx"}), "单位") == expected
    assert re.findall(r'<td><a href="/units/[^"]+">([^<]+)</a>', web.get("/units", params={"sort": sort}).text) == (
        expected
    )


def test_the_units_headings_and_downloads(web: TestClient) -> None:
    page = web.get("/units", params={"sort": "-documents"}).text
    assert _headings(page) == [
        ("", "/units", "单位", ""),
        ("", "/units?sort=region", "地区", ""),
        ("", "/units?sort=-years", "年度", ""),
        ("descending", "/units?sort=documents", "文档数", "▼"),
    ]
    assert 'href="/api/units?sort=-documents&format=csv"' in page
    assert 'href="/api/units?format=xlsx"' in web.get("/units", params={"sort": "nothing"}).text
    assert web.get("/api/units", params={"sort": "nothing"}).status_code == 422


RULE_ORDERS = {
    "-findings": ["乙23a 警告 3", "乙23b 警告 3", "丙24 错误 2", "甲24 错误 2", "丙24 警告 1", "甲23 错误 1"],
    "findings": ["丙24 警告 1", "甲23 错误 1", "丙24 错误 2", "甲24 错误 2", "乙23a 警告 3", "乙23b 警告 3"],
    "severity": ["丙24 错误 2", "甲24 错误 2", "甲23 错误 1", "乙23a 警告 3", "乙23b 警告 3", "丙24 警告 1"],
    "-severity": ["乙23a 警告 3", "乙23b 警告 3", "丙24 警告 1", "丙24 错误 2", "甲24 错误 2", "甲23 错误 1"],
    "unit": ["丙24 错误 2", "丙24 警告 1", "甲24 错误 2", "甲23 错误 1", "乙23a 警告 3", "乙23b 警告 3"],
    "-year": ["丙24 错误 2", "甲24 错误 2", "丙24 警告 1", "乙23a 警告 3", "乙23b 警告 3", "甲23 错误 1"],
}


@pytest.mark.parametrize(("sort", "expected"), RULE_ORDERS.items())
def test_a_rules_documents_in_each_order(web: TestClient, ids: dict[str, int], sort: str, expected: list[str]) -> None:
    params = {"code": RULE, "sort": sort}
    body = web.get("/api/findings", params=params).json()
    assert body["sort"] == sort
    shown = [f"{_labels(ids, [d['id']])[0]} {d['severity_label']} {d['findings']}" for d in body["documents"]]
    assert shown == expected
    csv = web.get("/api/findings", params={**params, "format": "csv"})
    assert _labels(ids, _csv_column(csv, "编号")) == [e.split()[0] for e in expected]
    xlsx = web.get("/api/findings", params={**params, "format": "xlsx"})
    assert _labels(ids, _xlsx_column(xlsx, "编号")) == [e.split()[0] for e in expected]


def test_a_rules_documents_headings_filter_and_downloads(web: TestClient, ids: dict[str, int]) -> None:
    page = web.get("/findings", params={"code": RULE, "severity": "error", "sort": "unit"}).text
    assert _headings(page) == [
        ("ascending", f"/findings?code={RULE}&severity=error&sort=-unit", "单位", "▲"),
        ("", f"/findings?code={RULE}&severity=error&sort=region", "地区", ""),
        ("", f"/findings?code={RULE}&severity=error&sort=-year", "年度", ""),
        ("", f"/findings?code={RULE}&severity=error&sort=kind", "类型", ""),
        ("", f"/findings?code={RULE}&severity=error&sort=severity", "严重程度", ""),
        ("", f"/findings?code={RULE}&severity=error", "处数", ""),  # the list's own order: most first
    ]
    assert _labels(ids, re.findall(r'<a href="/documents/(\d+)#findings">', page)) == ["丙24", "甲24", "甲23"]
    assert f'href="/api/findings?code={RULE}&amp;severity=error&amp;sort=unit&format=csv"' in page
    assert '<input type="hidden" name="sort" value="unit">' in page
    assert web.get("/findings", params={"code": RULE, "sort": "example"}).status_code == 200
    assert web.get("/api/findings", params={"code": RULE, "sort": "example"}).status_code == 422


def test_sort_is_described_in_chinese_in_the_api_docs(web: TestClient) -> None:
    spec = web.get("/openapi.json").json()["paths"]

    def described(path: str) -> str:
        return next(p["description"] for p in spec[path]["get"]["parameters"] if p["name"] == "sort")

    assert described("/api/documents") == (
        "排序，取值：unit（单位）、region（地区）、year（年度）、kind（类型）、status（状态）、errors（错误）"
        "、warnings（警告）、notices（读取提示）、pages（页数）；前加 - 为降序（如 -pages）；不填为默认顺序（unit）"
        "；顺序相同的按默认顺序排列；未能检查的文件排在已检查的之后（按状态排序时除外）"
    )
    assert described("/api/units").startswith(
        "排序，取值：unit（单位）、region（地区）、years（年度）、documents（文档数）"
    )
    assert "severity（严重程度）、findings（处数）" in described("/api/findings")
    assert "前加 - 为降序" in web.get("/docs").text


def test_the_store_orders_only_by_its_own_columns(built: tuple[Path, dict[str, int]]) -> None:
    from yusuan.store import queries
    from yusuan.store.export import open_read_only

    connection = open_read_only(built[0])
    try:
        every = queries.DocumentFilter()
        with pytest.raises(ValueError, match="no sortable column"):
            queries.documents(connection, every, order=queries.Order("unit; DROP TABLE documents"))
        with pytest.raises(ValueError, match="no sortable column"):
            queries.units(connection, queries.Order("files"))
        found = queries.documents(connection, every, order=queries.Order("checked_at", descending=True))
        assert len(found) == len(RECORDS)
    finally:
        connection.close()


def test_names_are_in_pinyin_order() -> None:
    connection = duckdb.connect()
    try:
        names = ["上海市", "北京市", "重庆市", "安徽省", "北京市", "江苏省 无锡市", "江苏省"]
        expected = ["安徽省", "北京市", "重庆市", "江苏省", "江苏省 无锡市", "上海市"]
        assert queries.in_pinyin(connection, names) == expected
        assert queries.with_larger_regions(connection, ["江苏省 无锡市", "广东省 深圳市"]) == [
            "广东省",
            "广东省 深圳市",
            "江苏省",
            "江苏省 无锡市",
        ]
    finally:
        connection.close()


def test_the_filters_offer_regions_in_pinyin_order(web: TestClient) -> None:
    page = web.get("/").text
    assert page.index(">测试省 甲市<") < page.index(">测试省 乙市<")  # jiǎ before yǐ (乙 U+4E59 < 甲 U+7532)
