"""The units page's list as JSON, CSV and XLSX (/api/units), and its download links."""

from __future__ import annotations

import io

import duckdb
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.conftest import UNIT
from yusuan.store import queries


def test_the_units_list_as_json_and_as_downloads(client: TestClient) -> None:
    units = client.get("/api/units").json()["units"]
    mine = next(u for u in units if u["unit"] == UNIT)
    assert (mine["region"], mine["documents"]) == ("测试省 测试市", len(mine["years"]))
    names = [u["unit"] for u in units]
    assert names == queries.in_pinyin(duckdb.connect(), names) != sorted(names)  # 测试 cè before 广州 guǎng
    csv = client.get("/api/units", params={"format": "csv"})
    assert csv.status_code == 200 and csv.text.lstrip("\ufeff").splitlines()[0] == "单位,地区,最近年度,各年度,文档数"
    assert f"{UNIT},测试省 测试市,2024,2023、2024,2" in csv.text.splitlines()
    sheet = load_workbook(io.BytesIO(client.get("/api/units", params={"format": "xlsx"}).content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "地区", "最近年度", "各年度", "文档数")
    assert (UNIT, "测试省 测试市", 2024, "2023、2024", 2) in rows  # the year a number, as in every download
    assert all(isinstance(row[2], int) for row in rows[1:])
    assert 'href="/api/units?format=xlsx"' in client.get("/units").text
