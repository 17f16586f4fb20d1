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
from yusuan.extract.outline import PART_HEADING, titled_part
from yusuan.extract.paragraphs import STARTS_ITEM, join_text
from yusuan.extract.problems import Problems
from yusuan.extract.template import TableSpec, Template, candidate_specs
from yusuan.lazy_pattern import lazy_compile
from yusuan.model.vocabulary import kind_of_title

_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
_TITLE = r"(.+表(?:\s*[(（][^()（）]{1,12}[)）])?)"  # `财政拨款支出预算表（功能科目）`
_QUALIFIED = lazy_compile(r"表\s*[(（][^()（）]{1,12}[)）]$")
_NUMBER_ONLY = (
    lazy_compile(rf"^(?:附)?表\s*{_NUM}\s*$"),
    lazy_compile(r"^(?:部门|单位)?公开\s*(\d{1,2})\s*表\s*[:：]?$"),
    lazy_compile(r"^(?:部门|单位)?公开\s*表\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[:：]?$"),
)
_INLINE = (
    lazy_compile(rf"^(?:附)?表\s*{_NUM}\s*[:：.、．\-—\s]\s*{_TITLE}\s*$"),
    lazy_compile(rf"^(?:部门|单位)?公开\s*(\d{{1,2}})\s*表\s*[:：]?\s*{_TITLE}\s*$"),
    lazy_compile(rf"^(?:部门|单位)?公开\s*表\s*([一二三四五六七八九十]{{1,3}}|\d{{1,2}})\s*[:：]?\s*{_TITLE}\s*$"),
    lazy_compile(rf"^([一二三四五六七八九十]{{1,3}})\s*、\s*{_TITLE}\s*$"),
    lazy_compile(rf"^(\d{{1,2}})\s*[.、．]\s*{_TITLE}\s*$"),
)
_BULLET = lazy_compile(r"^\s*[-•·]\s+")
UNIT_CELL = lazy_compile(r"^\s*(?:金额)?单位\s*[:：]\s*(.+?)\s*$")
_MAKER = lazy_compile(r"^\s*(?:(?:编制|填报|预算)(?:单位|部门)|部门(?:名称)?)\s*[:：]")
_MAKER_LINE = lazy_compile(r"^\s*(?:编制|填报|预算)?\s*(?:单位|部门)\s*(?:名称)?\s*[:：]")
MAX_NAME_BEFORE_UNIT = 40  # characters of a unit's name printed before `单位：万元` on the table's heading line
_UNIT_TAIL = lazy_compile(r"(?:^|\s|[(（])(?:金额)?单\s*位\s*[:：]\s*(万\s*元|元)\s*[)）]?\s*$")
_NOTE = lazy_compile(r"^\s*(?:备\s*注|注|说\s*明)\s*[:：]\s*")
_EMPTY_MARK = lazy_compile(r"^\s*(?:此表为空|本表为空|[(（]\s*无[^，。()（）]{0,24}[)）]\s*$)")
# a sentence under the table saying it has no data is its note, printed with or without `注：`
# (`湖州市卫生健康委员会2026年没有使用国有资本经营预算拨款安排的支出，故此表无数据。`)
_SAYS_EMPTY = lazy_compile(r"(?:此|本|该)表\s*(?:为空|无数据|没有数据|无内容)|为空表")
_PAGE_NUMBER = lazy_compile(r"^\s*(?:[-—]\s*)?\d{1,3}\s*(?:[-—])?\s*$|^\s*第\s*\d+\s*页")
_CONTINUED = lazy_compile(r"^[(（]?\s*续(?:表)?\s*[)）]?$")
_YEAR_PREFIX = lazy_compile(r"^(?:20\d{2}年度?)")
_ENTITY_PREFIX = lazy_compile(r"^(?:预算单位|单位|部门)")


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
    indices: list[int] = field(default_factory=list)  # every line from the title to the next table


