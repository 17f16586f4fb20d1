"""A department built from its three units: every line the exact sum, department wording, clear errors."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from yusuan.compile import compile_budget
from yusuan.errors import InputError
from yusuan.inputs import load_budget
from yusuan.model import Budget, Disclosure, Section
from yusuan.model.kinds import DocumentKind

DEPARTMENT = FIXTURES / "department"
UNITS = ["本级.yaml", "信息中心.yaml", "土地储备中心.yaml"]


def _budget(path: Path, units: list[Path] | None = None) -> Budget:
    budget = load_budget(path, units)
    assert isinstance(budget, Budget)
    return budget


@pytest.fixture(scope="module")
def department() -> Disclosure:
    return compile_budget(_budget(DEPARTMENT / "department.yaml"))


@pytest.fixture(scope="module")
def units() -> list[Disclosure]:
    return [compile_budget(_budget(DEPARTMENT / name)) for name in UNITS]


def test_every_table_cell_is_the_sum_of_the_units_cells(department: Disclosure, units: list[Disclosure]) -> None:
    compared = 0
    for table in department.tables:
        for row in table.rows:
            for column, cell in row.cells.items():
                theirs = []
                for unit in units:
                    same = next(t for t in unit.tables if t.kind is table.kind).row(row.key, row.side)
                    theirs.append(same.amount(column) if same is not None else Decimal(0))
                assert (cell.value or Decimal(0)) == sum(theirs, Decimal(0)), (table.number, row.key, column)
                compared += 1
    assert compared > 300


def test_the_department_speaks_of_itself_and_lists_its_units(department: Disclosure) -> None:
    assert department.meta.kind is DocumentKind.DEPARTMENT_BUDGET
    assert department.tables[0].title == "部门收支总体情况表"
    overview = department.narrative[0].text()
    assert "纳入示例市自然资源和规划局2026年部门预算编制范围的单位共3个" in overview
    assert "示例市自然资源和规划局本级、示例市国土资源信息中心、示例市土地储备中心" in overview
    assert "所属2个单位" in department.profile.organisation
    assert department.profile.staffing is not None and department.profile.staffing.authorised == 95


def test_summed_last_year_and_the_departments_own_reasons() -> None:
    budget = _budget(DEPARTMENT / "department.yaml")
    assert budget.last_year["income.general_public_budget"].amount == Decimal("1600.00")
    assert budget.last_year["expenditure.project"].reason.startswith("土地征收补偿")
    assert budget.procurement.total == Decimal("255.00")
    owners = {p.name: p.owner for p in budget.projects}
    assert owners["土地征收补偿"] == "示例市土地储备中心"


def test_units_given_on_the_command_line_replace_the_list_and_put_the_own_office_first(tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    for name in UNITS:
        shutil.copy(DEPARTMENT / name, folder / name)
    budget = _budget(DEPARTMENT / "department.yaml", [folder])
    assert budget.unit.subordinate_units == ["示例市国土资源信息中心", "示例市土地储备中心"]
    assert sum((line.amount for line in budget.lines), Decimal(0)) == Decimal("4087.05")


def _copy(tmp_path: Path, edit: str, old: str, new: str) -> Path:
    for name in [*UNITS, "department.yaml"]:
        shutil.copy(DEPARTMENT / name, tmp_path / name)
    path = tmp_path / edit
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    return tmp_path / "department.yaml"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("year: 2026", "year: 2025", "预算年度 2025 与部门的 2026 年不一致"),
        ("money_unit: 万元", "money_unit: 元", "金额单位 元 与"),
        ('"2200150": 事业运行', '"2200150": 事业单位运行', "经济分类科目|功能分类科目 2200150"),
    ],
)
def test_units_that_cannot_be_added_name_their_file(tmp_path: Path, old: str, new: str, said: str) -> None:
    path = _copy(tmp_path, "土地储备中心.yaml", old, new)
    with pytest.raises(InputError) as raised:
        load_budget(path)
    assert raised.value.place == str(tmp_path / "土地储备中心.yaml")
    assert any(part in raised.value.message for part in said.split("|"))


def test_a_missing_unit_file_is_named(tmp_path: Path) -> None:
    path = _copy(tmp_path, "department.yaml", "  - 信息中心.yaml", "  - 不存在.yaml")
    with pytest.raises(InputError, match="所属单位的预算文件不存在") as raised:
        load_budget(path)
    assert "不存在.yaml" in raised.value.place


def test_units_only_for_a_department_file() -> None:
    with pytest.raises(InputError, match="只有部门文件"):
        load_budget(DEPARTMENT / "本级.yaml", [DEPARTMENT / "信息中心.yaml"])


def test_assets_three_public_and_staffing_are_added_up() -> None:
    from yusuan.compile.consolidate import consolidate
    from yusuan.model.department import Department, DepartmentProfile

    own = _budget(DEPARTMENT / "本级.yaml")
    twin = own.model_copy(update={"unit": own.unit.model_copy(update={"name": "示例市测绘院"})})
    department = Department(department=DepartmentProfile(name="示例市自然资源和规划局", duties=["职能。"]))
    summed = consolidate(department, [("本级.yaml", own), ("测绘院.yaml", twin)])
    assert summed.assets is not None and own.assets is not None
    assert [(v.name, v.count, v.value) for v in summed.assets.vehicles] == [("一般公务用车", 8, Decimal("160.00"))]
    assert summed.assets.building_area == 2 * own.assets.building_area
    assert summed.unit.staffing.in_service == 110
    assert summed.unit.subordinate_units == ["示例市测绘院"]
    three = next(iter(summed.three_public.values()))
    assert (three.reception, three.vehicle_operation) == (Decimal("6.00"), Decimal("24.00"))
    assert sum((line.amount for line in summed.lines), Decimal(0)) == 2 * sum(
        (line.amount for line in own.lines), Decimal(0)
    )
    with pytest.raises(InputError, match="不能重复汇总"):
        consolidate(department, [("本级.yaml", own), ("again.yaml", own)])


def test_running_costs_are_the_administrative_units_public_costs_only(department: Disclosure) -> None:
    """机关运行经费 of a department: 本级's 公用经费 (52.00), not the 78.25 of all three units (two are 事业单位)."""
    assert "机关运行经费财政拨款预算52.00万元" in "".join(s.text() for s in department.narrative)
    basic = next(t for t in department.tables if t.number == "6")
    assert basic.row("total").amount("public") == Decimal("78.25")


def test_the_department_is_clean_under_check_with_its_smaller_running_costs(department: Disclosure) -> None:
    from yusuan.check import run_checks

    report = run_checks(department)
    assert [f.code for f in report.findings if f.severity.value != "info"] == []


def test_running_costs_above_all_public_costs_are_still_found(department: Disclosure) -> None:
    from yusuan.check import run_checks

    def raised(section: Section) -> Section:
        if section.key != "running_costs":
            return section.model_copy(update={"subsections": [raised(s) for s in section.subsections]})
        paragraphs = [
            p.model_copy(update={"text": p.text.replace("52.00万元", "90.00万元")}) for p in section.paragraphs
        ]
        return section.model_copy(update={"paragraphs": paragraphs})

    changed = department.model_copy(update={"narrative": [raised(s) for s in department.narrative]})
    found = [f for f in run_checks(changed).findings if f.code == "running-costs"]
    assert [(f.expected, f.actual) for f in found] == [(Decimal("78.25"), Decimal("90.00"))]
    assert "不应超过各单位公用经费之和" in found[0].message
