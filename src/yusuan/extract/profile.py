"""Part 1 (单位概况) and Part 4 (名词解释): duties, organisation, staffing, glossary.

The staffing sentence (`编制数 70，实有人数 87 人，其中：在职 59 人，增加 5 人；
退休 28 人，增加 1 人；离休 0 人，增加 0 人。`) is read into `Staffing`;
`read_staffing_figures` also returns the printed 实有人数, which `Staffing`
derives, so that a checker can compare the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.extract.lines import TextLine
from yusuan.extract.narrative import SECTION_HEADING, SUBSECTION_HEADING, split_numbered
from yusuan.extract.normalise import fold
from yusuan.extract.paragraphs import STARTS_ITEM, build_paragraphs, join_text
from yusuan.extract.problems import Problems
from yusuan.extract.template import Template
from yusuan.lazy_pattern import Pattern, lazy_compile
from yusuan.model import GlossaryEntry, Profile, Staffing

_NUMBER = r"\s*(\d+)\s*"
_CHANGE = r"(?:\s*人)?\s*[，,]?\s*(?:比上年)?\s*(增加|减少|增长|下降|持平)\s*(\d+)?"
_AUTHORISED = lazy_compile(rf"编制(?:数|人数)?\s*[:：为]?{_NUMBER}")
_ACTUAL = lazy_compile(rf"实有人数\s*[:：为]?{_NUMBER}")
_IN_SERVICE = lazy_compile(rf"在职(?:人员)?\s*[:：]?{_NUMBER}(?:{_CHANGE})?")
_RETIRED = lazy_compile(rf"(?<!离)退休(?:人员)?\s*[:：]?{_NUMBER}(?:{_CHANGE})?")
_RETIRED_CADRES = lazy_compile(rf"离休(?:人员)?\s*[:：]?{_NUMBER}(?:{_CHANGE})?")
_GLOSSARY_ENTRY = lazy_compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]|\d{1,2}\s*[.．、](?!\d))"
    r"\s*([^：:]{1,30})\s*[：:]\s*(.*)$"
)


@dataclass(frozen=True)
class StaffingFigures:
    """Every number the staffing sentence prints (None when it does not print it)."""

    authorised: int | None
    actual: int | None
    in_service: int | None
    retired: int | None
    retired_cadres: int | None
    in_service_change: int | None
    retired_change: int | None
    retired_cadres_change: int | None


def read_staffing_figures(text: str) -> StaffingFigures:
    def number(pattern: Pattern) -> tuple[int | None, int | None]:
        match = pattern.search(text)
        if not match:
            return None, None
        value = int(match.group(1))
        if match.lastindex is None or match.lastindex < 2 or match.group(2) is None:
            return value, None
        word, amount = match.group(2), match.group(3)
        change = 0 if word == "持平" or amount is None else int(amount)
        return value, -change if word in ("减少", "下降") else change

    authorised, _ = number(_AUTHORISED)
    actual, _ = number(_ACTUAL)
    in_service, in_change = number(_IN_SERVICE)
    retired, retired_change = number(_RETIRED)
    cadres, cadres_change = number(_RETIRED_CADRES)
    return StaffingFigures(authorised, actual, in_service, retired, cadres, in_change, retired_change, cadres_change)


def read_profile(lines: Sequence[TextLine], template: Template, source_name: str, problems: Problems) -> Profile:
    _, blocks = split_numbered(lines, SECTION_HEADING)
    if not blocks:  # a profile numbered `（一）主要职能` under a part numbered `一、部门概况`
        _, blocks = split_numbered(lines, SUBSECTION_HEADING)
    duties: list[str] = []
    organisation: list[str] = []
    other: list[str] = []
    staffing_text = ""
    staffing: Staffing | None = None
    staffing_line: TextLine | None = None
    for block in blocks:
        title = fold(block.title)
        paragraphs = build_paragraphs(block.body, source_name)
        if any(w in title for w in template.profile_sections["duties"]):
            duties.extend(STARTS_ITEM.sub("", p.text).strip() for p in paragraphs)
            continue
        if not any(w in title for w in template.profile_sections["organisation"]):
            other.extend(p.text for p in paragraphs)
            continue
        for paragraph in paragraphs:
            if "编制" in paragraph.text and ("实有" in paragraph.text or "在职" in paragraph.text):
                staffing_text = paragraph.text
                staffing_line = next(
                    (ln for ln in block.body if paragraph.source and ln.line_no == paragraph.source.line), None
                )
            else:
                organisation.append(paragraph.text)
    if staffing_text:
        staffing = _staffing(staffing_text)
        if staffing is None:
            problems.add(
                "staffing-unreadable", "人员情况中的编制数或在职、退休人数读不出", staffing_line, staffing_text
            )
    return Profile(
        duties=duties,
        organisation="\n".join(organisation),
        staffing=staffing,
        staffing_text=staffing_text,
        other=other,
    )


def profile_from_titles(
    parts: Sequence[tuple[str, Sequence[TextLine]]], template: Template, source_name: str
) -> Profile:
    """Part 1 printed as titled pages without numbered headings (`…主要职能`, `…机构设置`)."""
    duties: list[str] = []
    organisation: list[str] = []
    other: list[str] = []
    for title, lines in parts:
        folded = fold(title)
        paragraphs = [p.text for p in build_paragraphs(lines, source_name)]
        if any(w in folded for w in template.profile_sections["duties"]):
            duties.extend(STARTS_ITEM.sub("", p).strip() for p in paragraphs)
        elif any(w in folded for w in template.profile_sections["organisation"]):
            organisation.extend(paragraphs)
        else:
            other.extend(paragraphs)
    return Profile(duties=duties, organisation="\n".join(organisation), other=other)


def _staffing(text: str) -> Staffing | None:
    figures = read_staffing_figures(text)
    if figures.authorised is None or figures.in_service is None or figures.retired is None:
        return None
    return Staffing(
        authorised=figures.authorised,
        in_service=figures.in_service,
        retired=figures.retired,
        retired_cadres=figures.retired_cadres or 0,
        in_service_change=figures.in_service_change or 0,
        retired_change=figures.retired_change or 0,
        retired_cadres_change=figures.retired_cadres_change or 0,
    )


def read_glossary(lines: Sequence[TextLine]) -> list[GlossaryEntry]:
    entries: list[tuple[str, str]] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        match = _GLOSSARY_ENTRY.match(text)
        if match:
            entries.append((match.group(1).strip(), match.group(2).strip()))
        elif entries:
            entries[-1] = (entries[-1][0], join_text(entries[-1][1], text))
    return [GlossaryEntry(term=term, definition=definition) for term, definition in entries]
