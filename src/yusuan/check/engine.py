"""The check pipeline in one function: pick rules, run each, collect, sort, report.

Errors are data: a reader's problems become `read-problem` findings, and a
rule that raises becomes an `internal-error` finding naming the rule; the run
always goes on.  Findings are sorted by severity, then by where they are in
the document (tables in canonical order, then the narrative).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.check.context import CheckContext
from yusuan.check.finding import DocumentInfo, Finding, Location, Report, Severity
from yusuan.check.hierarchy import forget_trees
from yusuan.check.placement import placed
from yusuan.check.profiles import Profile, choose_profile
from yusuan.check.registry import INTERNAL_ERROR, READ_PREFIX, Rule, all_rules, is_selected, select_rules
from yusuan.check.rounding import rounding_step, within_rounding
from yusuan.model import Disclosure, TableKind
from yusuan.money import MoneyUnit


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
    profile (default: the document's region's, else the national one; see `choose_profile`).
    """
    forget_trees()  # a table may have changed in place since an earlier run
    rules = select_rules(all_rules(), select, ignore)
    choice = choose_profile(disclosure.meta, profile)
    ctx = CheckContext(disclosure, choice.profile)
    figures_ctx = figures_context(disclosure, choice.profile, ctx)
    problems = list(read_problems)
    findings: list[Finding] = [
        f for f in (_read_problem_finding(p) for p in problems) if is_selected(f.code, select, ignore)
    ]
    for rule in rules:
        findings.extend(_run_rule(rule, ctx if rule.family in PRESENCE_FAMILIES else figures_ctx))
    findings = placed(_soften(_residues(findings, disclosure), problems))
    from yusuan.check.rules.completeness import scorecard

    return Report(
        document=DocumentInfo(
            unit=disclosure.meta.unit,
            year=disclosure.meta.year,
            kind=disclosure.meta.kind.value,
            tables_found=tuple(t.number for t in disclosure.tables),
            region=disclosure.meta.region,
            level=disclosure.meta.level,
            profile=choice.profile.name,
            profile_reason=choice.reason,
        ),
        findings=tuple(sorted(findings, key=_order_key(ctx))),
        rules_run=len(rules),
        source=source or (disclosure.meta.sources[0] if disclosure.meta.sources else None),
        scorecard=tuple(scorecard(ctx)),
    )


_last_figures: list[tuple[Disclosure, str, CheckContext]] = []  # the last check's (one entry at most)


def figures_context(disclosure: Disclosure, profile: Profile, whole: CheckContext | None = None) -> CheckContext:
    """The context the figure rules read: a table whose reading is doubtful counts as printed, but no figure
    rule reads it (extract/doubt.py), so it is left out.  `whole` is the context of the whole disclosure, used
    as is when no table is doubtful.  Always made afresh, and remembered for `last_figures_context`."""
    if any(t.doubt for t in disclosure.tables):
        readable = disclosure.model_copy(update={"tables": [t for t in disclosure.tables if not t.doubt]})
        ctx = CheckContext(readable, profile)
    else:
        ctx = whole or CheckContext(disclosure, profile)
    _last_figures[:] = [(disclosure, profile.name, ctx)]
    return ctx


def last_figures_context(disclosure: Disclosure, profile: Profile) -> CheckContext:
    """The figures context of the last check when it was of this very disclosure object under this profile
    (the batch stores the narrative's figures right after the check: the statements and their resolutions
    are then already worked out), else a fresh one.  The caller must not have changed the disclosure in place
    since its check."""
    for kept in _last_figures:
        if kept[0] is disclosure and kept[1] == profile.name:
            return kept[2]
    return figures_context(disclosure, profile)


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


