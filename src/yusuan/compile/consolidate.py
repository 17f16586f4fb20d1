"""A department's `Budget` from its units' budgets: every line the exact sum of theirs.

A 部门预算 is its units' budgets added up.  Lines are summed by everything
that places them in a table (function code, economic code, fund source, kind
of spending, project), in Decimal, so every cell of the department's tables
is the sum of the same cell of its units' tables.  Projects keep their
descriptions and name the unit that carries them (项目承担单位); 三公,
procurement, assets and staffing are added up; 机关运行经费 is the
公用经费 of the administrative units only; last year's figures are the
department file's, else the sum of those the units state.

Units that cannot be added — another year, another unit of money, one code
under two names, a 决算 — raise `InputError` naming the unit's file.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from yusuan.errors import InputError
from yusuan.model import Budget
from yusuan.model.budget import (
    Assets,
    Comparison,
    ExpenditureLine,
    Procurement,
    Project,
    ThreePublic,
    UnitProfile,
    VehicleCategory,
)
from yusuan.model.department import Department
from yusuan.model.kinds import DocumentKind, FundType, SpendingKind
from yusuan.model.people import Staffing

UnitBudget = tuple[str, Budget]  # (the file it was read from, the budget)
LineKey = tuple[str, str, str, str, str | None]


def consolidate(department: Department, units: Sequence[UnitBudget], *, place: str = "") -> Budget:
    """The department's budget: its profile and narrative facts, its units' lines summed."""
    if not units:
        raise InputError(
            place, "部门没有任何所属单位的预算：请在 units 中列出本级和所属单位的预算文件，或用 --units 给出"
        )
    first_place, first = units[0]
    year = department.year if department.year is not None else first.year
    for unit_place, unit in units:
        if unit.year != year:
            raise InputError(unit_place, f"预算年度 {unit.year} 与部门的 {year} 年不一致")
        if unit.money_unit is not first.money_unit:
            raise InputError(
                unit_place, f"金额单位 {unit.money_unit.value} 与 {first_place} 的 {first.money_unit.value} 不一致"
            )
    _unique_units(units)
    return Budget(
        year=year,
        kind=DocumentKind.DEPARTMENT_BUDGET,
        money_unit=first.money_unit,
        published=department.published,
        unit=_profile(department, units),
        lines=_summed_lines(units),
        projects=_projects(units),
        last_year=_last_year(department, units),
        three_public=_three_public(units),
        procurement=_procurement(units),
        assets=_assets(units),
        performance=department.performance,
        running_costs=_running_costs(units),
        function_names=_names(units, "function_names", "功能分类科目"),
        economic_names=_names(units, "economic_names", "经济分类科目"),
        class_purposes=_class_purposes(department, units),
        glossary=department.glossary,
    )


def _running_costs(units: Sequence[UnitBudget]) -> Decimal:
    """机关运行经费: the 一般公共预算 公用经费 of the administrative units (行政单位、参公事业单位) only — a
    事业单位's 公用经费 are not 机关运行经费, though the department's table 6 adds them in."""
    return sum(
        (
            line.amount
            for _place, unit in units
            if unit.unit.administrative
            for line in unit.lines
            if line.source.fund_type is FundType.GENERAL_PUBLIC_BUDGET and line.kind is SpendingKind.PUBLIC
        ),
        Decimal(0),
    )


def _unique_units(units: Sequence[UnitBudget]) -> None:
    seen: dict[str, str] = {}
    for unit_place, unit in units:
        if unit.unit.name in seen:
            raise InputError(
                unit_place, f"单位“{unit.unit.name}”已由 {seen[unit.unit.name]} 给出，同一单位不能重复汇总"
            )
        seen[unit.unit.name] = unit_place


def _profile(department: Department, units: Sequence[UnitBudget]) -> UnitProfile:
    d = department.department
    staffing = d.staffing or Staffing(
        **{field: sum(getattr(u.unit.staffing, field) for _p, u in units) for field in Staffing.model_fields}
    )
    names = [u.unit.name for _p, u in units]
    subordinates = names[1:] if names[0] in (d.name, f"{d.name}本级", f"{d.name}（本级）") else names
    return UnitProfile(
        name=d.name,
        administrative=d.administrative,
        duties=d.duties,
        subordinate_units=subordinates,
        divisions=d.divisions,
        staffing=staffing,
    )


def _summed_lines(units: Sequence[UnitBudget]) -> list[ExpenditureLine]:
    """One line per placement, its amount the exact sum of the units' lines there (first-seen order)."""
    sums: dict[LineKey, Decimal] = {}
    for _place, unit in units:
        for line in unit.lines:
            key = (line.function_code, line.economic_code, line.source.value, line.kind.value, line.project)
            sums[key] = sums.get(key, Decimal(0)) + line.amount
    return [
        ExpenditureLine(
            function_code=function_code,
            economic_code=economic_code,
            source=source,
            kind=kind,
            project=project,
            amount=amount,
        )
        for (function_code, economic_code, source, kind, project), amount in sums.items()
    ]


