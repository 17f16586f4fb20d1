"""An upload past its route's limit is refused (413, in Chinese) before it is read whole: on a real server, a
declared length is refused at once and a chunked body is cut off at the first chunk past the limit."""

from __future__ import annotations

import json
import select
import socket
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

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


def test_other_requests_pass_untouched(client: TestClient) -> None:
    assert client.get("/upload").status_code == 200
    assert client.post("/api/documents").status_code == 405
