"""A document's page kept by the batch is the page the server would render, and is served only while current."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from tests.batch.test_cross_year import _document, _statement
from yusuan.store import open_store, store_record
from yusuan.store.cross_year import CODE, check_across_years
from yusuan.store.pages import documents_without_pages, stored_page
from yusuan.web import pages
from yusuan.web.app import create_app


def _client(db: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("YUSUAN_WEB_CACHE_MB", "0")  # every answer from the route, none from the response cache
    return TestClient(create_app(db))


def _without_pages(store: Path, folder: Path) -> Path:
    copy = folder / "no-pages.duckdb"
    shutil.copy(store, copy)
    connection = duckdb.connect(str(copy))
    connection.execute("DELETE FROM document_pages")
    connection.close()
    return copy


def test_the_batch_keeps_every_documents_page_and_the_server_answers_with_it(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    connection = duckdb.connect(str(store), read_only=True)
    kept = dict(connection.execute("SELECT document_id, stamp FROM document_pages").fetchall())
    connection.close()
    # the conftest's batch wrote two PDFs and a truncated one; its two synthetic years went in by store_record
    assert sorted(kept) == [1, 2, 3]
    assert set(kept.values()) == {pages.code_stamp()}
    served = _client(store, monkeypatch)
    rendered = _client(_without_pages(store, tmp_path), monkeypatch)  # the same store, every page rendered live
    for document_id in [*kept, 4, 5]:
        for path in (f"/documents/{document_id}", f"/api/documents/{document_id}"):
            a, b = served.get(path), rendered.get(path)
            assert (a.status_code, a.headers["content-type"], a.content) == (
                b.status_code,
                b.headers["content-type"],
                b.content,
            ), path


def test_a_page_written_by_other_code_is_not_served(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "stale.duckdb"
    shutil.copy(store, copy)
    connection = duckdb.connect(str(copy))
    stale = zlib.compress(b"stale")
    connection.execute("UPDATE document_pages SET html = ?, json = ? WHERE document_id = 1", [stale, stale])
    connection.execute(
        "UPDATE document_pages SET stamp = 'other', html = ?, json = ? WHERE document_id = 2", [stale, stale]
    )
    connection.close()
    client = _client(copy, monkeypatch)
    assert client.get("/documents/1").content == b"stale"  # the stamp is the guard: this one claims to be current
    assert client.get("/documents/2").content != b"stale" and "表" in client.get("/documents/2").text
    assert client.get("/api/documents/2").json()["document"]["id"] == 2


def test_a_store_wide_check_drops_the_pages_whose_findings_it_changes(tmp_path: Path) -> None:
    connection = open_store(tmp_path / "s.duckdb")
    earlier = store_record(connection, _document(2017, _statement("30", None, None, "30", page=11)))
    later = store_record(connection, _document(2018, _statement("27", "28", "budget", "27", page=9)))
    for document_id in (earlier, later):
        pages.write_page(connection, document_id)
    assert documents_without_pages(connection, pages.code_stamp()) == []
    before = stored_page(connection, later, pages.code_stamp(), "json") or b""
    assert check_across_years(connection) == 1  # a finding on the later budget
    assert documents_without_pages(connection, pages.code_stamp()) == [later]
    shown: list[tuple[int, int]] = []
    assert pages.write_missing_pages(connection, lambda done, total: shown.append((done, total))) == 1
    assert shown == [(1, 1)]  # the batch's 生成网页 bar
    after = stored_page(connection, later, pages.code_stamp(), "json") or b""
    assert CODE.encode() not in before and CODE.encode() in after
    assert b'"warnings":0' in before and b'"warnings":1' in after
    connection.close()


def test_pages_are_kept_in_columns_duckdb_does_not_compress(store: Path) -> None:
    """DuckDB's ZSTD would compress a segment of pages as one: reading one page would decompress them all."""
    connection = duckdb.connect(str(store), read_only=True)
    found = connection.execute(
        "SELECT DISTINCT column_name, compression FROM pragma_storage_info('document_pages')"
        " WHERE segment_type = 'BLOB'"
    ).fetchall()
    connection.close()
    assert sorted(found) == [("html", "Uncompressed"), ("json", "Uncompressed")]
