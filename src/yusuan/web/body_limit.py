"""An upload too large is refused before it is read whole, not after it has been written to disk.

FastAPI reads a form's files before the handler runs: Starlette parses the
multipart body and spools each file to a temporary file, so the handlers'
own size checks (web/upload.py, web/generate.py) only see a file that is
already on the server's disk, however large it was.  `BodyLimit` (plain ASGI
middleware) stands in front of them for the routes that take files: a request
whose declared `Content-Length` passes its route's limit is answered 413 at
once, without reading its body; one sent without a length (chunked) is
counted while it arrives and cut off, with the same 413, at the first chunk
past the limit.  Each limit is the route's file limit plus `FORM_SLACK` for
the multipart framing (boundaries and part headers), so a request the
handler would accept is never refused here; the handler's exact check still
names the file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

Message = dict[str, Any]
FORM_SLACK = 1024 * 1024


class BodyTooLarge(Exception):
    """Raised in the app's `receive` when a request's body passes its route's limit."""


class BodyLimit:
    """ASGI middleware: POST bodies of the routes in `limits` (path → file bytes allowed) kept within them;
    `page(request, message)` is the 413 page for a route that is not under /api."""

    def __init__(self, app: Any, limits: dict[str, int], page: Callable[[Request, str], Response]) -> None:
        self.app, self.limits, self.page = app, limits, page

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        allowed = self.limits.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if allowed is None:
            await self.app(scope, receive, send)
            return
        if _declared_length(scope) > allowed + FORM_SLACK:
            await self._refuse(scope, receive, send, allowed)
            return
        received, over = 0, False

        async def counted() -> Message:
            nonlocal received, over
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > allowed + FORM_SLACK:
                    over = True
                    raise BodyTooLarge
            return message

        async def unless_over(message: Message) -> None:
            if not over:  # the app's answer to a body cut short (FastAPI's 400) is replaced by the 413 below
                await send(message)

        try:
            await self.app(scope, counted, unless_over)
        except Exception:  # BodyTooLarge, or what the app made of it while parsing the form
            if not over:
                raise
        if over:
            await self._refuse(scope, receive, send, allowed)

    async def _refuse(self, scope: Message, receive: Any, send: Any, allowed: int) -> None:
        message = f"上传的内容过大：上限为 {allowed // 1024 // 1024} MB，未做处理"
        if scope["path"].startswith("/api/"):
            answer: Response = JSONResponse({"detail": message}, status_code=413)
        else:
            answer = self.page(Request(scope, receive), message)
        answer.headers["Connection"] = "close"  # the rest of the body is not read
        await answer(scope, receive, send)


def _declared_length(scope: Message) -> int:
    """The request's Content-Length (0 when it has none or an unreadable one)."""
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            return int(value) if value.strip().isdigit() else 0
    return 0
