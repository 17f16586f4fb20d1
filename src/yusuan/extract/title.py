"""The document's title as its cover prints it, and the unit's name in it.

A cover says who publishes what for which year, in a few words wrapped over
one to four lines: `2026年` / `广州市信访局部门预算`, `重庆市水利局2026年部门预算情况说明`,
`2026 年度` / `无锡市教育局（本级）` / `单位预算公开`, `中共…办公室 预算公开`.
`read_title` joins the cover's lines and reads `<year?><unit><year?><level?>
<单位|部门?><预算|决算><公开…?>` from them; tables' `编制单位：…` lines name the
unit too (`labelled_unit`).  Nothing here knows a region or a unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.extract.lines import TextLine
from yusuan.lazy_pattern import lazy_compile

TITLE_LINES = 5
_STOP = lazy_compile(
    r"^(?:目\s*录|第\s*[一二三四五六七八九十]+\s*部分|[一二三四五六七八九十]+\s*[、.．]"
    r"|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])"
)
_PAGE_NUMBER = lazy_compile(r"^[-—–\s]*\d+[-—–\s]*$|^第\s*\d+\s*页")
_ATTACHMENT = lazy_compile(r"^附件\s*\d*\s*[:：]?\s*")
_BETWEEN_CJK = lazy_compile(r"(?<=[\u4e00-\u9fff（）()“”])\s+(?=[\u4e00-\u9fff（）()“”])")
_TITLE = lazy_compile(
    r"^(?:(?P<year1>20\d{2})\s*年?\s*度?)?\s*(?P<unit>.+?)\s*(?:(?P<year2>20\d{2})\s*年?\s*度?)?\s*"
    r"(?P<level>省级|市级|区级|县级)?\s*(?P<entity>单位|部门)?\s*(?P<stage>预算|决算)(?P<tail>[^，。；、]{0,12})$"
)
_UNIT_LINE = lazy_compile(
    r"^\s*(?:(?:编制|填报|预算)(?:单位|部门)|部门(?:名称)?)\s*[:：]\s*(.+?)\s*(?:(?:金额)?单\s*位\s*[:：]\s*万?\s*元)?\s*$"
)
_NOT_A_NAME = lazy_compile(r"20\d{2}\s*年|目\s*录|[:：]|^[\d\s]|(?:年|年度)$|^(?:单位|部门|本级|本部门|本单位)$")


@dataclass(frozen=True)
class Title:
    """What the cover says: the unit's name as printed, and the year, level and kind when it says them."""

    text: str
    unit: str
    year: int | None = None
    level: str | None = None  # 省级 / 市级 / 区级 / 县级, when the title says so
    entity: str | None = None  # 单位 / 部门
    stage: str | None = None  # 预算 / 决算


def compact(text: str) -> str:
    """The text without the spaces a cover sets between characters (`深 圳 市` → `深圳市`)."""
    return _BETWEEN_CJK.sub("", text.strip())


def is_unit_name(text: str) -> bool:
    """A plausible unit name: a few Chinese characters, no year, no label, not a bare `单位`."""
    chinese = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
    return 2 <= len(text) <= 40 and chinese >= 2 and not _NOT_A_NAME.search(text)


def title_lines(lines: Sequence[TextLine]) -> list[str]:
    """The cover's lines: the first page's short lines before the contents or the first heading."""
    found: list[str] = []
    page: int | None = None
    for line in lines[:60]:
        text = _ATTACHMENT.sub("", line.text.strip())
        if not text or _PAGE_NUMBER.match(text):
            continue
        if line.has_tabs or _STOP.match(text) or len(text) > 40:
            break
        if found and page is not None and line.page != page:
            break
        page = line.page
        found.append(compact(text))
        if len(found) >= TITLE_LINES:
            break
    return found


def read_title(lines: Sequence[TextLine]) -> Title | None:
    """The title the cover prints, if its lines read as `<unit>…<预算|决算>`.

    Every run of consecutive cover lines is tried, the longest first, so a
    title wrapped anywhere is read whole and a line before it (`附件1`, a
    publisher's mark) or after it (a date) is left out.
    """
    cover = title_lines(lines)
    for size in range(len(cover), 0, -1):
        for start in range(len(cover) - size + 1):
            title = _parse("".join(cover[start : start + size]))
            if title is not None:
                return title
    return None


def _parse(text: str) -> Title | None:
    match = _TITLE.match(text)
    if match is None:
        return None
    unit = match.group("unit").strip(" 　“”\"'")
    if not is_unit_name(unit):
        return None
    year = match.group("year1") or match.group("year2")
    return Title(
        text=text,
        unit=unit,
        year=int(year) if year else None,
        level=match.group("level"),
        entity=match.group("entity"),
        stage=match.group("stage"),
    )


def labelled_unit(lines: Sequence[TextLine]) -> str:
    """The unit the tables name most often in `编制单位：…` (or `部门名称：…`) lines, if any."""
    named = Counter(
        name for line in lines if (m := _UNIT_LINE.match(line.text)) and is_unit_name(name := compact(m.group(1)))
    )
    return named.most_common(1)[0][0] if named else ""
