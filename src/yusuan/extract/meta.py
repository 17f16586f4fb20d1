"""The document's identity: unit, region, year, kind, level, the parts it prints, publication date.

The unit is the name the document prints — in its tables' `编制单位：…`
lines, else on its cover (`title`) — never the cover's whole line.  The
region is read from that name (`regions`), else from the cover, else from the
place the text names far more often than any other; the level (省级 / 市级 /
区级 / 县级) from the cover's own word, else from the region.  `printed_parts`
records which parts the document prints by their headings' meaning (主要职责 or
主要职能, 机构设置 or 机构编制, …情况说明, 名词解释), so a check can tell a part
that is absent from one the reader could not take apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from yusuan.extract.composition import OWN_OFFICE, member_units
from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import fold
from yusuan.extract.outline import LEADER, PART_HEADING, Outline, sign_off_date, unit_name
from yusuan.extract.problems import Problems
from yusuan.extract.regions import Region, find_region, region_in_text
from yusuan.extract.template import Template
from yusuan.extract.title import Title, read_title
from yusuan.lazy_pattern import Pattern, lazy_compile
from yusuan.model import DocumentKind, DocumentMeta

_YEAR_KIND = lazy_compile(r"(20\d{2})\s*年\s*(?:度\s*)?(单位|部门)?\s*(预算|决算|概况)")
_TITLE_YEAR = lazy_compile(r"(20\d{2})\s*年\s*度?\s*(?:区级|市级|省级)?\s*(?:单位|部门)?\s*(?:预算|决算)")
_YEAR_LOOSE = lazy_compile(r"(20\d{2})\s*年\s*度?[^，。；：:\d]{0,14}?(?:预算|决算)")  # `2019年政府采购预算表`
_KIND = lazy_compile(r"(单位|部门)\s*(预算|决算)")
_HEADING_NUMBER = lazy_compile(
    r"^\s*(?:第\s*[一二三四五六七八九十]+\s*部分|[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）]"
    r"|\d+\s*[、.．])\s*"
)
# A part (or a piece of 第一部分) by what its heading says, in any region's words.
PART_WORDS: dict[str, Pattern] = {
    "duties": lazy_compile(r"(?:主要|部门|单位|基本|工作)?(?:职能|职责)"),
    "organisation": lazy_compile(
        r"机构设置|机构编制|机构情况|机构和人员|机构及人员|人员(?:情况|构成|编制)|(?:单位|部门)(?:决算|预算)?(?:单位)?构成"
    ),
    "narrative": lazy_compile(r"情况说明|预算说明|编制说明|收支(?:预算)?总体情况|预算安排情况"),
    "glossary": lazy_compile(r"名词(?:解释|说明)|术语解释"),
}
_SAMPLE = 400  # lines searched for the region when neither the unit nor the cover names one


def read_meta(
    lines: Sequence[TextLine], outline: Outline, template: Template, source_name: str, problems: Problems
) -> DocumentMeta:
    heads = [line.text for line in lines[:120] if not line.has_tabs and len(line.text) < 80]
    title = read_title(lines)
    unit = unit_name(lines)
    if not unit:
        problems.add("meta-unit-missing", "没有找到单位名称")
    texts = [line.text for line in lines]
    year = (
        (title.year if title else None)
        or _title_year(lines, outline)
        or _year(heads)
        or _year(texts)
        or _year(texts, _YEAR_LOOSE)
    )
    if year is None:
        problems.add("meta-year-missing", "没有找到预算年度")
    region = _region(unit, title, lines)
    kind = _kind(title, heads, template.default_kind)
    return DocumentMeta(
        unit=unit,
        year=year or 0,
        kind=kind,
        published=_published(lines, outline),
        template=template.id,
        sources=(source_name,) if source_name else (),
        province=region.province if region else None,
        city=region.city if region else None,
        district=region.district if region else None,
        level=(title.level if title and title.level else None) or (region.level if region else None),
        region_read=True,
        printed_parts=printed_parts(lines, outline),
        members=_members(lines, unit) if kind.value.startswith("department") else None,
    )


def _members(lines: Sequence[TextLine], unit: str) -> tuple[str, ...] | None:
    """The units a department's first part lists (its sentences are in the first pages, outside tables);
    the department's own name in the list is its own office (本级)."""
    text = "".join(line.text.strip() for line in lines[:_SAMPLE] if not line.has_tabs)
    members = member_units(re.split(r"(?<=。)", text))
    return tuple(OWN_OFFICE if name == unit else name for name in members) if members else members


