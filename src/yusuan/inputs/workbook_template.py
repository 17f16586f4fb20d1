"""Write the fill-in workbook an accountant types a budget into.

`write_template(path)` writes a blank workbook: an instructions sheet in
Chinese, one sheet per part of the budget (defined in `workbook_layout`), drop-
down lists for every closed choice (fund sources, spending kinds, comparison
items, the projects registered on 项目), code columns formatted as text so
their digits stay as typed, amount columns as numbers with two decimals,
frozen, styled header rows.  `write_template(path, budget)` fills the same
workbook with an existing budget; reading it back with `load_workbook_budget`
gives an equal `Budget` (the example round-trips this way).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.catalog import Catalog, default_catalog
from yusuan.inputs.workbook_layout import (
    CHOICES,
    COMPARISON_LABELS,
    DYNAMIC_CHOICES,
    FIRST_DATA_ROW,
    FORM_HEADERS,
    FUNCTION_COMPARISON,
    HEADER_ROW,
    INSTRUCTIONS,
    NO,
    OPTIONS,
    PROJECT_ROWS,
    PROJECTS,
    SHEETS,
    TABLE_ROWS,
    UNIT_WIDE,
    YES,
    Block,
    Field,
    Kind,
    Shape,
    Sheet,
    comparison_choices,
    header_text,
)
from yusuan.model import Budget
from yusuan.model.budget import FUNCTION_COMPARISON_PREFIX
from yusuan.model.kinds import FISCAL_FUND_TYPES, FUND_SOURCE_LABELS, DocumentKind, FundSource
from yusuan.money import MoneyUnit

Content = dict[str, Any]  # block key → form values, list columns or records

NUMBER_FORMATS = {
    Kind.TEXT: "@",
    Kind.CODE: "@",
    Kind.AMOUNT: "0.00",
    Kind.NUMBER: "General",
    Kind.INTEGER: "0",
    Kind.FLAG: "@",
    Kind.DATE: "yyyy-mm-dd",
    Kind.CHOICE: "@",
}
VEHICLE_CATEGORIES = ("一般公务用车", "执法执勤用车", "其他车辆")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_LABEL_FILL = PatternFill("solid", start_color="F2F2F2")
_NOTE_FONT = Font(color="808080")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAPPED = Alignment(vertical="top", wrap_text=True)


def write_template(path: Path, budget: Budget | None = None) -> None:
    """Write the fill-in workbook to `path` (whole or not at all), pre-filled with `budget` when given."""
    from yusuan.render.files import write_file

    write_file(path, template_bytes(budget))


def template_bytes(budget: Budget | None = None, kind: DocumentKind = DocumentKind.UNIT_BUDGET) -> bytes:
    """The fill-in workbook, pre-filled with `budget` when given, else blank with `kind` chosen."""
    money_unit = budget.money_unit if budget else MoneyUnit.WAN_YUAN
    content = budget_content(budget) if budget else blank_content(kind)
    return workbook_bytes(SHEETS, content, _instruction_lines(money_unit), money_unit, budget.year if budget else None)


def workbook_bytes(
    sheets: tuple[Sheet, ...],
    content: Content,
    instructions: list[tuple[str, str]],
    money_unit: MoneyUnit,
    year: int | None,
) -> bytes:
    """A fill-in workbook of `sheets` (the budget's or the 决算's) holding `content`, after its instructions."""
    import io

    workbook = Workbook()
    _write_instructions(workbook.active, instructions)
    options = _write_options(workbook.create_sheet(OPTIONS), year, sheets)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        for block in sheet.blocks:
            _write_block(worksheet, block, content[block.key], money_unit, options)
        worksheet.freeze_panes = worksheet.cell(FIRST_DATA_ROW, 1).coordinate
    workbook.move_sheet(OPTIONS, offset=len(sheets))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- what goes into the cells -----------------------------------------------------


def blank_content(kind: DocumentKind = DocumentKind.UNIT_BUDGET) -> Content:
    """The blank template: defaults, and the rows every unit fills (fund types, comparison items)."""
    content: Content = {
        "unit": {"kind": kind.value, "money_unit": MoneyUnit.WAN_YUAN.value, "unit.administrative": True},
        "unit_performance": {},
        "other": {},
        "organisation": {},
        "unit_goals": {},
        "vehicles": [{"name": name} for name in VEHICLE_CATEGORIES],
    }
    for key in ("lines", "projects", "indicators", "function_names", "economic_names", "class_purposes", "glossary"):
        content[key] = []
    content["three_public"] = [{"fund_type": fund.value} for fund in FISCAL_FUND_TYPES]
    content["last_year"] = [{"key": key} for _, key in comparison_choices() if key != FUNCTION_COMPARISON]
    return content


def budget_content(budget: Budget) -> Content:
    """Every block's values for an existing budget, in model values (labels are chosen when written)."""
    dump = budget.model_dump()
    content = form_and_list_content(SHEETS, dump)
    content["lines"] = dump["lines"]
    content["projects"] = [
        {**project, **{k: (project["performance"] or {}).get(k) for k in ("leader", "goal")}}
        for project in dump["projects"]
    ]
    content["indicators"] = [
        {"owner": UNIT_WIDE, **indicator} for indicator in (dump["performance"] or {}).get("indicators", [])
    ] + [
        {"owner": project["name"], **indicator}
        for project in dump["projects"]
        for indicator in (project["performance"] or {}).get("indicators", [])
    ]
    content["three_public"] = [{"fund_type": fund, **items} for fund, items in dump["three_public"].items()] + [
        {"fund_type": fund.value} for fund in FISCAL_FUND_TYPES if fund not in budget.three_public
    ]
    content["last_year"] = _comparison_rows(budget)
    vehicles = (dump["assets"] or {}).get("vehicles") or [{"name": name} for name in VEHICLE_CATEGORIES]
    content["vehicles"] = vehicles
    content["function_names"] = [{"code": code, "name": name} for code, name in dump["function_names"].items()]
    content["economic_names"] = [{"code": code, "name": name} for code, name in dump["economic_names"].items()]
    content["class_purposes"] = [{"code": code, "purpose": text} for code, text in dump["class_purposes"].items()]
    content["glossary"] = dump["glossary"] or []
    return content


