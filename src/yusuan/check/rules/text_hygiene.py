"""Text hygiene reviewers flag: doubled punctuation, unbalanced brackets and quotes, leftover template
wording, a reason left unwritten (`主要原因是。`) and a rate printed without its percent sign.

Scanned: Part 1 (duties, organisation, staffing and its other paragraphs), the narrative (paragraphs
broken by extraction are joined first, so a bracket opened on one line and
closed on the next is not a problem), table notes, performance goals and
the glossary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.check.context import CheckContext
from yusuan.check.finding import Finding, Location
from yusuan.check.registry import rule
from yusuan.lazy_pattern import lazy_compile


@dataclass(frozen=True)
class Text:
    text: str
    where: Location
    label: str


def texts(ctx: CheckContext) -> Iterator[Text]:
    d = ctx.disclosure
    for index, duty in enumerate(d.profile.duties, start=1):
        yield Text(duty, Location(section="profile", row=f"duty {index}"), "第一部分主要职能")
    if d.profile.organisation:
        yield Text(d.profile.organisation, Location(section="profile", row="organisation"), "第一部分机构设置")
    if d.profile.staffing_text:
        yield Text(d.profile.staffing_text, Location(section="profile", row="staffing"), "第一部分人员情况")
    for index, text in enumerate(d.profile.other, start=1):
        yield Text(text, Location(section="profile", row=f"paragraph {index}"), "第一部分")
    for index, text in enumerate(d.tables_text, start=1):
        yield Text(text, Location(section="tables", row=f"paragraph {index}"), "公开表部分")
    for paragraph in ctx.claims.paragraphs:
        yield Text(
            paragraph.text,
            ctx.at_section(paragraph.path, paragraph.first),
            ctx.in_part3(paragraph.path),
        )
    for table in d.tables:
        if table.note:
            yield Text(table.note, ctx.at_cell(table), f"表{table.number}备注")
    for performance in d.performance:
        if performance.goal:
            yield Text(
                performance.goal,
                ctx.at_source(performance.source, section=f"performance/{performance.scope}", row=performance.name),
                f"绩效目标表“{performance.name}”",
            )
    for entry in d.glossary:
        yield Text(entry.definition, Location(section="glossary", row=entry.term), f"名词解释“{entry.term}”")


def excerpt(text: str, start: int, end: int) -> str:
    left, right = max(0, start - 12), min(len(text), end + 12)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


_DOUBLED = lazy_compile(r"([。，、；：！？])\1|[，、；：][。，、；]|。[，、；]")


@rule("text-doubled-punctuation", "标点重复", "warning")
def text_doubled_punctuation(ctx: CheckContext) -> Iterable[Finding]:
    """No doubled or stacked punctuation (`。。`, `，，`, `，。`)."""
    for item in texts(ctx):
        for match in _DOUBLED.finditer(item.text):
            yield ctx.finding(
                f"{item.label}有重复标点“{match.group(0)}”：{excerpt(item.text, match.start(), match.end())}",
                item.where,
                expected=match.group(0)[0] if match.group(1) else None,  # `。。` → `。`
                actual=match.group(0),
            )


_PAIRS = (("（(", "）)", "括号"), ("“", "”", "引号"), ("《", "》", "书名号"), ("【[", "】]", "方括号"))
_LIST_CLOSER = lazy_compile(r"(?:^|(?<![表第附图])\s)(?:\d+|[a-zA-Z])[)）]")  # `1）…`, not `（详见表 11）`


def unbalanced(text: str) -> list[str]:
    cleaned = _LIST_CLOSER.sub(" ", text)
    problems = []
    for openers, closers, name in _PAIRS:
        if not any(mark in cleaned for mark in openers + closers):
            continue  # none of the pair's marks: balanced (the per-character walk below is the slow part)
        depth = 0
        for ch in cleaned:
            if ch in openers:
                depth += 1
            elif ch in closers:
                depth -= 1
                if depth < 0:
                    break
        if depth != 0:
            problems.append(name)
    if cleaned.count('"') % 2:
        problems.append("引号")
    return problems


@rule("text-unbalanced-brackets", "括号或引号不成对", "warning")
def text_unbalanced_brackets(ctx: CheckContext) -> Iterable[Finding]:
    """Brackets, quotes and title marks open and close within the paragraph."""
    for item in texts(ctx):
        for name in unbalanced(item.text):
            text = item.text if len(item.text) <= 80 else item.text[:78] + "…"
            yield ctx.finding(f"{item.label}的{name}不成对：“{text}”", item.where, actual=name)


_LEFTOVER = lazy_compile(
    r"[XＸ×xｘ]{2,}|某某|增加\s*[（(]\s*减少\s*[)）]|减少\s*[（(]\s*增加\s*[)）]|增长\s*[（(]\s*下降\s*[)）]"
    r"|下降\s*[（(]\s*增长\s*[)）]|增加/减少|增长/下降|[（(]单位名称[)）]|[\[【]单位名称[\]】]"
)


@rule("text-template-leftover", "残留模板用语", "warning")
def text_template_leftover(ctx: CheckContext) -> Iterable[Finding]:
    """No placeholder left from the template: `XX`, `某某`, `增加（减少）`, `增长（下降）`, `（单位名称）`.

    One finding per paragraph or cell, however many placeholders it holds: a
    half-filled template paragraph is one thing to fix, not eight.
    """
    for item in texts(ctx):
        text = unicodedata.normalize("NFC", item.text)
        matches = template_leftovers(text)
        if not matches:
            continue
        first = matches[0]
        words = "、".join(f"“{w}”" for w in dict.fromkeys(m.group(0) for m in matches))
        count = f" {len(matches)} 处" if len(matches) > 1 else ""
        yield ctx.finding(
            f"{item.label}残留模板用语{count}{words}：{excerpt(text, first.start(), first.end())}",
            item.where,
            actual=first.group(0) if len(matches) == 1 else words,
        )


def template_leftovers(text: str) -> list[re.Match[str]]:
    """The template placeholders left in `text` (NFC-normalised): the one definition of a placeholder, also
    asked by completeness's blank-template rule."""
    return [
        m
        for m in _LEFTOVER.finditer(text)
        if not (m.group(0).lower() == "xx" and _inside_word(text, m.start(), m.end()))
    ]


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


