"""Read a `Budget` from the fill-in workbook, and say at which cell anything is wrong.

The sheets and columns are those of `workbook_layout` (the same definitions
`workbook_template` writes).  Every problem is an `InputError` whose place is
`FILE SHEET!CELL` — a cell that is not an amount, a code the model refuses, a
project with no lines — or `FILE SHEET` / `FILE` for a missing column, a
missing sheet or a file that is not a workbook.  Empty rows are skipped.
Reading goes on past a bad cell: every problem found (one per cell, a blank
workbook's every missing cell included) is raised at once as `InputErrors`,
in sheet order, then row, then column.  Cell values are converted by
`workbook_cells`.

Amounts and floats.  openpyxl hands a numeric cell over as an int or a float
(it parses the stored text `1566.1` with `float`).  yusuan never computes with
that float: it takes the float's shortest representation (`str`, which gives
back exactly the stored text for any number typed with up to 15 significant
digits, e.g. `1566.1`), makes a `Decimal` of it, refuses it when it has more
than two decimals (a typing slip, or a formula result like
`0.30000000000000004`: round it with ROUND(…,2) first) and quantizes it to the
cent at once.  Other exact numbers (weights, areas) may have up to four
decimals.  Text in an amount cell is parsed as typed (`1,566.00` is fine,
`abc` is not).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from pydantic import BaseModel, ValidationError

from yusuan.errors import InputError, raise_all, unreadable
from yusuan.inputs.validation import problems_of
from yusuan.inputs.workbook_cells import (
    MAX_NUMBER_DECIMALS,
    as_choice,
    as_code,
    as_date,
    as_exact,
    as_flag,
    as_integer,
    as_text,
    is_blank,
)
from yusuan.inputs.workbook_layout import (
    FIRST_DATA_ROW,
    FUNCTION_COMPARISON,
    HEADER_ROW,
    SHEET_BY_BLOCK,
    SHEETS,
    UNIT_WIDE,
    Block,
    Field,
    Kind,
    Shape,
    Sheet,
    bare_header,
)
from yusuan.limits import MAX_SHEET_ROWS, check_archive
from yusuan.model import Budget
from yusuan.model.budget import FUNCTION_COMPARISON_PREFIX
from yusuan.model.codes import check_economic_code, check_function_code
from yusuan.money import CENT

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class Read(NamedTuple):
    """A converted cell value and the cell it came from."""

    value: Any
    cell: str


class Place(NamedTuple):
    sheet: str
    cell: str
    label: str


def load_workbook_budget(path: Path) -> Budget:
    """Read and validate a filled-in workbook; raise InputError naming `file sheet!cell`."""
    return _WorkbookReader(path, read_grids(path, SHEETS)).budget()


def read_grids(path: Path, *layouts: tuple[Sheet, ...]) -> dict[str, list[tuple[Any, ...]]]:
    """The values of every sheet the layouts know, row by row (row 1 first).

    With one layout, a workbook missing one of its required sheets is refused; with
    several (the budget's and the 决算's), the caller decides which the workbook is."""
    check_archive(path, "Excel")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        hint = "；.xls 等旧格式请先用 Excel 另存为 .xlsx" if path.suffix.lower() != ".xlsx" else ""
        raise InputError(str(path), f"不是可读取的 Excel 工作簿（.xlsx）{hint}") from exc
    wanted = {sheet.name for layout in layouts for sheet in layout}
    try:
        grids: dict[str, list[tuple[Any, ...]]] = {}
        for worksheet in workbook.worksheets:
            if worksheet.title in wanted:
                worksheet.reset_dimensions()  # trust the cells, not a possibly stale dimension
                rows = list(worksheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, values_only=True))
                if len(rows) > MAX_SHEET_ROWS and any(v is not None for v in rows[-1]):
                    raise InputError(
                        f"{path} {worksheet.title}!A{MAX_SHEET_ROWS + 1}",
                        f"工作表超过 {MAX_SHEET_ROWS:,} 行的上限，未读取；请删去多余的行",
                    )
                grids[worksheet.title] = rows[:MAX_SHEET_ROWS]
    except InputError:
        raise
    except Exception as exc:
        raise InputError(str(path), "工作簿已损坏，无法读取") from exc
    finally:
        workbook.close()
    if len(layouts) == 1:
        require_sheets(path, grids, layouts[0])
    return grids


def require_sheets(path: Path, grids: dict[str, Any], sheets: tuple[Sheet, ...]) -> None:
    for sheet in sheets:
        if sheet.required and sheet.name not in grids:
            raise InputError(str(path), f"缺少工作表“{sheet.name}”")


class _WorkbookReader:
    sheets: tuple[Sheet, ...] = SHEETS  # the layout read: the budget workbook's (a subclass reads the 决算's)

    def __init__(self, path: Path, grids: dict[str, list[tuple[Any, ...]]]) -> None:
        self.sheet_by_block = {block.key: sheet for sheet in self.sheets for block in sheet.blocks}
        self.blocks = {block.key: block for sheet in self.sheets for block in sheet.blocks}
        self.path = path
        self.grids = grids
        self.places: dict[Loc, Place] = {}
        self.data: dict[str, Any] = {}
        # (sheet, cell, what) -> message: the first problem of each cell (`what` tells apart a sheet's missing rows)
        self.problems: dict[tuple[str, str, str], str] = {}
        self.unread_sheets: set[str] = set()  # a column is missing: what the model misses there follows from it

    def budget(self) -> Budget:
        self._forms_and_lists()
        self._lines()
        self._projects_and_indicators()
        self._three_public()
        self._last_year()
        self._vehicles()
        self._names("function_names", check_function_code)
        self._names("economic_names", check_economic_code)
        self._names("class_purposes", check_function_code)
        self._glossary()
        return self._validated(Budget, ("procurement", "assets", "performance"))

    def _forms_and_lists(self) -> None:
        for sheet in self.sheets:
            for block in sheet.blocks:
                if block.shape is Shape.FORM:
                    self._form(block)
                elif block.shape is Shape.LISTS:
                    self._lists(block)

    def _validated(self, model: type[M], optional: tuple[str, ...]) -> M:
        """The model from the cells read, or every problem at its cell (InputErrors).

        A part in `optional` left wholly blank is left out (the model's default)."""
        for part in optional:
            if _empty(self.data.get(part)):
                self.data.pop(part, None)
        try:
            result = model.model_validate(self.data)
        except ValidationError as exc:
            for problem in problems_of(exc):
                if problem.cross_field and self.problems:
                    continue  # a check across fields of cells already refused would mislead
                place = self._place_for(problem.loc)
                if place is not None and place.sheet in self.unread_sheets:
                    continue
                if place is None:
                    self.problems.setdefault(("", "", problem.text), problem.text)
                    continue
                message = problem.message
                if place.label and place.label not in message:
                    message = f"{place.label}：{message}"
                self._fail(place.sheet, place.cell, message, what=place.label)
        else:
            if not self.problems:
                return result
        self._raise_problems()
        raise AssertionError("unreachable")  # pragma: no cover

    def _raise_problems(self) -> None:
        """Every problem found, one per cell, in sheet order (then row, then column)."""
        order = {sheet.name: index for index, sheet in enumerate(self.sheets)}

        def key(item: tuple[tuple[str, str, str], str]) -> tuple[int, int, int]:
            (sheet, cell, _what), _message = item
            row, column = _cell_position(cell)
            return (order.get(sheet, -1 if not sheet else len(order)), row, column)

        raise_all(
            [
                InputError(self._where(sheet, cell) if sheet else str(self.path), message)
                for (sheet, cell, _what), message in sorted(self.problems.items(), key=key)
            ]
        )

    # --- places -------------------------------------------------------------------

    def _where(self, sheet: str, cell: str = "") -> str:
        return f"{self.path} {sheet}!{cell}" if cell else f"{self.path} {sheet}"

    def _fail(self, sheet: str, cell: str, message: str, *, what: str = "") -> None:
        """Note a problem at `sheet!cell` and go on reading (all are reported at the end).

        A problem of a whole sheet (no cell) is told apart by `what` it is about."""
        self.problems.setdefault((sheet, cell, "" if cell else what), message)

    def _note(self, loc: Loc, sheet: str, cell: str, label: str) -> None:
        self.places[loc] = Place(sheet, cell, label)

    def _place_for(self, loc: Loc) -> Place | None:
        """The place of the deepest located part of `loc` (pydantic adds non-field parts)."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.places:
                return self.places[loc[:end]]
        return None

    # --- blocks -------------------------------------------------------------------

    def _form(self, block: Block) -> None:
        sheet = self.sheet_by_block[block.key].name
        label_index = block.first_column - 1
        rows: dict[str, int] = {}
        for number, row in enumerate(self.grids[sheet], start=1):
            if number >= FIRST_DATA_ROW and len(row) > label_index and isinstance(row[label_index], str):
                rows.setdefault(bare_header(row[label_index]), number)
        letter = get_column_letter(block.first_column + 1)
        for field in block.fields:
            number = rows.get(bare_header(field.header), 0)
            if not number:
                self._fail(sheet, "", f"缺少“{field.header}”一行", what=field.header)
                self._note(tuple(field.key.split(".")), sheet, "", field.header)
                continue
            cell = f"{letter}{number}"
            row = self.grids[sheet][number - 1]
            raw = row[label_index + 1] if len(row) > label_index + 1 else None
            value = self._convert(field, raw, sheet, cell)
            path = tuple(field.key.split("."))
            self._note(path, sheet, cell, field.header)
            if value is not None:
                _set_path(self.data, path, value)
            elif len(path) > 1:  # the group exists, so each blank required field is reported at its own cell
                self._group(path[:-1])

    def _group(self, path: Loc) -> dict[str, Any]:
        """The dictionary at `path` in the data (created empty when absent)."""
        group: Any = self.data
        for part in path:
            group = group.setdefault(str(part), {})
        assert isinstance(group, dict)
        return group

    def _lists(self, block: Block) -> None:
        sheet = self.sheet_by_block[block.key].name
        columns = self._columns(block)
        if columns is None:
            return
        for field in block.fields:
            index = columns[field.key]
            letter = get_column_letter(index + 1)
            path = tuple(field.key.split("."))
            self._note(path, sheet, f"{letter}{FIRST_DATA_ROW}", field.header)
            items: list[Any] = []
            for number, row in enumerate(self.grids[sheet][FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
                cell = f"{letter}{number}"
                value = self._convert(field, row[index] if len(row) > index else None, sheet, cell)
                if value is not None:
                    self._note((*path, len(items)), sheet, cell, field.header)
                    items.append(value)
            _set_path(self.data, path, items)

    def _columns(self, block: Block) -> dict[str, int] | None:
        """Each field's column index (0-based), found by its header text in row 1; None when one is missing."""
        sheet = self.sheet_by_block[block.key].name
        grid = self.grids[sheet]
        headers = [bare_header(str(text)) if text is not None else "" for text in (grid[0] if grid else ())]
        columns: dict[str, int] = {}
        for field in block.fields:
            wanted = bare_header(field.header)
            if wanted not in headers:
                self._fail(sheet, "", f"缺少列“{field.header}”（第{HEADER_ROW}行表头）", what=field.header)
                self.unread_sheets.add(sheet)
                return None
            columns[field.key] = headers.index(wanted)
        return columns

    def _records(self, block_key: str) -> list[dict[str, Read]]:
        """The non-empty rows of a records block, each field's value with its cell."""
        block = self.blocks[block_key]
        sheet = self.sheet_by_block[block_key].name
        columns = self._columns(block)
        records: list[dict[str, Read]] = []
        if columns is None:
            return records
        for number, row in enumerate(self.grids[sheet][FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
            raws = {key: row[index] if len(row) > index else None for key, index in columns.items()}
            if all(is_blank(raws[field.key]) for field in block.fields if not field.prefilled):
                continue
            record: dict[str, Read] = {}
            for field in block.fields:
                cell = f"{get_column_letter(columns[field.key] + 1)}{number}"
                record[field.key] = Read(self._convert(field, raws[field.key], sheet, cell), cell)
            records.append(record)
        return records

    def _noted(
        self, block_key: str, record: dict[str, Read], loc: Loc, keys: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Model input from a record (blank cells left out), noting where each field is.

        `keys` renames record keys to model fields (and leaves out the others)."""
        block = self.blocks[block_key]
        sheet = self.sheet_by_block[block_key].name
        self._note(loc, sheet, record[block.fields[0].key].cell, "")
        keys = keys or {field.key: field.key for field in block.fields}
        result: dict[str, Any] = {}
        for key, target in keys.items():
            read = record[key]
            self._note((*loc, target), sheet, read.cell, block.field(key).header)
            if read.value is not None:
                result[target] = read.value
        return result

    # --- the parts of the budget ----------------------------------------------------

    def _lines(self) -> None:
        self._note(("lines",), self.sheet_by_block["lines"].name, f"A{FIRST_DATA_ROW}", "支出明细")
        self.data["lines"] = [
            self._noted("lines", record, ("lines", index)) for index, record in enumerate(self._records("lines"))
        ]

    def _projects_and_indicators(self) -> None:
        projects: list[dict[str, Any]] = []
        by_name: dict[str, dict[str, Any]] = {}
        plain = {key: key for key in ("name", "classified", "basis", "owner", "allocation", "period")}
        for index, record in enumerate(self._records("projects")):
            loc: Loc = ("projects", index)
            project = self._noted("projects", record, loc, plain)
            performance = self._noted("projects", record, (*loc, "performance"), {"leader": "leader", "goal": "goal"})
            self._note((*loc, "performance"), PROJECTS_SHEET, record["goal"].cell, "项目绩效目标")
            self._note(
                (*loc, "performance", "indicators"),
                PROJECTS_SHEET,
                record["name"].cell,
                "项目绩效指标（在“绩效指标”表中填写，所属为本项目）",
            )
            if performance:
                project["performance"] = performance
            projects.append(project)
            if isinstance(project.get("name"), str):
                by_name.setdefault(project["name"], project)
        self.data["projects"] = projects
        self._note(("performance",), UNIT_PERFORMANCE_SHEET, "", "单位整体绩效目标表")
        self._note(("performance", "indicators"), INDICATORS_SHEET, "", "单位整体绩效指标（所属填“单位整体”）")
        counts: dict[Loc, int] = {}
        for record in self._records("indicators"):
            owner = record["owner"]
            if owner.value is None:
                self._fail(INDICATORS_SHEET, owner.cell, f"请填写“所属”：{UNIT_WIDE}或项目名称")
                continue
            if owner.value == UNIT_WIDE:
                base: Loc = ("performance", "indicators")
                performance = self.data.setdefault("performance", {})
            elif owner.value in by_name:
                base = ("projects", projects.index(by_name[owner.value]), "performance", "indicators")
                performance = by_name[owner.value].setdefault("performance", {})
            else:
                message = f"所属“{owner.value}”既不是“{UNIT_WIDE}”，也不是“项目”表中登记的项目"
                self._fail(INDICATORS_SHEET, owner.cell, message)
                continue
            index = counts[base] = counts.get(base, -1) + 1
            fields = {field.key: field.key for field in self.blocks["indicators"].fields if field.key != "owner"}
            performance.setdefault("indicators", []).append(self._noted("indicators", record, (*base, index), fields))

    def _three_public(self) -> None:
        result: dict[str, Any] = {}
        for record in self._records("three_public"):
            fund = record["fund_type"]
            if fund.value is None:
                self._fail(self.sheet_by_block["three_public"].name, fund.cell, "请选择资金类型")
                continue
            if not self._unique(result, fund.value, "three_public", fund.cell):
                continue
            amounts = {key: key for key in record if key != "fund_type"}
            result[fund.value] = self._noted("three_public", record, ("three_public", fund.value), amounts)
        self.data["three_public"] = result

    def _last_year(self) -> None:
        sheet = self.sheet_by_block["last_year"].name
        result: dict[str, Any] = {}
        for record in self._records("last_year"):
            key, code = record["key"], record["function_code"]
            if key.value is None:
                self._fail(sheet, key.cell, "请从下拉框选择比较项")
                continue
            if key.value == FUNCTION_COMPARISON:
                if code.value is None:
                    self._fail(sheet, code.cell, "按功能分类科目比较时须填写7位功能分类科目编码")
                    continue
                checked = self._checked(check_function_code, code, sheet, leaf=True)
                if checked is None:
                    continue
                comparison = FUNCTION_COMPARISON_PREFIX + checked
            elif code.value is not None:
                self._fail(sheet, code.cell, "只有“按功能分类科目”比较时才填写科目编码")
                continue
            else:
                comparison = key.value
            if not self._unique(result, comparison, "last_year", key.cell):
                continue
            result[comparison] = self._noted(
                "last_year", record, ("last_year", comparison), {"amount": "amount", "reason": "reason"}
            )
        self.data["last_year"] = result

    def _vehicles(self) -> None:
        records = self._records("vehicles")
        self._note(("assets", "vehicles"), self.sheet_by_block["vehicles"].name, "E1", "车辆")
        if records:
            self.data.setdefault("assets", {})["vehicles"] = [
                self._noted("vehicles", record, ("assets", "vehicles", index)) for index, record in enumerate(records)
            ]

    def _names(self, block_key: str, check: Any) -> None:
        sheet = self.sheet_by_block[block_key].name
        block = self.blocks[block_key]
        code_key, text_key = block.fields[0].key, block.fields[1].key
        result: dict[str, Any] = {}
        for record in self._records(block_key):
            code = record[code_key]
            if code.value is None:
                self._fail(sheet, code.cell, f"缺少{block.fields[0].header}")
                continue
            checked = self._checked(check, code, sheet)
            if checked is None or not self._unique(result, checked, block_key, code.cell):
                continue
            self._note((block_key, checked), sheet, record[text_key].cell, block.fields[1].header)
            result[checked] = record[text_key].value
        self.data[block_key] = result

    def _glossary(self) -> None:
        records = self._records("glossary")
        if records:
            self.data["glossary"] = [
                self._noted("glossary", record, ("glossary", index)) for index, record in enumerate(records)
            ]

    def _checked(self, check: Any, read: Read, sheet: str, **options: bool) -> str | None:
        """The checked code, or None (and a problem noted at its cell)."""
        try:
            return str(check(read.value, **options))
        except ValueError as exc:
            self._fail(sheet, read.cell, str(exc))
            return None

    def _unique(self, seen: dict[str, Any], key: str, block_key: str, cell: str) -> bool:
        """False (and a problem noted) when `key` was filled in before."""
        if key in seen:
            self._fail(self.sheet_by_block[block_key].name, cell, f"“{key}”重复填写")
            return False
        return True

    # --- cell values ----------------------------------------------------------------

    def _convert(self, field: Field, raw: Any, sheet: str, cell: str) -> Any:
        """A cell's value as model input, or None when blank; InputError at the cell when unusable."""
        if is_blank(raw):
            return None
        if isinstance(raw, str):
            raw = raw.strip()
        kind = field.kind
        try:
            if kind is Kind.AMOUNT:
                return as_exact(raw, 2, "金额").quantize(CENT)
            if kind is Kind.NUMBER:
                return as_exact(raw, MAX_NUMBER_DECIMALS, "数值")
            if kind is Kind.INTEGER:
                return as_integer(raw)
            if kind is Kind.FLAG:
                return as_flag(raw)
            if kind is Kind.DATE:
                return as_date(raw)
            if kind is Kind.CODE:
                return as_code(raw)
            if kind is Kind.CHOICE:
                return as_choice(field, raw)
            return as_text(raw)
        except ValueError as exc:
            self._fail(sheet, cell, str(exc))
            return None


PROJECTS_SHEET = SHEET_BY_BLOCK["projects"].name
INDICATORS_SHEET = SHEET_BY_BLOCK["indicators"].name
UNIT_PERFORMANCE_SHEET = SHEET_BY_BLOCK["unit_performance"].name


def _cell_position(cell: str) -> tuple[int, int]:
    """(row, column) of `B12`; (0, 0) for a whole sheet."""
    if not cell:
        return (0, 0)
    letters, row = coordinate_from_string(cell)
    return (row, column_index_from_string(letters))


def _empty(value: Any) -> bool:
    """Nothing filled in: None, or containers holding only empty things."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value is None or value == []


def _set_path(data: dict[str, Any], path: Loc, value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(str(part), {})
    data[str(path[-1])] = value