def _comparison_rows(budget: Budget) -> list[dict[str, Any]]:
    """The budget's comparisons in the drop-down's order, plus empty rows for the items it lacks."""
    compared_codes = [
        key.removeprefix(FUNCTION_COMPARISON_PREFIX)
        for key in budget.last_year
        if key.startswith(FUNCTION_COMPARISON_PREFIX)
    ]
    line_codes = sorted(
        {line.function_code for line in budget.lines if line.source is FundSource.GENERAL_PUBLIC_BUDGET}
    )
    rows: list[dict[str, Any]] = []
    for _, key in comparison_choices():
        if key != FUNCTION_COMPARISON:
            found = budget.last_year.get(key)
            rows.append({"key": key, **(found.model_dump() if found else {})})
            continue
        for code in [*compared_codes, *(code for code in line_codes if code not in compared_codes)]:
            found = budget.last_year.get(FUNCTION_COMPARISON_PREFIX + code)
            rows.append({"key": key, "function_code": code, **(found.model_dump() if found else {})})
    return rows


def form_and_list_content(sheets: Sequence[Sheet], dump: dict[str, Any]) -> Content:
    """The values of every form and list block of `sheets`, taken from a model's dump by each field's key path."""
    content: Content = {}
    for sheet in sheets:
        for block in sheet.blocks:
            if block.shape is Shape.FORM:
                content[block.key] = {field.key: dig(dump, field.key) for field in block.fields}
            elif block.shape is Shape.LISTS:
                content[block.key] = {field.key: dig(dump, field.key) or [] for field in block.fields}
    return content


