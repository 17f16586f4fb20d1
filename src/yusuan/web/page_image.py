"""A document's PDF page as an image, with a finding's box drawn: `/documents/{id}/pages/{page}.png`.

A reviewer reading a finding wants to see it where it was printed.  The page
is drawn on demand from the file the store lists for the document (only
those: a path never comes from the address), by `page_render` in its worker,
and kept in a bounded cache keyed by the file's SHA-256, the page and the box
asked for, so a second view costs a lookup; the answer carries an ETag and may
be cached by the browser (the store and its files do not change while the
server runs).  `/api/documents/{id}/findings/{n}/box` gives the box itself, in
PDF points.  A document that is not a PDF has no page images.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from yusuan.web.page_render import PageRenderer, PageRequest, Rendered, figure_of
from yusuan.web.routing import Db, PlainJSONResponse

CACHE_BYTES = 48 * 1024 * 1024
"""What the drawn pages kept may take (a page is ≈ 100–300 KB)."""
BROWSER_SECONDS = 300
"""How long a browser may show a page image without asking again."""
COLOURS = {"error": (0.86, 0.1, 0.1), "warning": (0.95, 0.55, 0.0), "info": (0.2, 0.4, 0.85)}
"""A box's colour by severity: `--annotate`'s (check.annotate.COLOURS), as the lists' labels are."""
_STATUS = {"gone": 404, "changed": 404, "page": 404, "unreadable": 422, "timeout": 503, "crashed": 503}


class Refused(Exception):
    """No image: `message` (Chinese, one line) with its HTTP `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


class PageImages:
    """The pages drawn so far (least recently viewed first out, within `budget` bytes) and the renderer."""

    def __init__(self, budget: int = CACHE_BYTES, renderer: PageRenderer | None = None) -> None:
        self.budget, self.size = budget, 0
        self.renderer = renderer or PageRenderer()
        self._kept: OrderedDict[tuple[Any, ...], Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, request: PageRequest) -> Rendered:
        """The page drawn (from the cache when it was drawn before); a problem is never kept."""
        key = (request.sha256, request.page, request.actual, request.label, request.rank, request.colour)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept
        drawn = self.renderer.render(request)
        if drawn.problem is None and len(drawn.png) <= self.budget:
            with self._lock:
                if key not in self._kept:
                    self._kept[key] = drawn
                    self.size += len(drawn.png)
                while self.size > self.budget:
                    _key, dropped = self._kept.popitem(last=False)
                    self.size -= len(dropped.png)
        return drawn


def pdf_files(db: Any, document_id: int) -> list[dict[str, Any]]:
    """The document's PDF files as the store lists them (path, name, sha256), by name."""
    rows = db.execute(
        "SELECT path, name, sha256 FROM files WHERE document_id = ? ORDER BY name", [document_id]
    ).fetchall()
    return [{"path": p, "name": n, "sha256": s} for p, n, s in rows if n.lower().endswith(".pdf")]


def _finding(db: Any, document_id: int, index: int) -> dict[str, Any] | None:
    columns = ("finding_index", "severity", "file", "table_number", "table_kind", "row_key", "column_key", "page")
    row = db.execute(
        f"SELECT {', '.join(columns)}, actual FROM findings WHERE document_id = ? AND finding_index = ?",
        [document_id, index],
    ).fetchone()
    return dict(zip((*columns, "actual"), row, strict=True)) if row else None


def _label_and_rank(db: Any, document_id: int, finding: dict[str, Any]) -> tuple[str | None, int]:
    """The row's printed label, and the finding's column among the row's cells printing the same figure (the
    store's cells of a row keep their printed order), as `--annotate` takes them from the disclosure."""
    if not finding["row_key"]:
        return None, 0
    cells = db.execute(
        "SELECT t.number, t.kind, c.table_index, c.row_index, c.label, c.column_key, c.amount FROM cells c"
        " JOIN tables t ON t.document_id = c.document_id AND t.table_index = c.table_index"
        " WHERE c.document_id = ? AND c.row_key = ? ORDER BY c.rowid",
        [document_id, finding["row_key"]],
    ).fetchall()
    number, kind = finding["table_number"], finding["table_kind"]
    chosen = (
        [c for c in cells if number and c[0] == number and (kind is None or c[1] == kind)]
        or [c for c in cells if kind and c[1] == kind]
        or [c for c in cells if number and c[0] == number]
    )
    if not chosen:
        return None, 0
    # a two-sided table's 收入总计 and 支出总计 share the row key: the row printing the finding's column is meant
    first = min((c[2], c[3]) for c in [c for c in chosen if c[5] == finding["column_key"]] or chosen)
    row = [c for c in chosen if (c[2], c[3]) == first]
    figure = figure_of(finding["actual"])
    same = [c[5] for c in row if figure is not None and c[6] == figure]
    rank = same.index(finding["column_key"]) if finding["column_key"] in same else 0
    return row[0][4], rank


def _file_for(files: list[dict[str, Any]], name: str | None) -> dict[str, Any]:
    if name:
        found = next((f for f in files if f["name"] == name), None)
        if found is None:
            raise Refused(404, f"这份文档没有名为“{name}”的 PDF 文件")
        return found
    if len(files) > 1:
        names = "、".join(f["name"] for f in files)
        raise Refused(400, f"这份文档有多个 PDF 文件，请用 file= 指明其一：{names}")
    return files[0]


