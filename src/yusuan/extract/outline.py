"""The document's skeleton: table of contents, the four parts, and its identity.

A disclosure opens with a title and a 目录, then repeats the part headings
(`第一部分 2024 年单位概况` …) in the body.  This module finds the contents
block, the line range of each part in the body, and the unit, year, kind and
publication date (`DocumentMeta`), without reading any part's content.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import fold
from yusuan.extract.paragraphs import join_text
from yusuan.extract.problems import Problems
from yusuan.extract.template import Template
from yusuan.model import DocumentKind, DocumentMeta

PART_HEADING = re.compile(r"^\s*第\s*([一二三四五六七八九十]+)\s*部分\s*(.*)$")
_CONTENTS = re.compile(r"^目\s*录$")
_BULLET = re.compile(r"^\s*[-•·]\s+")
LEADER = re.compile(r"\s*(?:[.…·．。_]\s*){3,}\s*\d*\s*$")  # `五、部门预算表 ………… 12`
_ENTRY_START = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、])"
)
_YEAR_KIND = re.compile(r"(20\d{2})\s*年\s*(?:度\s*)?(单位|部门)?\s*(预算|决算|概况)")
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年\s*度?\s*(?:区级|市级|省级)?\s*(?:单位|部门)?\s*(?:预算|决算)")
_YEAR_LOOSE = re.compile(r"(20\d{2})\s*年\s*度?[^，。；：:\d]{0,14}?(?:预算|决算)")  # `2019年政府采购预算表`
_KIND = re.compile(r"(单位|部门)\s*(预算|决算)")
_UNIT_LINE = re.compile(
    r"^\s*(?:(?:编制|填报|预算)(?:单位|部门)|部门(?:名称)?)\s*[:：]\s*(.+?)\s*(?:(?:金额)?单\s*位\s*[:：]\s*万?\s*元)?\s*$"
)
_TITLE_TAIL = re.compile(r"\s*(?:20\d{2}\s*年\s*度?)?\s*(?:单位|部门)?\s*(?:预算|决算)\s*(?:公开|信息公开)?\s*$")
_YEAR_TAIL = re.compile(r"\s*20\d{2}\s*年\s*度?\s*$")  # a title wrapped after its year
_DATE = re.compile(r"^\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


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
            role = _part_role(match.group(2), template) or _part_role(_with_next(lines, i, match.group(2)), template)
            headings.append((i, role))
        elif (role := titled_part(lines[i].text, template)) is not None:
            headings.append((i, role))
    for position, (index, role) in enumerate(headings):
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        if role:
            outline.spans.append((role, (index, end)))
            outline.parts.setdefault(role, (index, end))
    outline.sign_off = _sign_off(lines)
    if outline.sign_off and "glossary" in outline.parts:
        start_g, end_g = outline.parts["glossary"]
        outline.parts["glossary"] = (start_g, min(end_g, outline.sign_off[0]))
    return outline


def _contents_end(lines: Sequence[TextLine], start: int, template: Template) -> int:
    """The contents end where a part heading (or part title) seen in them comes round again."""
    seen: set[str] = set()
    for i in range(start + 1, len(lines)):
        match = PART_HEADING.match(lines[i].text)
        key = match.group(1) if match else _titled_key(lines[i].text, template)
        if key is None:
            continue
        if key in seen:
            return i
        seen.add(key)
    return _contents_page_end(lines, start)


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


def _with_next(lines: Sequence[TextLine], index: int, title: str) -> str:
    """A part heading's title with the next line, for a title wrapped after the unit's name."""
    for following in lines[index + 1 : index + 3]:
        text = following.text.strip()
        if not text:
            continue
        return title + text if not following.has_tabs and len(text) <= 40 else title
    return title


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
        heads = [line.text for line in lines[:120] if not line.has_tabs and len(line.text) < 80]
        unit = _unit_name(lines, heads)
        if unit and fold(lines[tail[0]].text) == fold(unit):
            return (tail[0], tail[0] + 1)
        return None
    start = tail[0]
    if len(tail) > 1 and len(lines[tail[1]].text.strip()) <= 40 and not re.search(r"[。；：:]$", lines[tail[1]].text):
        start = tail[1]
    return (start, tail[0] + 1)


def read_meta(
    lines: Sequence[TextLine], outline: Outline, template: Template, source_name: str, problems: Problems
) -> DocumentMeta:
    heads = [line.text for line in lines[:120] if not line.has_tabs and len(line.text) < 80]
    unit = _unit_name(lines, heads)
    if not unit:
        problems.add("meta-unit-missing", "没有找到单位名称")
    texts = [line.text for line in lines]
    year = _title_year(lines, outline) or _year(heads) or _year(texts) or _year(texts, _YEAR_LOOSE)
    if year is None:
        problems.add("meta-year-missing", "没有找到预算年度")
    return DocumentMeta(
        unit=unit,
        year=year or 0,
        kind=_kind(heads, template.default_kind),
        published=_published(lines, outline),
        template=template.id,
        sources=(source_name,) if source_name else (),
    )


def _unit_name(lines: Sequence[TextLine], heads: list[str]) -> str:
    named = Counter(m.group(1).strip() for line in lines if (m := _UNIT_LINE.match(line.text)) and m.group(1).strip())
    if named:
        return named.most_common(1)[0][0]
    for text in heads:  # the title: the first line, unless the document starts with its contents or a part
        stripped = text.strip()
        if not stripped:
            continue
        if _CONTENTS.match(stripped) or PART_HEADING.match(stripped):
            return ""
        return _YEAR_TAIL.sub("", _TITLE_TAIL.sub("", stripped)).strip()
    return ""


def _title_year(lines: Sequence[TextLine], outline: Outline) -> int | None:
    """The year of the document's own title (the lines before its contents), e.g. `2025年区级部门预算`."""
    end = outline.contents_range[0] if outline.contents_range else 6
    title = "".join(line.text.strip() for line in lines[: min(end, 6)] if not line.has_tabs)
    match = _TITLE_YEAR.search(title)
    return int(match.group(1)) if match else None


def _year(texts: Sequence[str], pattern: re.Pattern[str] = _YEAR_KIND) -> int | None:
    years = Counter(int(m.group(1)) for text in texts for m in pattern.finditer(text))
    return years.most_common(1)[0][0] if years else None


def _kind(heads: list[str], default: DocumentKind | None = None) -> DocumentKind:
    votes = Counter((m.group(1), m.group(2)) for text in heads for m in _KIND.finditer(text))
    entity, stage = votes.most_common(1)[0][0] if votes else ("单位", "预算")
    if not votes:
        entities = Counter(e for text in heads for e in re.findall(r"(单位|部门)(?:概况|收支|收入|支出)", text))
        if not entities and default is not None:  # a tables file that never says: the template's usual kind
            return default
        entity = entities.most_common(1)[0][0] if entities else "单位"
    return {
        ("单位", "预算"): DocumentKind.UNIT_BUDGET,
        ("部门", "预算"): DocumentKind.DEPARTMENT_BUDGET,
        ("单位", "决算"): DocumentKind.UNIT_FINAL_ACCOUNTS,
        ("部门", "决算"): DocumentKind.DEPARTMENT_FINAL_ACCOUNTS,
    }[(entity, stage)]


def _published(lines: Sequence[TextLine], outline: Outline) -> date | None:
    if not outline.sign_off:
        return None
    match = _DATE.match(lines[outline.sign_off[1] - 1].text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
