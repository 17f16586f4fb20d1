"""Completeness: every part, table and explanation the document promises or must have is there.

What a document must have comes from the document: its own table of
contents (`Disclosure.contents`: the tables of Part 2, the explanations of
Part 3 — each present in the body, under the same title), its kind, and the
national minimum for that kind (the eight tables of a budget, when its
contents list its tables; 概况, tables, 情况说明, 名词解释).  A regional
profile may add tables its template mandates, for documents of that region
only.  A part is found by meaning: a document that prints a 主要职责 or 机构编制
heading has that part, whatever the reader could take from it.  An empty
table must carry its note (备注) saying why it is empty, or the Part 3 section
that explains the table must say it (Jiangsu prints no note under a table), unless the whole
document is an unfilled template (every table empty, placeholders such as
`XX` left in its text): that is said once (`blank-template`).  `scorecard` gives
the reports a present/absent line per required part and table.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, ScorecardItem, Severity
from yusuan.check.profiles import COVERED_BY, NATIONAL_BUDGET_TABLES
from yusuan.check.registry import rule
from yusuan.check.rules.text_hygiene import excerpt, template_leftovers, texts
from yusuan.check.text import difference_hint, fold
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Section, Table, TableKind
from yusuan.model.vocabulary import kind_of_title, vocabulary
from yusuan.numerals import from_chinese as chinese_number

K = TableKind

_PART = lazy_compile(r"^第([一二三四五六七八九十]+)部分")
_PARENTHESISED = lazy_compile(r"\([^()]*\)")
_YEAR = lazy_compile(r"^\d{4}年度?")
# `…情况说明（详见表1-3）`: a pointer, not title
_REFERENCE = lazy_compile(r"\s*[（(]\s*(?:详见|见)[^（()）]*[)）]\s*$")
_NUMBERED = lazy_compile(r"^\s*(?:[-•·]\s*)?(?:表\s*)?([一二三四五六七八九十]+|\d+)\s*[、.．]?\s*(.*)$")
_SUB_NUMBERED = lazy_compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$")  # `（一）…` under `二、…`


def canonical_title(ctx: CheckContext, kind: TableKind) -> str:
    """The vocabulary's title of a table kind, with 单位/部门 where the title starts with it."""
    entity_first = (K.INCOME_EXPENDITURE_SUMMARY, K.INCOME_SUMMARY, K.EXPENDITURE_SUMMARY)
    prefix = ctx.disclosure.meta.kind.entity if kind in entity_first else ""
    return prefix + vocabulary().label(kind)


def entry_kind(ctx: CheckContext, title: str) -> TableKind | None:
    """The kind of table a contents entry names: the kind of the body table printed under that very
    title, else the kind the vocabulary gives the title (the reader's own title → kind function,
    model/vocabulary.py), so an entry and its table are always paired the same way."""
    wanted = _bare(title)
    printed = next((t.kind for t in ctx.disclosure.tables if _bare(t.title) == wanted), None)
    return printed if printed is not None else kind_of_title(title)


def _bare(title: str) -> str:
    return _YEAR.sub("", fold(title))


@dataclass(frozen=True)
class TocEntry:
    part: int | None  # 1…4 when the contents name their parts
    number: str  # as printed: 一, 11, …
    title: str  # without the number
    raw: str
    index: int


def toc_entries(contents: list[str]) -> list[TocEntry]:
    """Numbered entries of the contents, with their part; unnumbered lines continue the previous entry."""
    entries: list[TocEntry] = []
    part: int | None = None
    for index, raw in enumerate(contents):
        text = " ".join(raw.split())
        if not text:
            continue
        part_match = _PART.match(text)
        if part_match:
            part = chinese_number(part_match.group(1))
            continue
        numbered = _NUMBERED.match(text)
        sub = _SUB_NUMBERED.match(text)
        if sub:  # an entry of its own, matched by title only: its number counts within its parent
            entries.append(TocEntry(None, sub.group(1), sub.group(2), text, index))
        elif numbered and numbered.group(2):
            entries.append(TocEntry(part, numbered.group(1), numbered.group(2), text, index))
        elif entries:  # a title wrapped onto the next line
            last = entries[-1]
            entries[-1] = TocEntry(last.part, last.number, last.title + text, last.raw + text, last.index)
    return entries


