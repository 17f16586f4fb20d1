"""What `yusuan check` checks: any input, turned into a `Disclosure` and its read problems.

A budget (YAML, or the fill-in workbook) is compiled, so an accountant checks
the document yusuan would publish; a published document (text, PDF, Word,
Excel) is read by `extract`, which also reports what it could not read.
Several files are one document (Jiangsu publishes narrative and tables
apart).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Disclosure

BUDGET_SUFFIXES = {".yaml", ".yml"}


def is_budget_workbook(path: Path) -> bool:
    """A workbook written by `yusuan template` (it has the 支出明细 sheet), not a published one."""
    if path.suffix.lower() != ".xlsx":
        return False
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    from yusuan.limits import check_archive

    check_archive(path, "Excel")
    try:
        workbook = load_workbook(path, read_only=True)
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise InputError(str(path), "无法打开 Excel 文件（文件损坏、加密或不是 .xlsx）") from exc
    try:
        return {"填写说明", "支出明细"} <= set(workbook.sheetnames)
    finally:
        workbook.close()


def load_for_check(paths: Sequence[Path]) -> tuple[Disclosure, list[Any]]:
    """The disclosure to check and the problems met reading it."""
    if not paths:
        raise InputError("", "没有给出要检查的文件")
    for path in paths:
        if not path.exists():
            raise InputError(str(path), "文件不存在")
    budgets = [p for p in paths if p.suffix.lower() in BUDGET_SUFFIXES or is_budget_workbook(p)]
    if budgets:
        if len(paths) > 1:
            raise InputError(str(budgets[0]), "预算数据文件须单独检查（一次只给一个 .yaml 或填报模板）")
        from yusuan.compile import compile_budget
        from yusuan.inputs import load_budget

        path = budgets[0]
        try:
            return compile_budget(load_budget(path), source=str(path)), []
        except InputError as exc:
            if exc.place.startswith(str(path)):
                raise
            raise InputError(f"{path} {exc.place}", exc.message) from exc
    from yusuan.extract import read_documents

    disclosure, problems = read_documents(list(paths))
    return disclosure, list(problems)
