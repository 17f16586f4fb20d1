"""Response times of `yusuan serve` pages: N sequential requests each, median and p95 (not a test).

Start the server on a store first, then point this at it:

    PYTHONPATH=src .venv/bin/python -m yusuan serve --db /tmp/web.duckdb --port 8765 &
    PYTHONPATH=src .venv/bin/python bench/web_latency.py http://127.0.0.1:8765 [--requests 200] [--document 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--document", type=int, default=3)
    args = parser.parse_args()
    paths = ["/", f"/documents/{args.document}", "/findings", f"/api/documents/{args.document}"]
    with httpx.Client(base_url=args.base, timeout=30) as client:
        for path in paths:
            client.get(path).raise_for_status()  # warm: templates compiled, rule titles loaded
            times = []
            size = 0
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
                size = len(response.content)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{path:24} {size // 1024:5d} KB  median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms")


if __name__ == "__main__":
    main()
