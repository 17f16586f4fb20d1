"""Opening the store: another program's DuckDB file is refused untouched, and each reason a store cannot be
opened is named (a missing folder, a lock held by another process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from yusuan.cli import app
from yusuan.errors import InputError
from yusuan.store import open_store
from yusuan.store.export import open_read_only

runner = CliRunner()
NOT_OURS = "未作任何改动；请用 --db 指定另一个文件"


def _foreign(path: Path, *tables: str) -> None:
    connection = duckdb.connect(str(path))
    for table in tables:
        connection.execute(f"CREATE TABLE {table} (id INTEGER, amount DECIMAL(10, 2))")
        connection.execute(f"INSERT INTO {table} VALUES (1, 2.50)")
    connection.close()


def _tables(path: Path) -> list[str]:
    connection = duckdb.connect(str(path), read_only=True)
    try:
        return [row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    finally:
        connection.close()


def test_a_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "sales.duckdb"
    _foreign(db, "sales")
    with pytest.raises(InputError) as refused:
        open_store(db)
    assert str(refused.value) == f"{db}: 不是 yusuan 的数据库（已有表 sales，没有 yusuan 的结构版本），{NOT_OURS}"
    assert _tables(db) == ["sales"]
    with pytest.raises(InputError) as refused_read_only:
        open_read_only(db)
    assert str(refused_read_only.value) == str(refused.value)


def test_a_database_whose_files_table_is_not_ours_is_a_user_error_not_an_internal_one(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    _foreign(db, "files", "a", "b", "c")
    with pytest.raises(InputError) as refused:
        open_store(db)
    reason = "不是 yusuan 的数据库（已有表 a、b、c 等 4 张表，没有 yusuan 的结构版本）"
    assert str(refused.value) == f"{db}: {reason}，{NOT_OURS}"
    assert sorted(_tables(db)) == ["a", "b", "c", "files"]
    result = runner.invoke(app, ["export", "--db", str(db), "--table", "files", "-o", str(tmp_path / "f.csv")])
    assert result.exit_code == 2
    assert " ".join(result.output.split()) == f"错误：{db}: {reason}，{NOT_OURS}"
    assert not (tmp_path / "f.csv").exists()


def test_a_store_meta_table_of_another_program_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "meta.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute("CREATE TABLE store_meta (name VARCHAR)")
    connection.close()
    with pytest.raises(InputError) as refused:
        open_store(db)
    assert str(refused.value) == f"{db}: 不是 yusuan 的数据库（没有 yusuan 的结构版本），{NOT_OURS}"


def test_an_empty_database_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    open_store(db).close()
    assert "documents" in _tables(db)


def test_a_store_in_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "x.duckdb"
    reason = f"文件夹 {tmp_path / 'no' / 'such'} 不存在；请先建立它，或用 --db 指定另一个位置"
    with pytest.raises(InputError) as refused:
        open_store(db)
    assert str(refused.value) == f"{db}: {reason}"
    with pytest.raises(InputError) as refused_read_only:
        open_read_only(db)
    assert str(refused_read_only.value) == f"{db}: {reason}"
    assert not (tmp_path / "no").exists()


def test_a_place_where_no_file_can_be_made() -> None:
    db = Path("/proc/yusuan-test.duckdb")
    with pytest.raises(InputError) as refused:
        open_store(db)
    reason = "无法在这个位置建立数据库文件（该文件夹不允许新建文件）；请用 --db 指定另一个位置"
    assert str(refused.value) == f"{db}: {reason}"


def test_a_file_that_is_not_a_duckdb_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("这不是数据库\n" * 1000, "utf-8")
    for opener in (open_store, open_read_only):
        with pytest.raises(InputError) as refused:
            opener(db)
        assert str(refused.value) == f"{db}: 不是 DuckDB 数据库文件；请用 --db 指定 yusuan batch 写入的 .duckdb 文件"


def test_a_store_another_process_holds_names_that_process(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    open_store(db).close()
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        reason = (
            f"数据库正被另一个程序使用（进程号 {holder.pid}），可能是正在运行的 yusuan batch 或 yusuan serve；"
            "请待其结束（或停止它）后再试"
        )
        for opener in (open_store, open_read_only):
            with pytest.raises(InputError) as refused:
                opener(db)
            assert str(refused.value) == f"{db}: {reason}"
    finally:
        holder.kill()
        holder.wait()


def test_a_folder_given_for_the_store_is_refused_by_both_openers(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    db.mkdir()
    for opener in (open_store, open_read_only):
        with pytest.raises(InputError) as refused:
            opener(db)
        assert str(refused.value) == f"{db}: 这是一个文件夹，不是数据库文件；请用 --db 指定一个 .duckdb 文件"


def test_read_only_a_missing_store_is_refused_and_not_made(tmp_path: Path) -> None:
    db = tmp_path / "missing.duckdb"
    with pytest.raises(InputError) as refused:
        open_read_only(db)
    assert str(refused.value) == f"{db}: 数据库文件不存在"
    assert list(tmp_path.iterdir()) == []


def test_read_only_an_empty_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(InputError) as refused:
        open_read_only(db)
    assert str(refused.value) == f"{db}: 不是 yusuan 的数据库（空的 DuckDB 数据库）；请先用 yusuan batch 写入"
    assert _tables(db) == []


def test_a_store_of_a_newer_yusuan_is_refused_by_both_openers_and_left_open_by_neither(tmp_path: Path) -> None:
    db = tmp_path / "newer.duckdb"
    connection = open_store(db)
    connection.execute("UPDATE store_meta SET value = '99'")
    connection.close()
    for opener in (open_store, open_read_only):
        with pytest.raises(InputError) as refused:
            opener(db)
        assert str(refused.value) == f"{db}: 数据库由更新版本的 yusuan 写入（结构版本 99），请升级 yusuan"
    duckdb.connect(str(db)).close()  # no connection of this process holds it: a read-write one opens
