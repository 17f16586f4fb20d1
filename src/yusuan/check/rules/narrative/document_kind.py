"""Wording of the wrong document kind: a 单位预算 that calls itself 部门预算, a 决算 that calls itself 预算.

A department (部门) has subordinate units (下属单位) and its 部门预算
consolidates them; a unit's own 单位预算 is published from the same template
with 部门 replaced by 单位 (Shanghai's unit budgets print 单位预算编制说明,
单位预算安排购置车辆, 本单位…).  Where the replacement was forgotten the
document names itself by the wrong kind: `2025年部门预算安排购置车辆0辆` in a
unit budget, `2024年部门预算情况说明` in a final account.

Only phrases that *name the document* are judged — the document's year (or
the unit's name after it) directly before 部门预算 / 单位预算, in a heading or,
in running text, followed by what follows a document's name (公开, 情况说明,
安排购置…) — and the headings of a final account that call a table or section
a 预算 one.  A unit budget may say it is part of its department's budget
(纳入市教育局2026年部门预算), and a final account may speak of the budget it
executed (2024年部门预算批复, 安排…): neither is judged.  Words
that are not the document's name are never read as such: 部门预算支出经济分类
is a classification, 部门预算改革 / 管理 / 批复 / 执行 are things a document of
any kind talks about, 预算单位 is an entity, and a 决算 speaks of its 预算数
by right.  A department's budget calling itself 单位预算 is judged in its
headings, and in its text (the explanation and Part 1's 机构设置) only where the
name is followed by what follows a document's name or stands in the template's
sentences about the whole budget (a department's text may speak of its units'
budgets, 下属单位预算, and of spending put in a budget, 纳入年度单位预算); its
tables titled 单位收支总体情况表 are a notice (重庆's departments call
themselves 单位 in their headings: 一、单位基本情况; one of six titles its
tables so, the others 部门收支总体情况表); `本部门` in a
unit budget's explanation is a notice, not a warning (the reader understands
it, and a unit that is a department's own office may use it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location, Severity
from yusuan.check.registry import rule
from yusuan.check.rule_meta import DISCLOSURE_RULES, Category
from yusuan.check.text import fold_keep_spaces
from yusuan.lazy_pattern import Pattern, lazy_compile
from yusuan.model.kinds import DocumentKind

# `2025年部门预算`, `2026年度苏州市科学技术局单位预算公开`, `上海市2025年市级单位预算`: a year, at most a name
# (no figure, no punctuation, no other 预算/决算 in between), then the entity and the kind
_NAMED = lazy_compile(
    r"(?P<year>\d{4})\s*年\s*度?"
    r"(?P<gap>(?:(?!预算|决算)(?:[^\d，。；：:;、,.（）()“”\"\s]|[（(][^\d，。；：:;、,.（）()“”\"\s]{1,8}[）)])){0,24}?)"
    r"(?P<entity>部门|单位)(?P<kind>预算|决算)"
    r"(?!(?:支出)?经济分类|单位|改革|管理|批复|执行|调整|调剂|数|资金|绩效|编制工作)"
)
# words before the entity that make it another body's (`所属单位预算`, `各单位预算`): not the document's own name
_OTHER_BODY = lazy_compile(r"(所属|下属|各|二级|基层|有关|相关|其他|本级及)$")
# a bracket in the name that adds other bodies (`（含所属单位）`) rather than qualifying it (`（本级）`)
_ADDS_BODIES = lazy_compile(r"[（(][^）)]*(含|包括|所属|下属|及|和|等|各)[^）)]*[）)]")
# a table's title that names whose tables they are: `2026年单位收支总体情况表`, `5．2025年部门一般公共预算…`
_TABLE_OWNER = lazy_compile(
    r"^(?:第[一二三四五六七八九十]+部分\s*)?(?:[\d一二三四五六七八九十]{1,3}\s*[、.．]\s*)?(?:\d{4}\s*年\s*度?)?\s*"
    r"(?P<entity>部门|单位)(?=收支|收入|支出|财务收支|财政拨款|一般公共预算|政府性基金|国有资本|[“\"]三公|项目支出|基本支出|整体绩效)"
)
# a final account's heading that names a budget table or a budget explanation
_BUDGET_HEADING = lazy_compile(
    r"(收入支出|收支|收入|支出)(总)?预算(总)?(表|情况|总体情况)|预算(总)?表$|预算(情况|编制)说明"
)


@dataclass(frozen=True)
class _Text:
    text: str
    location: Location
    heading: bool  # a title (section, table, contents entry), not running text


def _texts(ctx: CheckContext) -> Iterator[_Text]:
    """Headings first (sections, tables, contents), then the explanation's paragraphs."""
    for path, section in ctx.sections():
        yield _Text(section.title, ctx.at_section(path), True)
    for table in ctx.disclosure.tables:
        yield _Text(table.title, ctx.at_cell(table), True)
    for entry in ctx.disclosure.contents:
        yield _Text(entry, Location(section="contents"), True)
    for paragraph in ctx.claims.paragraphs:
        yield _Text(paragraph.text, ctx.at_section(paragraph.path, paragraph.first), False)
    profile = ctx.disclosure.profile
    if profile.organisation:  # what the budget is made of (`…单位预算是包括…本部以及下属…`)
        yield _Text(profile.organisation, Location(section="profile", row="organisation"), False)
    for index, text in enumerate(profile.other, start=1):  # Part 1's 部门预算构成, 编制依据…
        yield _Text(text, Location(section="profile", row=f"paragraph {index}"), False)
    for index, text in enumerate(ctx.disclosure.tables_text, start=1):  # `2019年度部门预算公开表附后。`
        yield _Text(text, Location(section="tables", row=f"paragraph {index}"), False)


