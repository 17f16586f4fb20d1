"""Turn a table block into a `Table`: header, rows with canonical keys, cells with sources.

Rows are read by the table's layout (template data): `codes` (类/款/项 code
columns + name), `projects` (codes + name + project), `items` (a label
column: fixed items matched to the template's row list in printed order, or
free project names), and `two_sided` (an income half of items and an
expenditure half of `201 一般公共服务支出` rows, split by the header's halves).
Repeated headers of a table continued over pages are dropped, and so are a
blank template's placeholder rows (`… | … | …`: no code, name or amount; never
joined to the row above); code columns left blank under a parent are inherited
from the row above; a label wrapped onto a line of its own is joined to its row.  An item row belongs to the
heading above it (`一般公共预算` under `二、上年结转` is the carryover's), and a
class name matches only exactly (`其他卫生健康支出` is not `卫生健康支出`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from yusuan.extract.align import Segment, place
from yusuan.extract.header import (
    CODE_CELL,
    CODE_LABEL,
    UNIT_WORDS,
    Header,
    HeaderColumn,
    is_header_words,
    read_header,
    repeats_header,
)
from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import clean_label, fold, fold_item, is_amount, read_amount
from yusuan.extract.paragraphs import join_text, source_of
from yusuan.extract.problems import Problems
from yusuan.extract.resolve import Node, resolve_by_hierarchy
from yusuan.extract.row_items import in_section, is_heading, known_item, match_item
from yusuan.extract.row_repeats import drop_repeated_totals, merged_across
from yusuan.extract.table_blocks import TableBlock
from yusuan.extract.table_layouts import Context, read_layout
from yusuan.extract.template import TableSpec, Template
from yusuan.extract.unit_rows import key_by_unit, whole_of_units
from yusuan.identity_cache import by_identity
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Cell, Row, Table
from yusuan.model.kinds import Side
from yusuan.money import MoneyUnit

_UNITS = {"万元": MoneyUnit.WAN_YUAN, "元": MoneyUnit.YUAN}
LAYOUTS = frozenset({"header_items", "row_columns", "paths"})  # read by table_layouts
_ORDINAL = lazy_compile(r"^[一二三四五六七八九十]{1,3}\s*、\s*")  # `一、一般公共服务支出`: the class name is the label
_PLACED_BY = {
    "tail": "缺的是行尾的空单元格，已按表头位置读取（行内勾稽关系成立），请核对",
    "sums": "已按行内勾稽关系唯一对齐，请核对",
    "hierarchy": "已按上下级科目的合计关系唯一对齐，请核对",
}


@dataclass
class Draft:
    line: TextLine
    side: Side | None
    segment: Segment
    key: str = ""
    code: str | None = None
    is_total: bool = False
    dropped: bool = False


def read_table(block: TableBlock, template: Template, source_name: str, problems: Problems) -> Table | None:
    spec = block.spec
    where = f"表{block.number}“{block.title}”"
    unit = _unit(block, where, problems)
    header_lines, body = _split_header(block.rows, spec, template)
    header_lines = [line for line in header_lines if not is_column_numbers(line.cells)]
    if not header_lines:
        problems.add("header-unreadable", f"{where}没有可识别的表头，未读取", block.title_line)
        return None
    header = read_header([line.cells for line in header_lines], spec, template)
    words = _header_words(header_lines, spec, template)
    rows_key = tuple(tuple(row) for row in header.rows)
    body = [line for line in body if not repeats_header(tuple(line.cells), rows_key) and not _only_words(line, words)]
    if spec.layout in LAYOUTS:
        kept = [line for line in body if not is_column_numbers(line.cells)]
        context = Context(spec, template, source_name, problems, where)
        columns, layout_rows = read_layout(header_lines, kept, context)
        return Table(
            kind=spec.kind,
            number=block.number,
            title=block.title,
            unit=unit,
            columns=columns,
            rows=layout_rows,
            note=block.note,
            source=source_of(block.title_line, source_name),
        )
    for column in header.unknown:
        duplicate = any(fold(column.leaf) in c.labels for c in spec.columns)
        code = "column-duplicate" if duplicate else "column-unknown"
        what = "与另一栏重复" if duplicate else "不认识"
        problems.add(code, f"{where}的“{column.leaf}”栏{what}，其中的数值未读取", header_lines[0], column.leaf)
    drafts: list[Draft] = []
    blocks = header.blocks(None) if spec.layout != "two_sided" else []
    halves = _Halves.of(header, spec) if spec.layout == "two_sided" else None
    for line in body:
        cells = line.cells
        if is_column_numbers(cells):
            continue
        if halves is not None:
            drafts.extend(_two_sided(line, cells, header, halves, spec))
        elif len(blocks) > 1 and len(cells) == header.width:  # code blocks side by side
            previous: Segment | None = None
            for block_columns, block_cells in zip(blocks, _block_cells(cells, blocks, exact=True), strict=True):
                segment = place(block_cells, block_columns, spec.sums)
                if previous is not None and merged_across(previous, segment):  # `公用经费合计` over two blocks
                    segment.label, segment.code_parts = previous.label, previous.code_parts
                    drafts.pop()
                if not segment.is_blank and not segment.is_placeholder:
                    drafts.append(Draft(line, None, segment))
                    previous = segment
        elif not (segment := place(cells, header.columns, spec.sums)).is_placeholder:
            drafts.append(Draft(line, None, segment))
    drafts = _join_wrapped(drafts, spec, template)
    _key_whole_of_units(drafts, header, spec)
    _assign_keys(drafts, spec, template, where, problems, by_unit=any(c.role == "unit" for c in header.columns))
    drop_repeated_totals(drafts)
    _resolve(drafts, spec)
    value_keys = {side: [c.key for c in header.values(side) if c.key] for side in (None, *Side)}
    rows = [
        _row(d, value_keys[d.side if spec.layout == "two_sided" else None], spec, where, source_name, problems)
        for d in drafts
        if not d.dropped
    ]
    if spec.free_rows:  # projects listed under each 资金使用单位
        rows = key_by_unit(rows)
    return Table(
        kind=spec.kind,
        number=block.number,
        title=block.title,
        unit=unit,
        columns=header.model_columns(),
        rows=rows,
        note=block.note,
        source=source_of(block.title_line, source_name),
        unread_columns=_unread_columns(header, body),
    )


def _key_whole_of_units(drafts: list[Draft], header: Header, spec: TableSpec) -> None:
    """A code table whose rows are named by a unit column only (预算单位 | 收入总计 | …, no code printed): the first
    row is the total when it is the whole of the units (`whole_of_units`)."""
    names = [c for c in header.columns if c.role == "name"]
    if spec.layout != "codes" or len(names) != 1 or fold(names[0].leaf) not in UNIT_WORDS:
        return
    rows = [d for d in drafts if d.segment.has_values]
    if not rows or any(d.segment.code for d in rows) or any(d.segment.values is None for d in rows):
        return
    if whole_of_units([d.segment.values or {} for d in rows]):
        rows[0].key, rows[0].is_total = "total", True


def _unread_columns(header: Header, body: list[TextLine]) -> tuple[str, ...]:
    """Labels of the unknown header columns under which the body prints an amount other than zero (a column
    of zeros changes no sum)."""
    unread = []
    cells = [line.cells for line in body] if header.unknown else []
    for column in header.unknown:
        texts = [row[column.index] for row in cells if column.index < len(row)]
        if any(is_amount(t) and read_amount(t)[0] for t in texts):
            unread.append(column.leaf)
    return tuple(unread)


def _unit(block: TableBlock, where: str, problems: Problems) -> MoneyUnit:
    if block.unit_text is None:
        problems.add("table-unit-missing", f"{where}没有注明金额单位，按万元读取", block.title_line)
        return MoneyUnit.WAN_YUAN
    unit = _UNITS.get(fold(block.unit_text))
    if unit is None:
        problems.add("table-unit-unknown", f"{where}的金额单位“{block.unit_text}”不认识，按万元读取", block.unit_line)
        return MoneyUnit.WAN_YUAN
    return unit


@by_identity
def _column_words(spec: TableSpec, template: Template) -> frozenset[str]:
    """Every word a column of the spec or the template's code, name and project columns is known by (kept per
    spec and template: asked of a table's lines under each candidate form)."""
    words = {label for c in spec.columns for label in c.labels}
    return frozenset(words | set(template.code_words) | set(template.name_words) | set(template.project_words))


