"""Turn one PDF page into the reader's lines: free text lines, and table rows with tab-separated cells.

The characters come from PyMuPDF (`rawdict`): it clips them to the page box
and honours clip paths, so text hidden below the page or under a clipped
Excel cell never reaches the reader.  Coordinates are mapped through the
page's rotation, so a landscape table stored as a `/Rotate 90` page reads
like any other.  Characters inside a ruled table (`pdf_geometry`) go to the
cell that holds them; one grid row becomes one tab-separated line, a merged
cell's text standing in its top-left position and the rest of its span
empty — the form the text reader already knows — once, even where a page
break splits the cell and the producer prints its text in both parts.  Everything else is grouped
into lines by position, top to bottom, with the tables in their place.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from yusuan.extract.pdf_geometry import Box, Grid, GridCell, find_grids, rulings_from_drawings
from yusuan.extract.pdf_pages import PageMarks, page_marks
from yusuan.extract.pdf_replay import display_list, text_page, text_trace
from yusuan.lazy_pattern import lazy_compile

_NOTE_START = lazy_compile(r"^\s*(?:备\s*注|注|说\s*明)\s*\d?\s*[:：]|^\s*此表为空|^\s*[(（]?\s*(?:本表|此表)")
_PAGE_NUMBER = lazy_compile(
    r"^[\s\-—─–_]*(?:第\s*)?\d{1,3}(?:\s*页)?[\s\-—─–_]*$|^\s*第\s*\d+\s*页\s*(?:共\s*\d+\s*页)?\s*$"
)
MARGIN = 0.08  # top and bottom share of the page where page numbers sit
WIDE_MARGIN = 0.15  # … and where a decorated one (`─ 5 ─`, `- 5 -`, `第5页`) may sit: a bare number needs the edge
_DECORATED_PAGE_NUMBER = lazy_compile(r"^\s*(?:[-—─–]+\s*\d{1,3}\s*[-—─–]+|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)\s*$")
MAX_DRAWINGS = 40000  # more paths than this on one page: no table finding (keeps a hostile page fast)
MAX_CHARS = 60000


RUN_GAP = 1.8  # a gap wider than this many character heights separates two runs of a line
SPACE_GAP = 0.25  # a gap wider than this many character heights (the taller, at least 1) is a space


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of a text line standing apart from its neighbours (a cell of a whitespace-aligned table)."""

    x0: float
    x1: float
    text: str


class Char:
    """One character and its box; `cx`, `cy` and `height` are worked out once (each is read many times).

    A plain slotted class rather than a frozen dataclass: a long document has
    hundreds of thousands of characters, and a frozen dataclass's `__init__`
    costs several times as much (it sets each field through `object.__setattr__`).  `_chars` makes most of
    them without calling `__init__` (the same assignments, written out in its loop): change both.
    """

    __slots__ = ("cx", "cy", "height", "text", "x0", "x1", "y0", "y1")

    def __init__(self, x0: float, y0: float, x1: float, y1: float, text: str) -> None:
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
        self.text = text
        self.cx = (x0 + x1) / 2
        self.cy = (y0 + y1) / 2
        self.height = y1 - y0

    def __repr__(self) -> str:
        return f"Char({self.x0!r}, {self.y0!r}, {self.x1!r}, {self.y1!r}, {self.text!r})"


@dataclass
class PageLine:
    """A line of the page: `cells` has one text for free text, one per grid column for a table row."""

    top: float
    cells: list[str]
    is_row: bool = False
    boxes: list[Box | None] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)  # free text: the pieces a wide gap separates
    height: float = 0.0

    @property
    def text(self) -> str:
        return "\t".join(self.cells) if self.is_row else self.cells[0]


@dataclass
class PageContent:
    number: int
    width: float
    height: float
    lines: list[PageLine]
    char_count: int
    image_count: int = 0
    open_columns: Columns | None = None  # columns of a table that runs on to the next page
    marks: PageMarks | None = None  # what a reviewer sees that the text hides (`pdf_pages`)


