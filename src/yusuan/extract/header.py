"""Read a table's header rows and give every column its role and canonical key.

Merged header cells come out of extraction as one text followed by empty
cells; the grid is filled to the right (a cell spans on while the row below
has labels under it and the row above spans too), so each column gets a path
of header words, outermost first, and a leaf label.  Leaves are matched to the
template's column specs — exactly, then as the same characters in another
order (`国有本资经营预算`), then fuzzily — honouring the spec's side (two-sided
tables) and the group it must stand under (`合计` under `非财政拨款`).
A header says some things that do not change what a column holds: a leading
`其中：` (the column is part of the one before it) and a year (`2026年预算数`)
are dropped before matching.  A `小计` / `合计` leaf under a group is that
group's own sum: `基本支出 › 小计` is the basic column, `2026年政府采购项目 ›
小计` the procurement column; only when the group names nothing the table
knows (`一般公共预算支出 › 小计`, a heading over every amount) is the leaf
matched by itself.
Code (类/款/项), name and project columns are recognised by their words; a
column of unit names (预算单位) beside the codes and names is the `unit`
column: it names whose spending a row is, not what the row is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest

from yusuan.extract.normalise import clean_label, fold, is_amount, is_similar, similarity
from yusuan.extract.template import ColumnSpec, TableSpec, Template
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Column
from yusuan.model.kinds import Side

CODE_CELL = lazy_compile(r"^\s*\d{2,3}(?:\s*\d{2}){0,2}\s*$")
_YEAR_PREFIX = lazy_compile(r"^20\d{2}年度?")
_ASIDE = lazy_compile(r"^其中[:：]?")  # `其中：基本支出`: a part of the column before it, named as any column
SUBTOTAL_WORDS = frozenset({"小计", "合计"})  # a leaf that sums the group above it
ASIDE = "-"  # a column spec's key for a column known and left unread (its words are no unknown column)
SERIAL_WORDS = frozenset({"行次", "栏次", "序号", "行号"})  # columns that number the rows: no money in them
# columns of words, no money: the unit a row belongs to (深圳 prints 预算单位 before the codes)
TEXT_WORDS = SERIAL_WORDS | frozenset({"预算单位", "单位名称", "部门名称", "单位代码", "单位编码"})
UNIT_WORDS = frozenset({"预算单位", "单位名称", "部门名称"})  # a column naming the unit a row is spent by
_COLUMN_MARKS = frozenset({"*", "**", "***"})  # `** | ** | 1 | 2`: a mark numbering a column, not its name
# `201 一般…`, `[201]一般…`
CODE_LABEL = lazy_compile(r"^\s*[\[【]?(\d{3}(?:\s?\d{2}){0,2})[\]】]?\s*([^\d\s.,\]】].*)$")


def is_header_words(folded: str, words: set[str] | frozenset[str]) -> bool:
    """Whether a folded text is header words run together (`科目编码科目名称`: two cells the text layer
    joined), each a word of `words`."""
    if not folded:
        return False
    ends = {0}
    for end in range(1, len(folded) + 1):
        if any(start in ends and folded[start:end] in words for start in range(end)):
            ends.add(end)
    return len(folded) in ends


def is_header_line(folded: list[str], rows: list[list[str]]) -> bool:
    """Whether a line of folded cells repeats header words however its cells are cut: two or more texts,
    no amount, each within a cell of the header rows (`科目编码 | 科目名称` under `科目编码科目名称`)."""
    texts = [t for t in folded if t]
    words = [w for row in rows for w in row if w]
    if len(texts) < 2 or any(is_amount(t) for t in texts):
        return False
    return all(any(t in w for w in words) for t in texts)


@lru_cache(maxsize=4096)
def repeats_header(cells: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a body line repeats the header (`rows`: `Header.rows`).  Cached: a table read under several
    candidate forms asks it of every line for each form, and the forms mostly read the same header rows.

    `is_header_line` is asked with the header's words joined once per header (`_joined_words`), and a header
    row stops being compared once too few of its cells are left to reach 0.8 (or as soon as enough match)."""
    folded = [fold(c) for c in cells]
    if _in_header_words(folded, rows):  # `科目编码 | 科目名称` under a header that printed them in one cell
        return True
    for row in rows:
        filled = 0
        both: list[tuple[str, str]] = []
        for a, b in zip_longest(row, folded, fillvalue=""):
            if a or b:
                filled += 1
                if a and b:
                    both.append((a, b))
        if not filled or len(both) / filled < 0.8:
            continue  # too few cells printed on both lines for enough of them to be alike
        matching = 0
        for position, (a, b) in enumerate(both, 1):
            if is_similar(a, b, 0.8):
                matching += 1
                if matching / filled >= 0.8:
                    return True
            elif (matching + len(both) - position) / filled < 0.8:
                break  # the cells left cannot reach 0.8
    return False


