"""An upload past its route's limit is refused (413, in Chinese) before it is read whole: on a real server, a
declared length is refused at once and a chunked body is cut off at the first chunk past the limit.  A body within
the limit, or sent to a route or with a method that has none, reaches its handler as sent, and the handler's answer
reaches the client as it gave it."""

from __future__ import annotations

import asyncio
import json
import select
import socket
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.responses import PlainTextResponse, Response

from yusuan.web.body_limit import FORM_SLACK, BodyLimit, Message

MB = 1024 * 1024


def _connect(address: str) -> socket.socket:
    parts = urlsplit(address)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def _answer(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection without an answer"
        received += chunk
    head, body = received.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    while len(body) < int(headers.get("content-length", "0")):
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def test_a_declared_length_past_the_limit_is_refused_without_waiting_for_the_body(server: str) -> None:
    with _connect(server) as connection:
        connection.sendall(
            b"POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: %d\r\n\r\n--b\r\n" % (200 * MB)
        )  # 200 MB announced, a few bytes sent: an answer that waited for the body would time out (10 s)
        status, headers, body = _answer(connection)
    assert status == 413 and headers["connection"] == "close"
    assert json.loads(body) == {"detail": "上传的内容过大：上限为 50 MB，未做处理"}


def test_a_chunked_body_is_cut_off_at_the_limit(server: str) -> None:
    sent = 0
    with _connect(server) as connection:
        connection.sendall(
            b"POST /generate HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        part = b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\nPK'
        connection.sendall(b"%x\r\n" % len(part) + part + b"\r\n")  # a workbook's file part, then its bytes
        chunk = b"%x\r\n" % MB + b"x" * MB + b"\r\n"
        while sent < 40 * MB and not select.select([connection], [], [], 0.05)[0]:
            connection.sendall(chunk)
            sent += MB
        status, headers, body = _answer(connection)
    assert status == 413 and headers["content-type"].startswith("text/html")
    text = body.decode()
    assert "上传过大" in text and "上传的内容过大：上限为 10 MB，未做处理" in text
    assert sent < 20 * MB  # refused at 10 MB and the slack, not after the 40 MB this client would send


def test_an_upload_within_the_limit_reaches_its_handler(client: TestClient) -> None:
    answer = client.post("/api/upload", files=[("files", ("a.pdf", b"not a pdf", "application/pdf"))])
    assert answer.status_code == 400 and answer.json()["detail"].startswith("a.pdf")  # the handler's own reason


LIMITED = "/up"
ALLOWED = 10  # bytes of files the limited route takes: a body may be ALLOWED + FORM_SLACK long


def _through_the_limit(method: str, path: str, chunks: list[bytes], declared: int | None) -> tuple[list, list, bool]:
    """Send a request whose body arrives in `chunks` (`declared`: its Content-Length, None: chunked) through
    `BodyLimit` to a handler that reads the whole body and answers 201 with it: the messages the handler received,
    the messages the client received, and whether the handler was called at all."""
    received: list[Message] = []
    called = False

    async def handler(scope: Message, receive: Any, send: Any) -> None:
        nonlocal called
        called = True
        while True:
            message = await receive()
            received.append(message)
            if not message.get("more_body"):
                break
        body = b"".join(m.get("body", b"") for m in received)
        await send({"type": "http.response.start", "status": 201, "headers": [(b"x-handler", b"echo")]})
        await send({"type": "http.response.body", "body": body})

    def too_large(request: Any, message: str) -> Response:
        return PlainTextResponse(message, status_code=413)

    limited = BodyLimit(handler, limits={LIMITED: ALLOWED}, page=too_large)
    incoming = [
        {"type": "http.request", "body": chunk, "more_body": n < len(chunks) - 1} for n, chunk in enumerate(chunks)
    ]
    queue = iter(incoming)
    sent: list[Message] = []

    async def receive() -> Message:
        return next(queue)

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/octet-stream")]
    headers += [(b"content-length", str(declared).encode())] if declared is not None else []
    scope = {"type": "http", "method": method, "path": path, "headers": headers, "query_string": b""}
    asyncio.run(limited(scope, receive, send))
    return received, sent, called


def _chunks(size: int) -> list[bytes]:
    """A body of `size` bytes in three chunks, each of its own byte."""
    third = size // 3
    return [b"a" * third, b"b" * third, b"c" * (size - 2 * third)]


@pytest.mark.parametrize(
    ("method", "path", "size", "chunked"),
    [
        ("POST", LIMITED, ALLOWED + FORM_SLACK, False),  # the limited route, at its limit exactly
        ("POST", LIMITED, ALLOWED + FORM_SLACK, True),  # the same without a declared length: counted as it comes
        ("POST", "/other", 3 * (ALLOWED + FORM_SLACK), False),  # another route: no limit
        ("PUT", LIMITED, 3 * (ALLOWED + FORM_SLACK), False),  # another method on the limited route: no limit
        ("GET", LIMITED, 3 * (ALLOWED + FORM_SLACK), True),
    ],
)
def test_a_request_within_the_limit_or_not_limited_reaches_its_handler_untouched(
    method: str, path: str, size: int, chunked: bool
) -> None:
    chunks = _chunks(size)
    received, sent, _ = _through_the_limit(method, path, chunks, None if chunked else size)
    assert [m["body"] for m in received] == chunks  # every chunk, in order, as sent
    assert [m["more_body"] for m in received] == [True, True, False]
    start, body = sent
    assert (start["status"], start["headers"]) == (201, [(b"x-handler", b"echo")])  # the handler's own answer
    assert body["body"] == b"".join(chunks) and len(sent) == 2


@pytest.mark.parametrize("chunked", [False, True])
def test_one_byte_past_the_limit_is_refused_instead(chunked: bool) -> None:
    """The other side of the line the test above sends its largest body at."""
    size = ALLOWED + FORM_SLACK + 1
    _, sent, called = _through_the_limit("POST", LIMITED, _chunks(size), None if chunked else size)
    assert sent[0]["status"] == 413 and sent[-1]["body"].decode() == "上传的内容过大：上限为 0 MB，未做处理"
    assert called == chunked  # a declared length is refused before the handler runs; a chunked body, mid-way


@pytest.mark.parametrize(
    ("request_line", "detail"),
    [
        ("PUT /api/upload", "这个地址不接受 PUT 请求：/api/upload"),
        ("POST /api/documents", "这个地址不接受 POST 请求：/api/documents"),
    ],
)
def test_the_app_answers_other_methods_and_routes_itself_whatever_their_length(
    server: str, request_line: str, detail: str
) -> None:
    """200 MB announced to a route or method without a limit: the app's own 405 at once, not the limit's 413."""
    with _connect(server) as connection:
        connection.sendall(
            b"%s HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: %d\r\n\r\n--b\r\n" % (request_line.encode(), 200 * MB)
        )
        status, _, body = _answer(connection)
    assert status == 405 and json.loads(body) == {"detail": detail}


@pytest.mark.parametrize(("address", "back"), [("/upload", "上传检查"), ("/generate", "生成")])
def test_the_too_large_page_links_back_to_the_page_it_was_sent_from(
    store: Any, monkeypatch: pytest.MonkeyPatch, address: str, back: str
) -> None:
    import re

    from yusuan import limits
    from yusuan.web.app import create_app

    monkeypatch.setattr(limits, "WEB_UPLOAD_BYTES", MB)
    monkeypatch.setattr(limits, "WEB_BUILD_BYTES", MB)
    app = create_app(store)
    try:
        field = "files" if address == "/upload" else "file"
        page = TestClient(app).post(address, files={field: ("a.pdf", b"%PDF" + b"x" * (3 * MB), "application/pdf")})
    finally:
        app.state.page_images.renderer.close()
    assert page.status_code == 413 and "上传的内容过大：上限为 1 MB，未做处理" in page.text
    links = re.findall(r'<a href="([^"]+)">(返回[^<]*)</a>', page.text.split("<main>", 1)[1])
    assert links == [(address, f"返回{back}")]
