"""Chinese names for everything the store keeps as a key, so no page shows `income_expenditure_summary`.

The store keeps stable keys (table kinds, column and row keys, severities,
statuses, rule codes); a person reads their Chinese names.  The names come
from the places that define the keys — the vocabulary (`TableKind` labels),
`check/labels.py` (columns, by the header a template prints one under when
no other name is given; rows), the templates (a row's printed label), the
rule registry (rule titles) — and, for the few keys no module names in
Chinese (statuses, the reader's notice codes), from here.
A key nobody names is shown as a neutral word, never as itself.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from yusuan.lazy_pattern import lazy_compile
from yusuan.money import exact_text, format_amount

STATUS_LABELS = {
    "checked": "已检查",
    "refused": "无法读取",
    "failed": "内部错误",
    "timeout": "超时",
    "crashed": "检查进程退出",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
NOTICE_LABEL = "读取提示"
SIDE_LABELS = {"income": "收入", "expenditure": "支出"}
APART_LABELS = {"tables": "缺报表部分", "narrative": "缺说明部分"}
FIGURE_LABELS = {
    "income_total": "收入总计",
    "expenditure_total": "支出总计",
    "basic": "基本支出",
    "project": "项目支出",
    "three_public": "“三公”经费合计",
    "running_costs": "机关运行经费",
    "procurement": "政府采购",
}

# The reader's notices (`read-<code>`, extract/problems.py) and the engine's own codes (check/registry.py: named
# in check/docs.py).
NOTICE_TITLES = {
    "table-title-unknown": "表名无法识别",
    "table-duplicate": "同一种表出现两次",
    "table-body-missing": "表名之后没有表格内容",
    "table-unit-missing": "表格未注明金额单位（按万元读取）",
    "table-unit-unknown": "金额单位无法识别（按万元读取）",
    "table-doubtful": "表格读取存疑",
    "header-unreadable": "表头无法识别",
    "column-unknown": "栏目无法识别",
    "column-duplicate": "栏目重复",
    "row-unknown": "行名无法识别",
    "row-code-invalid": "科目编码位数不对",
    "row-extra-cells": "行内单元格多于栏目",
    "cells-realigned": "单元格按位置补齐",
    "cells-misaligned": "单元格无法对齐栏目",
    "cell-not-amount": "金额栏中不是数字",
    "section-unknown": "说明标题无法识别",
    "staffing-unreadable": "人员编制情况无法读取",
    "performance-field-unreadable": "绩效表中的数字无法读取",
    "performance-row-misaligned": "绩效指标行无法对齐",
    "meta-year-missing": "未找到年度",
    "meta-unit-missing": "未找到单位名称",
}
ENGINE_TITLES = {
    "internal-error": "规则运行出错",
    "publication-apart": "报表或说明另行公开",
    "publication-joined": "多个文件合并为一份",
    "department-unit-sum": "部门数与各单位同一行之和不等",
    "department-unit-table": "部门的表未与各单位核对",
    "final-vs-budget": "决算所列年初预算数与当年预算公开不符",
}

_ASCII_KEY = lazy_compile(r"^[A-Za-z0-9_.:/-]+$")
_FILE_PREFIX = lazy_compile(r"^([^:：\n]+?): ")
_FIGURE = lazy_compile(r"^-?[0-9]+(?:\.[0-9]+)?(?:E[+-]?[0-9]{1,2})?$")
"""A figure as the store writes it (`str(Decimal)`: `1E+3` too); an exponent past 99 would be that many digits."""


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", "未知")


def severity_label(severity: str | None) -> str:
    return SEVERITY_LABELS.get(severity or "", "提示")


def finding_severity_label(severity: str | None, is_notice: bool) -> str:
    """A finding's 严重程度 as every page and download shows it: a reader's notice is 读取提示, whatever severity
    the engine gave it (警告, or 提示 for a mere note)."""
    return NOTICE_LABEL if is_notice else severity_label(severity)


def document_kind_label(kind: str | None) -> str:
    from yusuan.model.kinds import DocumentKind

    try:
        return DocumentKind(kind or "").label
    except ValueError:
        return "预算公开文件"


def table_kind_label(kind: str | None) -> str:
    from yusuan.model.vocabulary import vocabulary

    labels = {str(k.key): k.label for k in vocabulary().table_kinds}
    return labels.get(kind or "", "其他表")


@cache
def rule_titles() -> dict[str, str]:
    from yusuan.check.registry import all_rules

    return {rule.code: rule.title for rule in all_rules()}


def is_known_code(code: str) -> bool:
    """Whether `code` is a rule, a reader's notice or an engine's code this version of yusuan names."""
    if code.startswith("read-"):
        return code.removeprefix("read-") in NOTICE_TITLES
    return code in rule_titles() or code in ENGINE_TITLES


def rule_title(code: str) -> str:
    if code.startswith("read-"):
        return "读取提示：" + NOTICE_TITLES.get(code.removeprefix("read-"), "未能确认的内容")
    return rule_titles().get(code) or ENGINE_TITLES.get(code, "其他问题")


def column_label(key: str | None) -> str:
    from yusuan.check.labels import column_label as named

    return named(key) if key else ""


@cache
def row_label(key: str | None) -> str:
    """A row key's name when no printed label is at hand (a finding's place): as a report names it (a code's row
    by its template line too), else never the key itself where that is an internal one."""
    from yusuan.check.labels import row_label as named

    if not key:
        return ""
    if (name := named(key, codes=True)) != key:
        return name
    if key.startswith("unknown:"):
        return key.removeprefix("unknown:")
    if "/" in key:
        return key.rsplit("/", 1)[-1]
    if key.isdigit() or not _ASCII_KEY.match(key):
        return key  # a classification code, or a name printed in the document
    return "该行"


def amount(value: Decimal | None) -> str:
    """Thousands separators and two decimals (`1,234.50`)."""
    return format_amount(value)


def reason_text(reason: str | None) -> str | None:
    """Why a file could not be checked, with the Chinese colon after the file it names (`a.pdf：PDF 文件不完整…`;
    the batch writes `a.pdf: …`, as a command line prints it)."""
    return _FILE_PREFIX.sub(r"\1：", reason, count=1) if reason else reason


def figure_value(value: str | None) -> Decimal | str | None:
    """A finding's expected or actual value (stored as text, `str` of a Decimal): a figure as its exact Decimal
    (`1E+3` too), a word as it is."""
    if value is None:
        return None
    return Decimal(value.strip()) if _FIGURE.match(value.strip()) else value


def figure_text(value: str | None, message: str = "") -> str:
    """A finding's expected or actual value as the page shows amounts (`154,369,326.00`), every digit kept past
    its cents (`1,234.567`: `money.exact_text`); a rate its message prints with `%` as printed there (`5.0%`); a
    word (空白) as it is."""
    figure = figure_value(value)
    if value is None or not isinstance(figure, Decimal):
        return value or ""
    if f"{value.strip()}%" in message:
        return f"{value.strip()}%"
    return exact_text(figure, thousands=True)


def figure_label(name: str) -> str:
    return FIGURE_LABELS.get(name, name)