def dig(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


# --- writing blocks ---------------------------------------------------------------


def _write_block(ws: Worksheet, block: Block, values: Any, unit: MoneyUnit, options: dict[str, str]) -> None:
    first = block.first_column
    if block.shape is Shape.FORM:
        for offset, (title, width) in enumerate(zip(FORM_HEADERS, (30, 40, 44), strict=True)):
            _header(ws, first + offset, title)
            ws.column_dimensions[get_column_letter(first + offset)].width = width
        for row, field in enumerate(block.fields, start=FIRST_DATA_ROW):
            label = ws.cell(row, first, header_text(field, unit))
            label.fill, label.border, label.alignment = _LABEL_FILL, _BORDER, _WRAPPED
            cell = ws.cell(row, first + 1)
            _put(cell, field, values.get(field.key))
            cell.border = _BORDER
            note = ws.cell(row, first + 2, field.note or None)
            note.font, note.alignment = _NOTE_FONT, _WRAPPED
            _validate(ws, field, cell.coordinate, options)
        return
    for offset, field in enumerate(block.fields):
        column = first + offset
        letter = get_column_letter(column)
        _header(ws, column, header_text(field, unit))
        dimension = ws.column_dimensions[letter]
        dimension.width = field.width
        dimension.number_format = NUMBER_FORMATS[field.kind]
        _validate(ws, field, f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + TABLE_ROWS - 1}", options)
        if block.shape is Shape.LISTS:
            for row, item in enumerate(values.get(field.key, []), start=FIRST_DATA_ROW):
                _put(ws.cell(row, column), field, item)
    if block.shape is Shape.RECORDS:
        for row, record in enumerate(values, start=FIRST_DATA_ROW):
            for offset, field in enumerate(block.fields):
                _put(ws.cell(row, first + offset), field, record.get(field.key))


def _header(ws: Worksheet, column: int, title: str) -> None:
    cell = ws.cell(HEADER_ROW, column, title)
    cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _HEADER_FILL, _BORDER, _CENTRED


def _put(cell: Any, field: Field, value: Any) -> None:
    """Write one value in the form its kind asks for (labels for choices, 是/否 for flags)."""
    cell.number_format = NUMBER_FORMATS[field.kind]
    if field.wraps:
        cell.alignment = _WRAPPED
    if value is None or value == "":
        return
    if field.kind is Kind.FLAG:
        cell.value = YES if value else NO
    elif field.kind is Kind.CHOICE and field.choices in CHOICES:
        cell.value = next((label for label, key in CHOICES[field.choices] if key == str(value)), str(value))
    elif field.kind in (Kind.AMOUNT, Kind.NUMBER) or isinstance(value, (int, Decimal, date)):
        cell.value = value
    else:
        cell.value = str(value)
        if cell.data_type == "f":  # a text such as `=100%` is an indicator value, not a formula
            cell.data_type = "s"


def _validate(ws: Worksheet, field: Field, cells: str, options: dict[str, str]) -> None:
    """Drop-down, number check and input prompt for the cells of one field."""
    prompt = field.note[:250] or None
    if field.choices:
        strict = field.choices in CHOICES
        rule = DataValidation(
            type="list",
            formula1=options[field.choices],
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle="请从下拉列表选择",
            error="请从下拉列表中选择一项" if strict else DYNAMIC_CHOICES[field.choices],
        )
    elif field.kind is Kind.AMOUNT:
        rule = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="金额",
            error="请填写不小于 0 的数字，最多两位小数",
        )
    elif field.kind is Kind.INTEGER:
        rule = DataValidation(
            type="whole",
            operator="between",
            formula1="-100000",
            formula2="100000",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="整数",
            error="请填写整数",
        )
    elif prompt:
        rule = DataValidation(allow_blank=True)
    else:
        return
    if prompt:
        rule.showInputMessage, rule.promptTitle, rule.prompt = True, field.header[:32], prompt
    ws.add_data_validation(rule)
    rule.add(cells)


def _write_options(ws: Worksheet, year: int | None, sheets: tuple[Sheet, ...]) -> dict[str, str]:
    """The hidden sheet of the drop-down lists `sheets` use; returns each list's range formula."""
    catalogue = default_catalog()
    ws.sheet_state = "hidden"
    sheet = quote_sheetname(OPTIONS)
    formulas: dict[str, str] = {}
    used = {field.choices for each in sheets for field in fields_of(each) if field.choices}
    for column, (name, choices) in enumerate(((n, c) for n, c in CHOICES.items() if n in used), start=1):
        ws.cell(HEADER_ROW, column, name)
        for row, (label, _) in enumerate(choices, start=FIRST_DATA_ROW):
            ws.cell(row, column, label)
        letter = get_column_letter(column)
        formulas[name] = f"{sheet}!${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + len(choices) - 1}"
    for name, codes, leaf_length in (
        ("function_code", catalogue.function, 7),
        ("economic_code", catalogue.economic, 5),
    ):
        column = ws.max_column + 1
        letter = get_column_letter(column)
        ws.cell(HEADER_ROW, column, name)
        leaves = sorted(code for code in codes if len(code) == leaf_length)
        for row, code in enumerate(leaves, start=FIRST_DATA_ROW):
            ws.cell(row, column, f"{code} {_code_name(catalogue, name, code, year)}")
        formulas[name] = f"{sheet}!${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + max(len(leaves), 1) - 1}"
    if PROJECTS not in sheets:  # the 决算 workbook registers no projects
        return formulas
    projects = quote_sheetname(PROJECTS.name)
    name_column = get_column_letter(PROJECTS.blocks[0].first_column)
    last = FIRST_DATA_ROW + PROJECT_ROWS - 1
    formulas["project"] = f"{projects}!${name_column}${FIRST_DATA_ROW}:${name_column}${last}"
    owner_column = ws.max_column + 1
    letter = get_column_letter(owner_column)
    ws.cell(HEADER_ROW, owner_column, "owner")
    ws.cell(FIRST_DATA_ROW, owner_column, UNIT_WIDE)
    for offset in range(PROJECT_ROWS):
        source = f"{projects}!{name_column}{FIRST_DATA_ROW + offset}"
        ws.cell(FIRST_DATA_ROW + 1 + offset, owner_column, f'=IF({source}="","",{source})')
    formulas["owner"] = f"{sheet}!${letter}${FIRST_DATA_ROW}:${letter}${last + 1}"
    return formulas


