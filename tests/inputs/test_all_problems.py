"""A faulty input reports every problem in one run: one line each, sheet!cell or file:line, in sheet order.

A blank fill-in workbook used to report one missing cell per run; a workbook
with many mistakes one mistake per run.  Now every problem found is listed
(at most `MAX_REPORTED_PROBLEMS`, then how many more), exit 2, and places are
named in words, never as key paths (`lines.0.amount`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.conftest import EXAMPLE
from yusuan.cli import app
from yusuan.errors import InputError, InputErrors
from yusuan.inputs.workbook_input import load_workbook_budget
from yusuan.inputs.workbook_layout import SHEETS
from yusuan.inputs.workbook_template import write_template
from yusuan.limits import MAX_REPORTED_PROBLEMS
from yusuan.model import Budget

runner = CliRunner()
KEY_PATH = re.compile(r"\b[a-z_]+\.\d+\.[a-z_]+\b")  # lines.0.amount


def _build(path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "--format", "html"], terminal_width=400)
    assert result.exit_code == 2, result.output
    assert not out.exists() or not any(out.iterdir())
    lines = result.output.strip().splitlines()
    assert all(line.startswith("错误：") for line in lines), lines
    return [line.removeprefix("错误：") for line in lines]


def test_blank_workbook_reports_every_missing_cell_at_once(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    write_template(path)
    assert _build(path, tmp_path) == [
        f"{path} 单位信息!B2: 单位名称：缺少必填项",
        f"{path} 单位信息!B3: 预算年度：缺少必填项",
        f"{path} 单位信息!B8: 编制数：缺少必填项",
        f"{path} 单位信息!B9: 在职人数：缺少必填项",
        f"{path} 单位信息!B11: 退休人数：缺少必填项",
        f"{path} 职能与机构!A2: 主要职能：至少需要一项",
        f"{path} 支出明细!A2: 支出明细：至少需要一项",
    ]


@pytest.fixture
def filled(example_budget: Budget, tmp_path: Path) -> Path:
    path = tmp_path / "budget.xlsx"
    write_template(path, example_budget)
    return path


def test_many_mistakes_are_reported_together_in_sheet_order(filled: Path, tmp_path: Path) -> None:
    workbook = load_workbook(filled)
    workbook["三公经费"]["C2"] = "六十"
    workbook["支出明细"]["F7"] = "abc"
    workbook["支出明细"]["A3"] = "20131"
    workbook["单位信息"]["B3"] = "二〇二四"
    workbook["上年数"]["C2"] = "一千"
    workbook.save(filled)
    lines = _build(filled, tmp_path)
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{filled} 单位信息!B3",
        f"{filled} 支出明细!A3",
        f"{filled} 支出明细!F7",
        f"{filled} 三公经费!C2",
        f"{filled} 上年数!C2",
    ]
    assert lines[2] == f"{filled} 支出明细!F7: 不是金额：'abc'"
    assert "7位" in lines[1]
    order = [sheet.name for sheet in SHEETS]
    sheets = [line.split(" ", 1)[1].split("!")[0] for line in lines]
    assert sheets == sorted(sheets, key=order.index)


def test_problems_are_bounded_with_a_count_of_the_rest(filled: Path, example_budget: Budget) -> None:
    workbook = load_workbook(filled)
    sheet = workbook["支出明细"]
    rows = range(2, 2 + len(example_budget.lines))
    for row in rows:
        sheet[f"A{row}"] = "1"
        sheet[f"F{row}"] = "x"
    workbook.save(filled)
    with pytest.raises(InputErrors) as caught:
        load_workbook_budget(filled)
    total = 2 * len(rows)
    assert total > MAX_REPORTED_PROBLEMS
    assert len(caught.value.problems) == total
    lines = caught.value.lines()
    assert len(lines) == MAX_REPORTED_PROBLEMS + 1
    assert lines[0].startswith(f"{filled} 支出明细!A2: ")
    assert lines[1] == f"{filled} 支出明细!F2: 不是金额：'x'"
    assert lines[-1] == f"还有 {total - MAX_REPORTED_PROBLEMS} 处问题未列出（共 {total} 处）；请先改正以上各处"
    assert str(caught.value) == lines[0]  # one line for a caller that shows one


def test_one_problem_is_a_plain_input_error(filled: Path) -> None:
    workbook = load_workbook(filled)
    workbook["支出明细"]["F7"] = "abc"
    workbook.save(filled)
    with pytest.raises(InputError) as caught:
        load_workbook_budget(filled)
    assert not isinstance(caught.value, InputErrors)
    assert caught.value.lines() == [f"{filled} 支出明细!F7: 不是金额：'abc'"]


def test_yaml_reports_every_field_error_at_its_line_in_words(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('amount: "241.47"', 'amount: "abc"', 1).replace("  administrative: true", "  名称: x", 1)
    path = tmp_path / "budget.yaml"
    path.write_text(text, encoding="utf-8")
    numbered = path.read_text(encoding="utf-8").splitlines()
    line_of = {
        needle: next(n for n, line in enumerate(numbered, 1) if needle in line) for needle in ("名称: x", '"abc"')
    }
    lines = _build(path, tmp_path)
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:{line_of['名称: x']}: 单位信息的“名称”：不认识的字段")
    amount_line = line_of['"abc"']
    assert re.fullmatch(rf"{re.escape(str(path))}:{amount_line}: 支出明细第\d+项的金额：不是金额：'abc'", lines[1])
    assert not any(KEY_PATH.search(line) for line in lines)
