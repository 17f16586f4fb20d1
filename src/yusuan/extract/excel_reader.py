"""Read a published Excel workbook (.xlsx with openpyxl, .xls with xlrd) into the reader's lines.

The official templates (Shanghai's `budget_template.xls`, the 2026 单位/部门
workbooks) put one table per sheet: the title merged across the top, the
`编制单位：… 单位：元` row, the header rows with merged cells, then the body;
the other sheets hold the cover, contents and narrative as long text cells.
Each sheet becomes lines as the text reader knows them: a row with a single
text (a title, a note, a paragraph; text cells split at their line breaks),
or a list mark and its text (`一、` | `主要职能`), is a line of text; any
other row is a tab-separated table row whose merged cells keep their text at
the top-left.  A row with one value inside a table (`二、事业收入` with no
amount) stays a table row unless its cell is merged across the table.  Line
numbers are the sheet's row numbers and the "page" is the sheet's position
in the workbook (1-based).

Numbers arrive as numbers and are written with the decimals their number
format shows (`#,##0.00` → `130.00`, as printed); a whole number without a
format (a code `205`, xlrd's `205.0`) without decimals.  No float reaches an
amount: floats go through their shortest decimal form.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.errors import InputError, unreadable
from yusuan.extract.lines import TextLine
from yusuan.lazy_pattern import lazy_compile
from yusuan.limits import MAX_INPUT_BYTES, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, check_archive

MAX_BYTES = MAX_INPUT_BYTES
MAX_ROWS = MAX_SHEET_ROWS
MAX_COLUMNS = MAX_SHEET_COLUMNS
MAX_BLANK_ROWS = 200
_NOTE_START = ("注", "备注", "说明", "此表为空", "本表")
_CENT = Decimal("0.01")
_FORMAT_NOISE = lazy_compile(r"\[[^\]]*\]|\"[^\"]*\"")  # colours, conditions and quoted text in a number format
_LIST_MARK = lazy_compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|\d{1,2}\s*[.、．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）])\s*$"
)


@dataclass
class Sheet:
    """A sheet as plain values: rows of texts and the merged ranges (0-based, inclusive)."""

    name: str
    rows: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, last row, first col, last col


def workbook_lines(path: Path) -> list[TextLine]:
    """Every sheet's lines, in workbook order; InputError if the file is not a readable workbook."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), unreadable(exc)) from exc
    if size > MAX_BYTES:
        raise InputError(str(path), f"Excel 文件过大（{size // 1024 // 1024} MB），不像是一份预算公开文件")
    sheets = _xls_sheets(path) if path.suffix.lower() == ".xls" else _xlsx_sheets(path)
    lines: list[TextLine] = []
    for number, sheet in enumerate(sheets, start=1):
        lines.extend(sheet_lines(sheet, number))
    if not any(not line.is_blank for line in lines):
        raise InputError(str(path), "Excel 文件中没有任何内容")
    return lines


def sheet_lines(sheet: Sheet, page: int) -> list[TextLine]:
    """The lines of one sheet (`page` is its position in the workbook)."""
    width = max((_last_filled(row) + 1 for row in sheet.rows), default=0)
    spans = {(top, left): right - left + 1 for top, _bottom, left, right in sheet.merged}
    lines: list[TextLine] = []
    in_table = False
    for index, row in enumerate(sheet.rows):
        filled = [c for c, text in enumerate(row[:width]) if text]
        if not filled:
            continue
        if len(filled) == 1:
            text = row[filled[0]]
            across = spans.get((index, filled[0]), 1) >= max(2, width * 0.6)
            if not in_table or across or text.lstrip().startswith(_NOTE_START):
                lines.extend(TextLine(piece.rstrip(), index + 1, page) for piece in text.split("\n") if piece.strip())
                continue
        elif (joined := _text_row([row[c] for c in filled])) is not None:
            lines.append(TextLine(joined, index + 1, page))
            continue
        else:
            in_table = True
        cells = [" ".join(part.strip() for part in cell.split("\n") if part.strip()) for cell in row[:width]]
        lines.append(TextLine("\t".join(cells + [""] * (width - len(cells))), index + 1, page))
    return lines


def _text_row(texts: list[str]) -> str | None:
    """Two cells of text that read as one line (`一、` + `主要职能`, or a long sentence), else None."""
    if len(texts) != 2 or any(ch.isdigit() for ch in texts[1][:12]):
        return None
    first, second = texts
    if _LIST_MARK.match(first):
        return first.strip() + second.strip()
    if len(second) >= 40 or second.rstrip().endswith(("。", "；")):
        return f"{first.strip()} {second.strip()}"
    return None


def _last_filled(row: Sequence[str]) -> int:
    return max((i for i, text in enumerate(row) if text), default=-1)


