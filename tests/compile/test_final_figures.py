"""Every table figure of a published 决算 is reproduced when the built-in 决算 example is compiled.

The source of truth is the published document's text (佛山市轨道交通局 2019 年部门决算,
tests/fixtures/final-accounts/foshan-rail-2019-final.txt); each of its table figures is listed,
with its line, in foshan-rail-2019-figures.csv, and each is checked against that line first, so
the list cannot drift from the document.  A figure printed 0.00 in a row the compiled table does
not print (a code of an empty table) counts as reproduced: the layout leaves such rows out.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure, Side, TableKind
from yusuan.model.final_accounts import FinalAccounts, LastYearOutturn

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "foshan-rail-2019-final" / "final.yaml"
SOURCE = FIXTURES / "final-accounts" / "foshan-rail-2019-final.txt"
FIGURES = list(csv.DictReader((FIXTURES / "final-accounts" / "foshan-rail-2019-figures.csv").open(encoding="utf-8")))


@cache
def compiled() -> Disclosure:
    return compile_budget(load_budget(EXAMPLE))


def test_every_table_of_the_original_is_listed() -> None:
    assert {f["table"] for f in FIGURES} == {
        "income_expenditure_summary",
        "income_summary",
        "expenditure_summary",
        "fiscal_summary",
        "general_budget_expenditure",
        "general_budget_basic",
        "three_public",
        "government_fund_expenditure",
    }
    assert len(FIGURES) > 500


def test_figures_are_on_their_lines_of_the_original() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    for figure in FIGURES:
        assert figure["value"] in lines[int(figure["line"]) - 1], figure


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"L{f['line']}-{f['table']}-{f['row_key']}-{f['column_key']}")
def test_table_figure(figure: dict[str, str]) -> None:
    table = compiled().table(TableKind(figure["table"]))
    assert table is not None
    row = table.row(figure["row_key"], Side(figure["side"]) if figure["side"] else None)
    expected = Decimal(figure["value"])
    if row is None:
        assert expected == 0, f"row {figure['row_key']} missing: {figure['text']}"
        return
    assert row.amount(figure["column_key"]) == expected, figure["text"]


@pytest.mark.parametrize(
    ("section", "figures"),
    [
        ("overview", ["1668.14"]),
        ("income", ["1668.14", "0.01"]),
        ("expenditure", ["1668.14", "746.39", "921.75"]),
        ("fiscal", ["1668.14"]),
        ("general_budget_basic", ["746.39", "649.20", "97.19"]),
        ("three_public", ["0.16"]),
        ("other", ["97.19"]),
    ],
)
def test_narrative_states_the_original_figures(section: str, figures: list[str]) -> None:
    found = compiled().section(section)
    assert found is not None
    for figure in figures:
        assert f"{figure}万元" in found.text(), (section, figure)


def test_last_year_figures_are_compared_in_the_printed_unit() -> None:
    """Last year's 决算 is typed in the workbook's unit (元 here) and compared once printed (万元)."""
    facts = load_budget(EXAMPLE)
    assert isinstance(facts, FinalAccounts)
    last = LastYearOutturn(
        total=Decimal("15000000"),
        fiscal_total=Decimal("14990000"),
        general_public_budget=Decimal("14990000"),
        running_costs=Decimal("900000"),
    )
    disclosure = compile_budget(facts.model_copy(update={"last_year": last}))
    said = {key: disclosure.section(key) for key in ("overview", "fiscal", "general_budget", "other")}
    assert all(said.values())
    assert "与2018年度相比，增加168.14万元，增长11.21%" in said["overview"].text()  # type: ignore[union-attr]
    assert "与2018年度相比，增加169.14万元，增长11.28%" in said["fiscal"].text()  # type: ignore[union-attr]
    assert "与2018年度相比，增加169.14万元" in said["general_budget"].text()  # type: ignore[union-attr]
    assert "比2018年度增加7.19万元，增长7.99%" in said["other"].text()  # type: ignore[union-attr]
