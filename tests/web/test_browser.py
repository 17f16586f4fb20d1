"""The pages in a real browser (Debian's chromium driven by Playwright): search, open, follow a finding, download."""

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


def test_search_open_follow_a_finding_and_download(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            page.goto(server + "/")
            assert page.locator("h1").inner_text() == "文档"
            page.fill("input[name=q]", "湖州")
            page.click("button[type=submit]")
            rows = page.locator("table.list tbody tr")
            assert rows.count() == 1
            page.click("text=湖州市退役军人事务局")
            assert "湖州市退役军人事务局" in page.locator("h1").inner_text()
            link = page.locator(".document-findings a.goto").first
            target = link.get_attribute("href")
            assert target and target.startswith("#c-")
            link.click()
            assert page.evaluate("document.querySelector(':target').id") == target[1:]
            cell = page.locator(target)
            assert "flagged" in (cell.get_attribute("class") or "")
            assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 210, 77)"
            assert cell.is_visible()
            with page.expect_download() as info:
                page.locator(".document-findings .downloads a", has_text="CSV").click()
            saved = tmp_path / "findings.csv"
            info.value.save_as(saved)
            text = saved.read_text("utf-8-sig")
            assert text.startswith("规则,规则名称,严重程度,位置") and "增长率与增减额不符" in text
        finally:
            browser.close()
