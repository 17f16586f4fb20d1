"""The web app's screenshots in docs/ (docs/store.md shows them), taken with Debian's chromium (not a test).

Serves `--db` on a free port and saves, 1400 px wide: the document list, whole (`web-documents.png`), a document
after a click on its first finding that names a cell (`web-document.png`) and a unit over the years
(`web-unit.png`).  The committed ones are of the corpus batched into a store with one truncated PDF beside it
(so the list shows a file that could not be read):

    export PYTHONPATH=$PWD/src
    .venv/bin/python -m yusuan batch $YUSUAN_CORPUS --db /tmp/shots.duckdb --workers 1
    mkdir /tmp/web-bad && head -c 4000 SOME.pdf > /tmp/web-bad/截断的文件.pdf
    .venv/bin/python -m yusuan batch /tmp/web-bad --db /tmp/shots.duckdb
    .venv/bin/python bench/web_screenshots.py --db /tmp/shots.duckdb \\
        --document 湖州市退役军人事务局 --unit 江苏省人大常委会办公厅 --out docs
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from yusuan.web.app import create_app

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--document", required=True, help="the unit whose document is opened")
    parser.add_argument("--unit", required=True, help="the unit shown over the years")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 1052})
            page.goto(base + "/")
            page.screenshot(path=str(args.out / "web-documents.png"), full_page=True)  # the refused file is last
            page.set_viewport_size({"width": 1400, "height": 860})
            page.goto(base + "/?q=" + args.document)
            page.click(f"text={args.document}")
            page.locator(".document-findings a.goto[href^='#c-']").first.click()
            page.screenshot(path=str(args.out / "web-document.png"))
            page.goto(base + "/units/" + args.unit)
            page.screenshot(path=str(args.out / "web-unit.png"), full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)


if __name__ == "__main__":
    main()