@dataclass
class _Title:
    number: str
    title: str
    spec: TableSpec | None
    first: int  # index of the number (or title) line
    last: int  # index of the title line


def match_kind(title: str, template: Template) -> TableSpec | None:
    """The table spec whose title this is (see the module docstring).

    A title the template prints exactly is its own; otherwise the vocabulary decides the kind by the
    title's words (model/vocabulary.yaml), and the template's spec of that kind, or the national one,
    reads it.  Only then are the template's titles tried inside the printed one, and fuzzily.
    """
    folded = fold(title)
    bare = bare_title(title)
    for spec in template.tables:
        if bare in spec.titles:
            return spec
    kind = kind_of_title(title)
    if kind is not None:
        own = template.spec_for(kind)
        if own is not None:
            return own
        candidates = candidate_specs(kind, template.id)
        return candidates[0] if candidates else None
    best: tuple[int, TableSpec | None] = (0, None)
    for spec in template.tables:
        for known in spec.titles:
            if known in folded and len(known) > best[0]:
                best = (len(known), spec)
    if best[1] is not None:
        return best[1]
    names = {known: spec.kind.value for spec in template.tables for known in spec.titles}
    matched = best_match(bare, names, 0.85)
    return next((s for s in template.tables if s.kind.value == matched), None)


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
        stop = _fill_block(block, lines, body, template)
        block.indices = [i for i in range(title.first, end if stop is None else stop) if i in allowed]
        previous = blocks[-1] if blocks else None
        if previous and previous.spec.kind == block.spec.kind and block.number in (previous.number, ""):
            previous.rows.extend(block.rows)  # the same table again after a page break
            previous.note = previous.note or block.note
            previous.indices.extend(block.indices)
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
        if (wrapped := _wrapped_title(lines, indices, position, text)) is not None and _is_title(wrapped[0], template):
            text, tail = wrapped  # `…会议费、培训费支出预算` / `表`
            position = indices.index(tail) + 1
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
                    wrapped = _wrapped_title(lines, indices, position, title)
                    if wrapped is not None and match_kind(wrapped[0], template) is not None:
                        title, last = wrapped
                        position = indices.index(last) + 1
                break
        else:
            for pattern in _INLINE:
                if match := pattern.match(text):
                    number, title = match.group(1), match.group(2)
                    break
        if number is None or title is None:
            titled = text.endswith("表") or bool(_QUALIFIED.search(text))
            spec = match_kind(text, template) if number is None and titled else None
            if spec is not None and bare_title(text) in spec.titles:
                number, below = _number_below(lines, indices, position)
                if below is not None:
                    position = indices.index(below) + 1
                found.append(_Title(number, clean_label(text), spec, index, below if below is not None else index))
            continue
        spec = match_kind(title, template)
        if spec is None:
            if fold(title).endswith("表"):
                problems.add("table-title-unknown", f"不认识的表名“{clean_label(title)}”", line)
            continue
        found.append(_Title(number, clean_label(title), spec, index, last))
    return found


def _wrapped_title(
    lines: Sequence[TextLine], indices: Sequence[int], position: int, text: str
) -> tuple[str, int] | None:
    """A title wrapped onto a short next line (`…支出预算` + `表`): the whole title and the tail's index."""
    if (
        text.endswith(("表", "。", "；", "，", "：", ":"))
        or len(text) > 40
        or _QUALIFIED.search(text)
        or _NOTE.match(text)
        or not any(k in text for k in ("预算", "经费", "支出", "收入"))
    ):
        return None
    for index in indices[position : position + 2]:
        line = lines[index]
        if line.is_blank:
            continue
        tail = line.text.strip()
        if line.has_tabs or len(tail) > 8 or not (tail.endswith("表") or _QUALIFIED.search(tail)):
            return None
        return text + tail, index
    return None


def _is_title(text: str, template: Template) -> bool:
    """True when the text is a numbered or unnumbered table title of the template."""
    for pattern in _INLINE:
        if (match := pattern.match(text)) and match_kind(match.group(2), template) is not None:
            return True
    spec = match_kind(text, template)
    return spec is not None and bare_title(text) in spec.titles


