"""`yusuan check`: exit codes, report formats, rule selection."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import EXAMPLE, REFERENCE_TEXT
from yusuan.cli import app

runner = CliRunner()


def test_reference_has_errors_exit_1() -> None:
    result = runner.invoke(app, ["check", str(REFERENCE_TEXT), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["schema"] == "yusuan.check/1"
    assert set(report) == {"schema", "source", "document", "summary", "findings"}
    assert set(report["document"]) == {
        "unit", "year", "kind", "tables_found", "region", "level", "profile", "profile_reason"
    }  # fmt: skip
    # the unit's name shows its prefecture, so Xinjiang's template requirements apply
    region = ("新疆维吾尔自治区 克孜勒苏柯尔克孜自治州", "州级")
    assert (report["document"]["region"], report["document"]["level"]) == region
    assert report["document"]["profile"] == "xinjiang"
    assert set(report["summary"]) == {"errors", "warnings", "infos", "rules_run"}
    assert report["document"]["tables_found"] == [1, 2, 4, 5, 6, 7, 9, 10, 11]
    assert report["summary"]["errors"] == 2
    finding = report["findings"][0]
    assert set(finding) == {
        "code",
        "severity",
        "message",
        "location",
        "expected",
        "actual",
        "difference",
        "related",
        "suggestion",
    }
    assert set(finding["location"]) == {"table", "table_kind", "section", "row", "column", "page", "line"}


def test_example_budget_is_clean_exit_0() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["summary"]
    assert summary["errors"] == 0 and summary["warnings"] == 0


def test_example_workbook_is_checked_as_a_budget(tmp_path: Path) -> None:
    workbook = tmp_path / "budget.xlsx"
    assert runner.invoke(app, ["template", "--example", str(workbook)]).exit_code == 0
    result = runner.invoke(app, ["check", str(workbook), "--format", "json"])
    assert result.exit_code == 0, result.output


def test_select_and_ignore() -> None:
    only = runner.invoke(app, ["check", str(REFERENCE_TEXT), "--format", "json", "--select", "code-"])
    codes = {f["code"] for f in json.loads(only.output)["findings"]}
    assert codes == {"code-name-inconsistent"}
    assert only.exit_code == 0
    skipped = runner.invoke(app, ["check", str(REFERENCE_TEXT), "--format", "json", "--ignore", "toc-"])
    assert not any(f["code"].startswith("toc-") for f in json.loads(skipped.output)["findings"])


def test_html_report_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["check", str(REFERENCE_TEXT), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "toc-table-missing" in page and "<html" in page


def test_terminal_report() -> None:
    result = runner.invoke(app, ["check", str(REFERENCE_TEXT)])
    assert result.exit_code == 1
    assert "toc-table-missing" in result.output


def test_unreadable_input_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 2
    assert str(empty) in result.output
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2


def test_unknown_rule_code_exit_2() -> None:
    result = runner.invoke(app, ["check", str(REFERENCE_TEXT), "--select", "no-such-rule"])
    assert result.exit_code == 2


def test_file_names_are_printed_verbatim(tmp_path: Path) -> None:
    """Brackets and colons in a path are not Rich markup or emoji codes."""
    missing = tmp_path / "表[bold]一:smile:.txt"
    result = runner.invoke(app, ["check", str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: 文件不存在" in result.output


def test_the_command_entry_point_runs_the_cli() -> None:
    """`python -m yusuan` (the console script's own entry point) checks the reference with exit code 1."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "yusuan", "check", str(REFERENCE_TEXT), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] == 2