# `纳入市教育局2026年部门预算`: a unit's budget is part of its department's, and may say so
_PART_OF = lazy_compile(r"(纳入|列入|编入|汇入|汇总|包含在|包括在|属于)[^，。；：:;]{0,30}$")
# what follows the document's name in running text (`…部门预算公开`); a unit's budget also speaks of what
# it arranges (`2025年部门预算安排购置车辆`), which a final account may say of the budget it executed
_AS_NAME = lazy_compile(r"^(公开|情况说明|编制说明|表|总表)")
_AS_UNIT_BUDGET = lazy_compile(r"^(公开|情况说明|编制说明|表|总表|安排购置|未安排|收支|收入|支出|总预算|共|中)")


def _named(text: str, year: int, follow: Pattern | None = None) -> Iterator[re.Match[str]]:
    """The document-naming phrases of `text` for the document's year (in running text, `follow`: followed
    by what follows a document's name)."""
    folded = fold_keep_spaces(text)
    for found in _NAMED.finditer(folded):
        gap = found.group("gap")
        if int(found.group("year")) != year or _OTHER_BODY.search(gap) or _ADDS_BODIES.search(gap):
            continue
        if _PART_OF.search(folded[: found.start()]):
            continue
        if follow is None or follow.match(folded[found.end() :]):
            yield found


def _quote(text: str) -> str:
    text = fold_keep_spaces(text)
    return f"“{text if len(text) <= 40 else text[:38] + '…'}”"


