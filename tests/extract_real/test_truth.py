"""Cell accuracy against the hand-transcribed truth set (tests/fixtures/truth): target ≥ 99.5 %.

Every truth cell (table kind, row key, column key, printed value, page) is
looked up in the extraction of its PDF; it is correct when the extracted value
equals the printed one and was read from the same page.  The figure is printed
(`pytest -s`) and asserted.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal

from tests.extract_real.conftest import TRUTH, read_fixture
from yusuan.model import Side, Table, TableKind
from yusuan.money import MoneyUnit

TARGET = Decimal("0.995")


@dataclass(frozen=True)
class TruthCell:
    file: str
    row: str
    side: Side | None
    column: str
    value: Decimal
    page: int


def _truth() -> list[tuple[dict[str, str], list[TruthCell]]]:
    with (TRUTH / "tables.csv").open(encoding="utf-8") as handle:
        index = list(csv.DictReader(handle))
    result = []
    for entry in index:
        cells = []
        with (TRUTH / entry["file"]).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                side, _, key = row["row"].rpartition(":")
                cells.append(
                    TruthCell(entry["file"], key, Side(side) if side else None, row["column"],
                              Decimal(row["value"]), int(row["page"]))
                )  # fmt: skip
        result.append((entry, cells))
    return result


def _lookup(table: Table, cell: TruthCell) -> tuple[Decimal | None, int | None]:
    row = table.row(cell.row, cell.side)
    if row is None or cell.column not in row.cells:
        return None, None
    found = row.cells[cell.column]
    return found.value, found.source.page if found.source else None


def test_truth_cell_accuracy() -> None:
    total = correct = on_page = units_wrong = 0
    wrong: list[str] = []
    for entry, cells in _truth():
        disclosure, _ = read_fixture(entry["fixture"])
        table = disclosure.table(TableKind(entry["kind"]))
        if table is None:
            wrong.append(f"{entry['file']}: no {entry['kind']} table read")
        else:
            units_wrong += table.unit != MoneyUnit(entry["unit"])
        for cell in cells:
            total += 1
            value, page = _lookup(table, cell) if table is not None else (None, None)
            if value is not None and value == cell.value:
                correct += 1
                on_page += page == cell.page
            else:
                wrong.append(f"{cell.file} {cell.side or ''}:{cell.row}/{cell.column} = {cell.value}, read {value}")
    accuracy = Decimal(correct) / Decimal(total)
    print(f"\ntruth set: {correct}/{total} cells correct = {accuracy:.2%}; {on_page} read from the right page")
    for line in wrong[:40]:
        print("  wrong:", line)
    assert accuracy >= TARGET
    assert on_page == correct
    assert units_wrong == 0


def test_no_extra_values_in_truth_tables() -> None:
    """Cells the truth leaves empty are read empty (the truth omits empty cells)."""
    extra: list[str] = []
    for entry, cells in _truth():
        disclosure, _ = read_fixture(entry["fixture"])
        table = disclosure.table(TableKind(entry["kind"]))
        if table is None:
            continue
        known = {(c.side, c.row, c.column) for c in cells}
        for row in table.rows:
            for key, found in row.cells.items():
                if found.value is not None and (row.side, row.key, key) not in known:
                    extra.append(f"{entry['file']} {row.side or ''}:{row.key}/{key} = {found.value}")
    assert extra == []