def _projects(units: Sequence[UnitBudget]) -> list[Project]:
    """Each project once; a project of several units names them all as its 承担单位."""
    projects: dict[str, Project] = {}
    owners: dict[str, list[str]] = {}
    for _place, unit in units:
        for project in unit.projects:
            projects.setdefault(project.name, project)
            owners.setdefault(project.name, []).append(project.owner or unit.unit.name)
    return [
        project.model_copy(update={"owner": "、".join(dict.fromkeys(owners[name]))})
        for name, project in projects.items()
    ]


def _last_year(department: Department, units: Sequence[UnitBudget]) -> dict[str, Comparison]:
    """The department's own comparisons; any other key a unit states: the sum of the units stating it
    (a unit that states no figure for a key had none last year)."""
    figures = dict(department.last_year)
    keys = dict.fromkeys(key for _p, u in units for key in u.last_year)
    for key in keys:
        if key not in figures:
            stated = [u.last_year[key].amount for _p, u in units if key in u.last_year]
            figures[key] = Comparison(amount=sum(stated, Decimal(0)))
    return figures


def _three_public(units: Sequence[UnitBudget]) -> dict[FundType, ThreePublic]:
    result: dict[FundType, ThreePublic] = {}
    for _place, unit in units:
        for fund_type, item in unit.three_public.items():
            result[fund_type] = _add(result.get(fund_type), item)
    return result


def _procurement(units: Sequence[UnitBudget]) -> Procurement:
    total = Procurement()
    for _place, unit in units:
        total = _add(total, unit.procurement)
    return total


def _add(left: Any, right: Any) -> Any:
    """Field by field sum of two models of one class (`left` may be None)."""
    if left is None:
        return right
    return right.model_copy(update={f: getattr(left, f) + getattr(right, f) for f in type(right).model_fields})


def _assets(units: Sequence[UnitBudget]) -> Assets | None:
    """The units' assets added up (vehicles by category); as of the 本级's date."""
    held = [u.assets for _p, u in units if u.assets is not None]
    if not held:
        return None
    vehicles: dict[str, VehicleCategory] = {}
    for assets in held:
        for v in assets.vehicles:
            known = vehicles.get(v.name)
            vehicles[v.name] = (
                v
                if known is None
                else VehicleCategory(name=v.name, count=known.count + v.count, value=known.value + v.value)
            )
    summed = {
        field: sum((getattr(a, field) for a in held), type(getattr(held[0], field))(0))
        for field in Assets.model_fields
        if field not in ("as_of", "vehicles")
    }
    return Assets(as_of=held[0].as_of, vehicles=list(vehicles.values()), **summed)


def _names(units: Sequence[UnitBudget], field: str, label: str) -> dict[str, str]:
    """Every code's name; one code under two names is an error naming both files."""
    names: dict[str, str] = {}
    named_in: dict[str, str] = {}
    for unit_place, unit in units:
        for code, name in getattr(unit, field).items():
            known = names.get(code)
            if known is not None and known != name:
                raise InputError(
                    unit_place,
                    f"{label} {code} 名为“{name}”，而 {named_in[code]} 中名为“{known}”：同一科目须用同一名称",
                )
            names[code] = name
            named_in.setdefault(code, unit_place)
    return names


def _class_purposes(department: Department, units: Sequence[UnitBudget]) -> dict[str, str]:
    purposes = dict(department.class_purposes)
    for _place, unit in units:
        for code, text in unit.class_purposes.items():
            purposes.setdefault(code, text)
    return purposes
