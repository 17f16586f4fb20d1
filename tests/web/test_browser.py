"""The pages in a real browser (Debian's chromium driven by Playwright): search, open, follow a finding, download."""

from __future__ import annotations

from pathlib import Path

from tests.web.browser import browser_page, needs_chromium

pytestmark = needs_chromium


def test_search_open_follow_a_finding_and_download(server: str, tmp_path: Path) -> None:
    with browser_page() as page:
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


def test_a_wide_table_scrolls_within_its_own_box_with_its_header_on_top(server: str) -> None:
    with browser_page() as page:
        page.set_viewport_size({"width": 560, "height": 700})  # narrower than the widest table of the 湖州 document
        page.goto(server + "/")
        page.click("text=湖州市退役军人事务局")
        boxes = page.locator(".document-tables .scroll")
        widths = boxes.evaluate_all("all => all.map(e => e.scrollWidth - e.clientWidth)")
        wide = boxes.nth(max(range(len(widths)), key=lambda i: widths[i]))
        assert max(widths) > 100
        shape = wide.evaluate(
            """e => { const style = getComputedStyle(e); e.scrollIntoView(); e.scrollLeft = e.scrollWidth;
              e.scrollTop = 200; const box = e.getBoundingClientRect();
              const last = e.querySelector('thead th:last-child').getBoundingClientRect();
              return {x: style.overflowX, height: box.height, inside: last.right <= box.right + 1,
                      headerTop: Math.round(last.top - box.top), pageWide: document.documentElement.scrollWidth}; }"""
        )
        assert shape["x"] == "auto" and shape["height"] <= 0.8 * 700 + 2  # its scrollbar within the window
        assert shape["inside"] and shape["headerTop"] <= 1  # the last column reachable; the header stayed on top
        assert shape["pageWide"] <= 560  # the page itself does not scroll sideways
