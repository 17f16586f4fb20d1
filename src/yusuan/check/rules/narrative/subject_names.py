"""Names of classification subjects in the explanation: the year's name, and the tables' name.

The explanation names 支出功能分类 subjects the way the tables do, but in
words: `一般公共服务支出（类）党委办公厅（室）及相关机构事务（款）行政运行（项）`,
or Shanghai's `“卫生健康支出-行政事业单位医疗-行政单位医疗”科目`.  A name
the document's year no longer uses (医疗卫生与计划生育支出 became 卫生健康支出 in
2019) or one that differs from the same code's name in the document's own
tables is what a reviewer marks.

A name is only judged where the text ties it to a level — a （类）/（款）/（项）
mark, a position in a quoted 类-款-项 chain — or where it is unambiguously a
class name (an outdated 类 name ending in 支出, which no free phrase spells).
The code behind a name is found from the catalogue and the tables, under the
class or 款 the chain (or the section's last class) names; a name that fits
more than one code, or none, is not judged.  The catalogue is partial
(observed names only): a name is outdated only when the catalogue records the
code's name for the document's very year and that name is different, and the
printed name is no code's name that year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yusuan.catalog import CodeName
from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rule_meta import CLASSIFICATION
from yusuan.check.rules.codes import printed_codes
from yusuan.check.text import fold
from yusuan.identity_cache import by_identity
from yusuan.lazy_pattern import lazy_compile

if TYPE_CHECKING:
    from yusuan.catalog import Catalog

_MARK = lazy_compile(r"[(（]\s*(类|款|项)\s*[)）]")
_LEVEL = {"类": 1, "款": 2, "项": 3}
_MARK_WORD = {1: "类", 2: "款", 3: "项"}
# what ends the text before a chain's first name
_BEFORE = lazy_compile(r"[，。；：:;,、\n“”\"‘’]")
_LIST_NUMBER = lazy_compile(
    r"^\s*(?:\d{1,2}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*"
)
_CODE_PREFIX = lazy_compile(r"^\s*\d{3,7}\s*")
# Shanghai: “卫生健康支出-行政事业单位医疗-行政单位医疗”科目
_DASHED = lazy_compile(r"[“\"]([^”\"]{2,80}?)[”\"]\s*科目")
_DASH = lazy_compile(r"\s*[-－—–]\s*")
# an outdated name read in the text around it: a change of name being explained, not a name in use
_RENAMING_BEFORE = lazy_compile(r"(原|由|从|旧|曾用名)[“\"]?$")
_RENAMING_AFTER = lazy_compile(r"^[”\"]?(调整为|更名|改为|变更为|改称|科目调整)")


@dataclass(frozen=True)
class _Mention:
    """A subject name the text ties to a level."""

    name: str  # as printed (list number, quotes and code removed)
    level: int  # 1 类, 2 款, 3 项
    start: int  # where it starts in the paragraph
    parent: str | None  # the code of the chain's element above it, when resolved


@dataclass(frozen=True)
class _Known:
    code: str
    name: str
    level: int
    economic: bool
    first_year: int | None  # None: a name printed in this document's tables
    last_year: int | None


def _same(printed: str, name: str, level: int) -> bool:
    """Equal names; a class may be printed without its closing 支出 (`一般公共服务（类）`)."""
    a, b = fold(printed), fold(name)
    return a == b or (level == 1 and (a + "支出" == b or a == b + "支出"))


def _known(ctx: CheckContext) -> list[_Known]:
    """Every name the catalogue records (any year) and every name the tables print, with its code."""
    if "subject_names.known" in ctx.memo:
        cached: list[_Known] = ctx.memo["subject_names.known"]
        return cached
    found = [*_catalogued_names(ctx.catalog)[0], *_printed_names(ctx)]
    ctx.memo["subject_names.known"] = found
    return found


@by_identity
def _catalogued_names(catalog: Catalog) -> tuple[list[_Known], _NameIndex]:
    """The catalogue's names as `_Known`, in the catalogue's order, and indexed by (level, folded name) with
    their positions: the same for every document checked against that catalogue, so made once per process."""
    found: list[_Known] = []
    for economic, book in ((False, catalog.function), (True, catalog.economic)):
        for entries in book.values():
            found.extend(_Known(e.code, e.name, e.level, economic, e.first_year, e.last_year) for e in entries)
    return found, _index(found)


def _printed_names(ctx: CheckContext) -> list[_Known]:
    """Every code name the document's tables print."""
    found: list[_Known] = []
    for p in printed_codes(ctx):
        if p.code.isdigit() and len(p.code) in (3, 5, 7) and p.name:
            level = {3: 1, 5: 2, 7: 3}[len(p.code)]
            found.append(_Known(p.code, p.name, level, p.economic, None, None))
    return found


