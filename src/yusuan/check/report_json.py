"""The report as JSON, in the stable `yusuan.check/1` shape other tools read.

    {"schema": "yusuan.check/1", "source": …,
     "document": {"unit", "year", "kind", "tables_found": [numbers],
                  "region", "level", "profile", "profile_reason"},
     "summary": {"errors", "warnings", "infos", "rules_run"},
     "findings": [{"code", "severity", "message", "location": {…}, "expected", "actual", "difference",
                   "related": […], "suggestion": the corrected wording or figure, or null}]}

Decimals are written as strings (`"1354.25"`), never as floats; table numbers
printed as digits are integers, others (e.g. `一`) strings.  Every location has
the same seven keys, null when unknown.  `document.region` is the place the
document shows (`"广东省 深圳市"`, `"重庆市"`, null when it shows none) and
`level` its government level (`"市级"`…, or null); `profile` names the rule
profile it was checked under (`"default"` — the national minimum and the
document's own contents — or a region's, e.g. `"xinjiang"`) and
`profile_reason` says why, in Chinese.  These four keys were added to
`yusuan.check/1` without changing any other key.

Files checked together that are not parts of one publication (`yusuan check
a.pdf b.pdf` over two unrelated documents) give one report each:
`render_json_reports` writes a JSON array of `yusuan.check/1` objects, in the
order of the files given, each naming its files in `source`.  One publication
(one file, or a narrative file and its tables file) is the single object
above, as before: a reader tells the two by the top-level type (object or array).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from yusuan.check.finding import Finding, Location, Report, Value

SCHEMA = "yusuan.check/1"


def _value(value: Value) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Decimal) else value


def _number(number: str) -> int | str:
    return int(number) if number.isdigit() else number


def location_dict(location: Location) -> dict[str, Any]:
    return {
        "table": _number(location.table) if location.table else None,
        "table_kind": location.table_kind,
        "section": location.section,
        "row": location.row,
        "column": location.column,
        "page": location.page,
        "line": location.line,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "location": location_dict(finding.location),
        "expected": _value(finding.expected),
        "actual": _value(finding.actual),
        "difference": _value(finding.difference),
        "related": [location_dict(r) for r in finding.related],
        "suggestion": finding.suggestion,
    }


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "source": report.source,
        "document": {
            "unit": report.document.unit,
            "year": report.document.year,
            "kind": report.document.kind,
            "tables_found": [_number(n) for n in report.document.tables_found],
            "region": report.document.region,
            "level": report.document.level,
            "profile": report.document.profile,
            "profile_reason": report.document.profile_reason,
        },
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "infos": report.infos,
            "rules_run": report.rules_run,
        },
        "findings": [finding_dict(f) for f in report.findings],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def render_json_reports(reports: Sequence[Report]) -> str:
    """Several publications' reports: a JSON array of `yusuan.check/1` objects (one report: the object)."""
    if len(reports) == 1:
        return render_json(reports[0])
    return json.dumps([report_dict(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
