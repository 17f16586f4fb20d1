"""Tables that are not one row per code or item: printed transposed, or keyed by a path of labels.

Three layouts of the template data, each turned into canonical rows:

- `header_items` — the items stand in the header and one row of amounts
  runs under them (Jiangsu and Shanghai 三公 tables: `合计 | "三公"经费
  {小计 | 因公出国（境）费 | …} | 会议费 | 培训费`).  Each header column's
  path (`三公经费/公务用车购置及运行维护费/小计`) is matched to the
  template's row list; the amount becomes that row's value column.  Rows of
  amounts told apart by a year (深圳: `2025年`, `2026年`, `增减变化金额`)
  give the latest year's columns, `prior_year.` ones and `change.` ones.
- `row_columns` — the other way round: the sources stand down the rows, under
  a group cell spanning several rows (Jiangsu 收入预算总表: `一般公共预算资金 |
  小计`, `| 公共财政拨款（补助）资金`), and become the columns of one row.
- `paths` — rows keyed by the labels of several columns read together, each
  row inheriting the labels of the rows above it for the columns it leaves
  blank (Jiangsu 政府采购预算表: 品目大类 / 专项名称 / 经济科目 / 物品 / 组织形式).

A label path matches a template label written `A/B` when the path ends with
`A`, `B` (folded, numbering stripped); a one-word label also matches fuzzily.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from yusuan.extract.header import Header, read_header
from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import clean_label, fold, fold_item, is_amount, is_similar, read_amount, similarity
from yusuan.extract.paragraphs import source_of
from yusuan.extract.problems import Problems
from yusuan.extract.template import ColumnSpec, RowSpec, TableSpec, Template
from yusuan.extract.unit_rows import is_organisation, is_procurement_category
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Cell, Column, Row

_GENERIC = frozenset({"小计", "合计", "总计"})
_YEAR = lazy_compile(r"^20\d{2}年度?")  # `2023年"三公"经费预算数`
_ORDINAL = lazy_compile(r"^\s*[一二三四五六七八九十]{1,3}\s*、\s*")
UNIT_LEVEL = 5  # `paths`: a spending unit's subtotal between a 品目大类 (1) and its lines (2, 3)


@dataclass
class Context:
    spec: TableSpec
    template: Template
    source_name: str
    problems: Problems
    where: str


def read_layout(header_lines: list[TextLine], body: list[TextLine], context: Context) -> tuple[list[Column], list[Row]]:
    """Columns and rows of a table whose layout is one of this module's."""
    layout = context.spec.layout
    if layout == "header_items":
        return _header_items(header_lines, body, context)
    if layout == "row_columns":
        return _row_columns(header_lines, body, context)
    return _paths(header_lines, body, context)


def _folded(path: Sequence[str]) -> tuple[str, ...]:
    return tuple(_bare(p) for p in path if p)


@lru_cache(maxsize=4096)
def _label_parts(label: str) -> tuple[str, ...]:
    """A template label's words (`A/B`), bare (kept: the template's labels are asked of every path)."""
    return tuple(_bare(p) for p in label.split("/") if p)


def _score(folded: tuple[str, ...], parts: tuple[str, ...]) -> float:
    """How well a printed label path (its bare words, outermost first) matches a template label `A/B` (its bare
    words): 0 when not at all."""
    if not parts or not folded:
        return 0.0
    if len(folded) >= len(parts) and folded[-len(parts) :] == parts:
        return 10.0 * len(parts)
    if len(parts) == 1 and folded[-1] not in _GENERIC and is_similar(folded[-1], parts[0], 0.85):
        return similarity(folded[-1], parts[0])
    return 0.0


@lru_cache(maxsize=16384)
def _bare(word: str) -> str:
    """A label word folded, without its numbering and year (cached: asked for every pair of paths and labels)."""
    return _YEAR.sub("", fold_item(word))


def _best(path: Sequence[str], candidates: Sequence[tuple[str, tuple[str, ...]]], used: set[str]) -> str | None:
    folded = _folded(path)  # once per path, not once per label
    best: tuple[float, str | None] = (0.0, None)
    for key, labels in candidates:
        if key in used:
            continue
        score = max((_score(folded, _label_parts(label)) for label in labels), default=0.0)
        if score > best[0]:
            best = (score, key)
    return best[1]


def _row_candidates(specs: Sequence[RowSpec]) -> list[tuple[str, tuple[str, ...]]]:
    return [(r.key, r.labels) for r in specs]


def _column_candidates(specs: Sequence[ColumnSpec]) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.key, c.labels) for c in specs]