_JOIN = "\x00"  # a text without it found in the words joined by it is found inside one word


@lru_cache(maxsize=256)
def _joined_words(rows: tuple[tuple[str, ...], ...]) -> str:
    return _JOIN.join(w for row in rows for w in row if w)


def _in_header_words(folded: list[str], rows: tuple[tuple[str, ...], ...]) -> bool:
    """`is_header_line(folded, rows)`, each text looked for in the header's words joined once (a text holding
    the separator is looked for word by word)."""
    texts = [t for t in folded if t]
    if len(texts) < 2 or any(is_amount(t) for t in texts):
        return False
    joined = _joined_words(rows)
    return all(t in joined if _JOIN not in t else any(t in w for row in rows for w in row if w) for t in texts)


@dataclass
class HeaderColumn:
    index: int
    leaf: str  # clean label
    path: tuple[str, ...]  # clean labels above the leaf, outermost first
    role: str = "ignore"  # code | name | project | label | unit | value | aside | ignore
    key: str | None = None
    side: Side | None = None
    spec: ColumnSpec | None = None
    exact: bool = True
    block: int = -1  # two-sided tables: index of the label column that starts this column's block

    @property
    def folded_path(self) -> tuple[str, ...]:
        return tuple(fold(p) for p in self.path)


@dataclass
class Header:
    columns: list[HeaderColumn]
    rows: list[list[str]]  # folded header cells, for spotting a repeated header
    unknown: list[HeaderColumn] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.columns)

    def on(self, side: Side | None) -> list[HeaderColumn]:
        return [c for c in self.columns if c.side == side]

    def values(self, side: Side | None = None) -> list[HeaderColumn]:
        return [c for c in self.columns if c.role == "value" and (side is None or c.side == side)]

    def model_columns(self) -> list[Column]:
        columns: list[Column] = []
        seen: set[tuple[str, Side | None]] = set()
        for c in self.values():
            if (c.key or "", c.side) in seen:  # a second block of a side repeats its columns
                continue
            seen.add((c.key or "", c.side))
            columns.append(
                Column(
                    key=c.key or "",
                    label=c.leaf if c.exact or c.spec is None else clean_label(c.spec.label),
                    group=c.path,
                    side=c.side,
                )
            )
        return columns

    def blocks(self, side: Side | None) -> list[list[HeaderColumn]]:
        """The columns of one side, cut into blocks that each start at a label column."""
        result: list[list[HeaderColumn]] = []
        for column in self.on(side):
            if not result or column.block != result[-1][0].block:
                result.append([])
            result[-1].append(column)
        return result


def read_header(rows: list[list[str]], spec: TableSpec, template: Template) -> Header:
    width = max(len(r) for r in rows)
    grid = [["" if fold(c) in _COLUMN_MARKS else clean_label(c) for c in r] + [""] * (width - len(r)) for r in rows]
    filled = _fill_spans(grid)
    columns: list[HeaderColumn] = []
    for c in range(width):
        path: list[str] = []
        for r in range(len(filled)):
            word = filled[r][c]
            if word and (not path or fold(path[-1]) != fold(word)):
                path.append(word)
        leaf = path[-1] if path else ""
        columns.append(HeaderColumn(index=c, leaf=leaf, path=tuple(path[:-1])))
    printed = [[fold(clean_label(c)) for c in r] + [""] * (width - len(r)) for r in rows]  # marks kept: a repeat
    header = Header(columns=columns, rows=printed)
    _assign_roles(header, spec, template)
    return header