def _is_data_row(cells: list[str], spec: TableSpec, template: Template) -> bool:
    texts = [c.strip() for c in cells if c.strip()]
    if not texts:
        return False
    if fold(texts[0]) == "栏次":
        return False
    if any(is_amount(t) and not CODE_CELL.match(t) for t in texts):
        return True
    if CODE_CELL.match(texts[0]) or CODE_LABEL.match(texts[0]):
        return True
    if spec.layout == "two_sided" and _two_sided_labels(texts, spec, template):
        return True  # `一、本年收入 | | 201 一般公共服务支出 | |`: a first line without amounts
    if len(texts) == 1:
        folded = fold(texts[0])
        return folded in template.totals or not is_header_words(folded, _column_words(spec, template))
    return False


def _two_sided_labels(texts: list[str], spec: TableSpec, template: Template) -> bool:
    """A two-sided table's line that names rows: an income row's label first, or a `code name` cell on either side."""
    if any(CODE_LABEL.match(t) for t in texts):
        return True
    first = fold_item(texts[0])
    labels = {label for row in spec.rows.get("income", ()) for label in row.labels}
    return first in labels and fold(texts[0]) not in _column_words(spec, template)


def _split_header(rows: list[TextLine], spec: TableSpec, template: Template) -> tuple[list[TextLine], list[TextLine]]:
    if spec.layout == "header_items":  # the header is everything above the row of amounts
        amounts = (n for n, line in enumerate(rows) if any(is_amount(c) for c in line.cells))
        first = next((n for n in amounts if not is_column_numbers(rows[n].cells)), len(rows))
        return rows[:first], rows[first:]
    for position, line in enumerate(rows):
        if _is_data_row(line.cells, spec, template):
            return rows[:position], rows[position:]
    return rows, []


