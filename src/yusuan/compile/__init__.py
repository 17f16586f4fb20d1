"""compile: `Budget` → `Disclosure`, the whole document with every figure computed.

The pipeline in one screen: index the budget's lines, build the eleven
tables, write the narrative, the performance tables, Parts 1 and 4 and the
table of contents.  Every number in the result is derived from the budget;
nothing is typed twice.  Missing facts the narrative needs (a last-year
figure, a code name) raise `InputError` naming the budget field.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.front_matter import contents, glossary, profile
from yusuan.compile.ledger import Ledger
from yusuan.compile.narrative import NarrativeWriter
from yusuan.compile.performance import performance_tables
from yusuan.compile.tables import build_tables
from yusuan.model import Budget, Disclosure, DocumentMeta
from yusuan.model.final_accounts import FinalAccounts


def compile_budget(budget: Budget | FinalAccounts, *, source: str | None = None) -> Disclosure:
    """Compile a budget (or a 决算's facts) into its disclosure."""
    if isinstance(budget, FinalAccounts):
        from yusuan.compile.final import compile_final

        return compile_final(budget, source=source)
    ledger = Ledger(budget)
    tables = build_tables(ledger)
    narrative = NarrativeWriter(ledger).sections()
    return Disclosure(
        meta=DocumentMeta(
            unit=budget.unit.name,
            year=budget.year,
            kind=budget.kind,
            published=budget.published,
            sources=(source,) if source else (),
        ),
        contents=contents(budget, tables, narrative),
        profile=profile(budget),
        tables=tables,
        narrative=narrative,
        performance=performance_tables(ledger),
        glossary=glossary(budget),
        last_year=stated_last_year(budget),
    )


def stated_last_year(budget: Budget) -> dict[str, Decimal]:
    """Last year's figures as the narrative states or implies them (the 三公 total is derived)."""
    figures = {key: comparison.amount for key, comparison in budget.last_year.items()}
    items = [f"three_public.{item}" for item in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")]
    if all(key in figures for key in items):
        figures["three_public.total"] = sum((figures[key] for key in items), Decimal(0))
    return figures


__all__ = ["compile_budget"]
