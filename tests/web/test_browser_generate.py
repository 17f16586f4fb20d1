"""The 生成 page in a real browser (Debian's chromium driven by Playwright): download, upload, build, download."""

from __future__ import annotations

from pathlib import Path

from tests.web.browser import browser_page, needs_chromium

pytestmark = needs_chromium
UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"


def test_download_the_example_upload_it_and_download_the_pdf(server: str, tmp_path: Path) -> None:
    import fitz

    with browser_page() as page:
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
