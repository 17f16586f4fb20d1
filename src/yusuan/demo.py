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


def fresh_store(db: Path) -> None:
    """Remove a store left by an earlier demo (and DuckDB's write-ahead log beside it)."""
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
