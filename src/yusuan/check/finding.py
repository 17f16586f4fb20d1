"""Findings and the report that carries them: the check engine's output as data.

A finding is a promise to a reviewer: it says which rule found it, how sure we
are (error / warning / info), where it is (table as printed, canonical table
kind, narrative section, row, column, page, line), the value the document
prints, the value the identity requires, and the difference.  Findings are
plain frozen dataclasses so renderers (terminal, JSON, HTML) and the CLI read
them without knowing the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Severity(StrEnum):
    """How a reviewer should treat a finding."""

    ERROR = "error"  # an identity fails: the document is wrong
    WARNING = "warning"  # suspicious; may be explained
    INFO = "info"  # worth knowing; not a defect by itself

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding is: a table cell, a narrative section, or a place in the source file."""

    table: str | None = None  # the table number as printed, e.g. `5`
    table_kind: str | None = None  # canonical `TableKind` value
    section: str | None = None  # narrative section path, e.g. `general_budget/detail`
    row: str | None = None  # canonical row key, e.g. `2013101`, `total`, `income.unit_funds`
    column: str | None = None  # canonical column key, e.g. `basic`
    page: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """Short Chinese description for reports: `表5 2013101 基本支出 第12页`."""
        from yusuan.check.labels import column_label, row_label, section_label

        parts = []
        if self.table:
            parts.append(f"表{self.table}")
        if self.section:
            parts.append(f"说明 {section_label(self.section)}")
        if self.row:
            parts.append(row_label(self.row))
        if self.column:
            parts.append(column_label(self.column))
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        return " ".join(parts)


Value = Decimal | str | None


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found in a disclosure."""

    code: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    expected: Value = None
    actual: Value = None
    difference: Decimal | None = None
    related: tuple[Location, ...] = ()
    suggestion: str | None = None  # the corrected wording or figure, when one can be computed: 应为“减少12.00%”


@dataclass(frozen=True)
class DocumentInfo:
    unit: str
    year: int
    kind: str  # a `DocumentKind` value
    tables_found: tuple[str, ...]
    region: str | None = None  # `广东省 深圳市`, when the document shows it
    level: str | None = None  # 省级 / 市级 / 区级 / 县级
    profile: str = "default"  # the rule profile checked under
    profile_reason: str = ""  # why that profile (printed in the report's heading)

    @property
    def kind_label(self) -> str:
        """`单位预算`, `部门决算`…; the raw value if it is not a known kind."""
        from yusuan.model.kinds import DocumentKind

        try:
            return DocumentKind(self.kind).label
        except ValueError:
            return self.kind

    @property
    def profile_line(self) -> str:
        """`地区：广东省 深圳市（市级）；规则配置：全国通用（…）` for the report's heading (the profile's Chinese name;
        its key, `default`, stays in the JSON)."""
        from yusuan.check.profiles import PROFILES

        region = self.region or "未显示"
        if self.region and self.level:
            region += f"（{self.level}）"
        reason = f"（{self.profile_reason}）" if self.profile_reason else ""
        known = PROFILES.get(self.profile)
        return f"地区：{region}；规则配置：{known.label if known and known.label else self.profile}{reason}"

    @property
    def title(self) -> str:
        """`某单位 2024 年单位预算公开检查报告`: the report's heading, in the document's own kind."""
        kind = self.kind_label if self.kind_label != self.kind else "预算"
        return f"{self.unit} {self.year} 年{kind}公开检查报告"


@dataclass(frozen=True)
class ScorecardItem:
    """One mandated part or table and whether the document has it."""

    label: str
    present: bool
    note: str = ""


@dataclass(frozen=True)
class Report:
    """The result of checking one disclosure."""

    document: DocumentInfo
    findings: tuple[Finding, ...]
    rules_run: int
    source: str | None = None
    scorecard: tuple[ScorecardItem, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no error (the CLI's exit code 0)."""
        return self.errors == 0

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]
