"""Inputs: where a `Budget` comes from — a YAML file or a filled-in Excel workbook.

`load_budget` picks the reader by the file's suffix.  Both readers raise
`InputError` naming the exact place (file:line or sheet!cell) of a problem,
or `InputErrors` with every problem found in one run (one line each), so the
CLI prints them and exits 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from yusuan.errors import InputError
from yusuan.model import Budget
from yusuan.model.final_accounts import FinalAccounts


def load_budget(path: Path, units: Sequence[Path] | None = None) -> Budget | FinalAccounts:
    """Read a budget (or a 决算's facts, from YAML) from `.yaml`/`.yml` or `.xlsx`.

    A department file (YAML with a `department:` section) gives the department's budget,
    summed from its units' budgets: `units` (files or folders), else those the file lists."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(str(path), "文件不存在")
    if path.is_dir():
        raise InputError(str(path), "这是一个文件夹，不是文件")
    if suffix in {".yaml", ".yml"}:
        from yusuan.inputs.yaml_input import load_yaml_budget

        return _bounded(load_yaml_budget(path, units), path)
    if units:
        raise InputError(str(path), "只有部门文件（.yaml，含 department: 部分）才能给出所属单位（--units）")
    if suffix == ".xlsx":
        from yusuan.inputs.workbook_final_input import load_workbook_input

        return _bounded(load_workbook_input(path), path)
    raise InputError(str(path), f"不支持的输入格式 {suffix or '(无后缀)'}：请用 .yaml 或 .xlsx")


def _bounded(budget: Budget | FinalAccounts, path: Path) -> Budget | FinalAccounts:
    """The unit's name is laid out on every page: a name of thousands of characters is refused."""
    from yusuan.limits import MAX_NAME_CHARS

    if len(budget.unit.name) > MAX_NAME_CHARS:
        raise InputError(str(path), f"单位名称过长（{len(budget.unit.name):,} 字，上限 {MAX_NAME_CHARS}）")
    return budget
