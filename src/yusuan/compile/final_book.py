"""The facts of a 决算, indexed for the sums its tables and narrative print.

Like the budget's `Ledger`, tables and sentences never add amounts
themselves: they ask the `Book` for the sum of the lines that match, in the
unit typed (`money_unit`), and print it in the published unit (`print_unit`),
rounded half-up cell by cell.  A 决算 kept in 元 and printed in 万元 therefore
shows the small rounding residues real ones show (本表金额转换为万元时，因四舍五入
可能存在尾差), never a figure that was not summed from the facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal

from yusuan.catalog import default_catalog
from yusuan.errors import InputError
from yusuan.model import Cell, Row, Source
from yusuan.model.codes import economic_ancestors, function_ancestors, function_level
from yusuan.model.final_accounts import (
    BasicItem,
    FinalAccounts,
    FinalFund,
    IncomeLine,
    IncomeSource,
    SpendingLine,
    SpendingUse,
)
from yusuan.model.kinds import FUNCTION_CLASSES
from yusuan.money import convert, quantize

Line = IncomeLine | SpendingLine | BasicItem
Keep = Callable[[Line], bool]


def records(lines: Iterable[Line], facts: FinalAccounts) -> tuple[str, ...]:
    """Where each line sits in the input (`income[3]`, `spending[0]`, `basic_items[12]`)."""
    found = []
    for line in lines:
        for name, collection in (
            ("income", facts.income),
            ("spending", facts.spending),
            ("basic_items", facts.basic_items),
        ):
            for index, candidate in enumerate(collection):
                if candidate is line:
                    found.append(f"{name}[{index}]")
    return tuple(found)


class Book:
    """All lines of a 决算, with sums in the published unit and code names."""

    def __init__(self, facts: FinalAccounts) -> None:
        self.facts = facts
        self._catalog = default_catalog()

    # -- amounts -------------------------------------------------------------
    def printed(self, amount: Decimal) -> Decimal:
        """An amount typed in `money_unit`, as printed in `print_unit` (two decimals, half-up)."""
        return quantize(convert(amount, self.facts.money_unit, self.facts.print_unit))

    def income(self, *keep: Keep) -> list[IncomeLine]:
        return [i for i in self.facts.income if all(k(i) for k in keep)]

    def spending(self, *keep: Keep) -> list[SpendingLine]:
        return [s for s in self.facts.spending if all(k(s) for k in keep)]

    def cell(self, lines: Sequence[Line]) -> Cell:
        amount = self.printed(sum((line.amount for line in lines), Decimal(0)))
        return Cell(value=amount, source=Source(records=records(lines, self.facts)) if lines else None)

    def value_cell(self, amount: Decimal, record: str) -> Cell:
        return Cell(value=self.printed(amount), source=Source(records=(record,)))

    def sum(self, lines: Iterable[Line]) -> Decimal:
        """The printed sum of lines."""
        return self.printed(sum((line.amount for line in lines), Decimal(0)))

    # -- names ---------------------------------------------------------------
    def function_name(self, code: str) -> str:
        name = self.facts.function_names.get(code) or self._catalog.function_name(code, self.facts.year)
        if name is None and len(code) == 3:
            name = FUNCTION_CLASSES.get(code)
        if name is None:
            raise InputError(
                _place("function_names"),
                f"支出功能分类科目 {code} 没有名称：请在 function_names（填报模板的“科目名称”表）中填写",
            )
        return name

    def economic_name(self, code: str) -> str:
        name = self.facts.economic_names.get(code) or self._catalog.economic_name(code, self.facts.year)
        if name is None:
            raise InputError(
                _place("economic_names"),
                f"经济分类科目 {code} 没有名称：请在 economic_names（填报模板的“科目名称”表）中填写",
            )
        return name

    # -- rows ----------------------------------------------------------------
    def function_rows(self, lines: Sequence[Line], columns: Mapping[str, Keep]) -> list[Row]:
        """类/款/项 rows for the lines given, each class followed by its 款 and 项."""
        codes = sorted({code for line in lines for code in function_ancestors(_function_code(line))})
        return [
            Row(
                key=code,
                label=self.function_name(code),
                code=code,
                level=function_level(code),
                cells=self.cells([line for line in lines if _function_code(line).startswith(code)], columns),
            )
            for code in codes
        ]

    def economic_rows(self, items: Sequence[BasicItem], columns: Mapping[str, Keep]) -> list[Row]:
        """类/款 rows by economic code."""
        codes = sorted({code for item in items for code in economic_ancestors(item.economic_code)})
        return [
            Row(
                key=code,
                label=self.economic_name(code),
                code=code,
                level=1 if len(code) == 3 else 2,
                cells=self.cells([i for i in items if i.economic_code.startswith(code)], columns),
            )
            for code in codes
        ]

    def cells(self, lines: Sequence[Line], columns: Mapping[str, Keep]) -> dict[str, Cell]:
        return {key: self.cell([line for line in lines if keep(line)]) for key, keep in columns.items()}


def _function_code(line: Line) -> str:
    if isinstance(line, BasicItem):
        raise TypeError("basic items have no function code")
    return line.function_code


# -- filters ---------------------------------------------------------------------
def everything(_line: Line) -> bool:
    return True


def from_source(*sources: IncomeSource) -> Keep:
    return lambda line: isinstance(line, IncomeLine) and line.source in sources


def fiscal_income(line: Line) -> bool:
    return isinstance(line, IncomeLine) and line.source.fund.is_fiscal


def of_fund(*funds: FinalFund) -> Keep:
    def keep(line: Line) -> bool:
        if isinstance(line, IncomeLine):
            return line.source.fund in funds
        return isinstance(line, SpendingLine) and line.fund in funds

    return keep


def fiscal_spending(line: Line) -> bool:
    return isinstance(line, SpendingLine) and line.fund.is_fiscal


def used_as(*uses: SpendingUse) -> Keep:
    return lambda line: isinstance(line, SpendingLine) and line.use in uses


def under(prefix: str) -> Keep:
    return lambda line: not isinstance(line, BasicItem) and line.function_code.startswith(prefix)


def personnel(line: Line) -> bool:
    return isinstance(line, BasicItem) and line.personnel


def public(line: Line) -> bool:
    return isinstance(line, BasicItem) and not line.personnel


def _place(*loc: str) -> str:
    """A field's place in words (`功能分类科目名称`), never its key."""
    from yusuan.inputs.places import describe  # only on this error path

    return describe(loc)
