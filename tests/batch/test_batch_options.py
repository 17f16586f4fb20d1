"""`yusuan batch` given nothing to check, or an option value it cannot use: one Chinese line naming the place,
exit 2, no store made, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.batch.options import check_dask_address
from yusuan.cli import app
from yusuan.errors import InputError


def _batch(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", *arguments], terminal_width=400)
    return result.exit_code, result.output


def test_an_empty_folder_is_an_error_and_makes_no_store(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    db = tmp_path / "s.duckdb"
    code, said = _batch(str(tmp_path / "empty"), "--db", str(db))
    assert (code, said.strip()) == (
        2,
        f"错误：{tmp_path / 'empty'}: 没有可检查的文件（.pdf/.docx/.xlsx/.txt/.html/.htm）",
    )
    assert not db.exists()


def test_files_of_no_disclosure_format_are_an_error_naming_the_old_excel_ones(tmp_path: Path) -> None:
    for name in ("a.csv", "b.xls", "notes.md"):
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    code, said = _batch(str(tmp_path / "a.csv"), str(tmp_path / "b.xls"), "--db", str(db))
    assert (code, said.strip()) == (
        2,
        f"错误：{tmp_path / 'a.csv'}、{tmp_path / 'b.xls'}: 没有可检查的文件（.pdf/.docx/.xlsx/.txt/.html/.htm）；"
        "跳过了 1 个 .xls 文件：旧版 Excel 格式不能读取，请另存为 .xlsx",
    )
    code, said = _batch(str(tmp_path), "--db", str(db))  # a folder of them
    assert code == 2 and said.strip().endswith("跳过了 1 个 .xls 文件：旧版 Excel 格式不能读取，请另存为 .xlsx")
    assert not db.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("inf", "须为有限的正秒数（如 120），不能是 inf 或 nan"),
        ("nan", "须为有限的正秒数（如 120），不能是 inf 或 nan"),
        ("0.5", "须不小于 1"),
    ],
)
def test_a_timeout_must_be_a_finite_number_of_seconds(tmp_path: Path, value: str, message: str) -> None:
    code, said = _batch(str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--timeout", value)
    assert (code, said.strip()) == (2, f"错误：--timeout: {message}")
    assert not (tmp_path / "s.duckdb").exists()


@pytest.mark.parametrize("address", ["localhost", "not an address", "tcp://host", "host:99999", "http://host:8786"])
def test_a_dask_address_without_a_port_is_refused_before_connecting(tmp_path: Path, address: str) -> None:
    code, said = _batch(str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--dask", address)
    assert (code, said.strip()) == (
        2,
        f"错误：--dask: “{address}”不是可用的地址：须为 local（本机启动）或调度器地址，如 tcp://host:8786 或 host:8786",
    )


@pytest.mark.parametrize("address", ["local", "tcp://10.0.0.5:8786", "tls://sched.example:8786", "host:8786"])
def test_a_dask_address_with_a_port_is_taken(address: str) -> None:
    check_dask_address(address)


def test_a_dask_scheduler_that_does_not_answer_is_one_line(tmp_path: Path) -> None:
    """In a process of its own: Dask's failed client leaves threads behind, and a process with threads never
    forks (the later tests of forked readers would find none)."""
    import socket
    import subprocess
    import sys

    with socket.socket() as unused:  # a port nobody listens on: the connection is refused
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    command = [sys.executable, "-m", "yusuan", "batch", str(tmp_path), "--db", str(tmp_path / "s.duckdb")]
    arguments = [*command, "--dask", f"127.0.0.1:{port}"]
    ran = subprocess.run(arguments, check=False, capture_output=True, text=True, timeout=120)
    code, said = ran.returncode, ran.stdout + ran.stderr
    assert (code, said.strip()) == (
        2,
        f"错误：--dask: 无法连接 Dask 调度器 127.0.0.1:{port}："
        "连接被拒绝或 10 秒内无应答；请确认调度器已启动、地址和端口无误",
    )


def test_the_input_error_names_the_option() -> None:
    with pytest.raises(InputError) as refused:
        check_dask_address("localhost")
    assert refused.value.place == "--dask"
