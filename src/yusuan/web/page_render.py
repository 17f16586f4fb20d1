"""A PDF page drawn as a PNG, with a finding's box, in a worker process that a hostile PDF cannot take down.

The web app shows a finding on the page it was printed on.  The PDF is a file
the store lists, but its bytes are still untrusted: a malformed page can make
MuPDF spin or allocate without end.  So the page is opened (as the reader
opens PDFs: `extract.pdf_open`) and drawn in one resident worker process
(`spawn`: safe beside the server's and DuckDB's threads) that limits its own
address space and leads its own process group; a render past its deadline
has the worker's group killed and a fresh worker takes the next one.  Renders
run one at a time (a lock): a page takes ≈ 0.05–0.2 s, the app keeps what it
drew (`web.page_image`), and one worker bounds the memory a burst of requests
can take.  The file's bytes are checked against the store's SHA-256
first, so the page drawn is the page that was checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

MAX_WIDTH = 1600
"""The widest image drawn, in pixels (a landscape A4 table page at ≈ 1.9×)."""
ZOOM = 2.0
"""Pixels per PDF point at most (a portrait A4 page: 1,190 pixels wide, its small print readable)."""
BORDER = 4
"""The box's line, in pixels."""
NOT_LOCATED = "未能在此页上定位该处，请对照表格查看"
"""What a finding's page image says above the page when the finding's figure was not found on it (no box)."""
NOTE_POINTS = 26.0
"""The height of that note's strip above the page, in PDF points."""
RENDER_SECONDS = 20.0
RENDER_MEMORY_MB = 1024


@dataclass(frozen=True)
class PageRequest:
    """One page of one stored file, and what to box on it (`colour` None: no box)."""

    path: str
    sha256: str
    page: int  # 1-based, within the file
    actual: str | None = None
    label: str | None = None
    rank: int = 0
    colour: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class Rendered:
    """The PNG and the box found (PDF points, x0 y0 x1 y1), or the `problem` (gone, changed, unreadable, page,
    timeout, crashed) with its Chinese `message`."""

    png: bytes = b""
    box: tuple[float, float, float, float] | None = None
    width: int = 0
    height: int = 0
    pages: int = 0
    problem: str | None = None
    message: str = ""
    note: str | None = None  # NOT_LOCATED, printed above the page, when a finding's box was asked for and not found


def figure_of(text: str | None) -> Decimal | None:
    """The finding's actual value as a figure (None for a word: a title, 空白)."""
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


def render_page(request: PageRequest) -> Rendered:
    """Draw the page (in the worker): the file read and checked, the figure located and boxed, the page as PNG."""
    from yusuan.errors import InputError
    from yusuan.extract.pdf_open import open_pdf
    from yusuan.limits import max_pages

    path = Path(request.path)
    try:
        content = path.read_bytes()
    except OSError:
        return Rendered(problem="gone", message=f"原文文件已不在原处：{path.name}")
    if hashlib.sha256(content).hexdigest() != request.sha256:
        return Rendered(problem="changed", message=f"原文文件已更改（与检查时的内容不同）：{path.name}")
    try:
        document = open_pdf(path, max_pages())
    except InputError as refused:
        return Rendered(problem="unreadable", message=f"原文 PDF 无法读取：{refused.message}")
    except (RuntimeError, ValueError):  # MuPDF's own error from a broken file that open_pdf did not foresee
        return Rendered(problem="unreadable", message="原文 PDF 无法读取：PDF 文件已损坏，无法解析")
    pymupdf = _pymupdf()

    with document:
        if not 1 <= request.page <= document.page_count:
            return Rendered(pages=document.page_count, problem="page", message=f"原文只有 {document.page_count} 页")
        page = document[request.page - 1]
        hit = _locate(page, request) if request.colour else None
        zoom = min(ZOOM, MAX_WIDTH / max(page.rect.width, 1.0))
        matrix = pymupdf.Matrix(zoom, zoom)
        if request.colour is not None and hit is None:  # a box was asked for and not found: say so on the image
            with noted_page(document, page, NOT_LOCATED) as noted:
                pixmap = noted.get_pixmap(matrix=matrix, alpha=False)
            png = pixmap.tobytes("png")
            return Rendered(png, None, pixmap.width, pixmap.height, document.page_count, note=NOT_LOCATED)
        pixmap = page.get_pixmap(matrix=matrix, alpha=False)
        if hit is not None and request.colour is not None:
            _draw_box(pixmap, pymupdf.Rect(hit) * page.rotation_matrix * matrix, request.colour)
        box = (round(hit.x0, 2), round(hit.y0, 2), round(hit.x1, 2), round(hit.y1, 2)) if hit is not None else None
        return Rendered(pixmap.tobytes("png"), box, pixmap.width, pixmap.height, document.page_count)


