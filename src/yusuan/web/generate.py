"""The 生成 page (`/generate`): the fill-in workbooks to download, and a filled one uploaded and built.

The web app's `yusuan template` and `yusuan build`: the blank workbooks
(and the built-in examples, filled) come from the functions the CLI calls
(`workbook_for`), and an uploaded workbook is built by `pipeline.build` in a
worker process with a time and a memory limit (`web/generate_job.py`), at
most WEB_BUILDS_AT_ONCE at a time.  The upload is refused at the door when it
is not a zip (an .xlsx is one; an old .xls is told to be saved as .xlsx
first) or passes WEB_BUILD_BYTES.  A finished build's four files are kept
under a random token in a temporary folder — the last WEB_BUILDS_KEPT
builds, for WEB_BUILD_KEPT_SECONDS, all removed when the server stops — and
`/generate/{token}/{file}` serves them.  A workbook with mistakes gets the
reader's own Chinese lines (`sheet!cell`), status 400.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from yusuan.limits import (
    BATCH_JOB_SECONDS,
    BATCH_WORKER_MEMORY_MB,
    WEB_BUILD_BYTES,
    WEB_BUILD_KEPT_SECONDS,
    WEB_BUILDS_AT_ONCE,
    WEB_BUILDS_KEPT,
)
from yusuan.money import format_amount
from yusuan.render.formats import OUTPUT_FORMATS
from yusuan.web.data import Table
from yusuan.web.generate_job import TARGET, Built, NotBuilt
from yusuan.web.routing import FormatQuery, PlainJSONResponse, attachment, download, not_found
from yusuan.web.upload import CHUNK, _safe_name, plain_reason

if TYPE_CHECKING:
    from yusuan.model.kinds import DocumentKind

XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": XLSX_MEDIA,
}
PREVIEW = "preview"
"""The `{file}` of `/generate/{token}/{file}` that shows the built web page in the browser instead of saving it."""
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
"""The built page is ours, but it quotes the workbook's text: in the preview nothing may run or be fetched."""
KEPT_MINUTES = WEB_BUILD_KEPT_SECONDS // 60
NOT_KEPT = f"没有这次生成的文件：链接有误，或已超过 {KEPT_MINUTES} 分钟、已被较新的生成替换。请重新上传工作簿生成。"


OLD_EXCEL_SUFFIX = ".xls"
"""A workbook in Excel 97–2003's binary format, which the reader does not open."""
OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
"""The first bytes of such a workbook (a Compound File)."""
OLD_EXCEL_ADVICE = "请先在 Excel（或 WPS）中打开，“另存为”Excel 工作簿（*.xlsx）后再上传"
OLD_EXCEL = f"这是旧版 Excel 工作簿（.xls 格式），{OLD_EXCEL_ADVICE}"


