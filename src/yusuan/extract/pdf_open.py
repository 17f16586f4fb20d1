"""Open a PDF for reading, or refuse it with the one-line reason a person can act on.

Both the reader (`pdf`) and the child that starts reading a `yusuan check`'s
PDF before the command's imports (`pdf_prefetch`) open the file here, so that
they accept and refuse exactly the same files: the child reports the page
count of a file it could open, and a file it could not is opened again by the
reader, which then raises the error.  PyMuPDF is imported on first use (≈ 0.1 s):
a check whose pages the child reads whole never imports it.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from yusuan.errors import InputError, unreadable
from yusuan.limits import PAGES_VARIABLE


def open_pdf(path: Path, max_pages: int) -> Any:
    """The PyMuPDF document of `path`; InputError for a file that is not a readable PDF of at most `max_pages`."""
    pymupdf: Any = importlib.import_module("pymupdf")  # untyped
    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    if size == 0:
        raise InputError(str(path), "文件是空的")
    if b"%PDF" not in head:
        raise InputError(str(path), "这不是 PDF 文件（缺少 %PDF 文件头）")
    try:
        document = pymupdf.open(str(path), filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        raise InputError(str(path), "PDF 文件已损坏，无法解析") from exc
    if document.needs_pass and not document.authenticate(""):
        document.close()
        raise InputError(str(path), "PDF 文件已加密（需要密码），无法读取")
    try:
        count = document.page_count  # a file cut short may only fail here ("Invalid number of pages")
    except (RuntimeError, ValueError):
        count = -1
    if count < 0 or (document.is_repaired and (count == 0 or b"%%EOF" not in tail)):
        document.close()
        raise InputError(str(path), "PDF 文件不完整（可能被截断）或已损坏，无法读取")
    if count == 0:
        document.close()
        raise InputError(str(path), "PDF 文件没有页面")
    if count > max_pages:
        document.close()
        check_page_count(path, count, max_pages)
    return document


def check_page_count(path: Path, count: int, max_pages: int) -> None:
    """InputError when a PDF of `count` pages is over the limit of `max_pages`."""
    if count > max_pages:
        raise InputError(
            str(path),
            f"PDF 共 {count} 页，超过 {max_pages} 页的上限；确需读取时请设置环境变量 {PAGES_VARIABLE}={count}",
        )
