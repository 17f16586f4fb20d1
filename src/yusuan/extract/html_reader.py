"""Read a disclosure published as an HTML page (ours, or an authority's) into the reader's lines.

The page is parsed with the standard library (`html.parser`, with HTML's own
implied end tags for `p`, `li`, `tr`, `td`), then walked in document order:
every block element (heading, paragraph, list item, caption, …) becomes a
line of text and every table row a line of tab-separated cells.  A cell
merged across columns (`colspan`) or down rows (`rowspan`) keeps its text in
its first position and leaves the rest of its span empty, as the text reader
expects of every format; a row that is one cell across the whole table (a
title or note typed inside the frame) is a line of text.  Only the text is
read — no class or `data-` attribute — so the same path serves published
pages as well as our own.  Scripts, styles and inline SVG charts are skipped.

Two forms of the page are restated as the text reader knows them: a
`编制单位：… 单位：万元` line printed as one line is split in two, and a cell
of several sentence paragraphs (a performance goal) keeps its paragraphs as
`<p>…</p>` pieces, as the reference's text does.  Each line carries the
page's source line number, so a problem points into the .html file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from yusuan.errors import InputError, unreadable
from yusuan.extract.lines import TextLine
from yusuan.extract.paragraphs import join_text
from yusuan.extract.problems import ReadProblem
from yusuan.extract.reader import read_lines
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure

MAX_BYTES = 50 * 1024 * 1024
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
SKIPPED = frozenset({"head", "script", "style", "svg", "math", "template", "noscript", "iframe", "object", "canvas"})
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "ul",
    }
)  # fmt: skip
_CLOSES_P = BLOCK | {"table"}
_CELL = frozenset({"td", "th"})
_ROW_GROUP = frozenset({"thead", "tbody", "tfoot"})
_SPACE = lazy_compile(r"[ \t\n\r\f\u00a0\u3000]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_MAKER_AND_UNIT = lazy_compile(
    r"^(\s*(?:(?:编制|填报|预算)(?:单位|部门)|部门(?:名称)?)\s*[:：].*?\S)\s*((?:金额)?单\s*位\s*[:：]\s*万?\s*元)\s*$"
)
_SENTENCE_END = ("。", "；", "！", "？", ";", "!", "?")


@dataclass
class Text:
    text: str
    line: int


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | Text] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: unclosed `p`/`li`/`td`/`tr` close where HTML says they do; stray end tags are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 1)
        self.stack: list[Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._imply_end(tag)
        element = Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._imply_end(tag)
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag == "table" and tag != "table":
                return  # an end tag never closes elements outside the table it appears in

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Text(data, self.getpos()[0]))

    def _imply_end(self, tag: str) -> None:
        if tag in _CLOSES_P:
            self._close_open("p", stop={"td", "th", "table", "li", "div", "section"})
        if tag == "li":
            self._close_open("li", stop={"ul", "ol", "table"})
        if tag in ("dt", "dd"):
            self._close_open("dt", stop={"dl", "table"})
            self._close_open("dd", stop={"dl", "table"})
        if tag in _CELL or tag == "tr" or tag in _ROW_GROUP:
            self._close_open("td", stop={"tr", "table"})
            self._close_open("th", stop={"tr", "table"})
        if tag == "tr" or tag in _ROW_GROUP:
            self._close_open("tr", stop={"table"} | _ROW_GROUP)
        if tag in _ROW_GROUP:
            for group in _ROW_GROUP:
                self._close_open(group, stop={"table"})

    def _close_open(self, tag: str, stop: set[str]) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            current = self.stack[depth].tag
            if current == tag:
                del self.stack[depth:]
                return
            if current in stop:
                return


def parse_html(text: str) -> Element:
    """The page's element tree (the document node)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


class _Lines:
    """Collects text into lines: inline text accumulates, a block boundary ends the line."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, int]] = []
        self._pieces: list[str] = []
        self._line: int | None = None

    def add(self, text: str, line: int) -> None:
        if self._line is None and text.strip():
            self._line = line
        self._pieces.append(text)

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._pieces)).strip()
        if text:
            self.emit(text, self._line or 1)
        self._pieces, self._line = [], None

    def emit(self, text: str, line: int) -> None:
        if match := _MAKER_AND_UNIT.match(text):  # `编制单位：某某  单位：万元` on one line
            self.lines.append((match.group(1).strip(), line))
            self.lines.append((match.group(2).strip(), line))
            return
        self.lines.append((text, line))


def _walk(node: Element, out: _Lines) -> None:
    for child in node.children:
        if isinstance(child, Text):
            out.add(child.text, child.line)
            continue
        if child.tag in SKIPPED:
            continue
        if child.tag == "br":
            out.flush()
        elif child.tag == "table":
            out.flush()
            for text, line in _table_lines(child):
                out.emit(text, line)
        elif child.tag == "pre":
            out.flush()
            for number, piece in enumerate(_plain_text(child).split("\n")):
                out.add(piece, child.line + number)
                out.flush()
        elif child.tag in BLOCK:
            out.flush()
            _walk(child, out)
            out.flush()
        else:
            _walk(child, out)


def _plain_text(node: Element) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, Text):
            parts.append(child.text)
        elif child.tag not in SKIPPED:
            parts.append("\n" if child.tag == "br" else _plain_text(child))
    return "".join(parts)


def _rows(table: Element) -> list[Element]:
    """The table's own rows, in order (not those of a table nested in a cell)."""
    rows: list[Element] = []
    for child in table.children:
        if isinstance(child, Text):
            continue
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _ROW_GROUP:
            rows.extend(_rows(child))
    return rows


