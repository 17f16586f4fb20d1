"""Read a whole disclosure from its lines: the entry point every text-like reader shares.

`read_lines` takes `TextLine`s (from a text file now, from a PDF later) and
returns the `Disclosure` with every table, section, performance table and
glossary entry it could read, plus the `ReadProblem`s for what it could not.
The order matters only for what each step consumes: the contents block is set
aside, performance tables are taken out of Part 3 before its paragraphs are
built, and tables are looked for in Part 2 (or, if the document has no part
headings, everywhere else).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from yusuan.errors import InputError
from yusuan.extract.lines import TextLine
from yusuan.extract.meta import read_meta
from yusuan.extract.name_codes import name_rows
from yusuan.extract.narrative import SECTION_HEADING, SUBSECTION_HEADING, heading_section, read_sections, section_spec
from yusuan.extract.normalise import clean_label
from yusuan.extract.outline import PART_HEADING, SECTION_ROLE, Outline, find_outline
from yusuan.extract.paragraphs import build_paragraphs, source_of
from yusuan.extract.performance import find_performance_blocks, read_performance
from yusuan.extract.problems import Problems, ReadProblem
from yusuan.extract.profile import profile_from_titles, read_glossary, read_profile
from yusuan.extract.table_blocks import find_table_blocks
from yusuan.extract.table_choice import read_best
from yusuan.extract.template import DEFAULT_TEMPLATE, Template, load_template
from yusuan.model import Disclosure, Profile, Section, Table


def read_lines(
    lines: Sequence[TextLine], source_name: str, template_id: str = DEFAULT_TEMPLATE
) -> tuple[Disclosure, list[ReadProblem]]:
    """The disclosure in `lines`, and what could not be read; InputError if it is not a disclosure at all."""
    if not any(not line.is_blank for line in lines):
        raise InputError(source_name, "文件是空的")
    try:
        template = load_template(template_id)
    except ValueError as exc:
        raise InputError(source_name, str(exc)) from exc
    problems = Problems()
    outline = find_outline(lines, template)
    body = [i for i in range(len(lines)) if not outline.in_contents(i)]

    performance_blocks = find_performance_blocks(lines, body, template.performance)
    performance = [read_performance(b, template.performance, source_name, problems) for b in performance_blocks]
    taken = set().union(*(b.indices for b in performance_blocks)) if performance_blocks else set()

    table_indices = _part(outline.parts.get("tables"), body) if "tables" in outline.parts else body
    table_indices = [i for i in table_indices if i not in taken]
    tables: list[Table] = []
    for block in find_table_blocks(lines, table_indices, template, problems):
        taken.update(block.indices)  # a table printed inside a text part is not text
        table = read_best(block, template, source_name, problems)
        if table is not None:
            tables.append(table)

    meta = read_meta(lines, outline, template, source_name, problems)  # its year picks the catalogue edition
    tables, keyed = name_rows(tables, meta.year)  # 统计信息事务 under 一般公共服务支出 → 20105
    problems.items = [p for p in problems.items if not (p.code == "row-unknown" and p.line in keyed)]
    if not tables and not outline.parts:
        raise InputError(source_name, "没有找到预算公开的表格或“第X部分”章节，不像是预算公开文件")

    def span_lines(span: tuple[int, int]) -> list[TextLine]:
        return [lines[i] for i in range(span[0] + 1, span[1]) if i not in taken and not lines[i].has_tabs]

    def part_lines(role: str) -> list[TextLine]:
        span = outline.parts.get(role)
        return span_lines(span) if span is not None else []

    def glossary_lines() -> list[TextLine]:
        """The glossary, up to the first table when the tables follow it with no heading of their own."""
        span = outline.parts.get("glossary")
        if span is None:
            return []
        end = next((i for i in range(span[0] + 1, span[1]) if i in taken), span[1])
        return span_lines((span[0], end))

    narrative: list[Section] = []
    for role, span in outline.spans:
        if role == "narrative":
            narrative.extend(_narrative_part(lines[span[0]], span_lines(span), template, source_name, problems))
        elif role == SECTION_ROLE:
            narrative.append(_section_part(lines[span[0]], span_lines(span), template, source_name))

    def tables_text() -> list[str]:
        """The tables part's own sentences, before its first table (`2019年度部门预算公开表附后。`)."""
        span = outline.parts.get("tables")
        if span is None:
            return []
        end = next((i for i in range(span[0] + 1, span[1]) if i in taken), span[1])
        return [p.text for p in build_paragraphs(span_lines((span[0], end)), source_name) if p.text.endswith("。")]

    profile_lines = part_lines("profile")
    disclosure = Disclosure(
        meta=meta,
        contents=outline.contents,
        profile=_profile(profile_lines, outline, lines, span_lines, template, source_name, problems),
        tables=tables,
        narrative=narrative,
        performance=performance,
        glossary=read_glossary(glossary_lines()),
        tables_text=tables_text(),
    )
    return disclosure, sorted(problems.items, key=lambda p: (p.line is None, p.line or 0))


def _profile(
    profile_lines: list[TextLine],
    outline: Outline,
    lines: Sequence[TextLine],
    span_lines: Callable[[tuple[int, int]], list[TextLine]],
    template: Template,
    source_name: str,
    problems: Problems,
) -> Profile:
    profile = read_profile(profile_lines, template, source_name, problems) if profile_lines else Profile()
    if profile.duties or profile.organisation or profile.staffing:
        return profile
    titled = [(lines[span[0]].text, span_lines(span)) for role, span in outline.spans if role == "profile"]
    return profile_from_titles(titled, template, source_name) if titled else profile


def _narrative_part(
    heading: TextLine, lines: list[TextLine], template: Template, source_name: str, problems: Problems
) -> list[Section]:
    """The numbered sections of a narrative part (`一、`, else `（一）`); a part without them is one section."""
    sections = read_sections(lines, template.sections, source_name, problems) or read_sections(
        lines, template.sections, source_name, problems, SUBSECTION_HEADING
    )
    if sections or not any(not line.is_blank for line in lines):
        return sections
    title = SECTION_HEADING.sub(r"\2", PART_HEADING.sub(r"\2", heading.text)).strip()
    spec = section_spec(title, template.sections)
    return [
        Section(
            key=spec.key if spec else f"unknown:{clean_label(title)}",
            number="",
            title=title,
            paragraphs=build_paragraphs(lines, source_name),
            source=source_of(heading, source_name),
        )
    ]


def _section_part(heading: TextLine, lines: list[TextLine], template: Template, source_name: str) -> Section:
    """A narrative section printed as a part of its own: `第二部分 部门预算收支总体情况`, `二、部门收支总体情况`."""
    match = PART_HEADING.match(heading.text) or SECTION_HEADING.match(heading.text)
    number, title = (match.group(1), match.group(2).strip()) if match else ("", heading.text.strip())
    return heading_section(heading, title, number, lines, template.sections, source_name)


def _part(span: tuple[int, int] | None, body: list[int]) -> list[int]:
    if span is None:
        return []
    return [i for i in body if span[0] <= i < span[1]]