def _document_is_there(db: Any, document_id: int) -> None:
    if db.execute("SELECT count(*) FROM documents WHERE id = ?", [document_id]).fetchone()[0] == 0:
        raise Refused(404, f"库中没有编号为 {document_id} 的文档")


def page_request(db: Any, document_id: int, page: int, finding_index: int | None, file: str | None) -> PageRequest:
    """What to draw for the address: the stored file, the page, and the finding's box if it is on that page."""
    _document_is_there(db, document_id)
    files = pdf_files(db, document_id)
    if not files:
        raise Refused(404, "这份文档不是 PDF 文件，没有原文页面图像")
    if page < 1:
        raise Refused(404, "页码应从 1 开始")
    finding = None
    if finding_index is not None:
        finding = _finding(db, document_id, finding_index)
        if finding is None:
            raise Refused(404, f"这份文档没有编号为 {finding_index} 的检查结果")
    chosen = _file_for(files, file or (finding["file"] if finding else None))
    if finding is None or finding["page"] != page or (finding["file"] and finding["file"] != chosen["name"]):
        return PageRequest(chosen["path"], chosen["sha256"], page)
    label, rank = _label_and_rank(db, document_id, finding)
    colour = COLOURS.get(finding["severity"], COLOURS["info"])
    return PageRequest(chosen["path"], chosen["sha256"], page, finding["actual"], label, rank, colour)


def _etag(request: PageRequest) -> str:
    key = repr((request.page, request.actual, request.label, request.rank, request.colour)).encode()
    return f'"{request.sha256[:16]}-{hashlib.sha256(key).hexdigest()[:16]}"'


def _found_on_disk(request: PageRequest) -> None:
    """Refused when the stored file is no longer there (a kept page is not served for a file moved away)."""
    if not Path(request.path).is_file():
        raise Refused(404, f"原文文件已不在原处：{Path(request.path).name}")


def add_routes(app: FastAPI, templates: Jinja2Templates) -> None:
    """The page image and the finding's box, over the app's store."""
    images = PageImages()
    app.state.page_images = images

    def refused(request: Request, problem: Refused) -> Response:
        return templates.TemplateResponse(
            request,
            "message.html",
            {"title": "无法显示原文页面", "message": problem.message},
            status_code=problem.status,
        )

    # handlers are plain functions: FastAPI runs them in its thread pool, so the store's queries and the wait for
    # the worker (one render at a time, each within its deadline) never hold the event loop
    @app.get("/documents/{document_id}/pages/{page}.png", include_in_schema=False)
    def page_png(
        request: Request, db: Db, document_id: str, page: str, finding: str | None = None, file: str | None = None
    ) -> Response:
        try:
            wanted = page_request(
                db, _number(document_id, "文档编号"), _number(page, "页码"), _optional(finding), file or None
            )
            _found_on_disk(wanted)
        except Refused as problem:
            return refused(request, problem)
        tag = _etag(wanted)
        if request.headers.get("if-none-match") == tag:
            return Response(status_code=304, headers={"ETag": tag})
        drawn = images.get(wanted)
        if drawn.problem is not None:
            return refused(request, Refused(_STATUS.get(drawn.problem, 404), drawn.message))
        # five minutes, then asked again: a store built anew may give the same address to another document
        headers = {"ETag": tag, "Cache-Control": f"private, max-age={BROWSER_SECONDS}"}
        return Response(drawn.png, media_type="image/png", headers=headers)

    @app.get(
        "/api/documents/{document_id}/findings/{finding_index}/box",
        summary="一条检查结果在原文 PDF 页面上的位置（页码、文件、以 PDF 点为单位的方框；"
        "找不到时 located 为 false，note 为图像上方所注的说明）",
    )
    def finding_box(
        db: Db,
        document_id: Annotated[str, PathParam(description="文档编号（文档列表中的“编号”）")],
        finding_index: Annotated[str, PathParam(description="检查结果编号（文档 JSON 中各条的 finding_index）")],
        file: str | None = Query(None, description="PDF 文件名（文档有多个 PDF 文件时）"),
    ) -> Response:
        try:
            document, index = _number(document_id, "文档编号"), _number(finding_index, "检查结果编号")
            _document_is_there(db, document)
            row = _finding(db, document, index)
            if row is None:
                raise Refused(404, f"这份文档没有编号为 {index} 的检查结果")
            if row["page"] is None:
                raise Refused(404, "这条检查结果没有页码，无法在原文中定位")
            wanted = page_request(db, document, row["page"], index, file or None)
            _found_on_disk(wanted)
        except Refused as problem:
            return JSONResponse({"detail": problem.message}, status_code=problem.status)
        drawn = images.get(wanted)
        if drawn.problem is not None:
            return JSONResponse({"detail": drawn.message}, status_code=_STATUS.get(drawn.problem, 404))
        return PlainJSONResponse(
            {
                "finding": index,
                "file": Path(wanted.path).name,
                "page": row["page"],
                "pages": drawn.pages,
                "located": drawn.box is not None,
                "note": drawn.note,
                "rect": list(drawn.box) if drawn.box is not None else None,
                "rect_unit": "pt",
                "image": f"/documents/{document}/pages/{row['page']}.png?finding={index}",
                "image_width": drawn.width,
                "image_height": drawn.height,
            }
        )


def _number(text: str, what: str) -> int:
    """A number from the address (digits only, at most nine); anything else: 404 saying which."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise Refused(404, f"{what}应为不超过九位的整数：{text[:20]}")
    return int(text)


def _optional(text: str | None) -> int | None:
    return None if text is None or text == "" else _number(text, "检查结果编号")