_NameIndex = dict[tuple[int, str], list[tuple[int, _Known]]]


def _index(names: list[_Known]) -> _NameIndex:
    index: _NameIndex = {}
    for position, k in enumerate(names):
        index.setdefault((k.level, fold(k.name)), []).append((position, k))
    return index


_SPENDING = "支出"


def _same_keys(folded: str, level: int) -> tuple[str, ...]:
    """The folded names `_same` takes for `folded` at a level: itself, and for a class with or without 支出."""
    if level != 1:
        return (folded,)
    keys = (folded, folded + _SPENDING)
    return (*keys, folded[: -len(_SPENDING)]) if folded.endswith(_SPENDING) else keys


def _printed_by_name(ctx: CheckContext) -> _NameIndex:
    """The names the tables print (the tail of `_known`) by (level, folded name)."""
    if "subject_names.printed_by_name" not in ctx.memo:
        ctx.memo["subject_names.printed_by_name"] = _index(_known(ctx)[len(_catalogued_names(ctx.catalog)[0]) :])
    index: _NameIndex = ctx.memo["subject_names.printed_by_name"]
    return index


def _matching(ctx: CheckContext, name: str, level: int, parent: str | None) -> list[_Known]:
    """The known names `_same` as `name` at that level (under `parent`), in `_known`'s order (the
    catalogue's, then the tables'): looked up by the folded forms `_same` accepts instead of comparing
    with every known name."""
    keys = _same_keys(fold(name), level)
    found: list[_Known] = []
    for index in (_catalogued_names(ctx.catalog)[1], _printed_by_name(ctx)):
        hits = [hit for key in keys for hit in index.get((level, key), ())]
        if len(hits) > 1:
            hits.sort(key=lambda hit: hit[0])
        found.extend(k for _position, k in hits if parent is None or k.code.startswith(parent))
    return found


def _code_of(ctx: CheckContext, name: str, level: int, parent: str | None) -> str | None:
    """The one code a name at that level (under that parent) can be, or None when none or several."""
    codes = {(k.economic, k.code) for k in _matching(ctx, name, level, parent)}
    if len(codes) != 1:
        return None
    economic, code = next(iter(codes))
    return None if economic and parent is not None else code


def _clean(name: str) -> str:
    name = _LIST_NUMBER.sub("", name.strip())
    name = _CODE_PREFIX.sub("", name)
    return name.strip().strip("“”\"'‘’").strip()


def _first_name(ctx: CheckContext, text: str, level: int) -> tuple[str, int]:
    """The first name of a chain: back to the last separator, or the longest known name the text ends with."""
    cut = max((m.end() for m in _BEFORE.finditer(text)), default=0)
    name = _clean(text[cut:])
    if _matching(ctx, name, level, None):
        return name, len(text) - len(name)
    folded = fold(text)
    suffixes = [k.name for k in _known(ctx) if k.level == level and folded.endswith(fold(k.name))]
    if suffixes:
        longest = max(suffixes, key=len)
        return longest, len(text) - len(longest)
    return name, len(text) - len(name)


