"""Read a department file and its units' budgets, and sum them into the department's budget.

A department file is YAML with a `department:` section (see
`model.department.Department` and docs/departments.md).  Its units are the
budget files (YAML or fill-in workbooks) it lists under `units:`, relative to
the file, or the files and folders given on the command line (`yusuan build
部门.yaml --units 单位目录/`), which replace the list.  A folder gives every
budget file in it, in name order.  The unit named like the department (本级)
comes first, as the document lists it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Budget
from yusuan.model.department import Department

UNIT_SUFFIXES = (".yaml", ".yml", ".xlsx")
_loading: set[Path] = set()  # department files being read (a file listing itself, directly or not)


def department_budget(path: Path, data: Any, lines: dict[Any, int], units: Sequence[Path] | None) -> Budget:
    """The department's budget from its file's parsed data and its units' files."""
    from yusuan.compile.consolidate import consolidate
    from yusuan.inputs.yaml_input import validate

    department = validate(Department, data, lines, path)
    if units:
        files = unit_files(units, exclude=path)
    else:
        files = unit_files([path.parent / name for name in department.units], exclude=path, listed_in=path)
    key = path.resolve()
    if key in _loading:
        raise InputError(str(path), "部门文件通过所属单位引用了自身")
    _loading.add(key)
    try:
        loaded = [(str(file), _unit_budget(file)) for file in files]
    finally:
        _loading.discard(key)
    own = {department.department.name, f"{department.department.name}本级", f"{department.department.name}（本级）"}
    loaded.sort(key=lambda pair: pair[1].unit.name not in own)  # stable: 本级 first, the rest as given
    return consolidate(department, loaded, place=str(path))


def unit_files(paths: Sequence[Path], *, exclude: Path | None = None, listed_in: Path | None = None) -> list[Path]:
    """The budget files named: files as given, folders by their budget files in name order."""
    files: list[Path] = []
    for given in paths:
        where = f"{listed_in} units: {given.name}" if listed_in else str(given)
        if given.is_dir():
            found = sorted(p for p in given.iterdir() if p.is_file() and p.suffix.lower() in UNIT_SUFFIXES)
            found = [p for p in found if exclude is None or p.resolve() != exclude.resolve()]
            if not found:
                raise InputError(where, "文件夹中没有单位预算文件（.yaml/.yml/.xlsx）")
            files += found
        elif given.is_file():
            if exclude is not None and given.resolve() == exclude.resolve():
                raise InputError(where, "部门文件不能把自身列为所属单位")
            files.append(given)
        else:
            raise InputError(where, "所属单位的预算文件不存在")
    seen: set[Path] = set()
    for file in files:
        if file.resolve() in seen:
            raise InputError(str(file), "同一单位预算文件给出了两次")
        seen.add(file.resolve())
    return files


def is_department_file(path: Path) -> bool:
    """Whether a YAML file is a department file (a top-level `department:` section), not a unit's budget.

    A folder of units often holds the department file beside them; read as a unit it would count
    every unit twice."""
    if path.suffix.lower() not in {".yaml", ".yml"}:
        return False
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return any(line.startswith("department:") for line in handle)
    except OSError:
        return False


def _unit_budget(path: Path) -> Budget:
    from yusuan.inputs import load_budget

    budget = load_budget(path)
    if not isinstance(budget, Budget):
        raise InputError(str(path), "这是决算数据，不能汇总为部门预算")
    return budget