def _label_of(path: Sequence[str]) -> str:
    """A row label from a header path: the leaf, with its parent when the leaf is only 小计/合计."""
    leaf = clean_label(path[-1])
    if fold(leaf) in _GENERIC and len(path) > 1:
        return clean_label(path[-2]) + leaf
    return leaf


def _header_items(
    header_lines: list[TextLine], body: list[TextLine], context: Context
) -> tuple[list[Column], list[Row]]:
    spec = context.spec
    header = read_header([line.cells for line in header_lines], spec, context.template)
    data = [line for line in body if any(is_amount(c) for c in line.cells)]
    prefixes = _year_prefixes(data)
    if prefixes is None:
        for extra in data[1:]:
            context.problems.add("row-unknown", f"{context.where}只应有一行金额，多出的行未读取", extra)
        data, prefixes = data[:1], {0: ""}
    found: dict[str, tuple[str, dict[str, Cell]]] = {}
    value_keys: list[str] = []
    lines: list[TextLine | None] = [*data] or [None]
    by_column = _header_year_prefixes(header) if len(lines) == 1 else {}
    for number, line in enumerate(lines):
        where = (header_lines[0], len(lines) > 1)
        _header_items_line(line, prefixes.get(number, ""), where, header, context, found, value_keys, by_column)
    rows = [
        Row(key=key, label=label, is_total=key == "total", cells=cells, source=next(iter(cells.values())).source)
        for key, (label, cells) in found.items()
    ]
    columns = [
        Column(key=prefix + c.key, label=clean_label(c.label))
        for prefix in ("", "prior_year.", "change.")
        for c in spec.columns
        if prefix + c.key in value_keys
    ]
    return columns or [Column(key=spec.columns[0].key, label=clean_label(spec.columns[0].label))], rows


_YEAR_LINE = lazy_compile(r"^(20\d{2})年度?$")
_CHANGE_WORDS = ("增减", "变化", "比上年")


def _year_prefixes(data: list[TextLine]) -> dict[int, str] | None:
    """Lines of amounts that each name a year (or the change between years): the latest year's line keys
    its columns plainly, an earlier year's as `prior_year.`, the change's as `change.`; None otherwise."""
    if len(data) < 2:
        return None
    years: dict[int, int] = {}
    changes: set[int] = set()
    for number, line in enumerate(data):
        for cell in line.cells:
            folded = fold(cell)
            if match := _YEAR_LINE.match(folded):
                years[number] = int(match.group(1))
                break
            if folded and not is_amount(cell) and any(w in folded for w in _CHANGE_WORDS):
                changes.add(number)
                break
        else:
            return None
    if not years or len(set(years.values())) != len(years) or len(changes) > 1:
        return None
    latest = max(years.values())
    prefixes = {n: "" if year == latest else "prior_year." for n, year in years.items()}
    if list(prefixes.values()).count("prior_year.") > 1:
        return None  # more than one earlier year: no key says which
    return {**prefixes, **dict.fromkeys(changes, "change.")}


def _header_year_prefixes(header: Header) -> dict[int, str]:
    """Column groups headed by a year (重庆: `2025年预算数 {合计 | 因公出国（境）费 | …}`, `2026年预算数 {…}`):
    the latest year's columns are keyed plainly, the one earlier year's as `prior_year.`; none otherwise."""
    years: dict[int, int] = {}
    for column in header.columns:
        for part in column.path:
            if match := re.match(r"^(20\d{2})年", fold(part)):
                years[column.index] = int(match.group(1))
                break
    if len(set(years.values())) != 2:
        return {}
    latest = max(years.values())
    return {index: "" if year == latest else "prior_year." for index, year in years.items()}


