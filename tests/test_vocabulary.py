"""The vocabulary (model/vocabulary.yaml): valid, in step with the enum and docs/keys.md, and it names
tables by their words in the forms real documents print, whatever the number or region."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from yusuan.model.kinds import TableKind
from yusuan.model.vocabulary import Vocabulary, keys_markdown, kind_of_title, vocabulary

KEYS_MD = Path(__file__).resolve().parents[1] / "docs" / "keys.md"


def test_every_table_kind_is_in_the_vocabulary_once() -> None:
    keys = [rule.key for rule in vocabulary().table_kinds]
    assert sorted(keys) == sorted(TableKind)


def test_a_misspelt_field_is_an_error_at_load() -> None:
    with pytest.raises(ValidationError):
        Vocabulary.model_validate({"table_kinds": [{"key": "three_public", "label": "x", "alll": ["三公"]}]})
    with pytest.raises(ValidationError):
        Vocabulary.model_validate({"table_kinds": [{"key": "no_such_kind", "label": "x"}]})


def test_docs_keys_md_lists_the_vocabulary() -> None:
    assert keys_markdown() in KEYS_MD.read_text(encoding="utf-8"), "regenerate: python -m yusuan.model.vocabulary"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("收支总表", TableKind.INCOME_EXPENDITURE_SUMMARY),  # 深圳
        ("表1 收支总体情况表", TableKind.INCOME_EXPENDITURE_SUMMARY),  # 广州
        ("公开01表 收支总表", TableKind.INCOME_EXPENDITURE_SUMMARY),  # 无锡
        ("表1：2026年市级部门收支预算总表", TableKind.INCOME_EXPENDITURE_SUMMARY),  # 杭州
        ("2026 年部门收支总体情况表", TableKind.INCOME_EXPENDITURE_SUMMARY),  # 重庆
        ("附表1 收入总表", TableKind.INCOME_SUMMARY),
        ("本年支出总体情况表", TableKind.EXPENDITURE_SUMMARY),
        ("（三）支出总表", TableKind.EXPENDITURE_SUMMARY),
        ("财政拨款收支总表", TableKind.FISCAL_SUMMARY),
        ("财政拨款支出表（功能科目）", TableKind.FISCAL_EXPENDITURE),
        ("财政拨款基本支出表（经济科目）", TableKind.FISCAL_BASIC),
        ("一般公共预算支出表（按功能分类）", TableKind.GENERAL_BUDGET_EXPENDITURE),
        ("一般公共预算支出表（按经济分类）", TableKind.GENERAL_BUDGET_ECONOMIC),
        ("一般公共预算基本支出情况表（按经济分类科目）", TableKind.GENERAL_BUDGET_BASIC),
        ("一般公共预算项目支出情况表", TableKind.GENERAL_BUDGET_PROJECTS),
        ("财政拨款安排的行政经费及“三公”经费预算表", TableKind.THREE_PUBLIC),
        ("一般公共预算“三公”经费、会议费、培训费支出表", TableKind.THREE_PUBLIC),
        ("表十一 政府性基金预算支出情况表", TableKind.GOVERNMENT_FUND_EXPENDITURE),
        ("国有资本经营预算支出预算表（表9）", TableKind.STATE_CAPITAL_EXPENDITURE),
        ("一般公共预算机关运行经费支出预算表", TableKind.RUNNING_COSTS),
        ("2026 年政府采购预算明细表", TableKind.PROCUREMENT),
        ("上年结转结余情况明细表", TableKind.CARRYOVER),
        ("基本支出总表", TableKind.BASIC_BY_SOURCE),
        ("部门预算项目支出及其他支出预算表", TableKind.PROJECTS_BY_SOURCE),
        ("2026年市级部门项目支出绩效表", TableKind.PERFORMANCE_TARGETS),
    ],
)
def test_a_title_names_its_kind_by_its_words(title: str, kind: TableKind) -> None:
    assert kind_of_title(title) == kind


@pytest.mark.parametrize(
    "text",
    ["四、2026年湖州市交通运输局部门预算表", "一般公共预算支出情况说明", "收支总体情况", "第二部分 预算公开表"],
)
def test_a_heading_that_names_no_table_kind_is_none(text: str) -> None:
    assert kind_of_title(text) is None


def test_a_section_key_is_in_the_vocabulary_once_and_templates_use_only_those() -> None:
    from yusuan.extract.template_schema import Section

    keys = [section.key for section in vocabulary().narrative_sections]
    assert len(keys) == len(set(keys))
    assert vocabulary().section("government_fund").explains is TableKind.GOVERNMENT_FUND_EXPENDITURE  # type: ignore[union-attr]
    with pytest.raises(ValidationError, match="narrative_sections"):
        Section.model_validate({"key": "three_publik", "words": ["三公"]})
    with pytest.raises(ValidationError, match="listed twice"):
        Vocabulary.model_validate(
            {
                "table_kinds": [],
                "narrative_sections": [{"key": "income", "label": "a"}, {"key": "income", "label": "b"}],
            }
        )


def test_a_finding_names_a_section_by_the_vocabularys_label() -> None:
    from yusuan.check.labels import section_label

    assert section_label("other/procurement") == "其他重要事项 / 政府采购"
    assert section_label("performance/project/project.targets") == "预算绩效 / 项目 / 绩效目标"
    assert section_label("no_such_part") == "no_such_part"  # an unknown part as it is, never dropped


def test_the_compiled_narrative_uses_only_the_vocabularys_section_keys() -> None:
    from yusuan.compile import compile_budget
    from yusuan.examples import EXAMPLE, FINAL_EXAMPLE
    from yusuan.inputs import load_budget
    from yusuan.model import Section

    def keys(sections: list[Section]) -> list[str]:
        return [key for s in sections for key in (s.key, *keys(s.subsections))]

    for example in (EXAMPLE, FINAL_EXAMPLE):
        found = keys(compile_budget(load_budget(example)).narrative)
        assert found and [key for key in found if vocabulary().section(key) is None] == []
