"""`yusuan serve` refuses a store that is not there with one Chinese line and exit code 2."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
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
    assert result.exit_code == 2
    reason = "不是 DuckDB 数据库文件；请用 --db 指定 yusuan batch 写入的 .duckdb 文件"
    assert " ".join(result.output.split()) == f"错误：{bogus}: {reason}"


@pytest.mark.parametrize(
    ("host", "said"),
    [
        ("999.1.1.1", "错误：--host: 无法识别的监听地址“999.1.1.1”"),
        ("192.0.2.1", "错误：--host: 本机没有地址 192.0.2.1"),
    ],
)
def test_serve_refuses_an_address_it_cannot_listen_on(tmp_path: Path, monkeypatch: Any, host: str, said: str) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    store = tmp_path / "store.duckdb"
    store.write_bytes(b"")
    result = CliRunner().invoke(app, ["serve", "--db", str(store), "--host", host, "--port", "8000"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(said), result.output


def test_serve_refuses_a_port_in_use(tmp_path: Path, monkeypatch: Any) -> None:
    import socket

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    store = tmp_path / "store.duckdb"
    store.write_bytes(b"")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(store), "--port", str(port)])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == f"错误：--port: 端口 {port} 已被占用；请用 --port 换一个端口"


def test_serve_says_when_the_stored_pages_are_from_other_code(tmp_path: Path, monkeypatch: Any) -> None:
    import uvicorn

    from tests.conftest import FIXTURES
    from tests.web.conftest import LIMITS
    from yusuan.batch.run import run_batch
    from yusuan.store import open_store
    from yusuan.web.pages import stale_page_count

    folder = tmp_path / "documents"
    folder.mkdir()
    shutil.copy(FIXTURES / "kizilsu-2024-party-committee-office-budget.txt", folder)
    db = tmp_path / "store.duckdb"
    assert dict(run_batch([folder], db, workers=1, limits=LIMITS).by_status) == {"checked": 1}
    connection = open_store(db)
    try:
        assert stale_page_count(connection) == 0  # the batch wrote the page with this code
        connection.execute("UPDATE document_pages SET stamp = 'an older yusuan'")
        assert stale_page_count(connection) == 1
    finally:
        connection.close()
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # start and stop at once
    stale = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert stale.exit_code == 0
    assert "提示：库中 1 份文档的网页不是当前版本的 yusuan 生成的" in stale.output.replace("\n", "")
