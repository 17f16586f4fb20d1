"""A finding's PDF page in a real browser: nothing fetched until asked, then the page image beside the findings."""

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
    app = create_app(store)
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)
    app.state.page_images.renderer.close()


def test_open_a_finding_s_page_image(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            images: list[str] = []
            page.on("request", lambda request: images.append(request.url) if ".png" in request.url else None)
            page.goto(server + "/?q=" + "广州市信访局")
            page.click("text=广州市信访局")
            assert "广州市信访局" in page.locator("h1").inner_text()
            link = page.locator(".document-findings a.page-link").first
            assert link.inner_text() == "原文第 8 页"
            panel = page.locator(link.get_attribute("href") or "")
            assert not panel.is_visible() and images == []  # the page stays light: no image until asked
            link.click()
            image = panel.locator("img")
            image.wait_for(state="visible")
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            assert image.evaluate("img => img.naturalWidth") == 1600  # a landscape table page
            assert len(images) == 1 and "/pages/8.png?finding=" in images[0]
            box = image.bounding_box()
            findings = page.locator(".document-findings").bounding_box()
            assert box and findings and box["x"] + box["width"] <= findings["x"]  # beside the list, not over it
            panel.locator("a.page-panel-close").click()
            assert not panel.is_visible()
        finally:
            browser.close()
