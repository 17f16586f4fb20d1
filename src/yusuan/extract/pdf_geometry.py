"""Find ruled tables on a PDF page from its drawings: rulings → lattice → cells with spans.

Budget tables are drawn as ruled grids, but every producer draws the rulings
its own way: Excel exports fill one thin black rectangle per line, Word
exports stroke line segments, and some Word files draw a mosaic of tiny
black rectangles (hundreds per page) that only together make a line.  This
module reduces all of them to horizontal and vertical *rulings* (thin dark
shapes; white fills and thick shading are ignored), merges collinear pieces,
groups rulings that touch into tables, and cuts each table into grid cells.
Two neighbouring grid cells belong to one merged cell when no ruling
separates them, so a header cell spanning three columns, or a label spanning
two rows, is one `GridCell` with its span.  Pure geometry: no text, no
PyMuPDF objects, so it is testable with plain numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

THIN = 2.6  # a filled rectangle thinner than this (pt) is a ruling
SAME_LINE = 1.2  # collinear pieces closer than this are one ruling
JOIN_GAP = 2.5  # pieces of one ruling may leave gaps this wide
TOUCH = 2.5  # a ruling ending this close to another touches it
GRID_SNAP = 2.0  # rulings this close make one grid line
COVERED = 0.6  # a grid edge is ruled when rulings cover this share of it
DARK = 0.75  # a colour with luminance below this is ink, not paper

_NEAR = GRID_SNAP + SAME_LINE  # a ruling this close to a grid line may cover its edges (`_near`)

Box = tuple[float, float, float, float]
Point = tuple[float, float]


# Rulings and cells are made by the ten thousand on a long document: not frozen, since a frozen dataclass's
# `__init__` sets each field through `object.__setattr__` (four times the cost); nothing changes them once made.
@dataclass(slots=True, unsafe_hash=True)
class Ruling:
    """A horizontal (`pos` = y) or vertical (`pos` = x) ruling from `start` to `end`."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(slots=True, unsafe_hash=True)
class GridCell:
    """A cell of the lattice: top-left grid position, spans and its box."""

    row: int
    col: int
    row_span: int
    col_span: int
    box: Box


