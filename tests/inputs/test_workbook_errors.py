"""Bad workbooks: each gives one InputError naming `file sheet!cell` (or the file), and writes nothing."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from yusuan.errors import InputError
from yusuan.inputs.workbook_input import load_workbook_budget
from yusuan.inputs.workbook_template import write_template
from yusuan.model import Budget


@pytest.fixture
def example(example_budget: Budget) -> Budget:
    """The built-in example, read from its YAML (tests/conftest.py)."""
    return example_budget


@pytest.fixture
def workbook_path(example: Budget, tmp_path: Path) -> Path:
    path = tmp_path / "budget.xlsx"
    write_template(path, example)
    return path


def _error_after(path: Path, change: Callable[[Workbook], None]) -> InputError:
    """Apply `change` to the workbook at `path`, read it, and return the error (checking nothing was written)."""
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return _error(path)


def _error(path: Path) -> InputError:
    before = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in path.parent.iterdir())
    with pytest.raises(InputError) as caught:
        load_workbook_budget(path)
    after = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in path.parent.iterdir())
    assert after == before  # reading writes nothing
    assert "\n" not in str(caught.value)
    return caught.value


def _replace_in_sheet(path: Path, sheet: str, pattern: str, new: str) -> None:
    """Edit the stored XML of one sheet (openpyxl numbers the sheet files in workbook order)."""
    workbook = load_workbook(path, read_only=True)
    part = f"xl/worksheets/sheet{workbook.sheetnames.index(sheet) + 1}.xml"
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    text = parts[part].decode()
    assert re.search(pattern, text)
    parts[part] = re.sub(pattern, new, text, count=1).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _set(sheet: str, cell: str, value: object) -> Callable[[Workbook], None]:
    def change(workbook: Workbook) -> None:
        workbook[sheet][cell] = value

    return change


def test_malformed_function_code(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "A3", "20131"))
    assert error.place == f"{workbook_path} 支出明细!A3"
    assert "7位" in error.message and "20131" in error.message


def test_malformed_economic_code(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "B4", "3011"))
    assert error.place == f"{workbook_path} 支出明细!B4"
    assert "经济分类" in error.message


def test_negative_amount(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "F4", -5))
    assert error.place == f"{workbook_path} 支出明细!F4"
    assert "负数" in error.message


def test_text_in_an_amount_cell(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "F7", "abc"))
    assert str(error) == f"{workbook_path} 支出明细!F7: 不是金额：'abc'"


@pytest.mark.parametrize(
    ("typed", "said"), [(datetime(2024, 1, 1), "日期 2024-01-01"), (True, "TRUE"), (False, "FALSE")]
)
def test_a_date_or_a_truth_value_in_an_amount_cell_is_said_as_excel_shows_it(
    workbook_path: Path, typed: object, said: str
) -> None:
    error = _error_after(workbook_path, _set("支出明细", "F3", typed))
    assert str(error) == f"{workbook_path} 支出明细!F3: 不是金额：{said}"


def test_amount_with_more_than_two_decimals(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "F2", 241.475))
    assert error.place == f"{workbook_path} 支出明细!F2"
    assert "两位小数" in error.message


def test_formula_residue_is_refused_not_rounded(workbook_path: Path) -> None:
    # Excel stores a formula's result with 17 significant digits (openpyxl would write 16): patch the XML
    stored = '<c r="C2" t="n"><v>60.000000000000007</v>'
    _replace_in_sheet(workbook_path, "三公经费", r'<c r="C2"[^>]*><v>60</v>', stored)
    error = _error(workbook_path)
    assert error.place == f"{workbook_path} 三公经费!C2"
    assert "60.00000000000001" in error.message and "ROUND" in error.message


def test_text_in_an_amount_cell_of_another_sheet(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("上年数", "C2", "一千"))
    assert str(error) == f"{workbook_path} 上年数!C2: 不是金额：'一千'"


def test_project_with_no_lines(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("项目", "A6", "无支出的项目"))
    assert error.place == f"{workbook_path} 项目!A6"
    assert "没有任何支出明细" in error.message


def test_line_of_an_unregistered_project(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "E27", "未登记的项目"))
    assert error.place == f"{workbook_path} 支出明细!E27"
    assert "未登记" in error.message


def test_basic_spending_with_a_project_name(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "E2", "电子公文科工作经费"))
    assert error.place.startswith(f"{workbook_path} 支出明细!")
    assert "基本支出不应写项目名称" in error.message


def test_unknown_fund_source(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "C5", "财政拨款"))
    assert error.place == f"{workbook_path} 支出明细!C5"
    assert "财政拨款" in error.message and "资金来源" in error.message


def test_missing_required_unit_name(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("单位信息", "B2", None))
    assert error.place == f"{workbook_path} 单位信息!B2"
    assert "单位名称" in error.message


def test_year_is_not_a_number(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("单位信息", "B3", "二〇二四"))
    assert error.place == f"{workbook_path} 单位信息!B3"
    assert "整数" in error.message


def test_indicator_of_an_unknown_owner(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("绩效指标", "A3", "不存在的项目"))
    assert error.place == f"{workbook_path} 绩效指标!A3"
    assert "不存在的项目" in error.message


def test_indicator_weight_is_text(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("绩效指标", "G4", "七分"))
    assert error.place == f"{workbook_path} 绩效指标!G4"


def test_function_comparison_without_a_code(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("上年数", "B15", None))
    assert error.place == f"{workbook_path} 上年数!B15"
    assert "7位" in error.message


def test_comparison_given_twice(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("上年数", "A9", "收入：一般公共预算拨款"))
    assert error.place == f"{workbook_path} 上年数!A9"
    assert "重复" in error.message


def test_missing_column(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("支出明细", "F1", "钱"))
    assert error.place == f"{workbook_path} 支出明细"
    assert "金额" in error.message


def test_missing_form_row(workbook_path: Path) -> None:
    error = _error_after(workbook_path, _set("单位信息", "A3", "年份"))
    assert error.place == f"{workbook_path} 单位信息"
    assert "预算年度" in error.message


def test_sheet_missing(workbook_path: Path) -> None:
    def drop(workbook: Workbook) -> None:
        del workbook["支出明细"]

    error = _error_after(workbook_path, drop)
    assert error.place == str(workbook_path)
    assert error.message == "缺少工作表“支出明细”"


def test_not_an_xlsx_file(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    path.write_text("year: 2024\n", encoding="utf-8")
    error = _error(path)
    assert error.place == str(path)
    assert "Excel" in error.message


def test_truncated_workbook(workbook_path: Path) -> None:
    data = workbook_path.read_bytes()
    workbook_path.write_bytes(data[: len(data) // 2])
    error = _error(workbook_path)
    assert error.place == str(workbook_path)


def test_a_day_number_no_calendar_holds_is_not_a_date(workbook_path: Path) -> None:
    """A 落款日期 typed as 3000000 in a cell not formatted as a date (an Excel day number past year 9999) is
    refused at its cell; `from_excel` raised OverflowError, a traceback."""
    workbook = load_workbook(workbook_path)
    [label] = [c for row in workbook["单位信息"].iter_rows() for c in row if c.value == "落款日期"]
    target = workbook["单位信息"].cell(label.row, label.column + 1).coordinate

    def change(book: Workbook) -> None:
        book["单位信息"][target] = 3000000
        book["单位信息"][target].number_format = "General"

    error = _error_after(workbook_path, change)
    assert (error.place, error.message) == (
        f"{workbook_path} 单位信息!{target}",
        "应为日期（如 2024-02-25），而不是 3000000",
    )