def read_page(page: Any, number: int, carried: Columns | None = None) -> PageContent:
    """The lines of a PyMuPDF page (`number` is 1-based); see `layout_lines` for `carried`."""
    return read_page_parts(page, number, carried)[0]


@dataclass
class PageLayout:
    """What a page's lines are laid out from (`layout_lines`): its characters and ruled grids, as plain tuples
    (they pickle fast).  `lay_out_again` lays the page out with other carried columns from them, without
    reading the page again."""

    chars: list[tuple[float, float, float, float, str]]
    grids: list[tuple[list[float], list[float], list[tuple[int, int, int, int, Box]]]]

    @classmethod
    def of(cls, chars: Sequence[Char], grids: Sequence[Grid]) -> PageLayout:
        return cls(
            [(c.x0, c.y0, c.x1, c.y1, c.text) for c in chars],
            [(g.xs, g.ys, [(c.row, c.col, c.row_span, c.col_span, c.box) for c in g.cells]) for g in grids],
        )


def lay_out_again(content: PageContent, layout: PageLayout, carried: Columns | None) -> PageContent:
    """The page `read_page_parts` read as `content` and `layout`, laid out with `carried` instead: what
    `read_page(page, number, carried)` gives (the carried columns change the cells' columns, not the number of
    lines, so the page's marks stay)."""
    chars = [Char(*c) for c in layout.chars]
    grids = [Grid(xs, ys, [GridCell(*cell) for cell in cells]) for xs, ys, cells in layout.grids]
    lines, open_columns = layout_lines(chars, grids, content.height, carried)
    return replace(content, lines=lines, open_columns=open_columns)


def read_page_parts(
    page: Any, number: int, carried: Columns | None = None
) -> tuple[PageContent, list[Char], list[Grid]]:
    """`read_page`, with the characters and grids the lines were laid out from."""
    rect = page.rect
    width: float = rect.width
    height: float = rect.height
    matrix = page.rotation_matrix if page.rotation else None
    listing = display_list(page)  # interpreted once, for the characters and the defects' trace
    chars = _chars(page, matrix, listing)
    drawings = page.get_cdrawings() if len(chars) else []
    grids: list[Grid] = []
    if 0 < len(drawings) <= MAX_DRAWINGS:
        transform = (lambda p: _apply(matrix, p)) if matrix is not None else None
        rulings = rulings_from_drawings(drawings, transform)
        grids = [g for g in find_grids(rulings, (0.0, 0.0, width, height)) if g.n_cols >= 2]
    lines, open_columns = layout_lines(chars, grids, height, carried)
    images = 0 if chars else len(page.get_images(full=False))
    marks = page_marks(page, len(lines), drawings if len(chars) else None, text_trace(page, listing))
    return PageContent(number, width, height, lines, len(chars), images, open_columns, marks), chars, grids


def _apply(matrix: Any, point: Sequence[float]) -> tuple[float, float]:
    a, b, c, d, e, f = tuple(matrix)
    x, y = point[0], point[1]
    return (x * a + y * c + e, x * b + y * d + f)


def _chars(page: Any, matrix: Any, listing: Any | None) -> list[Char]:
    pymupdf: Any = importlib.import_module("pymupdf")
    flags = pymupdf.TEXT_PRESERVE_LIGATURES | pymupdf.TEXT_MEDIABOX_CLIP
    raw = page.get_text("rawdict", flags=flags, textpage=text_page(page, listing, flags))
    chars: list[Char] = []
    append = chars.append
    new = object.__new__
    for block in raw.get("blocks", ()):
        for line in block.get("lines", ()):
            for span in line.get("spans", ()):
                span_chars = span.get("chars", ())
                if matrix is not None or len(chars) + len(span_chars) >= MAX_CHARS:
                    if _add_chars_slowly(span_chars, matrix, chars):
                        return chars
                    continue
                for char in span_chars:  # the usual case, inlined: no rotation, the limit out of reach
                    text = char["c"]
                    if not text.strip() or text == "\ufffd":
                        continue
                    x0, y0, x1, y1 = char["bbox"]
                    made = new(Char)  # `Char(x0, y0, x1, y1, text)`, its `__init__` written out (no call)
                    made.x0 = x0
                    made.y0 = y0
                    made.x1 = x1
                    made.y1 = y1
                    made.text = text
                    made.cx = (x0 + x1) / 2
                    made.cy = (y0 + y1) / 2
                    made.height = y1 - y0
                    append(made)
    return chars


