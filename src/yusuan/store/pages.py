"""A document's page as the web app answers it, kept in the store so that its first view is one row read.

Building a document's page costs its cells fetched, its grids laid out and
its template rendered (≈ 10–20 ms of the server's one Python thread), and
twenty reviewers opening twenty different documents at once queue behind
each other.  The batch therefore writes each document's HTML page and JSON
answer when it stores the document (`yusuan.web.pages`), and the server
answers a first view from this table.

A row is only as good as the code that rendered it: each carries a `stamp`
(a digest of yusuan's code and templates), and the server uses a row only
if the stamp is its own, otherwise it renders the page itself.  Whatever
changes what a page shows drops its row: storing the document again (the
writer deletes every child row), or a store-wide check replacing findings
(`cross_year.replace_findings`); the batch then writes the missing pages.

Each page is kept zlib-compressed in a column DuckDB does not compress
(schema version 4): DuckDB's ZSTD compresses whole segments, so reading one
page decompressed them all (55–60 ms in a 1,008-document store); this way a
page is one small read and a 0.2 ms decompression, and the store grows by
≈ 24 KB a document.
"""

from __future__ import annotations

import zlib
from typing import Any, Literal

PageFormat = Literal["html", "json"]


def stored_page(connection: Any, document_id: int, stamp: str, fmt: PageFormat) -> bytes | None:
    """The document's stored page in `fmt` if one was written by the code of `stamp`, else None."""
    column = "html" if fmt == "html" else "json"
    row = connection.execute(
        f"SELECT {column} FROM document_pages WHERE document_id = ? AND stamp = ?", [document_id, stamp]
    ).fetchone()
    return zlib.decompress(row[0]) if row else None


def put_page(connection: Any, document_id: int, stamp: str, html: bytes, json: bytes) -> None:
    """Keep the document's page and JSON answer (replacing any older ones), in one transaction."""
    connection.execute("BEGIN TRANSACTION")
    try:
        connection.execute("DELETE FROM document_pages WHERE document_id = ?", [document_id])
        add_page(connection, document_id, stamp, html, json)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def add_page(connection: Any, document_id: int, stamp: str, html: bytes, json: bytes) -> None:
    """Keep the page of a document that has none (within the caller's transaction: the batch's, for a document
    it is storing)."""
    connection.execute(
        "INSERT INTO document_pages VALUES (?, ?, ?, ?)",
        [document_id, stamp, zlib.compress(html, 6), zlib.compress(json, 6)],
    )


def drop_pages(connection: Any, document_id: int) -> None:
    """Forget the document's stored pages (within the caller's transaction)."""
    connection.execute("DELETE FROM document_pages WHERE document_id = ?", [document_id])


def documents_without_pages(connection: Any, stamp: str) -> list[int]:
    """Documents with no page written by the code of `stamp` (new, changed, or written by other code)."""
    rows = connection.execute(
        "SELECT id FROM documents WHERE id NOT IN (SELECT document_id FROM document_pages WHERE stamp = ?) ORDER BY id",
        [stamp],
    ).fetchall()
    return [row[0] for row in rows]
