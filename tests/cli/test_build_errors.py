"""Bad input gets one clear line naming the place, exit code 2, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EXAMPLE
from yusuan.cli import app

runner = CliRunner()


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "budget.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


CASES = {
    "malformed code": (
        'function_code: "2013150", economic_code: "30101"',
        'function_code: "20131X0", economic_code: "30101"',
        "20131X0",
        "编码",
    ),
    "negative amount": ('amount: "241.47"', 'amount: "-241.47"', "-241.47", "负数"),
    "text in an amount": ('amount: "340.39"', 'amount: "三百四十"', "三百四十", "不是金额"),
    "project with no lines": (
        "  - name: 专用通信运行保障工作经费\n    classified: true",
        "  - name: 专用通信运行保障工作经费\n    classified: true\n  - name: 空项目",
        "name: 空项目",
        "没有任何支出明细",
    ),
    "missing last-year figure": ("  running_costs: {amount:", "  # running_costs: {amount:", None, "上年数"),
    "unknown key": ("  administrative: true", "  administrativ: true", "administrativ:", "不认识的字段"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_yaml(tmp_path: Path, case: str) -> None:
    old, new, needle, words = CASES[case]
    path = _broken(tmp_path, old, new)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(path), "-o", str(out), "--format", "html"])
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert len(message.splitlines()) == 1, message
    assert message.startswith("错误：")
    assert words in message
    if needle is not None:
        assert f"{path}:{_line_of(path, needle)}:" in message
    else:
        assert f"{path} 上年数的机关运行经费:" in message
    assert not out.exists() or not any(out.iterdir())


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "文件不存在" in result.output


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("year: 2024\nunit: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{path}:" in result.output and "YAML" in result.output


def test_unknown_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path / "out"), "--format", "html,odt"])
    assert result.exit_code == 2
    assert "odt" in result.output


def test_the_cli_default_is_every_format() -> None:
    from yusuan.cli import ALL_FORMATS
    from yusuan.pipeline import FORMATS

    assert ALL_FORMATS.split(",") == list(FORMATS)