def _span(cell: Element, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name, "1").strip() or "1"), 1000))
    except ValueError:
        return 1


def cell_text(cell: Element) -> str:
    """A cell's text on one line: wrapped words join; paragraphs that are sentences stay `<p>` pieces."""
    out = _Lines()
    _walk(cell, out)
    out.flush()
    pieces = [text.replace("\t", " ") for text, _ in out.lines]
    if len(pieces) > 1 and any(p.endswith(_SENTENCE_END) for p in pieces[:-1]):
        return " ".join(f"<p>{p}</p>" for p in pieces)
    text = ""
    for piece in pieces:
        text = join_text(text, piece)
    return text


def _table_lines(table: Element) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []
    for child in table.children:
        if isinstance(child, Element) and child.tag == "caption" and (text := cell_text(child)):
            lines.append((text, child.line))
    grid: list[tuple[list[str], int, int]] = []  # cells, source line, span of a row's only cell (else 0)
    below: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    for row in _rows(table):
        cells: list[str] = []
        elements = [c for c in row.children if isinstance(c, Element) and c.tag in _CELL]
        covered = False
        for cell in elements:
            while below.get(len(cells), 0) > 0:
                below[len(cells)] -= 1
                cells.append("")
                covered = True
            width, height = _span(cell, "colspan"), _span(cell, "rowspan")
            for offset in range(width):
                if height > 1:
                    below[len(cells) + offset] = height - 1
            cells.extend([cell_text(cell)] + [""] * (width - 1))
        while any(column >= len(cells) and left > 0 for column, left in below.items()):
            if below.get(len(cells), 0) > 0:
                below[len(cells)] -= 1
                covered = True
            cells.append("")
        alone = _span(elements[0], "colspan") if len(elements) == 1 and not covered else 0
        grid.append((cells, row.line, alone))
    width = max((len(cells) for cells, _, _ in grid), default=0)
    for cells, line, alone in grid:
        if not any(cells):
            continue
        if alone >= width:
            lines.append((cells[0], line))  # one cell across the table: a title or a note
            continue
        lines.append(("\t".join(cells + [""] * (width - len(cells))), line))
    return lines


def html_text_lines(text: str) -> list[TextLine]:
    """The lines of an HTML page, numbered by the page's source line (no pages)."""
    out = _Lines()
    _walk(parse_html(text), out)
    out.flush()
    return [TextLine(line_text, line) for line_text, line in out.lines]


def decode_html(data: bytes) -> str:
    """The page's text: its BOM or `<meta charset>`, else UTF-8, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = _CHARSET.search(data[:4096])
    named = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    for encoding in ("gb18030" if named in ("gb2312", "gbk") else named, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def html_lines(path: Path) -> list[TextLine]:
    """The lines of an .html file; InputError if it cannot be read or holds no text."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(str(path), "HTML 文件过大，不像是一份预算公开文件")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    if b"\x00" in data[:4096]:
        raise InputError(str(path), "这不是 HTML 文件（含二进制内容）")
    lines = html_text_lines(decode_html(data))
    if not lines:
        raise InputError(str(path), "HTML 文件中没有任何文字")
    return lines


def read_html(text: str, source_name: str, template_id: str | None = None) -> tuple[Disclosure, list[ReadProblem]]:
    """The disclosure on an HTML page and what could not be read; InputError if it is not a disclosure."""
    from yusuan.extract.detect import detect_template

    lines = html_text_lines(text)
    if not lines:
        raise InputError(source_name, "HTML 页面中没有任何文字")
    return read_lines(lines, source_name, template_id or detect_template(lines))


def read_html_file(path: Path, template_id: str | None = None) -> tuple[Disclosure, list[ReadProblem]]:
    """The disclosure in an .html file; InputError (with the path) if it cannot be read."""
    from yusuan.extract.detect import detect_template

    lines = html_lines(path)
    try:
        return read_lines(lines, path.name, template_id or detect_template(lines))
    except InputError as exc:
        raise InputError(str(path), exc.message) from exc
