"""Response times of `yusuan serve` pages under concurrent clients (not a test).

For each page in turn, `--clients` clients (20) each send one request after another for `--seconds` (20);
every response must be 200.  Printed per page: requests, requests per second, median / p95 / p99 / max
milliseconds, the size of a response.  Pages: the document list `/` (first page), one document page
(the median-sized of the first 200 checked documents), a document page `/documents/{id}` with each request a
checked document drawn at random from the store (mostly first views: nothing kept yet), the findings
dashboard `/findings`, and a random document as JSON.  The server keeps answers (src/yusuan/web/cache.py):
`--no-cache` starts it with the cache off, so that every answer is computed.

Either point it at a running server, or give `--db` and it starts `yusuan serve` on a free port itself:

    export PYTHONPATH=$PWD/src
    .venv/bin/python bench/web_latency.py --db out/bench.duckdb [--clients 20] [--seconds 20] \\
        [--write docs/benchmarks.md]
    .venv/bin/python bench/web_latency.py http://127.0.0.1:8765

The clients run in this one process (asyncio, a bare keep-alive HTTP/1.1 connection each) on the same machine
as the server: what little CPU they use is taken from the server's, so the figures are on the pessimistic side.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- web:begin -->", "<!-- web:end -->"
TARGET_P95_MS = 150.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "yusuan", "serve", "--db", str(db), "--port", str(port)]
    env = {**os.environ, **({} if cache else {"YUSUAN_WEB_CACHE_MB": "0"})}
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/", timeout=5).raise_for_status()
            return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


class _Connection:
    """One keep-alive HTTP/1.1 connection, as little client work per request as possible (httpx's own costs
    several milliseconds of CPU a request, taken from the server on the same machine)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """Status and body length of GET `path`."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await self.reader.readexactly(length)
        return status, length

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _client(base: str, path: Callable[[], str], deadline: float, times: list[float], sizes: list[int]) -> None:
    host, port = base.removeprefix("http://").rsplit(":", 1)
    connection = _Connection(host, int(port))
    try:
        for _ in range(2):  # warm: templates compiled, rule titles loaded, the connection open
            await connection.get(path())
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status, size = await connection.get(path())
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"HTTP {status}")
            sizes.append(size)
    finally:
        connection.close()


async def measure(base: str, path: Callable[[], str], clients: int, seconds: float) -> tuple[list[float], int]:
    times: list[float] = []
    sizes: list[int] = []
    deadline = time.perf_counter() + seconds
    await asyncio.gather(*(_client(base, path, deadline, times, sizes) for _ in range(clients)))
    return sorted(times), int(statistics.median(sizes))


def typical_document(base: str, ids: list[int]) -> int:
    """The checked document of median size (its JSON), among the first 200 ids."""
    sizes = sorted((len(httpx.get(f"{base}/api/documents/{i}", timeout=60).content), i) for i in ids[:200])
    return sizes[len(sizes) // 2][1]


def _percentile(times: list[float], share: float) -> float:
    return times[min(len(times) - 1, max(0, int(len(times) * share + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base", nargs="?")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--no-cache", action="store_true", help="serve with YUSUAN_WEB_CACHE_MB=0 (no kept answers)")
    args = parser.parse_args()
    if (args.base is None) == (args.db is None):
        parser.error("give the server's address or --db")
    server = None
    if args.db is not None:
        server, base = start_server(args.db, not args.no_cache)
    else:
        base = args.base
    try:
        ids: list[int] = []
        for number in range(1, 1000):
            params: dict[str, str | int] = {"status": "checked", "per_page": 1000, "page": number}
            listing = httpx.get(base + "/api/documents", params=params, timeout=60).json()
            ids += [d["id"] for d in listing["documents"]]
            if number >= listing["pages"]:
                break
        total = listing["counts"]["documents"]
        chooser = random.Random(12)
        one = typical_document(base, ids)
        pages: list[tuple[str, Callable[[], str]]] = [
            ("`/` document list (first page of 100)", lambda: "/"),
            (f"`/documents/{one}` one document (of median size)", lambda: f"/documents/{one}"),
            ("`/documents/{id}` a document, id at random", lambda: f"/documents/{chooser.choice(ids)}"),
            ("`/findings` findings dashboard", lambda: "/findings"),
            ("`/api/documents/{id}` a document as JSON, id at random", lambda: f"/api/documents/{chooser.choice(ids)}"),
        ]
        when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [
            f"Store of {total} documents ({len(ids)} checked); {args.clients} concurrent clients for "
            f"{args.seconds:g} s per page on 127.0.0.1, run {when}, {os.cpu_count()} cores"
            f"{'; server started with YUSUAN_WEB_CACHE_MB=0 (no response cache)' if args.no_cache else ''}.",
            "",
            "| page | requests | per s | median ms | p95 ms | p99 ms | max ms | KB | p95 ≤ 150 ms"
            " | load before → after |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, path in pages:
            before = os.getloadavg()[0]
            times, size = asyncio.run(measure(base, path, args.clients, args.seconds))
            p95 = _percentile(times, 0.95)
            lines.append(
                f"| {name} | {len(times)} | {len(times) / args.seconds:.0f} | {statistics.median(times):.0f} "
                f"| {p95:.0f} | {_percentile(times, 0.99):.0f} | {times[-1]:.0f} | {size // 1024} "
                f"| {'yes' if p95 <= TARGET_P95_MS else '**no**'} | {before:.1f} → {os.getloadavg()[0]:.1f} |"
            )
            print(lines[-1], flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
    text = "\n".join(lines)
    print(text)
    if args.write:
        begin, end = (
            (BEGIN, END)
            if not args.no_cache
            else (BEGIN.replace("web", "web-no-cache"), END.replace("web", "web-no-cache"))
        )
        doc = args.write.read_text("utf-8")
        block = f"{begin}\n{text}\n{end}"
        if begin in doc:
            doc = doc[: doc.index(begin)] + block + doc[doc.index(end) + len(end) :]
        else:
            command = "    .venv/bin/python bench/web_latency.py --db STORE --write docs/benchmarks.md"
            doc += f"\n## `yusuan serve` under load (issue 12)\n\n{command}\n\n{block}\n"
        args.write.write_text(doc, "utf-8")


if __name__ == "__main__":
    main()
