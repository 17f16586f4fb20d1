"""A department's document checked against its units' documents, line by line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from yusuan.audit import check_department
from yusuan.check.department import CODE, UnitDocument, check_against_units
from yusuan.cli import app
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure, Table
from yusuan.model.kinds import TableKind
from yusuan.pipeline import render_all

DEPARTMENT = FIXTURES / "department"
UNITS = {"本级": "本级.yaml", "信息中心": "信息中心.yaml", "土地储备中心": "土地储备中心.yaml"}
runner = CliRunner()


def _compiled(name: str) -> Disclosure:
    return compile_budget(load_budget(DEPARTMENT / name))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The department's and the units' documents as published web pages."""
    folder = tmp_path_factory.mktemp("published")
    files = {}
    for key, name in [("部门", "department.yaml"), *UNITS.items()]:
        files[key] = folder / f"{key}.html"
        files[key].write_bytes(render_all(_compiled(name), ("html",))["html"])
    return files


def _unit_sum_findings(checked: object) -> list:
    return [f for f in checked.report.findings if f.code.startswith("department-")]  # type: ignore[attr-defined]


def test_budget_files_check_clean() -> None:
    checked = check_department(DEPARTMENT / "department.yaml", [DEPARTMENT / name for name in UNITS.values()])
    assert _unit_sum_findings(checked) == []
    assert checked.report.ok


def test_published_documents_check_clean(published: dict[str, Path]) -> None:
    checked = check_department(published["部门"], [published[key] for key in UNITS])
    assert _unit_sum_findings(checked) == []


def test_a_changed_unit_figure_is_found_at_its_line_with_the_unit_named(
    published: dict[str, Path], tmp_path: Path
) -> None:
    text = published["信息中心"].read_text("utf-8")
    assert '<td class="amount">253.80</td>' in text  # 2200150 事业运行, first printed in 表2
    changed = tmp_path / "信息中心.html"
    changed.write_text(text.replace('<td class="amount">253.80</td>', '<td class="amount">263.80</td>', 1), "utf-8")
    checked = check_department(published["部门"], [published["本级"], changed, published["土地储备中心"]])
    findings = _unit_sum_findings(checked)
    assert len(findings) == 1
    found = findings[0]
    assert found.code == CODE
    assert (found.location.table, found.location.row, found.location.column) == ("2", "2200150", "fiscal_subtotal")
    assert (found.actual, found.expected) == (Decimal("385.05"), Decimal("395.05"))
    assert "示例市国土资源信息中心此行为 263.80" in found.message
    assert not checked.report.ok


def _with_cell(disclosure: Disclosure, kind: TableKind, row_key: str, column: str, value: str) -> Disclosure:
    def changed(table: Table) -> Table:
        rows = [
            row.model_copy(
                update={"cells": {**row.cells, column: row.cells[column].model_copy(update={"value": Decimal(value)})}}
            )
            if row.key == row_key
            else row
            for row in table.rows
        ]
        return table.model_copy(update={"rows": rows})

    tables = [changed(t) if t.kind is kind else t for t in disclosure.tables]
    return disclosure.model_copy(update={"tables": tables})


def test_a_line_only_one_unit_has_names_that_unit() -> None:
    department = _compiled("department.yaml")
    units = [UnitDocument(key, _compiled(name)) for key, name in UNITS.items()]
    # 2120801 征地和拆迁补偿支出 is the 土地储备中心's alone; change it everywhere in its 表8 column
    changed = _with_cell(units[2].disclosure, TableKind.GOVERNMENT_FUND_EXPENDITURE, "2120801", "total", "2500.00")
    units[2] = UnitDocument("土地储备中心", changed)
    findings = check_against_units(department, units)
    assert [(f.location.table, f.location.row, f.location.column) for f in findings] == [("8", "2120801", "total")]
    assert "土地储备中心" in findings[0].message


