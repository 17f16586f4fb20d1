"""Give a code to a classification row printed by its name only.

Several layouts print the subject rows of their tables by name alone (杭州
prints no code anywhere: `公共安全支出` / `公安` / `行政运行`; 深圳 and 湖州's
收支总表 print names where their other tables print codes).  Walking each
table's rows in order, the reader keeps the current 类 and 款 and asks
`name_rules.Resolver` for the one code the name can have there: the
document's own coded rows first, the catalogue edition nearest the
document's year second, the common items of a 款 last.  Function tables are
keyed with the function classification, the basic-expenditure tables with
the economic one.  A row no source names uniquely stays unknown, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from yusuan.extract.name_rules import Resolver
from yusuan.extract.normalise import fold_item
from yusuan.model import Row, Table
from yusuan.model.kinds import ECONOMIC_CODE_TABLES, Side, TableKind

UNKNOWN = "unknown:"

# Tables whose rows are not subjects of the function classification, whatever they are called.
NOT_FUNCTION_TABLES = frozenset(
    {
        TableKind.THREE_PUBLIC,
        TableKind.PROCUREMENT,
        TableKind.BASIC_BY_SOURCE,
        TableKind.PROJECTS_BY_SOURCE,
        TableKind.PERFORMANCE_TARGETS,
    }
)


def name_rows(tables: list[Table], year: int | None = None) -> tuple[list[Table], set[int]]:
    """The tables with name-only subject rows keyed by their code, and the source lines of the rows so
    keyed (their `row-unknown` problems no longer hold).

    A side is keyed all or nothing: if one of its unnamed rows with money cannot be keyed, a parent's
    printed children would be summed without it, so the side is left as it was read.
    """
    function = Resolver.function(_printed(t for t in tables if _is_function(t)), year)
    economic = Resolver.economic(_printed(t for t in tables if t.kind in ECONOMIC_CODE_TABLES), year)
    keyed_lines: set[int] = set()
    result = []
    for table in tables:
        economic_table = table.kind in ECONOMIC_CODE_TABLES
        if not (economic_table or _is_function(table)) or not any(_unknown(r) for r in table.rows):
            result.append(table)
            continue
        keyed = _keyed(table.rows, economic if economic_table else function, economic_table)
        failed_sides = {
            row.side
            for row in table.rows
            if _unknown(row) and id(row) not in keyed and any(c.value for c in row.cells.values())
        }
        rows = []
        for row in table.rows:
            code = keyed.get(id(row))
            if code is None or row.side in failed_sides:
                rows.append(row)
                continue
            level = {3: 1, 5: 2, 7: 3}[len(code)]
            rows.append(row.model_copy(update={"key": code, "code": code, "level": level, "named": True}))
            if row.source and row.source.line is not None:
                keyed_lines.add(row.source.line)
        result.append(table.model_copy(update={"rows": rows}))
    return result, keyed_lines


def _is_function(table: Table) -> bool:
    return table.kind not in ECONOMIC_CODE_TABLES and table.kind not in NOT_FUNCTION_TABLES


def _unknown(row: Row) -> bool:
    return row.key.startswith(UNKNOWN) and row.side in (None, Side.EXPENDITURE)


def _printed(tables: Iterable[Table]) -> list[tuple[str, str]]:
    """(code, name) of every row printed with a subject code."""
    pairs = []
    for table in tables:
        for row in table.rows:
            code = row.code
            if code and code.isdigit() and len(code) in (3, 5, 7) and not row.project and not row.named:
                pairs.append((code, _without_code(row.label, code)))
    return pairs


def _without_code(label: str, code: str) -> str:
    text = label.strip()
    return text[len(code) :].strip() if text.startswith(code) else text


@dataclass
class _Place:
    """Where a walk through one side of a table stands: its current 类 and 款, each (code, printed name)."""

    class_: tuple[str, str] | None = None
    item_parent: tuple[str, str] | None = None  # None where the current 款 is not known

    def enter(self, code: str, name: str) -> None:
        if len(code) == 3:
            self.class_, self.item_parent = (code, name), None
        elif len(code) == 5:
            if self.class_ is None or self.class_[0] != code[:3]:
                self.class_ = (code[:3], "")
            self.item_parent = (code, name)
        elif self.item_parent is None or self.item_parent[0] != code[:5]:
            self.enter(code[:5], "")

    def parents(self, economic: bool) -> list[tuple[str, str]]:
        """The 款 (function tables only: economic 款 have no national items) and 类 a name is looked up under."""
        found = [] if economic or self.item_parent is None else [self.item_parent]
        return found + ([self.class_] if self.class_ else [])


def _keyed(rows: list[Row], resolver: Resolver, economic: bool) -> dict[int, str]:
    """id(row) → code for the unnamed rows one code fits, walking the rows in order."""
    keyed: dict[int, str] = {}
    places: dict[object, _Place] = {}
    for row in rows:
        place = places.setdefault(row.side, _Place())
        name = fold_item(row.label)
        if row.code and row.code.isdigit() and len(row.code) in (3, 5, 7):
            place.enter(row.code, fold_item(_without_code(row.label, row.code)))
        elif _unknown(row):
            code = resolver.walk(name, place.parents(economic))
            if code is None or (economic and len(code) == 7):
                place.item_parent = None  # the row may have been a 款: its 项 cannot be placed
                continue
            keyed[id(row)] = code
            place.enter(code, name)
        elif row.is_total:
            places[row.side] = _Place()
    return keyed