def _add_chars_slowly(span_chars: Sequence[dict[str, Any]], matrix: Any, chars: list[Char]) -> bool:
    """Add a span's characters to `chars`, mapped through `matrix` if any; True once `MAX_CHARS` are there."""
    for char in span_chars:
        text = char["c"]
        if not text.strip() or text == "\ufffd":
            continue
        x0, y0, x1, y1 = char["bbox"]
        if matrix is not None:
            a, b = _apply(matrix, (x0, y0)), _apply(matrix, (x1, y1))
            x0, x1 = min(a[0], b[0]), max(a[0], b[0])
            y0, y1 = min(a[1], b[1]), max(a[1], b[1])
        chars.append(Char(x0, y0, x1, y1, text))
        if len(chars) >= MAX_CHARS:
            return True
    return False


def layout_lines(
    chars: Sequence[Char], grids: Sequence[Grid], page_height: float, carried: Columns | None = None
) -> tuple[list[PageLine], Columns | None]:
    """Free text lines and table rows of one page, top to bottom, and the columns of a table left open at its foot.

    `carried` are the columns of a table that ran to the foot of the previous
    page: a grid that opens this page in the same frame continues it, and its
    cells are put under those columns even where this page's rulings differ.
    """
    in_cell: list[list[list[Char]]] = [[[] for _ in g.cells] for g in grids]
    free: list[Char] = []
    if len(grids) == 1:  # the usual table page: `Grid.cell_at` inlined, for the one grid (once per character)
        left, right, top, bottom, xs, ys, table, cells = _frame(grids[0], in_cell[0])
        keep = free.append
        for char in chars:
            x, y = char.cx, char.cy
            if left <= x <= right and top <= y <= bottom:
                index = table[bisect_right(ys, y)][bisect_right(xs, x)]
                if index is not None:
                    cells[index].append(char)
                    continue
            keep(char)
    elif grids:
        frames = [_frame(g, cells) for g, cells in zip(grids, in_cell, strict=True)]
        for char in chars:
            x, y = char.cx, char.cy
            for left, right, top, bottom, xs, ys, table, cells in frames:
                if left <= x <= right and top <= y <= bottom:
                    index = table[bisect_right(ys, y)][bisect_right(xs, x)]
                    if index is not None:
                        cells[index].append(char)
                        break
            else:
                free.append(char)
    else:
        free = list(chars)
    text_lines = _drop_page_numbers(_free_lines(free), page_height)
    items: list[PageLine] = list(text_lines)
    first_top = min((line.top for line in text_lines), default=page_height)
    open_columns: Columns | None = None
    for grid, cell_chars in zip(grids, in_cell, strict=True):
        continues = carried if grid.ys[0] <= first_top else None
        rows, open_columns = grid_rows(grid, cell_chars, continues)
        items.extend(rows)
    items.sort(key=lambda line: line.top)
    ends_in_table = bool(items) and items[-1].is_row
    return items, open_columns if ends_in_table else None


def _frame(
    grid: Grid, cells: list[list[Char]]
) -> tuple[float, float, float, float, list[float], list[float], list[list[int | None]], list[list[Char]]]:
    """What `layout_lines` needs to put a character in its cell of `grid`: the grid's edges, its lines, the
    lookup table and the cells' character lists.

    `table[bisect_right(ys, y)][bisect_right(xs, x)]` is `Grid.cell_at(x, y)` for a point within the edges:
    the table holds the cell index for each pair of bisection results, the clamping to the first and last row
    and column worked out once per grid instead of once per character.
    """
    index_of = grid.cell_index()
    last_row, last_col = grid.n_rows - 1, grid.n_cols - 1
    rows = [last_row if b - 1 > last_row else (b - 1 if b - 1 > 0 else 0) for b in range(len(grid.ys) + 1)]
    cols = [last_col if b - 1 > last_col else (b - 1 if b - 1 > 0 else 0) for b in range(len(grid.xs) + 1)]
    table = [[index_of.get((row, col)) for col in cols] for row in rows]
    return grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1], grid.xs, grid.ys, table, cells


