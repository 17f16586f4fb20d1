"""Rebuild paragraphs that extraction broke in the middle of a sentence or a number's unit.

A line that does not end a sentence (。；：！？) continues on the next line,
unless the next line starts something new: a numbered item (`1.`, `2、`,
`（一）`, `一、`) or a `label：value` line (`预算安排规模：…`).  A line that
looks like a label but follows a line as wide as the text column (the
widest lines of the passage) continues it all the same: `…国有资产总体` /
`情况为：…` is one sentence wrapped (but after a `label：value` item, another
label starts the next item).  Likewise a line that ends in `：` or `；`
(marks inside a sentence, not at its end) was cut there by the page, not by
the writer, when the next line's first word (a number, a Latin word, else one
character) would not have fitted in the room left at its end: the widest
line's width less its own, allowing for a first-line indent of INDENT the
text does not show.  `…缴费（项）：` four short of the column / `2024年…` is one
item; `…1,346.00万元，其中：` eight short / `人员经费…` are two paragraphs; a
next line that starts something new starts a paragraph all the same.  This
asks for a column that is seen, two lines of the passage as wide as a full
line: over short list lines (`基本支出…；`) an intro `…合计4,651.67万元，其中：`
is the widest line only because the others are short; and lines a page laid
out (a PDF's, a text with pdftotext's form feeds): an HTML or Word paragraph
is one line, never cut, however wide.  A line break inside
an open bracket never ends a paragraph, even after `；` or `。`: `…（公务用车购置费331万元，…；` /
`公务用车运行维护费370.34万元…。）比上年增加…` is one sentence (a bracket
opened more than OPEN_BRACKET_REACH characters back is taken for a typo, so
one stray `（` cannot swallow the passage).  Pieces are joined without a
space, except between two Latin letters or digits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache

from yusuan.extract.lines import TextLine
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Paragraph, Source

_TERMINAL = tuple("。！？；：.!?;:")
_INSIDE_SENTENCE = tuple("；：;:")  # terminal marks that do not end a sentence: a page may wrap right after one
_BULLET = lazy_compile(r"^\s*[-•·]\s+")
STARTS_ITEM = lazy_compile(
    r"^\s*(?:\d{1,2}\s*[.、．)）](?!\d)|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}、)"
)
_KEY_LABEL = lazy_compile(r"^\s*[\u4e00-\u9fff]{2,10}\s*[：:]")
_FIRST_WORD = lazy_compile(r"^[0-9A-Za-z.,%]+|^.")  # what no line breaks inside: a number, a Latin word, a character
MIN_COLUMN = 50  # display width (a CJK character counts 2) below which no line is taken for a full column
FULL_SHARE = 0.9  # of the widest line: a line this wide ran to the end of the column
INDENT = 4  # display width of the two-character first-line indent a wrapped line's room may lose
OPEN_BRACKET_REACH = 200  # characters back an unclosed bracket still holds the paragraph open
_OPENING, _CLOSING = "（(", "）)"


def join_text(left: str, right: str) -> str:
    """Join two pieces of one broken line: no space, unless Latin/digit meets Latin/digit."""
    left, right = left.rstrip(), right.lstrip()
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


def starts_new(text: str) -> bool:
    return bool(STARTS_ITEM.match(text) or _KEY_LABEL.match(text))


def build_paragraphs(lines: Sequence[TextLine], source_name: str) -> list[Paragraph]:
    """Paragraphs from body lines (headings and tables already removed)."""
    pieces: list[tuple[str, TextLine]] = []
    widths = [display_width(line.text) for line in lines]
    column = max(widths, default=0)
    full = [width >= MIN_COLUMN and width >= column * FULL_SHARE for width in widths]
    column_seen = full.count(True) >= 2
    laid_out = column_seen and all(line.page is not None for line in lines)  # lines a page cut (not HTML, Word)
    previous_full, previous_width = False, 0
    for line, line_full, width in zip(lines, full, widths, strict=True):
        text = strip_bullet(line.text)
        if not text:
            continue
        paragraph = pieces[-1][0] if pieces else ""
        unfinished = not paragraph.endswith(_TERMINAL) or in_open_bracket(paragraph)
        cut = laid_out and previous_full and _cut_at_mark(paragraph, text, column - previous_width)
        if pieces and ((unfinished and _continues(paragraph, text, previous_full)) or cut):
            pieces[-1] = (join_text(paragraph, text), pieces[-1][1])
        else:
            pieces.append((text, line))
        previous_full, previous_width = line_full, width
    return [Paragraph(text=text, source=source_of(line, source_name)) for text, line in pieces]


def _continues(paragraph: str, text: str, previous_full: bool) -> bool:
    """Whether `text` goes on with the unfinished `paragraph` (see the module docstring)."""
    if not starts_new(text):
        return True
    # a label line after a full line of running text (not after another `label：value` item)
    return previous_full and not STARTS_ITEM.match(text) and not _KEY_LABEL.match(paragraph)


def _cut_at_mark(paragraph: str, text: str, room: int) -> bool:
    """Whether the page cut `paragraph` after its `：`/`；` (see the module docstring): `text`'s first word
    would not have fitted in the `room` left at the end of the line."""
    if not paragraph.endswith(_INSIDE_SENTENCE) or starts_new(text):
        return False
    match = _FIRST_WORD.match(text)
    return match is not None and room < INDENT + display_width(match.group())


def in_open_bracket(text: str) -> bool:
    """The text ends inside a bracket opened at most OPEN_BRACKET_REACH characters back."""
    depth = 0
    for position in range(len(text) - 1, max(len(text) - OPEN_BRACKET_REACH, 0) - 1, -1):
        char = text[position]
        if char in _CLOSING:
            depth += 1
        elif char in _OPENING:
            if depth == 0:
                return True
            depth -= 1
    return False


def display_width(text: str) -> int:
    """How wide a line prints: a wide (CJK) character counts 2, any other 1."""
    return sum(map(_char_width, text.strip()))


@cache
def _char_width(char: str) -> int:
    """`display_width` of one character, kept per character (a document prints a few thousand distinct ones)."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def source_of(line: TextLine, source_name: str) -> Source:
    return _source(source_name or None, line.line_no, line.page)


@lru_cache(maxsize=16384)
def _source(file: str | None, line: int, page: int | None) -> Source:
    """One frozen `Source` per place: a table's lines are read under each candidate form, a row's cells share it."""
    return Source(file=file, line=line, page=page)