def _header_words(header_lines: list[TextLine], spec: TableSpec, template: Template) -> set[str]:
    """Every word of the table's header (`科目编码 科目名称` in one cell is two words) and of its column specs."""
    words = set(_column_words(spec, template))
    for line in header_lines:
        for cell in line.cells:
            words.add(fold(cell))
            words.update(fold(piece) for piece in cell.split())
    return words - {""}


def _only_words(line: TextLine, words: set[str]) -> bool:
    """A header printed again (a continued table's next page), whatever its cells' layout: a line of two or more
    cells, no amount, each cell made of header words only."""
    texts = [c.strip() for c in line.cells if c.strip()]
    if len(texts) < 2 or any(is_amount(t) for t in texts):
        return False
    return all(fold(t) in words or all(fold(p) in words for p in t.split()) for t in texts)


_COLUMN_MARK = lazy_compile(r"^(?:栏次|\*+|[甲乙丙丁]|行次|序号)$")


def is_column_numbers(cells: list[str]) -> bool:
    """The row under a header that numbers the columns: `栏次 | 1 | 2 | 3`, `** | ** | 1 | 2`, `甲 | 乙 | 1`."""
    return _numbers_columns(tuple(cells))


@lru_cache(maxsize=4096)
def _numbers_columns(cells: tuple[str, ...]) -> bool:
    """`is_column_numbers`, cached: each line of a table is asked again under every candidate form.  The first
    cell that is neither a mark nor a number of one or two digits answers no (a line of amounts or labels
    stops at its first such cell)."""
    marks = 0
    numbers: list[str] = []
    for cell in cells:
        if not cell.strip():
            continue
        text = fold(cell)
        if not marks and not numbers and text == "栏次":  # the first text
            return True
        if _COLUMN_MARK.match(text):
            marks += 1
        elif text.isdigit() and len(text) <= 2:
            numbers.append(text)
        else:
            return False
    if not numbers:
        return False
    if not marks and (len(numbers) < 3 or numbers[0] != "1"):  # bare `1 | 2 | 3 | …`: from 1, at least three
        return False
    return [int(t) for t in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


@dataclass
class _Halves:
    """What every line of a two-sided table is cut by: each side's columns and blocks, and the labels of the
    expenditure side's rows (worked out once per reading, not per line)."""

    income: list[HeaderColumn]
    expenditure: list[HeaderColumn]
    blocks: dict[Side, list[list[HeaderColumn]]]
    totals: set[str]

    @classmethod
    def of(cls, header: Header, spec: TableSpec) -> _Halves:
        return cls(
            income=header.on(Side.INCOME),
            expenditure=header.on(Side.EXPENDITURE),
            blocks={side: header.blocks(side) for side in Side},
            totals={label for r in spec.rows.get("expenditure", ()) for label in r.labels},
        )


def _two_sided(line: TextLine, cells: list[str], header: Header, halves: _Halves, spec: TableSpec) -> list[Draft]:
    income, expenditure = halves.income, halves.expenditure
    trimmed = cells
    while len(trimmed) > header.width and not trimmed[-1].strip():
        trimmed = trimmed[:-1]
    if len(trimmed) == header.width:
        parts = ([trimmed[c.index] for c in income], [trimmed[c.index] for c in expenditure])
    else:
        totals = halves.totals
        starts = [
            i
            for i, cell in enumerate(trimmed)
            if cell.strip() and (CODE_LABEL.match(cell) or fold_item(cell) in totals)
        ]
        split = starts[0] if starts else len(trimmed)
        parts = (trimmed[:split], trimmed[split:])
    drafts: list[Draft] = []
    exact = len(trimmed) == header.width
    for side, side_cells in ((Side.INCOME, parts[0]), (Side.EXPENDITURE, parts[1])):
        blocks = halves.blocks[side]
        previous: Segment | None = None
        for columns, block_cells in zip(blocks, _block_cells(side_cells, blocks, exact), strict=False):
            segment = place(block_cells, columns, spec.sums)
            if previous is not None and merged_across(previous, segment):  # `当年支出小计` over the blocks
                segment.label, segment.code_parts = previous.label, previous.code_parts
                drafts.pop()
            if not segment.is_blank and not segment.is_placeholder and not _placeholder(segment):
                drafts.append(Draft(line, side, segment))
                previous = segment
    return drafts


_NUMBER_ONLY = lazy_compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|\d{1,2}\s*[.、．])?\s*[…．.]*\s*$")