_BY_CENTRE = attrgetter("cy", "x0")
_BY_LEFT = attrgetter("x0")


def group_lines(chars: Iterable[Char]) -> list[list[Char]]:
    """Characters grouped into text lines (by vertical overlap), each sorted left to right."""
    ordered = sorted(chars, key=_BY_CENTRE)
    lines: list[list[Char]] = []
    line: list[Char] = []
    centre = 0.0
    for char in ordered:
        height = char.height
        if line and abs(char.cy - centre) <= (1.0 if height < 1.0 else height) * 0.45:
            line.append(char)
            continue
        line = [char]
        lines.append(line)
        centre = char.cy
    for line in lines:
        if len(line) > 1:
            line.sort(key=_BY_LEFT)
    return lines


def line_text(line: Sequence[Char]) -> str:
    """A line's text, with a space where a gap shows one."""
    if len(line) == 1:
        return line[0].text
    previous = line[0]
    parts = [previous.text]
    append = parts.append
    for index in range(1, len(line)):
        char = line[index]
        gap = char.x0 - previous.x1
        # a space where the gap is wider than SPACE_GAP of the taller height (at least 1): no gap, no space
        if gap > 0.0:
            # max(char.height, previous.height, 1.0), without the call (the same comparisons, in its order)
            scale = previous.height if previous.height > char.height else char.height
            scale = 1.0 if scale < 1.0 else scale
            if gap > SPACE_GAP * scale:
                append(" ")
        append(char.text)
        previous = char
    return "".join(parts)


def _free_lines(chars: Sequence[Char]) -> list[PageLine]:
    return [_free_line(line) for line in group_lines(chars)]


def _free_line(line: Sequence[Char]) -> PageLine:
    """A free text line with its runs, in one pass over its characters.

    Its text is `line_text(line)`; its runs are the pieces that gaps wider than `RUN_GAP` character heights
    separate, each run's text the `line_text` of its characters (the spacing rule, `SPACE_GAP`, is written out
    here and in `line_text` for speed: change both).
    """
    previous = line[0]
    top = previous.y0
    bottom = previous.y1
    line_parts = [previous.text]
    run_parts = [previous.text]
    run_x0 = previous.x0
    runs: list[Run] = []
    for index in range(1, len(line)):
        char = line[index]
        y0 = char.y0
        top = y0 if y0 < top else top  # min() and max() of the line's edges, without the calls
        y1 = char.y1
        bottom = y1 if y1 > bottom else bottom
        gap = char.x0 - previous.x1
        # max(char.height, previous.height, 1.0), without the call (the same comparisons, in its order)
        scale = previous.height if previous.height > char.height else char.height
        scale = 1.0 if scale < 1.0 else scale
        text = char.text
        space = gap > 0.0 and gap > SPACE_GAP * scale
        if gap <= RUN_GAP * scale:
            if space:
                run_parts.append(" ")
            run_parts.append(text)
        else:
            runs.append(Run(run_x0, previous.x1, "".join(run_parts)))
            run_parts = [text]
            run_x0 = char.x0
        if space:
            line_parts.append(" ")
        line_parts.append(text)
        previous = char
    runs.append(Run(run_x0, previous.x1, "".join(run_parts)))
    return PageLine(top, ["".join(line_parts)], runs=runs, height=bottom - top)


def cell_text(chars: Sequence[Char]) -> str:
    """A cell's text: its lines joined as one (wrapped labels and amounts come back whole)."""
    if not chars:
        return ""
    if len(chars) == 1:
        return chars[0].text.strip()
    if _in_order_on_one_line(chars):  # most cells: what `group_lines` would give, without its sorts
        return line_text(chars).strip()
    return text_by_lines(chars)


def text_by_lines(chars: Sequence[Char]) -> str:
    """`cell_text` of several characters, read line by line (`group_lines`): the general way, no shortcut."""
    text = ""
    for line in group_lines(chars):
        piece = line_text(line).strip()
        if text and text[-1].isascii() and text[-1].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
            text += " " + piece
        else:
            text += piece
    return text


