"""`yusuan template` writes a workbook that `yusuan build` reads back into the same disclosure."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.compile import compile_budget
from yusuan.inputs import load_budget
from yusuan.model import Disclosure

runner = CliRunner()


def test_example_workbook_builds_the_same_disclosure(tmp_path: Path, example_disclosure: Disclosure) -> None:
    workbook = tmp_path / "budget.xlsx"
    result = runner.invoke(app, ["template", "--example", str(workbook)])
    assert result.exit_code == 0, result.output
    assert compile_budget(load_budget(workbook)) == example_disclosure


def test_blank_template(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "blank.xlsx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "blank.xlsx").stat().st_size > 0


def test_template_needs_xlsx_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", str(tmp_path / "blank.xls")])
    assert result.exit_code == 2
    assert not (tmp_path / "blank.xls").exists()
