"""The 对比 page in a real browser (Debian's chromium driven by Playwright): pick two units, read both columns,
download the side-by-side table as CSV."""

from __future__ import annotations

from pathlib import Path

from tests.web.browser import browser_page, needs_chromium

pytestmark = needs_chromium


def test_pick_two_units_see_both_columns_and_download_the_csv(server: str, tmp_path: Path) -> None:
    with browser_page() as page:
        page.goto(server + "/")
        page.click("nav >> text=对比")
        assert page.locator("h1").inner_text() == "单位对比"
        inputs = page.locator("input[name=unit]")
        assert inputs.count() == 8
        inputs.nth(0).fill("湖州市退役军人事务局")
        inputs.nth(1).fill("信访")  # a part of the name names one stored unit
        page.click("button[type=submit]")
        heads = page.locator("table.compare").first.locator("thead th.unit-head a")
        assert heads.all_inner_texts() == ["湖州市退役军人事务局", "广州市信访局"]
        first_row = page.locator("table.compare").first.locator("tbody tr").first
        assert first_row.locator("th").inner_text() == "收入总计"
        assert first_row.locator("td").all_inner_texts() == ["6,256.31", "3,944.08"]
        chart = page.locator("svg.chart.share")
        assert chart.count() == 1 and chart.bounding_box()["width"] == 900  # type: ignore[index]
        with page.expect_download() as info:
            page.locator(".downloads a", has_text="CSV").first.click()
        saved = tmp_path / "compare.csv"
        info.value.save_as(saved)
        lines = saved.read_text("utf-8-sig").splitlines()
        assert lines[0] == "项目（万元）,湖州市退役军人事务局,广州市信访局"
        assert lines[1] == "收入总计,6256.31,3944.08"
        first_row.locator("td a").first.click()
        assert "湖州市退役军人事务局" in page.locator("h1").inner_text()
        assert page.evaluate("location.hash").startswith("#t-")
