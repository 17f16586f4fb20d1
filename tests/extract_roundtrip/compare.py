"""What a round trip must keep: a `Disclosure` reduced to its printed content, without provenance.

`differences(original, read)` lists every place where the disclosure read
back differs from the one rendered: identity (unit, year, kind, date), table
identity (number, title, unit, note, columns), every row (key, side, code,
level, project, label) and every cell value, empty ones included, narrative
sections and paragraph texts, performance tables and their indicators, the
glossary, the profile and the contents.  Texts are compared up to whitespace
and character width (NFKC).  Provenance (`Source`) and the printed text of a
cell are not compared.  An empty list is a perfect round trip.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.model import Disclosure, PerformanceTable, Section, Table

_SPACE = re.compile(r"\s+")

# What no reader brings back yet (`Difference.where` values), each with its reason.  Empty: the
# unit-wide performance form's 合计 is read as its total, and its 财政资金 as 上级安排 + 本级安排.
KNOWN_GAPS: frozenset[str] = frozenset()


def norm(text: str | None) -> str:
    """Text up to whitespace and character width: the reader prints `(份)` after CJK as `（份）`."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def numeral(number: str) -> str:
    """A section number without its brackets: compile keeps `（一）`, the reader the bare `一`."""
    return number.strip("（）()、. ")


def table_cells(table: Table) -> dict[tuple[str, str], dict[str, Decimal | None]]:
    """{(row key, side): {column key: value}} — every printed cell, empty ones as None."""
    return {
        (row.key, row.side.value if row.side else ""): {key: cell.value for key, cell in row.cells.items()}
        for row in table.rows
    }


def table_facts(table: Table) -> dict[str, Any]:
    return {
        "number": table.number,
        "title": table.title,
        "unit": table.unit,
        "note": norm(table.note),
        "columns": [(c.key, c.side) for c in table.columns],
        # in order on each side: a two-sided table is read line by line, so its sides interleave
        "rows": sorted(
            (
                (r.side.value if r.side else "", r.key, r.code, r.level, norm(r.project), r.is_total, norm(r.label))
                for r in table.rows
            ),
            key=lambda row: row[0],
        ),
    }


def sections(narrative: list[Section]) -> list[tuple[str, str, str, list[str], Any]]:
    return [
        (s.key, numeral(s.number), norm(s.title), [norm(p.text) for p in s.paragraphs], sections(s.subsections))
        for s in narrative
    ]


def performance(table: PerformanceTable) -> dict[str, Any]:
    data = {
        k: norm(v) if isinstance(v, str) else v for k, v in table.model_dump(exclude={"source", "indicators"}).items()
    }
    data["indicators"] = [
        {k: norm(v) if isinstance(v, str) else v for k, v in i.model_dump(exclude={"source"}).items()}
        for i in table.indicators
    ]
    return data


@dataclass(frozen=True)
class Difference:
    where: str  # `表4 row ('201', 'expenditure') column total`, `narrative`, `performance[0] total`, …
    expected: object
    read: object

    def __str__(self) -> str:
        return f"{self.where}: expected {self.expected!r}, read {self.read!r}"


def differences(original: Disclosure, read: Disclosure) -> list[Difference]:
    found: list[Difference] = []

    def differ(where: str, expected: object, actual: object) -> None:
        if expected != actual:
            found.append(Difference(where, expected, actual))

    differ("meta", (original.meta.unit, original.meta.year, original.meta.kind, original.meta.published),
           (read.meta.unit, read.meta.year, read.meta.kind, read.meta.published))  # fmt: skip
    differ("table kinds", [t.kind for t in original.tables], [t.kind for t in read.tables])
    for table in original.tables:
        other = read.table(table.kind)
        if other is None:
            continue
        where = f"表{table.number}"
        expected_facts, read_facts = table_facts(table), table_facts(other)
        for key in expected_facts:
            if key != "rows":
                differ(f"{where} {key}", expected_facts[key], read_facts[key])
        expected_cells, read_cells = table_cells(table), table_cells(other)
        differ(f"{where} row keys", sorted(expected_cells), sorted(read_cells))
        for row_key, cells in expected_cells.items():
            for column, value in cells.items():
                differ(f"{where} row {row_key} column {column}", value, read_cells.get(row_key, {}).get(column))
        differ(f"{where} row count", len(expected_facts["rows"]), len(read_facts["rows"]))
        for expected_row, read_row in zip(expected_facts["rows"], read_facts["rows"], strict=False):
            differ(f"{where} row", expected_row, read_row)
    differ("narrative keys", [s.key for s in original.narrative], [s.key for s in read.narrative])
    for expected_section, read_section in zip(sections(original.narrative), sections(read.narrative), strict=False):
        differ(f"section {expected_section[0]}", expected_section, read_section)
    differ("performance count", len(original.performance), len(read.performance))
    for position, (expected, actual) in enumerate(zip(original.performance, read.performance, strict=False)):
        e, a = performance(expected), performance(actual)
        for key in e:
            differ(f"performance[{position}] {key}", e[key], a[key])
    differ("glossary", [(g.term, norm(g.definition)) for g in original.glossary],
           [(g.term, norm(g.definition)) for g in read.glossary])  # fmt: skip
    differ("profile duties", [norm(d) for d in original.profile.duties], [norm(d) for d in read.profile.duties])
    differ("profile organisation", norm(original.profile.organisation), norm(read.profile.organisation))
    differ("profile staffing", original.profile.staffing, read.profile.staffing)
    differ("profile staffing text", norm(original.profile.staffing_text), norm(read.profile.staffing_text))
    differ("contents", [norm(c) for c in original.contents], [norm(c) for c in read.contents])
    return found