def _is_table_entry(entry: TocEntry) -> bool:
    return entry.part == 2 or (entry.part is None and fold(entry.title).endswith("表"))


def _is_section_entry(entry: TocEntry) -> bool:
    return entry.part == 3 or (entry.part is None and not fold(entry.title).endswith("表") and "说明" in entry.title)


def table_entries(ctx: CheckContext) -> list[tuple[TocEntry, TableKind]]:
    found = []
    for entry in toc_entries(ctx.disclosure.contents):
        if _is_table_entry(entry):
            kind = entry_kind(ctx, entry.title)
            if kind is not None:
                found.append((entry, kind))
    return found


def _present(ctx: CheckContext) -> str:
    return "、".join(t.number for t in ctx.disclosure.tables) or "无"


def _toc_location(entry: TocEntry, kind: TableKind | None = None) -> Location:
    return Location(section="contents", table_kind=kind.value if kind else None, row=entry.raw)


@rule("toc-table-missing", "目录所列的表在正文中缺失", "error")
def toc_table_missing(ctx: CheckContext) -> Iterable[Finding]:
    """Every table listed in the table of contents is present in the body."""
    for entry, kind in table_entries(ctx):
        if ctx.table(kind) is None:
            number = chinese_number(entry.number)
            yield ctx.finding(
                f"目录列出“{entry.raw}”，但正文中没有这张表（正文中的表：{_present(ctx)}）。",
                Location(table=str(number) if number else entry.number, table_kind=kind.value),
                expected=entry.raw,
                related=(_toc_location(entry, kind),),
            )


@rule("toc-table-title", "正文表名与目录不一致", "warning")
def toc_table_title(ctx: CheckContext) -> Iterable[Finding]:
    """A table's printed title is the title the contents give it."""
    for entry, kind in table_entries(ctx):
        table = ctx.table(kind)
        if table is None:
            continue
        expected, actual = fold(entry.title), fold(table.title)
        if expected != actual:
            qualifiers = _only_qualifiers(expected, actual)
            yield ctx.finding(
                f"表{table.number}标题为“{table.title}”，目录中为“{entry.title}”"
                f"（{difference_hint(expected, actual)}）"
                + ("：同一张表，只是限定词或词序不同，请核对是否需要统一。" if qualifiers else "。"),
                ctx.at_cell(table),
                expected=entry.title,
                actual=table.title,
                related=(_toc_location(entry, kind),),
                severity=Severity.INFO if qualifiers else None,
            )


def _only_qualifiers(expected: str, actual: str) -> bool:
    """The two titles name the same table in other words: they differ only by a bracketed qualifier
    (`（功能科目）`), by the year before it (`2017年`), by word order, or by words one of them adds
    (`一般公共预算“三公”经费…` vs `“三公”经费…`): every character of the shorter title is in the longer."""
    a, b = (_YEAR.sub("", _PARENTHESISED.sub("", title)) for title in (expected, actual))
    shorter, longer = sorted((a, b), key=len)
    return not (Counter(shorter) - Counter(longer))


# a contents page that names at least this many tables lists the document's tables
_LISTED_TABLES = 3


def required_tables(ctx: CheckContext) -> list[tuple[TableKind, str]]:
    """Tables the document must publish beyond those its contents list, each with who requires it.

    The regional profile's mandated tables (only for a document of that region), and the
    national minimum of a budget when the contents list the document's tables.
    """
    required: list[tuple[TableKind, str]] = [
        (kind, f"{ctx.profile.label}模板要求") for kind in ctx.profile.mandated_tables
    ]
    is_budget = ctx.disclosure.meta.kind.label.endswith("预算")
    if is_budget and len(table_entries(ctx)) >= _LISTED_TABLES:
        for kind in NATIONAL_BUDGET_TABLES:
            if kind not in {k for k, _who in required}:
                required.append((kind, "全国预算公开的基本要求（财预〔2016〕143号）"))
    return required


