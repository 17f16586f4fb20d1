"""Which units a department's document says it is made of (部门预算单位构成).

A 部门预算 or 部门决算 adds up its own office (本级) and the units under it, and
its first part says which: `纳入…编制范围的单位共3个，包括：…本级、…中心、…中心。`,
`下属单位具体包括：A、B、C。`, `从预算单位构成看，…部门预算包括：…本级预算（行政单位）、
A（事业单位）…和B（事业单位）预算。`, `本部门无下属单位，部门预算为局本级预算。`
The store uses the list to find the units' own documents and check the
department's tables against their sum (`store.cross_department`).

The reading is strict, because a wrong list must never link a department to
the wrong units: a list that ends in 等, whose stated count (共3个, 24个)
differs from the names read, or that names something other than units (a
division list, `下设办公室、…处`) yields None.  A name that matches no stored
document makes the store skip the department anyway, so the cost of a
doubtful list is a check not made, never a false finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yusuan.lazy_pattern import lazy_compile

OWN_OFFICE = "本级"
"""The department's own office, as a member: matched to its 本级 unit document."""

_NUMERALS = "一二三四五六七八九十百零〇两"
_NONE = lazy_compile(r"(?:本部门|本单位)无(?:独立核算的?)?(?:下属|所属)单位")
_CUE = lazy_compile(
    r"(?:编制范围|单位构成|下属单位|所属单位|部门预算|部门决算|汇总预算)[^。：:]{0,40}?"
    r"(?:具体包括|包括|分别是|具体如下|有)[：:]|(?:下属|所属)单位[：:]"
)
_COUNT = lazy_compile(rf"(?:共计|共|单位)([0-9]+|[{_NUMERALS}]+)[个家]")
_DIVISIONS = lazy_compile(r"内设|处室|科室|下设|职能部门|机构包括")
_WHOLE = lazy_compile(r"编制范围|单位构成")
_NOT_A_NAME = lazy_compile(r"以及|纳入|编制|范围|包括|下属单位|所属单位|预算|[：:]")
_ITEM_NUMBER = lazy_compile(rf"^(?:[（(][{_NUMERALS}0-9]+[)）]|[0-9]+[.、．]|[{_NUMERALS}]+、)")
_TYPE_NOTE = lazy_compile(r"[（(][^（()）]*(?:单位|核算|机构)[^（()）]*[)）]")
_ORGAN = lazy_compile(r"(?:局|委|部|厅|办|署|委员会|中心|院)$")
_SUFFIXES = (
    "局", "委", "委员会", "中心", "站", "所", "院", "队", "处", "办公室", "校", "学校", "学院", "馆", "会", "部",
    "室", "园", "厅", "场", "社", "台", "团", "库", "署", "司", "办", "医院", "监狱", "本级",
)  # fmt: skip
_PARTS = lazy_compile(r"[、；;，,]")


def member_units(texts: Iterable[str]) -> tuple[str, ...] | None:
    """The units the text says the department consists of, `本级` for its own office; None when unsaid.

    A list of the whole (`编制范围`, `单位构成`) is preferred to a list of the subordinate units alone, which
    is taken with the department's own office added."""
    lists: list[tuple[bool, tuple[str, ...]]] = []
    for printed in texts:
        text = re.sub(r"\s+", "", printed)
        if _NONE.search(text):
            return (OWN_OFFICE,)
        for found in _CUE.finditer(text):
            if _DIVISIONS.search(found.group(0)):
                continue  # 内设机构包括：办公室、…处
            listed = _listed(text[found.end() :])
            if listed is None:
                continue
            count = _COUNT.search(text[max(0, found.start() - 30) : found.end()])
            if count is not None and _number(count.group(1)) not in (len(listed), len(listed) - 1):
                continue  # 共3个 and another number of names (本级 may or may not be counted)
            whole = _WHOLE.search(found.group(0)) is not None
            if not whole and OWN_OFFICE not in listed:
                listed = (OWN_OFFICE, *listed)
            lists.append((whole, listed))
    return next((listed for whole, listed in lists if whole), lists[0][1] if lists else None)


def _listed(rest: str) -> tuple[str, ...] | None:
    """The names of a list up to its sentence's end; None if it is not a list of units."""
    sentence = re.split(r"[。]|[，,]下设", rest, maxsplit=1)[0]
    sentence = _TYPE_NOTE.sub("", sentence)
    if not sentence or sentence.endswith("等") or "等单位" in sentence or "下设" in sentence:
        return None
    sentence = re.sub(rf"(?<!^)(?=[（(][{_NUMERALS}0-9]+[)）])", "、", sentence)  # （一）A（二）B → items
    items = [item for item in _PARTS.split(sentence) if item]
    if items and "和" in items[-1]:
        items[-1:] = _split_and(items[-1])
    names = []
    for item in items:
        name = _name(item)
        if name is None:
            return None
        names.append(name)
    if not names or len(set(names)) != len(names):
        return None
    return tuple(names)


def _split_and(item: str) -> list[str]:
    """`A和B` as two names when both halves are names of units (not `自然资源和规划局`)."""
    for at in (m.start() for m in re.finditer("和", item)):
        left, right = item[:at], item[at + 1 :]
        if _name(left) is not None and _name(right) is not None and _unit_like(_bare(left)):
            return [left, right]
    return [item]


def _bare(item: str) -> str:
    item = _ITEM_NUMBER.sub("", item)
    for suffix in ("单位预算", "预算"):
        if item.endswith(suffix) and len(item) > len(suffix):
            item = item[: -len(suffix)]
    for prefix in ("局属", "委属", "部属", "厅属", "办属"):
        if item.startswith(prefix):
            item = item[len(prefix) :]
    return item


def _name(item: str) -> str | None:
    name = re.sub(r"[（(]本级[)）]", OWN_OFFICE, _bare(item))
    if name == OWN_OFFICE or (name.endswith(OWN_OFFICE) and _ORGAN.search(name[: -len(OWN_OFFICE)])):
        return OWN_OFFICE
    if len(name) < 3 or not _unit_like(name) or _NOT_A_NAME.search(name):
        return None
    return name


def _unit_like(name: str) -> bool:
    bare = re.sub(r"[（(][^（()）]*[)）]$", "", name)
    return bare.endswith(_SUFFIXES)


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text, -1)