def _placeholder(segment: Segment) -> bool:
    """A side that prints only a number and dots (`二、`, `二、…`): a blank template line, no row."""
    if segment.code or segment.has_values or segment.project or not segment.label.strip():
        return False
    return bool(_NUMBER_ONLY.match(segment.label))


def _block_cells(cells: list[str], blocks: list[list[HeaderColumn]], exact: bool) -> list[list[str]]:
    """One side's cells cut into its label + amount blocks (most sides have one block)."""
    if len(blocks) <= 1:
        return [cells]
    if exact:
        result, start = [], 0
        for columns in blocks:
            result.append(cells[start : start + len(columns)])
            start += len(columns)
        return result
    pieces: list[list[str]] = [[]]
    for cell in cells:
        text = cell.strip()
        if pieces[-1] and text and not is_amount(text) and any(c.strip() for c in pieces[-1]):
            pieces.append([])
        pieces[-1].append(cell)
    while len(pieces) > len(blocks):
        pieces[-2].extend(pieces.pop())
    return pieces


def _text_only(draft: Draft) -> bool:
    s = draft.segment
    return not s.code and not s.has_values and bool(s.label or s.project)


def _join_wrapped(drafts: list[Draft], spec: TableSpec, template: Template) -> list[Draft]:
    """A label (or project name) wrapped onto a line of its own joins the row above, or the row below."""
    kept: list[Draft] = []
    for position, draft in enumerate(drafts):
        if not _text_only(draft) or fold(draft.segment.label) in template.totals or spec.free_rows:
            kept.append(draft)
            continue
        specs = spec.rows.get(_group(spec, draft.side), ())
        if specs and known_item(draft.segment.label, specs):
            kept.append(draft)
            continue
        previous = next((d for d in reversed(kept) if d.side == draft.side), None)
        following = next((d for d in drafts[position + 1 :] if d.side == draft.side), None)
        if following is not None and _takes_fragment(following, draft, previous, template):
            following.segment.label = join_text(draft.segment.label, following.segment.label)
            following.segment.project = join_text(draft.segment.project, following.segment.project)
        elif previous is not None and (
            not specs or known_item(join_text(previous.segment.label, draft.segment.label), specs)
        ):
            previous.segment.label = join_text(previous.segment.label, draft.segment.label)
            previous.segment.project = join_text(previous.segment.project, draft.segment.project)
        else:
            kept.append(draft)
    return kept