def _marked(ctx: CheckContext, text: str, context: str | None) -> Iterator[_Mention]:
    """The names before （类）/（款）/（项） marks; `context` is the class code the section named last."""
    previous_end: int | None = None
    parent: str | None = None
    for mark in _MARK.finditer(text):
        level = _LEVEL[mark.group(1)]
        between = text[previous_end : mark.start()] if previous_end is not None else ""
        if previous_end is not None and between.strip() and not _BEFORE.search(between):
            name, start = _clean(between), previous_end
        else:
            parent = context if level > 1 else None
            name, start = _first_name(ctx, text[: mark.start()], level)
        if name:
            yield _Mention(name, level, start, parent)
            code = _code_of(ctx, name, level, parent)
            parent = code if code is not None else (parent if level > 1 else None)
            if level == 1 and code is not None:
                context = code
        previous_end = mark.end()


def _dashed(ctx: CheckContext, text: str) -> Iterator[_Mention]:
    for quoted in _DASHED.finditer(text):
        parts = _DASH.split(quoted.group(1).strip())
        if not 2 <= len(parts) <= 3:
            continue
        parent: str | None = None
        position = quoted.start(1)
        for level, part in enumerate(parts, start=1):
            yield _Mention(part, level, position, parent)
            position += len(part) + 1
            parent = _code_of(ctx, part, level, parent)
            if parent is None:
                break


def _outdated_classes(ctx: CheckContext) -> list[CodeName]:
    """Outdated class names that end in 支出: unambiguous wherever the text prints them."""
    if "subject_names.classes" in ctx.memo:
        cached: list[CodeName] = ctx.memo["subject_names.classes"]
        return cached
    found = []
    for entries in ctx.catalog.function.values():
        for e in entries:
            if e.level == 1 and e.name.endswith("支出") and len(e.name) >= 6 and _outdated(ctx, e.name, 1, None):
                found.append(e)
    ctx.memo["subject_names.classes"] = found
    return found


def _unmarked(ctx: CheckContext, text: str) -> Iterator[_Mention]:
    folded_names = {e.name for e in _outdated_classes(ctx)}
    for name in folded_names:
        start = text.find(name)
        while start >= 0:  # each occurrence, left to right, not overlapping (as a literal pattern's matches)
            end = start + len(name)
            at = start
            start = text.find(name, end)
            if _RENAMING_BEFORE.search(text[:at]) or _RENAMING_AFTER.match(text[end:]):
                continue
            if _MARK.match(text[end:].lstrip()):
                continue  # a marked name: read as one
            yield _Mention(name, 1, at, None)


def _covering(entries: list[CodeName], year: int) -> list[CodeName]:
    return [e for e in entries if e.first_year <= year <= e.last_year]


def _catalogued_by_name(ctx: CheckContext) -> dict[tuple[int, str], list[CodeName]]:
    """Every catalogue entry (functional and economic) by (level, folded name)."""
    return _catalogue_entries(ctx.catalog)[0]


def _catalogued_levels(ctx: CheckContext) -> tuple[int, ...]:
    """The levels the catalogue's entries have."""
    return _catalogue_entries(ctx.catalog)[1]


@by_identity
def _catalogue_entries(catalog: Catalog) -> tuple[dict[tuple[int, str], list[CodeName]], tuple[int, ...]]:
    """The catalogue's entries by (level, folded name), and their levels: made once per catalogue."""
    index: dict[tuple[int, str], list[CodeName]] = {}
    for book in (catalog.function, catalog.economic):
        for entries in book.values():
            for e in entries:
                index.setdefault((e.level, fold(e.name)), []).append(e)
    return index, tuple(sorted({level for level, _name in index}))


