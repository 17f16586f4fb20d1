"""CPU time of a page's first view under two source trees, interleaved (not a test).

On a shared machine the latency bench (web_latency.py) moves with the neighbours' load; the CPU one answer
costs the server does much less.  Each run is a fresh process with `PYTHONPATH` set to one tree's `src`: it
builds the app over `--db` with the response cache off (every answer computed, as a first view), asks it in
process (Starlette's TestClient, the same for both trees) for the document list, the findings dashboard, and
`--documents` documents drawn at random (the same ids for both trees) as pages and as JSON, and prints the CPU
milliseconds (user + sys, DuckDB's threads included) per answer.  The trees alternate run by run; the median
of each tree's runs is printed, and after / before.

    export PYTHONPATH=$PWD/src
    git archive main src | tar -x -C /tmp/before
    .venv/bin/python bench/web_cpu_ab.py --db STORE --before /tmp/before/src --after src [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

_CHILD = """
import json, os, random, sys, time
from pathlib import Path
os.environ["YUSUAN_WEB_CACHE_MB"] = "0"
from fastapi.testclient import TestClient
from yusuan.web.app import create_app
app = create_app(Path(sys.argv[1]))
ids = sorted(r[0] for r in app.state.connection.execute("SELECT id FROM documents WHERE status = 'checked'").fetchall())
drawn = random.Random(12).sample(ids, min(int(sys.argv[2]), len(ids)))
pages = {
    "/ document list": ["/"] * 50,
    "/findings dashboard": ["/findings"] * 50,
    "/documents/{id} at random": [f"/documents/{i}" for i in drawn],
    "/api/documents/{id} at random": [f"/api/documents/{i}" for i in drawn],
}
result = {}
with TestClient(app) as client:
    for name, paths in pages.items():
        for path in paths[:3]:
            client.get(path)  # warm: templates compiled, rule titles loaded
        started = time.process_time()
        for path in paths:
            assert client.get(path).status_code == 200
        result[name] = (time.process_time() - started) * 1000 / len(paths)
print(json.dumps(result))
"""


def _run(src: str, db: Path, documents: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), str(documents)], env=env, capture_output=True, text=True, check=True
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for number in range(args.runs):
        for tree in ("before", "after"):
            load = os.getloadavg()[0]
            runs[tree].append(_run(getattr(args, tree), args.db, args.documents))
            shown = ", ".join(f"{k} {v:.1f}" for k, v in runs[tree][-1].items())
            print(f"run {number + 1} {tree} (load {load:.1f}): {shown} ms CPU", flush=True)
    print("\n| answer (cache off) | before ms CPU | after ms CPU | after / before |\n|---|---|---|---|")
    for name in runs["before"][0]:
        before = statistics.median(r[name] for r in runs["before"])
        after = statistics.median(r[name] for r in runs["after"])
        print(f"| `{name}` | {before:.1f} | {after:.1f} | {after / before:.2f} |")


if __name__ == "__main__":
    main()