def _fill_spans(grid: list[list[str]]) -> list[list[str]]:
    filled = [row[:] for row in grid]
    spanned = [[False] * len(row) for row in grid]
    for r, row in enumerate(grid):
        for c in range(1, len(row)):
            if row[c] or not filled[r][c - 1]:
                continue
            labels_below = any(grid[below][c] for below in range(r + 1, len(grid)))
            if labels_below and (r == 0 or spanned[r - 1][c]):
                filled[r][c] = filled[r][c - 1]
                spanned[r][c] = True
    return filled


def _assign_roles(header: Header, spec: TableSpec, template: Template) -> None:
    if spec.layout == "two_sided":
        _assign_sides(header, template)
    for column in header.columns:
        leaf = fold(column.leaf)
        if not leaf:
            continue
        if spec.layout in ("codes", "projects"):
            if _is_code_word(leaf, template):
                column.role = "code"
            elif leaf in template.project_words and spec.layout == "projects":
                column.role = "project"
            elif leaf in template.name_words or ("名称" in leaf and leaf not in template.project_words):
                column.role = "name"
    units = [c for c in header.columns if c.role == "ignore" and fold(c.leaf) in UNIT_WORDS]
    if spec.layout == "codes" and any(c.role in ("code", "name") for c in header.columns):
        for column in units:  # beside the codes and names; alone, the unit names are the rows' labels
            column.role = "unit"
    for left, column in zip(header.columns, header.columns[1:], strict=False):
        if left.role == "code" and not column.leaf:  # under one merged 科目编码 cell
            column.role = "code"
    if spec.layout in ("items", "two_sided"):
        sides = [Side.INCOME, Side.EXPENDITURE] if spec.layout == "two_sided" else [None]
        for side in sides:
            first = next((c for c in header.columns if c.side == side), None)
            if first is not None:
                first.role = "label"
        if spec.layout == "two_sided":  # a side may hold several label + amount blocks (Jiangsu 收支预算总表)
            for column in header.columns:
                if column.role == "ignore" and fold(column.leaf) in template.label_words:
                    column.role = "label"
    current: dict[Side | None, int] = {}
    previous_role = ""
    for column in header.columns:
        repeated = spec.layout == "codes" and column.role == "code" and previous_role not in ("", "code", "unit")
        if column.role == "label" or repeated:  # `编码 | 名称 | 决算数 | 编码 | 名称 | 决算数`: two blocks
            current[column.side] = column.index
        column.block = current.get(column.side, -1)
        previous_role = column.role
    _match_values(header, spec)
    _assign_names(header, spec)
    header.unknown = [c for c in header.columns if c.role == "ignore" and c.leaf and fold(c.leaf) not in TEXT_WORDS]


def _is_code_word(leaf: str, template: Template) -> bool:
    return leaf in template.code_words or "编码" in leaf or "代码" in leaf


def _assign_sides(header: Header, template: Template) -> None:
    current: Side | None = None
    for column in header.columns:
        top = fold(column.path[0]) if column.path else fold(column.leaf)
        for side, words in template.sides.items():
            if any(top.endswith(w) or top == w for w in words):
                current = side
                break
        column.side = current or Side.INCOME
    if all(c.side == Side.INCOME for c in header.columns):  # no side words: split at the second label column
        labels = [c.index for c in header.columns if fold(c.leaf) in ("项目", "功能分类", "科目", "科目名称")]
        if len(labels) >= 2:
            for column in header.columns[labels[1] :]:
                column.side = Side.EXPENDITURE


