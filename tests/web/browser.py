"""What the browser tests share: Debian's chromium, the app served on a free port, a page in a headless browser.

Each browser test module marks itself `pytestmark = needs_chromium`, takes the app's address from the `server`
fixture (tests/web/conftest.py, which uses `served`), and drives one page with `with browser_page() as page:`.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no chromium at /usr/bin/chromium (apt-get install chromium)"
)


@contextmanager
def served(app: Any) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, in a thread; its address while the block runs."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(10)


@contextmanager
def browser_page() -> Iterator[Any]:
    """A page of headless chromium, 1400 × 900, that accepts downloads; the browser is closed after the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        finally:
            browser.close()
