"""Cell accuracy on the national truth set (tests/fixtures/truth/national); target 99.5 %.

34 tables from six layouts of the national corpus (深圳, 广州, 无锡, 杭州, 湖州,
重庆), every printed cell transcribed by hand (see the folder's README).  Each
PDF is read with yusuan's reader; a table is found by its kind (compared as
text, so a kind the reader does not know yet is simply not found; among
several of that kind, the one with the printed number), and each truth cell
is looked up by (row key, side, column key).  Accuracy per table and overall
is printed (`pytest -s`); the overall figure must not fall below FLOOR.

The scoring is deliberately independent of the reader's choices beyond the
canonical keys: it does not care how a table was found or which template was
used, only which value each key holds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.extract import read_document
from yusuan.model import Disclosure, Side, Table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDFS = FIXTURES / "national"
TRUTH = FIXTURES / "truth" / "national"

# The accuracy the reader reached when the truth set was added (23.52 %, rounded
# down).  The target is 0.995 (issue 9); the reader is being rewritten and the
# lead raises this floor as it improves.
FLOOR = Decimal("0.995")
TARGET = Decimal("0.995")

_read: dict[str, Disclosure] = {}


@dataclass(frozen=True)
class TruthCell:
    row: str
    side: Side | None
    column: str
    value: Decimal
    page: int


def _index() -> list[dict[str, str]]:
    with (TRUTH / "tables.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _cells(file: str) -> list[TruthCell]:
    with (TRUTH / file).open(encoding="utf-8") as handle:
        result = []
        for row in csv.DictReader(handle):
            side, _, key = row["row"].rpartition(":")
            result.append(TruthCell(key, Side(side) if side else None, row["column"], Decimal(row["value"]),
                                    int(row["page"])))  # fmt: skip
        return result


def _disclosure(fixture: str) -> Disclosure:
    if fixture not in _read:
        _read[fixture] = read_document(PDFS / fixture)[0]
    return _read[fixture]


def _table(disclosure: Disclosure, kind: str, number: str) -> Table | None:
    candidates = [t for t in disclosure.tables if str(t.kind) == kind]
    numbered = [t for t in candidates if t.number == number]
    return (numbered or candidates or [None])[0]


def _value(table: Table | None, cell: TruthCell) -> Decimal | None:
    row = table.row(cell.row, cell.side) if table is not None else None
    found = row.cells.get(cell.column) if row is not None else None
    return found.value if found is not None else None


def test_truth_national_cell_accuracy() -> None:
    total = right = 0
    wrong: list[str] = []
    print()
    for entry in _index():
        table = _table(_disclosure(entry["fixture"]), entry["kind"], entry["number"])
        cells = _cells(entry["file"])
        table_right = 0
        for cell in cells:
            value = _value(table, cell)
            if value is not None and value == cell.value:
                table_right += 1
            else:
                place = f"{cell.side}:{cell.row}" if cell.side else cell.row
                wrong.append(f"{entry['file']} {place}/{cell.column} = {cell.value}, read {value}")
        total += len(cells)
        right += table_right
        missing = "" if table is not None else " (table not found)"
        print(f"  {entry['file']:26} {table_right:4}/{len(cells):<4} {Decimal(table_right) / len(cells):7.1%}{missing}")
    accuracy = Decimal(right) / Decimal(total)
    print(f"national truth set: {right}/{total} cells right = {accuracy:.2%} (floor {FLOOR:.0%}, target {TARGET:.1%})")
    for line in wrong[:20]:
        print("  wrong:", line)
    assert accuracy >= FLOOR


def test_truth_national_files_are_consistent() -> None:
    """The index names existing files, each (row, column) once, pages inside the table's range."""
    for entry in _index():
        assert (PDFS / entry["fixture"]).is_file()
        first, _, last = entry["pages"].partition("-")
        pages = range(int(first), int(last or first) + 1)
        seen: set[tuple[Side | None, str, str]] = set()
        for cell in _cells(entry["file"]):
            key = (cell.side, cell.row, cell.column)
            assert key not in seen, (entry["file"], key)
            seen.add(key)
            assert cell.page in pages, (entry["file"], key, cell.page)
