"""The 对比 page in a real browser (Debian's chromium driven by Playwright): pick two units, read both columns,
download the side-by-side table as CSV."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no chromium at /usr/bin/chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[str]:
    import uvicorn

    from yusuan.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


def test_pick_two_units_see_both_columns_and_download_the_csv(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
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
        finally:
            browser.close()