def bare_title(title: str) -> str:
    """A title's folded form without a leading year and 单位/部门/预算单位."""
    return _ENTITY_PREFIX.sub("", _YEAR_PREFIX.sub("", fold(title)))


def _number_below(lines: Sequence[TextLine], indices: Sequence[int], position: int) -> tuple[str, int | None]:
    """A table number printed on its own just below an unnumbered title (`收支预算总表` / `公开表一`)."""
    for index in indices[position : position + 2]:
        line = lines[index]
        if line.is_blank:
            continue
        if line.has_tabs:
            break
        text = line.text.strip()
        for pattern in _NUMBER_ONLY:
            if match := pattern.match(text):
                return match.group(1), index
    return "", None


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


def _fill_block(block: TableBlock, lines: Sequence[TextLine], body: list[int], template: Template) -> int | None:
    """Fill the block from `body`; the index where the table ended early (a part begins, the note closed).

    The note collected so far is the block's note however the table ends.
    """
    pending: list[TextLine] = []
    note_lines: list[TextLine] = []
    note_open = False
    for index in body:
        line = lines[index]
        if line.is_blank:
            continue
        if not line.has_tabs and (PART_HEADING.match(line.text) or titled_part(line.text, template)):
            _set_note(block, note_lines)
            return index
        if _is_furniture(line, block):
            continue
        if line.has_tabs:
            if note_lines:
                _set_note(block, note_lines)
                return index
            block.rows.extend(pending)
            pending = []
            block.rows.append(line)
        elif (
            _NOTE.match(line.text)
            or _EMPTY_MARK.match(line.text)
            or _SAYS_EMPTY.search(line.text)
            or note_open
            or _next_item(note_lines, line)
        ):
            note_lines.append(line)
            note_open = not line.text.rstrip().endswith("。")
        elif note_lines:
            _set_note(block, note_lines)
            return index
        elif block.rows:
            pending.append(line)
    _set_note(block, note_lines)
    return None


def _next_item(note_lines: Sequence[TextLine], line: TextLine) -> bool:
    """A numbered note (`注：1.…`) goes on with its next item (`2.…`)."""
    if not note_lines or not STARTS_ITEM.match(line.text):
        return False
    return bool(STARTS_ITEM.match(_NOTE.sub("", note_lines[0].text.strip())))


def _set_note(block: TableBlock, note_lines: Sequence[TextLine]) -> None:
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
                # `单位：苏州市科学技术局  单位：万元`: the first 单位 is the unit (entity), the last the money unit
                tail = _UNIT_TAIL.search(cell)
                block.unit_text = re.sub(r"\s+", "", tail.group(1)) if tail else match.group(1)
                block.unit_line = line
            elif (tail := _UNIT_TAIL.search(cell)) and _MAKER.match(cell):  # `编制单位：某某 单位：元`
                block.unit_text, block.unit_line = re.sub(r"\s+", "", tail.group(1)), line
        return True
    if line.has_tabs:
        return False
    text = cells[0]
    if match := _UNIT_TAIL.search(text):  # `部门：江苏省人大常委会办公厅  单位：万元` on one line
        head = text[: match.start()].strip()
        # or the unit's name alone before it (`507-湖州市卫生健康委员会 单位：万元`): a short name, no sentence
        if not head or _MAKER_LINE.match(head) or (len(head) <= MAX_NAME_BEFORE_UNIT and "。" not in head):
            block.unit_text, block.unit_line = re.sub(r"\s+", "", match.group(1)), line
            return True
    if _MAKER_LINE.match(text) and len(text) <= 60:
        return True
    if _PAGE_NUMBER.match(text) or _CONTINUED.match(text):
        return True
    folded = fold(text)
    return folded in block.spec.titles or fold(block.title) == folded or bool(_NUMBER_ONLY[0].match(text))
