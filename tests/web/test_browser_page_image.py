"""A finding's PDF page in a real browser: nothing fetched until asked, then the page image beside the findings."""

from __future__ import annotations

from tests.web.browser import browser_page, needs_chromium

pytestmark = needs_chromium


def test_open_a_finding_s_page_image(server: str) -> None:
    with browser_page() as page:
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
