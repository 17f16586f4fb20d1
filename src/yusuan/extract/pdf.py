"""Read a published PDF disclosure: pages → lines (tables as tab-separated rows) → the shared reader.

PyMuPDF reads each page's characters and drawings (a few milliseconds a
page); `pdf_page` finds the ruled tables and lays the page out as the lines
the text reader understands, so titles, headers, row labels and sections are
mapped by the one reader and its template data, whatever the file format.
Every line keeps its page, and its line number within the page, so each cell
and sentence can be found again.

A file that is not a readable PDF never gets as far as a traceback or a hang:
encrypted, truncated or corrupt files, image-only (scanned) files and
implausibly long files are refused with an `InputError`; parsing stops at a
page and time limit.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from yusuan.collector import collector_paused
from yusuan.errors import InputError
from yusuan.extract.detect import detect_template
from yusuan.extract.lines import TextLine
from yusuan.extract.pdf_columns import align_whitespace_tables
from yusuan.extract.pdf_defects import PagedLines, page_defects
from yusuan.extract.pdf_fork import read_in_turn, start_helper, stitch
from yusuan.extract.pdf_geometry import Grid
from yusuan.extract.pdf_open import check_page_count, open_pdf
from yusuan.extract.pdf_page import Char, Columns, PageContent, read_page_parts
from yusuan.extract.pdf_prefetch import claim as claim_prefetch
from yusuan.extract.pdf_prefetch import read_alongside
from yusuan.extract.pdf_running import drop_running_lines
from yusuan.extract.template import load_template
from yusuan.limits import MAX_PDF_SECONDS
from yusuan.limits import max_pages as page_limit

HEADER_SECONDS = 5.0  # how long a check waits for the prefetching child to say it opened the file


def pdf_lines(
    path: Path, template_id: str | None = None, max_pages: int | None = None, max_seconds: float = MAX_PDF_SECONDS
) -> list[TextLine]:
    """Every line of the PDF, page by page; InputError for a file that is not a readable, text-bearing PDF.

    Tables printed without rulings are cut into columns by the header words of
    the template (`template_id`, else the one the text points to).
    """
    pages = pdf_pages(path, max_pages, max_seconds)
    lines = _text_lines(pages)
    if any(len(line.runs) > 1 for page in pages for line in page.lines if not line.is_row):
        template = load_template(template_id or detect_template(lines))
        align_whitespace_tables(pages, template)
        lines = _text_lines(pages)
    return PagedLines(lines, page_defects(pages))


def _text_lines(pages: list[PageContent]) -> list[TextLine]:
    return [
        TextLine(line.text, number, page.number) for page in pages for number, line in enumerate(page.lines, start=1)
    ]


def pdf_pages(path: Path, max_pages: int | None = None, max_seconds: float = MAX_PDF_SECONDS) -> list[PageContent]:
    """The laid-out pages of the PDF; InputError for a file that is not a readable, text-bearing PDF.

    `max_pages` defaults to `yusuan.limits.max_pages()` (MAX_PAGES, or YUSUAN_MAX_PAGES).  The cycle collector
    is paused meanwhile (`collector_paused`): a page makes thousands of characters and boxes."""
    with collector_paused():
        return _read_pages(path, max_pages, max_seconds)


def _read_pages(path: Path, max_pages: int | None, max_seconds: float) -> list[PageContent]:
    limit = page_limit() if max_pages is None else max_pages
    started = time.monotonic()
    deadline = started + max_seconds
    prefetch = claim_prefetch(path)
    count = prefetch.page_count(min(deadline, started + HEADER_SECONDS)) if prefetch is not None else None
    if prefetch is not None and count is None:  # the child could not open the file: open it here, and say why
        prefetch.close()
        prefetch = None
    opened: list[Any] = []

    def document() -> Any:
        if not opened:
            opened.append(open_pdf(path, limit))
        return opened[0]

    if count is None or "pymupdf" in sys.modules:  # no child, or the import is paid already: open it now
        count = document().page_count
    check_page_count(path, count, limit)
    helper = None if prefetch is not None else start_helper(path, count, deadline)

    def read_parts(index: int, columns: Columns | None) -> tuple[PageContent, list[Char], list[Grid]]:
        if time.monotonic() - started > max_seconds:
            raise InputError(str(path), f"解析超过 {max_seconds:.0f} 秒仍未完成（第{index + 1}页），已停止")
        try:
            return read_page_parts(document().load_page(index), index + 1, columns)
        except (RuntimeError, ValueError, KeyError, IndexError) as exc:
            raise InputError(f"{path} 第{index + 1}页", "页面内容已损坏，无法读取") from exc

    def read(index: int, columns: Columns | None) -> PageContent:
        return read_parts(index, columns)[0]

    pages: list[PageContent] = []
    try:
        if prefetch is not None:  # a child began reading before the command's imports
            pages = read_alongside(prefetch, count, read_parts, deadline, None if opened else document)
        else:
            read_in_turn(pages, helper.first if helper is not None else count, read)
            if helper is not None:  # it read from page index `first` on (at least 1)
                theirs, _ = stitch(helper.pages(), helper.first, pages[-1].open_columns, read, helper.layouts)
                pages.extend(theirs)
            read_in_turn(pages, count, read)  # what the child did not read
    finally:
        if helper is not None:
            helper.close()
        if prefetch is not None:
            prefetch.close()
        for opened_document in opened:
            opened_document.close()
    if not any(page.char_count for page in pages):
        if any(page.image_count for page in pages):
            raise InputError(
                str(path), "PDF 没有文字层（是扫描图像），无法读取；请提供原始电子文件或先做文字识别（OCR）"
            )
        raise InputError(str(path), "PDF 中没有任何文字")
    drop_running_lines(pages)
    return pages
