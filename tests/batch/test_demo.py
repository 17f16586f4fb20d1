"""`make demo` without serving (`yusuan demo --store`): the example built, every sample document stored."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import yusuan
from yusuan.batch.discover import discover
from yusuan.demo import SAMPLES, free_port, fresh_store, sample_paths
from yusuan.errors import InputError
from yusuan.store.schema import open_store

SOURCE = Path(yusuan.__file__).resolve().parents[1]
UNIT = "中共克孜勒苏柯尔克孜自治州委员会办公室"


def test_the_demo_builds_the_example_and_stores_every_sample_document(tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "out" / "demo" / "yusuan.duckdb"
    db.parent.mkdir(parents=True)
    open_store(db).close()  # left by an earlier demo: made anew (a file that is no yusuan store is refused)
    command = [sys.executable, "-m", "yusuan", "demo", "-o", str(out), "--format", "html,xlsx", "--store", str(db)]
    env = {**os.environ, "PYTHONPATH": str(SOURCE), "COLUMNS": "200"}
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    steps = ("第 1 步：编制内置示例", "第 2 步：批量检查仓库自带的样例文件", f"结果已写入 {db}", "yusuan serve --db")
    assert [step for step in steps if step not in run.stderr] == []
    assert "Traceback" not in run.stderr
    built = sorted(out.glob(f"{UNIT}-2024-*"))
    assert [p.suffix for p in built] == [".html", ".xlsx"]
    connection = duckdb.connect(str(db), read_only=True)
    try:
        files = "SELECT f.path, d.status FROM files f JOIN documents d ON d.id = f.document_id"
        stored = dict(connection.execute(files).fetchall())
        ours = connection.execute(
            "SELECT f.name, d.unit, d.year, d.errors FROM files f JOIN documents d ON d.id = f.document_id"
            " WHERE f.name LIKE ? ORDER BY f.name",
            [f"{UNIT}-2024-%"],
        ).fetchall()
    finally:
        connection.close()
    assert sorted(stored) == sorted(str(p) for p in discover(sample_paths(built)))
    assert len(stored) >= 20 and set(stored.values()) == {"checked"}
    assert ours == [(p.name, UNIT, 2024, 0) for p in built]  # what yusuan builds, yusuan finds no error in


def test_the_demo_checks_the_built_files_alone_when_the_samples_are_missing(tmp_path: Path) -> None:
    built = [tmp_path / "a.pdf"]
    assert sample_paths(built, tmp_path / "nowhere") == built
    assert sample_paths(built) == [SAMPLES, *built]


@pytest.mark.parametrize("content", [b"budget: 1\n", None])
def test_a_file_that_is_not_a_yusuan_store_is_never_deleted(tmp_path: Path, content: bytes | None) -> None:
    kept = tmp_path / "kept.duckdb"
    if content is None:  # another program's DuckDB database
        import duckdb

        with duckdb.connect(str(kept)) as other:
            other.execute("CREATE TABLE t (a INTEGER)")
    else:
        kept.write_bytes(content)
    before = kept.read_bytes()
    with pytest.raises(InputError) as refused:
        fresh_store(kept)
    assert str(refused.value) == (
        f"{kept}: 这不是 yusuan 的数据库；demo 每次新建数据库，会删除这个文件：请另给一个 --store 文件名"
    )
    assert kept.read_bytes() == before


def test_a_fresh_store_and_a_free_port(tmp_path: Path) -> None:
    db = tmp_path / "demo" / "yusuan.duckdb"
    fresh_store(db)  # nothing to remove: the folder is made
    open_store(db).close()  # an earlier demo's store, and its write-ahead log
    db.with_name("yusuan.duckdb.wal").write_bytes(b"x")
    fresh_store(db)
    assert list(db.parent.iterdir()) == []
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        chosen = free_port("127.0.0.1", port)
    assert chosen is not None and chosen != port
