"""Read a `FinalAccounts` (决算) from its fill-in workbook, and say at which cell anything is wrong.

The 决算 counterpart of `workbook_input`: the same reader (cells found by their
headers and labels, values converted by `workbook_cells`, every problem
collected and raised at once as `FILE SHEET!CELL: …`, exit code 2), reading the
sheets of `workbook_final_layout` into the 决算 model.  A problem the model
finds across cells (a fund whose 年初 + 收入 ≠ 支出 + 年末, 基本支出 by 款 that
does not add up to the 基本支出 by 项) is reported at the row or sheet it
concerns.

`load_workbook_input` is what `yusuan build FILE.xlsx` calls: it reads the
sheets of both workbooks at once and hands the file to the budget or the 决算
reader by the sheets it has (the 决算 workbook alone has `MARKER_SHEET`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.inputs.workbook_final_layout import FINAL_SHEETS, MARKER_SHEET
from yusuan.inputs.workbook_input import _empty, _WorkbookReader, read_grids, require_sheets
from yusuan.inputs.workbook_layout import CHOICES, FIRST_DATA_ROW, SHEETS
from yusuan.model import Budget
from yusuan.model.codes import check_economic_code, check_function_code
from yusuan.model.final_accounts import FinalAccounts


def load_workbook_input(path: Path) -> Budget | FinalAccounts:
    """A filled-in budget or 决算 workbook, read and validated; InputError naming `file sheet!cell`."""
    grids = read_grids(path, SHEETS, FINAL_SHEETS)
    if MARKER_SHEET in grids:
        require_sheets(path, grids, FINAL_SHEETS)
        return _FinalReader(path, grids).final()
    require_sheets(path, grids, SHEETS)
    return _WorkbookReader(path, grids).budget()


def load_workbook_final(path: Path) -> FinalAccounts:
    """Read and validate a filled-in 决算 workbook; raise InputError naming `file sheet!cell`."""
    return _FinalReader(path, read_grids(path, FINAL_SHEETS)).final()


class _FinalReader(_WorkbookReader):
    sheets = FINAL_SHEETS

    def final(self) -> FinalAccounts:
        self._forms_and_lists()
        for key in ("income", "spending", "basic_items"):
            self._listed(key)
        self._keyed("line_budgets", "function_code", check_function_code, leaf=True)
        self._keyed("balances", "fund")
        self._funds_left_blank()
        self._vehicles_by_category()
        self._names("function_names", check_function_code)
        self._names("economic_names", check_economic_code)
        self._glossary()
        self._last_year_or_why_not()
        return self._validated(FinalAccounts, ("procurement", "assets", "last_year"))

    def _listed(self, key: str) -> None:
        """A records block read as a list of model records."""
        sheet = self.sheet_by_block[key].name
        self._note((key,), sheet, f"A{FIRST_DATA_ROW}", sheet)
        self.data[key] = [self._noted(key, record, (key, index)) for index, record in enumerate(self._records(key))]

    def _keyed(self, key: str, by: str, check: Any = None, **options: bool) -> None:
        """A records block read as a mapping: the `by` column's value → the rest of the row."""
        sheet = self.sheet_by_block[key].name
        self._note((key,), sheet, f"A{FIRST_DATA_ROW}", sheet)
        rest = {field.key: field.key for field in self.blocks[key].fields if field.key != by}
        result: dict[str, Any] = {}
        for record in self._records(key):
            read = record[by]
            if read.value is None:
                self._fail(sheet, read.cell, f"请填写{self.blocks[key].field(by).header}")
                continue
            value = self._checked(check, read, sheet, **options) if check else str(read.value)
            if value is None or not self._unique(result, value, key, read.cell):
                continue
            result[value] = self._noted(key, record, (key, value), rest)
        self.data[key] = result

    def _funds_left_blank(self) -> None:
        """A fund's row left blank is still where its balance is: a fund that does not balance is named there."""
        sheet = self.sheet_by_block["balances"].name
        for number, row in enumerate(self.grids[sheet][FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
            label = row[0] if row else None
            fund = next((value for text, value in CHOICES["final_fund"] if label in (text, value)), None)
            if fund is not None and ("balances", fund) not in self.places:
                self._note(("balances", fund), sheet, f"A{number}", "")

    def _vehicles_by_category(self) -> None:
        sheet = self.sheet_by_block["final_vehicles"].name
        vehicles: dict[str, Any] = {}
        self._note(("assets", "vehicles"), sheet, "E1", "车辆")
        for record in self._records("final_vehicles"):
            name, count = record["name"], record["count"]
            if name.value is None:
                self._fail(sheet, name.cell, "请填写车辆类别")
                continue
            if not self._unique(vehicles, name.value, "final_vehicles", name.cell):
                continue
            self._note(("assets", "vehicles", name.value), sheet, count.cell, "数量（辆）")
            vehicles[name.value] = count.value if count.value is not None else 0
        if vehicles:
            self.data.setdefault("assets", {})["vehicles"] = vehicles

    def _last_year_or_why_not(self) -> None:
        """Last year's 决算, or why there is none: said at the cell of the reason, in the workbook's words."""
        place = self.places.get(("no_last_year",))
        if _empty(self.data.get("last_year")) and not self.data.get("no_last_year") and place is not None:
            self._fail(
                place.sheet,
                place.cell,
                f"请填写“{self.sheet_by_block['last_year_final'].name}”表，或在此说明没有上年决算数的原因",
            )
