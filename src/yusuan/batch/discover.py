"""Which files a batch checks: every disclosure under the paths given, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from yusuan.errors import InputError

DISCLOSURE_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm")
"""Published disclosures a batch reads (budget data files, .yaml, are built, not audited)."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files under `paths` (files as given, folders recursively), each once, sorted within a folder."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "文件或文件夹不存在")
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for candidate in candidates:
            if candidate.suffix.lower() not in DISCLOSURE_SUFFIXES or candidate.name.startswith((".", "~$")):
                continue
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(candidate)
    return found
