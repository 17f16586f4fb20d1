"""Mutations of the reference text: change one printed figure, or delete a table or a note.

Each figure of tests/fixtures/reference_figures.csv is located on its line
(the k-th occurrence of its printed form, k counted over the fixture rows
with the same line and value) and replaced by a different number printed the
same way (`1,566.00` → `1,567.00`, `97.45%` → `98.45%`, `40.0 0` → `41.0 0`).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tests.conftest import FIXTURES

FIGURES = FIXTURES / "reference_figures.csv"


@dataclass(frozen=True)
class Figure:
    line: int
    part: str
    table: str
    row_key: str
    column_key: str
    section: str
    kind: str
    value: Decimal
    text: str
    occurrence: int


def load_figures() -> list[Figure]:
    seen: dict[tuple[int, Decimal], int] = defaultdict(int)
    figures = []
    with FIGURES.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (int(row["line"]), Decimal(row["value"]))
            figures.append(
                Figure(
                    line=key[0],
                    part=row["part"],
                    table=row["table"],
                    row_key=row["row_key"],
                    column_key=row["column_key"],
                    section=row["section"],
                    kind=row["kind"],
                    value=key[1],
                    text=row["text"],
                    occurrence=seen[key],
                )
            )
            seen[key] += 1
    return figures


_PRINTED = re.compile(r"(?<![\d.,])\d(?:[\d, ]*\d)?(?:\.[\d ]*\d)?(?![\d])")


def _as_decimal(printed: str) -> Decimal | None:
    cleaned = printed.replace(",", "").replace(" ", "")
    try:
        return Decimal(cleaned)
    except ArithmeticError:
        return None


def _bump(printed: str) -> str:
    """The same printed shape with its units digit raised by one (9 → 8 to avoid carries)."""
    integer_end = printed.find(".") if "." in printed else len(printed)
    head = printed[:integer_end].rstrip(" ")
    idx = len(head) - 1
    digit = head[idx]
    new = "8" if digit == "9" else str(int(digit) + 1)
    return printed[:idx] + new + printed[idx + 1 :]


def mutate_figure(lines: list[str], figure: Figure) -> list[str] | None:
    """The text with this figure changed, or None when it cannot be found on its line."""
    text = lines[figure.line - 1]
    count = -1
    for match in _PRINTED.finditer(text):
        candidate = match.group(0).strip()
        if _as_decimal(candidate) == figure.value and (candidate != "" and not _is_part_of_word(text, match)):
            count += 1
            if count == figure.occurrence:
                start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
                end = start + len(candidate)
                changed = text[:start] + _bump(candidate) + text[end:]
                return [*lines[: figure.line - 1], changed, *lines[figure.line :]]
    return None


def _is_part_of_word(text: str, match: re.Match[str]) -> bool:
    """Digits inside a code like A3A4 or a year like 2024 are not figures."""
    before = text[match.start() - 1] if match.start() else ""
    return before.isascii() and before.isalpha()


def delete_table(lines: list[str], number: str) -> list[str]:
    """The text without table `number` (from its `表 N` line to the next table or part)."""
    start = next(i for i, line in enumerate(lines) if line.strip() == f"表 {number}")
    end = next(
        (i for i in range(start + 1, len(lines)) if re.fullmatch(r"表 \d+|第三部分.*", lines[i].strip())), len(lines)
    )
    return lines[:start] + lines[end:]


def delete_note(lines: list[str], number: str) -> list[str]:
    """The text without the 备注 line of table `number`."""
    start = next(i for i, line in enumerate(lines) if line.strip() == f"表 {number}")
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("备注"):
            return lines[:i] + lines[i + 1 :]
    raise LookupError(f"table {number} has no note")


def write(tmp: Path, lines: list[str]) -> Path:
    path = tmp / "mutated.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
