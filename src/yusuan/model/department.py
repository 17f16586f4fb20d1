"""`Department`: what a department's accountant types besides its units' budgets.

A 部门预算 consolidates the department's own office (本级) and its
subordinate units (所属单位).  Every amount of the department's document is
the sum of its units' lines, so the department file holds no amounts: it
names the department, says what it does, lists its units' budget files (本级
first) and gives what only the department can say — last year's department
figures with the reasons for the changes, what each function class is mainly
for, the department-wide performance targets.  `compile.consolidate` turns
it and the units' `Budget`s into the department's `Budget`.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from yusuan.model.base import Frozen
from yusuan.model.budget import Comparison, ComparisonKey, UnitPerformance
from yusuan.model.people import GlossaryEntry, Staffing


class DepartmentProfile(Frozen):
    """第一部分 部门概况: who the department is (its units come from their files)."""

    name: str = Field(min_length=2)
    administrative: bool = Field(True, description="行政单位（含参公）: 本级的公用经费为机关运行经费")
    duties: list[str] = Field(min_length=1, description="主要职能")
    divisions: list[str] = Field(default_factory=list, description="内设机构")
    staffing: Staffing | None = Field(None, description="default: the sum of the units' staffing")


class Department(Frozen):
    """A department budget as the sum of its units' budgets."""

    year: int | None = Field(None, ge=2000, le=2100, description="default: the units' year (all must agree)")
    published: date | None = Field(None, description="落款日期")
    department: DepartmentProfile
    units: list[str] = Field(
        default_factory=list, description="the units' budget files or folders, relative to this file; 本级 first"
    )
    last_year: dict[ComparisonKey, Comparison] = Field(
        default_factory=dict, description="the department's comparisons; a key left out is the sum of the units'"
    )
    class_purposes: dict[str, str] = Field(default_factory=dict, description="主要用于… per function class")
    performance: UnitPerformance | None = Field(None, description="部门整体绩效目标")
    glossary: list[GlossaryEntry] | None = None
