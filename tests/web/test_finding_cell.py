"""A finding resolved to the cell it names on a document's page: in a two-sided table, the side that prints it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from yusuan.web.views import document_view


def _cell(row: int, side: str, key: str, label: str, column: str, amount: str) -> dict[str, Any]:
    return {
        "row_index": row, "row_key": key, "code": None, "label": label, "side": side,
        "column_key": column, "amount": Decimal(amount),
    }  # fmt: skip


def _finding(column: str) -> dict[str, Any]:
    return {
        "finding_index": 0, "severity": "error", "message": "…", "code": "total-row-sum", "is_notice": False,
        "table_number": "04", "table_kind": "fiscal_summary", "section": None, "row_key": "total",
        "column_key": column, "page": 35,
    }  # fmt: skip


def test_a_total_of_a_two_sided_table_is_found_on_the_side_that_prints_it() -> None:
    # Zhejiang's 财政拨款收支总表: 收入总计 in the income side's 预算数, 支出总计 in the expenditure side's 合计
    table = {
        "table_index": 3, "number": "04", "kind": "fiscal_summary", "title": "财政拨款收支预算总表",
        "money_unit": "万元", "page": 33, "doubt": None,
        "cells": [
            _cell(68, "income", "total", "收入总计", "amount", "38191.21"),
            _cell(69, "expenditure", "total", "支出总计", "total", "38191.21"),
        ],
    }  # fmt: skip
    for column, label in (("total", "支出总计"), ("amount", "收入总计")):
        view = document_view([table], [_finding(column)])
        finding = view["findings"][0]
        assert finding["place"] == f"表04 {label} {'合计' if column == 'total' else '预算数'} 第35页"
        flagged = [c for r in view["tables"][0]["rows"] for c in r["cells"] if c["flags"]]
        assert [c["text"] for c in flagged] == ["38,191.21"]  # not the other side's empty cell
        assert finding["anchor"] == flagged[0]["anchor"]
