"""Write the 决算 fill-in workbook: blank for an accountant, or filled with a 决算's facts.

The 决算 counterpart of `workbook_template`, writing the sheets of
`workbook_final_layout` with the same machinery (drop-downs, text-formatted
code columns, two-decimal amount columns, frozen headers, a Chinese
instructions sheet).  `final_template_bytes(kind=…)` is the blank workbook with
its 文件类型 set to the 决算 kind asked for; `final_template_bytes(facts)` holds an
existing 决算 (the example), and reading it back with `load_workbook_final`
gives an equal `FinalAccounts`.
"""

from __future__ import annotations

from yusuan.inputs.workbook_final_layout import FINAL_SHEETS, FINAL_VEHICLE_CATEGORIES
from yusuan.inputs.workbook_layout import CHOICES, Shape
from yusuan.inputs.workbook_template import Content, field_help, fields_of, form_and_list_content, workbook_bytes
from yusuan.model import Budget
from yusuan.model.final_accounts import FINAL_KINDS, FinalAccounts, FinalFund, IncomeSource
from yusuan.model.kinds import DocumentKind
from yusuan.money import MoneyUnit

WORKBOOK_KINDS: tuple[DocumentKind, ...] = tuple(
    DocumentKind(value) for key in ("document_kind", "final_kind") for _, value in CHOICES[key]
)
"""Every kind a workbook offers (the budget workbook's, then the 决算 workbook's): `yusuan template --kind`."""


def workbook_kind(text: str) -> DocumentKind:
    """The kind `text` names (its Chinese label or its key); ValueError with the choices in Chinese."""
    for kind in WORKBOOK_KINDS:
        if text.strip() in (kind.label, kind.value):
            return kind
    raise ValueError(f"不认识的文件类型“{text}”（可选：{'、'.join(kind.label for kind in WORKBOOK_KINDS)}）")


def workbook_for(kind: DocumentKind, filled: Budget | FinalAccounts | None = None) -> bytes:
    """The fill-in workbook for `kind` — the 决算 workbook for a 决算 kind, else the budget's — blank or `filled`."""
    from yusuan.inputs.workbook_template import template_bytes

    if kind.is_final:
        if isinstance(filled, Budget):
            raise ValueError("a budget cannot fill a 决算 workbook")
        return final_template_bytes(filled, kind)
    if isinstance(filled, FinalAccounts):
        raise ValueError("a 决算 cannot fill a budget workbook")
    return template_bytes(filled, kind)


def final_template_bytes(
    facts: FinalAccounts | None = None, kind: DocumentKind = DocumentKind.UNIT_FINAL_ACCOUNTS
) -> bytes:
    """The 决算 workbook, pre-filled with `facts` when given, else blank with `kind` chosen."""
    if kind not in FINAL_KINDS:
        raise ValueError(f"not a 决算 kind: {kind}")
    money_unit = facts.money_unit if facts else MoneyUnit.YUAN
    content = final_content(facts) if facts else blank_final_content(kind)
    return workbook_bytes(
        FINAL_SHEETS, content, final_instruction_lines(money_unit), money_unit, facts.year if facts else None
    )


def blank_final_content(kind: DocumentKind) -> Content:
    """The blank workbook: defaults, and the rows every 决算 fills (funds, vehicle categories)."""
    content: Content = {}
    for sheet in FINAL_SHEETS:
        for block in sheet.blocks:
            content[block.key] = [] if block.shape is Shape.RECORDS else {}
    content["final_unit"] = {
        "kind": kind.value,
        "money_unit": MoneyUnit.YUAN.value,
        "print_unit": MoneyUnit.WAN_YUAN.value,
        "unit.administrative": True,
    }
    content["balances"] = [{"fund": fund.value} for fund in FinalFund]
    content["final_vehicles"] = [{"name": name} for name in FINAL_VEHICLE_CATEGORIES]
    return content


def final_content(facts: FinalAccounts) -> Content:
    """Every block's values for an existing 决算, in model values (labels are chosen when written)."""
    dump = facts.model_dump()
    content = form_and_list_content(FINAL_SHEETS, dump)
    content["income"] = dump["income"]
    content["spending"] = dump["spending"]
    content["basic_items"] = dump["basic_items"]
    content["line_budgets"] = [{"function_code": code, **budget} for code, budget in dump["line_budgets"].items()]
    content["balances"] = [{"fund": fund.value, **dump["balances"].get(fund, {})} for fund in FinalFund]
    vehicles = (dump["assets"] or {}).get("vehicles") or dict.fromkeys(FINAL_VEHICLE_CATEGORIES)
    content["final_vehicles"] = [{"name": name, "count": count} for name, count in vehicles.items()]
    content["function_names"] = [{"code": code, "name": name} for code, name in dump["function_names"].items()]
    content["economic_names"] = [{"code": code, "name": name} for code, name in dump["economic_names"].items()]
    content["glossary"] = dump["glossary"] or []
    return content


def final_instruction_lines(unit: MoneyUnit) -> list[tuple[str, str]]:
    """The instructions sheet, in Chinese."""
    kinds = "、".join(label for label, _ in CHOICES["final_kind"])
    lines: list[tuple[str, str]] = [
        ("决算公开填报工作簿（yusuan）", "title"),
        (
            f"本工作簿收集编制{kinds}公开文件所需的全部基础数据（全国统一的决算公开格式）。"
            "填好后运行：yusuan build 本文件.xlsx",
            "",
        ),
        ("一、通用规则", "heading"),
        (
            f"1. 金额单位：{unit.value}（以“单位信息”表的“金额单位”为准；决算通常按元填写，"
            "公开时按“公开金额单位”逐格四舍五入）。金额填数字，最多两位小数；不要填文字、单位或负数。",
            "",
        ),
        (
            "2. 科目编码按文本填写，保留全部数字：功能分类科目填到项级7位（如 2140101 行政运行），"
            "经济分类科目填到款级5位（如 30101 基本工资）。可以从下拉框选择，也可以直接输入目录中没有的编码；"
            "各级科目名称填在“科目名称”表。",
            "",
        ),
        ("3. 有下拉框的单元格请从下拉框选择；“是/否”的单元格填 是 或 否。", ""),
        ("4. 空行会被忽略，可以插入行；不要修改表头文字和“项目”列的文字，不要删除或改名工作表。", ""),
        (
            "5. 每类资金须收支平衡：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余；"
            "“基本支出明细”的合计须等于“本年支出”中一般公共预算财政拨款的基本支出。"
            "合计、占比、增减变化由 yusuan 计算。",
            "",
        ),
        ("二、收入来源（“本年收入”表）", "heading"),
        *((f"    {source.label}（计入{source.fund.label}）", "") for source in IncomeSource),
        ("三、资金性质与支出用途（“本年支出”表）", "heading"),
        ("    资金性质：" + "、".join(label for label, _ in CHOICES["final_fund"]), ""),
        ("    支出用途：" + "、".join(label for label, _ in CHOICES["spending_use"]), ""),
        ("四、各工作表", "heading"),
    ]
    for sheet in FINAL_SHEETS:
        lines.append((f"【{sheet.name}】{sheet.purpose}", "heading"))
        lines += [(f"    {field_help(field, unit)}", "") for field in fields_of(sheet)]
    return lines
