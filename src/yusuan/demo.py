"""`yusuan demo --store DB [--serve]` (what `make demo` runs): the whole job on what ships with yusuan.

1. the built-in example is built (`pipeline.build`), as plain `yusuan demo` does;
2. the sample documents of the repository (`tests/fixtures`: the Xinjiang reference text, the corpus PDFs
   copied there, the national samples, page extracts, a final account) and the files just built are
   batch-checked into a store made anew each time (a built PDF differs from the last one by its creation
   date, so a kept store would gather a copy per run);
3. with `--serve`, the store is served on 127.0.0.1 until Ctrl-C.

Installed from a wheel there is no `tests/fixtures`; then only the built files are checked.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "fixtures"
"""The repository's sample documents (absent in an installed wheel)."""
PORTS_TRIED = 20


def sample_paths(built: Iterable[Path], samples: Path = SAMPLES) -> list[Path]:
    """What the demo batch checks: the sample folder (when present), then every file just built."""
    return [*([samples] if samples.is_dir() else []), *built]


def replaceable_store(db: Path) -> None:
    """Refuse (InputError) a `--store` path holding a file that is not a yusuan store: the demo makes its store
    anew and would delete it (`--store budget.yaml`, someone else's DuckDB database)."""
    from yusuan.errors import InputError
    from yusuan.store.schema import stored_version

    if not db.is_file():
        return
    refusal = InputError(
        str(db), "这不是 yusuan 的数据库；demo 每次新建数据库，会删除这个文件：请另给一个 --store 文件名"
    )
    try:
        version = stored_version(db)
    except InputError as exc:  # not DuckDB's, another program's database, a newer yusuan's store
        raise refusal from exc
    if version == 0:
        raise refusal


def fresh_store(db: Path) -> None:
    """Remove a store left by an earlier demo (and DuckDB's write-ahead log beside it); `replaceable_store`
    has made sure it is one."""
    replaceable_store(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    for path in (db, db.with_name(db.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def free_port(host: str, first: int) -> int | None:
    """`first`, or the next port after it nobody listens on (None when the next 20 are all taken)."""
    for port in range(first, min(first + PORTS_TRIED, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    return None
