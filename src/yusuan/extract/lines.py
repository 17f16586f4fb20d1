"""The reader's input: lines of text with their line number and page.

The text reader splits a file into `TextLine`s; the PDF reader (later) builds
them from pages.  Everything downstream sees only this sequence, so the same
table, narrative and performance readers serve both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line as extracted: its text (tabs separate table cells), 1-based line number, page if known."""

    text: str
    line_no: int
    page: int | None = None

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def has_tabs(self) -> bool:
        return "\t" in self.text

    @property
    def cells(self) -> list[str]:
        return list(_split_cells(self.text))


@lru_cache(maxsize=65536)
def _split_cells(text: str) -> tuple[str, ...]:
    """A line's cells, kept per text: a table's lines are asked for their cells again and again (each test of
    each candidate form), and splitting CJK text costs more than copying the cells kept."""
    return tuple(text.split("\t"))


def split_text(text: str) -> list[TextLine]:
    """Split extracted text into lines; a form feed (as pdftotext writes) starts a new page.

    Pages are numbered only when the text has form feeds; otherwise `page` is None.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    paged = "\f" in text
    page = 1
    result: list[TextLine] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        piece = raw
        if paged and "\f" in piece:
            page += piece.count("\f")
            piece = piece.replace("\f", "")
        clean = piece.replace("\u00a0", " ").replace("\u3000", " ").rstrip(" ")
        result.append(TextLine(clean, number, page if paged else None))
    return result