def _in_use(ctx: CheckContext, name: str) -> bool:
    """The catalogue records `name` for some code (any level) in the document's year (`_same` at the
    entry's level: looked up by the folded forms it accepts)."""
    year = ctx.year
    index = _catalogued_by_name(ctx)
    folded = fold(name)
    return any(
        e.first_year <= year <= e.last_year
        for level in _catalogued_levels(ctx)
        for key in _same_keys(folded, level)
        for e in index.get((level, key), ())
    )


def _outdated(ctx: CheckContext, name: str, level: int, parent: str | None) -> tuple[str, CodeName, str] | None:
    """(code, the old entry, the year's name) when `name` is only an earlier name of one code."""
    key = f"subject_names.outdated:{fold(name)}:{level}:{parent}"
    if key not in ctx.memo:
        ctx.memo[key] = _find_outdated(ctx, name, level, parent)
    result: tuple[str, CodeName, str] | None = ctx.memo[key]
    return result


def _find_outdated(ctx: CheckContext, name: str, level: int, parent: str | None) -> tuple[str, CodeName, str] | None:
    if _in_use(ctx, name):
        return None
    known = _matching(ctx, name, level, parent)
    found: list[tuple[str, CodeName, str]] = []
    for economic, book in ((False, ctx.catalog.function), (True, ctx.catalog.economic)):
        for code in sorted({k.code for k in known if k.economic is economic and k.first_year is not None}):
            entries = book.get(code, [])
            old = [e for e in entries if _same(name, e.name, level) and e.last_year < ctx.year]
            current = _covering(entries, ctx.year)
            if old and current:
                found.append((code, old[0], current[0].name))
    if len(found) != 1:
        return None
    code = found[0][0]
    if any(k.first_year is None and k.code != code for k in known):
        return None  # the tables print it as another code's name
    return found[0]


def _mentions(ctx: CheckContext) -> list[tuple[str, int, Location, str, _Mention]]:
    """Every subject mention: (section path, paragraph index, place, paragraph text, mention); found once per
    run (both rules of this module read them)."""
    if "subject_names.mentions" not in ctx.memo:
        ctx.memo["subject_names.mentions"] = list(_find_mentions(ctx))
    found: list[tuple[str, int, Location, str, _Mention]] = ctx.memo["subject_names.mentions"]
    return found


def _find_mentions(ctx: CheckContext) -> Iterator[tuple[str, int, Location, str, _Mention]]:
    for path, _section in ctx.sections():
        context: str | None = None
        for paragraph in (p for p in ctx.claims.paragraphs if p.path == path):
            text = paragraph.text
            where = ctx.at_section(path, paragraph.first)
            marked = list(_marked(ctx, text, context))
            for m in marked:
                if m.level == 1:
                    code = _code_of(ctx, m.name, 1, None)
                    context = code if code is not None else context
            starts = {m.start for m in marked}
            for m in [*marked, *_dashed(ctx, text), *(u for u in _unmarked(ctx, text) if u.start not in starts)]:
                yield path, paragraph.index, where, text, m


def _near(printed: str, name: str) -> bool:
    """`机关事业单位职业年金` for `机关事业单位职业年金缴费支出` (the head of the name, most of it),
    `其它` for `其他`."""
    a, b = fold(printed).replace("其它", "其他"), fold(name)
    return a == b or (len(a) >= 4 and b.startswith(a) and len(a) * 5 >= len(b) * 3)


def _shortened(m: _Mention, tables: dict[str, list[tuple[str, str]]]) -> set[str]:
    """The one code under the chain's parent whose table name the printed name shortens (or none)."""
    if m.parent is None:
        return set()
    length = {1: 3, 2: 5, 3: 7}[m.level]
    return {
        code
        for code, printed in tables.items()
        if len(code) == length and code.startswith(m.parent) and any(_near(m.name, name) for name, _n in printed)
    }


def _about_last_year(text: str, start: int, year: int) -> bool:
    """The clause speaks of last year (`2018年医疗卫生与计划生育支出…`): last year's name may be right there."""
    clause = text[max((m.end() for m in _BEFORE.finditer(text, 0, start)), default=0) : start]
    return bool(re.search(rf"上年|上一年|去年|{year - 1}\s*年", clause))


