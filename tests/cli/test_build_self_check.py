"""`yusuan build` reads back what it wrote and prints what `yusuan check` would report on it.

An accountant learns of a defect in the data (indicator weights that do not add up under the rules a
reviewer will apply) when the document is built, not from the finance bureau's review."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.examples import EXAMPLE

runner = CliRunner()


def test_a_clean_build_says_its_check_found_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().splitlines()[-1] == "自检：生成的文件经检查未发现错误或警告。"


def test_a_build_prints_the_errors_a_reviewer_would_find(tmp_path: Path) -> None:
    # the example's project indicators list 90 points (Xinjiang reserves 10 for 预算执行率); renamed to a unit of
    # no region, its published document is checked by the national rule: 100
    renamed = tmp_path / "budget.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    renamed.write_text(text.replace("中共克孜勒苏柯尔克孜自治州委员会办公室", "红旗县档案馆"), encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(renamed), "-o", str(tmp_path / "out"), "--format", "html"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "自检：生成的文件经检查有错误 3 个、警告 0 个（文件已写入；请核对填报数据，改正后重新生成）" in result.output
    assert result.output.count("按“全国通用”规则应为 100") == 3
    assert (tmp_path / "out" / "红旗县档案馆-2024-单位预算公开.html").is_file()