@rule(
    "document-kind-entity",
    "单位预算与部门预算的称谓混用",
    "warning",
    category=Category.ACCURACY,
    basis=DISCLOSURE_RULES,
)
def document_kind_entity(ctx: CheckContext) -> Iterable[Finding]:
    """A unit's budget names itself 单位预算, never 部门预算 (`2025年部门预算安排购置车辆`); a department's
    budget names itself 部门预算 in its headings; table titles name the kind's own tables (a department's
    `部门收支总体情况表`, not `单位收支总体情况表`).

    A year before the words makes them the document's own name; 部门预算支出经济分类, 部门预算改革 and
    the budgets of subordinate units (所属单位预算) are other things.
    """
    kind = ctx.disclosure.meta.kind
    if kind is DocumentKind.UNIT_BUDGET:
        wrong, right = "部门", "单位"
    elif kind is DocumentKind.DEPARTMENT_BUDGET:
        wrong, right = "单位", "部门"
    else:
        return
    seen: set[str] = set()
    department = kind is DocumentKind.DEPARTMENT_BUDGET
    for item in _texts(ctx):
        if department and not item.heading:
            # a department's text names itself 单位预算 only where the name is followed by what follows the
            # document's own name (`2018年度单位预算公开表附后`), or in the template's sentences about the whole
            # document (`…单位预算是包括…本部以及下属5家预算单位的综合收支计划`, `收入和支出均纳入单位预算管理`)
            yield from _department_text(ctx, item, seen)
            continue
        for found in _named(item.text, ctx.year, None if item.heading else _AS_UNIT_BUDGET):
            if found.group("entity") != wrong or found.group("kind") != "预算":
                continue
            phrase = found.group(0)
            if phrase in seen:
                continue
            seen.add(phrase)
            corrected = phrase[: found.start("entity") - found.start()] + right + "预算"
            yield ctx.finding(
                f"本文件是{kind.label}，{_quote(item.text)}却写作“{phrase}”，应称{right}预算。",
                item.location,
                expected=corrected,
                actual=phrase,
                suggestion=corrected,
            )
        owner = _TABLE_OWNER.match(fold_keep_spaces(item.text)) if item.heading else None
        if owner is not None and owner.group("entity") == wrong:
            title = fold_keep_spaces(item.text)
            if title in seen:
                continue
            seen.add(title)
            corrected = title[: owner.start("entity")] + right + title[owner.end("entity") :]
            yield ctx.finding(
                f"本文件是{kind.label}，标题{_quote(title)}写作“{wrong}”，应为“{corrected}”。",
                item.location,
                expected=corrected,
                actual=title,
                suggestion=corrected,
                # Chongqing's departments call themselves 单位 in their own headings (一、单位基本情况): loose usage
                severity=Severity.INFO if kind is DocumentKind.DEPARTMENT_BUDGET else None,
            )


@rule(
    "document-kind-final-accounts",
    "决算文件中写作预算",
    "warning",
    category=Category.ACCURACY,
    basis=DISCLOSURE_RULES,
)
def document_kind_final_accounts(ctx: CheckContext) -> Iterable[Finding]:
    """A final account names itself 决算: `2024年部门预算` or a heading `收入支出预算总表` is a budget's wording.

    Its 预算数, 年初预算, 预算执行 and the fund names (一般公共预算…) are its own words and never judged;
    a heading that names 决算 anywhere is right.
    """
    kind = ctx.disclosure.meta.kind
    if kind not in (DocumentKind.UNIT_FINAL_ACCOUNTS, DocumentKind.DEPARTMENT_FINAL_ACCOUNTS):
        return
    seen: set[str] = set()
    for item in _texts(ctx):
        for found in _named(item.text, ctx.year, None if item.heading else _AS_NAME):
            if found.group("kind") != "预算":
                continue
            phrase = found.group(0)
            if phrase in seen:
                continue
            seen.add(phrase)
            corrected = phrase[: -len("预算")] + "决算"
            yield ctx.finding(
                f"本文件是{kind.label}，{_quote(item.text)}却写作“{phrase}”，应为“{corrected}”。",
                item.location,
                expected=corrected,
                actual=phrase,
                suggestion=corrected,
            )
        if not item.heading or "决算" in item.text:
            continue
        heading = fold_keep_spaces(item.text)
        budget = _BUDGET_HEADING.search(heading)
        if budget is None or budget.group(0) in seen or next(_named(heading, ctx.year), None) is not None:
            continue
        seen.add(budget.group(0))
        corrected = budget.group(0).replace("预算", "决算", 1)
        yield ctx.finding(
            f"本文件是{kind.label}，标题{_quote(item.text)}写作“{budget.group(0)}”，应为“{corrected}”。",
            item.location,
            expected=corrected,
            actual=budget.group(0),
            suggestion=corrected,
        )