@rule("mandated-table-missing", "规定公开的表缺失", "error")
def mandated_table_missing(ctx: CheckContext) -> Iterable[Finding]:
    """Every table the national minimum or the document's regional profile requires is present,
    even when the contents omit it too.

    Tables the contents list are reported by toc-table-missing instead.
    """
    if not ctx.disclosure.tables:
        return  # part-missing reports the missing Part 2 once, rather than every table
    listed = {kind for _entry, kind in table_entries(ctx)}
    for kind, who in required_tables(ctx):
        if kind not in listed and ctx.table(kind) is None:
            if any(ctx.table(wider) is not None for wider in COVERED_BY.get(kind, ())):
                continue
            title = canonical_title(ctx, kind)
            yield ctx.finding(
                f"{who}公开“{title}”，正文和目录中都没有（即使无数据也应公开空表并说明）。",
                Location(table_kind=kind.value),
                expected=title,
            )


# What explains an empty table, under it (备注) or in the Part 3 section that explains it: the table is blank
# (`空表`, `无数据`), the unit has no such income or spending (`没有…支出`, `本部门无政府性基金预算`, `无此项支出`,
# `未安排…`), or the amount is nil for a reason it gives (`为0，主要原因是…`).  A bare `…为0` says how much,
# not that there is none.
_SAYS_NONE = lazy_compile(
    r"空白?表|无数据|没有.{0,30}(?:支出|收入|安排|预算)"
    r"|无(?:此项|该项|此类|相关)?[^,;。]{0,16}?(?:支出|收入|预算|安排)"
    r"|未(?:使用|安排|编制)[^,;。]{0,16}?(?:支出|收入|预算|资金)"
    r"|为(?:0|零)(?:\.0+)?(?:万元|元)?[,;。]?(?:主要)?(?:原因|是因为|因为|由于)"
)


def says_none(text: str) -> bool:
    """The text says why a table is empty: the one vocabulary of a note, whether printed under the table or in
    the narrative's section for it."""
    return bool(_SAYS_NONE.search(fold(text)))


# tables that hold no money by nature: no amount in them does not make them empty
_WITHOUT_MONEY = frozenset({K.PERFORMANCE_TARGETS})


def is_empty_table(table: Table) -> bool:
    """The table prints no amount: the reader read its money columns and found nothing in them.

    A table of a kind without money (绩效目标表), one whose money columns the reader could not place
    (no column read) or whose reading is doubtful (amounts printed but not read) is never called empty.
    """
    return table.kind not in _WITHOUT_MONEY and bool(table.columns) and not table.doubt and table.is_empty


def explained_in_narrative(ctx: CheckContext, table: Table) -> bool:
    """The Part 3 section that explains this table (the vocabulary's `explains`: the table its narrative rules
    ground in) says why it is empty (Jiangsu prints no note under the table: `七、政府性基金支出预算表情况说明
    本部门无政府性基金预算`)."""
    sections = vocabulary()
    return any(
        (known := sections.section(path.rsplit("/", maxsplit=1)[-1])) is not None
        and known.explains is table.kind
        and says_none(section.text())
        for path, section in ctx.sections()
    )


@rule("empty-table-note", "空表缺少说明", "error")
def empty_table_note(ctx: CheckContext) -> Iterable[Finding]:
    """A table with no amount in it carries a note (备注) saying why it is empty, or the Part 3 section
    that explains the table says so (the same words as a note: `says_none`)."""
    if is_blank_template(ctx):
        return  # blank-template says so once: an unfilled template's tables are empty by design
    for table in ctx.disclosure.tables:
        if is_empty_table(table) and not (table.note or "").strip() and not explained_in_narrative(ctx, table):
            yield ctx.finding(
                f"表{table.number}“{table.title}”是空表，但没有备注说明为什么为空。",
                ctx.at_cell(table),
            )


@rule("empty-note-contradiction", "备注称空表但表中有数", "error")
def empty_note_contradiction(ctx: CheckContext) -> Iterable[Finding]:
    """A note that calls the table empty is only printed under a table with no amounts."""
    for table in ctx.disclosure.tables:
        if table.note and says_none(table.note) and not table.is_empty and not table.doubt:
            yield ctx.finding(
                f"表{table.number}“{table.title}”的备注称其为空表（“{table.note}”），但表中有数。",
                ctx.at_cell(table),
            )


