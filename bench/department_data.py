"""A constructed department of many units, for the department benchmark (bench/department.py).

Departments make big budgets common: a city bureau with fifty units has
thousands of lines and hundreds of projects.  `write_department` writes such a
department — a department file and one budget YAML per unit — deterministically
(no randomness), with every fact the narrative needs (last year's figures, code
names), so `yusuan build` compiles it like any accountant's files.

Shape (defaults): 50 units; each unit has 2 lines every unit shares (养老保险,
住房公积金: summed into one department line each), 28 basic lines and 16
projects of 2 lines of its own — 2 + 50 × 60 = 3,002 department lines and
800 projects — over 120 function 项 codes (12 classes) and 36 economic codes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

CLASSES = ["201", "205", "206", "207", "208", "210", "212", "213", "214", "220", "222", "224"]
ECONOMIC = [
    *(f"301{n:02d}" for n in (1, 2, 3, 7, 8, 9, 10, 12, 13, 99)),
    *(f"302{n:02d}" for n in (1, 2, 5, 6, 7, 11, 13, 14, 15, 16, 17, 26, 27, 28, 29, 31, 39, 99)),
    *(f"303{n:02d}" for n in (2, 5, 9, 99)),
    *(f"310{n:02d}" for n in (2, 3, 7, 99)),
]
SHARED = [("2080505", "30108", "机关事业单位基本养老保险缴费支出"), ("2210201", "30113", "住房公积金")]
CENT = Decimal("0.01")


def _function_code(k: int) -> str:
    """The k-th of 120 项 codes the units share: 12 classes × 2 款 × 5 项."""
    k %= 120
    return f"{CLASSES[k // 10]}{(k // 5) % 2 + 1:02d}{k % 5 + 1:02d}"


def _amount(unit: int, line: int) -> Decimal:
    return (Decimal(1000 + (unit * 7919 + line * 104729) % 90000) / 100).quantize(CENT)


def unit_budget(unit: int, *, year: int, basic_lines: int, projects: int) -> dict[str, Any]:
    """One unit's budget as YAML data (all scalars as text, as an accountant's file holds them)."""
    name = f"示例市测试局第{unit + 1:02d}单位" if unit else "示例市测试局"
    lines: list[dict[str, str]] = []
    for code, economic, _label in SHARED:
        lines.append(_line(code, economic, "general_public_budget", "personnel", None, _amount(unit, len(lines))))
    for index in range(basic_lines):
        k = unit * basic_lines + index  # a (function, economic) pair of its own: no two units' basic lines merge
        economic = ECONOMIC[(k // 120) % len(ECONOMIC)]
        kind = "public" if economic.startswith("302") else "personnel"
        lines.append(_line(_function_code(k), economic, "general_public_budget", kind, None, _amount(unit, len(lines))))
    project_names = [f"{name}项目{p + 1:02d}" for p in range(projects)]
    for p, project in enumerate(project_names):
        source = "government_fund" if p % 8 == 7 else "other_income" if p % 8 == 6 else "general_public_budget"
        code = _function_code(unit * projects + p * 7)
        for step in range(2):
            economic = ECONOMIC[(unit + p * 3 + step * 11) % len(ECONOMIC)]
            lines.append(_line(code, economic, source, "project", project, _amount(unit, len(lines))))
    function_names = {}
    for line in lines:
        code = line["function_code"]
        function_names[code[:3]] = f"测试类{code[:3]}"
        function_names[code[:5]] = f"测试款{code[:5]}"
        function_names[code] = f"测试项{code}"
    for code, _economic, label in SHARED:
        function_names[code] = label
    return {
        "year": str(year),
        "kind": "unit_budget",
        "money_unit": "万元",
        "unit": {
            "name": name,
            "administrative": "true" if unit == 0 else "false",
            "duties": [f"{name}的主要职能。"],
            "staffing": {"authorised": "30", "in_service": "28", "retired": "5"},
        },
        "function_names": function_names,
        "economic_names": {code: f"测试经济科目{code}" for code in ECONOMIC},
        "lines": lines,
        "projects": [{"name": project} for project in project_names],
        "last_year": _last_year(lines),
        "three_public": {"general_public_budget": {"reception": "1.00", "vehicle_operation": "2.00"}},
        "procurement": {"goods": "10.00", "services": "5.00", "reserved_sme": "15.00"},
    }


def _line(code: str, economic: str, source: str, kind: str, project: str | None, amount: Decimal) -> dict[str, str]:
    line = {"function_code": code, "economic_code": economic, "source": source, "kind": kind, "amount": str(amount)}
    if project:
        line["project"] = project
    return line


def _last_year(lines: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Last year: every figure the narrative compares with, at nine tenths of this year's lines."""
    keys = [
        "income.general_public_budget",
        "income.government_fund",
        "income.unit_funds",
        "expenditure.basic",
        "expenditure.project",
        "general_public_budget.basic",
        "general_public_budget.project",
        "running_costs",
        *(f"three_public.{item}" for item in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")),
        *(f"general_public_budget.function.{line['function_code']}" for line in lines),
    ]
    total = sum((Decimal(line["amount"]) for line in lines), Decimal(0))
    return {key: {"amount": str((total * Decimal("0.009")).quantize(CENT))} for key in dict.fromkeys(keys)}


def write_department(
    folder: Path, *, units: int = 50, year: int = 2026, basic_lines: int = 28, projects: int = 16
) -> Path:
    """Write the department file and its units' budgets into `folder`; return the department file."""
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for unit in range(units):
        name = f"unit-{unit + 1:02d}.yaml"
        data = unit_budget(unit, year=year, basic_lines=basic_lines, projects=projects)
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        names.append(name)
    department = {
        "department": {"name": "示例市测试局", "duties": ["示例市测试局的主要职能。"]},
        "units": names,
    }
    path = folder / "department.yaml"
    path.write_text(yaml.safe_dump(department, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
