"""The budget's lines, indexed for the sums every table and sentence needs.

Tables and narrative never add amounts themselves; they ask the `Ledger` for
the lines that match a filter and for their total, and build cells that
remember which input lines they were summed from (their `Source`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

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

    @property
    def record(self) -> str:
        return f"lines[{self.index}]"


class Ledger:
    """All lines of a budget, with sums, filters and code names."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.entries = [Entry(i, line) for i, line in enumerate(budget.lines)]
        self._catalog = default_catalog()

    # -- selection -------------------------------------------------------
    def select(self, *filters: LineFilter) -> list[Entry]:
        return [e for e in self.entries if all(f(e.line) for f in filters)]

    @staticmethod
    def total(entries: Iterable[Entry]) -> Decimal:
        return sum((e.line.amount for e in entries), Decimal("0.00"))

    def sum(self, *filters: LineFilter) -> Decimal:
        return self.total(self.select(*filters))

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
def of_fund_type(*types: FundType) -> LineFilter:
    return lambda line: line.source.fund_type in types


def of_source(*sources: FundSource) -> LineFilter:
    return lambda line: line.source in sources


def of_kind(*kinds: SpendingKind) -> LineFilter:
    return lambda line: line.kind in kinds


def fiscal(line: ExpenditureLine) -> bool:
    return line.source.is_fiscal


def carryover(line: ExpenditureLine) -> bool:
    return line.source.is_carryover


def current_year(line: ExpenditureLine) -> bool:
    return not line.source.is_carryover


def basic(line: ExpenditureLine) -> bool:
    return line.kind.is_basic


def project(line: ExpenditureLine) -> bool:
    return line.kind is SpendingKind.PROJECT


def under_function(prefix: str) -> LineFilter:
    return lambda line: line.function_code.startswith(prefix)


def in_project(name: str | None) -> LineFilter:
    return lambda line: line.project == name


def under_economic(prefix: str) -> LineFilter:
    return lambda line: line.economic_code.startswith(prefix)


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
    return {key: cell([e for e in entries if keep(e.line)]) for key, keep in columns.items()}


def function_code_rows(ledger: Ledger, entries: list[Entry], columns: dict[str, LineFilter]) -> list[Row]:
    """类/款/项 rows for the lines given, each class followed by its 款 and 项."""
    codes = sorted({code for e in entries for code in function_ancestors(e.line.function_code)})
    rows = []
    for code in codes:
        mine = [e for e in entries if e.line.function_code.startswith(code)]
        rows.append(
            Row(
                key=code,
                label=ledger.function_name(code),
                code=code,
                level=function_level(code),
                cells=cells_for(mine, columns),
            )
        )
    return rows


def economic_code_rows(ledger: Ledger, entries: list[Entry], columns: dict[str, LineFilter]) -> list[Row]:
    """类/款 rows by economic code."""
    codes = sorted({code for e in entries for code in economic_ancestors(e.line.economic_code)})
    rows = []
    for code in codes:
        mine = [e for e in entries if e.line.economic_code.startswith(code)]
        rows.append(
            Row(
                key=code,
                label=ledger.economic_name(code),
                code=code,
                level=1 if len(code) == 3 else 2,
                cells=cells_for(mine, columns),
            )
        )
    return rows


def total_row(entries: list[Entry], columns: dict[str, LineFilter], label: str = "合计") -> Row:
    return Row(key="total", label=label, is_total=True, cells=cells_for(entries, columns))