def _takes_fragment(following: Draft, fragment: Draft, previous: Draft | None, template: Template) -> bool:
    """A fragment printed above its row (vertically centred cells): the row below lacks that text."""
    below = following.segment
    if not below.has_values or fold(below.label) in template.totals or fold(below.project) in template.totals:
        return False
    missing_label = bool(fragment.segment.label) and not below.label
    missing_project = bool(fragment.segment.project) and not below.project
    return (missing_label or missing_project) and (previous is None or previous.segment.has_values)


def _group(spec: TableSpec, side: Side | None) -> str:
    if spec.layout == "two_sided":
        return "income" if side == Side.INCOME else "expenditure"
    return "single"


def _assign_keys(
    drafts: list[Draft], spec: TableSpec, template: Template, where: str, problems: Problems, *, by_unit: bool = False
) -> None:
    """Give each draft its row key.  In a code table with a unit column (`by_unit`: 预算单位 before the codes),
    the first row of amounts printed before any code, named in the unit column only (or not at all, its name
    wrapped onto lines of its own), is the whole: the department's or the single unit's row, the table's total."""
    cursors: dict[str, int] = {}
    whole_open = by_unit
    sections: dict[str, str] = {}  # group → key of the heading row the rows below belong to
    previous_parts: list[str] = []
    for draft in drafts:
        if draft.is_total:  # keyed before (`_key_whole_of_units`)
            continue
        segment = draft.segment
        label = fold(segment.label)
        project = fold(segment.project)
        if (
            label in template.totals
            or (not label and project in template.totals)
            or fold_item(segment.label) in template.totals
        ):
            draft.key, draft.is_total = "total", True
            sections.pop(_group(spec, draft.side), None)
            whole_open = False
            continue
        group = _group(spec, draft.side)
        specs = spec.rows.get(group, ())
        if not (label or project or segment.code) and segment.unit:
            segment.label = segment.unit  # a unit's row: named by its unit
        if whole_open and segment.has_values:
            whole_open = False
            if not (label or project or segment.code):
                draft.key, draft.is_total = "total", True
                continue
        if spec.unlabelled_row and not (label or project or segment.code) and segment.has_values:
            draft.key, draft.is_total = spec.unlabelled_row, spec.unlabelled_row == "total"
            continue
        expenditure_side = spec.layout == "two_sided" and draft.side == Side.EXPENDITURE
        by_code = spec.layout in ("codes", "projects") or expenditure_side
        if by_code:
            if segment.code_parts and len(segment.code_parts) == len(previous_parts):
                segment.code_parts = _inherit(segment.code_parts, previous_parts)
            segment.code_parts = _pad(segment.code_parts)
            if segment.code:
                previous_parts = segment.code_parts
                draft.code = segment.code
                draft.key = _code_key(draft, spec, where, problems)
                continue
        elif specs:
            index = match_item(segment.label, specs, cursors.get(group, 0), sections.get(group))
            if index is not None:
                index = in_section(index, specs, sections.get(group))
                cursors[group] = index + 1
                draft.key = specs[index].key
                if is_heading(draft.key, specs):
                    sections[group] = draft.key
                elif group in sections and not draft.key.startswith(f"{sections[group]}."):
                    del sections[group]  # a row of its own after the section's rows
                continue
        elif spec.free_rows and segment.label:
            draft.key = clean_label(segment.label)
            continue
        if specs and (index := match_item(segment.label, specs, 0)) is not None:
            key = specs[index].key
            if key == "total":
                draft.key, draft.is_total = "total", True
                continue
            if by_code:  # 一、一般公共服务支出 / 一、基本支出 / 人员经费合计 without a code
                draft.key, draft.code = key, key if key.isdigit() else None
                continue
        draft.key = f"unknown:{clean_label(segment.label or segment.project)}"
        problems.add("row-unknown", f"{where}中的行“{clean_label(segment.label)}”不认识", draft.line)