def _region(unit: str, title: Title | None, lines: Sequence[TextLine]) -> Region | None:
    """The unit's region: from its name, else from the cover, else from what the text names most."""
    region = find_region(unit) if unit else None
    if region is None and title is not None:
        region = find_region(title.text)
    if region is None:
        region = region_in_text([line.text for line in lines[:_SAMPLE]])
    return region


def printed_parts(lines: Sequence[TextLine], outline: Outline) -> tuple[str, ...]:
    """The parts the document prints a heading for, by meaning (see `PART_WORDS`), in a fixed order."""
    found = set(outline.parts)
    for line in lines:
        if line.has_tabs:
            continue
        text = LEADER.sub("", line.text.strip())
        number = _HEADING_NUMBER.match(text)
        if number is None or len(text) > 40 or re.search(r"[：:。；]", text):
            continue  # a heading is numbered, short and not a sentence (a glossary entry `六、基本支出：指…`)
        heading = fold(text[number.end() :])
        if PART_HEADING.match(text) and re.search(r"概况", heading) and not re.search(r"收支|预算", heading):
            found.add("profile")
        for role, words in PART_WORDS.items():
            if words.search(heading) and not heading.endswith("表"):
                found.add(role)
    order = ("profile", "duties", "organisation", "tables", "narrative", "glossary")
    return tuple(role for role in order if role in found) + tuple(sorted(found - set(order)))


def _title_year(lines: Sequence[TextLine], outline: Outline) -> int | None:
    """The year of the document's own title (the lines before its contents), e.g. `2025年区级部门预算`."""
    end = outline.contents_range[0] if outline.contents_range else 6
    title = "".join(line.text.strip() for line in lines[: min(end, 6)] if not line.has_tabs)
    match = _TITLE_YEAR.search(title)
    return int(match.group(1)) if match else None


def _year(texts: Sequence[str], pattern: Pattern = _YEAR_KIND) -> int | None:
    years = Counter(int(m.group(1)) for text in texts for m in pattern.finditer(text))
    return years.most_common(1)[0][0] if years else None


_KINDS = {
    ("单位", "预算"): DocumentKind.UNIT_BUDGET,
    ("部门", "预算"): DocumentKind.DEPARTMENT_BUDGET,
    ("单位", "决算"): DocumentKind.UNIT_FINAL_ACCOUNTS,
    ("部门", "决算"): DocumentKind.DEPARTMENT_FINAL_ACCOUNTS,
}


def _kind(title: Title | None, heads: list[str], default: DocumentKind | None = None) -> DocumentKind:
    if title is not None and title.entity and title.stage:
        return _KINDS[(title.entity, title.stage)]  # the cover says it: `…单位预算公开`
    votes = Counter((m.group(1), m.group(2)) for text in heads for m in _KIND.finditer(text))
    entity, stage = votes.most_common(1)[0][0] if votes else ("单位", "预算")
    if not votes:
        entities = Counter(e for text in heads for e in re.findall(r"(单位|部门)(?:概况|收支|收入|支出)", text))
        if not entities and default is not None:  # a tables file that never says: the template's usual kind
            return default
        entity = entities.most_common(1)[0][0] if entities else "单位"
    return _KINDS[(entity, stage)]


def _published(lines: Sequence[TextLine], outline: Outline) -> date | None:
    if not outline.sign_off:
        return None
    return sign_off_date(lines[outline.sign_off[1] - 1].text)
