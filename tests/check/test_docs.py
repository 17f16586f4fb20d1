"""docs/rules.md lists every rule; regenerate with `python -m yusuan.check.docs > docs/rules.md`."""

from __future__ import annotations

from pathlib import Path

from yusuan.check.docs import rules_markdown
from yusuan.check.registry import all_rules

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_is_generated_from_the_registry() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run `python -m yusuan.check.docs > docs/rules.md`"
    )


def test_every_rule_is_documented_with_code_severity_and_title() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for r in all_rules():
        assert f"- `{r.code}` — {r.severity.value} — {r.title}" in text


def test_every_rule_states_its_identity() -> None:
    for r in all_rules():
        assert (len(r.identity) > 10 and "=" in r.identity) or len(r.identity) > 30, r.code


def test_every_rule_has_a_category_and_a_basis() -> None:
    for r in all_rules():
        assert r.category and r.basis, r.code


def test_a_rule_code_names_its_tables() -> None:
    from yusuan.model.kinds import TableKind as K
    from yusuan.model.vocabulary import vocabulary

    words = vocabulary().kinds_in_rule_code
    assert words("summary-vs-fiscal-income") == (K.INCOME_EXPENDITURE_SUMMARY, K.FISCAL_SUMMARY)
    assert words("three-public-vs-basic-economic") == (K.THREE_PUBLIC, K.GENERAL_BUDGET_BASIC)
    assert words("state-capital-columns") == (K.STATE_CAPITAL_EXPENDITURE,)
    assert words("narrative-share") == ()