# the department budget template's sentences about the whole document, with 单位 for 部门
# (`…单位预算是包括…本部以及下属5家预算单位的综合收支计划`, `收入和支出均纳入单位预算管理`); other spending put in
# "the budget" (`纳入了年度单位预算`, `不纳入单位预算序列`) does not name the document, nor does a department with
# no subordinate unit (`本部门无下属单位，单位预算为局本级预算`: both words name the same budget)
_DEPARTMENT_SENTENCES = lazy_compile(
    r"(?<![所下属各级])单位预算(?:是|为)?(?:包括|包含)[^。；;]{0,40}?(?:本部|本级|机关)[^。；;]{0,10}?(?:以及|及|和)(?:所属|下属)"
    r"|(?:收入和支出|收支)(?:均|全部|都)纳入单位预算(?:管理)?|收入和支出纳入单位预算管理"
    r"|(?<![所下属各级])单位预算公开\s*\d{1,2}\s*表"  # its own tables, by their numbers (`按“部门预算公开06表…”`)
    # what this year's budget is compared with: the department's own budget of last year (深圳审计局 2026 p12
    # `较 2025 年年初部门预算减少…`)
    r"|(?:较|比|与)\s*(?:上年|上一年度?|\d{4}\s*年)\s*(?:年初)?\s*单位预算(?=\s*(?:相比|比较|减少|增加|增长|下降|持平))"
)


def _department_text(ctx: CheckContext, item: _Text, seen: set[str]) -> Iterator[Finding]:
    folded = fold_keep_spaces(item.text)
    own = fold_keep_spaces(ctx.disclosure.meta.unit).replace(" ", "")
    found = [
        m.group(0)
        for m in _named(item.text, ctx.year, None)
        if m.group("entity") == "单位" and (_AS_NAME.match(folded[m.end() :]) or _own_name(m.group("gap"), own))
    ]
    found += [m.group(0) for m in _DEPARTMENT_SENTENCES.finditer(folded)]
    for phrase in found:
        if phrase in seen:
            continue
        seen.add(phrase)
        corrected = phrase.replace("单位预算", "部门预算", 1)
        yield ctx.finding(
            f"本文件是部门预算，{_quote(item.text)}却写作“{phrase}”，应称部门预算。",
            item.location,
            expected=corrected,
            actual=phrase,
            suggestion=corrected,
        )


def _own_name(gap: str, unit: str) -> bool:
    """Whether the words between the year and 单位预算 name the department itself (none, or its own name):
    `2026年单位预算不含…`, `2026年深圳市规划和自然资源局盐田管理局单位预算支出…` in its 部门预算."""
    gap = gap.replace(" ", "")
    if not gap:
        return True
    # the name with a bracketed qualifier (`深圳市卫生健康委员会（本级）`), whether or not the unit's name has it
    names = {gap, re.sub(r"[（(][^）)]*[）)]$", "", gap), re.sub(r"[（()）]", "", gap)}
    plain = re.sub(r"[（()）]", "", unit)
    return bool(unit) and any(n in (unit, plain) or (len(n) >= 4 and unit.endswith(n)) for n in names)


_THIS_DEPARTMENT = lazy_compile(r"本部门")


@rule(
    "document-kind-this-department",
    "单位预算说明中写作“本部门”",
    "info",
    category=Category.ACCURACY,
    basis=DISCLOSURE_RULES,
)
def document_kind_this_department(ctx: CheckContext) -> Iterable[Finding]:
    """A unit's budget explanation speaks of 本单位, not 本部门 (the department's template word left in).

    Only the explanation's paragraphs are read, never the unit's duties (职责 copied from the 三定方案
    may say 本部门 by right); once per document.
    """
    if ctx.disclosure.meta.kind is not DocumentKind.UNIT_BUDGET:
        return
    for paragraph in ctx.claims.paragraphs:
        found = _THIS_DEPARTMENT.search(fold_keep_spaces(paragraph.text))
        if found is None:
            continue
        yield ctx.finding(
            f"本文件是单位预算，{ctx.in_part3(paragraph.path)}{_quote(paragraph.text)}写作“本部门”，宜称“本单位”。",
            ctx.at_section(paragraph.path, paragraph.first),
            expected="本单位",
            actual="本部门",
            suggestion="本单位",
        )
        return
