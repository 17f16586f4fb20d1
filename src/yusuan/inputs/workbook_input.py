"""Read a `Budget` from the fill-in workbook, and say at which cell anything is wrong.

The sheets and columns are those of `workbook_layout` (the same definitions
`workbook_template` writes).  Every problem is an `InputError` whose place is
`FILE SHEET!CELL` — a cell that is not an amount, a code the model refuses, a
project with no lines — or `FILE SHEET` / `FILE` for a missing column, a
missing sheet or a file that is not a workbook.  Empty rows are skipped.

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

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from pydantic import ValidationError

from yusuan.errors import InputError
from yusuan.inputs.validation import first_error
from yusuan.inputs.workbook_layout import (
    BLOCKS,
    CHOICES,
    FIRST_DATA_ROW,
    FUNCTION_COMPARISON,
    FUNCTION_COMPARISON_PREFIX,
    HEADER_ROW,
    NO,
    SHEET_BY_BLOCK,
    SHEETS,
    UNIT_WIDE,
    YES,
    Block,
    Field,
    Kind,
    Shape,
    bare_header,
)
from yusuan.limits import MAX_SHEET_ROWS, check_archive
from yusuan.model import Budget
from yusuan.model.budget import COMPARISON_KEYS
from yusuan.model.codes import check_economic_code, check_function_code, normalise_code
from yusuan.money import CENT, AmountError, AmountTooLarge, bounded, parse_amount

Loc = tuple[str | int, ...]
_COMPARISON_KEY = re.compile("^(" + "|".join(COMPARISON_KEYS) + ")$")
_TRUE = {YES, "true", "是的", "y", "yes", "1", "√"}
_FALSE = {NO, "false", "n", "no", "0", "×"}
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MAX_NUMBER_DECIMALS = 4
_CODE_WITH_NAME = re.compile(r"^\s*(\d[\d\s.\-·]*?)\s*[^\x00-\x7f·].*$")  # digits, then a Chinese name


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
    return _WorkbookReader(path, _read_grids(path)).budget()


def _read_grids(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The values of every sheet the layout knows, row by row (row 1 first)."""
    check_archive(path, "Excel")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件：{exc.strerror or exc}") from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on a file that is not a workbook
        hint = "；.xls 等旧格式请先用 Excel 另存为 .xlsx" if path.suffix.lower() != ".xlsx" else ""
        raise InputError(str(path), f"不是可读取的 Excel 工作簿（.xlsx）{hint}") from exc
    wanted = {sheet.name for sheet in SHEETS}
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
    for sheet in SHEETS:
        if sheet.required and sheet.name not in grids:
            raise InputError(str(path), f"缺少工作表“{sheet.name}”")
    return grids


