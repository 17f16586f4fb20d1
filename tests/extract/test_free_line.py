"""A free line's text and runs, made in one pass, follow the spacing and run rules `line_text` states."""

from __future__ import annotations

from yusuan.extract.pdf_page import RUN_GAP, SPACE_GAP, Char, _free_line, line_text


def _line(*pieces: tuple[float, str]) -> list[Char]:
    """Characters 10 wide and 10 high at the given left edges."""
    return [Char(x, 0.0, x + 10.0, 10.0, text) for x, text in pieces]


def test_text_is_line_text_and_runs_split_at_wide_gaps() -> None:
    narrow = 10.0 * SPACE_GAP / 2  # no space
    spaced = 10.0 * (SPACE_GAP + RUN_GAP) / 2  # a space, same run
    wide = 10.0 * RUN_GAP + 1.0  # a new run
    line = _line((0.0, "合"), (10.0 + narrow, "计"), (20.0 + narrow + spaced, "1"), (80.0 + wide, "2"))
    made = _free_line(line)
    assert made.text == line_text(line) == "合计 1 2"
    assert [run.text for run in made.runs] == ["合计 1", "2"]
    assert [run.text for run in made.runs] == [line_text(line[:3]), line_text(line[3:])]
    assert (made.runs[0].x0, made.runs[1].x1) == (0.0, 90.0 + wide)


def test_a_single_character() -> None:
    made = _free_line(_line((5.0, "表")))
    assert made.text == "表" and [(r.x0, r.x1, r.text) for r in made.runs] == [(5.0, 15.0, "表")]
