"""`yusuan serve` refuses a store that is not there with one Chinese line and exit code 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from yusuan.cli import app


def test_serve_without_a_store_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误：") and "数据库文件不存在" in lines[0]


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--db", str(bogus)])
    assert result.exit_code == 2 and "无法打开数据库" in result.output
