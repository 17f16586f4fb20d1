"""The eleven tables of the unit-budget template, in their published order.

Titles, numbers and the notes that explain an empty table follow the
template of the built-in example (Xinjiang, 2024); 单位 becomes 部门 for a
department budget.  Every table is built from the ledger of budget lines, so
tables agree with each other by construction.
"""

from __future__ import annotations

from yusuan.compile import detail_tables as detail
from yusuan.compile import summary_tables as summary
from yusuan.compile.ledger import Ledger, of_fund_type
from yusuan.model import Table, TableKind
from yusuan.model.kinds import FundType


def table_titles(entity: str) -> dict[TableKind, tuple[str, str]]:
    """Number and title of each table, for a 单位 or 部门 budget."""
    return {
        TableKind.INCOME_EXPENDITURE_SUMMARY: ("1", f"{entity}收支总体情况表"),
        TableKind.INCOME_SUMMARY: ("2", f"{entity}收入总体情况表"),
        TableKind.EXPENDITURE_SUMMARY: ("3", f"{entity}支出总体情况表"),
        TableKind.FISCAL_SUMMARY: ("4", "财政拨款收支预算总体情况表"),
        TableKind.GENERAL_BUDGET_EXPENDITURE: ("5", "一般公共预算支出情况表"),
        TableKind.GENERAL_BUDGET_BASIC: ("6", "一般公共预算基本支出情况表"),
        TableKind.GENERAL_BUDGET_PROJECTS: ("7", "一般公共预算项目支出情况表"),
        TableKind.GOVERNMENT_FUND_EXPENDITURE: ("8", "政府性基金预算支出情况表"),
        TableKind.STATE_CAPITAL_EXPENDITURE: ("9", "国有资本经营预算支出情况表"),
        TableKind.THREE_PUBLIC: ("10", "财政拨款“三公”经费支出情况表"),
        TableKind.CARRYOVER: ("11", "上年结转结余情况明细表"),
    }


def build_tables(ledger: Ledger) -> list[Table]:
    budget = ledger.budget
    who = f"{budget.unit.name}{budget.year}年"
    titles = table_titles(budget.kind.entity)

    def numbered(kind: TableKind) -> tuple[str, str]:
        return titles[kind]

    return [
        summary.income_expenditure_summary(ledger, *numbered(TableKind.INCOME_EXPENDITURE_SUMMARY)),
        summary.income_summary(ledger, *numbered(TableKind.INCOME_SUMMARY)),
        summary.basic_project_table(
            ledger,
            TableKind.EXPENDITURE_SUMMARY,
            *numbered(TableKind.EXPENDITURE_SUMMARY),
            note=f"{who}没有支出预算，{titles[TableKind.EXPENDITURE_SUMMARY][1]}为空表。",
        ),
        summary.fiscal_summary(
            ledger,
            *numbered(TableKind.FISCAL_SUMMARY),
            note=f"{who}没有财政拨款收支，财政拨款收支预算总体情况表为空表。",
        ),
        summary.basic_project_table(
            ledger,
            TableKind.GENERAL_BUDGET_EXPENDITURE,
            *numbered(TableKind.GENERAL_BUDGET_EXPENDITURE),
            of_fund_type(FundType.GENERAL_PUBLIC_BUDGET),
            note=f"{who}没有使用一般公共预算拨款安排的支出，一般公共预算支出情况表为空表。",
        ),
        detail.general_budget_basic(ledger, *numbered(TableKind.GENERAL_BUDGET_BASIC)),
        detail.general_budget_projects(
            ledger,
            *numbered(TableKind.GENERAL_BUDGET_PROJECTS),
            note=f"{who}没有一般公共预算项目支出，一般公共预算项目支出情况表为空表。",
        ),
        summary.basic_project_table(
            ledger,
            TableKind.GOVERNMENT_FUND_EXPENDITURE,
            *numbered(TableKind.GOVERNMENT_FUND_EXPENDITURE),
            of_fund_type(FundType.GOVERNMENT_FUND),
            note=f"{who}没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
        ),
        detail.state_capital_expenditure(
            ledger,
            *numbered(TableKind.STATE_CAPITAL_EXPENDITURE),
            note=f"{who}没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
        ),
        detail.three_public(
            ledger,
            *numbered(TableKind.THREE_PUBLIC),
            note=f"{who}没有安排财政拨款“三公”经费，财政拨款“三公”经费支出情况表为空表。",
        ),
        detail.carryover_detail(
            ledger,
            *numbered(TableKind.CARRYOVER),
            note=f"{who}没有使用上年结转结余预算安排的支出，上年结转结余情况明细表为空表。",
        ),
    ]
