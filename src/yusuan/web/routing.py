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

from yusuan.lazy_pattern import lazy_compile
from yusuan.store.export import csv_bytes
from yusuan.web import data
from yusuan.web.workbook import workbook_bytes

Format = Literal["json", "csv", "xlsx"]
FormatQuery = Annotated[Format, Query(description="json、csv 或 xlsx")]
_UNSAFE_NAME = lazy_compile(r'[\x00-\x1f/\\:*?"<>|]')


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
    """`table` (headings, rows) as a CSV or XLSX attachment named `name` (in the workbook, amounts in `#,##0.00`)."""
    headings, rows = table
    if fmt == "xlsx":
        content = workbook_bytes(headings, rows, name)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = csv_bytes(headings, rows)
        media = "text/csv; charset=utf-8"
    safe = _UNSAFE_NAME.sub("_", name)  # a rule's title or a unit's name may hold a / or a :
    return Response(content, media_type=media, headers={"Content-Disposition": attachment(f"{safe}.{fmt}")})


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


_PLACES = {"path": "地址", "query": "地址参数", "body": "提交的表单", "header": "请求头"}


def _reason(error: dict[str, Any]) -> str:
    """One validation error of FastAPI (pydantic) in Chinese: what the value should have been."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "应为整数"
    if kind == "greater_than_equal":
        return f"应不小于 {context.get('ge')}"
    if kind == "less_than_equal":
        return f"应不大于 {context.get('le')}"
    if kind == "literal_error":
        return "应为 " + str(context.get("expected", "")).replace("' or '", "'、'").replace("', '", "'、'") + " 之一"
    if kind == "missing":
        return "缺少此项"
    if kind == "sort":  # web/sorting.py: a list's sort keys
        return f"应为 {context.get('keys', '')} 之一（前加 - 为降序）"
    return "取值无效"


PARAMETER_NAMES = {
    "document_id": "文档编号",
    "table_index": "表的序号",
    "finding_index": "检查结果编号",
    "finding": "检查结果编号",
    "token": "生成结果编号",
    "unit": "单位名称",
    "format": "下载格式",
    "page": "页码",
    "per_page": "每页份数",
    "sort": "排序",
    "q": "搜索",
    "region": "地区",
    "year": "年度",
    "kind": "文件类型",
    "status": "状态",
    "errors": "只列有错误的文档",
    "level": "级次",
    "severity": "严重程度",
    "code": "规则代码",
    "part": "下载的表",
    "example": "内置示例",
    "file": "文件",
}
"""Each parameter of an address or form by its Chinese name, as a refusal names it (a key not here: 参数)."""
_BODY_NAMES = {"files": "上传的文件", "file": "上传的文件"}


def _parameter_name(place: str, key: str) -> str:
    if place == "body":
        return _BODY_NAMES.get(key, "表单内容")
    return PARAMETER_NAMES.get(key, "参数")


def invalid_request_message(errors: list[dict[str, Any]], with_keys: bool = False) -> str:
    """FastAPI's validation errors as one Chinese line naming each parameter in Chinese (`地址中的“文档编号”`);
    `with_keys` (the API's answer) adds the parameter as the address or form spells it (`“文档编号”（document_id）`),
    which an API user types."""
    parts = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ())]
        place = _PLACES.get(where[0], "请求") if where else "请求"
        if len(where) > 1:
            name = f"“{_parameter_name(where[0], where[1])}”" + (f"（{where[1]}）" if with_keys else "")
        else:
            name = "内容"
        parts.append(f"{place}中的{name}{_reason(error)}")
    return "；".join(parts) or "请求有误"


def add_invalid_request_handler(app: Any, templates: Jinja2Templates) -> None:
    """Answer a request FastAPI cannot validate (`/documents/abc`, `?format=pdf`) in Chinese, not with its English
    JSON: a page for the pages (404 for a bad address, 400 for a bad parameter), `{"detail": …}` under /api (404, or
    FastAPI's 422 for a bad parameter)."""
    from fastapi.exceptions import RequestValidationError

    async def handler(request: Request, exc: Exception) -> Response:
        errors = list(exc.errors()) if isinstance(exc, RequestValidationError) else []
        in_path = any(e.get("loc", ("",))[0] == "path" for e in errors)
        if request.url.path.startswith("/api/"):  # FastAPI's status for a bad parameter, which API clients expect
            message = invalid_request_message(errors, with_keys=True)
            return JSONResponse({"detail": message}, status_code=404 if in_path else 422)
        message = invalid_request_message(errors)
        status = 404 if in_path else 400
        title = "未找到" if status == 404 else "请求有误"
        return templates.TemplateResponse(request, "message.html", {"title": title, "message": message}, status)

    app.add_exception_handler(RequestValidationError, handler)
    add_http_error_handler(app, templates)


_HTTP_ERRORS = {
    404: ("未找到", "没有这个地址：{path}"),
    405: ("请求有误", "这个地址不接受 {method} 请求：{path}"),
}


def http_error_message(status: int, method: str, path: str) -> tuple[str, str]:
    """The title and one Chinese line for an error Starlette answers itself (an unknown address, a wrong method)."""
    title, message = _HTTP_ERRORS.get(status, ("请求有误", "无法处理这个请求：{path}"))
    return title, message.format(method=method, path=path)


def add_http_error_handler(app: Any, templates: Jinja2Templates) -> None:
    """Answer what Starlette answers itself in English (`{"detail": "Not Found"}` for an unknown address, a missing
    stylesheet, a wrong method) in Chinese: the 未找到 page for a page, `{"detail": …}` under /api."""
    from starlette.exceptions import HTTPException

    async def handler(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        headers = getattr(exc, "headers", None)
        title, message = http_error_message(status, request.method, request.url.path)
        if request.url.path.startswith("/api/") or request.url.path == "/api":
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        context = {"title": title, "message": message}
        return templates.TemplateResponse(request, "message.html", context, status_code=status, headers=headers)

    app.add_exception_handler(HTTPException, handler)
