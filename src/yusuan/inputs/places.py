"""A budget field's place in words an accountant reads: `支出明细第1项的金额`, not `lines.0.amount`.

Validation (pydantic) and the compiler name a field by its key path in the
budget model.  That path is code; a person is shown `describe(loc)`: each
model field by its Chinese label (the workbook's column headers where there
is one), each list index as `第N项`, and each dictionary key by its Chinese
label when it has one (资金类型, 比较项) or quoted as written.  `LABELS` holds a
label for every field of every model; a test keeps it complete.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from yusuan.inputs.suggest import _inner_model, _is_mapping, _is_model
from yusuan.inputs.workbook_layout import COMPARISON_LABELS
from yusuan.model import Budget
from yusuan.model.budget import FUNCTION_COMPARISON_PREFIX
from yusuan.model.kinds import FUND_TYPE_LABELS

Loc = tuple[str | int, ...]

# (model class name, field) -> label.
LABELS: dict[tuple[str, str], str] = {
    ("Budget", "year"): "预算年度",
    ("Budget", "kind"): "文件类型",
    ("Budget", "money_unit"): "金额单位",
    ("Budget", "published"): "落款日期",
    ("Budget", "unit"): "单位信息",
    ("Budget", "lines"): "支出明细",
    ("Budget", "projects"): "项目",
    ("Budget", "last_year"): "上年数",
    ("Budget", "three_public"): "“三公”经费",
    ("Budget", "procurement"): "政府采购",
    ("Budget", "assets"): "国有资产",
    ("Budget", "performance"): "单位整体绩效",
    ("Budget", "running_costs"): "机关运行经费",
    ("Budget", "function_names"): "功能分类科目名称",
    ("Budget", "economic_names"): "经济分类科目名称",
    ("Budget", "class_purposes"): "类级科目用途",
    ("Budget", "glossary"): "名词解释",
    ("UnitProfile", "name"): "单位名称",
    ("UnitProfile", "administrative"): "是否行政单位",
    ("UnitProfile", "duties"): "主要职能",
    ("UnitProfile", "subordinate_units"): "下属预算单位",
    ("UnitProfile", "divisions"): "内设科室",
    ("UnitProfile", "staffing"): "人员编制",
    ("Staffing", "authorised"): "编制数",
    ("Staffing", "in_service"): "在职人数",
    ("Staffing", "retired"): "退休人数",
    ("Staffing", "retired_cadres"): "离休人数",
    ("Staffing", "in_service_change"): "在职人数比上年增减",
    ("Staffing", "retired_change"): "退休人数比上年增减",
    ("Staffing", "retired_cadres_change"): "离休人数比上年增减",
    ("ExpenditureLine", "function_code"): "功能分类科目编码",
    ("ExpenditureLine", "economic_code"): "经济分类科目编码",
    ("ExpenditureLine", "source"): "资金来源",
    ("ExpenditureLine", "kind"): "支出类型",
    ("ExpenditureLine", "project"): "项目名称",
    ("ExpenditureLine", "amount"): "金额",
    ("Project", "name"): "项目名称",
    ("Project", "classified"): "是否涉密",
    ("Project", "basis"): "设立依据",
    ("Project", "owner"): "承担单位",
    ("Project", "allocation"): "资金分配情况",
    ("Project", "period"): "资金执行时间",
    ("Project", "performance"): "项目绩效",
    ("ProjectPerformance", "leader"): "绩效负责人",
    ("ProjectPerformance", "goal"): "项目绩效目标",
    ("ProjectPerformance", "indicators"): "绩效指标",
    ("Indicator", "level1"): "一级指标",
    ("Indicator", "level2"): "二级指标",
    ("Indicator", "name"): "三级指标",
    ("Indicator", "value"): "指标值",
    ("Indicator", "basis"): "指标设定依据",
    ("Indicator", "weight"): "权重",
    ("Indicator", "last_year_value"): "上年完成值",
    ("Indicator", "scoring"): "赋分规则",
    ("Indicator", "evidence"): "佐证资料",
    ("Comparison", "amount"): "上年数",
    ("Comparison", "reason"): "变动原因",
    ("ThreePublic", "abroad"): "因公出国（境）费",
    ("ThreePublic", "reception"): "公务接待费",
    ("ThreePublic", "vehicle_purchase"): "公务用车购置费",
    ("ThreePublic", "vehicle_operation"): "公务用车运行费",
    ("Procurement", "goods"): "货物",
    ("Procurement", "works"): "工程",
    ("Procurement", "services"): "服务",
    ("Procurement", "reserved_sme"): "面向中小企业预留",
    ("Procurement", "reserved_small_micro"): "其中：小微企业预留",
    ("Assets", "as_of"): "资产统计截至",
    ("Assets", "building_area"): "房屋面积（平方米）",
    ("Assets", "building_value"): "房屋价值",
    ("Assets", "vehicles"): "车辆",
    ("Assets", "furniture_value"): "家具价值",
    ("Assets", "other_value"): "其他资产价值",
    ("Assets", "equipment_over_50"): "单价50万元以上大型设备（台）",
    ("Assets", "equipment_over_100"): "单价100万元以上大型设备（台）",
    ("Assets", "planned_vehicles"): "本年拟购置车辆（辆）",
    ("Assets", "planned_equipment_over_50"): "本年拟购置50万元以上设备（台）",
    ("Assets", "planned_equipment_over_100"): "本年拟购置100万元以上设备（台）",
    ("VehicleCategory", "name"): "车辆类别",
    ("VehicleCategory", "count"): "数量（辆）",
    ("VehicleCategory", "value"): "价值",
    ("UnitPerformance", "contact"): "联系人",
    ("UnitPerformance", "phone"): "联系电话",
    ("UnitPerformance", "goals"): "绩效目标",
    ("UnitPerformance", "indicators"): "绩效指标",
    ("GlossaryEntry", "term"): "名词",
    ("GlossaryEntry", "definition"): "解释",
}

_KEY_LABELS: dict[str, str] = {
    **{fund.value: label for fund, label in FUND_TYPE_LABELS.items()},
    **COMPARISON_LABELS,
}


def describe(loc: Loc, model: type[BaseModel] = Budget) -> str:
    """The place of `loc` (a pydantic error location or a compiler's key path) in Chinese."""
    words: list[str] = []
    current: Any = model
    for part in loc:
        if isinstance(part, str) and (part.startswith(("function-", "literal[")) or part == "[key]"):
            continue  # pydantic's own steps (validators, unions, a mapping's key), not fields
        if isinstance(part, int):
            text = f"第{part + 1}项"
            if words:
                words[-1] += text
            else:
                words.append(text)
            current = _inner_model(current)
            continue
        inner = _inner_model(current)
        if _is_model(inner) and part in inner.model_fields:
            words.append(LABELS.get((inner.__name__, part), f"“{part}”"))
            current = inner.model_fields[part].annotation
        elif _is_mapping(current):
            words.append(_key_label(part))
            current = _inner_model(current)
        else:
            words.append(f"“{part}”")  # a key the author wrote that the model does not have
            current = None
    return "的".join(words)


def _key_label(key: str) -> str:
    if key in _KEY_LABELS:
        return _KEY_LABELS[key]
    if key.startswith(FUNCTION_COMPARISON_PREFIX):
        return f"一般公共预算支出：功能分类科目 {key.removeprefix(FUNCTION_COMPARISON_PREFIX)}"
    return f"“{key}”"


def describe_key_path(path: str) -> str:
    """`last_year.three_public.reception` → `上年数的“三公”经费：公务接待费` (a compiler's place)."""
    head, _, rest = path.partition(".")
    return describe((head, rest) if rest else (head,))
