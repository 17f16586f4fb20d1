"""The rows a query gives on a store the batch wrote (the batch tests' look into it)."""

from __future__ import annotations

from pathlib import Path

from yusuan.store import open_store


def stored_rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    connection = open_store(db)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()