class Refused(Exception):
    """The upload is not built: an HTTP status and one Chinese line for the person who sent it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- the fill-in workbooks ---------------------------------------------------------------------------


@cache
def _example(final: bool) -> Any:
    """The built-in example `yusuan template --example` fills in (决算: the Foshan one); None when not installed."""
    from yusuan.examples import EXAMPLE, FINAL_EXAMPLE
    from yusuan.inputs import load_budget

    path = FINAL_EXAMPLE if final else EXAMPLE
    return load_budget(path) if path.is_file() else None


def template_choices() -> list[dict[str, Any]]:
    """Every workbook `yusuan template` writes: one blank per kind, then the examples filled in."""
    from yusuan.inputs.workbook_final_template import WORKBOOK_KINDS

    choices = [
        {
            "label": f"{kind.label}（空白）",
            "kind": kind.label,
            "example": False,
            "url": "/api/generate/template?" + urlencode({"kind": kind.label}),
        }
        for kind in WORKBOOK_KINDS
    ]
    for final in (False, True):
        filled = _example(final)
        if filled is not None:
            label = f"示例：{filled.unit.name}{filled.year}年{filled.kind.label}（已填好）"
            query = urlencode({"kind": filled.kind.label, "example": "true"})
            choices.append(
                {"label": label, "kind": filled.kind.label, "example": True, "url": f"/api/generate/template?{query}"}
            )
    return choices


def fill_in_workbook(kind_text: str, example: bool) -> tuple[bytes, str]:
    """The workbook `yusuan template [--example] --kind KIND` writes, and its file name; Refused for a bad kind."""
    from yusuan.inputs.workbook_final_template import workbook_kind

    try:
        kind = workbook_kind(kind_text)
    except ValueError as exc:
        raise Refused(400, str(exc)) from None
    return _workbook(kind, example)


@cache  # by the kind itself, not the text naming it: at most eight workbooks are kept
def _workbook(kind: DocumentKind, example: bool) -> tuple[bytes, str]:
    from yusuan.inputs.workbook_final_template import workbook_for

    if not example:
        return workbook_for(kind), f"填报模板-{kind.label}.xlsx"
    filled = _example(kind.is_final)
    if filled is None:
        raise Refused(404, "这个安装没有附带内置示例（examples 文件夹），只能下载空白模板")
    return workbook_for(kind, filled), f"填报示例-{filled.unit.name}-{filled.year}-{filled.kind.label}.xlsx"


# --- the upload ----------------------------------------------------------------------------------------


async def save_workbook(incoming: UploadFile | None, folder: Path) -> Path:
    """The uploaded workbook saved in `folder` under its own (made safe) name; Refused if it is not one."""
    if incoming is None or not incoming.filename:
        raise Refused(400, "请选择填好的填报工作簿（.xlsx 文件）")
    name = _safe_name(incoming.filename, 1)
    if name.lower().endswith(OLD_EXCEL_SUFFIX):
        raise Refused(400, f"{name}：{OLD_EXCEL}")
    if not name.lower().endswith(".xlsx"):
        raise Refused(400, f"{name}：不是 Excel 工作簿；请上传由“填报模板”填好的 .xlsx 文件")
    target = folder / name
    size = 0
    with target.open("wb") as out:
        while chunk := await incoming.read(CHUNK):
            if size == 0 and chunk.startswith(OLE2_SIGNATURE):  # an .xls renamed .xlsx (or saved so by WPS)
                raise Refused(400, f"{name}：内容是旧版 Excel 工作簿（.xls 格式），{OLD_EXCEL_ADVICE}")
            if size == 0 and not chunk.startswith(b"PK\x03\x04"):
                raise Refused(400, f"{name}：文件内容不是 Excel 工作簿（扩展名是 .xlsx，内容却不是）")
            size += len(chunk)
            if size > WEB_BUILD_BYTES:
                raise Refused(413, f"{name}：文件过大，上限为 {WEB_BUILD_BYTES // 1024 // 1024} MB")
            out.write(chunk)
    if size == 0:
        raise Refused(400, f"{name}：文件是空的")
    return target


def build_in_worker(workbook: Path) -> Built | NotBuilt:
    """Build `workbook` in a worker process within the batch's limits (blocking: call it off the event loop)."""
    from yusuan.batch.pool import Limits, WorkerPool

    pool = WorkerPool(1, Limits(BATCH_JOB_SECONDS, BATCH_WORKER_MEMORY_MB * 1024 * 1024), target=TARGET)
    for _job, results in pool.run([(str(workbook),)]):
        result = results[0]
        if isinstance(result, Built | NotBuilt):
            return result
        if result.status == "timeout":  # the pool's own record: the worker was stopped
            return NotBuilt(
                400, (f"超过 {BATCH_JOB_SECONDS} 秒仍未生成完，已停止（工作簿过大或内容异常），未生成任何文件",)
            )
        return NotBuilt(400, ("生成进程意外退出（超出内存限制，工作簿过大或内容异常），未生成任何文件",))
    return NotBuilt(500, ("未能生成（生成进程没有回答），请稍后再试",))


# --- the kept builds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptFile:
    format: str
    name: str
    path: Path


@dataclass(frozen=True)
class KeptBuild:
    token: str
    kept_at: float  # time.monotonic()
    summary: dict[str, Any]  # unit, year, kind, money unit, the two totals, the title
    files: dict[str, KeptFile]


