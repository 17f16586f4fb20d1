"""The check pipeline in one function: pick rules, run each, collect, sort, report.

Errors are data: a reader's problems become `read-problem` findings, and a
rule that raises becomes an `internal-error` finding naming the rule; the run
always goes on.  Findings are sorted by severity, then by where they are in
the document (tables in canonical order, then the narrative).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from typing import Any

from yusuan.check.context import CheckContext
from yusuan.check.finding import DocumentInfo, Finding, Location, Report, Severity
from yusuan.check.profiles import resolve_profile
from yusuan.check.registry import INTERNAL_ERROR, READ_PROBLEM, Rule, all_rules, is_selected, select_rules
from yusuan.model import Disclosure, TableKind


def run_checks(
    disclosure: Disclosure,
    *,
    read_problems: Iterable[Any] = (),
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    profile: str | None = None,
    source: str | None = None,
) -> Report:
    """Check a disclosure and return its report.

    `read_problems` are what a reader could not read (objects with at least a
    `message`; `page`, `line`, `table`, `severity` are used when present).
    `select` / `ignore` take rule codes or prefixes; `profile` names a rule
    profile (default: the one the document's template implies).
    """
    rules = select_rules(all_rules(), select, ignore)
    ctx = CheckContext(disclosure, resolve_profile(profile, disclosure.meta.template))
    findings: list[Finding] = []
    if is_selected(READ_PROBLEM, select, ignore):
        findings.extend(_read_problem_finding(problem) for problem in read_problems)
    for rule in rules:
        findings.extend(_run_rule(rule, ctx))
    from yusuan.check.rules.completeness import scorecard

    return Report(
        document=DocumentInfo(
            unit=disclosure.meta.unit,
            year=disclosure.meta.year,
            kind=disclosure.meta.kind.value,
            tables_found=tuple(t.number for t in disclosure.tables),
        ),
        findings=tuple(sorted(findings, key=_order_key(ctx))),
        rules_run=len(rules),
        source=source or (disclosure.meta.sources[0] if disclosure.meta.sources else None),
        scorecard=tuple(scorecard(ctx)),
    )


def _run_rule(rule: Rule, ctx: CheckContext) -> list[Finding]:
    ctx.rule = rule
    try:
        return list(rule.check(ctx))
    except Exception as exc:  # a broken rule must not stop the run
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [
            Finding(
                code=INTERNAL_ERROR,
                severity=Severity.ERROR,
                message=f"规则 {rule.code}（{rule.title}）运行出错，未能完成检查："
                f"{type(exc).__name__}: {exc}（{where.filename.rsplit('/', 1)[-1]}:{where.lineno}）",
                location=Location(),
                actual=rule.code,
            )
        ]
    finally:
        ctx.rule = None


def _read_problem_finding(problem: Any) -> Finding:
    severity = getattr(problem, "severity", None)
    try:
        level = Severity(str(getattr(severity, "value", severity))) if severity else Severity.WARNING
    except ValueError:
        level = Severity.WARNING
    table = getattr(problem, "table", None)
    return Finding(
        code=READ_PROBLEM,
        severity=level,
        message=f"未能读取：{getattr(problem, 'message', str(problem))}",
        location=Location(
            table=str(table) if table is not None else None,
            section=getattr(problem, "section", None),
            page=getattr(problem, "page", None),
            line=getattr(problem, "line", None),
        ),
    )


_KIND_ORDER = {kind.value: index for index, kind in enumerate(TableKind)}


def _order_key(ctx: CheckContext) -> Any:
    rows: dict[tuple[str, str], int] = {}
    columns: dict[tuple[str, str], int] = {}
    for table in ctx.disclosure.tables:
        for index, row in enumerate(table.rows):
            rows.setdefault((table.kind.value, row.key), index)
        for index, column in enumerate(table.columns):
            columns.setdefault((table.kind.value, column.key), index)
    sections = {path: index for index, (path, _s) in enumerate(ctx.sections())}

    def key(finding: Finding) -> tuple[int, int, int, int, int, int]:
        loc = finding.location
        if loc.table_kind is not None:
            place = (
                1,
                _KIND_ORDER.get(loc.table_kind, 99),
                rows.get((loc.table_kind, loc.row or ""), -1),
                columns.get((loc.table_kind, loc.column or ""), -1),
            )
        elif loc.section is not None:
            place = (2, sections.get(loc.section, 99), 0, 0)
        else:
            place = (0, 0, 0, 0)
        return (finding.severity.rank, *place, loc.line or 0)

    return key
