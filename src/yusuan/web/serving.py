"""Serving a store until Ctrl-C: `yusuan serve` and `yusuan demo --serve` share it.

The app runs under uvicorn and ends quietly on Ctrl-C or SIGTERM (exit 0, no
traceback).  An address uvicorn could not listen on is refused before this is
called (`cli_checks.listen_address`), so nothing is announced that is not served.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any


def serve_until_stopped(db: Path, host: str, port: int, say: Any) -> None:
    """Serve the store until Ctrl-C (or SIGTERM), then say so and return (`say`: the Rich console for stderr)."""
    import uvicorn

    from yusuan.web.app import create_app
    from yusuan.web.pages import stale_pages_notice

    web_app = create_app(db)
    shown = f"[{host}]" if ":" in host else host
    if notice := stale_pages_notice(web_app.state.connection):
        say.print(notice, highlight=False)
    say.print(f"正在 http://{shown}:{port}/ 提供 {db} 的检查结果；按 Ctrl-C 停止", highlight=False)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops on Ctrl-C, then raises the signal again
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    say.print("网页服务已停止。", highlight=False)
