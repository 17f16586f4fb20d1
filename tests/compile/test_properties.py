"""Property: any valid Budget compiles to tables that satisfy every identity of the domain."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.compile.identities import all_identity_errors, narrative_change_errors, narrative_share_errors
from tests.compile.strategies import budgets
from yusuan.compile import compile_budget
from yusuan.model import Budget

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(budgets())
def test_compiled_tables_satisfy_every_identity(budget: Budget) -> None:
    assert all_identity_errors(compile_budget(budget)) == []


@SETTINGS
@given(budgets())
def test_narrative_shares_and_changes_are_consistent(budget: Budget) -> None:
    disclosure = compile_budget(budget)
    assert narrative_share_errors(disclosure) == []
    assert narrative_change_errors(disclosure) == []


def test_the_oracle_can_fail(example_disclosure) -> None:  # type: ignore[no-untyped-def]
    """A broken cell is caught: the identities above are not vacuous."""
    from decimal import Decimal

    from yusuan.model import Cell, TableKind

    t5 = example_disclosure.table(TableKind.GENERAL_BUDGET_EXPENDITURE)
    row = t5.row("2013101")
    broken_row = row.model_copy(update={"cells": {**row.cells, "total": Cell(value=Decimal("1.00"))}})
    broken_t5 = t5.model_copy(update={"rows": [broken_row if r.key == "2013101" else r for r in t5.rows]})
    broken = example_disclosure.model_copy(
        update={
            "tables": [
                broken_t5 if t.kind is TableKind.GENERAL_BUDGET_EXPENDITURE else t for t in example_disclosure.tables
            ]
        }
    )
    assert all_identity_errors(example_disclosure) == []
    assert all_identity_errors(broken)
