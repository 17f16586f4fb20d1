"""The page reader's written-out fast paths give what the general code they stand in for gives (edge values too)."""

from __future__ import annotations

import math
import random
from bisect import bisect_right

from yusuan.extract.pdf_geometry import (
    COVERED,
    Ruling,
    _corners_box,
    _covered,
    _uncovered,
    find_grids,
    rulings_from_drawings,
)
from yusuan.extract.pdf_page import Char, _frame, _in_order_on_one_line, cell_text, group_lines, text_by_lines

_EDGE_VALUES = [0.0, -0.0, 1.0, 1e308, -1e308, math.inf, -math.inf, math.nan]


def _random_chars(rng: random.Random) -> list[Char]:
    chars = []
    y0, y1 = rng.choice([(10.0, 20.0), (-0.0, 0.0), (0.0, -0.0), (10.0, 10.5)])
    x = 0.0
    for _ in range(rng.randint(2, 6)):
        if rng.random() < 0.2:
            y0, y1 = rng.choice([(10.0, 20.0), (11.0, 19.0), (30.0, 40.0), (rng.choice(_EDGE_VALUES), 20.0)])
        x += rng.choice([0.0, 3.0, 6.0, -2.0, 30.0])
        x0 = rng.choice([x, x, x, math.nan])
        chars.append(Char(x0, y0, x0 + 5.0, y1, rng.choice("12.,ab")))
    return chars


def test_a_cell_in_order_on_one_line_reads_as_its_lines_do() -> None:
    rng = random.Random(7)
    taken = 0
    for _ in range(3000):
        chars = _random_chars(rng)
        if _in_order_on_one_line(chars):
            taken += 1
            assert group_lines(chars) == [chars]
        assert cell_text(chars) == text_by_lines(chars)
    assert taken > 100


def test_the_cell_table_finds_what_cell_at_finds() -> None:
    verticals = [Ruling(False, x, 0.0, 60.0) for x in (0.0, 100.0, 300.0)] + [Ruling(False, 200.0, 20.0, 60.0)]
    horizontals = [Ruling(True, y, 0.0, 300.0) for y in (0.0, 20.0, 40.0, 60.0)]
    (grid,) = find_grids(verticals + horizontals)
    left, right, top, bottom, xs, ys, table, _ = _frame(grid, [[] for _ in grid.cells])
    points = [0.0, 10.0, 20.0, 40.0, 60.0, 100.0, 150.0, 200.0, 250.0, 300.0]
    for x in points:
        for y in points[:5]:
            assert left <= x <= right and top <= y <= bottom
            assert table[bisect_right(ys, y)][bisect_right(xs, x)] == grid.cell_at(x, y)


def test_uncovered_intervals_are_those_covered_says() -> None:
    rng = random.Random(11)
    values = [0.0, -0.0, 5.0, 10.0, 10.5, 20.0, 40.0, math.nan, math.inf]
    for _ in range(3000):
        rulings = [Ruling(False, 50.0, rng.choice(values), rng.choice(values)) for _ in range(rng.choice([1, 1, 2, 3]))]
        edges = sorted(rng.choice(values) for _ in range(rng.randint(2, 6)))
        expected = [i for i in range(len(edges) - 1) if not _covered(rulings, 50.0, edges[i], edges[i + 1])]
        assert _uncovered(rulings, edges) == expected
    assert COVERED > 0


def test_a_quadrilateral_box_takes_the_corners_in_order() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        corners = [(rng.choice(_EDGE_VALUES[:3]), rng.choice([*_EDGE_VALUES[:3], math.nan])) for _ in range(8)]
        items = [("l", corners[i], corners[i + 1]) for i in range(0, 8, 2)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        expected = (min(xs), min(ys), max(xs), max(ys))
        assert repr(_corners_box(items, None)) == repr(expected)


def test_paths_read_without_a_transform_as_through_the_identity() -> None:
    """The written-out reading of untransformed paths (segments, quadrilaterals) against the general one."""
    rng = random.Random(5)
    values = [0.0, -0.0, 0.5, 1.0, 2.0, 100.0, 100.5, math.inf, math.nan]

    def point() -> tuple[float, float]:
        return (rng.choice(values), rng.choice(values))

    drawings: list[dict[str, object]] = []
    for _ in range(3000):
        kind = rng.choice(["s", "f", "fs"])
        if rng.random() < 0.5:
            items: list[tuple[object, ...]] = [("l", point(), point()) for _ in range(rng.choice([1, 4, 4, 3]))]
        else:
            items = [("re", (*point(), *point()))]
        drawings.append({"type": kind, "color": (0, 0, 0), "fill": (0, 0, 0), "items": items})
    assert repr(rulings_from_drawings(drawings)) == repr(rulings_from_drawings(drawings, lambda p: p))