def _pad(parts: list[str]) -> list[str]:
    """款/项 printed without their leading zero (`2` for `02`, Excel lost it)."""
    if len(parts) < 2:
        return parts
    return parts[:1] + [p.zfill(2) if p.isdigit() and len(p) == 1 else p for p in parts[1:]]


def _inherit(parts: list[str], previous: list[str]) -> list[str]:
    """`⇥31⇥01⇥…` under a printed parent: the blank upper code columns repeat the row above."""
    result = parts[:]
    for position, part in enumerate(parts):
        if not part and any(parts[position + 1 :]):
            result[position] = previous[position]
    return result


def _code_key(draft: Draft, spec: TableSpec, where: str, problems: Problems) -> str:
    code = draft.segment.code
    lengths = (3, 5, 7)  # economic 款 are 5 digits; some regions subdivide them locally (3010201)
    if not code.isdigit() or len(code) not in lengths:
        problems.add("row-code-invalid", f"{where}中的科目编码“{code}”位数不对", draft.line)
    if spec.layout == "projects" and draft.segment.project:
        if len(code) != 7:
            problems.add("row-code-invalid", f"{where}中项目“{draft.segment.project}”的科目编码应到项级", draft.line)
        return f"{code}/{clean_label(draft.segment.project)}"
    return code


def _resolve(drafts: list[Draft], spec: TableSpec) -> None:
    if not any(d.segment.values is None for d in drafts):
        return
    for side in {d.side for d in drafts}:
        sided = [d for d in drafts if d.side == side and d.key]
        keys = {d.key for d in sided}
        nodes = []
        for draft in sided:
            parent: str | None = None
            if not draft.is_total and draft.code:
                ancestors = [draft.code[:n] for n in (5, 3) if n < len(draft.code)]
                if draft.key != draft.code:
                    ancestors.insert(0, draft.code)
                parent = next((a for a in ancestors if a in keys), "total" if "total" in keys else None)
            nodes.append(Node(draft.key, parent, draft.segment))
        resolve_by_hierarchy(nodes)


def _row(draft: Draft, keys: list[str], spec: TableSpec, where: str, source_name: str, problems: Problems) -> Row:
    """The row of a draft, with a cell under each of `keys` (the value columns of its side)."""
    segment = draft.segment
    source = source_of(draft.line, source_name)
    if segment.extra_cells:
        problems.add("row-extra-cells", f"{where}中这一行的单元格比表头多，数值未读取", draft.line)
    elif segment.values is None:
        problems.add("cells-misaligned", f"{where}中这一行缺少空单元格，数值无法唯一对齐到栏目，未读取", draft.line)
    elif segment.realigned:
        problems.add("cells-realigned", f"{where}中这一行缺少空单元格，{_PLACED_BY[segment.placed_by]}", draft.line)
    for text in segment.unreadable:
        problems.add("cell-not-amount", f"{where}中的“{text}”不是金额，未读取", draft.line, text)
    values = segment.values or {}
    cells: dict[str, Cell] = {}
    made: dict[tuple[str | None, str], Cell] = {}  # cells of the row alike (blank ones mostly) are one frozen Cell
    for key in keys:
        value = values.get(key)
        printed = segment.texts.get(key) if segment.values is not None else None
        alike = (printed, str(value))
        cell = made.get(alike)
        if cell is None:
            cell = made[alike] = Cell(value=value, text=printed, source=source)
        cells[key] = cell
    code = draft.code if not draft.is_total else None
    project = clean_label(segment.project) if segment.project and not draft.is_total else None
    return Row(
        key=draft.key,
        label=_ORDINAL.sub("", clean_label(segment.label or segment.project))
        if code
        else clean_label(segment.label or segment.project),
        code=code,
        level=_level(code, spec) if code else None,
        project=project,
        side=draft.side,
        is_total=draft.is_total,
        cells=cells,
        source=source,
    )


def _level(code: str, spec: TableSpec) -> int | None:
    if spec.code_kind == "economic":
        return {3: 1, 5: 2}.get(len(code))
    return {3: 1, 5: 2, 7: 3}.get(len(code))
