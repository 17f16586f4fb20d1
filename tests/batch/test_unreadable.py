"""Files that cannot be read (an OSError opening or reading them) stay one document each, named by their path,
with a Chinese reason chosen by the error's errno."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from yusuan.batch import job as batch
from yusuan.batch.job import TOGETHER, batch_job, check_job
from yusuan.batch.pool import job_files
from yusuan.errors import read_reason, write_reason
from yusuan.render.files import write_error
from yusuan.store import open_store, store_record
from yusuan.store.records import FileRecord


@pytest.fixture
def eio(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Two files whose reading fails with EIO (as a failing disk or a lost network share does)."""
    paths = [tmp_path / "a" / "x.pdf", tmp_path / "b" / "y.pdf"]
    for path in paths:
        path.parent.mkdir()
        path.write_bytes(b"%PDF-1.4")

    def failing(path: Path) -> FileRecord:
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(batch, "file_record", failing)
    return paths


def test_two_unreadable_files_stay_two_documents_with_their_paths(eio: list[Path], tmp_path: Path) -> None:
    records = [record for path in eio for record in batch_job((str(path),))]
    assert [(r.status, r.error) for r in records] == [
        ("refused", f"{eio[0]}：读取出错（磁盘或网络错误）"),
        ("refused", f"{eio[1]}：读取出错（磁盘或网络错误）"),
    ]
    assert records[0].content_hash != records[1].content_hash
    db = tmp_path / "s.duckdb"
    connection = open_store(db)
    try:
        for record in records:
            store_record(connection, record)
        rows = connection.execute(
            "SELECT d.status, f.path, f.sha256, f.bytes FROM documents d JOIN files f ON f.document_id = d.id"
            " ORDER BY f.path"
        ).fetchall()
    finally:
        connection.close()
    assert rows == [("refused", str(eio[0]), "", 0), ("refused", str(eio[1]), "", 0)]


def test_a_job_of_files_checked_together_keeps_the_unreadable_ones_path(eio: list[Path]) -> None:
    for records in (check_job(tuple(map(str, eio))), batch_job((*map(str, eio), TOGETHER))):
        assert [(r.status, [f.path for f in r.files], r.error) for r in records] == [
            ("refused", [str(eio[0])], f"{eio[0]}：读取出错（磁盘或网络错误）")
        ]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "没有读取权限"),
        (errno.EPERM, "没有读取权限"),
        (errno.EIO, "读取出错（磁盘或网络错误）"),
        (errno.ENOENT, "文件不存在（已被移走或删除）"),
        (errno.EISDIR, "这是文件夹，不是文件"),
        (errno.ENAMETOOLONG, "无法读取文件"),
        (None, "无法读取文件"),
    ],
)
def test_the_reason_is_chinese_by_errno(code: int | None, reason: str) -> None:
    error = OSError(code, "English words") if code is not None else OSError("no errno")
    assert read_reason(error) == reason


def test_one_table_says_why_a_file_could_not_be_read_or_written() -> None:
    """Reading (a batch's file) and writing (a build's output) in the words each always had."""
    codes = (
        errno.EACCES, errno.EPERM, errno.EISDIR, errno.EIO, errno.ENOENT, errno.EROFS, errno.ENOSPC,
        errno.EDQUOT, errno.ENAMETOOLONG, errno.ENOTDIR, errno.EEXIST, errno.EINVAL,
    )  # fmt: skip
    said = [(read_reason(OSError(code, "English")), write_reason(OSError(code, "English"))) for code in codes]
    assert said == [
        ("没有读取权限", "没有写入权限"),
        ("没有读取权限", "没有写入权限"),
        ("这是文件夹，不是文件", "这是一个文件夹"),
        ("读取出错（磁盘或网络错误）", f"写入失败（系统错误 {errno.EIO}）"),
        ("文件不存在（已被移走或删除）", f"写入失败（系统错误 {errno.ENOENT}）"),
        ("无法读取文件", "所在的文件系统是只读的"),
        ("无法读取文件", "磁盘空间不足"),
        ("无法读取文件", "磁盘配额已用完"),
        ("无法读取文件", "路径或文件名过长"),
        ("无法读取文件", "路径中有一段是文件而不是文件夹"),
        ("无法读取文件", "同名的文件已存在"),
        ("无法读取文件", f"写入失败（系统错误 {errno.EINVAL}）"),
    ]
    assert write_reason(OSError("no errno")) == "写入失败（系统错误 None）"
    assert str(write_error(Path("out/a.pdf"), OSError(errno.ENOSPC, "No space"))) == "out/a.pdf: 无法写入：磁盘空间不足"


def test_a_stopped_jobs_record_keeps_a_vanished_files_path(tmp_path: Path) -> None:
    gone = tmp_path / "gone.pdf"
    assert job_files((str(gone), TOGETHER)) == (FileRecord(str(gone), "", 0),)
