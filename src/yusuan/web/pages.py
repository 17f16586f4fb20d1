"""A document's page and JSON answer rendered once, by the batch, and kept in the store.

The first view of a document is the app's most expensive answer (its cells
fetched, its grids laid out, its template rendered: ≈ 10–20 ms of the
server's one Python thread), and reviewers open documents nobody opened
before.  So the batch renders each document's page here, with the app's own
templates and data, right after storing it, and the server answers from the
stored bytes (`store.pages`), rendering itself only a page that is missing or
was written by other code.  The batch stores a document and its page in one
transaction (`page_adder`): one commit, nothing read back.

`code_stamp()` names the code that renders: a digest of every file of the
installed yusuan package (templates, labels, vocabulary, rules' titles), so a
store written by one version is never served as another's page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from yusuan.store import pages as stored
from yusuan.store import queries
from yusuan.web import data, labels
from yusuan.web.views import cells_html

if TYPE_CHECKING:
    from yusuan.store.records import PublicationRecord

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent


@cache
def environment() -> Environment:
    """The app's Jinja2 environment: its templates, filters and globals (one for the server and the batch)."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape())
    env.filters.update(
        amount=labels.amount,
        figure=labels.figure_text,
        status_label=labels.status_label,
        severity_label=labels.severity_label,
        table_kind_label=labels.table_kind_label,
        rule_title=labels.rule_title,
        cells_html=cells_html,
    )
    env.globals["quote"] = quote
    return env


@cache
def code_stamp() -> str:
    """A digest of every file of the yusuan package but bytecode: what a stored page was rendered by."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def render_document(
    connection: Any, document_id: int, record: PublicationRecord | None = None, document: data.Row | None = None
) -> tuple[bytes, bytes] | None:
    """The document's page (`/documents/{id}`) and JSON answer (`/api/documents/{id}`) as the app writes them
    (`record`: what the document was just stored from, so that its cells are not read back; `document`: its row,
    when known)."""
    page = data.document_page(connection, document_id, record, document)
    if page is None:
        return None
    html = environment().get_template("document.html").render(page=page).encode("utf-8")
    return html, data.json_bytes(page)


def write_page(connection: Any, document_id: int, record: PublicationRecord | None = None) -> None:
    """Render the document's page and keep it in the store (`record`: what it was just stored from)."""
    rendered = render_document(connection, document_id, record)
    if rendered is not None:
        stored.put_page(connection, document_id, code_stamp(), *rendered)


def page_adder(connection: Any, record: PublicationRecord) -> Callable[[int, tuple[Any, ...]], None]:
    """What `store_record(connection, record, then=…)` calls to keep the document's page in the same transaction
    (one commit, its row not read back, no older page to delete: the document's id is new)."""

    def add_page(document_id: int, row: tuple[Any, ...]) -> None:
        rendered = render_document(connection, document_id, record, queries.record_document(row, record))
        if rendered is not None:
            stored.add_page(connection, document_id, code_stamp(), *rendered)

    return add_page


def stale_page_count(connection: Any) -> int:
    """How many documents have no page from this code (the server renders those on their first view, slower)."""
    return len(stored.documents_without_pages(connection, code_stamp()))


def stale_pages_notice(connection: Any) -> str | None:
    """What `yusuan serve` says at its start when documents have no page from this code; None when all have."""
    stale = stale_page_count(connection)
    if not stale:
        return None
    return (
        f"提示：库中 {stale} 份文档的网页不是当前版本的 yusuan 生成的，首次打开时现场生成，会慢一些；"
        "用 yusuan batch 把原来的文件再写入这个数据库一次（已检查的文件会跳过）即可重新生成。"
    )


def write_missing_pages(connection: Any, progress: Callable[[int, int], None] | None = None) -> int:
    """Render and keep the page of every document without one from this code; returns how many were written."""
    missing = stored.documents_without_pages(connection, code_stamp())
    for done, document_id in enumerate(missing, 1):
        write_page(connection, document_id)
        if progress:
            progress(done, len(missing))
    return len(missing)
