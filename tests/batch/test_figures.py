"""The unit page's and 对比's figures from stored cells: a 决算's 决算数 column, and classes over a department's unit
blocks."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.store import open_store
from yusuan.store.figures import _classes_of_table, function_classes, unit_figures


def _store_cells(path: Path, cells: list[tuple[int, str, str | None, str, str | None, str, str, str]]) -> object:
    """A store whose document 1 has one table per kind named in `cells`: (table_index, table kind, side, row key,
    code, label, column key, amount), in 万元."""
    connection = open_store(path)
    kinds = {index: kind for index, kind, *_ in cells}
    for index, kind in kinds.items():
        connection.execute(
            "INSERT INTO tables (document_id, table_index, number, kind, title, money_unit, page)"
            " VALUES (1, ?, ?, ?, ?, '万元', ?)",
            [index, f"{index + 1:02d}", kind, kind, 7],
        )
    for row_index, (index, _, side, row_key, code, label, column, amount) in enumerate(cells):
        connection.execute(
            "INSERT INTO cells (document_id, table_index, row_index, side, row_key, code, label, column_key,"
            " amount, page)"
            " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [index, row_index, side, row_key, code, label, column, Decimal(amount), 7],
        )
    return connection


def test_a_final_accounts_figures_are_read_from_its_final_column(tmp_path: Path) -> None:
    connection = _store_cells(
        tmp_path / "s.duckdb",
        [
            (0, "income_expenditure_summary", "income", "total", None, "收入总计", "final", "22066.59"),
            (0, "income_expenditure_summary", "expenditure", "total", None, "支出总计", "final", "22066.59"),
            (1, "three_public", None, "total", None, "合计", "budget", "50.00"),
            (1, "three_public", None, "total", None, "合计", "final", "46.21"),
        ],
    )
    figures = unit_figures(connection, [1])[1]
    assert {name: figures[name]["amount"] for name in ("income_total", "expenditure_total", "three_public")} == {
        "income_total": Decimal("22066.59"),
        "expenditure_total": Decimal("22066.59"),
        "three_public": Decimal("46.21"),  # the 决算数, not the 预算数 beside it
    }
    assert figures["three_public"]["table_number"] == "02"


def test_classes_of_a_department_printing_each_unit_in_turn_are_summed_over_the_units() -> None:
    rows = [
        (None, "合计", Decimal("300.01"), 9),
        ("208", "社会保障和就业支出", Decimal("100.00"), 9),  # 本级
        ("213", "农林水支出", Decimal("50.00"), 9),
        ("208", "社会保障和就业支出", Decimal("20.00"), 9),  # a unit under it
        ("213", "农林水支出", Decimal("130.00"), 10),
    ]
    assert [(r["code"], r["amount"]) for r in _classes_of_table(rows)] == [
        ("208", Decimal("120.00")),
        ("213", Decimal("180.00")),
    ]


def test_classes_printed_once_or_repeated_without_adding_up_keep_their_first_rows(tmp_path: Path) -> None:
    once = [(None, "合计", Decimal("150"), 9), ("208", "社保", Decimal("100"), 9), ("213", "农林水", Decimal("50"), 9)]
    assert [r["amount"] for r in _classes_of_table(once)] == [Decimal("100"), Decimal("50")]
    twice = [*once, ("208", "社保", Decimal("100"), 12), ("213", "农林水", Decimal("50"), 12)]  # the table again
    assert [r["amount"] for r in _classes_of_table(twice)] == [Decimal("100"), Decimal("50")]
    connection = _store_cells(
        tmp_path / "s.duckdb",
        [
            (0, "expenditure_summary", None, "total", None, "合计", "total", "150"),
            (0, "expenditure_summary", None, "208", "208", "社保", "total", "100"),
            (0, "expenditure_summary", None, "20801", "20801", "款", "total", "100"),
            (0, "expenditure_summary", None, "213", "213", "农林水", "total", "50"),
        ],
    )
    found = function_classes(connection, [1])[1]
    assert [(c["code"], c["amount"]) for c in found["classes"]] == [("208", Decimal("100")), ("213", Decimal("50"))]
    assert (found["table_kind"], found["page"]) == ("expenditure_summary", 7)


def test_an_expenditure_total_printed_in_a_total_column_is_read(tmp_path: Path) -> None:
    """Shanghai's 财务收支预算总表: its expenditure side has 合计 / 人员经费 / 公用经费 / 项目支出, no 预算数."""
    connection = _store_cells(
        tmp_path / "s.duckdb",
        [
            (0, "income_expenditure_summary", "income", "total", None, "收入总计", "amount", "17191.5169"),
            (0, "income_expenditure_summary", "expenditure", "total", None, "支出总计", "total", "17191.5169"),
            (0, "income_expenditure_summary", "expenditure", "total", None, "支出总计", "personnel", "10246.426"),
        ],
    )
    figures = unit_figures(connection, [1])[1]
    assert figures["expenditure_total"]["amount"] == Decimal("17191.5169")
    assert figures["income_total"]["amount"] == Decimal("17191.5169")