class BuildShelf:
    """The last `count` builds' files, each for `seconds`, in one temporary folder made on first use."""

    def __init__(self, count: int = WEB_BUILDS_KEPT, seconds: float = WEB_BUILD_KEPT_SECONDS) -> None:
        self.count, self.seconds = count, seconds
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._builds: OrderedDict[str, KeptBuild] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, built: Built) -> KeptBuild:
        token = secrets.token_urlsafe(16)
        with self._lock:
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="yusuan-generate-")
            folder = Path(self._folder.name) / token
            folder.mkdir()
            files = {}
            for file in built.files:
                path = folder / f"{file.format}{OUTPUT_FORMATS[file.format].suffix}"
                path.write_bytes(file.content)
                files[file.format] = KeptFile(file.format, file.name, path)
            summary = {
                "title": built.title,
                "unit": built.unit,
                "year": built.year,
                "kind": built.kind,
                "money_unit": built.money_unit,
                "income_total": built.income_total,
                "expenditure_total": built.expenditure_total,
            }
            kept = self._builds[token] = KeptBuild(token, time.monotonic(), summary, files)
            self._drop_old()
        return kept

    def find(self, token: str) -> KeptBuild | None:
        with self._lock:
            self._drop_old()
            return self._builds.get(token)

    def _drop_old(self) -> None:
        oldest = time.monotonic() - self.seconds
        while self._builds:
            token, first = next(iter(self._builds.items()))
            if len(self._builds) <= self.count and first.kept_at > oldest:
                break
            del self._builds[token]
            shutil.rmtree(next(iter(first.files.values())).path.parent, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._builds.clear()
            if self._folder is not None:
                self._folder.cleanup()
                self._folder = None


def build_view(kept: KeptBuild) -> dict[str, Any]:
    """A kept build as the page and the API show it: the figures and a link per file."""
    files = [
        {
            "format": fmt,
            "label": OUTPUT_FORMATS[fmt].label,
            "name": file.name,
            "kilobytes": -(-file.path.stat().st_size // 1024),
            "url": f"/generate/{kept.token}/{fmt}",
        }
        for fmt, file in kept.files.items()
    ]
    return {
        **kept.summary,
        "token": kept.token,
        "files": files,
        "preview": f"/generate/{kept.token}/{PREVIEW}" if "html" in kept.files else None,
        "api": f"/api/generate/{kept.token}",
        "kept_minutes": KEPT_MINUTES,
    }


def build_table(view: dict[str, Any]) -> Table:
    """A build's figures and file names as one row of a CSV or Excel download."""
    names = {f["format"]: f["name"] for f in view["files"]}
    headings = [
        "单位",
        "年度",
        "文件类型",
        "收入总计",
        "支出总计",
        "金额单位",
        *(OUTPUT_FORMATS[f].label for f in names),
    ]
    row = (
        view["unit"],
        view["year"],
        view["kind"],
        view["income_total"],
        view["expenditure_total"],
        view["money_unit"],
        *names.values(),
    )
    return headings, [row]


def amount_text(value: Decimal | None, unit: str) -> str:
    """An amount as the page shows it: two decimals, half-up, thousands separated, with its money unit."""
    return f"{format_amount(value)} {unit}" if value is not None else "（表中未列出）"


# --- the routes ---------------------------------------------------------------------------------------------


def add_routes(app: FastAPI, templates: Jinja2Templates) -> None:
    """The 生成 page, its downloads and its API; the kept builds are removed when the app stops."""
    shelf = BuildShelf()
    slots = threading.BoundedSemaphore(WEB_BUILDS_AT_ONCE)
    _remove_on_stop(app, shelf)
    templates.env.globals["amount_text"] = amount_text

    def page_context(**more: Any) -> dict[str, Any]:
        limits = {"megabytes": WEB_BUILD_BYTES // 1024 // 1024, "seconds": BATCH_JOB_SECONDS}
        return {"templates": template_choices(), "limits": limits, "kept_minutes": KEPT_MINUTES, **more}

    async def generate(upload: UploadFile | None) -> tuple[int, dict[str, Any]]:
        if not slots.acquire(blocking=False):
            return 503, _failure(f"正在生成的文件已有 {WEB_BUILDS_AT_ONCE} 份，请稍候一两分钟再上传")
        try:
            with tempfile.TemporaryDirectory(prefix="yusuan-generate-upload-") as folder:
                try:
                    workbook = await save_workbook(upload, Path(folder))
                except Refused as refused:
                    return refused.status, _failure(refused.message)
                outcome = await run_in_threadpool(build_in_worker, workbook)
                if isinstance(outcome, NotBuilt):
                    return outcome.status, _failure(*(plain_reason(line, Path(folder)) for line in outcome.lines))
                return 200, {"build": build_view(shelf.keep(outcome))}
        finally:
            slots.release()

    @app.get("/generate", response_class=HTMLResponse, include_in_schema=False)
    def generate_form(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "generate.html", page_context())

    @app.post("/generate", response_class=HTMLResponse, include_in_schema=False)
    async def generate_html(request: Request, file: Annotated[UploadFile | None, File()] = None) -> HTMLResponse:
        status, result = await generate(file)
        return templates.TemplateResponse(request, "generate.html", page_context(**result), status_code=status)

    @app.get("/api/generate", summary="生成：可下载的填报模板（空白和已填好的示例）与上传限制")
    def generate_api() -> Response:
        return PlainJSONResponse(page_context())

    @app.post(
        "/api/generate",
        summary="生成：上传填好的填报工作簿（.xlsx），编制预算公开文件（网页、PDF、Word、Excel），返回下载地址和收支总计",
    )
    async def generate_post_api(
        file: Annotated[UploadFile | None, File(description="由填报模板填好的 Excel 工作簿（.xlsx）")] = None,
    ) -> Response:
        status, result = await generate(file)
        return PlainJSONResponse(result, status_code=status)

    @app.get("/api/generate/template", summary="生成：下载填报模板（空白，或 example=true 时为已填好的内置示例）")
    def template_api(
        kind: Annotated[str, Query(description="文件类型：单位预算、部门预算、单位决算或部门决算")] = "单位预算",
        example: Annotated[bool, Query(description="用内置示例的数据预先填好")] = False,
    ) -> Response:
        try:
            content, name = fill_in_workbook(kind, example)
        except Refused as refused:
            return JSONResponse({"detail": refused.message}, status_code=refused.status)
        return Response(content, media_type=XLSX_MEDIA, headers={"Content-Disposition": attachment(name)})

    @app.get(
        "/api/generate/{token}",
        summary="生成：一次生成的结果（单位、年度、收支总计、文件名和下载地址；可下载 CSV、XLSX）",
    )
    def generated_api(
        token: Annotated[str, PathParam(description="生成结果的编号（POST /api/generate 返回的 token）")],
        format: FormatQuery = "json",
    ) -> Response:
        kept = shelf.find(token)
        if kept is None:
            return JSONResponse({"detail": NOT_KEPT}, status_code=404)
        view = build_view(kept)
        if format != "json":
            answer = download(build_table(view), f"{view['unit']}{view['year']}-生成结果", format)
        else:
            answer = PlainJSONResponse({"build": view})
        answer.headers["Cache-Control"] = "no-store"  # gone when the build is dropped
        return answer

    @app.get("/generate/{token}/{file}", include_in_schema=False)
    def built_file(request: Request, token: str, file: str) -> Response:
        kept = shelf.find(token)
        fmt = "html" if file == PREVIEW else file
        if kept is None or fmt not in kept.files:
            return not_found(request, templates, NOT_KEPT)
        chosen = kept.files[fmt]
        headers = {"Cache-Control": "no-store"}  # gone when the build is dropped: never kept by ResponseCache
        if file == PREVIEW:
            headers["Content-Security-Policy"] = PREVIEW_POLICY
        else:
            headers["Content-Disposition"] = attachment(chosen.name)
        return Response(chosen.path.read_bytes(), media_type=MEDIA_TYPES[fmt], headers=headers)


def _failure(*lines: str) -> dict[str, Any]:
    """What a refused or failed build answers: the first line, and all of them (a workbook may have many)."""
    return {"error": lines[0], "problems": list(lines)}


def _remove_on_stop(app: FastAPI, shelf: BuildShelf) -> None:
    """Remove the kept builds' folder when the app stops, after the app's own lifespan has ended."""
    own = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running: FastAPI) -> AsyncIterator[Any]:
        async with own(running) as state:
            try:
                yield state
            finally:
                shelf.close()

    app.router.lifespan_context = lifespan