def _header_items_line(
    line: TextLine | None,
    prefix: str,
    where: tuple[TextLine, bool],
    header: Header,
    context: Context,
    found: dict[str, tuple[str, dict[str, Cell]]],
    value_keys: list[str],
    by_column: dict[int, str],
) -> None:
    """The amounts of one line under the item columns of the header, into `found` (row key → label, cells)."""
    spec = context.spec
    cells = line.cells if line is not None else []
    source = source_of(line, context.source_name) if line is not None else None
    for column in header.columns:
        if not column.leaf:
            continue
        path = [*column.path, column.leaf]
        value_spec = spec.columns[0]
        by_leaf = next((c for c in spec.columns if fold(column.leaf) in c.labels), None)
        by_group = next(
            (c for c in spec.columns[1:] for part in column.path if fold(part) in c.labels), None
        )  # `决算数 / 合计 | 因公出国（境）费 | …`: a group names the value (the first value column is the default)
        if by_leaf is not None and column.path:  # `公务接待费 / 预算数 | 决算数`: the leaf names the value
            value_spec, path = by_leaf, list(column.path)
        elif by_leaf is None and by_group is not None:
            value_spec, path = (
                by_group,
                [part for part in column.path if fold(part) not in by_group.labels] + [column.leaf],
            )
        value_key = (prefix or by_column.get(column.index, "")) + value_spec.key
        used = {key for key, (_label, row_cells) in found.items() if value_key in row_cells}
        key = _best(path, _row_candidates(spec.rows.get("single", ())), used)
        text = cells[column.index].strip() if column.index < len(cells) else ""
        if key is None:
            header_line, by_year = where
            if text and (not by_year or is_amount(text)):  # lines told by year carry their labels in the row
                context.problems.add(
                    "column-unknown", f"{context.where}的“{clean_label(column.leaf)}”栏不认识，其中的数值未读取",
                    header_line, column.leaf,
                )  # fmt: skip
            continue
        value, readable = read_amount(text)
        if not readable and line is not None:
            context.problems.add("cell-not-amount", f"{context.where}中的“{text}”不是金额，未读取", line, text)
        found.setdefault(key, (_label_of(path), {}))[1][value_key] = Cell(
            value=value, text=text if line is not None else None, source=source
        )
        if value_key not in value_keys:
            value_keys.append(value_key)


def _amount_column(header_width: int, body: Sequence[TextLine]) -> int:
    counts = [0] * header_width
    for line in body:
        for index, cell in enumerate(line.cells[:header_width]):
            if is_amount(cell):
                counts[index] += 1
    return max(range(header_width), key=lambda i: (counts[i], i)) if header_width else 0


def _row_columns(
    header_lines: list[TextLine], body: list[TextLine], context: Context
) -> tuple[list[Column], list[Row]]:
    spec = context.spec
    width = max(len(line.cells) for line in [*header_lines, *body])
    amount_at = _amount_column(width, body)
    found: dict[str, tuple[Cell, tuple[str, ...]]] = {}
    row_label = ""
    row_source = source_of(body[0], context.source_name) if body else None
    group = ""
    for line in body:
        cells = line.cells + [""] * (width - len(line.cells))
        labels = [c.strip() for c in cells[:amount_at]]
        text = cells[amount_at].strip()
        if not any(labels):
            if text:
                context.problems.add("row-unknown", f"{context.where}中有金额没有项目名称，未读取", line)
            continue
        if labels[0]:
            group = labels[0]
            path = tuple(label for label in labels if label)
        else:
            path = (group, *(label for label in labels if label))
        key = _best(path, _column_candidates(spec.columns), set(found))
        if key is None:
            context.problems.add("row-unknown", f"{context.where}中的行“{clean_label(path[-1])}”不认识", line)
            continue
        value, readable = read_amount(text)
        if not readable:
            context.problems.add("cell-not-amount", f"{context.where}中的“{text}”不是金额，未读取", line, text)
        found[key] = (Cell(value=value, text=text, source=source_of(line, context.source_name)), path)
        if key == "total":
            row_label = clean_label(path[-1])
            row_source = source_of(line, context.source_name)
    columns = [
        Column(key=c.key, label=_label_of(found[c.key][1]), group=tuple(clean_label(p) for p in found[c.key][1][:-1]))
        for c in spec.columns
        if c.key in found
    ]
    key = spec.unlabelled_row or "total"
    row = Row(
        key=key,
        label=row_label or clean_label(spec.columns[0].label),
        is_total=key == "total",
        cells={k: cell for k, (cell, _path) in found.items()},
        source=row_source,
    )
    return columns, [row] if found else []


