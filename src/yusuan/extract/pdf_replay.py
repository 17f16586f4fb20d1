"""Interpret a PDF page's drawing once, and replay it for its text and for its text trace.

`pdf_page` reads a page's characters (PyMuPDF's text page, `rawdict`) and
`pdf_pages` its text trace (glyph ids and every character drawn, for the
page defects).  Each of PyMuPDF's page methods interprets the page's content
stream anew: operators parsed, fonts and glyphs loaded, every time.  A
display list records what the page draws, once; replaying it into the text
device and into the trace device skips the interpreting.  Over the 2,750
pages of the corpus, the text page with its `rawdict`, the trace and the
drawings took 19.4 and 19.9 CPU s read from the page, 17.4 and 17.5 with the first two replayed (two runs each,
one process per way, 2026-12-07).  The drawings are still read from the page:
PyMuPDF reads them only from a page.

The readings differ in one thing: replaying a display list skips what a clip
path hides wholly.  Over the corpus that is 4,380 spaces in the text pages
(the characters skip spaces) and 483 characters in the traces: 481 below the
page on 江苏省人大办公厅 2017's pages, 2 within a 重庆 page.  No page's lines or
marks change; text a clip path hides is unseen, which the defects' own rule
leaves unreported (`pdf_pages`).

A rotated page (`/Rotate`) is read from the page as before: the trace is
taken in the unrotated page's frame, which a display list of the page as
shown does not give (35 of the corpus's pages).
"""

from __future__ import annotations

import importlib
from typing import Any


def display_list(page: Any) -> Any | None:
    """The page's display list, or None where the readings come from the page itself (a rotated page)."""
    if page.rotation:
        return None
    return page.get_displaylist()


def text_page(page: Any, listing: Any | None, flags: int) -> Any:
    """PyMuPDF's `TextPage` of the page with `flags`, from `listing` when there is one."""
    if listing is None:
        return page.get_textpage(flags=flags)
    pymupdf: Any = importlib.import_module("pymupdf")
    made = pymupdf.TextPage(listing.get_textpage(flags=flags))
    made.parent = page  # as `Page.get_textpage` does: `get_text(textpage=…)` checks it
    return made


def text_trace(page: Any, listing: Any | None) -> list[dict[str, Any]]:
    """`page.get_texttrace()`, from `listing` when there is one (what `get_texttrace` does, but for the source
    it runs: the display list instead of the page)."""
    if listing is None:
        return list(page.get_texttrace())
    pymupdf: Any = importlib.import_module("pymupdf")
    mupdf, extra = pymupdf.mupdf, pymupdf.extra
    spans: list[dict[str, Any]] = []
    device = extra.JM_new_texttrace_device(spans)
    bottom = mupdf.fz_bound_page(page.this).y1
    device.ptm = mupdf.FzMatrix(1, 0, 0, -1, 0, bottom)
    everywhere = mupdf.FzRect(mupdf.FzRect.Fixed_INFINITE)
    mupdf.fz_run_display_list(listing.this, device, mupdf.FzMatrix(), everywhere, mupdf.FzCookie())
    mupdf.fz_close_device(device)
    return spans
