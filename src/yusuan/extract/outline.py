"""The document's skeleton: table of contents, the four parts, and its closing sign-off.

A disclosure opens with a title and a 目录, then repeats the part headings
(`第一部分 2024 年单位概况` …) in the body.  This module finds the contents
block, the line range of each part in the body and the closing `unit name /
date` lines, without reading any part's content.  The document's identity
(unit, region, year, kind) is read in `meta`.

Not every layout prints `第X部分` headings.  Some number their parts `一、部门概况`,
`二、…预算安排情况说明`, `三、名词解释` (湖州, 杭州); some print no part at all,
only numbered sections from the unit's profile to the glossary (重庆: `一、单位基本情况`,
`二、部门收支总体情况`, …).  A document without part headings is therefore read
from its top-level `一、` headings, each given a role by its words: a part
(profile, narrative, glossary, tables) or a narrative section of its own
(role `section`), as a `第X部分` heading that names a section is (深圳: `第二部分
部门预算收支总体情况`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from yusuan.extract.lines import TextLine
from yusuan.extract.narrative import SECTION_HEADING, section_spec
from yusuan.extract.normalise import fold
from yusuan.extract.paragraphs import join_text
from yusuan.extract.template import Template
from yusuan.extract.title import is_unit_name, labelled_unit, read_title
from yusuan.lazy_pattern import lazy_compile
from yusuan.numerals import from_chinese

PART_HEADING = lazy_compile(r"^\s*第\s*([一二三四五六七八九十]+)\s*部分\s*(.*)$")
_CONTENTS = lazy_compile(r"^目\s*录$")
_BULLET = lazy_compile(r"^\s*[-•·]\s+")
LEADER = lazy_compile(r"\s*(?:[.…·．。_]\s*){3,}\s*\d*\s*$")  # `五、部门预算表 ………… 12`
_ENTRY_START = lazy_compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])"
)
_TITLE_TAIL = lazy_compile(r"\s*(?:20\d{2}\s*年\s*度?)?\s*(?:单位|部门)?\s*(?:预算|决算)\s*(?:公开|信息公开)?\s*$")
_YEAR_TAIL = lazy_compile(r"\s*20\d{2}\s*年\s*度?\s*$")  # a title wrapped after its year
# a first line that is Part 1's heading, `<unit>主要职能`: the unit's name is what comes before it
_SECTION_TAIL = lazy_compile(r"\s*(?:的)?(?:主要职能|主要职责|职能职责|机构设置|基本情况|概况)\s*$")
_DATE = lazy_compile(r"^\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


@dataclass
class Outline:
    """Where things are: indices into the line sequence (start inclusive, end exclusive)."""

    contents: list[str] = field(default_factory=list)
    contents_range: tuple[int, int] | None = None
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)  # the first part of each role
    spans: list[tuple[str, tuple[int, int]]] = field(default_factory=list)  # every part, in order
    sign_off: tuple[int, int] | None = None  # closing unit name / date lines

    def in_contents(self, index: int) -> bool:
        return self.contents_range is not None and self.contents_range[0] <= index < self.contents_range[1]


def find_outline(lines: Sequence[TextLine], template: Template) -> Outline:
    outline = Outline()
    start = next((i for i, line in enumerate(lines) if _CONTENTS.match(line.text.strip())), None)
    body_start = 0
    if start is not None:
        end = _contents_end(lines, start, template)
        outline.contents_range = (start, end)
        outline.contents = _contents_entries(lines[start + 1 : end])
        body_start = end
    headings: list[tuple[int, str | None]] = []
    for i in range(body_start, len(lines)):
        if lines[i].has_tabs:
            continue
        if match := PART_HEADING.match(lines[i].text):
            title = match.group(2)
            role = (
                _part_role(title, template)
                or _part_role(_with_next(lines, i, title), template)
                or _part_role(_with_next(lines, i, title, 2), template)
            )
            headings.append((i, role or _section_role(title, template)))
        elif (role := titled_part(lines[i].text, template)) is not None:
            headings.append((i, role))
    if not headings:
        headings = numbered_parts(lines, body_start, template)
    for position, (index, role) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        if role:
            outline.spans.append((role, (index, end)))
            outline.parts.setdefault("narrative" if role == SECTION_ROLE else role, (index, end))
    outline.sign_off = _sign_off(lines)
    if outline.sign_off and "glossary" in outline.parts:
        start_g, end_g = outline.parts["glossary"]
        outline.parts["glossary"] = (start_g, min(end_g, outline.sign_off[0]))
    return outline


def _contents_end(lines: Sequence[TextLine], start: int, template: Template) -> int:
    """The contents end where a part heading (or part title) seen in them comes round again; in a
    document without parts, where its first top-level entry (`一、部门概况`) does."""
    seen: set[str] = set()
    for i in range(start + 1, len(lines)):
        match = PART_HEADING.match(lines[i].text)
        key = match.group(1) if match else _titled_key(lines[i].text, template)
        if key is None:
            continue
        if key in seen:
            return i
        seen.add(key)
    if not seen:
        first = next((i for i in range(start + 1, len(lines)) if _top_heading(lines[i]) is not None), None)
        if first is not None:
            again = _top_heading(lines[first])
            repeat = next((i for i in range(first + 1, len(lines)) if _top_heading(lines[i]) == again), None)
            if repeat is not None and _on_next_pages(lines, start, repeat):
                return repeat
    return _contents_page_end(lines, start)


def _on_next_pages(lines: Sequence[TextLine], start: int, end: int, most: int = 4) -> bool:
    """Whether `end` is at most `most` pages after `start` (contents never run longer; unknown pages: yes)."""
    first, last = lines[start].page, lines[end].page
    return first is None or last is None or last - first <= most


def _top_heading(line: TextLine) -> str | None:
    """The folded title of a top-level numbered heading (`一、部门概况 ……… 2` → `部门概况`), if this is one."""
    if line.has_tabs:
        return None
    text = LEADER.sub("", line.text.strip())
    match = SECTION_HEADING.match(text)
    if match is None or match.group(1) != "一" or not is_heading_title(match.group(2)):
        return None
    return fold(match.group(2))


def is_heading_title(title: str) -> bool:
    """A heading is short and no sentence, glossary entry (`…：指…`) or table title (`…预算总表`)."""
    stripped = title.strip()
    return 0 < len(stripped) <= 40 and not re.search(r"[：:。；，]", stripped) and not stripped.endswith("表")


SECTION_ROLE = "section"  # a heading that is itself one narrative section


def _section_role(title: str, template: Template) -> str | None:
    return SECTION_ROLE if is_heading_title(title) and section_spec(title, template.sections) else None


def numbered_parts(lines: Sequence[TextLine], body_start: int, template: Template) -> list[tuple[int, str | None]]:
    """The top-level `一、` headings of a document without part headings, numbered in sequence, each with
    its role; none unless at least two have one (a lone numbered line does not make an outline)."""
    headings: list[tuple[int, str | None]] = []
    previous = 0
    for i in range(body_start, len(lines)):
        if lines[i].has_tabs or (match := SECTION_HEADING.match(lines[i].text)) is None:
            continue
        number = from_chinese(match.group(1)) or 0
        title = match.group(2)
        role = _part_role(title, template) or _part_role(_with_next(lines, i, title), template)
        if not previous < number <= previous + 3 or not is_heading_title(
            title.rstrip("表") if role == "tables" else title
        ):
            continue
        if role == "narrative" or role is None:
            role = _section_role(title, template) or role
        headings.append((i, role))
        previous = number
    return headings if sum(1 for _, role in headings if role) >= 2 else []


def _contents_page_end(lines: Sequence[TextLine], start: int) -> int:
    """Contents without part headings (a tables file's own 目录): the entries that follow on its page."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.has_tabs or (line.page is not None and line.page != lines[start].page):
            break
        if line.page is None and not line.is_blank and not _ENTRY_START.match(fold(line.text.strip())):
            break
        end = i + 1
    return end


def _with_next(lines: Sequence[TextLine], index: int, title: str, count: int = 1) -> str:
    """A part heading's title with the next `count` lines, for a title wrapped after the unit's name (and once
    more inside it: `第三部分` / `国家信访局 2024 年度部门决` / `算情况说明`)."""
    joined = title
    for following in lines[index + 1 : index + 2 + count]:
        text = following.text.strip()
        if not text:
            continue
        if following.has_tabs or len(text) > 40:
            break
        joined, count = joined + text, count - 1
        if count == 0:
            break
    return joined


def _titled_key(text: str, template: Template) -> str | None:
    """Which part title (role and pattern) this line is, for spotting the same title twice."""
    role = titled_part(text, template)
    if role is None:
        return None
    folded = fold(LEADER.sub("", text.strip()))
    return next(f"{role}:{p.pattern}" for p in template.part_titles[role] if p.search(folded))


def titled_part(text: str, template: Template) -> str | None:
    """The role of a part opened by an unnumbered page title (template `part_titles`), if this is one."""
    stripped = LEADER.sub("", text.strip())
    if not template.part_titles or not stripped or len(stripped) > 40 or stripped.endswith(("。", "；", "，")):
        return None
    folded = fold(stripped)
    for role, patterns in template.part_titles.items():
        if any(p.search(folded) for p in patterns):
            return role
    return None


def _contents_entries(lines: Sequence[TextLine]) -> list[str]:
    entries: list[str] = []
    for line in lines:
        text = LEADER.sub("", _BULLET.sub("", line.text.strip()))
        if not text:
            continue
        if entries and not _ENTRY_START.match(text) and not _ENTRY_START.match(fold(text)):
            entries[-1] = join_text(entries[-1], text)
        else:
            entries.append(text)
    return entries


def _part_role(title: str, template: Template) -> str | None:
    folded = fold(title)
    for role, words in template.parts.items():
        if any(word in folded for word in words):
            return role
    return None


def _sign_off(lines: Sequence[TextLine]) -> tuple[int, int] | None:
    """The closing `unit name / date` lines, if the document ends with a date or with the unit's name alone."""
    tail = [i for i in range(len(lines) - 1, max(-1, len(lines) - 12), -1) if not lines[i].is_blank]
    if not tail:
        return None
    if not _DATE.match(lines[tail[0]].text):
        unit = unit_name(lines)
        if unit and fold(lines[tail[0]].text) == fold(unit):
            return (tail[0], tail[0] + 1)
        return None
    start = tail[0]
    if len(tail) > 1 and len(lines[tail[1]].text.strip()) <= 40 and not re.search(r"[。；：:]$", lines[tail[1]].text):
        start = tail[1]
    return (start, tail[0] + 1)


def unit_name(lines: Sequence[TextLine]) -> str:
    """The unit's name as printed: the tables' `编制单位：…`, else the cover's title, else its first line."""
    heads = [line.text for line in lines[:120] if not line.has_tabs and len(line.text) < 80]
    title = read_title(lines)
    return labelled_unit(lines) or (title.unit if title else "") or first_line_title(heads)


def first_line_title(heads: list[str]) -> str:
    """The first line without its kind and year: the last resort, unless the document starts with its contents."""
    for text in heads:
        stripped = text.strip()
        if not stripped:
            continue
        if _CONTENTS.match(stripped) or PART_HEADING.match(stripped):
            return ""
        name = _SECTION_TAIL.sub("", _YEAR_TAIL.sub("", _TITLE_TAIL.sub("", stripped))).strip()
        return name if is_unit_name(name) else ""
    return ""


def sign_off_date(text: str) -> date | None:
    """The date of a closing `2024年1月31日` line."""
    match = _DATE.match(text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
