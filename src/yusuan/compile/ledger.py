"""The budget's lines, indexed for the sums every table and sentence needs.

Tables and narrative never add amounts themselves; they ask the `Ledger` for
the lines that match a filter and for their total, and build cells that
remember which input lines they were summed from (their `Source`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from functools import cached_property

from yusuan.catalog import default_catalog
from yusuan.errors import InputError
from yusuan.model import Budget, Cell, ExpenditureLine, Row, Source
from yusuan.model.codes import economic_ancestors, function_ancestors, function_level
from yusuan.model.kinds import FUNCTION_CLASSES, FundSource, FundType, SpendingKind

LineFilter = Callable[[ExpenditureLine], bool]


@dataclass(frozen=True)
class Entry:
    """A line with its position in the input (for provenance)."""

    index: int
    line: ExpenditureLine

    @cached_property
    def record(self) -> str:
        return f"lines[{self.index}]"


class Ledger:
    """All lines of a budget, with sums, filters and code names.

    A department's budget has thousands of lines and hundreds of projects, and
    the tables and narrative ask for a few thousand sums: `select` answers a
    filter the ledger can index (`Keyed`: by fund source, fund type, kind,
    project, code prefix) from position lists built once per field, and runs
    every filter only over the smallest such list.  The result is the same
    list of entries, in the same order, as a scan of every line.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.entries = [Entry(i, line) for i, line in enumerate(budget.lines)]
        self._catalog = default_catalog()
        self._indexes: dict[str, dict[object, list[int]]] = {}
        self._positions: dict[Keyed, list[int]] = {}

    # -- selection -------------------------------------------------------
    def select(self, *filters: LineFilter) -> list[Entry]:
        keyed = [f for f in filters if isinstance(f, Keyed)]
        if not keyed:
            return [e for e in self.entries if all(f(e.line) for f in filters)]
        chosen = min(keyed, key=lambda f: len(self._matching(f)))
        rest = [f for f in filters if f is not chosen]
        entries = self.entries
        return [entries[i] for i in self._matching(chosen) if all(f(entries[i].line) for f in rest)]

    def _matching(self, keyed: Keyed) -> list[int]:
        """Positions of the lines a keyed filter keeps, ascending (computed once per filter value)."""
        found = self._positions.get(keyed)
        if found is None:
            index = self._indexes.get(keyed.field)
            if index is None:
                index = self._indexes[keyed.field] = _index(self.entries, keyed.field)
            lists = [index.get(value, []) for value in keyed.values]
            found = lists[0] if len(lists) == 1 else sorted({i for positions in lists for i in positions})
            self._positions[keyed] = found
        return found

    @staticmethod
    def total(entries: Iterable[Entry]) -> Decimal:
        return sum((e.line.amount for e in entries), Decimal("0.00"))

    def sum(self, *filters: LineFilter) -> Decimal:
        return self.total(self.select(*filters) if filters else self.entries)

    # -- names -------------------------------------------------------------
    def function_name(self, code: str) -> str:
        name = self.budget.function_names.get(code) or self._catalog.function_name(code, self.budget.year)
        if name is None and len(code) == 3:
            name = FUNCTION_CLASSES.get(code)
        if name is None:
            raise InputError(
                _place("function_names"),
                f"支出功能分类科目 {code} 没有名称：请在 function_names（填报模板的“科目名称”表）中填写",
            )
        return name

    def economic_name(self, code: str) -> str:
        name = self.budget.economic_names.get(code) or self._catalog.economic_name(code, self.budget.year)
        if name is None:
            raise InputError(
                _place("economic_names"),
                f"经济分类科目 {code} 没有名称：请在 economic_names（填报模板的“科目名称”表）中填写",
            )
        return name


def _place(*loc: str) -> str:
    """A budget field's place in words (`功能分类科目名称`), never its key."""
    from yusuan.inputs.places import describe  # only on this error path

    return describe(loc)


# -- filters ------------------------------------------------------------------
_FIELDS: dict[str, Callable[[ExpenditureLine], object]] = {
    "source": lambda line: line.source,
    "kind": lambda line: line.kind,
    "project": lambda line: line.project,
}


@dataclass(frozen=True)
class Keyed:
    """A filter the ledger answers from an index: the line's `field` is one of `values`.

    `function`/`economic` fields match a code prefix (类, 款 or 项) of the line's code."""

    field: str
    values: frozenset[object]
    test: Callable[[ExpenditureLine], bool] = dataclass_field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:  # the predicate, chosen once: tables call it for every line of every cell
        object.__setattr__(self, "test", _predicate(self.field, self.values))

    def __call__(self, line: ExpenditureLine) -> bool:
        return self.test(line)


