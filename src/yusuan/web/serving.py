"""Serving a store on an address: refused before it is announced when it cannot be listened on, then served
until Ctrl-C.

uvicorn reports an address it cannot bind (a port in use, a host not this
machine's) in English, after the CLI has said where it serves, and exits 3;
`check_listen` tries the address first and says what is wrong in one Chinese
line.  `serve_until_stopped` runs the app and ends quietly on Ctrl-C or SIGTERM
(exit 0, no traceback): `yusuan serve` and `yusuan demo --serve` share it.
"""

from __future__ import annotations

import contextlib
import errno
import socket
from pathlib import Path
from typing import Any

from yusuan.errors import InputError


def check_listen(host: str, port: int) -> None:
    """Refuse, before anything is said to be served, an address the server could not listen on."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except socket.gaierror as exc:
            raise InputError(
                "--host", f"无法识别的监听地址“{host}”（如 127.0.0.1 只允许本机访问，0.0.0.0 允许其他电脑访问）"
            ) from exc
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise InputError("--port", f"端口 {port} 已被占用；请用 --port 换一个端口") from exc
            if exc.errno == errno.EACCES:
                raise InputError("--port", f"没有权限监听端口 {port}；请用 --port 换一个端口（如 8000）") from exc
            if exc.errno == errno.EADDRNOTAVAIL:
                raise InputError("--host", f"本机没有地址 {host}，无法在其上监听") from exc
            raise InputError("--host", f"无法在 {host} 的端口 {port} 上监听（系统错误 {exc.errno}）") from exc


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
