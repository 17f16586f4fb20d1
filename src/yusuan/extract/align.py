"""Put a row's cells under the right columns, even when extraction dropped empty cells.

When a row has exactly as many tab-separated cells as the header has columns,
cells are placed by position.  A shorter row that kept its inner empty cells
and has its label in the label column lost only its tail: it is read by
position too, if its row identities hold.  Otherwise the row is anchored on what can be
recognised — leading code cells (类/款/项), then the label text — and the
remaining cells are the amounts.  If there are fewer amounts than amount
columns, every order-preserving placement is tried against the table's row
identities (`合计 = 基本支出 + 项目支出` …, from the template); a placement is
accepted only when exactly one distinct placement fits, otherwise the
candidates are kept for `resolve` (which uses the code hierarchy) and, failing
that, the values are reported unread.  Nothing is placed by guessing.  A row
of ellipses only (a blank template's `… | … | …`) is marked a placeholder, so
the reader can leave it out instead of taking `…` for a code or a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations

from yusuan.extract.header import CODE_CELL, CODE_LABEL, HeaderColumn
from yusuan.extract.normalise import is_amount, is_dash, read_amount
from yusuan.extract.template import SumSpec
from yusuan.lazy_pattern import lazy_compile

Values = dict[str, Decimal | None]
_ELLIPSIS = lazy_compile(r"^\s*(?:[…⋯][\s…⋯.．]*|[.．]{2,}[\s.．]*)$")  # `…`, `… … …`, `⋯`, `...`, `．．．`
MAX_PLACEMENTS = 5000


@dataclass
class Segment:
    """One row (or one half of a two-sided row) as placed on the columns."""

    label: str = ""
    code_parts: list[str] = field(default_factory=list)
    project: str = ""
    unit: str = ""  # the text of a unit column (预算单位): whose spending the row is
    texts: dict[str, str] = field(default_factory=dict)  # column key → printed text
    values: Values | None = field(default_factory=dict)  # None while the placement is open
    candidates: list[Values] = field(default_factory=list)
    candidate_texts: list[dict[str, str]] = field(default_factory=list)
    realigned: bool = False
    placed_by: str = ""  # "tail", "sums" or "hierarchy" when realigned
    extra_cells: bool = False
    unreadable: list[str] = field(default_factory=list)  # texts that are not amounts
    stray_values: list[str] = field(default_factory=list)  # amounts under columns with no key

    @property
    def code(self) -> str:
        return "".join(self.code_parts).replace(" ", "")  # asked of each row many times: one join, one replace

    @property
    def has_values(self) -> bool:
        if self.values is None:
            return True
        return any(v is not None for v in self.values.values()) or bool(self.unreadable)

    @property
    def is_blank(self) -> bool:
        return not (self.label or self.code or self.project or self.has_values)

    @property
    def is_placeholder(self) -> bool:
        """A blank template's placeholder row: its code cells, label and any other text are ellipses only
        (`… | … | … | …`, `……`, `...`, `⋯`), and it holds no amount.  A real code with junk after it
        (`205 | 02 | 05…`) is no placeholder: it stays a malformed code."""
        if self.values is None or any(v is not None for v in self.values.values()) or self.stray_values:
            return False
        printed = [t for t in (*self.code_parts, self.label, self.project, self.unit, *self.unreadable) if t.strip()]
        return bool(printed) and all(_ELLIPSIS.match(t) for t in printed)


def place(cells: list[str], columns: list[HeaderColumn], sums: tuple[SumSpec, ...]) -> Segment:
    """Place `cells` (this row's, or this half's) on `columns` (those of the header, or of one half)."""
    trimmed = cells
    if len(trimmed) > len(columns) and not any(c.strip() for c in trimmed[len(columns) :]):
        trimmed = trimmed[: len(columns)]
    if len(trimmed) == len(columns):
        segment = _by_position(trimmed, columns)
    elif _only_tail_dropped(trimmed, columns):
        segment = _by_position(trimmed + [""] * (len(columns) - len(trimmed)), columns)
        if segment.values is not None and not holds(segment.values, sums):
            segment = _by_anchor(trimmed, columns, sums)
        else:
            segment.realigned, segment.placed_by = True, "tail"
    else:
        segment = _by_anchor(trimmed, columns, sums)
    _split_code_label(segment)
    return segment


def _only_tail_dropped(cells: list[str], columns: list[HeaderColumn]) -> bool:
    """A short row that kept its inner empty cells, with its label in the label column: only its tail is gone."""
    if len(cells) > len(columns):
        return False
    label_at = next((i for i, c in enumerate(columns) if c.role in ("name", "label")), None)
    if label_at is None or label_at >= len(cells):
        return False
    label = cells[label_at].strip()
    if not label or is_amount(label) or any(c.strip() and not CODE_CELL.match(c) for c in cells[:label_at]):
        return False
    values = [c.strip() for c in cells[label_at + 1 :]]
    filled = [i for i, text in enumerate(values) if text]
    return bool(filled) and any(not values[i] for i in range(filled[-1]))


def _by_position(cells: list[str], columns: list[HeaderColumn]) -> Segment:
    segment = Segment()
    values, texts, unreadable = segment.values, segment.texts, segment.unreadable
    assert values is not None
    for column, cell in zip(columns, cells, strict=True):
        text = cell.strip()
        role = column.role
        if role == "value" and column.key is not None:  # most cells: `_put` inline
            value, readable = read_amount(text)
            if not readable:
                unreadable.append(text)
            values[column.key] = value
            texts[column.key] = text
        elif role == "code":
            if text and not text.replace(" ", "").isdigit() and not segment.label:  # `合 计` across the code columns
                segment.label, text = text, ""
            segment.code_parts.append(text)
        elif role in ("name", "label"):
            segment.label = text or segment.label
        elif role == "project":
            segment.project = text
        elif role == "unit":
            segment.unit = text
        elif text and is_amount(text):
            segment.stray_values.append(text)
    return segment


def _put(segment: Segment, key: str, text: str) -> None:
    assert segment.values is not None
    value, readable = read_amount(text)
    if not readable:
        segment.unreadable.append(text)
    segment.values[key] = value
    segment.texts[key] = text


def _by_anchor(cells: list[str], columns: list[HeaderColumn], sums: tuple[SumSpec, ...]) -> Segment:
    segment = Segment()
    position = 0
    while position < len(cells) and (not cells[position].strip() or CODE_CELL.match(cells[position])):
        if cells[position].strip():
            segment.code_parts.append(cells[position].strip())
        position += 1
    texts: list[str] = []
    while position < len(cells):
        text = cells[position].strip()
        if not text or is_amount(text) or is_dash(text):
            break
        texts.append(text)
        position += 1
    text_roles = [c.role for c in columns if c.role in ("name", "label", "project")]
    for role, text in zip(text_roles, texts, strict=False):
        if role == "project":
            segment.project = text
        else:
            segment.label = text
    rest = [c.strip() for c in cells[position:]]
    rest = texts[len(text_roles) :] + rest
    keys = [c.key for c in columns if c.role == "value" and c.key is not None]
    while len(rest) > len(keys) and rest and not rest[-1]:
        rest.pop()
    while len(rest) > len(keys) and rest and not rest[0]:
        rest.pop(0)
    if len(rest) > len(keys):
        segment.extra_cells = True
        segment.values = dict.fromkeys(keys)
        return segment
    if len(rest) == len(keys) or not any(rest):
        for key, text in zip(keys, rest + [""] * (len(keys) - len(rest)), strict=True):
            _put(segment, key, text)
        return segment
    _place_by_sums(segment, rest, keys, sums)
    return segment


def _place_by_sums(segment: Segment, texts: list[str], keys: list[str], sums: tuple[SumSpec, ...]) -> None:
    amounts: list[Decimal | None] = []
    for text in texts:
        value, readable = read_amount(text)
        if not readable:
            segment.unreadable.append(text)
        amounts.append(value)
    distinct: dict[frozenset[tuple[str, Decimal]], tuple[Values, dict[str, str]]] = {}
    for count, slots in enumerate(combinations(range(len(keys)), len(texts))):
        if count >= MAX_PLACEMENTS:
            break
        values: Values = dict.fromkeys(keys)
        printed: dict[str, str] = dict.fromkeys(keys, "")
        for slot, amount, text in zip(slots, amounts, texts, strict=True):
            values[keys[slot]] = amount
            printed[keys[slot]] = text
        if holds(values, sums):
            distinct.setdefault(frozenset((k, v) for k, v in values.items() if v is not None), (values, printed))
    segment.realigned, segment.placed_by = True, "sums"
    if len(distinct) == 1:
        segment.values, segment.texts = next(iter(distinct.values()))
    else:
        segment.values = None
        segment.candidates = [values for values, _ in distinct.values()]
        segment.candidate_texts = [printed for _, printed in distinct.values()]


def holds(values: Values, sums: tuple[SumSpec, ...]) -> bool:
    """True when every row identity whose columns are all present holds exactly."""
    for identity in sums:
        if identity.total not in values or any(p not in values for p in identity.parts):
            continue
        total = values[identity.total] or Decimal(0)
        if total != sum((values[p] or Decimal(0) for p in identity.parts), Decimal(0)):
            return False
    return True


def _split_code_label(segment: Segment) -> None:
    """`201 一般公共服务支出` in one cell → code 201 and label."""
    if segment.code or not segment.label:
        return
    match = CODE_LABEL.match(segment.label)
    if match:
        segment.code_parts = [match.group(1).replace(" ", "")]
        segment.label = match.group(2).strip()