def _printed_form(printed: str, name: str, level: int) -> str:
    """The suggestion written as the text writes the class (`卫生健康` where it wrote `医疗卫生与计划生育`)."""
    if level == 1 and not fold(printed).endswith("支出") and name.endswith("支出"):
        return name[: -len("支出")]
    return name


@rule("narrative-subject-name-catalogue", "说明中的科目名称与当年科目目录不符", "warning", basis=CLASSIFICATION)
def narrative_subject_name_catalogue(ctx: CheckContext) -> Iterable[Finding]:
    """A subject the explanation names (marked 类/款/项, or an outdated class name) bears the document year's name.

    Judged only when the catalogue records the code's name for that year and the printed name is no
    code's name that year (医疗卫生与计划生育支出 in a 2019-or-later document: 卫生健康支出).
    """
    seen: set[tuple[str, int]] = set()
    for path, _index, where, text, m in _mentions(ctx):
        found = _outdated(ctx, m.name, m.level, m.parent)
        if found is None or (fold(m.name), m.level) in seen or _about_last_year(text, m.start, ctx.year):
            continue
        seen.add((fold(m.name), m.level))
        code, old, current = found
        suggestion = _printed_form(m.name, current, m.level)
        yield ctx.finding(
            f"{ctx.in_part3(path)}写作“{m.name}”（{_MARK_WORD[m.level]}），这是科目 {code} 在 "
            f"{old.first_year}–{old.last_year} 年的名称；{ctx.year} 年该科目名称为“{current}”。",
            where,
            expected=current,
            actual=m.name,
            suggestion=suggestion,
        )


@rule("narrative-subject-name-table", "说明中的科目名称与表中同一科目名称不同", "warning", basis=CLASSIFICATION)
def narrative_subject_name_table(ctx: CheckContext) -> Iterable[Finding]:
    """A subject the explanation names is printed under the same name as that code in the tables.

    The code is the one the name can only be (by the catalogue, under the class or 款 the chain names);
    a name the tables print at that level is never questioned, and an outdated name is left to
    narrative-subject-name-catalogue.
    """
    tables: dict[str, list[tuple[str, str]]] = {}
    for p in printed_codes(ctx):
        if not p.economic and p.name:
            tables.setdefault(p.code, []).append((p.name, p.table.number))
    printed_names = {fold(name) for printed in tables.values() for name, _n in printed}
    seen: set[tuple[str, int]] = set()
    for path, _index, where, _text, m in _mentions(ctx):
        key = (fold(m.name), m.level)
        if key in seen or _outdated(ctx, m.name, m.level, m.parent) is not None:
            continue
        if any(form in printed_names for form in _same_keys(key[0], m.level)):
            continue  # a name the tables print (`_same` as one of them)
        catalogued = [
            k
            for k in _matching(ctx, m.name, m.level, m.parent)
            if k.first_year is not None and not k.economic and k.code in tables
        ]
        codes = {k.code for k in catalogued}
        severity = None
        if len(codes) != 1:
            codes = _shortened(m, tables)
            severity = Severity.INFO  # a shortened name: the reader knows the subject, the wording is loose
        if len(codes) != 1:
            continue
        code = codes.pop()
        names = [name for name, _n in tables[code]]
        printed = max(dict.fromkeys(names), key=names.count)
        numbers = "、".join(dict.fromkeys(f"表{n}" for name, n in tables[code] if name == printed))
        seen.add(key)
        yield ctx.finding(
            f"{ctx.in_part3(path)}写作“{m.name}”（{_MARK_WORD[m.level]}），{numbers}中科目 {code} 名为“{printed}”，"
            "同一科目名称应一致。",
            where,
            expected=printed,
            actual=m.name,
            suggestion=_printed_form(m.name, printed, m.level),
            severity=severity,
        )