@lru_cache(maxsize=16384)
def bare_label(label: str) -> str:
    """A header word folded, without what does not change its meaning: a leading `其中：` and a year.

    Cached: asked of each column's words at every matching tier, under every candidate form."""
    folded = fold(label)
    bare = _YEAR_PREFIX.sub("", _ASIDE.sub("", folded))
    return bare or folded


def _names(column: HeaderColumn, header: Header) -> tuple[list[str], list[tuple[str, float]]]:
    """What a column's header may mean: its group's words when the leaf is the group's 小计 (matched
    first, and only exactly), then its leaf as printed (weight 1) and bare (weight 0.99)."""
    leaf, bare = fold(column.leaf), bare_label(column.leaf)
    groups = [bare_label(column.path[-1])] if bare in SUBTOTAL_WORDS and _names_a_part(column, header) else []
    names = [(leaf, 1.0)]
    if bare != leaf:
        names.append((bare, 0.99))
    return groups, names


def _names_a_part(column: HeaderColumn, header: Header) -> bool:
    """Whether the group above a column heads only some of its side's amounts (`基本支出` over 小计,
    人员经费, 公用经费), not all of them (`预算数`, `一般公共预算支出` over the whole table)."""
    if not column.path:
        return False
    group = column.path
    amounts = [c for c in header.columns if c.side == column.side and c.role == "ignore" and c.leaf]
    return any(c.path[: len(group)] != group for c in amounts)


def _match_values(header: Header, spec: TableSpec) -> None:
    open_columns = [c for c in header.columns if c.role == "ignore" and c.leaf]
    used: set[tuple[str, Side | None, int]] = set()

    def fits(column: HeaderColumn, candidate: ColumnSpec) -> bool:
        if (candidate.key, candidate.side, column.block) in used:
            return False
        if spec.layout == "two_sided" and candidate.side != column.side:
            return False
        if candidate.under:
            path = column.folded_path + tuple(bare_label(p) for p in column.path)
            return any(is_similar(p, u, 0.99) for p in path for u in candidate.under)
        return True

    # the group of a `小计` first (exactly or reordered), then every leaf exactly, reordered, fuzzily
    for by_group, tier in ((True, 0.99), (False, 1.0), (False, 0.99), (False, 0.8)):
        for column in open_columns:
            if column.role != "ignore":
                continue
            groups, names = _names(column, header)
            tried = [(g, 1.0) for g in groups] if by_group else names
            if not tried:
                continue
            best: tuple[float, ColumnSpec | None] = (0.0, None)
            for candidate in spec.columns:
                if not fits(column, candidate):
                    continue
                # a weight is at most 1, so only a pair at least `tier` alike can reach the tier
                score = max(
                    (
                        weight * similarity(name, label)
                        for name, weight in tried
                        for label in candidate.labels
                        if is_similar(name, label, tier)
                    ),
                    default=0.0,
                )
                if score >= tier and score > best[0]:
                    best = (score, candidate)
                    if score == 1.0:
                        break
            if best[1] is not None and best[1].key == ASIDE:
                column.role = "aside"
            elif best[1] is not None:
                column.role, column.key, column.spec = "value", best[1].key, best[1]
                column.side = best[1].side if spec.layout == "two_sided" else None
                column.exact = best[0] == 1.0 or by_group
                used.add((best[1].key, best[1].side, column.block))


def _assign_names(header: Header, spec: TableSpec) -> None:
    """Code tables without a recognised name column: the first unclaimed labelled column holds names."""
    if spec.layout not in ("codes", "projects") or any(c.role == "name" for c in header.columns):
        return
    codes = [c.index for c in header.columns if c.role == "code"]
    # the first unclaimed label; else, under one merged `功能分类科目名称科目编码`, the blank column after the codes
    first = next(
        (c for c in header.columns if c.role == "ignore" and c.leaf and fold(c.leaf) not in SERIAL_WORDS), None
    ) or next(
        (c for c in header.columns if codes and c.index == codes[-1] + 1 and c.role == "ignore" and not c.leaf),
        None,
    )
    if first is not None:
        first.role = "name"
