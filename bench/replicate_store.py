"""Grow a small store to a large one for the web bench, inside DuckDB (not a test).

Batching 1,000 documents takes ~13 minutes of both cores; the web bench only needs many documents of real
shape.  This copies a store's documents again and again with new ids (and units renamed `…（副本N）`, content
hashes made unique) until it holds at least `--documents`.  Schema-driven: every table of the store with a
`document_id` column is copied with its ids moved, and every other `…_document_id` column with them, so a
table added to the schema later is copied too; `store_meta` and tables without documents are left as they are.
The documents' stored web pages (`document_pages`) are not copied (a copy's page shows its own id and unit):
each copy's page is rendered as the batch renders it (`web.pages.write_missing_pages`), unless `--no-pages`.

    export PYTHONPATH=$PWD/src
    .venv/bin/python bench/replicate_store.py SMALL.duckdb BIG.duckdb [--documents 1000] [--no-pages]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import duckdb


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = connection.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def replicate(connection: duckdb.DuckDBPyConnection, target: int) -> int:
    """Copy the documents until there are at least `target`; the number there is then."""
    base_max = int(connection.execute("SELECT max(id) FROM documents").fetchone()[0])
    base_count = int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    tables = [
        r[0]
        for r in connection.execute(
            "SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'document_id'"
        ).fetchall()
        if r[0] != "document_pages"
    ]
    copies = -(-target // base_count) - 1
    for copy in range(1, copies + 1):
        offset = copy * base_max
        connection.execute("BEGIN TRANSACTION")
        connection.execute(
            "INSERT INTO documents SELECT * REPLACE (id + ? AS id, content_hash || '#' || ? AS content_hash,"
            " CASE WHEN unit IS NULL OR unit = '' THEN unit ELSE unit || '（副本' || ? || '）' END AS unit)"
            " FROM documents WHERE id <= ?",
            [offset, copy, copy, base_max],
        )
        for table in tables:
            moved = [c for c in _columns(connection, table) if c == "document_id" or c.endswith("_document_id")]
            replace = ", ".join(f"{c} + {offset} AS {c}" for c in moved)
            connection.execute(
                f"INSERT INTO {table} SELECT * REPLACE ({replace}) FROM {table} WHERE document_id <= ?", [base_max]
            )
        connection.execute("COMMIT")
    top = int(connection.execute("SELECT max(id) FROM documents").fetchone()[0])
    current = int(connection.execute("SELECT nextval('document_ids')").fetchone()[0])
    if current <= top:  # the next document a batch writes gets a fresh id
        connection.execute("SELECT nextval('document_ids') FROM range(?)", [top - current]).fetchall()
    return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--no-pages", action="store_true", help="keep no stored page (every first view rendered)")
    args = parser.parse_args()
    shutil.copyfile(args.source, args.target)
    connection = duckdb.connect(str(args.target))
    try:
        count = replicate(connection, args.documents)
        if args.no_pages:
            connection.execute("DELETE FROM document_pages")
        else:
            from yusuan.web.pages import write_missing_pages

            print(f"pages rendered: {write_missing_pages(connection)}")
        connection.execute("CHECKPOINT")
    finally:
        connection.close()
    print(f"{args.target}: {count} documents")


if __name__ == "__main__":
    main()
