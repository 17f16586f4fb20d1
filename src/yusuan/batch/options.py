"""The `yusuan batch` command's options checked before anything runs: a value a person got wrong is one
Chinese line naming the option (`InputError`, exit 2), never an internal error."""

from __future__ import annotations

import math
from typing import Any

from yusuan.errors import InputError
from yusuan.lazy_pattern import lazy_compile

DASK_ADDRESS = lazy_compile(r"(?:(?:tcp|tls)://)?(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]):(?P<port>[0-9]{1,5})")
"""A scheduler's address: tcp://host:8786, tls://host:8786 or host:8786 (an IPv6 host in brackets)."""

DASK_HINT = "须为 local（本机启动）或调度器地址，如 tcp://host:8786 或 host:8786"
CONNECT_SECONDS = 10
"""How long a connection to a scheduler is tried (`DaskExecutor`'s `Client(…, timeout=…)`)."""


def check_limits(workers: int | None, timeout: float | None, memory: int | None) -> None:
    """`--workers` at least 1, `--timeout` a finite number of seconds of at least 1, `--memory` at least 256."""
    if timeout is not None and not math.isfinite(timeout):
        raise InputError("--timeout", "须为有限的正秒数（如 120），不能是 inf 或 nan")
    for option, value, least in (("--workers", workers, 1), ("--timeout", timeout, 1), ("--memory", memory, 256)):
        if value is not None and value < least:
            raise InputError(option, f"须不小于 {least}")


def check_dask_address(address: str) -> None:
    """`local` or a scheduler's address with a port in 1–65535."""
    if address == "local":
        return
    matched = DASK_ADDRESS.fullmatch(address)
    if matched is None or not 1 <= int(matched["port"]) <= 65535:
        raise InputError("--dask", f"“{address}”不是可用的地址：{DASK_HINT}")


def dask_executor(address: str, workers: int, limits: Any, target: str) -> Any:
    """A `DaskExecutor` connected to `address`, which `check_dask_address` has taken (the CLI checks it first,
    before any work); a failed connection, or an address Dask cannot use after all, is an `InputError`."""
    from yusuan.batch.dask_executor import DaskExecutor

    try:
        return DaskExecutor(address, workers, limits, target)
    except (OSError, ValueError, TypeError) as exc:  # refused, timed out, or an address Dask cannot use
        if isinstance(exc, OSError):
            reason = f"连接被拒绝或 {CONNECT_SECONDS} 秒内无应答；请确认调度器已启动、地址和端口无误"
        else:
            reason = DASK_HINT
        raise InputError("--dask", f"无法连接 Dask 调度器 {address}：{reason}") from exc
