"""In chromium: a click on a column heading sorts the document list, a second click reverses it, and a search
made from the sorted list keeps its order."""

from __future__ import annotations

import httpx

from tests.web.browser import browser_page, needs_chromium

pytestmark = needs_chromium


def test_a_heading_click_sorts_and_a_search_keeps_the_order(server: str) -> None:
    def units(sort: str, **params: str) -> list[str]:
        found = httpx.get(server + "/api/documents", params={"sort": sort, **params}).json()["documents"]
        return [d["unit"] or d["files"] for d in found]

    with browser_page() as page:
        page.goto(server + "/")
        heading = page.locator("table.list thead th", has_text="错误")
        heading.locator("a").click()
        assert page.url == server + "/?sort=-errors"
        assert heading.get_attribute("aria-sort") == "descending" and heading.inner_text().endswith("▼")
        rows = page.locator("table.list tbody tr td:first-child")

        def shown() -> list[str]:
            return [text.split("\n")[0] for text in rows.all_inner_texts()]  # a file not checked: its reason below

        assert shown() == units("-errors")
        heading.locator("a").click()
        assert page.url == server + "/?sort=errors" and heading.inner_text().endswith("▲")
        page.fill("input[name=q]", "局")
        page.click("button[type=submit]")
        assert "sort=errors" in page.url
        assert heading.get_attribute("aria-sort") == "ascending"
        assert shown() == units("errors", q="局") != units("errors")
