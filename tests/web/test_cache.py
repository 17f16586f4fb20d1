"""The server keeps whole GET answers (the store cannot change while it runs), within its budget."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from yusuan.web.cache import ResponseCache, cache_budget


class _Counting:
    """An ASGI app answering `path` with a body of `size` bytes (404 for /missing), counting its calls."""

    def __init__(self, size: int = 10) -> None:
        self.calls, self.size = 0, size

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls += 1
        status = 404 if scope["path"] == "/missing" else 200
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"x-call", str(self.calls).encode())]}
        )
        await send({"type": "http.response.body", "body": b"a" * (self.size // 2), "more_body": True})
        await send({"type": "http.response.body", "body": b"b" * (self.size - self.size // 2)})


def _get(app: Any, path: str, method: str = "GET", query: bytes = b"") -> tuple[int, bytes, bytes]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": query}
    asyncio.run(app(scope, None, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], dict(sent[0]["headers"])[b"x-call"], body


def test_a_second_view_is_the_first_answer_kept() -> None:
    inner = _Counting()
    cache = ResponseCache(inner, budget=1000)
    first = _get(cache, "/documents/3")
    assert _get(cache, "/documents/3") == first == (200, b"1", b"aaaaabbbbb")
    assert inner.calls == 1 and (cache.hits, cache.misses) == (1, 1)
    assert _get(cache, "/documents/3", query=b"format=csv")[1] == b"2"  # the query is part of the key
    for path, method in (("/missing", "GET"), ("/missing", "GET"), ("/api/upload", "POST"), ("/static/a.css", "GET")):
        _get(cache, path, method)
    assert inner.calls == 6 and cache.size == 20


def test_the_least_recently_used_answers_leave_first_and_a_large_one_is_not_kept() -> None:
    inner = _Counting(size=40)
    cache = ResponseCache(inner, budget=16 * 40)
    for n in range(20):
        _get(cache, f"/documents/{n}")
    assert cache.size <= cache.budget and len(cache.entries) == 16
    assert ("/documents/0", b"") not in cache.entries and ("/documents/19", b"") in cache.entries
    small = ResponseCache(_Counting(size=40), budget=16 * 39)
    _get(small, "/")
    assert small.entries == {}


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YUSUAN_WEB_CACHE_MB", "0")
    inner = _Counting()
    off = ResponseCache(inner, budget=cache_budget())
    _get(off, "/")
    _get(off, "/")
    assert inner.calls == 2
    monkeypatch.setenv("YUSUAN_WEB_CACHE_MB", "many")
    assert cache_budget() == 64 * 1024 * 1024
