"""Part 3 (预算情况说明): the numbered sections, their subsections and paragraphs.

Sections are numbered `一、` … `十二、` in sequence (a number that repeats, goes
back or jumps ahead by more than three is body text, not a heading); subsections `（一）` … likewise within a section.
Each gets its canonical key from the words of its title (template data), so a
section missing or renumbered in a document still gets the right key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import clean_label, fold
from yusuan.extract.paragraphs import build_paragraphs, join_text, source_of, starts_new
from yusuan.extract.problems import Problems
from yusuan.extract.template import SectionSpec
from yusuan.lazy_pattern import Pattern, lazy_compile
from yusuan.model import Section
from yusuan.numerals import from_chinese

SECTION_HEADING = lazy_compile(r"^\s*([一二三四五六七八九十]{1,3})\s*、\s*(.+?)\s*$")
SUBSECTION_HEADING = lazy_compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.+?)\s*$")
_HEADING_ENDS = ("说明", "情况", "事项", "职能", "解释")


@dataclass
class _Open:
    number: str
    title: str
    line: TextLine
    body: list[TextLine] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)


def split_numbered(lines: Sequence[TextLine], pattern: Pattern) -> tuple[list[TextLine], list[_Open]]:
    """Lines before the first heading, and one block per heading numbered in sequence."""
    preamble: list[TextLine] = []
    blocks: list[_Open] = []
    position = 0
    while position < len(lines):
        line = lines[position]
        position += 1
        match = pattern.match(line.text)
        if match and _next_in_sequence(match.group(1), blocks) and not match.group(2).endswith(("。", "；")):
            title, run_in = _run_in(match.group(2))
            if run_in:  # `（一）机关运行经费。2026年…`: the heading runs into its first sentence
                blocks.append(_Open(match.group(1), title, line, body=[replace(line, text=run_in)]))
                continue
            follower = next((i for i in range(position, min(position + 3, len(lines))) if not lines[i].is_blank), None)
            if follower is not None and _continues_heading(title, lines[follower].text.strip()):
                title = join_text(title, lines[follower].text.strip())
                position = follower + 1
            blocks.append(_Open(match.group(1), title, line))
            if follower is not None and (tail := _closes_bracket(title, lines[follower].text)) is not None:
                # `（七）…情况说明（详` + `见表7）2026 年…`: the bracket's end belongs to the heading
                blocks[-1].title = join_text(title, tail)
                rest = lines[follower].text.strip()[len(tail) :].strip()
                position = follower + 1
                if rest:
                    blocks[-1].body.append(replace(lines[follower], text=rest))
        elif blocks:
            blocks[-1].body.append(line)
        else:
            preamble.append(line)
    return preamble, blocks


def _run_in(text: str) -> tuple[str, str]:
    """A heading and the text run into it on its line (`机关运行经费。2026年…` → `机关运行经费`, `2026年…`):
    split at the first `。` or `：` after a short title; else the whole line and ''."""
    match = re.match(r"^([^。：:，,；]{2,24}?)[。：:]\s*(\S.*)$", text)
    return (match.group(1), match.group(2)) if match else (text, "")


def _closes_bracket(title: str, following: str) -> str | None:
    """The start of `following` up to the bracket `title` left open (`（详` + `见表7）…`), if it is short."""
    if title.count("（") + title.count("(") <= title.count("）") + title.count(")"):
        return None
    match = re.match(r"^\s*([^（()）。，]{0,12}[)）])", following)
    return match.group(1).strip() if match else None


def _continues_heading(title: str, rest: str) -> bool:
    """Whether `rest` is the wrapped end of the heading `title`.

    It is when the two together end as a heading does (`说明`, `情况`…) and
    `rest` is no sentence or item of its own: a title that does not yet end
    so takes a line of up to 30 characters (`…情况的总体说` + `明`, `…单位` +
    `预算情况说明`); one that already does (`…经费预算情况`) only a short tail
    that ends it again (`说明`).
    """
    if not rest or starts_new(rest) or rest[-1] in "。；，：:;,":
        return False
    if not join_text(title, rest).endswith(_HEADING_ENDS):
        return False
    return len(rest) <= 4 or (not title.endswith(_HEADING_ENDS) and len(rest) <= 30)


def _next_in_sequence(number: str, blocks: list[_Open]) -> bool:
    """Headings count up; one or two may be missing, but a number never repeats or goes back."""
    if from_chinese(number) is None:
        return False
    previous = (from_chinese(blocks[-1].number) or 0) if blocks else 0
    return previous < (from_chinese(number) or 0) <= previous + 3


def read_sections(
    lines: Sequence[TextLine],
    specs: tuple[SectionSpec, ...],
    source_name: str,
    problems: Problems,
    pattern: Pattern = SECTION_HEADING,
) -> list[Section]:
    """The numbered sections of a narrative part: `一、` headings, or `（一）` ones where a layout numbers
    its parts `一、` and their sections `（一）` (湖州, 杭州); the latter hold no numbered subsections."""
    _, blocks = split_numbered(lines, pattern)
    sections = []
    for block in blocks:
        spec = section_spec(block.title, specs)
        if spec is None:
            number = f"{block.number}、" if pattern is SECTION_HEADING else f"（{block.number}）"
            problems.add("section-unknown", f"第三部分“{number}{block.title}”不是模板中的说明项", block.line)
        sections.append(_section(block, spec, source_name, problems, nested=pattern is SECTION_HEADING))
    return sections


def heading_section(
    heading: TextLine, title: str, number: str, lines: list[TextLine], specs: tuple[SectionSpec, ...], source_name: str
) -> Section:
    """A section printed as a heading of its own (a part `第二部分 部门预算收支总体情况`, or `二、…` in a
    document without parts), with `lines` its body."""
    block = _Open(number, title, heading, body=list(lines))
    return _section(block, section_spec(title, specs), source_name, Problems(), nested=True)


def section_spec(title: str, specs: tuple[SectionSpec, ...]) -> SectionSpec | None:
    folded = fold(title)
    return next((s for s in specs if any(w in folded for w in s.words)), None)


def _section(
    block: _Open, spec: SectionSpec | None, source_name: str, problems: Problems, nested: bool = True
) -> Section:
    subsections: list[Section] = []
    body = block.body
    if nested and spec is not None and spec.subsections:
        body, children = split_numbered(block.body, SUBSECTION_HEADING)
        for child in children:
            child_spec = section_spec(child.title, spec.subsections)
            if child_spec is None:
                problems.add("section-unknown", f"“（{child.number}）{child.title}”不是模板中的说明项", child.line)
            subsections.append(_section(child, child_spec, source_name, problems))
    return Section(
        key=spec.key if spec else f"unknown:{clean_label(block.title)}",
        number=block.number,
        title=block.title.strip(),
        paragraphs=build_paragraphs(body, source_name),
        subsections=subsections,
        source=source_of(block.line, source_name),
    )
