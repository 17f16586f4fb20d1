"""Read a published Word (.docx) disclosure into the reader's lines.

The body is walked in document order: each paragraph becomes a line of text
(a manual line break starts a new line), each table becomes tab-separated
rows.  A cell merged across columns (`gridSpan`) or down rows (`vMerge`)
keeps its text in its first position and leaves the rest of its span empty,
as the text reader expects; a row that is one cell across the whole table (a
title or note typed inside the frame) is a line of text.  Word has no pages
before it is laid out, so lines carry no page; they are numbered in order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.extract.lines import TextLine
from yusuan.extract.paragraphs import join_text
from yusuan.limits import MAX_INPUT_BYTES, check_archive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path: Path) -> list[TextLine]:
    """Paragraphs and table rows of a .docx file in order; InputError if it is not a readable .docx."""
    docx: Any = importlib.import_module("docx")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), "无法读取文件") from exc
    if size > MAX_INPUT_BYTES:
        raise InputError(str(path), f"Word 文件过大（上限 {MAX_INPUT_BYTES >> 20} MB），不像是预算公开文件")
    check_archive(path, "Word")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors for damaged or encrypted files
        raise InputError(str(path), "无法打开 Word 文件（文件损坏、加密或不是 .docx）") from exc
    texts: list[str] = []
    for kind, element in _body(document):
        if kind == "p":
            texts.extend(_paragraph_lines(element))
        else:
            texts.extend(_table_lines(element))
    lines = [TextLine(text, number) for number, text in enumerate(texts, start=1)]
    if not any(not line.is_blank for line in lines):
        raise InputError(str(path), "Word 文件中没有任何文字")
    return lines


def _body(document: Any) -> Iterator[tuple[str, Any]]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield "p", Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield "tbl", Table(child, document)


def _paragraph_lines(paragraph: Any) -> list[str]:
    text = str(paragraph.text).replace("\r", "\n").replace("\u3000", " ")
    return [piece.rstrip() for piece in text.split("\n")] or [""]


def _cell_text(cell: Any) -> str:
    text = ""
    for paragraph in cell.paragraphs:
        text = join_text(text, str(paragraph.text).replace("\u3000", " ").strip())
    return text


def _table_lines(table: Any) -> list[str]:
    lines: list[str] = []
    seen: set[Any] = set()  # the cell elements themselves: holding them keeps lxml's proxies (and identities) stable
    for row in table.rows:
        try:
            cells = list(row.cells)
        except (IndexError, ValueError):  # a malformed row (more gridSpan than grid columns)
            continue
        texts: list[str] = []
        for cell in cells:
            texts.append("" if cell._tc in seen else _cell_text(cell))
            seen.add(cell._tc)
        filled = [t for t in texts if t]
        distinct = {c._tc for c in cells}
        if len(filled) == 1 and len(distinct) == 1 and len(cells) > 1:
            lines.append(filled[0])  # one cell across the table: a title or a note
            continue
        lines.append("\t".join(texts))
    return lines
