"""`yusuan serve`: the store as web pages in Chinese, each page also as JSON (and CSV/XLSX) under /api.

`create_app(db_path)` opens the store read-only once (a `yusuan batch`
writing the same file must wait until the server stops: DuckDB lets one
process write) and gives each request its own cursor.  Pages are rendered on
the server with Jinja2; the only other files served are the stylesheet and
nothing is loaded from elsewhere (FastAPI's own /docs page fetches Swagger UI
from a CDN, so /docs here is a page of ours drawn from the same OpenAPI
description, which /openapi.json serves as it is).  The lists sort by a
`sort` parameter (web/sorting.py): read leniently by a page, strictly (422)
by the API, as every other parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from yusuan.store import queries
from yusuan.store.export import open_read_only
from yusuan.store.pages import stored_page
from yusuan.web import compare, data, generate, labels, page_image, pages, routing, upload
from yusuan.web.body_limit import BodyLimit
from yusuan.web.cache import ResponseCache, cache_budget
from yusuan.web.routing import Db, FormatQuery, PlainJSONResponse, download, not_found, page_number, year_number
from yusuan.web.sorting import Listing

HERE = pages.HERE


def _choices(pairs: Any) -> str:
    """Allowed keys with their Chinese names, as the API description lists them: `checked（已检查）、…`."""
    return "、".join(f"{key}（{label}）" for key, label in pairs)


def _kinds() -> list[tuple[str, str]]:
    from yusuan.model.kinds import DocumentKind

    return [(kind.value, kind.label) for kind in DocumentKind]


def _text(value: str | None) -> str | None:
    """A text filter as typed, without the spaces around it (an empty one: no filter)."""
    return (value or "").strip() or None


_YEAR = "年度，四位数字（如 2026）；其他值不筛选"
_REGION = "地区（与文档列表“地区”一栏完全一致，如“广东省 广州市”）"
Q = Annotated[str | None, Query(description="搜索：单位名称中包含的文字（空格不计，全角半角括号不分）")]
REGION = Annotated[str | None, Query(description=_REGION)]
YEAR = Annotated[str | None, Query(description=_YEAR)]
KIND = Annotated[str | None, Query(description="文件类型，取值：" + _choices(_kinds()))]
STATUS = Annotated[str | None, Query(description="状态，取值：" + _choices(labels.STATUS_LABELS.items()))]
ERRORS = Annotated[str | None, Query(description="填任意值（如 1）：只列有错误的文档；不填：全部")]
LEVEL = Annotated[str | None, Query(description="级次（与文档列表“层级”一栏完全一致，如“市级”）")]
SEVERITY = Annotated[
    str | None,
    Query(
        description="严重程度，取值："
        + _choices(labels.SEVERITY_LABELS.items())
        + "（code 为读取提示 read-… 时不筛选）"
    ),
]
CODE = Annotated[
    str | None, Query(description="规则代码（如 hierarchy-sum，见 /api/findings 汇总各项的 code）：另列含该问题的文档")
]
DOCUMENT_ID = Annotated[int, PathParam(description="文档编号（文档列表中的“编号”）")]
TABLE_INDEX = Annotated[int, PathParam(description="表的序号（文档 JSON 中各表的 index，从 0 起；不是表号）")]
UNIT_NAME = Annotated[str, PathParam(description="单位名称（须与库中完全一致）")]


def _document_filter(
    q: Q = None,
    region: REGION = None,
    year: YEAR = None,
    kind: KIND = None,
    status: STATUS = None,
    errors: ERRORS = None,
    level: LEVEL = None,
) -> queries.DocumentFilter:
    return queries.DocumentFilter(
        _text(q), _text(region), year_number(year), _text(kind), _text(status), bool(errors), _text(level)
    )


def _finding_filter(
    severity: SEVERITY = None, region: REGION = None, year: YEAR = None, code: CODE = None
) -> queries.FindingFilter:
    code = _text(code)
    if code and code.startswith("read-"):  # a reader's notice is 读取提示 wherever it is shown: no severity to pick
        severity = None
    return queries.FindingFilter(_text(severity), _text(region), year_number(year), code)


DocFilter = Annotated[queries.DocumentFilter, Depends(_document_filter)]
FindFilter = Annotated[queries.FindingFilter, Depends(_finding_filter)]


DOCUMENT_SORT = Annotated[str | None, Query(description=data.DOCUMENTS.description())]
RULE_DOCUMENT_SORT = Annotated[str | None, Query(description=data.RULE_DOCUMENTS.description())]
UNIT_SORT = Annotated[str | None, Query(description=data.UNITS.description())]


# The API's `sort` of each list: a value the list does not take is a 422, as a bad `format` is.
def _document_sort(sort: DOCUMENT_SORT = None) -> queries.Order:
    return data.DOCUMENTS.strict(sort)


def _rule_document_sort(sort: RULE_DOCUMENT_SORT = None) -> queries.Order:
    return data.RULE_DOCUMENTS.strict(sort)


def _unit_sort(sort: UNIT_SORT = None) -> queries.Order:
    return data.UNITS.strict(sort)


DocSort = Annotated[queries.Order, Depends(_document_sort)]
RuleDocSort = Annotated[queries.Order, Depends(_rule_document_sort)]
UnitSort = Annotated[queries.Order, Depends(_unit_sort)]


def _sorted_list(request: Request, listing: Listing, sort: str | None) -> tuple[queries.Order, dict[str, Any]]:
    """A page's order (an unknown `sort`: the list's own) and what its template needs of it: `query`, the filters
    and the order its paging and download links carry; `headings`, the sortable columns' links; `sort`, the order
    its filter form keeps (none for the list's own)."""
    shown = listing.lenient(sort)
    filters = request.query_params.multi_items()
    return shown, {
        "query": listing.query(filters, shown),
        "headings": listing.heading_links(request.url.path, filters, shown),
        "sort": listing.asked(shown),
    }


def create_app(db_path: Path) -> FastAPI:
    """The web app over the store at `db_path` (InputError if it cannot be opened read-only)."""
    connection = open_read_only(db_path)
    queries.prefer_scans(connection)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        yield
        connection.close()

    app = FastAPI(
        title="yusuan 预算公开检查结果",
        description="批量检查结果（yusuan batch 写入的数据库）的只读浏览与上传检查。"
        "金额以字符串给出，保留原样的小数位。",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.connection = connection
    app.add_middleware(ResponseCache, budget=cache_budget())
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    templates = Jinja2Templates(env=pages.environment())
    app.add_middleware(BodyLimit, limits=_body_limits(), page=_too_large_page(templates))
    stamp = pages.code_stamp()
    whole_store = data.StoreSummary()  # the store is read-only while it serves

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def documents_html(
        request: Request, db: Db, where: DocFilter, page: str | None = None, sort: str | None = None
    ) -> HTMLResponse:
        order, links = _sorted_list(request, data.DOCUMENTS, sort)
        shown = data.documents_page(db, where, page_number(page), data.PAGE_SIZE, whole_store, order)
        return templates.TemplateResponse(request, "documents.html", {"page": shown, "where": where, **links})

    @app.get(
        "/api/documents",
        summary="文档列表（可按单位名称搜索，按地区、年度、类型、级次、状态、有无错误筛选，按一栏排序；"
        "JSON 分页，下载为全部）",
    )
    def documents_api(
        db: Db,
        where: DocFilter,
        sort: DocSort,
        format: FormatQuery = "json",
        page: Annotated[
            int,
            Query(ge=1, description="页码（JSON；每页 per_page 份；超出末页时 documents 为空列表，pages 为总页数）"),
        ] = 1,
        per_page: Annotated[int, Query(ge=1, le=1000, description="每页份数")] = data.PAGE_SIZE,
    ) -> Response:
        if format != "json":
            every = data.documents_page(db, where, None, summary=whole_store, sort=sort)
            return download(data.documents_table(every), "文档列表", format)
        return PlainJSONResponse(data.documents_page(db, where, page, per_page, whole_store, sort))

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_html(request: Request, db: Db, document_id: int) -> HTMLResponse:
        kept = stored_page(db, document_id, stamp, "html")  # written by the batch (web/pages.py)
        if kept is not None:
            return HTMLResponse(kept)
        page = data.document_page(db, document_id)
        if page is None:
            return not_found(request, templates, f"库中没有编号为 {document_id} 的文档")
        return templates.TemplateResponse(request, "document.html", {"page": page})

    @app.get("/api/documents/{document_id}", summary="一份文档：读出的表格（逐行逐栏）和检查结果")
    def document_api(db: Db, document_id: DOCUMENT_ID) -> Response:
        kept = stored_page(db, document_id, stamp, "json")
        if kept is not None:
            return Response(kept, media_type="application/json")
        page = data.document_page(db, document_id)
        if page is None:
            return JSONResponse({"detail": f"库中没有编号为 {document_id} 的文档"}, status_code=404)
        return PlainJSONResponse(page)

    @app.get("/api/documents/{document_id}/tables/{table_index}", summary="一份文档中的一张表（可下载 CSV、XLSX）")
    def table_api(db: Db, document_id: DOCUMENT_ID, table_index: TABLE_INDEX, format: FormatQuery = "json") -> Response:
        page = data.document_page(db, document_id)
        table = next((t for t in page["tables"] if t["index"] == table_index), None) if page else None
        if page is None or table is None:
            return JSONResponse({"detail": "没有这张表"}, status_code=404)
        if format != "json":
            name = f"{page['document']['unit'] or '文档'}{page['document']['year'] or ''}-表{table['number']}"
            return download(data.table_table(table), name, format)
        return PlainJSONResponse(table)

    @app.get("/api/documents/{document_id}/findings", summary="一份文档的检查结果（含读取提示）")
    def document_findings_api(db: Db, document_id: DOCUMENT_ID, format: FormatQuery = "json") -> Response:
        page = data.document_page(db, document_id)
        if page is None:
            return JSONResponse({"detail": f"库中没有编号为 {document_id} 的文档"}, status_code=404)
        found = page["findings"] + page["notices"]
        if format != "json":
            name = f"{page['document']['unit'] or '文档'}{page['document']['year'] or ''}-检查结果"
            return download(data.findings_table(found), name, format)
        return PlainJSONResponse(found)

    @app.get("/findings", response_class=HTMLResponse, include_in_schema=False)
    def findings_html(request: Request, db: Db, where: FindFilter, sort: str | None = None) -> HTMLResponse:
        order, links = _sorted_list(request, data.RULE_DOCUMENTS, sort)
        page = data.findings_page(db, where, whole_store, order)
        context = {"page": page, "where": where, **links}
        return templates.TemplateResponse(request, "findings.html", context, 404 if page["unknown_code"] else 200)

    @app.get(
        "/api/findings",
        summary="全部文档的检查结果，按规则和严重程度汇总；给出 code 时另列含该问题的文档（可排序）",
    )
    def findings_api(db: Db, where: FindFilter, sort: RuleDocSort, format: FormatQuery = "json") -> Response:
        page = data.findings_page(db, where, whole_store, sort)
        if page["unknown_code"]:
            return JSONResponse({"detail": page["unknown_code"]}, status_code=404)
        if format != "json":
            if where.code:
                return download(data.findings_by_document_table(page), f"问题-{page['code_title']}", format)
            return download(data.findings_by_rule_table(page), "问题汇总", format)
        return PlainJSONResponse(page)

    @app.get("/units", response_class=HTMLResponse, include_in_schema=False)
    def units_html(request: Request, db: Db, sort: str | None = None) -> HTMLResponse:
        order, links = _sorted_list(request, data.UNITS, sort)
        return templates.TemplateResponse(request, "units.html", {"page": data.units_page(db, order), **links})

    @app.get("/api/units", summary="库中全部单位：地区、有检查结果的年度和文档数（可排序）")
    def units_api(db: Db, sort: UnitSort, format: FormatQuery = "json") -> Response:
        page = data.units_page(db, sort)
        if format != "json":
            return download(data.units_table(page), "单位", format)
        return PlainJSONResponse(page)

    @app.get("/units/{unit}", response_class=HTMLResponse, include_in_schema=False)
    def unit_html(request: Request, db: Db, unit: str) -> HTMLResponse:
        page = data.unit_page(db, unit)
        if page is None:
            return not_found(request, templates, f"库中没有单位“{unit}”的检查结果（名称须完全一致）")
        return templates.TemplateResponse(request, "unit.html", {"page": page})

    @app.get(
        "/api/units/{unit}", summary="一个单位历年的主要数字（收入总计、支出总计、基本支出、项目支出、三公经费，万元）"
    )
    def unit_api(db: Db, unit: UNIT_NAME, format: FormatQuery = "json") -> Response:
        page = data.unit_page(db, unit)
        if page is None:
            return JSONResponse({"detail": f"库中没有单位“{unit}”"}, status_code=404)
        if format != "json":
            return download(data.unit_table(page), f"{unit}-历年", format)
        page = {k: v for k, v in page.items() if not k.endswith("chart")}
        return PlainJSONResponse(page)

    @app.get("/upload", response_class=HTMLResponse, include_in_schema=False)
    def upload_form(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "upload.html", {"limits": _upload_limits()})

    async def _check(files: list[UploadFile], on_page: bool) -> tuple[int, dict[str, Any]]:
        """The upload checked: its reports, or why it was refused.  `on_page`: the reports are shown together on the
        upload page, so each one's element ids begin with a prefix of its own (`u2-`)."""
        with upload.upload_folder() as folder:
            try:
                saved = await upload.save_uploads(list(files), Path(folder))
            except upload.Refused as refused:
                return 400, {"refused": str(refused)}
            records = await run_in_threadpool(upload.check_saved, saved)
            reports = [upload_report(r, Path(folder), f"u{n}-" if on_page else "") for n, r in enumerate(records, 1)]
            return 200, {"reports": reports}

    @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload_html(request: Request, files: Annotated[list[UploadFile], File()]) -> HTMLResponse:
        status, result = await _check(files, on_page=True)
        context = {"limits": _upload_limits(), **result}
        return templates.TemplateResponse(request, "upload.html", context, status_code=status)

    @app.post("/api/upload", summary="上传一份公开文件（一个或几个文件）并检查；不写入数据库")
    async def upload_api(
        files: Annotated[list[UploadFile], File(description="PDF、Word、Excel、文本或网页文件")],
    ) -> Response:
        status, result = await _check(files, on_page=False)
        if "refused" in result:  # as every other refusal of the API says it
            result = {"detail": result["refused"]}
        return PlainJSONResponse(result, status_code=status)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "api.html", {"spec": app.openapi()})

    routing.add_invalid_request_handler(app, templates)
    compare.add_routes(app, templates)
    page_image.add_routes(app, templates)
    generate.add_routes(app, templates)
    return app


def _body_limits() -> dict[str, int]:
    """The bytes of files each upload route takes (web/body_limit.py refuses a body past them before reading it)."""
    from yusuan.limits import WEB_BUILD_BYTES, WEB_UPLOAD_BYTES

    uploads, builds = WEB_UPLOAD_BYTES, WEB_BUILD_BYTES
    return {"/upload": uploads, "/api/upload": uploads, "/generate": builds, "/api/generate": builds}


_UPLOAD_PAGES = {"/upload": "上传检查", "/generate": "生成"}
"""The pages a too large upload is sent from, by the address it is posted to (their names in the menu)."""


def _too_large_page(templates: Jinja2Templates) -> Callable[[Request, str], Response]:
    """The 413 page of an upload too large, linking back to the page it was sent from."""

    def page(request: Request, message: str) -> Response:
        path = request.url.path
        back = {"href": path, "label": _UPLOAD_PAGES[path]} if path in _UPLOAD_PAGES else None
        context = {"title": "上传过大", "message": message, "back": back}
        return templates.TemplateResponse(request, "message.html", context, 413)

    return page


def _upload_limits() -> dict[str, Any]:
    from yusuan.batch.discover import DISCLOSURE_SUFFIXES
    from yusuan.limits import WEB_UPLOAD_BYTES, WEB_UPLOAD_FILES

    return {
        "megabytes": WEB_UPLOAD_BYTES // 1024 // 1024,
        "files": WEB_UPLOAD_FILES,
        "accept": ",".join(DISCLOSURE_SUFFIXES),
        "types": "、".join(s.lstrip(".").upper() for s in DISCLOSURE_SUFFIXES if s != ".htm"),
    }


def upload_report(record: Any, folder: Path, id_prefix: str = "") -> dict[str, Any]:
    """One checked (or refused) publication of an upload, shaped like a stored document's page; `id_prefix` begins
    each of its element ids (`u2-c-0-3-1`), so that the reports of one upload page never share an id, and is kept
    as `id_prefix` for the page's template.  The API's reports have none: an HTML detail, meaningless to an API
    user, and without it a report's anchors are those of the same document's JSON in the store (`c-0-3-1`)."""
    from yusuan.web.views import document_view, record_rows

    names = [Path(f.path).name for f in record.files]
    document = {
        "status": record.status,
        "status_label": labels.status_label(record.status),
        "error": labels.reason_text(upload.plain_reason(record.error, folder)) if record.error else None,
        "unit": record.unit,
        "region": record.region,
        "year": record.year,
        "kind_label": labels.document_kind_label(record.kind) if record.kind else "",
        "level": record.level,
        "pages": record.pages,
        "errors": record.count("error"),
        "warnings": record.count("warning"),
        "notices": record.notices,
        "file_names": names,
        "files": "、".join(names),
    }
    tables, findings = record_rows(record)
    view = document_view(tables, findings, id_prefix)
    for finding in view["findings"] + view["notices"]:
        finding["message"] = upload.plain_reason(finding["message"], folder)
    return {"document": document, **view, **({"id_prefix": id_prefix} if id_prefix else {})}