def _code_name(catalogue: Catalog, kind: str, code: str, year: int | None) -> str:
    name = catalogue.function_name(code, year) if kind == "function_code" else catalogue.economic_name(code, year)
    return name or ""


# --- the instructions -------------------------------------------------------------


def _write_instructions(ws: Worksheet, lines: list[tuple[str, str]]) -> None:
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 110
    for row, (text, style) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        cell.alignment = _WRAPPED
        if style == "title":
            cell.font = Font(bold=True, size=14)
        elif style == "heading":
            cell.font = Font(bold=True)


def _instruction_lines(unit: MoneyUnit) -> list[tuple[str, str]]:
    lines = [
        ("预算公开填报工作簿（yusuan）", "title"),
        ("本工作簿收集编制单位预算公开文件所需的全部基础数据。填好后运行：yusuan build 本文件.xlsx", ""),
        ("一、通用规则", "heading"),
        (
            f"1. 金额单位：{unit.value}（以“单位信息”表的“金额单位”为准）。金额填数字，最多两位小数，如 1566.00；"
            "不要填文字、单位或负数；用公式算出的金额请先四舍五入到分。",
            "",
        ),
        (
            "2. 科目编码按文本填写，保留全部数字：支出功能分类科目填到项级7位（如 2013101 行政运行），"
            "部门预算支出经济分类科目填到款级5位（如 30101 基本工资）。"
            "可以从下拉框选择（列出内置科目目录，形如“2013101 行政运行”，只读取编码）；"
            "目录不全，不在下拉框中的编码可以直接输入。"
            "各级科目名称填在“科目名称”表。",
            "",
        ),
        ("3. 有下拉框的单元格请从下拉框选择；“是/否”的单元格填 是 或 否。", ""),
        ("4. 空行会被忽略，可以插入行；不要修改表头文字和“项目”列的文字，不要删除或改名工作表。", ""),
        ("5. 所有金额和分类只填一次，合计、占比、增减变化由 yusuan 计算。", ""),
        ("二、资金来源（“支出明细”表“资金来源”列）", "heading"),
    ]
    lines += [
        (f"    {label}" + ("" if label == source.fund_type.label else f"（计入{source.fund_type.label}）"), "")
        for source, label in FUND_SOURCE_LABELS.items()
    ]
    lines += [
        ("三、支出类型（“支出明细”表“支出类型”列）", "heading"),
        ("    人员经费、公用经费：基本支出，不填项目名称；项目支出：必须填写项目名称，并在“项目”表登记该项目。", ""),
        ("四、上年数（“上年数”表）", "heading"),
        (
            "    每个比较项一行：上年预算数及说明中引用的变动原因。按功能分类科目比较时，比较项选"
            f"“{COMPARISON_LABELS[FUNCTION_COMPARISON]}”，并在“功能分类科目编码”列填7位编码。"
            "说明引用的比较项（本年有的收入来源、支出、“三公”经费各项等）必须填写，上年没有的填 0；"
            "生成时会一次列出所缺的全部比较项。可选的比较项：",
            "",
        ),
    ]
    lines += [(f"    {label}", "") for label, _ in comparison_choices()]
    lines.append(("五、各工作表", "heading"))
    for sheet in SHEETS:
        lines.append((f"【{sheet.name}】{sheet.purpose}", "heading"))
        lines += [(f"    {field_help(field, unit)}", "") for field in fields_of(sheet)]
    return lines


def fields_of(sheet: Sheet) -> list[Field]:
    return [field for block in sheet.blocks for field in block.fields]


def field_help(field: Field, unit: MoneyUnit) -> str:
    note = field.note or {Kind.AMOUNT: "金额", Kind.INTEGER: "整数", Kind.NUMBER: "数字"}.get(field.kind, "")
    return f"{header_text(field, unit)}：{note}" if note else header_text(field, unit)
