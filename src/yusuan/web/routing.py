"""What every page of the web app needs from a request and gives back: a store cursor, downloads, JSON, 404s.

`app.create_app` and the feature modules that add their own pages
(`add_routes(app, templates)`) share these, so a list downloads as CSV or
XLSX, and a page that is not there reads, the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from yusuan.store.export import csv_bytes, workbook_bytes
from yusuan.web import data

Format = Literal["json", "csv", "xlsx"]
FormatQuery = Annotated[Format, Query(description="json、csv 或 xlsx")]


def year_number(value: str | None) -> int | None:
    """A year from the address (anything else: none)."""
    return int(value) if value and value.strip().isdigit() else None


def page_number(value: str | None) -> int:
    """A page number from the address (anything else: the first page)."""
    return int(value) if value and value.strip().isdigit() and 0 < len(value.strip()) < 7 else 1


def _cursor(request: Request) -> Iterator[Any]:
    """A cursor of the app's read-only connection for one request (DuckDB cursors may run in parallel)."""
    handle = request.app.state.connection.cursor()
    try:
        yield handle
    finally:
        handle.close()


Db = Annotated[Any, Depends(_cursor)]


def download(table: data.Table, name: str, fmt: Format) -> Response:
    """`table` (headings, rows) as a CSV or XLSX attachment named `name`."""
    headings, rows = table
    if fmt == "xlsx":
        content = workbook_bytes(headings, rows)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = csv_bytes(headings, rows)
        media = "text/csv; charset=utf-8"
    return Response(content, media_type=media, headers={"Content-Disposition": attachment(f"{name}.{fmt}")})


def attachment(filename: str) -> str:
    """A Content-Disposition for a download named `filename` (Chinese names kept, RFC 5987)."""
    ascii_name = "yusuan" + (filename[filename.rfind(".") :] if "." in filename else "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


class PlainJSONResponse(JSONResponse):
    """JSON as `JSONResponse(data.plain(content))` writes it, byte for byte (`data.json_bytes`)."""

    def render(self, content: Any) -> bytes:
        return data.json_bytes(content)


def not_found(request: Request, templates: Jinja2Templates, message: str) -> HTMLResponse:
    """The 未找到 page with `message`, status 404."""
    return templates.TemplateResponse(request, "message.html", {"title": "未找到", "message": message}, status_code=404)