def _in_order_on_one_line(chars: Sequence[Char]) -> bool:
    """Whether `group_lines(chars)` is `[list(chars)]` because the characters share one finite centre height and
    stand left to right already (a number printed as one span): its sorts keep them in order, and each is 0 from
    the line's centre, within its reach."""
    first = chars[0]
    cy, x0 = first.cy, first.x0
    if cy - cy != 0.0:  # not finite
        return False
    for index in range(1, len(chars)):
        char = chars[index]
        if char.cy != cy or not x0 <= char.x0:
            return False
        x0 = char.x0
    return True


def column_groups(grid: Grid, texts: Sequence[str]) -> list[list[int]]:
    """Grid columns that make one table column.

    Word draws a header cell and the body cells below it with slightly
    different rulings, which leaves a sliver column that only some rows use:
    `功能科目代码` spans grid columns 0–1 while the body's names start in
    column 1 and span 1–2.  A grid column joins the table column before it
    when a cell that starts in that table column spans into it and no row has
    its own text in each of them.  A group heading spanning many columns
    (`科目` over code and name, `国有资本经营预算支出` over the amounts) joins
    nothing: it does not start in the column before.
    """
    own: set[tuple[int, int]] = {(cell.row, cell.col) for cell, text in zip(grid.cells, texts, strict=True) if text}
    own_rows: dict[int, set[int]] = {}  # column → the rows where a cell starting there has text
    for r, c in own:
        own_rows.setdefault(c, set()).add(r)
    reach: dict[int, int] = {}  # column → the furthest column a cell starting there spans to (exclusive)
    for cell in grid.cells:
        col = cell.col
        end, known = col + cell.col_span, reach.get(col, 0)
        reach[col] = end if end > known else known  # max(known, end), without the call
    groups: list[list[int]] = [[0]]
    for col in range(1, grid.n_cols):
        spanned = any(reach.get(c, 0) > col for c in groups[-1])
        mine = own_rows.get(col, set())
        joined = spanned and not any(r in mine for c in groups[-1] for r in own_rows.get(c, ()))
        if joined:
            groups[-1].append(col)
        else:
            groups.append([col])
    return groups


@dataclass(frozen=True)
class Columns:
    """A table's column left edges, carried to the next page for a table that runs on.

    `foot` holds, per column, the text of the cell standing at the table's
    foot and whether that cell is merged over several rows ("" where none):
    what the next page's first row may print again.
    """

    lefts: tuple[float, ...]
    right: float
    foot: tuple[tuple[str, bool], ...] = ()