def test_a_doubtful_table_is_not_compared() -> None:
    department = _compiled("department.yaml")
    units = [UnitDocument(key, _compiled(name)) for key, name in UNITS.items()]
    changed = _with_cell(units[1].disclosure, TableKind.INCOME_SUMMARY, "2200150", "total", "999.00")
    doubtful = [
        t.model_copy(update={"doubt": "表头未能读出"}) if t.kind is TableKind.INCOME_SUMMARY else t
        for t in changed.tables
    ]
    units[1] = UnitDocument("信息中心", changed.model_copy(update={"tables": doubtful}))
    findings = check_against_units(department, units)
    assert [f.code for f in findings] == ["department-unit-table"]


def test_cli_checks_a_department_against_its_units(published: dict[str, Path]) -> None:
    args = ["check", str(published["部门"]), "--units", *(str(published[k]) for k in UNITS), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "department-unit-sum" not in result.output


def test_cli_units_of_another_year_are_refused(tmp_path: Path) -> None:
    unit = tmp_path / "本级.yaml"
    unit.write_text((DEPARTMENT / "本级.yaml").read_text("utf-8").replace("year: 2026", "year: 2025"), "utf-8")
    result = runner.invoke(app, ["check", str(DEPARTMENT / "department.yaml"), "--units", str(unit)])
    assert result.exit_code == 2
    assert "2025 年" in result.output and str(unit) in result.output


def test_cli_build_department_with_units_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(DEPARTMENT / "department.yaml"), "-o", str(out), "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["示例市自然资源和规划局-2026-部门预算公开.xlsx"]
    missing = runner.invoke(app, ["build", str(DEPARTMENT / "department.yaml"), "--units", "-o", str(out)])
    assert missing.exit_code == 2
    two = runner.invoke(app, ["build", str(DEPARTMENT / "department.yaml"), str(DEPARTMENT / "本级.yaml")])
    assert two.exit_code == 2 and "--units" in two.output


def test_cli_units_as_a_folder_and_a_missing_unit(published: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "units"
    folder.mkdir()
    for key in UNITS:
        (folder / published[key].name).write_bytes(published[key].read_bytes())
    result = runner.invoke(app, ["check", str(published["部门"]), "--units", str(folder), "--select", "department"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["check", str(published["部门"]), "--units", str(tmp_path / "无.pdf")])
    assert missing.exit_code == 2 and "文件不存在" in missing.output


def test_a_unit_row_where_the_reader_reported_a_problem_is_skipped() -> None:
    from types import SimpleNamespace

    from yusuan.model import Source

    department = _compiled("department.yaml")
    units = [UnitDocument(key, _compiled(name)) for key, name in UNITS.items()]
    changed = _with_cell(units[1].disclosure, TableKind.INCOME_SUMMARY, "2200150", "total", "999.00")
    tables = [
        t.model_copy(
            update={
                "rows": [
                    r.model_copy(update={"source": Source(page=3, line=12)}) if r.key == "2200150" else r
                    for r in t.rows
                ]
            }
        )
        if t.kind is TableKind.INCOME_SUMMARY
        else t
        for t in changed.tables
    ]
    problem = SimpleNamespace(page=3, line=12, message="数字未能读出")
    units[1] = UnitDocument("信息中心", changed.model_copy(update={"tables": tables}), (problem,))
    assert check_against_units(department, units) == []
    units[1] = UnitDocument("信息中心", changed.model_copy(update={"tables": tables}))
    assert [f.location.row for f in check_against_units(department, units)] == ["2200150"]


def test_a_units_folder_holding_the_department_file_counts_each_unit_once(published: dict[str, Path]) -> None:
    """The fixture folder holds department.yaml beside its units: read as a unit, it doubled every line
    (196 false `department-unit-sum` errors before the department file was left out of the folder)."""
    checked = check_department(published["部门"], [DEPARTMENT])
    assert _unit_sum_findings(checked) == []
