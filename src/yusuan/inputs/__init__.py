"""Inputs: where a `Budget` comes from — a YAML file or a filled-in Excel workbook.

`load_budget` picks the reader by the file's suffix.  Both readers raise
`InputError` naming the exact place (file:line or sheet!cell) of the first
problem, so the CLI can print one line and exit 2.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import InputError
from yusuan.model import Budget


def load_budget(path: Path) -> Budget:
    """Read a budget from `.yaml`/`.yml` or `.xlsx`."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError(str(path), "文件不存在")
    if suffix in {".yaml", ".yml"}:
        from yusuan.inputs.yaml_input import load_yaml_budget

        return load_yaml_budget(path)
    if suffix == ".xlsx":
        from yusuan.inputs.workbook_input import load_workbook_budget

        return load_workbook_budget(path)
    raise InputError(str(path), f"不支持的输入格式 {suffix or '(无后缀)'}：请用 .yaml 或 .xlsx")
