"""Which files a batch checks: every disclosure under the paths given, in a stable order (none: `nothing_to_check`).

Each file is named by its absolute path (symbolic links kept as given): the store keeps it, and `yusuan serve`,
started from any folder, finds the file again to draw a finding's page.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from yusuan.errors import InputError

DISCLOSURE_SUFFIXES = (".pdf", ".docx", ".xlsx", ".txt", ".html", ".htm")
"""Published disclosures a batch reads (budget data files, .yaml, are built, not audited)."""


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files under `paths` (files as given, folders recursively), each once, sorted within a folder, as
    absolute paths."""
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
                found.append(Path(os.path.abspath(candidate)))
    return found


def nothing_to_check(paths: Iterable[Path]) -> InputError:
    """The error of a batch that found no disclosure under `paths`: it names them, and the old Excel
    workbooks (.xls) among them, which are not read."""
    given = list(paths)
    old_excel = sum(
        1
        for path in given
        for candidate in ([path] if path.is_file() else path.rglob("*"))
        if candidate.suffix.lower() == ".xls" and candidate.is_file()
    )
    message = f"没有可检查的文件（{'/'.join(DISCLOSURE_SUFFIXES)}）"
    if old_excel:
        message += f"；跳过了 {old_excel} 个 .xls 文件：旧版 Excel 格式不能读取，请另存为 .xlsx"
    return InputError("、".join(str(path) for path in given), message)
