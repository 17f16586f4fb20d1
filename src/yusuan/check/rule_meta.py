"""What a rule is, beside its code: its category, the tables it spans, what it rests on.

A reviewer who reads a finding asks three things the message does not say:
is this about a wrong figure, a missing item or a missing part (the
category, as the US DATA Act Broker's rule table classifies its rules:
accuracy, existence, completeness); which tables does the rule compare; and
on what authority (a regulation, or the accounting convention every
disclosure follows).  A rule states them where they differ from its family's
defaults below; the tables come from its code, whose words name table kinds
(`summary-vs-fiscal-income`, see `model/vocabulary.yaml`).  docs/rules.md
prints all three for every rule.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """What kind of defect a rule finds."""

    ACCURACY = "accuracy"  # a figure or a word is wrong
    EXISTENCE = "existence"  # something is printed that does not exist (an unknown code, a leftover placeholder)
    COMPLETENESS = "completeness"  # something required is missing

    @property
    def label(self) -> str:
        return {"accuracy": "准确性", "existence": "真实存在", "completeness": "完整性"}[self.value]


# Regulations and conventions a rule rests on, by short name.
DISCLOSURE_RULES = "《地方预决算公开操作规程》（财预〔2016〕143号）"
CLASSIFICATION = "《政府收支分类科目》（财政部，文件所属年度）"
IDENTITY = "预算表的会计恒等式：收入 = 支出，合计 = 分项之和，同一数字各表一致"
NARRATIVE = "部门预算公开说明的编写要求：说明中的数字、增减和占比以公开表格为准"
PERFORMANCE = "《项目支出绩效评价管理办法》（财预〔2020〕10号）"
PRINTED = "公开文件应完整、可读：每一页都有内容，每个字都在页面之内、以其字体完整显示（版面审读惯例）"
WRITING = "《党政机关公文格式》（GB/T 9704—2012）与公文写作规范"

FAMILY_CATEGORY: dict[str, Category] = {
    "completeness": Category.COMPLETENESS,
    "within_table": Category.ACCURACY,
    "cross_table": Category.ACCURACY,
    "codes": Category.EXISTENCE,
    "narrative": Category.ACCURACY,
    "other_facts": Category.ACCURACY,
    "performance": Category.COMPLETENESS,
    "text_hygiene": Category.EXISTENCE,
    "pages": Category.COMPLETENESS,
}

FAMILY_BASIS: dict[str, str] = {
    "completeness": DISCLOSURE_RULES,
    "within_table": IDENTITY,
    "cross_table": IDENTITY,
    "codes": CLASSIFICATION,
    "narrative": NARRATIVE,
    "other_facts": DISCLOSURE_RULES,
    "performance": PERFORMANCE,
    "text_hygiene": WRITING,
    "pages": PRINTED,
}
