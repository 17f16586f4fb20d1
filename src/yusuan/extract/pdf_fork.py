"""Read the second half of a long PDF's pages in a forked child while the parent reads the first half.

Laying out a page (PyMuPDF's characters and drawings, then the cells and
lines of `pdf_page`) takes a few milliseconds, and a 187-page document spends
most of its check there; the pages are independent but for the columns a
table carries from one page to the next.  On Linux, with a second processor
and no other thread running (forking a threaded process is unsafe), a
document of `MIN_PAGES` or more is split: a forked child opens the file
again, reads the second half exactly as the parent would (starting with no
carried columns) and sends the pages back pickled through a pipe.

The result is the same as reading every page in turn: `stitch` takes a
child's page only when the columns the parent carries into it are the ones
the child used, and lays the page out again otherwise.  Only the child's
first pages can differ: its first page, and each next one while the page
before it ends in a table (whether a page ends in a table does not depend on
the columns carried into it, so once one does not, parent and child carry
the same from there on).  A long table running across the split page makes
that run long (Guangzhou's 卫健委: 52 of the child's 61 pages), so for the
pages of that run the child also sends what they are laid out from
(`pdf_page.PageLayout`: characters and grids): laying a page out again from
them costs a small part of reading it again.  Whatever goes wrong
in the child (a damaged page, the time limit, a crash) only means fewer
pages come back; the parent reads the rest itself, and raises the error a
damaged page deserves.  `YUSUAN_JOBS=1` turns the split off.
"""

from __future__ import annotations

import importlib
import math
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from yusuan.children import end_child, may_fork
from yusuan.extract.pdf_geometry import Grid
from yusuan.extract.pdf_page import Char, Columns, PageContent, PageLayout, lay_out_again, read_page_parts

ReadParts = Callable[[int, Columns | None], tuple[PageContent, list[Char], list[Grid]]]
"""Lay out page index `i` given the columns carried into it: `pdf_page.read_page_parts` of that page."""

MIN_PAGES = 40
SPLIT = 0.5  # share of the pages the parent reads itself


class Helper:
    """A forked child reading pages `first`… of the file; `pages()` waits for what it read."""

    def __init__(self, pid: int, fd: int, first: int) -> None:
        self.pid = pid
        self.fd = fd
        self.first = first
        self.layouts: list[bytes | None] = []  # per page of `pages()`: its `PageLayout`, pickled, or None
        self._done = False

    def pages(self) -> list[PageContent]:
        import pickle  # here and below on first use: a document too short to fork never needs it

        chunks = []
        try:
            while chunk := os.read(self.fd, 1 << 20):
                chunks.append(chunk)
            result = pickle.loads(b"".join(chunks))  # our own child's pages and their layouts
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            result = None
        finally:
            self.close()
        if not isinstance(result, tuple) or len(result) != 2 or len(result[0]) != len(result[1]):
            return []
        self.layouts = result[1]
        return list(result[0])

    def close(self) -> None:
        """Stop the child (if still running) and reap it."""
        if self._done:
            return
        self._done = True
        end_child(self.pid, self.fd)


def start_helper(path: Path, page_count: int, deadline: float) -> Helper | None:
    """Fork a child reading the second half of the pages, or None where splitting does not pay or is unsafe."""
    if page_count < MIN_PAGES or not may_fork():
        return None
    first = min(max(1, int(page_count * SPLIT)), page_count - 1)
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(path, first, page_count, deadline, write_fd)
    os.close(write_fd)
    return Helper(pid, read_fd, first)


def _child(path: Path, first: int, end: int, deadline: float, fd: int) -> None:
    import pickle

    pages: list[PageContent] = []
    layouts: list[PageLayout | None] = []
    try:
        pymupdf: Any = importlib.import_module("pymupdf")
        document = pymupdf.open(str(path), filetype="pdf")
        if document.needs_pass:
            document.authenticate("")
        read_run(first, end, lambda i, c: read_page_parts(document.load_page(i), i + 1, c), pages, layouts, deadline)
    except BaseException:  # the parent reads whatever did not come back
        pass
    try:
        kept = [None if layout is None else pickle.dumps(layout, pickle.HIGHEST_PROTOCOL) for layout in layouts]
        data = pickle.dumps((pages, kept[: len(pages)]), protocol=pickle.HIGHEST_PROTOCOL)  # each layout pickled:
        # the parent unpickles only those of the pages it lays out again
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os._exit(0)


def read_run(
    start: int,
    stop: int,
    read_parts: ReadParts,
    pages: list[PageContent],
    layouts: list[PageLayout | None],
    deadline: float = math.inf,
) -> None:
    """Append to `pages` the pages `start`…`stop` read in turn from no carried columns (a helper's share), and to
    `layouts` the layout of each of its first pages while a table runs into each from the one before (None
    after), for `stitch` to lay them out again cheaply; stops at `deadline` (`time.monotonic`)."""
    carried: Columns | None = None
    chain = True
    for index in range(start, stop):
        if time.monotonic() > deadline:
            break
        content, chars, grids = read_parts(index, carried)
        layouts.append(PageLayout.of(chars, grids) if chain else None)
        carried = content.open_columns
        chain = chain and carried is not None
        pages.append(content)


def read_in_turn(pages: list[PageContent], stop: int, read: Callable[[int, Columns | None], PageContent]) -> None:
    """Append to `pages` the pages from the next one up to index `stop`, read in turn (`read(index, carried)`),
    each given the columns the page before left open."""
    carried = pages[-1].open_columns if pages else None
    for index in range(len(pages), stop):
        content = read(index, carried)
        carried = content.open_columns
        pages.append(content)


def stitch(
    theirs: list[PageContent],
    first: int,
    carried: Columns | None,
    reread: Callable[[int, Columns | None], PageContent],
    layouts: Sequence[bytes | PageLayout | None] = (),
) -> tuple[list[PageContent], Columns | None]:
    """The child's pages (from page index `first`), each exactly as a reading in turn gives it.

    The child began with no carried columns; a page it read with other columns than the ones the
    parent carries into it is laid out again, until the two agree: from its `layouts` entry (a `PageLayout`,
    pickled where the child sent it) where there is one, else read again (`reread(index, carried)`).  Returns the pages
    and the columns carried out of the last.
    """
    pages: list[PageContent] = []
    used: Columns | None = None  # what the child carried into the page
    for offset, content in enumerate(theirs):
        layout = layouts[offset] if offset < len(layouts) else None
        page = content if carried == used else (_again(content, layout, carried) or reread(first + offset, carried))
        used = content.open_columns
        carried = page.open_columns
        pages.append(page)
    return pages, carried


def _again(content: PageContent, layout: bytes | PageLayout | None, carried: Columns | None) -> PageContent | None:
    """The child's page laid out again from its layout (pickled as the child sent it), or None when there is
    none (or a broken one)."""
    if layout is None:
        return None
    if isinstance(layout, PageLayout):
        return lay_out_again(content, layout, carried)
    import pickle

    try:
        return lay_out_again(content, pickle.loads(layout), carried)  # our own child's
    except (EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
