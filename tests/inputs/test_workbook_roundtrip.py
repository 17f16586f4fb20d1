"""The example budget survives YAML → workbook → Budget unchanged, and a hand-filled blank template reads."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.inputs.workbook_input import load_workbook_budget
from yusuan.inputs.workbook_template import write_template
from yusuan.model import Budget, Disclosure, FundSource, FundType, SpendingKind


@pytest.fixture
def example(example_budget: Budget) -> Budget:
    """The built-in example, read from its YAML (tests/conftest.py)."""
    return example_budget


def test_example_round_trips_through_the_workbook(example: Budget, tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    write_template(path, example)
    again = load_workbook_budget(path)
    assert again == example
    assert load_budget(path) == example  # the suffix dispatcher reaches the same reader
    # the figures the tables are built from, spelled out
    assert [line.amount for line in again.lines][:3] == [Decimal("241.47"), Decimal("340.39"), Decimal("165.49")]
    assert str(again.lines[0].amount) == "241.47"
    assert again.lines[0].function_code == "2013101"
    assert again.lines[-1].source is FundSource.OTHER_INCOME
    assert again.lines[-1].kind is SpendingKind.PROJECT
    assert again.three_public[FundType.GENERAL_PUBLIC_BUDGET].vehicle_operation == Decimal("70.00")
    assert again.last_year["general_public_budget.function.2080505"].amount == Decimal("103.37")
    assert again.project("专用通信运行保障工作经费").classified is True
    assert again.project("电子公文科工作经费").performance is not None
    assert again.performance is not None and again.performance.phone == "15299728688"
    assert again.unit.staffing.actual == 87


def test_example_workbook_compiles_to_the_identical_disclosure(
    example: Budget, example_disclosure: Disclosure, tmp_path: Path
) -> None:
    path = tmp_path / "budget.xlsx"
    write_template(path, example)
    assert compile_budget(load_budget(path)) == example_disclosure


def test_writing_the_read_budget_again_gives_the_same_cells(example: Budget, tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_template(first, example)
    write_template(second, load_workbook_budget(first))
    a, b = load_workbook(first), load_workbook(second)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert list(a[name].values) == list(b[name].values), name


def test_amounts_are_numbers_with_two_decimals_and_codes_are_text(example: Budget, tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    write_template(path, example)
    lines = load_workbook(path)["支出明细"]
    assert lines["A2"].value == "2013101" and lines["A2"].data_type == "s" and lines["A2"].number_format == "@"
    assert lines["B2"].value == "30101" and lines["B2"].number_format == "@"
    assert lines["F2"].value == pytest.approx(241.47) and lines["F2"].number_format == "0.00"
    assert lines["C2"].value == "一般公共预算" and lines["D2"].value == "人员经费"
    assert lines["F1"].value == "金额（万元）"
    indicators = load_workbook(path)["绩效指标"]
    # indicator values such as `=0%` are text, not formulas
    assert "=0%" in [cell.value for cell in indicators["E"]]
    assert all(cell.data_type != "f" for cell in indicators["E"])


def test_empty_rows_and_text_amounts_are_accepted(example: Budget, tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    write_template(path, example)
    workbook = load_workbook(path)
    lines = workbook["支出明细"]
    lines["F2"] = "241.47"  # typed into a text cell
    lines.insert_rows(5, 3)  # blank rows in the middle
    lines["A9"] = " 201 31 01 "  # spaces inside a code are dropped
    lines["B9"] = "30112 其他社会保障缴费"  # as the drop-down offers it: the name is dropped
    workbook.save(path)
    assert load_workbook_budget(path) == example


def test_filling_in_the_blank_template(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    unit = workbook["单位信息"]
    for label, value in {"单位名称": "某某局", "预算年度": 2025, "编制数": 12, "在职人数": 10, "退休人数": 3}.items():
        row = next(r for r in range(2, 20) if unit.cell(r, 1).value == label)
        unit.cell(row, 2, value)
    workbook["职能与机构"]["A2"] = "负责本级财政工作。"
    lines = workbook["支出明细"]
    lines.append(["2013101", "30101", "一般公共预算", "人员经费", None, 12.5])
    lines.append(["2013101", "30201", "上级补助收入", "项目支出", "办公设备购置", 3])
    workbook["项目"].append(["办公设备购置"])
    workbook["上年数"]["C2"] = 10  # 收入：一般公共预算拨款
    workbook["三公经费"]["C2"] = 1.2  # 一般公共预算 公务接待费
    workbook.save(path)

    budget = load_workbook_budget(path)
    assert budget.year == 2025 and budget.unit.name == "某某局"
    assert budget.unit.administrative is True and budget.unit.duties == ["负责本级财政工作。"]
    assert [(line.amount, line.source, line.project) for line in budget.lines] == [
        (Decimal("12.50"), FundSource.GENERAL_PUBLIC_BUDGET, None),
        (Decimal("3.00"), FundSource.SUPERIOR_SUBSIDY, "办公设备购置"),
    ]
    assert [project.name for project in budget.projects] == ["办公设备购置"]
    assert budget.projects[0].performance is None
    assert set(budget.last_year) == {"income.general_public_budget"}  # the other prepared rows stay empty
    assert budget.three_public == {FundType.GENERAL_PUBLIC_BUDGET: budget.three_public[FundType.GENERAL_PUBLIC_BUDGET]}
    assert budget.three_public[FundType.GENERAL_PUBLIC_BUDGET].reception == Decimal("1.20")
    assert budget.assets is None and budget.performance is None and budget.glossary is None
