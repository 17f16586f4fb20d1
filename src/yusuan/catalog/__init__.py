"""The classification catalogue: which codes exist and what they are called, by year.

No official 政府收支分类科目 edition is available as data; the files in
`data/` hold every code/name pair observed in real published disclosures
(see data/README.md for provenance).  The catalogue is therefore partial: a
code absent from it is *unknown*, not wrong.  Users may add their own edition
files (same CSV columns) with `Catalog.load(extra=[...])`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class CodeName:
    code: str
    name: str
    level: int
    parent: str
    first_year: int
    last_year: int
    is_latest: bool


@dataclass
class Catalog:
    """Function and economic code names, each possibly with several names over the years."""

    function: dict[str, list[CodeName]] = field(default_factory=dict)
    economic: dict[str, list[CodeName]] = field(default_factory=dict)

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> Catalog:
        catalog = cls()
        data = resources.files("yusuan.catalog") / "data"
        for name, target in (("function_codes.csv", catalog.function), ("economic_codes.csv", catalog.economic)):
            with (data / name).open(encoding="utf-8") as handle:
                _read_into(handle, target)
        for path in extra or []:
            target = catalog.economic if "economic" in path.name else catalog.function
            with path.open(encoding="utf-8") as handle:
                _read_into(handle, target)
        return catalog

    def function_name(self, code: str, year: int | None = None) -> str | None:
        return _best_name(self.function.get(code, []), year)

    def economic_name(self, code: str, year: int | None = None) -> str | None:
        return _best_name(self.economic.get(code, []), year)

    def function_names(self, code: str) -> list[CodeName]:
        return self.function.get(code, [])

    def economic_names(self, code: str) -> list[CodeName]:
        return self.economic.get(code, [])


def _read_into(handle: Iterable[str], target: dict[str, list[CodeName]]) -> None:
    for row in csv.DictReader(handle):
        entry = CodeName(
            code=row["code"],
            name=row["name"],
            level=int(row["level"]),
            parent=row.get("parent") or "",
            first_year=int(row["first_year"]),
            last_year=int(row["last_year"]),
            is_latest=row.get("is_latest_name", "Y") == "Y",
        )
        target.setdefault(entry.code, []).append(entry)


def _best_name(entries: list[CodeName], year: int | None) -> str | None:
    """The name in use in `year` (or the latest name when no edition covers it)."""
    if not entries:
        return None
    if year is not None:
        covering = [e for e in entries if e.first_year <= year <= e.last_year]
        if covering:
            return covering[0].name
        earlier = [e for e in entries if e.first_year <= year]
        if earlier:
            return max(earlier, key=lambda e: e.last_year).name
    latest = [e for e in entries if e.is_latest]
    return (latest or entries)[0].name


@cache
def default_catalog() -> Catalog:
    """The built-in catalogue, loaded once."""
    return Catalog.load()
