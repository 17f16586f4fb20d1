"""Mutation test: change any figure of the reference and `check` reports something new.

For each of the 281 figures transcribed from the reference (tables, Part 3,
performance funds, staffing), the text is changed at that one place (the
units digit raised by one, printed the same way) and read and checked again.
A mutation is detected when an error or warning appears at a place where the
unmutated reference has none.  The figures that take part in no identity are
listed below with the reason; every other figure must be detected.
Deleting a table, or an empty table's note (and its section's explanation), must be detected too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE_TEXT
from tests.mutation.mutate import Figure, delete_note, delete_table, load_figures, mutate_figure, write
from yusuan.check import run_checks
from yusuan.check.finding import Finding, Report, Severity
from yusuan.extract import read_text_file

LINES = REFERENCE_TEXT.read_text(encoding="utf-8").split("\n")

# (line, value as transcribed): why no identity can catch a change to it.
UNCHECKABLE = {
    (69, "70"): "编制数 is bounded by nothing the document states (在职 59 ≤ 70 still holds at 71)",
    (463, "138.96"): "办公家具 value is stated once and sums into nothing",
    (464, "1342.20"): "其他资产 value is stated once and sums into nothing",
    (466, "50"): "the 50 万元 equipment threshold is a definition, not a figure",
    (466, "100"): "the 100 万元 equipment threshold is a definition, not a figure",
    (468, "50"): "the 50 万元 threshold of planned purchases is a definition",
    (468, "100"): "the 100 万元 threshold of planned purchases is a definition",
    (466, "3"): "equipment over 50 万元: only bound by ≥ the count over 100 万元 (3 → 4 still holds)",
    (466, "2"): "equipment over 100 万元: 2 → 3 still ≤ 3 over 50 万元",
}
# A staffing increase restated in a reason ("人员增加 5 人") is checked against the staffing
# changes; 5 → 6 equals 在职 +5 plus 退休 +1, a reading the rule accepts as total staff.
AMBIGUOUS_REASON_COUNTS = {(314, "5"), (332, "5"), (352, "5"), (373, "5")}


def _place(f: Finding) -> tuple[object, ...]:
    loc = f.location
    return (f.code, f.severity, loc.table, loc.row, loc.column, loc.section, loc.line)


def _check(path: Path) -> Report:
    disclosure, problems = read_text_file(path)
    return run_checks(disclosure, read_problems=problems)


def _new_alarms(report: Report, baseline: set[tuple[object, ...]]) -> list[Finding]:
    return [f for f in report.findings if f.severity is not Severity.INFO and _place(f) not in baseline]


@pytest.fixture(scope="module")
def baseline() -> set[tuple[object, ...]]:
    return {_place(f) for f in _check(REFERENCE_TEXT).findings}


def test_every_checkable_figure_is_detected(tmp_path: Path, baseline: set[tuple[object, ...]]) -> None:
    figures = load_figures()
    missed: list[Figure] = []
    exempt = 0
    for figure in figures:
        key = (figure.line, str(figure.value))
        mutated = mutate_figure(LINES, figure)
        assert mutated is not None, f"figure {key} not found on its line"
        if key in UNCHECKABLE or key in AMBIGUOUS_REASON_COUNTS:
            exempt += 1
            continue
        if not _new_alarms(_check(write(tmp_path, mutated)), baseline):
            missed.append(figure)
    detected = len(figures) - exempt - len(missed)
    print(
        f"\nmutation detection: {detected}/{len(figures) - exempt} checkable figures "
        f"({len(figures)} in all, {exempt} take part in no identity)"
    )
    assert missed == []


@pytest.mark.parametrize("number", ["1", "2", "4", "5", "6", "7", "9", "10", "11"])
def test_deleting_a_table_is_detected(tmp_path: Path, baseline: set[tuple[object, ...]], number: str) -> None:
    report = _check(write(tmp_path, delete_table(LINES, number)))
    assert _new_alarms(report, baseline)


# the Part 3 section of each empty table explains it in the words of its note (`没有使用…的支出`, `无…的支出`):
# 九 explains 表9, 十一 表11; deleting the note alone leaves the table explained
_EXPLANATIONS = {
    "9": "没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表",
    "11": "无上半年结转结余预算的支出，结转结余预算支出情况表为空表",
}


def _without_explanation(lines: list[str], number: str) -> list[str]:
    return [line.replace(_EXPLANATIONS[number], "预算支出为0万元") for line in lines]


@pytest.mark.parametrize("number", ["9", "11"])
def test_deleting_an_empty_tables_note_is_detected(
    tmp_path: Path, baseline: set[tuple[object, ...]], number: str
) -> None:
    report = _check(write(tmp_path, delete_note(_without_explanation(LINES, number), number)))
    assert any(f.code == "empty-table-note" for f in _new_alarms(report, baseline))


@pytest.mark.parametrize("number", ["9", "11"])
def test_an_empty_table_whose_section_explains_it_needs_no_note(
    tmp_path: Path, baseline: set[tuple[object, ...]], number: str
) -> None:
    report = _check(write(tmp_path, delete_note(LINES, number)))
    assert not any(f.code == "empty-table-note" for f in _new_alarms(report, baseline))
