"""Ruled tables from drawings: rulings merged, grids cut, merged cells kept whole."""

from __future__ import annotations

from typing import Any

from yusuan.extract.pdf_geometry import Ruling, find_grids, merge_rulings, rulings_from_drawings
from yusuan.extract.pdf_page import Char, layout_lines


def _lines(*segments: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    return [{"type": "s", "color": (0, 0, 0), "items": [("l", (x0, y0), (x1, y1))]} for x0, y0, x1, y1 in segments]


def _grid_drawings() -> list[dict[str, Any]]:
    """3 columns × 3 rows; the top row is one cell across columns 2–3 (a group heading)."""
    horizontal = [(0, y, 300, y) for y in (0, 20, 40, 60)]
    vertical = [(0, 0, 0, 60), (100, 0, 100, 60), (200, 20, 200, 60), (300, 0, 300, 60)]
    return _lines(*horizontal, *vertical)


def test_merged_header_cell_is_one_cell() -> None:
    (grid,) = find_grids(rulings_from_drawings(_grid_drawings()))
    assert (grid.n_rows, grid.n_cols) == (3, 3)
    top = [c for c in grid.cells if c.row == 0]
    assert [(c.col, c.col_span) for c in top] == [(0, 1), (1, 2)]


def test_white_fills_and_thick_shapes_are_not_rulings() -> None:
    white = {"type": "f", "fill": (1, 1, 1), "items": [("re", (0, 0, 300, 1))]}
    shading = {"type": "f", "fill": (0.2, 0.2, 0.2), "items": [("re", (0, 0, 300, 30))]}
    thin = {"type": "f", "fill": (0, 0, 0), "items": [("re", (0, 10, 300, 10.8))]}
    assert rulings_from_drawings([white, shading]) == []
    assert rulings_from_drawings([thin]) == [Ruling(True, 10.4, 0, 300)]


def test_mosaic_of_pieces_is_one_ruling() -> None:
    pieces = [Ruling(True, 10.0 + (i % 2) * 0.3, i * 10.0, i * 10.0 + 9.0) for i in range(30)]
    assert len(merge_rulings(pieces)) == 1


def test_table_without_outer_verticals_still_has_its_edge_columns() -> None:
    drawings = _lines(*[(0, y, 300, y) for y in (0, 20, 40)], (100, 0, 100, 40), (200, 0, 200, 40))
    (grid,) = find_grids(rulings_from_drawings(drawings))
    assert grid.n_cols == 3 and grid.xs[0] == 0 and grid.xs[-1] == 300


def test_cells_become_tab_separated_rows_and_notes_stay_text() -> None:
    (grid,) = find_grids(rulings_from_drawings(_grid_drawings()))

    def word(x: float, y: float, text: str) -> list[Char]:
        return [Char(x + 8 * n, y, x + 8 * n + 8, y + 10, ch) for n, ch in enumerate(text)]

    chars = [*word(10, 25, "项目"), *word(150, 5, "预算数"), *word(110, 25, "合计"), *word(210, 25, "基本"),
             *word(10, 45, "合计"), *word(110, 45, "5.00"), *word(10, 80, "注：无")]  # fmt: skip
    lines, open_columns = layout_lines(chars, [grid], 800)
    assert [line.text for line in lines] == ["\t预算数\t", "项目\t合计\t基本", "合计\t5.00\t", "注：无"]
    assert open_columns is None  # the page ends with a note, not inside the table


def _word(x: float, y: float, text: str) -> list[Char]:
    return [Char(x + 8 * n, y, x + 8 * n + 8, y + 10, ch) for n, ch in enumerate(text)]


def _merged_column_grid(rows: int) -> list[dict[str, Any]]:
    """4 columns (专项 | 物品 | 形式 | 金额) × `rows` rows of 20 pt; the first column's last two rows are one cell."""
    height = 20 * rows
    horizontal = [(0, y, 300, y) for y in range(0, height + 1, 20) if y != height - 20]
    vertical = [(x, 0, x, height) for x in (0, 75, 150, 225, 300)]
    return _lines(*horizontal, (75, height - 20, 300, height - 20), *vertical)


def test_a_merged_cell_continued_on_the_next_page_is_read_once() -> None:
    """Excel prints a merged cell split by a page break in both parts; its text stands once, where it starts."""
    (foot,) = find_grids(rulings_from_drawings(_merged_column_grid(3)))
    first_page = [*_word(2, 5, "合计"), *_word(230, 5, "9.00"), *_word(2, 35, "专项甲"), *_word(230, 25, "9.00"),
                  *_word(80, 45, "电脑"), *_word(155, 45, "集中"), *_word(230, 45, "4.00")]  # fmt: skip
    lines, carried = layout_lines(first_page, [foot], 800)
    assert [line.text for line in lines] == ["合计\t\t\t9.00", "专项甲\t\t\t9.00", "\t电脑\t集中\t4.00"]
    assert carried is not None
    (head,) = find_grids(rulings_from_drawings(_merged_column_grid(2)))
    # the page opens inside 专项甲 (printed again, centred) and with its own 集中 repeating the one above
    second_page = [*_word(2, 15, "专项甲"), *_word(80, 5, "路由器"), *_word(155, 5, "集中"), *_word(230, 5, "3.00"),
                   *_word(80, 25, "交换机"), *_word(155, 25, "集中"), *_word(230, 25, "2.00")]  # fmt: skip
    lines, _ = layout_lines(second_page, [head], 800, carried)
    assert [line.text for line in lines] == ["\t路由器\t集中\t3.00", "\t交换机\t集中\t2.00"]


def test_a_new_group_on_the_next_page_keeps_a_label_that_repeats_the_one_above() -> None:
    """Review finding: page 2 opens a new 专项 whose 经济科目 is the same words as the merged one at the
    foot of page 1 — a cell of its own, read left to right after something new, so it is kept."""
    from yusuan.extract.pdf_geometry import Grid, GridCell
    from yusuan.extract.pdf_page import Char, grid_rows

    def chars(text: str, x: float, y: float) -> list[Char]:
        return [Char(x + 10 * i, y, x + 10 * i + 9, y + 9, ch) for i, ch in enumerate(text)]

    xs = [0.0, 100.0, 200.0, 300.0]  # 专项名称 | 经济科目 | 金额
    merged = [GridCell(0, 0, 2, 1, (0, 0, 100, 40)), GridCell(0, 1, 2, 1, (100, 0, 200, 40))]
    amounts = [GridCell(0, 2, 1, 1, (200, 0, 300, 20)), GridCell(1, 2, 1, 1, (200, 20, 300, 40))]
    page1 = Grid(xs, [0.0, 20.0, 40.0], merged + amounts)
    texts1 = [chars("项目A", 2, 5), chars("办公设备购置", 102, 15), chars("5.00", 202, 5), chars("5.00", 202, 25)]
    _rows, carried = grid_rows(page1, texts1)
    own = [GridCell(0, 0, 1, 1, (0, 0, 100, 20)), GridCell(0, 1, 1, 1, (100, 0, 200, 20))]
    page2 = Grid(xs, [0.0, 20.0], [*own, GridCell(0, 2, 1, 1, (200, 0, 300, 20))])
    texts2 = [chars("项目B", 2, 5), chars("办公设备购置", 102, 5), chars("3.00", 202, 5)]
    rows, _ = grid_rows(page2, texts2, carried)
    assert [row.cells for row in rows] == [["项目B", "办公设备购置", "3.00"]]
