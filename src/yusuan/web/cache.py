"""Responses kept in memory: the store does not change while `yusuan serve` runs, so neither does a page.

The server opens the store read-only, and DuckDB lets no other process write a file a process has open, so
every GET answer (page, JSON, download) is the same for the server's whole life.  `ResponseCache` (plain ASGI
middleware) keeps the answers of successful GET requests by path and query, least recently used first out,
within `YUSUAN_WEB_CACHE_MB` (default 64; 0 turns the cache off).  The first view of a page pays its queries
and rendering; the next ones are a lookup.  Uploads (POST) are never kept, nor the stylesheet (StaticFiles
answers it with its own validators), nor an answer larger than a sixteenth of the budget, nor one that says
`Cache-Control: no-store` (the 生成 page's built files, which are removed after a while) or `private` (a PDF
page image: it depends on a file on disk, which its handler looks for on every request, and it answers
`If-None-Match` with 304, which a kept answer would not).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any

Message = dict[str, Any]
CACHE_VARIABLE = "YUSUAN_WEB_CACHE_MB"
DEFAULT_MB = 64


def cache_budget() -> int:
    """The cache's size in bytes from `YUSUAN_WEB_CACHE_MB` (a bad value: the default)."""
    value = os.environ.get(CACHE_VARIABLE, "").strip()
    megabytes = int(value) if value.isdigit() else DEFAULT_MB
    return megabytes * 1024 * 1024


class ResponseCache:
    """ASGI middleware keeping whole GET answers with status 200 (headers and body) by path and query."""

    def __init__(self, app: Any, budget: int) -> None:
        self.app, self.budget = app, budget
        self.entries: OrderedDict[tuple[str, bytes], tuple[Message, bytes]] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        kept_here = scope["type"] == "http" and scope["method"] == "GET" and not scope["path"].startswith("/static")
        if self.budget <= 0 or not kept_here:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            await send(kept[0])
            await send({"type": "http.response.body", "body": kept[1]})
            return
        self.misses += 1
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: tuple[str, bytes], start: Message, body: bytes) -> None:
        if start.get("status") != 200 or len(body) > self.budget // 16 or _not_for_a_shared_cache(start):
            return
        previous = self.entries.pop(key, None)  # two first views of a page at once
        if previous is not None:
            self.size -= len(previous[1])
        self.entries[key] = (start, body)
        self.size += len(body)
        while self.size > self.budget and self.entries:
            _key, (_start, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)


def _not_for_a_shared_cache(start: Message) -> bool:
    """The answer asks not to be kept (`Cache-Control: no-store`) or to be kept by the browser only (`private`)."""
    return any(
        k.lower() == b"cache-control" and (b"no-store" in v.lower() or b"private" in v.lower())
        for k, v in start.get("headers", ())
    )