@dataclass
class Grid:
    """One ruled table: grid lines `xs`, `ys` and the (merged) cells covering them."""

    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    _index: dict[tuple[int, int], int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index = self._index
        for number, cell in enumerate(self.cells):
            if cell.row_span == 1 and cell.col_span == 1:  # most cells: one position, without the loops
                index[(cell.row, cell.col)] = number
                continue
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    self._index[(r, c)] = number

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_index(self) -> dict[tuple[int, int], int]:
        """Index into `cells` of the cell covering each (row, column) grid position."""
        return self._index

    def cell_at(self, x: float, y: float) -> int | None:
        """Index into `cells` of the cell holding the point, or None outside the grid."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        col = min(max(bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        row = min(max(bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        return self._index.get((row, col))


def rulings_from_drawings(drawings: Iterable[dict[str, Any]], transform: Any = None) -> list[Ruling]:
    """Rulings from PyMuPDF `get_cdrawings()` paths (optionally mapped through `transform(point)`)."""
    pieces: list[Ruling] = []
    dark: dict[tuple[float, ...], bool] = {}  # a page draws in few colours: each judged once

    def is_dark(colour: Any) -> bool:
        if type(colour) is not tuple:
            return _dark(colour)
        found = dark.get(colour)
        if found is None:
            found = dark[colour] = _dark(colour)
        return found

    for path in drawings:
        kind = str(path.get("type", ""))
        stroked = filled = False
        if "s" in kind:  # is_dark(colour), a known colour looked up without the call
            colour = path.get("color")
            known = dark.get(colour) if type(colour) is tuple else None
            stroked = is_dark(colour) if known is None else known
        if "f" in kind:
            colour = path.get("fill")
            known = dark.get(colour) if type(colour) is tuple else None
            filled = is_dark(colour) if known is None else known
        if not stroked and not filled:
            continue
        items = path.get("items", ())
        if filled and items and not [item for item in items if item[0] != "l"]:  # a thin polygon filled dark
            pieces.extend(_thin_rect(_corners_box(items, transform)))
            if not stroked:  # only lines, not stroked: nothing more to take (the most common filled path)
                continue
        for item in items:
            if item[0] == "l":
                if stroked:
                    if transform is None:  # `_segment` written out (it reads the first two coordinates only)
                        a, b = item[1], item[2]
                        ax, ay, bx, by = a[0], a[1], b[0], b[1]
                        if abs(ay - by) <= SAME_LINE and abs(ax - bx) > SAME_LINE:
                            pieces.append(Ruling(True, (ay + by) / 2, bx if bx < ax else ax, bx if bx > ax else ax))
                        elif abs(ax - bx) <= SAME_LINE and abs(ay - by) > SAME_LINE:
                            pieces.append(Ruling(False, (ax + bx) / 2, by if by < ay else ay, by if by > ay else ay))
                        continue
                    ruling = _segment(_map(item[1], transform), _map(item[2], transform))
                    if ruling is not None:
                        pieces.append(ruling)
            elif item[0] == "re":
                x0, y0, x1, y1 = item[1]
                if transform is None:
                    a, b = (x0, y0), (x1, y1)
                else:
                    a, b = _map((x0, y0), transform), _map((x1, y1), transform)
                box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
                if filled:
                    pieces.extend(_thin_rect(box))
                if stroked:
                    pieces.extend(_rect_edges(box))
    return pieces


def _corners_box(items: Sequence[Any], transform: Any) -> Box:
    """The box of the corners of a path of line items (`("l", start, end)`), each mapped through `transform`."""
    if transform is None and len(items) == 4:  # the usual quadrilateral, written out: the corners in the same order
        i, j, k, m = items
        a, b, c, d, e, f, g, h = i[1], i[2], j[1], j[2], k[1], k[2], m[1], m[2]
        return (
            min(a[0], b[0], c[0], d[0], e[0], f[0], g[0], h[0]),
            min(a[1], b[1], c[1], d[1], e[1], f[1], g[1], h[1]),
            max(a[0], b[0], c[0], d[0], e[0], f[0], g[0], h[0]),
            max(a[1], b[1], c[1], d[1], e[1], f[1], g[1], h[1]),
        )
    corners = [point for item in items for point in item[1:3]]
    if transform is not None:
        corners = [_map(point, transform) for point in corners]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return (min(xs), min(ys), max(xs), max(ys))


def _map(point: Sequence[float], transform: Any) -> Point:
    mapped = point if transform is None else transform(point)
    return (mapped[0], mapped[1])


def _dark(colour: Any) -> bool:
    if not colour:
        return False
    values: list[float] = list(colour)
    if len(values) == 1:
        return values[0] < DARK
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    r, g, b = values[:3]
    return 0.299 * r + 0.587 * g + 0.114 * b < DARK


def _segment(a: Sequence[float], b: Sequence[float]) -> Ruling | None:
    if abs(a[1] - b[1]) <= SAME_LINE and abs(a[0] - b[0]) > SAME_LINE:
        return Ruling(True, (a[1] + b[1]) / 2, min(a[0], b[0]), max(a[0], b[0]))
    if abs(a[0] - b[0]) <= SAME_LINE and abs(a[1] - b[1]) > SAME_LINE:
        return Ruling(False, (a[0] + b[0]) / 2, min(a[1], b[1]), max(a[1], b[1]))
    return None


def _thin_rect(box: Box) -> list[Ruling]:
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if height <= THIN and width > height:
        return [Ruling(True, (y0 + y1) / 2, x0, x1)]
    if width <= THIN and height > width:
        return [Ruling(False, (x0 + x1) / 2, y0, y1)]
    return []


def _rect_edges(box: Box) -> list[Ruling]:
    x0, y0, x1, y1 = box
    if x1 - x0 <= THIN or y1 - y0 <= THIN:
        return _thin_rect(box)
    return [Ruling(True, y0, x0, x1), Ruling(True, y1, x0, x1), Ruling(False, x0, y0, y1), Ruling(False, x1, y0, y1)]


_BY_POS = attrgetter("pos")
_BY_POSITION = attrgetter("row", "col")


def merge_rulings(pieces: Iterable[Ruling]) -> list[Ruling]:
    """Collinear pieces that touch or overlap become one ruling."""
    merged: list[Ruling] = []
    for horizontal in (True, False):
        own = sorted([p for p in pieces if p.horizontal == horizontal], key=_BY_POS)
        for group in _clusters(own, SAME_LINE):
            pos = sum([p.pos for p in group]) / len(group)
            spans = sorted([(p.start, p.end) for p in group])
            start, end = spans[0]
            for s, e in spans[1:]:
                if s <= end + JOIN_GAP:
                    end = e if e > end else end  # max(end, e), without the call
                else:
                    merged.append(Ruling(horizontal, pos, start, end))
                    start, end = s, e
            merged.append(Ruling(horizontal, pos, start, end))
    return merged


def _clusters(rulings: list[Ruling], tolerance: float) -> list[list[Ruling]]:
    groups: list[list[Ruling]] = []
    group: list[Ruling] = []
    last = 0.0  # the position of the ruling before (the last of the last group)
    for ruling in rulings:
        pos = ruling.pos
        if group and pos - last <= tolerance:
            group.append(ruling)
        else:
            group = [ruling]
            groups.append(group)
        last = pos
    return groups


def find_grids(pieces: Iterable[Ruling], page_box: Box | None = None, min_size: float = 8.0) -> list[Grid]:
    """The ruled tables formed by these rulings, top to bottom."""
    rulings = merge_rulings(_inside(pieces, page_box))
    rulings = [r for r in rulings if r.end - r.start >= min_size]
    parent = list(range(len(rulings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # each ruling's reach worked out once, not once per pair (the same sums, so the same comparisons)
    across = [(r.start - TOUCH, r.end + TOUCH, r.pos, i) for i, r in enumerate(rulings) if r.horizontal]
    down = [(r.pos, r.start - TOUCH, r.end + TOUCH, i) for i, r in enumerate(rulings) if not r.horizontal]
    for h_start, h_end, h_pos, h in across:
        for v_pos, v_start, v_end, v in down:
            if h_start <= v_pos <= h_end and v_start <= h_pos <= v_end:
                a, b = find(h), find(v)
                if a != b:
                    parent[a] = b
    components: dict[int, list[Ruling]] = {}
    for i, ruling in enumerate(rulings):
        components.setdefault(find(i), []).append(ruling)
    grids = [g for members in components.values() if (g := _grid(members)) is not None]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _inside(pieces: Iterable[Ruling], page_box: Box | None) -> list[Ruling]:
    if page_box is None:
        return list(pieces)
    x0, y0, x1, y1 = page_box
    across = (x0, x1, y0 - 1, y1 + 1)  # a horizontal piece: its extent along, the band its position may lie in
    down = (y0, y1, x0 - 1, x1 + 1)
    kept = []
    for p in pieces:
        low, high, lo_pos, hi_pos = across if p.horizontal else down
        if not lo_pos <= p.pos <= hi_pos:
            continue
        start = low if low > p.start else p.start  # max(p.start, low) and min(p.end, high), without the calls
        end = high if high < p.end else p.end
        if end > start:
            kept.append(p if start == p.start and end == p.end else Ruling(p.horizontal, p.pos, start, end))
    return kept


def _snap(values: Iterable[float]) -> list[float]:
    result: list[list[float]] = []
    for value in sorted(values):
        if result and value - result[-1][-1] <= GRID_SNAP:
            result[-1].append(value)
        else:
            result.append([value])
    return [sum(group) / len(group) for group in result]


def _grid(members: list[Ruling]) -> Grid | None:
    horizontal = [r for r in members if r.horizontal]
    vertical = [r for r in members if not r.horizontal]
    if len(horizontal) < 2 or len(vertical) < 1:
        return None
    left = min(h.start for h in horizontal)
    right = max(h.end for h in horizontal)
    top = min(*(v.start for v in vertical), *(h.pos for h in horizontal))
    bottom = max(*(v.end for v in vertical), *(h.pos for h in horizontal))
    xs = _snap([v.pos for v in vertical] + [left, right])
    ys = _snap([h.pos for h in horizontal] + [top, bottom])
    if len(xs) < 2 or len(ys) < 2 or xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Neighbouring positions with no ruled edge between them make one cell.  Only the inner grid lines separate
    # positions, so only their edges are looked at; the order of the unions does not matter (each set's root is
    # its smallest position).
    for c in range(1, n_cols):
        for r in _uncovered(_near(vertical, xs[c]), ys):
            union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):
        for c in _uncovered(_near(horizontal, ys[r]), xs):
            union((r - 1) * n_cols + c, r * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            i = r * n_cols + c
            groups.setdefault(i if parent[i] == i else find(i), []).append((r, c))  # most positions: own root
    cells = []
    for positions in groups.values():
        if len(positions) == 1:  # most cells: one grid position
            r, c = positions[0]
            cells.append(GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])))
            continue
        r0 = min(p[0] for p in positions)
        r1 = max(p[0] for p in positions)
        c0 = min(p[1] for p in positions)
        c1 = max(p[1] for p in positions)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=_BY_POSITION)
    return Grid(xs, ys, cells)


def _near(rulings: list[Ruling], pos: float) -> list[Ruling]:
    """The rulings that may cover an edge at `pos` (those `_covered` looks at), found once per grid line."""
    return [r for r in rulings if abs(r.pos - pos) <= _NEAR]


def _uncovered(rulings: list[Ruling], edges: list[float]) -> list[int]:
    """The indexes `i` of the intervals [edges[i], edges[i + 1]] that `rulings` (`_near` a grid line) leave
    uncovered: `not _covered(rulings, pos, edges[i], edges[i + 1])`, in order.

    With one ruling (the usual case) `_covered`'s sum is written out here, per interval, without the call."""
    if len(rulings) != 1:
        return [i for i in range(len(edges) - 1) if not _covered(rulings, 0.0, edges[i], edges[i + 1])]
    ruling = rulings[0]
    first, last = ruling.start, ruling.end
    gaps = []
    start = edges[0]
    for i in range(1, len(edges)):
        end = edges[i]
        length = end - start
        if not length <= 0:
            s = start if start > first else first  # max(first, start) and min(last, end), without the calls
            e = end if end < last else last
            if not (e - s if e > start else 0.0) >= COVERED * length:
                gaps.append(i - 1)
        start = end
    return gaps


def _covered(rulings: list[Ruling], pos: float, start: float, end: float) -> bool:
    """True when rulings at `pos` cover most of the interval [start, end].

    `rulings` are `_near(…, pos)`: those at `pos` already."""
    length = end - start
    if length <= 0:
        return True
    if len(rulings) == 1:  # the usual case: one ruling at the grid line (the same sum as below, without sorting)
        ruling = rulings[0]
        s, e = max(ruling.start, start), min(ruling.end, end)
        return (e - s if e > start else 0.0) >= COVERED * length
    covered = 0.0
    spans = sorted((max(r.start, start), min(r.end, end)) for r in rulings)
    reach = start
    for s, e in spans:
        if e <= reach:
            continue
        covered += e - max(s, reach)
        reach = e
    return covered >= COVERED * length
