"""What a command is given, refused before any work with one line naming what the person typed.

The command line (`cli.py`) asks here whether an input is a readable file, whether a file was given twice,
whether an output would overwrite an input, whether a `--db` (or demo's `--store`) can be the store's file,
and whether `serve` can listen where it was told to.  Each refusal names the option or argument whose value
it is and says what is wrong with that value: a folder given for a file is called a folder, not a missing
file, and a path under a file names that file.  Output files themselves are checked by
`render.files.check_output_file`, told which option or argument named them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from yusuan.errors import InputError


def input_file(path: Path) -> Path:
    """An input path that names a readable file of a plausible size (not empty, not too large), else one line."""
    from yusuan.limits import MAX_INPUT_BYTES

    if not path.exists():
        raise InputError(str(path), "文件不存在")
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是文件")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), "无法读取文件") from exc
    if not size:
        raise InputError(str(path), "文件是空的")
    if size > MAX_INPUT_BYTES:
        raise InputError(str(path), f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）")
    return path


def distinct(paths: Iterable[Path]) -> list[Path]:
    """`paths` with each file once, as first given: `a.pdf ./a.pdf` (or a link to it) is one file, checked once."""
    seen: set[str] = set()
    kept: list[Path] = []
    for path in paths:
        key = os.path.realpath(path) if path.exists() else str(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def not_an_input(path: Path, inputs: list[Path], option: str) -> None:
    """An output path must never be one of the inputs (a report or marked copy written over the original)."""
    for source in inputs:
        if path.exists() and source.exists() and path.resolve() == source.resolve():
            raise InputError(option, f"输出文件 {path} 就是输入文件，不能覆盖原文件；请另给一个文件名")


def store_file(db: Path, option: str, *, existing: bool) -> None:
    """Refuse a store path (`option`: `--db`, `--store`) that cannot be the store's file, before the store is
    opened (a batch: before its progress bar): a folder, or a path under a file; with `existing` (serve,
    export: the store is read, never made), a file that is not there."""
    wanted = " yusuan batch 写入的 .duckdb 文件" if existing else "一个数据库文件名（如 yusuan.duckdb）"
    if db.is_dir():
        raise InputError(str(db), f"这是一个文件夹，不是数据库文件；{option} 须给出{wanted}")
    from yusuan.render.files import existing_above

    blocking = existing_above(db)
    if blocking is not None and not blocking.is_dir():
        raise InputError(str(blocking), f"这是一个文件，不是文件夹；{option} 给出的 {db} 无法放在它下面")
    if existing and not db.exists():
        raise InputError(str(db), "数据库文件不存在；请先用 yusuan batch 检查文件并写入数据库")


def listen_address(host: str, port: int) -> None:
    """Refuse, before anything is said to be served, an address the server could not listen on
    (uvicorn would print its English error after the server was announced, and exit 3)."""
    import errno
    import socket

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