def _paths(header_lines: list[TextLine], body: list[TextLine], context: Context) -> tuple[list[Column], list[Row]]:
    spec = context.spec
    header = read_header([line.cells for line in header_lines], spec, context.template)
    path_at: list[int] = []
    path_specs: list[ColumnSpec] = []
    value_at: dict[int, ColumnSpec] = {}
    for column in header.columns:
        leaf = fold(column.leaf)
        if not leaf:
            continue
        path_spec = next((p for p in spec.path_columns if leaf in p.labels), None)
        if path_spec is not None:
            path_at.append(column.index)
            path_specs.append(path_spec)
            continue
        value_spec = next((v for v in spec.columns if leaf in v.labels), None)
        if value_spec is not None:
            value_at[column.index] = value_spec
    rows: list[Row] = []
    current: list[str] = [""] * len(path_at)
    category: str | None = None  # the 品目大类 printed last, when it is one of 货物 / 工程 / 服务
    unit: str | None = None  # the spending unit printed under it (公开13表), if any
    seen: dict[str, int] = {}
    for line in _join_wrapped_labels(body, path_at, value_at):
        cells = line.cells
        labels = [cells[i].strip() if i < len(cells) else "" for i in path_at]
        values = {i: cells[i].strip() if i < len(cells) else "" for i in value_at}
        if not any(labels) and not any(values.values()):
            continue
        first = next((n for n, label in enumerate(labels) if label), None)
        source = source_of(line, context.source_name)
        cells_out: dict[str, Cell] = {}
        for index, value_spec in value_at.items():
            value, readable = read_amount(values[index])
            if not readable:
                context.problems.add(
                    "cell-not-amount", f"{context.where}中的“{values[index]}”不是金额，未读取", line, values[index]
                )
            cells_out[value_spec.key] = Cell(value=value, text=values[index], source=source)
        if first is not None and fold(labels[first]) in context.template.totals:
            label = clean_label(labels[first])
            rows.append(Row(key="total", label=label, is_total=True, cells=cells_out, source=source))
            current, category, unit = [""] * len(path_at), None, None
            continue
        if first is None:
            context.problems.add("row-unknown", f"{context.where}中有金额没有名称，未读取", line)
            continue
        level, named = _path_level(spec, path_specs, first)
        if level == 1 and category is not None and is_organisation(labels[first]):
            unit = _ORDINAL.sub("", clean_label(labels[first]))  # a unit's subtotal under the category
            key = _unique(f"{_ORDINAL.sub('', clean_label(category))}/{unit}", seen)
            rows.append(Row(key=key, label=unit, level=UNIT_LEVEL, cells=cells_out, source=source))
            current = [""] * len(path_at)
            current[0] = category
            continue
        if level == 1:
            category = labels[first] if is_procurement_category(labels[first]) else None
            unit = None
        current = current[:first] + labels[first:]
        parts = [_ORDINAL.sub("", clean_label(p)) for p in current if p]
        if unit is not None and first > 0:
            parts.insert(1, unit)
        key = _unique("/".join(parts), seen)
        label = current[named] if named is not None and current[named] else labels[first]
        rows.append(Row(key=key, label=clean_label(label), level=level, cells=cells_out, source=source))
    columns = [Column(key=v.key, label=clean_label(v.label)) for v in dict.fromkeys(value_at.values())]
    return columns, rows


def _unique(key: str, seen: dict[str, int]) -> str:
    """The key, with `#2`, `#3` … when the same path was printed before."""
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}#{seen[key]}"


def _join_wrapped_labels(body: list[TextLine], path_at: list[int], value_at: dict[int, ColumnSpec]) -> list[TextLine]:
    """A label wrapped onto a line of its own (`无锡市社会保` / `险基金管理中心`, also over a page break) joins its row.

    The wrapped part is a line with one label, in the column where the line above starts, and nothing else.
    """
    joined: list[TextLine] = []
    for line in body:
        cells = line.cells
        filled = [i for i, cell in enumerate(cells) if cell.strip()]
        previous = joined[-1] if joined else None
        if previous is not None and len(filled) == 1 and filled[0] in path_at and filled[0] not in value_at:
            above = [i for i, cell in enumerate(previous.cells) if cell.strip() and i in path_at]
            if above and above[0] == filled[0]:
                merged = list(previous.cells)
                merged[filled[0]] = merged[filled[0]].strip() + cells[filled[0]].strip()
                joined[-1] = TextLine("\t".join(merged), previous.line_no, previous.page)
                continue
        joined.append(line)
    return joined


def _path_level(spec: TableSpec, printed: list[ColumnSpec], first: int) -> tuple[int, int | None]:
    """The level of a row whose first label stands in printed path column `first`, and the column naming it.

    Levels count the template's path columns, so a column a document leaves
    out does not shift the ones after it.  A row that starts in a qualifier
    column (Jiangsu's 采购组织形式) is another line of the one named before it,
    whose cell is merged over both: same level, and its label is that line's
    (None: the row's own first label).
    """
    levels = [p for p in spec.path_columns if not p.qualifier]
    column = printed[first]
    if not column.qualifier:
        return levels.index(column) + 1, None
    before = next((n for n in range(first - 1, -1, -1) if not printed[n].qualifier), None)
    if before is None:
        return first + 1, None
    return levels.index(printed[before]) + 1, before