def is_blank_template(ctx: CheckContext) -> bool:
    """The document is an unfilled template: every table that holds money has none (each is empty, none
    doubtful or unread), and its text keeps a template placeholder (`XX`, `x,xxx`, `增加（减少）`: the
    placeholders of text-template-leftover).  A real disclosure with one empty table, or with a leftover
    `XX` but filled tables, is no blank template."""
    return blank_template_evidence(ctx) is not None


def blank_template_evidence(ctx: CheckContext) -> tuple[int, str] | None:
    """(the number of empty tables, the first placeholder with its text) when the document is a blank template
    (`is_blank_template`), else None; worked out once per check."""
    if "completeness.blank_template" not in ctx.memo:
        ctx.memo["completeness.blank_template"] = _blank_template(ctx)
    found: tuple[int, str] | None = ctx.memo["completeness.blank_template"]
    return found


def _blank_template(ctx: CheckContext) -> tuple[int, str] | None:
    money = [t for t in ctx.disclosure.tables if t.kind not in _WITHOUT_MONEY]
    if not money or not all(is_empty_table(t) for t in money):
        return None
    for item in texts(ctx):
        text = unicodedata.normalize("NFC", item.text)
        matches = template_leftovers(text)
        if matches:
            return len(money), f"{item.label}“{excerpt(text, matches[0].start(), matches[0].end())}”"
    return None


@rule("blank-template", "文件是未填写的模板", "warning")
def blank_template(ctx: CheckContext) -> Iterable[Finding]:
    """A document whose every money table is empty and whose text keeps template placeholders is an unfilled
    template, not a disclosure: said once, and its empty tables are not reported one by one
    (empty-table-note asks `is_blank_template`)."""
    found = blank_template_evidence(ctx)
    if found is not None:
        count, where = found
        yield ctx.finding(
            f"文件是未填写的模板：{count}张表都没有金额，文字中留有模板占位用语（如{where}），"
            "因此不逐表报告空表缺少说明；请核对是否上传了填写完成的公开文件。",
            Location(section="tables"),
            actual=f"{count}张空表",
        )


@rule("part-missing", "缺少规定的组成部分", "error")
def part_missing(ctx: CheckContext) -> Iterable[Finding]:
    """The parts every disclosure has are present: 概况 (职责, 机构设置), the tables, 情况说明, 名词解释.

    A part is present when the reader took its content or the document prints a heading that
    names it (`主要职责`, `机构编制`, `…预算安排情况说明`), under whatever number or title."""
    for label, present, section in _parts(ctx):
        if not present:
            yield ctx.finding(f"缺少{label}。", Location(section=section), expected=label)


def _parts(ctx: CheckContext) -> list[tuple[str, bool, str]]:
    d = ctx.disclosure
    printed = set(d.meta.printed_parts)
    duties = bool(d.profile.duties) or "duties" in printed
    organisation = (
        bool(d.profile.staffing or d.profile.staffing_text.strip() or d.profile.organisation.strip())
        or "organisation" in printed
    )
    tables = bool(d.tables)
    narrative = bool(d.narrative) or "narrative" in printed
    glossary = bool(d.glossary) or "glossary" in printed
    if ctx.profile.template_part_names:  # the region's template numbers and names its parts
        labels = (
            "第一部分 单位概况：主要职能",
            "第一部分 单位概况：机构设置及人员情况",
            "第二部分 预算公开表",
            "第三部分 预算情况说明",
            "第四部分 名词解释",
        )
    else:
        entity, stage = d.meta.kind.label[:2], d.meta.kind.label[2:]
        labels = (
            f"{entity}概况中的主要职责（职能）",
            f"{entity}概况中的机构设置情况",
            f"{stage}公开表",
            f"{stage}情况说明",
            "名词解释",
        )
    parts = [
        (labels[0], duties, "profile"),
        (labels[1], organisation, "profile"),
        (labels[2], tables, "tables"),
        (labels[3], narrative, "narrative"),
    ]
    if ctx.profile.glossary_required:
        parts.append((labels[4], glossary, "glossary"))
    return parts


def section_entries(ctx: CheckContext) -> list[TocEntry]:
    return [e for e in toc_entries(ctx.disclosure.contents) if _is_section_entry(e)]


