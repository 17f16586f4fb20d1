"""The Excel downloads: amounts as numbers in #,##0.00 under headings naming their unit, columns wide enough; the
download of one rule's findings names the rule in Chinese."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.test_pages import _latest
from yusuan.web.labels import rule_title
from yusuan.web.workbook import workbook_bytes


def test_a_table_downloads_with_its_amounts_formatted_and_its_unit_named(client: TestClient, store: Path) -> None:
    answer = client.get(f"/api/documents/{_latest(store)}/tables/2", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet.title == "测试市示例局2024-表9"
    assert [c.value for c in sheet[1]] == ["科目编码", "项目", "合计（元）"]  # the 三公 table is printed in 元
    total = sheet["C2"]
    assert (total.value, total.data_type, total.number_format) == (30000, "n", "#,##0.00")
    assert sheet.column_dimensions["C"].width == 12 and sheet.freeze_panes == "A2"  # 合计（元）: 10 wide, + 2


def test_an_amount_with_more_places_than_cents_shows_them_all() -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes(["金额（元）"], [(Decimal("1234.567000"),), ("=1+1",)]))).active
    assert (sheet["A2"].value, sheet["A2"].number_format) == (1234.567, "#,##0.000")
    assert sheet["A3"].data_type == "s" and sheet["A3"].value == "=1+1"  # text stays text


def test_the_findings_of_one_rule_download_with_the_rules_chinese_name(client: TestClient) -> None:
    title = rule_title("expenditure-columns")
    answer = client.get("/api/findings", params={"code": "expenditure-columns", "format": "xlsx"})
    assert answer.headers["content-disposition"].endswith(f"UTF-8''{quote(f'问题-{title}.xlsx')}")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header = [c.value for c in sheet[1]]
    assert header[5:7] == ["规则", "规则名称"]
    assert [c.value for c in sheet[2]][5:7] == ["expenditure-columns", title]
    assert title and title != "其他问题"