# `主要原因是。`, `主要是。`, `主要原因：。`, `原因是；`: the template's reason left unwritten (at the end of a
# paragraph `主要原因是：` introduces the items that follow); `主要用于。`: the same for what the money is for
_EMPTY_REASON = lazy_compile(
    r"(?:主要)?原因(?:是|为|在于|如下)?\s*[:：]?\s*(?=[。；;，,])"
    r"|主要(?:是|为|用于)\s*[:：]?\s*(?=[。；;])"
)


@rule("text-empty-reason", "原因未填写", "warning")
def text_empty_reason(ctx: CheckContext) -> Iterable[Finding]:
    """A `主要原因是` (`主要是`, `主要原因`, `主要用于`) is followed by what it announces, not by the end of the
    sentence."""
    for item in texts(ctx):
        for match in _EMPTY_REASON.finditer(item.text):
            said = match.group(0).strip()
            if not _announces(said, item.text[match.end() :]):
                continue
            what = "用途" if said.startswith("主要用于") else "原因"
            yield ctx.finding(
                f"{item.label}“{said}”之后没有写出{what}，应补写具体{what}或删去该句："
                f"{excerpt(item.text, match.start(), match.end())}",
                item.where,
                actual=said,
            )


def _announces(said: str, after: str) -> bool:
    """Whether `said`, followed by `after`, announces a reason it then leaves out: `…是`, `…为`, `…：` do; a bare
    `原因，` names no reason to give (`因个人原因，`); `主要原因。` (with 主要, ending a sentence) does."""
    if re.search(r"[是为于下:：]$", said):
        return True
    return said.startswith("主要") and after.lstrip()[:1] in ("。", "；", ";")


# `增长12.5，`, `占84.7；`, `占本年支出合计的 99.92。`: a rate or a share printed without its percent sign (the
# figure ends the clause; `占地500平方米`, `占用2辆` are no shares)
_END_OF_FIGURE = r"(?=\s*(?:[，。；;、）)]|,(?!\d{3})|$))"
_RATE_WITHOUT_PERCENT = lazy_compile(
    rf"(?:增长|下降|增幅为?|降幅为?)\s*\d{{1,3}}(?:\.\d{{1,2}})?{_END_OF_FIGURE}"
    rf"|占(?![地用有据])[^\d，。；;、%％()（）]{{0,20}}?\s*(?P<share>\d{{1,3}}(?:\.\d{{1,2}})?){_END_OF_FIGURE}"
)


@rule("text-rate-without-percent", "增减幅度或占比缺少百分号", "warning")
def text_rate_without_percent(ctx: CheckContext) -> Iterable[Finding]:
    """A rate of growth or fall (`增长12.5`) or a share (`占84.7`) carries its percent sign (`增长12.5%`)."""
    for item in texts(ctx):
        for match in _RATE_WITHOUT_PERCENT.finditer(item.text):
            if match.group("share") is not None and Decimal(match.group("share")) > 100:
                continue  # a count (`占 120，`), not a share
            wrong = match.group(0).strip()
            yield ctx.finding(
                f"{item.label}“{wrong}”缺少百分号，应为“{wrong}%”：{excerpt(item.text, match.start(), match.end())}",
                item.where,
                expected=f"{wrong}%",
                actual=wrong,
            )
