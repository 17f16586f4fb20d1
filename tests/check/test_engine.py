"""The engine: selection, profiles, broken rules, reader problems, ordering, the report's counts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.check.factory import K, base, findings, replace_text, set_cell, set_indicator
from yusuan.check import run_checks
from yusuan.check.finding import Severity
from yusuan.check.registry import _REGISTRY, Rule, aliases, all_rules, rule, select_rules
from yusuan.errors import InputError


def test_select_by_prefix_and_ignore_by_code() -> None:
    rules = all_rules()
    selected = select_rules(rules, ["T5-"], None)
    assert {r.code for r in selected} == {
        "general-columns",
        "general-vs-basic-total",
        "general-vs-projects-total",
        "general-vs-projects-by-code",
    }
    assert "general-vs-projects-by-code" not in {
        r.code for r in select_rules(rules, ["T5-"], ["general-vs-projects-by-code"])
    }
    assert {r.family for r in select_rules(rules, ["narrative"], None)} == {"narrative"}


def test_a_selector_that_matches_nothing_is_an_input_error() -> None:
    with pytest.raises(InputError) as error:
        run_checks(base(), select=["T5-T6-basic-totl"])
    assert error.value.place == "--select"


def test_ignored_rules_do_not_run() -> None:
    broken = set_cell(base(), K.GENERAL_BUDGET_BASIC, "total", "total", "71.00")
    report = run_checks(broken, ignore=["T5-T6", "T6-", "total-row"])
    assert "general-vs-basic-total" not in report.codes()
    assert report.rules_run == len(all_rules()) - 3


def test_a_rule_that_raises_becomes_an_internal_error_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(ctx: object) -> list[object]:
        """Raises, to test the engine."""
        raise ZeroDivisionError("boom")

    original = _REGISTRY["general-columns"]
    monkeypatch.setitem(
        _REGISTRY, "general-columns", Rule(original.code, original.title, original.severity, original.family, explode)
    )  # type: ignore[arg-type]
    broken = set_cell(base(), K.GENERAL_BUDGET_BASIC, "30201", "public", "11.00")
    report = run_checks(broken)
    internal = [f for f in report.findings if f.code == "internal-error"]
    assert len(internal) == 1 and "general-columns" in internal[0].message and "boom" in internal[0].message
    assert "basic-columns" in report.codes()  # the others still ran


def test_profile_decides_accepted_weight_totals() -> None:
    # the project tables of the consistent disclosure list 90 points (10 reserved for 预算执行率)
    assert findings(base(), "perf-weights") == []  # xinjiang-unit-2024 → xinjiang profile
    default = findings(base(), "perf-weights", profile="default")
    assert [f.location.row for f in default] == ["服务保障工作经费"]
    assert "按“全国通用”规则应为 100" in default[0].message  # the profile's name in Chinese, never its key
    # the unit table must list 100 even under the xinjiang profile
    unit_90 = set_indicator(base(), 0, 0, weight=Decimal(30))
    assert [f.location.section for f in findings(unit_90, "perf-weights")] == ["performance/unit"]


def test_unknown_profile_is_an_input_error() -> None:
    with pytest.raises(InputError):
        run_checks(base(), profile="guangdong")


def test_findings_are_sorted_by_severity_then_place() -> None:
    d = set_cell(base(), K.GENERAL_BUDGET_BASIC, "30201", "public", "11.00")  # error in table 6
    d = replace_text(d, "收支总预算110.00万元。", "收支总预算110.00万元。。")  # warning in the narrative
    d = set_cell(d, K.INCOME_SUMMARY, "2013199", "fiscal_subtotal", "31.00")  # error in table 2
    report = run_checks(d)
    severities = [f.severity.rank for f in report.findings]
    assert severities == sorted(severities)
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert [f.location.table for f in errors][:2] == ["2", "2"] or errors[0].location.table == "2"
    assert report.errors == len(errors) and report.warnings >= 1 and not report.ok


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    line: int | None
    page: int | None
    text: str


def test_reader_problems_become_findings_and_soften_errors_on_their_lines() -> None:
    d = set_cell(base(), K.GENERAL_BUDGET_BASIC, "30201", "public", "11.00")
    table = d.table(K.GENERAL_BUDGET_BASIC)
    assert table is not None
    # give the broken row a source line and say the reader could not read a cell there
    from yusuan.model import Source

    rows = [r.model_copy(update={"source": Source(line=42)}) if r.key == "30201" else r for r in table.rows]
    d = d.model_copy(update={"tables": [t.model_copy(update={"rows": rows}) if t is table else t for t in d.tables]})
    problems = [
        Problem("cell-not-amount", "“1 1.0O”不是金额", 42, 3, "30201 办公费 1 1.0O"),
        Problem("cells-realigned", "按层级关系放置数值", 50, 3, "…"),
    ]
    report = run_checks(d, read_problems=problems, select=["basic-columns", "read-"])
    by_code = {f.code: f for f in report.findings}
    assert by_code["read-cell-not-amount"].severity is Severity.WARNING
    assert by_code["read-cell-not-amount"].location.line == 42
    assert by_code["read-cells-realigned"].severity is Severity.INFO
    softened = by_code["basic-columns"]
    assert softened.severity is Severity.INFO and "读取问题" in softened.message  # never a finding on a guess
    assert run_checks(d, read_problems=problems, ignore=["read-"]).codes().count("read-cell-not-amount") == 0


def test_report_document_info_and_summary() -> None:
    report = run_checks(base(), source="tiny.yaml")
    assert report.document.unit == "测试单位办公室" and report.document.year == 2024
    assert report.document.tables_found == ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")
    assert report.source == "tiny.yaml"
    assert (report.errors, report.warnings, report.infos) == (0, 0, 0)
    assert all(item.present for item in report.scorecard)


def test_codes_name_the_tables_and_earlier_numbered_codes_still_select_them() -> None:
    rules = all_rules()
    assert not [r.code for r in rules if r.code[0] == "T" and r.code[1].isdigit()]  # no code by table number
    assert [r.code for r in select_rules(rules, ["T10-items"], None)] == ["three-public-items"]
    assert "three-public-items" not in {r.code for r in select_rules(rules, None, ["t10-ITEMS"])}
    general = {"general-columns", "general-vs-basic-total", "general-vs-projects-total", "general-vs-projects-by-code"}
    assert {r.code for r in select_rules(rules, ["general-"], None)} == general
    assert aliases("three-public-items") == ("T10-items",)
    with pytest.raises(ValueError, match="renamed to 'three-public-items'"):
        rule("T10-items", "旧代码", "error")(lambda ctx: [])


def test_the_narratives_facts_after_a_check_are_those_of_a_fresh_context_even_after_a_change_in_place() -> None:
    from yusuan.check import engine
    from yusuan.check.narrative_facts import narrative_facts

    disclosure = base()
    profile = run_checks(disclosure).document.profile
    assert engine._last_figures and engine._last_figures[0][0] is disclosure
    reused = narrative_facts(disclosure, profile)
    assert reused  # the base document states figures
    engine._last_figures.clear()
    assert narrative_facts(disclosure, profile) == reused
    # the same object changed in place and checked again: its facts are the changed narrative's, not the old ones
    disclosure.narrative[:] = replace_text(disclosure, "收支总预算110.00万元", "收支总预算120.00万元").narrative
    run_checks(disclosure)
    after = narrative_facts(disclosure, profile)
    assert after != reused
    assert after[0].amount == Decimal("120.00")
    engine._last_figures.clear()
    assert narrative_facts(disclosure, profile) == after


def test_narrative_facts_after_a_check_take_the_quantities_its_rules_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    from yusuan.check import subjects
    from yusuan.check.narrative_facts import narrative_facts

    disclosure = base()
    profile = run_checks(disclosure).document.profile
    fresh_or_not = narrative_facts(disclosure, profile)

    def resolve_again(*args: object) -> None:
        raise AssertionError("a statement resolved again after the check")

    monkeypatch.setattr(subjects, "resolve", resolve_again)
    assert narrative_facts(disclosure, profile) == fresh_or_not
    assert any(fact.quantity_key for fact in fresh_or_not)


def test_a_table_changed_in_place_between_two_runs_is_checked_as_changed() -> None:
    disclosure = base()
    assert not findings(disclosure, "hierarchy-sum")  # the code trees of this run are kept…
    table = next(t for t in disclosure.tables if t.kind == K.GENERAL_BUDGET_EXPENDITURE)
    table.rows[:] = [row for row in table.rows if row.code != "2013199"]  # …and a child row goes in place
    fresh = disclosure.model_copy(deep=True)
    assert findings(disclosure, "hierarchy-sum") == findings(fresh, "hierarchy-sum") != []