# rule families that ask whether a table is printed, not what it says: they see doubtful tables too
PRESENCE_FAMILIES = frozenset({"completeness"})
# reader problem codes whose values were left unread: identities touching those lines may fail for that reason
UNREAD_CODES = frozenset(
    {
        "cells-misaligned",
        "cell-not-amount",
        "row-extra-cells",
        "column-unknown",
        "column-duplicate",
        "performance-field-unreadable",
        "performance-row-misaligned",
    }
)
# reader problems that are notes rather than doubts about an amount (a staffing sentence worded
# differently, e.g. Jiangsu's 离退休人员 in one figure, leaves every amount as read)
INFO_CODES = frozenset({"cells-realigned", "table-unit-missing", "staffing-unreadable"})


def _read_problem_finding(problem: Any) -> Finding:
    code = str(getattr(problem, "code", "") or "problem")
    severity = Severity.INFO if code in INFO_CODES else Severity.WARNING
    table = getattr(problem, "table", None)
    text = str(getattr(problem, "text", "") or "").strip()
    message = f"读取时未能确认：{getattr(problem, 'message', str(problem))}"
    if text:
        message += f"（原文：“{text[:60]}”）"
    return Finding(
        code=f"{READ_PREFIX}{code}",
        severity=severity,
        message=message,
        location=Location(
            table=str(table) if table is not None else None,
            page=getattr(problem, "page", None),
            line=getattr(problem, "line", None),
        ),
        actual=text or None,
    )


# families whose sums are of figures printed in one table: a difference within the rounding of its terms
# is the residue of rounding exact amounts to the place the table prints (元 to 0.01 万元, cents to whole 元),
# not a wrong figure
RESIDUE_FAMILIES = frozenset({"within_table"})


def _residues(findings: list[Finding], disclosure: Disclosure) -> list[Finding]:
    """A within-table sum off by no more than its terms' rounding becomes an info saying so: each printed figure
    is within half a unit of the place its table rounds to (`rounding_step`: 0.005 万元 in a 万元 table, 0.5 元 in
    a 元 table printed in whole yuan; a 元 table printed with cents is exact and has no allowance).  A reviewer
    acts on a wrong figure, not on the 尾差 that every rounding leaves and many documents declare."""
    families = {rule.code: rule.family for rule in all_rules()}
    tables = {(t.kind.value, t.number): t for t in disclosure.tables}
    steps: dict[tuple[str, str], tuple[MoneyUnit, Decimal | None]] = {}

    def residue(finding: Finding) -> Finding:
        key = (finding.location.table_kind or "", finding.location.table or "")
        if (
            finding.severity is not Severity.ERROR
            or families.get(finding.code) not in RESIDUE_FAMILIES
            or not finding.difference
            or key not in tables
        ):
            return finding
        if key not in steps:
            table = tables[key]
            amounts = (c.value for r in table.rows for c in r.cells.values() if c.value is not None)
            steps[key] = (table.unit, rounding_step(table.unit, amounts))
        unit, step = steps[key]
        return finding if step is None else within_rounding(finding, len(finding.related) + 1, step, unit)

    return [residue(f) for f in findings]


def _soften(findings: list[Finding], problems: list[Any]) -> list[Finding]:
    """An error or warning on a line the reader could not fully read becomes a note that says so: it may rest
    on a figure the reader did not get (a finding must never rest on a guessed figure); the reading notice
    itself stays a warning."""
    # (line, page): a line number alone names a line on every page of a PDF read page by page
    unread = {
        (getattr(p, "line", None), getattr(p, "page", None))
        for p in problems
        if getattr(p, "code", None) in UNREAD_CODES and getattr(p, "line", None) is not None
    }
    if not unread:
        return findings
    softened = []
    for finding in findings:
        places = [(loc.line, loc.page) for loc in (finding.location, *finding.related) if loc.line is not None]
        hit = any(
            (line, page) in unread or (page is None and any(u == line for u, _ in unread)) for line, page in places
        )
        if finding.severity is not Severity.INFO and hit and not finding.code.startswith(READ_PREFIX):
            softened.append(
                replace(
                    finding,
                    severity=Severity.INFO,
                    message=finding.message + "（该处有未能读取的数值，可能是读取问题而非原文错误）",
                )
            )
        else:
            softened.append(finding)
    return softened


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
