"""Findings on national fixture files (tests/fixtures/national): the false findings of the precision
review of the national corpus (docs/precision.md, "National corpus (issue 9)") stay gone."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from yusuan.check import run_checks
from yusuan.check.finding import Finding
from yusuan.extract import read_document
from yusuan.model import Disclosure, TableKind

NATIONAL = Path(__file__).resolve().parents[1] / "fixtures" / "national"


@cache
def _checked(name: str) -> tuple[Disclosure, tuple[Finding, ...]]:
    disclosure, problems = read_document(NATIONAL / name)
    report = run_checks(disclosure, read_problems=problems)
    return disclosure, tuple(report.findings)


def _found(name: str, code: str) -> list[Finding]:
    return [f for f in _checked(name)[1] if f.code == code]


def test_contents_entries_pair_with_the_table_the_reader_gave_that_title() -> None:
    # 广州信访局: contents 十一、部门预算基本支出预算表 / 十二、部门预算项目支出及其他支出预算表 are
    # printed as 表11 (p18) and 表12 (p19) with those titles; they were compared with 表3 本年支出总体情况表
    disclosure, _findings = _checked("gz-xfj-2026.pdf")
    titles = {t.kind: t.title for t in disclosure.tables}
    assert titles[TableKind.BASIC_BY_SOURCE] == "部门预算基本支出预算表"
    assert titles[TableKind.PROJECTS_BY_SOURCE] == "部门预算项目支出及其他支出预算表"
    assert _found("gz-xfj-2026.pdf", "toc-table-title") == []
    assert _found("gz-xfj-2026.pdf", "toc-table-missing") == []
