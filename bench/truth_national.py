"""Cell accuracy of the PDF reader on the national truth set (not a test).

The truth set (tests/fixtures/truth/national/, 34 tables from six layouts of
the national corpus, transcribed by hand) is scored against whatever `yusuan`
is first on the path, so a checkout under work can be measured with the
fixtures of this one:

    PYTHONPATH=/path/to/checkout/src .venv/bin/python bench/truth_national.py [--wrong N]

For each table it prints the cells read right out of the cells printed, then
the overall figure and the wrong cells (truth value, value read).  A table is
found by its kind (`Table.kind`, compared as text so kinds the reader does not
know yet are simply not found); where the reader returns several tables of
that kind, the one with the printed number of the truth index is taken.  A
cell is looked up by (row key, side, column key) and is right when the value
read equals the printed one.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from yusuan.extract import read_document
from yusuan.model import Disclosure, Side, Table

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "fixtures" / "national"
TRUTH = ROOT / "tests" / "fixtures" / "truth" / "national"


@dataclass(frozen=True)
class TruthCell:
    row: str
    side: Side | None
    column: str
    value: Decimal
    page: int


@dataclass
class TableScore:
    file: str
    kind: str
    cells: int = 0
    right: int = 0
    on_page: int = 0
    found: bool = False
    unit_right: bool = False
    wrong: list[str] = field(default_factory=list)


def truth_index() -> list[dict[str, str]]:
    with (TRUTH / "tables.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def truth_cells(file: str) -> list[TruthCell]:
    with (TRUTH / file).open(encoding="utf-8") as handle:
        cells = []
        for row in csv.DictReader(handle):
            side, _, key = row["row"].rpartition(":")
            cells.append(TruthCell(key, Side(side) if side else None, row["column"], Decimal(row["value"]),
                                   int(row["page"])))  # fmt: skip
        return cells


def find_table(disclosure: Disclosure, kind: str, number: str) -> Table | None:
    candidates = [t for t in disclosure.tables if str(t.kind) == kind]
    numbered = [t for t in candidates if t.number == number]
    return (numbered or candidates or [None])[0]


def score_table(entry: dict[str, str], disclosure: Disclosure) -> TableScore:
    score = TableScore(entry["file"], entry["kind"])
    table = find_table(disclosure, entry["kind"], entry["number"])
    score.found = table is not None
    score.unit_right = table is not None and str(table.unit) == entry["unit"]
    for cell in truth_cells(entry["file"]):
        score.cells += 1
        row = table.row(cell.row, cell.side) if table is not None else None
        found = row.cells.get(cell.column) if row is not None else None
        value = found.value if found is not None else None
        if value is not None and value == cell.value:
            score.right += 1
            score.on_page += found is not None and found.source is not None and found.source.page == cell.page
        else:
            place = f"{cell.side}:{cell.row}" if cell.side else cell.row
            score.wrong.append(f"{entry['file']} {place}/{cell.column} = {cell.value} (p{cell.page}), read {value}")
    return score


def score_all() -> list[TableScore]:
    documents: dict[str, Disclosure] = {}
    scores = []
    for entry in truth_index():
        if entry["fixture"] not in documents:
            documents[entry["fixture"]] = read_document(PDFS / entry["fixture"])[0]
        scores.append(score_table(entry, documents[entry["fixture"]]))
    return scores


def overall(scores: list[TableScore]) -> Decimal:
    cells = sum(s.cells for s in scores)
    return Decimal(sum(s.right for s in scores)) / Decimal(cells) if cells else Decimal(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", type=int, default=200, help="wrong cells to list (default 200)")
    args = parser.parse_args()
    scores = score_all()
    for s in scores:
        status = "" if s.found else "  (table not found)"
        unit = "" if not s.found or s.unit_right else "  (unit wrong)"
        print(f"{s.file:28} {s.kind:28} {s.right:4}/{s.cells:<4} {Decimal(s.right) / s.cells:7.1%}{status}{unit}")
    right, cells = sum(s.right for s in scores), sum(s.cells for s in scores)
    print(f"\noverall: {right}/{cells} cells right = {overall(scores):.2%}; "
          f"{sum(s.on_page for s in scores)} of them read from the right page; "
          f"tables found {sum(s.found for s in scores)}/{len(scores)}")  # fmt: skip
    wrong = [w for s in scores for w in s.wrong]
    if wrong:
        print(f"\nwrong cells ({len(wrong)}, first {min(args.wrong, len(wrong))}):")
        for line in wrong[: args.wrong]:
            print("  " + line)


if __name__ == "__main__":
    main()
