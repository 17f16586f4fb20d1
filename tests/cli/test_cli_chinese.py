"""Typer's and Click's own words are Chinese: help panels, the usage line, `--help`, usage errors."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.cli_text import chinese_usage_error

runner = CliRunner()

ENGLISH_LABELS = ("Usage", "Options", "Commands", "Arguments", "Show this message", "[default", "[required]", "Try ")


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["extract"], ["template"], ["demo"]])
def test_help_has_no_english_labels(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    shown = _plain(result.output)
    assert "用法：yusuan" in shown
    assert "显示此帮助并退出" in shown
    assert "选项" in shown
    for label in ENGLISH_LABELS:
        assert label not in shown, label
    assert "--help" in shown  # option names stay English
    assert not re.search(r"<[a-zA-Z\[\]]+>", shown), "Python type names (<str>, <bool>) in help"


def test_group_help_names_its_commands_in_a_chinese_panel() -> None:
    shown = _plain(runner.invoke(app, ["--help"], terminal_width=120).output)
    assert "命令" in shown and "build" in shown


def test_build_help_marks_required_and_default_in_chinese() -> None:
    shown = _plain(runner.invoke(app, ["build", "--help"], terminal_width=120).output)
    assert "[必填]" in shown
    assert "[默认：out]" in shown
    assert "参数" in shown


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check"], "缺少参数 FILE...。"),
        (["check", "--bogus", "x"], "没有选项 --bogus"),
        (["bild"], "没有命令 bild；是不是要写 build？"),
        (["build", "--format"], "选项 --format 需要一个值。"),
        (["build", "a", "b", "c"], "多余的参数：b c"),
        (["serve", "--port", "abc"], "--port 的值无效：应为整数。"),
        (["batch", "x", "--workers", "1.5"], "--workers 的值无效：应为整数。"),
        (["export", "--year", "二〇二四"], "--year 的值无效：应为整数。"),
    ],
)
def test_usage_errors_are_chinese_exit_2(args: list[str], expected: str) -> None:
    result = runner.invoke(app, args, terminal_width=120)
    assert result.exit_code == 2
    shown = _plain(result.output)
    assert expected in shown
    assert "错误" in shown
    assert "Error" not in shown and "Usage" not in shown and "Missing" not in shown and "Input" not in shown


def test_unknown_message_is_left_as_it_is() -> None:
    assert chinese_usage_error("something new") == "something new"
    assert chinese_usage_error("Missing option '--out'.") == "缺少选项 --out。"
