"""A PDF's page marks as the `PageDefect`s a `Disclosure` carries for the `pages` rule family.

`pdf_pages.page_marks` notes what a page shows that its text hides while the
page is being read; this module turns the marks of a document's laid-out
pages into findings' raw material.  It is apart from `pdf_pages` because it
needs the model (pydantic), which a page reader started before the command's
imports (`pdf_prefetch`) must not wait for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from yusuan.extract.lines import TextLine
from yusuan.extract.pdf_pages import BLANK, GLYPH_MISSING, TEXT_OUTSIDE
from yusuan.model.disclosure import Disclosure, PageDefect

if TYPE_CHECKING:
    from yusuan.extract.pdf_page import PageContent


def page_defects(pages: Sequence[PageContent]) -> list[PageDefect]:
    """The defects of a document's laid-out pages (page numbers and running lines already dropped)."""
    defects: list[PageDefect] = []
    for page in pages:
        marks = page.marks
        if marks is None:
            continue
        if not page.lines and marks.ink is False:
            defects.append(PageDefect(kind=BLANK, page=page.number))
        if marks.outside_count:
            defects.append(
                PageDefect(kind=TEXT_OUTSIDE, page=page.number, text=marks.outside, count=marks.outside_count)
            )
        if marks.missing_count:
            defects.append(
                PageDefect(kind=GLYPH_MISSING, page=page.number, text=marks.missing, count=marks.missing_count)
            )
    return defects


class PagedLines(list[TextLine]):
    """A PDF's lines, and the defects of the pages they were read from (`defects`)."""

    def __init__(self, lines: Sequence[TextLine], defects: Sequence[PageDefect]) -> None:
        super().__init__(lines)
        self.defects = tuple(defects)


def with_defects(disclosure: Disclosure, lines: Sequence[TextLine], file: str | None = None) -> Disclosure:
    """The disclosure read from `lines`, carrying the page defects they bring (tagged with `file` if given)."""
    if not isinstance(lines, PagedLines) or not lines.defects:
        return disclosure
    found = [d.model_copy(update={"file": file}) if file else d for d in lines.defects]
    return disclosure.model_copy(update={"page_defects": [*disclosure.page_defects, *found]})
