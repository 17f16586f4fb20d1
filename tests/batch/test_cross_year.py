"""A budget's 上年预算 figures against last year's budget of the same unit, over the store."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

from yusuan.check.narrative_facts import NarrativeFact
from yusuan.store import open_store, store_record
from yusuan.store.cross_year import CODE, check_across_years
from yusuan.store.records import FileRecord, PublicationRecord


def _statement(amount: str, last: str | None, basis: str | None, value: str, page: int) -> NarrativeFact:
    return NarrativeFact(
        index=0, section="three_public", page=page, line=3,
        sentence=f"公务接待费预算支出{amount}万元，比上年预算减少1万元", subject="公务接待费预算支出",
        amount=Decimal(amount), unit="万元", last_year=None if last is None else Decimal(last),
        tolerance=Decimal("0.5"), basis=basis, quantity_key="three_public.reception",
        quantity_value=Decimal(value), quantity_unit="万元",
    )  # fmt: skip


def _document(year: int, statement: NarrativeFact, unit: str = "江苏省委办公厅") -> PublicationRecord:
    digest = hashlib.sha256(f"{unit}{year}{statement}".encode()).hexdigest()
    return PublicationRecord(
        files=(FileRecord(f"/docs/{year}.pdf", digest, 1),), status="checked", unit=unit, year=year,
        kind="department_budget", statements=(statement,),
    )  # fmt: skip


def test_last_years_budget_as_the_sentence_implies_it_must_be_what_last_year_printed(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    store_record(connection, _document(2017, _statement("30", None, None, "30", page=11)))
    store_record(connection, _document(2018, _statement("27", "28", "budget", "27", page=9)))
    assert check_across_years(connection) == 1
    [row] = connection.execute(
        "SELECT f.code, f.severity, f.page, f.expected, f.actual, f.related_page, p.year, d.warnings FROM findings f "
        "JOIN documents d ON d.id = f.document_id JOIN documents p ON p.id = f.related_document_id"
    ).fetchall()
    assert row == (CODE, "warning", 9, "30.000000", "28.000000", 11, 2017, 1)
    [(message,)] = connection.execute("SELECT message FROM findings").fetchall()
    assert message == (
        "说明称“公务接待费预算支出”的上年预算为 28.00万元（“公务接待费预算支出27万元，比上年预算减少1万元”），"
        "而江苏省委办公厅2017年预算公开第 11 页所列为 30.00万元。"
    )
    assert check_across_years(connection) == 1  # run again: replaced, not doubled
    assert connection.execute("SELECT count(*) FROM findings").fetchone() == (1,)
    connection.close()


def test_what_agrees_within_the_printed_digits_or_speaks_of_execution_is_left_alone(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    store_record(connection, _document(2017, _statement("28.3", None, None, "28.3", page=11)))
    store_record(connection, _document(2018, _statement("27", "28", "budget", "27", page=9)))  # 28 ≈ 28.3 at 0.5
    store_record(connection, _document(2018, _statement("20", "30", "execution", "20", page=9), unit="另一单位"))
    store_record(connection, _document(2017, _statement("25", None, None, "25", page=4), unit="另一单位"))
    assert check_across_years(connection) == 0
    connection.close()