def cell_text(value: Any, number_format: str = "General") -> str:
    """A cell value as the text it shows: numbers with the decimals their format shows, without float noise."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | Decimal) or hasattr(value, "is_integer"):
        exact = Decimal(value) if isinstance(value, int | Decimal) else Decimal(repr(value))
        places = _decimals(number_format)
        if places is not None:
            return format(exact.quantize(Decimal(1).scaleb(-places)), "f")
        if exact == exact.to_integral_value():
            return str(int(exact))
        rounded = exact.quantize(_CENT)
        return format(rounded if abs(exact - rounded) < Decimal("0.000001") else exact, "f")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").strip(" ")


def _decimals(number_format: str) -> int | None:
    """Decimal places a number format shows (`#,##0.00` → 2), None for General or a text format."""
    section = _FORMAT_NOISE.sub("", number_format.split(";", maxsplit=1)[0])
    if not re.search(r"[0#]", section):
        return None
    match = re.search(r"\.(0+)", section)
    return len(match.group(1)) if match else 0


def _xlsx_sheets(path: Path) -> Iterator[Sheet]:
    openpyxl: Any = importlib.import_module("openpyxl")
    check_archive(path, "Excel")
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)  # streaming: twice as fast
        merges = _xlsx_merges(path)
    except Exception as exc:  # openpyxl raises zip, XML and key errors of many kinds for damaged files
        raise InputError(str(path), "无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）") from exc
    try:
        for number, worksheet in enumerate(workbook.worksheets):
            rows: list[list[str]] = []
            blank = 0
            for number_of_row, cells in enumerate(worksheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS), 1):
                if number_of_row > MAX_ROWS:
                    if any(c.value is not None for c in cells):
                        raise _too_many_rows(path, str(worksheet.title))
                    break
                row = [
                    cell_text(c.value, getattr(c, "number_format", "General")) if c.value is not None else ""
                    for c in cells
                ]
                blank = 0 if any(row) else blank + 1
                if blank > MAX_BLANK_ROWS:  # a used range inflated by formatting: nothing more to read
                    break
                rows.append(row)
            yield Sheet(str(worksheet.title), rows, merges[number] if number < len(merges) else [])
    finally:
        workbook.close()


_MERGE = re.compile(rb'<mergeCell[^>]*\sref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_SHEET_TARGET = re.compile(rb'<sheet\b[^>]*\sr:id="([^"]+)"')
_RELATION = re.compile(
    rb'<Relationship\b[^>]*\sId="([^"]+)"[^>]*\sTarget="([^"]+)"|<Relationship\b[^>]*\sTarget="([^"]+)"[^>]*\sId="([^"]+)"'
)


def _xlsx_merges(path: Path) -> list[list[tuple[int, int, int, int]]]:
    """Merged ranges of each sheet, in workbook order (read-only openpyxl does not give them)."""
    from zipfile import ZipFile

    with ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
        targets: dict[bytes, bytes] = {}
        for match in _RELATION.finditer(relations):
            key, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            targets[key] = target
        result: list[list[tuple[int, int, int, int]]] = []
        for rel in _SHEET_TARGET.findall(workbook):
            target = targets.get(rel, b"").decode().lstrip("/")
            name = target if target.startswith("xl/") else f"xl/{target}"
            try:
                xml = archive.read(name)
            except KeyError:
                result.append([])
                continue
            result.append(
                [(int(r0) - 1, int(r1) - 1, _column(c0) - 1, _column(c1) - 1) for c0, r0, c1, r1 in _MERGE.findall(xml)]
            )
    return result


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xls_format(book: Any, xf_index: int | None) -> str:
    try:
        return str(book.format_map[book.xf_list[xf_index].format_key].format_str)
    except (IndexError, KeyError, TypeError, AttributeError):
        return "General"


def _xls_sheets(path: Path) -> Iterator[Sheet]:
    xlrd: Any = importlib.import_module("xlrd")
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises its own XLRDError, struct and index errors for damaged files
        raise InputError(str(path), "无法打开 Excel 文件（文件损坏、加密或不是 .xls）") from exc
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = []
            if sheet.nrows > MAX_ROWS:
                raise _too_many_rows(path, str(sheet.name))
            for r in range(sheet.nrows):
                row = []
                for c in range(min(sheet.ncols, MAX_COLUMNS)):
                    cell = sheet.cell(r, c)
                    value = cell.value
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        value = None
                    row.append(cell_text(value, _xls_format(book, cell.xf_index)))
                rows.append(row)
            merged = [(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
            yield Sheet(str(sheet.name), rows, merged)
            book.unload_sheet(index)
    finally:
        book.release_resources()


def _too_many_rows(path: Path, sheet: str) -> InputError:
    return InputError(
        f"{path} {sheet}!A{MAX_ROWS + 1}",
        f"工作表超过 {MAX_ROWS:,} 行的上限；只读前 {MAX_ROWS:,} 行会漏掉内容，因此未读取这份文件",
    )
