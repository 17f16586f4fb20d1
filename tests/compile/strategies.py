"""Hypothesis strategies for valid `Budget`s: random codes, sources, projects, amounts, last-year figures."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from yusuan.model import Budget
from yusuan.model.kinds import FundSource, FundType, SpendingKind

FUNCTION_ITEMS = [
    "2010101",
    "2010150",
    "2013101",
    "2013199",
    "2050201",
    "2080501",
    "2080505",
    "2101101",
    "2210201",
    "2130101",
    "2299999",
    "2240101",
]
PERSONNEL_CODES = ["30101", "30102", "30103", "30108", "30113", "30302", "30399"]
PUBLIC_CODES = ["30201", "30211", "30217", "30231", "30299"]
PROJECT_CODES = PERSONNEL_CODES + PUBLIC_CODES + ["31002", "31003", "39999", "30701"]

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)
last_amounts = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999.99"), places=2)


@st.composite
def basic_lines(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from([SpendingKind.PERSONNEL, SpendingKind.PUBLIC]))
    codes = PERSONNEL_CODES if kind is SpendingKind.PERSONNEL else PUBLIC_CODES
    return {
        "function_code": draw(st.sampled_from(FUNCTION_ITEMS)),
        "economic_code": draw(st.sampled_from(codes)),
        "source": draw(st.sampled_from(list(FundSource))),
        "kind": kind.value,
        "amount": str(draw(amounts)),
    }


@st.composite
def budgets(draw: st.DrawFn, max_lines: int = 25) -> Budget:
    lines = draw(st.lists(basic_lines(), min_size=0, max_size=max_lines))
    projects = []
    for index in range(draw(st.integers(0, 4))):
        name = f"项目{index + 1}"
        projects.append({"name": name, "classified": draw(st.booleans()), "basis": "依据", "allocation": "分配"})
        for _ in range(draw(st.integers(1, 3))):
            lines.append(
                {
                    "function_code": draw(st.sampled_from(FUNCTION_ITEMS)),
                    "economic_code": draw(st.sampled_from(PROJECT_CODES)),
                    "source": draw(st.sampled_from(list(FundSource))),
                    "kind": "project",
                    "project": name,
                    "amount": str(draw(amounts)),
                }
            )
    if not lines:
        lines.append(draw(basic_lines()))
    data: dict[str, object] = {
        "year": draw(st.integers(2018, 2030)),
        "kind": draw(st.sampled_from(["unit_budget", "department_budget"])),
        "unit": {
            "name": "测试单位",
            "administrative": draw(st.booleans()),
            "duties": ["职能"],
            "staffing": {"authorised": 10, "in_service": 8, "retired": 2},
        },
        "lines": lines,
        "projects": projects,
        "function_names": {code[:n]: f"科目{code[:n]}" for code in FUNCTION_ITEMS for n in (3, 5, 7)},
        "economic_names": {code[:n]: f"经济{code[:n]}" for code in PROJECT_CODES for n in (3, 5)},
        "three_public": {
            FundType.GENERAL_PUBLIC_BUDGET.value: {
                "abroad": str(draw(last_amounts)),
                "reception": str(draw(last_amounts)),
                "vehicle_purchase": str(draw(last_amounts)),
                "vehicle_operation": str(draw(last_amounts)),
            }
        },
    }
    last = {key: draw(last_amounts) for key in needed_comparisons(data)}
    # last year's general-budget items add up to last year's basic + project, as in a real budget
    items = sum((v for k, v in last.items() if k.startswith("general_public_budget.function.")), Decimal(0))
    last["general_public_budget.basic"] = draw(st.decimals(min_value=0, max_value=items, places=2))
    last["general_public_budget.project"] = items - last["general_public_budget.basic"]
    data["last_year"] = {key: {"amount": str(value), "reason": "原因"} for key, value in last.items()}
    return Budget.model_validate(data)


def needed_comparisons(data: dict[str, object]) -> list[str]:
    """Every last-year key the narrative of such a budget needs."""
    lines = data["lines"]
    assert isinstance(lines, list)
    keys = [
        "expenditure.basic",
        "expenditure.project",
        "general_public_budget.basic",
        "general_public_budget.project",
        "running_costs",
    ]
    keys += [f"three_public.{k}" for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")]
    for line in lines:
        source = FundSource(line["source"])
        group = (
            "carryover"
            if source.is_carryover
            else ("unit_funds" if source.fund_type is FundType.UNIT_FUNDS else source.value)
        )
        keys.append(f"income.{group}")
        if source.fund_type is FundType.GENERAL_PUBLIC_BUDGET:
            keys.append(f"general_public_budget.function.{line['function_code']}")
    return sorted(set(keys))
