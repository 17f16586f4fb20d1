"""Mutation test of the 决算 example: change any figure of the compiled 决算 and `check` reports something new.

The built-in 决算 example (examples/foshan-rail-2019-final, which reproduces the published
佛山市轨道交通局 2019 年部门决算) is compiled and checked in-process; the baseline has no
error.  Then each figure is changed at that one place, its units digit raised by one as the budget's
test does (`1668.14` → `1669.14`, `0.00` → `1.00`, `4.57%` → `5.57%`, `13` → `14`; a 9 becomes 8 so
that no digit carries), and the Disclosure is checked again:

- every amount of the nine tables (each cell that holds a value);
- every figure of the narrative (amounts, percentages, counts, scores; not years).

As in the budget's test (test_reference_mutations.py), a mutation is detected when an error or
warning appears at a place (code, severity, table, row, column, section, line) where the
unmutated 决算 has none.  A figure is checkable when it takes part in some identity; the ones
that take part in none are listed below with the reason, and at least 95 % of the others must be
detected.  The undetected ones are printed.

With YUSUAN_MUTATION_STEP=last the last printed digit is changed instead (`1668.14` → `1668.15`): a
change of 0.01 万元 is inside the rounding tolerance of any sum of two or more rounded figures, so most
such changes are rightly reported as info only; that figure is printed, not asserted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

from yusuan.check import run_checks
from yusuan.check.finding import Finding, Severity
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure
from yusuan.model.disclosure import Cell, Paragraph, Section

# `units` (the budget's test's change: 1668.14 → 1669.14) or `last` (1668.14 → 1668.15, inside the
# rounding tolerance of every sum of two or more rounded figures: measured, not asserted).
STEP = os.environ.get("YUSUAN_MUTATION_STEP", "units")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "foshan-rail-2019-final" / "final.yaml"

Place = tuple[object, ...]


def _place(f: Finding) -> Place:
    loc = f.location
    return (f.code, f.severity, loc.table, loc.row, loc.column, loc.section, loc.line)


def bump(value: Decimal) -> Decimal:
    """The figure with its changed digit one more (a 9 becomes 8: no carry)."""
    exponent = 0 if STEP == "units" else int(value.as_tuple().exponent)
    unit = Decimal(1).scaleb(exponent)
    digit = int(abs(value) // unit % 10)
    return value - unit if digit == 9 else value + unit


def _bump_printed(printed: str) -> str:
    changed = bump(Decimal(printed))
    return f"{changed:.{len(printed.partition('.')[2])}f}"


@cache
def compiled() -> Disclosure:
    return compile_budget(load_budget(EXAMPLE))


def _new_alarms(disclosure: Disclosure, baseline: set[Place]) -> list[Finding]:
    return [f for f in run_checks(disclosure).findings if f.severity is not Severity.INFO and _place(f) not in baseline]


def table_cells(disclosure: Disclosure) -> Iterator[tuple[str, dict[str, Cell], str]]:
    for table in disclosure.tables:
        for row in table.rows:
            for key, cell in row.cells.items():
                if cell.value is not None:
                    side = f"{row.side.value}:" if row.side else ""
                    yield f"表{table.number} {side}{row.key} {key}", row.cells, key


# A figure of the narrative: digits (with a decimal part), not part of a year (2019年, 2019年度,
# 2018年决算数), a date (12月31日) or an ordinal (1、).
_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _is_figure(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 1]
    if after in {"年", "月", "日", "、"}:
        return False
    return not (len(match.group()) == 4 and after == "")


def _sections(sections: list[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _sections(section.subsections)


def narrative_figures(disclosure: Disclosure) -> Iterator[tuple[str, list[Paragraph], int, re.Match[str]]]:
    for section in _sections(disclosure.narrative):
        for index, paragraph in enumerate(section.paragraphs):
            for match in _FIGURE.finditer(paragraph.text):
                if _is_figure(paragraph.text, match):
                    yield f"{section.key}¶{index + 1}@{match.start()}", section.paragraphs, index, match


def test_baseline_has_no_error() -> None:
    report = run_checks(compiled())
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_every_checkable_figure_is_detected() -> None:
    disclosure = compiled().model_copy(deep=True)
    baseline = {_place(f) for f in run_checks(disclosure).findings}
    missed: list[str] = []
    total = exempt = 0
    for where, cells, key in list(table_cells(disclosure)):
        total += 1
        original = cells[key]
        assert original.value is not None
        if where in UNCHECKABLE:
            exempt += 1
            continue
        cells[key] = original.model_copy(update={"value": bump(original.value)})
        try:
            if not _new_alarms(disclosure, baseline):
                missed.append(f"{where} {original.value}")
        finally:
            cells[key] = original
    for where, paragraphs, index, match in list(narrative_figures(disclosure)):
        total += 1
        if where in UNCHECKABLE:
            exempt += 1
            continue
        original_paragraph = paragraphs[index]
        text = original_paragraph.text
        changed = text[: match.start()] + _bump_printed(match.group()) + text[match.end() :]
        paragraphs[index] = original_paragraph.model_copy(update={"text": changed})
        try:
            if not _new_alarms(disclosure, baseline):
                missed.append(f"{where} {match.group()}")
        finally:
            paragraphs[index] = original_paragraph
    checkable = total - exempt
    detected = checkable - len(missed)
    print(
        f"\n决算 mutation detection: {detected}/{checkable} checkable figures "
        f"({total} in all, {exempt} take part in no identity)"
    )
    for line in missed:
        print("  undetected:", line)
    if STEP == "units":
        assert detected >= Decimal("0.95") * checkable


# Figures of the narrative (section¶paragraph@offset): why no identity can catch a change to them.
UNCHECKABLE: dict[str, str] = {
    "performance¶2@20": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@39": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@58": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@77": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@100": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@126": "a project's 绩效自评得分 is stated once and sums into nothing",
    "performance¶2@146": "a project's 绩效自评得分 is stated once and sums into nothing",
    "three_public¶5@38": "公务接待 1 批次 is bounded only by its 13 人次 (1 → 2 still holds)",
    "three_public¶5@42": "公务接待 13 人次 is bounded only by its 1 批次 (13 → 14 still holds)",
    "assets¶1@88": "the 50 万元 equipment threshold is a definition, not a figure",
    "assets¶1@106": "the 100 万元 equipment threshold is a definition, not a figure",
    "assets¶1@98": "通用设备 over 50 万元 is stated once; 专用设备 over 100 万元 is another class, no bound",
    "assets¶1@117": "专用设备 over 100 万元 is stated once; 通用设备 over 50 万元 is another class, no bound",
}
