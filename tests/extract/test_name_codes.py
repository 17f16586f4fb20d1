"""Name-only function rows get their code from the document's own coded rows, under a known parent only."""

from __future__ import annotations

from decimal import Decimal

from yusuan.extract.name_codes import name_rows
from yusuan.model import Row, Table
from yusuan.model.disclosure import Cell, Column
from yusuan.model.kinds import Side, TableKind


def _row(key: str, label: str, amount: str | None, code: str | None = None, side: Side | None = None) -> Row:
    cells = {"total": Cell(value=Decimal(amount), text=amount)} if amount else {}
    return Row(key=key, label=label, code=code, side=side, cells=cells)


def _coded() -> Table:
    return Table(
        kind=TableKind.GENERAL_BUDGET_EXPENDITURE,
        number="5",
        title="一般公共预算支出表",
        columns=[Column(key="total", label="合计")],
        rows=[
            _row("201", "201 一般公共服务支出", "10", code="201"),
            _row("20105", "20105 统计信息事务", "10", code="20105"),
            _row("2010501", "2010501 行政运行", "6", code="2010501"),
            _row("2010550", "2010550 事业运行", "4", code="2010550"),
        ],
    )


def _summary(*rows: Row) -> Table:
    return Table(
        kind=TableKind.INCOME_EXPENDITURE_SUMMARY,
        number="1",
        title="收支总表",
        columns=[Column(key="total", label="预算数", side=Side.EXPENDITURE)],
        rows=list(rows),
    )


def test_a_name_under_a_known_parent_gets_the_one_code_that_fits() -> None:
    # the class row is keyed by the reader from the form's class names; its items by name here
    summary = _summary(
        _row("201", "一、一般公共服务支出", "10", code="201", side=Side.EXPENDITURE),
        _row("unknown:2", "统计信息事务", "10", side=Side.EXPENDITURE),
        _row("unknown:3", "行政运行", "6", side=Side.EXPENDITURE),
        _row("unknown:4", "事业运行", "4", side=Side.EXPENDITURE),
    )
    tables, _ = name_rows([_coded(), summary])
    assert [r.key for r in tables[1].rows] == ["201", "20105", "2010501", "2010550"]
    assert [r.level for r in tables[1].rows[1:]] == [2, 3, 3]


def test_a_side_with_one_name_no_source_knows_is_left_as_read() -> None:
    summary = _summary(
        _row("201", "一、一般公共服务支出", "10", code="201", side=Side.EXPENDITURE),
        _row("unknown:2", "统计信息事务", "10", side=Side.EXPENDITURE),
        _row("unknown:3", "某项从未见过的支出", "10", side=Side.EXPENDITURE),
    )
    tables, keyed = name_rows([_coded(), summary])
    assert [r.key for r in tables[1].rows] == ["201", "unknown:2", "unknown:3"]
    assert keyed == set()


def test_a_name_without_a_known_parent_is_not_guessed() -> None:
    # 行政运行 stands under every 款: with no parent row before it, it stays unknown.
    summary = _summary(_row("unknown:1", "行政运行", "6", side=Side.EXPENDITURE))
    tables, _ = name_rows([_coded(), summary])
    assert tables[1].rows[0].key == "unknown:1"
