"""`stored.halves_in`: the stored halves of one folder, asked of the store by that folder alone (its name may
hold LIKE's wildcards), each file's sha256 taken from what the batch hashed, a file read only when it has not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yusuan.batch import stored
from yusuan.batch.stored import halves_in
from yusuan.store import open_store, store_record
from yusuan.store.records import FileRecord, PublicationRecord, file_record


class _Asked:
    """A store connection that keeps the rows each query gave."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.rows: list[list[tuple[Any, ...]]] = []

    def execute(self, sql: str, parameters: Any = None) -> _Asked:
        self._result = self.connection.execute(sql, parameters)
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows = list(self._result.fetchall())
        self.rows.append(rows)
        return rows


def _file(path: Path, text: str) -> FileRecord:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return file_record(path)


def _half(connection: Any, *files: FileRecord, status: str = "checked", apart: str | None = "tables") -> None:
    store_record(connection, PublicationRecord(files, status, unit="单位", apart=apart))


@pytest.fixture
def store(tmp_path: Path) -> Any:
    """Halves in `a%_b`, in its subfolder, in `aXYb` (which `LIKE 'a%_b%'` would take for it), one whose
    files are in `a%_b` and elsewhere, and, in `a%_b`, a failed record and a whole publication."""
    connection = open_store(tmp_path / "s.duckdb")
    folder = tmp_path / "a%_b"
    _half(connection, _file(folder / "说明.txt", "一"))
    _half(connection, _file(folder / "sub" / "说明.txt", "二"))
    _half(connection, _file(tmp_path / "aXYb" / "说明.txt", "三"))
    _half(connection, _file(folder / "甲.txt", "四"), _file(tmp_path / "other" / "乙.txt", "五"))
    _half(connection, _file(folder / "失败.txt", "六"), status="failed")
    _half(connection, _file(folder / "全文.txt", "七"), apart=None)
    yield connection
    connection.close()


def test_only_the_halves_with_a_file_in_the_folder_are_asked_for(tmp_path: Path, store: Any) -> None:
    asked = _Asked(store)
    folder = tmp_path / "a%_b"
    assert halves_in(asked, str(folder), set(), {}) == [str(folder / "说明.txt")]
    assert [[row[1] for row in rows] for rows in asked.rows] == [
        [
            str(folder / "说明.txt"),
            str(folder / "sub" / "说明.txt"),
            str(folder / "甲.txt"),
            str(tmp_path / "other" / "乙.txt"),
        ]
    ]


def test_a_file_the_batch_hashed_is_not_read_again(tmp_path: Path, store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "a%_b"
    path = str(folder / "说明.txt")
    read: list[Path] = []
    monkeypatch.setattr(stored, "file_record", lambda p: read.append(p) or file_record(p))
    assert halves_in(store, str(folder), set(), {path: file_record(Path(path)).sha256}) == [path]
    assert halves_in(store, str(folder), set(), {path: "0" * 64}) == []  # as the batch found it: changed
    assert halves_in(store, str(folder), set(), {path: ""}) == []  # the batch could not read it
    assert read == []
    assert halves_in(store, str(folder), set(), {}) == [path]  # not found by the batch: read here, once
    assert read == [folder / "说明.txt"]


def test_a_half_changed_gone_or_taken_is_not_given(tmp_path: Path, store: Any) -> None:
    folder = tmp_path / "a%_b"
    path = folder / "说明.txt"
    assert halves_in(store, str(folder), {str(path)}, {}) == []  # this batch checks it anew
    path.write_text("改过", encoding="utf-8")
    assert halves_in(store, str(folder), set(), {}) == []
    path.unlink()
    assert halves_in(store, str(folder), set(), {}) == []