def _section_by_number(ctx: CheckContext, number: str) -> Section | None:
    wanted = chinese_number(number) or (int(number) if number.isdigit() else None)
    for section in ctx.disclosure.narrative:
        printed = section.number.strip("、.． ")
        if printed == number or (wanted is not None and chinese_number(printed) == wanted):
            return section
    return None


def _numbers_part_three(entry: TocEntry) -> bool:
    """The entry's number is the number of a Part 3 explanation.  Contents that are not divided
    into parts (Shanghai: 一、主要职能 … 四、预算编制说明 … 六、其他相关情况说明) number the
    document's chapters instead; the body numbers the explanations inside a chapter afresh, so
    such an entry can only be matched by its title."""
    return entry.part == 3


def _section_for(ctx: CheckContext, entry: TocEntry) -> Section | None:
    if _numbers_part_three(entry):
        return _section_by_number(ctx, entry.number)
    wanted = _YEAR.sub("", fold(entry.title))
    for _path, section in ctx.sections():
        title = _YEAR.sub("", fold(section.title))
        if title and (wanted in title or title in wanted):
            return section
    return None


@rule("toc-section-missing", "目录所列的说明在正文中缺失", "error")
def toc_section_missing(ctx: CheckContext) -> Iterable[Finding]:
    """Every explanation of Part 3 listed in the contents is present in the body under its number.

    A chapter of contents without parts (Shanghai) is matched by title; one whose explanations the
    body prints without the chapter's own heading cannot be placed, and is not reported."""
    if not ctx.disclosure.narrative:
        return  # part-missing says so once
    for entry in section_entries(ctx):
        if _numbers_part_three(entry) and _section_by_number(ctx, entry.number) is None:
            yield ctx.finding(
                f"目录列出“{entry.raw}”，但第三部分中没有第{entry.number}节。",
                _toc_location(entry),
                expected=entry.raw,
            )


@rule("toc-section-title", "说明标题与目录不一致", "warning")
def toc_section_title(ctx: CheckContext) -> Iterable[Finding]:
    """An explanation's title in the body is the title the contents give it."""
    for entry in section_entries(ctx):
        section = _section_for(ctx, entry)
        if section is None:
            continue
        expected, actual = fold(_REFERENCE.sub("", entry.title)), fold(_REFERENCE.sub("", section.title))
        if not _numbers_part_three(entry) and _YEAR.sub("", expected) == _YEAR.sub("", actual):
            continue
        if expected != actual:
            yield ctx.finding(
                f"第三部分{section.number}、标题为“{section.title}”，目录中为“{entry.title}”"
                f"（正文{difference_hint(expected, actual)}）。",
                ctx.at_section(section.key),
                expected=entry.title,
                actual=section.title,
                related=(_toc_location(entry),),
            )


def scorecard(ctx: CheckContext) -> list[ScorecardItem]:
    """Which mandated parts and tables the document has, for the reports."""
    items = [ScorecardItem(label, present) for label, present, _section in _parts(ctx)]
    kinds: list[TableKind] = [kind for kind, _who in required_tables(ctx)]
    for _entry, kind in table_entries(ctx):
        if kind not in kinds:
            kinds.append(kind)
    for table in ctx.disclosure.tables:
        if table.kind not in kinds:
            kinds.append(table.kind)
    for kind in sorted(kinds, key=list(TableKind).index):
        items.append(_table_item(ctx, kind, ctx.table(kind)))
    return items


def _table_item(ctx: CheckContext, kind: TableKind, table: Table | None) -> ScorecardItem:
    number = list(TableKind).index(kind) + 1
    if table is None:
        return ScorecardItem(f"表{number} {canonical_title(ctx, kind)}", False, "缺失")
    note = ""
    if is_empty_table(table):
        if (table.note or "").strip():
            note = "空表，有说明"
        elif is_blank_template(ctx):  # its Part 3 is template wording: no explanation of this unit's tables
            note = "空表（未填写的模板）"
        else:
            note = "空表，有说明" if explained_in_narrative(ctx, table) else "空表，缺说明"
    return ScorecardItem(f"表{table.number} {table.title}", True, note)
