"""Every figure the reference publishes is reproduced when the example is compiled.

The expected figures were transcribed by hand from the reference, each with
its line number (tests/fixtures/reference_figures.csv).  Table cells are
compared cell by cell (row key × column key); narrative figures must appear in
the compiled section they belong to, as often as the reference prints them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import FIXTURES
from yusuan.model import Disclosure, Section, Side

FIGURES = list(csv.DictReader((FIXTURES / "reference_figures.csv").open(encoding="utf-8")))
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> Counter[Decimal]:
    return Counter(Decimal(m.replace(",", "")) for m in NUMBER.findall(text))


def section_text(disclosure: Disclosure, key: str) -> str:
    top, _, sub = key.partition("/")
    section = disclosure.section(top)
    assert section is not None, f"section {top} missing"
    if sub:
        found: Section | None = next((s for s in section.subsections if s.key == sub), None)
        assert found is not None, f"subsection {key} missing"
        return found.text()
    return section.text()


def test_fixture_is_substantial() -> None:
    assert len(FIGURES) > 250
    assert sum(1 for f in FIGURES if f["part"] == "narrative") > 100


@pytest.mark.parametrize(
    "figure", [f for f in FIGURES if f["part"] == "table"], ids=lambda f: f"L{f['line']}-T{f['table']}-{f['row_key']}"
)
def test_table_cell(example_disclosure: Disclosure, figure: dict[str, str]) -> None:
    table = next(t for t in example_disclosure.tables if t.number == figure["table"])
    side = Side(figure["section"]) if figure["section"] in ("income", "expenditure") else None
    row = table.row(figure["row_key"], side)
    assert row is not None, f"row {figure['row_key']} missing from table {table.number}"
    assert row.value(figure["column_key"]) == Decimal(figure["value"]), figure["text"]


def test_narrative_figures(example_disclosure: Disclosure) -> None:
    """Each section states every figure the reference states in it, as many times."""
    expected: dict[str, Counter[Decimal]] = {}
    for f in FIGURES:
        if f["part"] == "narrative":
            expected.setdefault(f["section"], Counter())[Decimal(f["value"])] += 1
    missing = {}
    for key, wanted in expected.items():
        have = numbers_in(section_text(example_disclosure, key))
        lacking = wanted - have
        if lacking:
            missing[key] = dict(lacking)
    assert not missing


@pytest.mark.parametrize("figure", [f for f in FIGURES if f["part"] == "performance"], ids=lambda f: f["line"])
def test_performance_funds(example_disclosure: Disclosure, figure: dict[str, str]) -> None:
    table = next(p for p in example_disclosure.performance if p.name == figure["row_key"])
    assert getattr(table, figure["column_key"]) == Decimal(figure["value"])


def test_profile_counts(example_disclosure: Disclosure) -> None:
    text = example_disclosure.profile.staffing_text + example_disclosure.profile.organisation
    wanted = Counter(Decimal(f["value"]) for f in FIGURES if f["part"] == "profile")
    assert not wanted - numbers_in(text)