@contextlib.contextmanager
def noted_page(document: Any, page: Any, note: str) -> Iterator[Any]:
    """The page as shown, below a strip of NOTE_POINTS printing `note` in red (a page of a new PDF, closed after)."""
    pymupdf = _pymupdf()

    width, height = page.rect.width, page.rect.height
    with pymupdf.open() as out:
        noted = out.new_page(width=width, height=height + NOTE_POINTS)
        noted.draw_rect(pymupdf.Rect(0, 0, width, NOTE_POINTS), color=None, fill=(0.99, 0.9, 0.9))
        noted.insert_text((8, NOTE_POINTS * 0.68), note, fontname="china-s", fontsize=12, color=(0.7, 0.15, 0.12))
        noted.show_pdf_page(pymupdf.Rect(0, NOTE_POINTS, width, height + NOTE_POINTS), document, page.number)
        yield noted


def _locate(page: Any, request: PageRequest) -> Any | None:
    """The figure as `--annotate` finds it, but searched first as the reader read it (`5.0`) and never inside a
    longer number (the `5` of `6256.31`): a narrative's small figures print many times on a page."""
    from yusuan.check.locate import locate_figure

    return locate_figure(page, figure_of(request.actual), request.label, request.rank, request.actual, True)


def _pymupdf() -> Any:
    return importlib.import_module("pymupdf")  # untyped


def _draw_box(pixmap: Any, rect: Any, colour: tuple[float, float, float]) -> None:
    """A frame of BORDER pixels just outside `rect` (pixels), in `colour`, on the pixmap."""
    pymupdf = _pymupdf()

    value = tuple(round(part * 255) for part in colour)
    x0, y0 = int(rect.x0) - 2 - BORDER, int(rect.y0) - 2 - BORDER
    x1, y1 = int(rect.x1) + 3 + BORDER, int(rect.y1) + 3 + BORDER
    for edge in (
        (x0, y0, x1, y0 + BORDER),
        (x0, y1 - BORDER, x1, y1),
        (x0, y0, x0 + BORDER, y1),
        (x1 - BORDER, y0, x1, y1),
    ):
        pixmap.set_rect(pymupdf.IRect(*edge) & pixmap.irect, value)


def _serve(connection: Connection, memory_bytes: int) -> None:
    """The worker's life: limit itself, then draw pages until the pipe closes."""
    import resource

    os.setpgrp()
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    pymupdf = _pymupdf()

    pymupdf.TOOLS.mupdf_display_errors(False)
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            result = render_page(request)
        except MemoryError:
            result = Rendered(problem="crashed", message="原文页面过大，超出内存限制，无法显示")
        except Exception:  # MuPDF's own errors on a damaged page: one page not drawn, the worker goes on
            result = Rendered(problem="unreadable", message="原文 PDF 的这一页已损坏，无法显示")
        connection.send(result)


class PageRenderer:
    """The resident worker, started on first use; `render` blocks (call it off the event loop)."""

    def __init__(self, seconds: float = RENDER_SECONDS, memory_mb: int = RENDER_MEMORY_MB) -> None:
        self.seconds, self.memory_bytes = seconds, memory_mb * 1024 * 1024
        self.renders = 0
        self._lock = threading.Lock()
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._connection: Connection | None = None

    def render(self, request: PageRequest) -> Rendered:
        with self._lock:
            self.renders += 1
            connection = self._start()
            try:
                connection.send(request)
                if connection.poll(self.seconds):
                    result: Rendered = connection.recv()
                    return result
            except (EOFError, OSError):
                self._stop()
                return Rendered(problem="crashed", message="原文页面无法显示（渲染进程意外退出）")
            self._stop()
            return Rendered(problem="timeout", message=f"原文页面渲染超过 {self.seconds:g} 秒，已停止")

    def _start(self) -> Connection:
        if self._connection is not None and self._process.is_alive():
            return self._connection
        self._stop()
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child, self.memory_bytes), daemon=True)
        self._process.start()
        child.close()
        self._connection = parent
        return parent

    def _stop(self) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.kill()
        self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        with self._lock:
            self._stop()
