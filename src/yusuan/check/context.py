"""What every rule receives: the disclosure, the profile, and helpers to say where.

`CheckContext` holds the document under check and the active profile, loads
the code catalogue and parses the narrative only when a rule first asks, and
builds `Location`s and `Finding`s so that every rule reports places the same
way.  The engine sets `rule` before calling each rule, so a rule's findings
carry its code and default severity unless it says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from yusuan.check.finding import Finding, Location, Severity, Value
from yusuan.check.profiles import Profile
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import Disclosure, Paragraph, Row, Section, Source, Table, TableKind

_NUMBERED_PART = lazy_compile(r"^\s*第[一二三四五六七八九十]+部分")

if TYPE_CHECKING:
    from yusuan.catalog import Catalog
    from yusuan.check.claims import NarrativeClaims
    from yusuan.check.registry import Rule


class CheckContext:
    def __init__(self, disclosure: Disclosure, profile: Profile) -> None:
        self.disclosure = disclosure
        self.profile = profile
        self.rule: Rule | None = None
        self.memo: dict[str, Any] = {}  # results several rules share (resolved narrative subjects, …)

    # --- the document ---------------------------------------------------------
    @property
    def year(self) -> int:
        return self.disclosure.meta.year

    @property
    def unit_name(self) -> str:
        return self.disclosure.meta.unit

    def table(self, kind: TableKind) -> Table | None:
        return self.disclosure.table(kind)

    def sections(self) -> Iterator[tuple[str, Section]]:
        """Every narrative section and subsection with its path (`other/procurement`), in document order."""
        return iter(self._section_paths)

    def section(self, path: str) -> Section | None:
        """The first section with that path."""
        return self._sections_by_path.get(path)

    @cached_property
    def _section_paths(self) -> list[tuple[str, Section]]:
        found: list[tuple[str, Section]] = []

        def walk(section: Section, prefix: str) -> None:
            path = f"{prefix}{section.key}"
            found.append((path, section))
            for sub in section.subsections:
                walk(sub, f"{path}/")

        for section in self.disclosure.narrative:
            walk(section, "")
        return found

    @cached_property
    def _sections_by_path(self) -> dict[str, Section]:
        by_path: dict[str, Section] = {}
        for path, section in self._section_paths:
            by_path.setdefault(path, section)
        return by_path

    def in_part3(self, path: str) -> str:
        """`第三部分十二（三）`, `说明五`: how a finding names a narrative section, in the document's own numbering."""
        return f"{self._narrative_part}{self.section_number(path)}"

    @cached_property
    def _narrative_part(self) -> str:
        """The narrative's own part number (`第三部分` in Xinjiang and Jiangsu), or `说明` where parts are not numbered
        (Shanghai's chapters)."""
        for entry in self.disclosure.contents:
            found = _NUMBERED_PART.match(entry)
            if found and "说明" in entry:
                return found.group(0)
        return "说明"

    def section_number(self, path: str) -> str:
        """`五（三）` for `general_budget/detail`."""
        parts: list[str] = []
        current: list[Section] = self.disclosure.narrative
        for key in path.split("/"):
            found = next((s for s in current if s.key == key), None)
            if found is None:
                break
            number = found.number.strip("()（）")
            parts.append(f"（{number}）" if parts and number else number)  # 五（三）: a subsection in brackets
            current = found.subsections
        return "".join(parts)

    @cached_property
    def catalog(self) -> Catalog:
        from yusuan.catalog import default_catalog

        return default_catalog()

    @cached_property
    def claims(self) -> NarrativeClaims:
        from yusuan.check.claims import parse_narrative

        return parse_narrative(self.disclosure)

    # --- places ---------------------------------------------------------------
    def at_cell(self, table: Table, row: Row | None = None, column: str | None = None) -> Location:
        source = _first_source(
            row.cells[column].source if row is not None and column in row.cells else None,
            row.source if row is not None else None,
            table.source,
        )
        return Location(
            table=table.number,
            table_kind=table.kind.value,
            row=row.key if row is not None else None,
            column=column,
            page=source.page if source else None,
            line=source.line if source else None,
        )

    def at_section(self, path: str, paragraph: Paragraph | None = None) -> Location:
        section = self.section(path)
        source = _first_source(paragraph.source if paragraph else None, section.source if section else None)
        return Location(section=path, page=source.page if source else None, line=source.line if source else None)

    def at_source(self, source: Source | None, **fields: str | None) -> Location:
        return Location(
            page=source.page if source else None,
            line=source.line if source else None,
            **fields,
        )

    # --- findings -------------------------------------------------------------
    def finding(
        self,
        message: str,
        location: Location,
        *,
        expected: Value = None,
        actual: Value = None,
        difference: Decimal | None = None,
        related: tuple[Location, ...] = (),
        severity: Severity | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        if self.rule is None:  # pragma: no cover - the engine always sets it
            raise RuntimeError("finding() called outside a rule")
        return Finding(
            code=self.rule.code,
            severity=severity or self.rule.severity,
            message=message,
            location=location,
            expected=expected,
            actual=actual,
            difference=difference,
            related=related,
            suggestion=suggestion,
        )


def _first_source(*sources: Source | None) -> Source | None:
    for source in sources:
        if source is not None and (source.page is not None or source.line is not None):
            return source
    return None
