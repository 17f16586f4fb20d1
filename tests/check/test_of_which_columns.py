"""Of-which columns (其中：政府采购…, declared in the vocabulary): read as columns of their own, never an
addend of a column identity that sums "every other column"."""

from __future__ import annotations

from decimal import Decimal

from tests.check.factory import K, base, findings, map_tables
from yusuan.model import Cell, Column, Table
from yusuan.model.vocabulary import vocabulary

PROCUREMENT = ("procurement", "procurement.sme", "procurement.small_micro")


def _with_procurement(table: Table) -> Table:
    """Table 3 with 深圳's procurement columns: each row's procurement is a share of its project spending."""
    columns = [*table.columns, *(Column(key=k, label=k, group=("2026年政府采购项目",)) for k in PROCUREMENT)]
    rows = []
    for row in table.rows:
        share = row.amount("project")
        cells = dict(row.cells) | {
            "procurement": Cell(value=share),
            "procurement.sme": Cell(value=share),
            "procurement.small_micro": Cell(value=Decimal("0.00")),
        }
        rows.append(row.model_copy(update={"cells": cells}))
    return table.model_copy(update={"columns": columns, "rows": rows})


def test_the_vocabulary_declares_the_procurement_columns_of_which() -> None:
    for key in PROCUREMENT:
        assert vocabulary().is_of_which(K.EXPENDITURE_SUMMARY, key)
    assert not vocabulary().is_of_which(K.EXPENDITURE_SUMMARY, "project")
    assert not vocabulary().is_of_which(K.INCOME_SUMMARY, "procurement")


def test_of_which_columns_are_no_addend_of_the_total_column() -> None:
    d = map_tables(base(), K.EXPENDITURE_SUMMARY, _with_procurement)
    assert findings(d, "expenditure-columns") == []


def test_a_real_addend_beside_of_which_columns_still_counts() -> None:
    def with_remit(table: Table) -> Table:
        table = _with_procurement(table)
        rows = [
            r.model_copy(update={"cells": dict(r.cells) | {"remit_superior": Cell(value=Decimal("1.00"))}})
            if r.key == "208"
            else r
            for r in table.rows
        ]
        return table.model_copy(update={"columns": [*table.columns, Column(key="remit_superior", label="上缴上级支出")],
                                        "rows": rows})  # fmt: skip

    d = map_tables(base(), K.EXPENDITURE_SUMMARY, with_remit)
    found = findings(d, "expenditure-columns")
    assert [f.location.row for f in found] == ["208"]
