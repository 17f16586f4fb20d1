"""Find the published tables: their number, title, unit line, rows and note.

A table starts at its number and title, printed in any of the styles the
templates use (`表 1` + `单位收支总体情况表` on the next line, `表1 …`,
`公开01表 …`, `表一`, `一、收支预算总表`, `1.财务收支预算总表`), and runs to
the next title or part heading.  Between them lie the `编制单位：`/`单位：万元`
lines, the tab-separated rows (a page break may put a blank line, a page
number or the title again in the middle; those are skipped) and the note
(`备注：…`).  The title is matched to a `TableKind` through the template:
exactly, then by the longest known title it contains (so `单位`/`部门`, a year
or the unit's name in front do not matter), then fuzzily.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import best_match, clean_label, fold
from yusuan.extract.outline import PART_HEADING
from yusuan.extract.paragraphs import join_text
from yusuan.extract.problems import Problems
from yusuan.extract.template import TableSpec, Template

_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_NUMBER_ONLY = (
    re.compile(rf"^(?:附)?表\s*{_NUM}\s*$"),
    re.compile(r"^(?:部门|单位)?公开\s*(\d{1,2})\s*表$"),
)
_INLINE = (
    re.compile(rf"^(?:附)?表\s*{_NUM}\s*[:：.、．\-—\s]\s*(.+表)\s*$"),
    re.compile(r"^(?:部门|单位)?公开\s*(\d{1,2})\s*表\s*[:：]?\s*(.+表)\s*$"),
    re.compile(r"^([一二三四五六七八九十]{1,3})\s*、\s*(.+表)\s*$"),
    re.compile(r"^(\d{1,2})\s*[.、．]\s*(.+表)\s*$"),
)
_BULLET = re.compile(r"^\s*[-•·]\s+")
UNIT_CELL = re.compile(r"^\s*(?:金额)?单位\s*[:：]\s*(.+?)\s*$")
_MAKER = re.compile(r"^\s*(?:编制|填报|预算)单位\s*[:：]")
_NOTE = re.compile(r"^\s*(?:备\s*注|注|说\s*明)\s*[:：]\s*")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—]\s*)?\d{1,3}\s*(?:[-—])?\s*$|^\s*第\s*\d+\s*页")
_CONTINUED = re.compile(r"^[(（]?\s*续(?:表)?\s*[)）]?$")
_YEAR_PREFIX = re.compile(r"^(?:20\d{2}年度?)")
_ENTITY_PREFIX = re.compile(r"^(?:单位|部门)")


@dataclass
class TableBlock:
    """The raw lines of one table, before any cell is read."""

    spec: TableSpec
    number: str
    title: str
    title_line: TextLine
    unit_text: str | None = None
    unit_line: TextLine | None = None
    rows: list[TextLine] = field(default_factory=list)
    note: str | None = None


@dataclass
class _Title:
    number: str
    title: str
    spec: TableSpec | None
    first: int  # index of the number (or title) line
    last: int  # index of the title line


def match_kind(title: str, template: Template) -> TableSpec | None:
    """The table spec whose title this is (see the module docstring)."""
    folded = fold(title)
    bare = _ENTITY_PREFIX.sub("", _YEAR_PREFIX.sub("", folded))
    best: tuple[int, TableSpec | None] = (0, None)
    for spec in template.tables:
        for known in spec.titles:
            if bare == known:
                return spec
            if known in folded and len(known) > best[0]:
                best = (len(known), spec)
    if best[1] is not None:
        return best[1]
    candidates = {known: spec.kind.value for spec in template.tables for known in spec.titles}
    kind = best_match(bare, candidates, 0.85)
    return next((s for s in template.tables if s.kind.value == kind), None)


def find_table_blocks(
    lines: Sequence[TextLine], indices: Sequence[int], template: Template, problems: Problems
) -> list[TableBlock]:
    """Table blocks among the lines at `indices` (the tables part, or the whole body)."""
    titles = _titles(lines, indices, template, problems)
    blocks: list[TableBlock] = []
    allowed = set(indices)
    for position, title in enumerate(titles):
        end = titles[position + 1].first if position + 1 < len(titles) else (max(indices) + 1 if indices else 0)
        body = [i for i in range(title.last + 1, end) if i in allowed]
        if title.spec is None:
            continue
        block = TableBlock(title.spec, title.number, title.title, lines[title.first])
        _fill_block(block, lines, body, template)
        previous = blocks[-1] if blocks else None
        if previous and previous.spec.kind == block.spec.kind and block.number in (previous.number, ""):
            previous.rows.extend(block.rows)  # the same table again after a page break
            previous.note = previous.note or block.note
            continue
        if not block.rows:
            problems.add("table-body-missing", f"表{block.number}“{block.title}”没有表格内容", block.title_line)
            continue
        if any(b.spec.kind == block.spec.kind for b in blocks):
            problems.add("table-duplicate", f"表{block.number}“{block.title}”与前面的表重复，未读取", block.title_line)
            continue
        blocks.append(block)
    return blocks


def _titles(lines: Sequence[TextLine], indices: Sequence[int], template: Template, problems: Problems) -> list[_Title]:
    found: list[_Title] = []
    position = 0
    while position < len(indices):
        index = indices[position]
        line = lines[index]
        text = _BULLET.sub("", line.text.strip())
        position += 1
        if not text or line.has_tabs or len(text) > 60:
            continue
        number: str | None = None
        title: str | None = None
        last = index
        for pattern in _NUMBER_ONLY:
            if match := pattern.match(text):
                number = match.group(1)
                following = _next_text(lines, indices, position)
                if following is not None:
                    title, last = following
                    position = indices.index(last) + 1
                break
        else:
            for pattern in _INLINE:
                if match := pattern.match(text):
                    number, title = match.group(1), match.group(2)
                    break
        if number is None or title is None:
            spec = match_kind(text, template) if number is None and text.endswith("表") else None
            if spec is not None and _ENTITY_PREFIX.sub("", fold(text)) in spec.titles:
                found.append(_Title("", clean_label(text), spec, index, index))
            continue
        spec = match_kind(title, template)
        if spec is None:
            if fold(title).endswith("表"):
                problems.add("table-title-unknown", f"不认识的表名“{clean_label(title)}”", line)
            continue
        found.append(_Title(number, clean_label(title), spec, index, last))
    return found


def _next_text(lines: Sequence[TextLine], indices: Sequence[int], position: int) -> tuple[str, int] | None:
    """The next non-blank line within three lines, if it is not a table row."""
    for index in indices[position : position + 4]:
        line = lines[index]
        if line.is_blank:
            continue
        if line.has_tabs:
            return None
        return line.text.strip(), index
    return None


def _fill_block(block: TableBlock, lines: Sequence[TextLine], body: list[int], template: Template) -> None:
    pending: list[TextLine] = []
    note_lines: list[TextLine] = []
    for index in body:
        line = lines[index]
        if line.is_blank:
            continue
        if PART_HEADING.match(line.text) and not line.has_tabs:
            break
        if _is_furniture(line, block):
            continue
        if line.has_tabs:
            if note_lines:
                break
            block.rows.extend(pending)
            pending = []
            block.rows.append(line)
        elif _NOTE.match(line.text) or note_lines:
            note_lines.append(line)
        elif block.rows:
            pending.append(line)
    if note_lines:
        text = _NOTE.sub("", note_lines[0].text.strip())
        for line in note_lines[1:]:
            text = join_text(text, line.text.strip())
        block.note = text


def _is_furniture(line: TextLine, block: TableBlock) -> bool:
    """Lines around and inside a table that are not rows: unit, maker, page number, repeated title."""
    cells = [c.strip() for c in line.text.split("\t") if c.strip()]
    if not cells:
        return True
    if all(UNIT_CELL.match(c) or _MAKER.match(c) for c in cells):
        for cell in cells:
            if (match := UNIT_CELL.match(cell)) and not _MAKER.match(cell):
                block.unit_text, block.unit_line = match.group(1), line
        return True
    if line.has_tabs:
        return False
    text = cells[0]
    if _PAGE_NUMBER.match(text) or _CONTINUED.match(text):
        return True
    folded = fold(text)
    return folded in block.spec.titles or fold(block.title) == folded or bool(_NUMBER_ONLY[0].match(text))
