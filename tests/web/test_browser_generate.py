"""The 生成 page in a real browser (Debian's chromium driven by Playwright): download, upload, build, download."""

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
UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"


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


def test_download_the_example_upload_it_and_download_the_pdf(server: str, tmp_path: Path) -> None:
    import fitz
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            page.goto(server + "/")
            page.click("header nav >> text=生成")
            assert page.locator("h1").inner_text() == "生成预算公开文件"
            with page.expect_download() as example:
                page.locator(".template-list a", has_text="单位预算（已填好）").click()
            workbook = tmp_path / example.value.suggested_filename
            example.value.save_as(workbook)
            assert workbook.name == f"填报示例-{UNIT}-2024-单位预算.xlsx"
            page.set_input_files("input[name=file]", str(workbook))
            page.click("button[type=submit]")
            page.wait_for_selector("#result", timeout=120_000)
            assert page.locator("#income-total").inner_text() == "1,566.00 万元"
            assert page.locator("header nav a.on").inner_text() == "生成"
            with page.expect_download() as pdf:
                page.click("a.download.pdf")
            saved = tmp_path / pdf.value.suggested_filename
            pdf.value.save_as(saved)
            assert saved.name == f"{UNIT}-2024-单位预算公开.pdf"
            assert saved.read_bytes().startswith(b"%PDF")
            with fitz.open(saved) as document:
                assert UNIT in document[0].get_text()
        finally:
            browser.close()