def _predicate(field: str, values: frozenset[object]) -> Callable[[ExpenditureLine], bool]:
    """`Keyed`'s test as one plain function (no property or getter call per line)."""
    prefixes = tuple(str(v) for v in values)
    tests: dict[str, Callable[[ExpenditureLine], bool]] = {
        "source": lambda line: line.source in values,
        "kind": lambda line: line.kind in values,
        "project": lambda line: line.project in values,
        "function": lambda line: line.function_code.startswith(prefixes),
        "economic": lambda line: line.economic_code.startswith(prefixes),
    }
    return tests[field]


def _index(entries: list[Entry], field: str) -> dict[object, list[int]]:
    """Positions of the lines by their value of `field` (by every prefix, for codes)."""
    index: dict[object, list[int]] = {}
    if field in ("function", "economic"):
        for position, entry in enumerate(entries):
            code = entry.line.function_code if field == "function" else entry.line.economic_code
            for end in range(1, len(code) + 1):
                index.setdefault(code[:end], []).append(position)
        return index
    value_of = _FIELDS[field]
    for position, entry in enumerate(entries):
        index.setdefault(value_of(entry.line), []).append(position)
    return index


def of_fund_type(*types: FundType) -> LineFilter:
    return Keyed("source", frozenset(s for s in FundSource if s.fund_type in types))


def of_source(*sources: FundSource) -> LineFilter:
    return Keyed("source", frozenset(sources))


def of_kind(*kinds: SpendingKind) -> LineFilter:
    return Keyed("kind", frozenset(kinds))


fiscal: LineFilter = Keyed("source", frozenset(s for s in FundSource if s.is_fiscal))
carryover: LineFilter = Keyed("source", frozenset(s for s in FundSource if s.is_carryover))
current_year: LineFilter = Keyed("source", frozenset(s for s in FundSource if not s.is_carryover))
basic: LineFilter = Keyed("kind", frozenset(k for k in SpendingKind if k.is_basic))
project: LineFilter = Keyed("kind", frozenset({SpendingKind.PROJECT}))


def under_function(prefix: str) -> LineFilter:
    return Keyed("function", frozenset({prefix}))


def in_project(name: str | None) -> LineFilter:
    return Keyed("project", frozenset({name}))


def under_economic(prefix: str) -> LineFilter:
    return Keyed("economic", frozenset({prefix}))


# -- cells and rows -----------------------------------------------------------
def cell(entries: list[Entry]) -> Cell:
    """A summed cell; zero prints as an empty cell, as the templates do."""
    amount = Ledger.total(entries)
    return Cell(
        value=amount if amount else None,
        source=Source(records=tuple(e.record for e in entries)) if entries else None,
    )


def value_cell(amount: Decimal, record: str) -> Cell:
    """A cell from a single input field rather than from lines."""
    return Cell(value=amount if amount else None, source=Source(records=(record,)))


def cells_for(entries: list[Entry], columns: dict[str, LineFilter]) -> dict[str, Cell]:
    tests = {key: keep.test if isinstance(keep, Keyed) else keep for key, keep in columns.items()}
    return {key: cell([e for e in entries if keep(e.line)]) for key, keep in tests.items()}


def function_code_rows(ledger: Ledger, entries: list[Entry], columns: dict[str, LineFilter]) -> list[Row]:
    """类/款/项 rows for the lines given, each class followed by its 款 and 项."""
    under = _by_ancestor(entries, lambda e: function_ancestors(e.line.function_code))
    return [
        Row(
            key=code,
            label=ledger.function_name(code),
            code=code,
            level=function_level(code),
            cells=cells_for(under[code], columns),
        )
        for code in sorted(under)
    ]


def economic_code_rows(ledger: Ledger, entries: list[Entry], columns: dict[str, LineFilter]) -> list[Row]:
    """类/款 rows by economic code."""
    under = _by_ancestor(entries, lambda e: economic_ancestors(e.line.economic_code))
    return [
        Row(
            key=code,
            label=ledger.economic_name(code),
            code=code,
            level=1 if len(code) == 3 else 2,
            cells=cells_for(under[code], columns),
        )
        for code in sorted(under)
    ]


def _by_ancestor(entries: list[Entry], ancestors: Callable[[Entry], Iterable[str]]) -> dict[str, list[Entry]]:
    """The entries under each code (the code itself and every code above it), in their order."""
    under: dict[str, list[Entry]] = {}
    for entry in entries:
        for code in dict.fromkeys(ancestors(entry)):
            under.setdefault(code, []).append(entry)
    return under


def total_row(entries: list[Entry], columns: dict[str, LineFilter], label: str = "合计") -> Row:
    return Row(key="total", label=label, is_total=True, cells=cells_for(entries, columns))