def grid_rows(
    grid: Grid, cell_chars: Sequence[Sequence[Char]], carried: Columns | None = None
) -> tuple[list[PageLine], Columns]:
    """One line per grid row; columns taken from `carried` when this grid continues a table.

    A merged cell that runs on from the foot of the previous page is printed
    again, vertically centred, in its part on this page (Excel repeats it on
    each page).  It is one cell, so its text stands once, where it starts: the
    copy in this page's first row is left out when it repeats the carried
    foot's text in that column and either part spans several rows (a single-
    row cell repeating its neighbour, `政府集中采购` under `政府集中采购`, is
    kept).
    """
    texts = [cell_text(chars) if chars else "" for chars in cell_chars]  # most cells are empty
    groups = column_groups(grid, texts)
    column_of = {col: n for n, group in enumerate(groups) for col in group}
    own = Columns(tuple(grid.xs[group[0]] for group in groups), grid.xs[-1])
    columns = own
    if carried is not None and _same_frame(own, carried):
        columns = carried
    width = len(columns.lefts)

    nearest: dict[float, int] = {}  # a cell's left edge → the carried column nearest to it, worked out once

    def position_of(cell: GridCell) -> int:
        if columns is own:
            return column_of[cell.col]
        left = cell.box[0]
        position = nearest.get(left)
        if position is None:
            lefts = columns.lefts
            position = nearest[left] = min(range(width), key=lambda n: abs(lefts[n] - left))
        return position

    repeated = _continued_cells(grid, texts, position_of, carried) if columns is carried else set()
    grid_cells = grid.cells
    n_rows, n_cols = grid.n_rows, grid.n_cols
    positions = [column_of[cell.col] for cell in grid_cells] if columns is own else list(map(position_of, grid_cells))
    by_row: list[list[int]] = [[] for _ in range(n_rows)]  # indexes into `grid.cells`, per top row
    for index, cell in enumerate(grid_cells):
        if 0 <= cell.row < n_rows:
            by_row[cell.row].append(index)
    rows: list[PageLine] = []
    for r in range(n_rows):
        cells = [""] * width
        boxes: list[Box | None] = [None] * width
        for index in by_row[r]:
            cell = grid_cells[index]
            position = positions[index]
            if index in repeated:
                boxes[position] = boxes[position] or cell.box
                continue
            if texts[index] and cells[position]:
                cells[position] = f"{cells[position]} {texts[index]}"
            elif texts[index] or boxes[position] is None:
                cells[position] = cells[position] or texts[index]
                boxes[position] = cell.box
        filled = [i for i, text in enumerate(cells) if text]
        if len(filled) == 1 and (
            _NOTE_START.match(cells[filled[0]])
            or (r in (0, 1) and width > 1 and any(grid_cells[i].col_span == n_cols for i in by_row[r]))
        ):
            rows.append(PageLine(grid.ys[r], [cells[filled[0]]]))  # a note, or a title typed inside the frame
            continue
        rows.append(PageLine(grid.ys[r], cells, is_row=True, boxes=boxes))
    return rows, Columns(columns.lefts, columns.right, _foot(grid, texts, position_of, width))


def _foot(
    grid: Grid, texts: Sequence[str], position_of: Callable[[GridCell], int], width: int
) -> tuple[tuple[str, bool], ...]:
    """Per column, the text of the cell at the grid's foot (as printed) and whether it spans several rows."""
    foot = [("", False)] * width
    n_rows = grid.n_rows
    for cell, text in zip(grid.cells, texts, strict=True):
        if text and cell.row + cell.row_span == n_rows:
            foot[position_of(cell)] = (text, cell.row_span > 1)
    return tuple(foot)


def _continued_cells(
    grid: Grid, texts: Sequence[str], position_of: Callable[[GridCell], int], carried: Columns | None
) -> set[int]:
    """Cells of the first row that continue a merged cell from the foot of the last page (their text repeated).

    Read left to right: once a cell of the row says something new (a new 专项 on the left), the cells to
    its right start new groups too, even when one repeats the text above it (its 经济科目 can be the same).
    """
    if carried is None or not carried.foot:
        return set()
    repeated: set[int] = set()
    pairs = enumerate(zip(grid.cells, texts, strict=True))
    first_row = sorted(((position_of(cell), index, cell, text) for index, (cell, text) in pairs), key=lambda c: c[0])
    for position, index, cell, text in first_row:
        if cell.row != 0 or not text:
            continue
        if position >= len(carried.foot):
            break
        foot_text, foot_merged = carried.foot[position]
        if text != foot_text or not (foot_merged or cell.row_span > 1):
            break  # something new: no cell further right continues the last page
        repeated.add(index)
    return repeated


def _same_frame(a: Columns, b: Columns) -> bool:
    return abs(a.lefts[0] - b.lefts[0]) <= 3.0 and abs(a.right - b.right) <= 3.0


def _drop_page_numbers(lines: list[PageLine], page_height: float) -> list[PageLine]:
    kept = []
    for line in lines:
        if not line.is_row and _is_page_number(line, page_height):
            continue
        kept.append(line)
    return kept


def _is_page_number(line: PageLine, page_height: float) -> bool:
    def in_band(share: float) -> bool:
        return line.top < page_height * share or line.top > page_height * (1 - share) - 12

    if _DECORATED_PAGE_NUMBER.match(line.text):
        return in_band(WIDE_MARGIN)
    return in_band(MARGIN) and bool(_PAGE_NUMBER.match(line.text))
