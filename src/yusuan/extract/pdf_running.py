"""Drop running page headers and footers: text a PDF repeats in its top or bottom margin on most pages.

Published disclosures (and the PDF yusuan renders) print the unit and the
document's name at the top of every page, sometimes a footer at the bottom.
Read as text, such a line would land in whichever paragraph, contents entry
or note the page break fell into — once even in the middle of a sentence.
A line is a running header or footer when the same text stands in the same
margin band, as the first or last lines of the page, at the same height,
on most pages.  A title the templates know (a table's or a performance
form's) is never taken for one, so a file of forms each titled alike keeps
its titles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from statistics import median

from yusuan.extract.normalise import fold
from yusuan.extract.pdf_page import PageContent, PageLine

BAND = 0.08  # top and bottom share of the page where running headers and footers sit
EDGE_LINES = 2  # how many lines at the top or the bottom of a page may be running text
MIN_PAGES = 3
MIN_SHARE = 0.5  # of the pages
POSITION_TOLERANCE = 0.012  # of the page height


def drop_running_lines(pages: Sequence[PageContent]) -> None:
    """Remove, in place, every running header and footer line of `pages`."""
    edges = [_edge_lines(page) for page in pages]
    heights: dict[tuple[str, str], list[float]] = defaultdict(list)
    for edge in edges:
        for line, band, height in edge:
            heights[fold(line.text), band].append(height)
    needed = max(MIN_PAGES, int(len(pages) * MIN_SHARE) + 1)
    running: dict[tuple[str, str], float] = {}
    for key, found in heights.items():
        usual = median(found)
        if sum(abs(h - usual) <= POSITION_TOLERANCE for h in found) >= needed and not _known_title(key[0]):
            running[key] = usual
    if not running:
        return
    for page, edge in zip(pages, edges, strict=True):
        dropped = set()
        for line, band, height in edge:
            at = running.get((fold(line.text), band))
            if at is not None and abs(height - at) <= POSITION_TOLERANCE:
                dropped.add(id(line))
        if dropped:
            page.lines = [line for line in page.lines if id(line) not in dropped]


def _edge_lines(page: PageContent) -> list[tuple[PageLine, str, float]]:
    """Free-text lines among the first and last few of the page standing in a margin band.

    Each with its band and its distance from that edge of the page, as a share of the page height.
    """
    found: list[tuple[PageLine, str, float]] = []
    for line in page.lines[:EDGE_LINES]:
        if not line.is_row and line.top < page.height * BAND:
            found.append((line, "top", line.top / page.height))
    seen = {id(line) for line, _, _ in found}
    for line in page.lines[-EDGE_LINES:]:
        if not line.is_row and id(line) not in seen and line.top + line.height > page.height * (1 - BAND):
            found.append((line, "bottom", (page.height - line.top) / page.height))
    return found


def _known_title(folded: str) -> bool:
    return any(title in folded for title in _titles())


@cache
def _titles() -> tuple[str, ...]:
    from yusuan.extract.detect import template_ids
    from yusuan.extract.template import load_template

    titles: set[str] = set()
    for template_id in template_ids():
        template = load_template(template_id)
        titles.update(title for table in template.tables for title in table.titles)
        titles.update(template.performance.unit_titles + template.performance.project_titles)
    return tuple(t for t in titles if len(t) >= 4)
