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