class _WorkbookReader:
    def __init__(self, path: Path, grids: dict[str, list[tuple[Any, ...]]]) -> None:
        self.path = path
        self.grids = grids
        self.places: dict[Loc, Place] = {}
        self.data: dict[str, Any] = {}

    def budget(self) -> Budget:
        for sheet in SHEETS:
            for block in sheet.blocks:
                if block.shape is Shape.FORM:
                    self._form(block)
                elif block.shape is Shape.LISTS:
                    self._lists(block)
        self._lines()
        self._projects_and_indicators()
        self._three_public()
        self._last_year()
        self._vehicles()
        self._names("function_names", check_function_code)
        self._names("economic_names", check_economic_code)
        self._names("class_purposes", check_function_code)
        self._glossary()
        for optional in ("procurement", "assets", "performance"):
            if _empty(self.data.get(optional)):
                self.data.pop(optional, None)
        try:
            return Budget.model_validate(self.data)
        except ValidationError as exc:
            loc, message = first_error(exc)
            place = self._place_for(loc)
            message = re.sub(r"^[A-Za-z0-9_.\-]+: ", "", message, count=1)
            if place is None:
                raise InputError(str(self.path), message) from exc
            if place.label and place.label not in message:
                message = f"{place.label}：{message}"
            raise InputError(self._where(place.sheet, place.cell), message) from exc

    # --- places -------------------------------------------------------------------

    def _where(self, sheet: str, cell: str = "") -> str:
        return f"{self.path} {sheet}!{cell}" if cell else f"{self.path} {sheet}"

    def _fail(self, sheet: str, cell: str, message: str) -> NoReturn:
        raise InputError(self._where(sheet, cell), message)

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
        sheet = SHEET_BY_BLOCK[block.key].name
        label_index = block.first_column - 1
        rows: dict[str, int] = {}
        for number, row in enumerate(self.grids[sheet], start=1):
            if number >= FIRST_DATA_ROW and len(row) > label_index and isinstance(row[label_index], str):
                rows.setdefault(bare_header(row[label_index]), number)
        letter = get_column_letter(block.first_column + 1)
        for field in block.fields:
            number = rows.get(bare_header(field.header), 0)
            if not number:
                self._fail(sheet, "", f"缺少“{field.header}”一行")
            cell = f"{letter}{number}"
            row = self.grids[sheet][number - 1]
            raw = row[label_index + 1] if len(row) > label_index + 1 else None
            value = self._convert(field, raw, sheet, cell)
            path = tuple(field.key.split("."))
            self._note(path, sheet, cell, field.header)
            if value is not None:
                _set_path(self.data, path, value)

    def _lists(self, block: Block) -> None:
        sheet = SHEET_BY_BLOCK[block.key].name
        columns = self._columns(block)
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

    def _columns(self, block: Block) -> dict[str, int]:
        """Each field's column index (0-based), found by its header text in row 1."""
        sheet = SHEET_BY_BLOCK[block.key].name
        grid = self.grids[sheet]
        headers = [bare_header(str(text)) if text is not None else "" for text in (grid[0] if grid else ())]
        columns: dict[str, int] = {}
        for field in block.fields:
            wanted = bare_header(field.header)
            if wanted not in headers:
                self._fail(sheet, "", f"缺少列“{field.header}”（第{HEADER_ROW}行表头）")
            columns[field.key] = headers.index(wanted)
        return columns

    def _records(self, block_key: str) -> list[dict[str, Read]]:
        """The non-empty rows of a records block, each field's value with its cell."""
        block = BLOCKS[block_key]
        sheet = SHEET_BY_BLOCK[block_key].name
        columns = self._columns(block)
        records: list[dict[str, Read]] = []
        for number, row in enumerate(self.grids[sheet][FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
            raws = {key: row[index] if len(row) > index else None for key, index in columns.items()}
            if all(_blank(raws[field.key]) for field in block.fields if not field.prefilled):
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
        block = BLOCKS[block_key]
        sheet = SHEET_BY_BLOCK[block_key].name
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
        self._note(("lines",), SHEET_BY_BLOCK["lines"].name, f"A{FIRST_DATA_ROW}", "支出明细")
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
            if owner.value == UNIT_WIDE:
                base: Loc = ("performance", "indicators")
                performance = self.data.setdefault("performance", {})
            elif owner.value in by_name:
                base = ("projects", projects.index(by_name[owner.value]), "performance", "indicators")
                performance = by_name[owner.value].setdefault("performance", {})
            else:
                message = f"所属“{owner.value}”既不是“{UNIT_WIDE}”，也不是“项目”表中登记的项目"
                self._fail(INDICATORS_SHEET, owner.cell, message)
            index = counts[base] = counts.get(base, -1) + 1
            fields = {field.key: field.key for field in BLOCKS["indicators"].fields if field.key != "owner"}
            performance.setdefault("indicators", []).append(self._noted("indicators", record, (*base, index), fields))

    def _three_public(self) -> None:
        result: dict[str, Any] = {}
        for record in self._records("three_public"):
            fund = record["fund_type"]
            if fund.value is None:
                self._fail(SHEET_BY_BLOCK["three_public"].name, fund.cell, "请选择资金类型")
            self._unique(result, fund.value, "three_public", fund.cell)
            amounts = {key: key for key in record if key != "fund_type"}
            result[fund.value] = self._noted("three_public", record, ("three_public", fund.value), amounts)
        self.data["three_public"] = result

    def _last_year(self) -> None:
        sheet = SHEET_BY_BLOCK["last_year"].name
        result: dict[str, Any] = {}
        for record in self._records("last_year"):
            key, code = record["key"], record["function_code"]
            if key.value is None:
                self._fail(sheet, key.cell, "请从下拉框选择比较项")
            if key.value == FUNCTION_COMPARISON:
                if code.value is None:
                    self._fail(sheet, code.cell, "按功能分类科目比较时须填写7位功能分类科目编码")
                comparison = FUNCTION_COMPARISON_PREFIX + self._checked(check_function_code, code, sheet, leaf=True)
            elif code.value is not None:
                self._fail(sheet, code.cell, "只有“按功能分类科目”比较时才填写科目编码")
            else:
                comparison = key.value
            self._unique(result, comparison, "last_year", key.cell)
            result[comparison] = self._noted(
                "last_year", record, ("last_year", comparison), {"amount": "amount", "reason": "reason"}
            )
        self.data["last_year"] = result

    def _vehicles(self) -> None:
        records = self._records("vehicles")
        self._note(("assets", "vehicles"), SHEET_BY_BLOCK["vehicles"].name, "E1", "车辆")
        if records:
            self.data.setdefault("assets", {})["vehicles"] = [
                self._noted("vehicles", record, ("assets", "vehicles", index)) for index, record in enumerate(records)
            ]

    def _names(self, block_key: str, check: Any) -> None:
        sheet = SHEET_BY_BLOCK[block_key].name
        block = BLOCKS[block_key]
        code_key, text_key = block.fields[0].key, block.fields[1].key
        result: dict[str, Any] = {}
        for record in self._records(block_key):
            code = record[code_key]
            if code.value is None:
                self._fail(sheet, code.cell, f"缺少{block.fields[0].header}")
            checked = self._checked(check, code, sheet)
            self._unique(result, checked, block_key, code.cell)
            self._note((block_key, checked), sheet, record[text_key].cell, block.fields[1].header)
            result[checked] = record[text_key].value
        self.data[block_key] = result

    def _glossary(self) -> None:
        records = self._records("glossary")
        if records:
            self.data["glossary"] = [
                self._noted("glossary", record, ("glossary", index)) for index, record in enumerate(records)
            ]

    def _checked(self, check: Any, read: Read, sheet: str, **options: bool) -> str:
        try:
            return str(check(read.value, **options))
        except ValueError as exc:
            self._fail(sheet, read.cell, str(exc))

    def _unique(self, seen: dict[str, Any], key: str, block_key: str, cell: str) -> None:
        if key in seen:
            self._fail(SHEET_BY_BLOCK[block_key].name, cell, f"“{key}”重复填写")

    # --- cell values ----------------------------------------------------------------

    def _convert(self, field: Field, raw: Any, sheet: str, cell: str) -> Any:
        """A cell's value as model input, or None when blank; InputError at the cell when unusable."""
        if _blank(raw):
            return None
        if isinstance(raw, str):
            raw = raw.strip()
        kind = field.kind
        try:
            if kind is Kind.AMOUNT:
                return _exact(raw, 2, "金额").quantize(CENT)
            if kind is Kind.NUMBER:
                return _exact(raw, _MAX_NUMBER_DECIMALS, "数值")
            if kind is Kind.INTEGER:
                return _integer(raw)
            if kind is Kind.FLAG:
                return _flag(raw)
            if kind is Kind.DATE:
                return _date(raw)
            if kind is Kind.CODE:
                return _code(raw)
            if kind is Kind.CHOICE:
                return _choice(field, raw)
            return _text(raw)
        except ValueError as exc:
            self._fail(sheet, cell, str(exc))


PROJECTS_SHEET = SHEET_BY_BLOCK["projects"].name
INDICATORS_SHEET = SHEET_BY_BLOCK["indicators"].name
UNIT_PERFORMANCE_SHEET = SHEET_BY_BLOCK["unit_performance"].name


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _empty(value: Any) -> bool:
    """Nothing filled in: None, or containers holding only empty things."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    return value is None or value == []


def _exact(raw: Any, decimals: int, what: str) -> Decimal:
    """An exact Decimal from a cell: a float through its shortest text, never through arithmetic."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise ValueError(f"不是{what}：{raw!r}")
    if isinstance(raw, float | int):
        value = Decimal(str(raw))
    else:
        try:
            value = parse_amount(raw)
        except AmountTooLarge as exc:
            raise ValueError(str(exc)) from None
        except AmountError:
            raise ValueError(f"不是{what}：{raw!r}") from None
    if not value.is_finite():
        raise ValueError(f"不是{what}：{raw!r}")
    try:
        value = bounded(value, str(raw))
    except AmountTooLarge as exc:
        raise ValueError(str(exc)) from None
    if value.as_tuple().exponent < -decimals:  # type: ignore[operator]
        hint = "（公式结果请先用 ROUND(…,2) 取整到分）" if decimals == 2 else ""
        raise ValueError(f"{what}最多{'两' if decimals == 2 else decimals}位小数：{raw}{hint}")
    return value


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"应为整数：{raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d+", raw):
        return int(raw)
    raise ValueError(f"应为整数：{raw!r}")


def _flag(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"应填“{YES}”或“{NO}”，而不是 {raw!r}")


def _date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        serial = from_excel(raw)
        if isinstance(serial, datetime):
            return serial.date()
    if isinstance(raw, str):
        match = _DATE_TEXT.match(raw)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
    raise ValueError(f"应为日期（如 2024-02-25），而不是 {raw!r}")


def _code(raw: Any) -> str:
    """The code of a code cell; a name after it (`2013101 行政运行`, as the drop-downs offer) is dropped."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    named = _CODE_WITH_NAME.match(text)
    return normalise_code(named[1] if named else text)


def _choice(field: Field, raw: Any) -> str:
    text = _text(raw)
    options = CHOICES[field.choices or ""]
    for label, value in options:
        if text in (label, value):
            return value
    if field.choices == "comparison" and _COMPARISON_KEY.match(text):
        return text
    labels = "、".join(label for label, _ in options[:6]) + ("等，见“填写说明”" if len(options) > 6 else "")
    raise ValueError(f"“{text}”不是可选的{field.header}（可选：{labels}）")


def _text(raw: Any) -> str:
    if isinstance(raw, bool):
        return YES if raw else NO
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


def _set_path(data: dict[str, Any], path: Loc, value: Any) -> None:
    for part in path[:-1]:
        data = data.setdefault(str(part), {})
    data[str(path[-1])] = value
