"""Performance-target tables (单位整体绩效目标表, 项目支出绩效目标表) → `PerformanceTable`.

Each table is a title, an optional `(2024 年)` line and a block of
tab-separated rows: first label/value rows (unit or project name, contact,
funds, goal), then an indicator header (一级指标 … 佐证资料) and the
indicators, whose 一级/二级 cells are left blank under the first of a group.
Field labels and indicator columns come from the template; a form that
prints 上级安排 and 本级安排 but no 财政资金 figure of its own has their sum.  Cells wrapped
inside the PDF (`按照正 常比例 赋分`) lose their spaces; values such as
`>=14 0 批 次` are squeezed to `>=140批次`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.extract.lines import TextLine
from yusuan.extract.normalise import clean_label, close_gaps, fold, is_amount, read_amount, squeeze
from yusuan.extract.paragraphs import source_of
from yusuan.extract.problems import Problems
from yusuan.extract.template import PerformanceSpec
from yusuan.lazy_pattern import lazy_compile
from yusuan.model import PerformanceIndicator, PerformanceTable

_YEAR_LINE = lazy_compile(r"^\s*[（(]\s*20\d{2}\s*年度?\s*[)）]\s*$")
_PARENTHESES = lazy_compile(r"\([^)]*\)")
_TAGS = lazy_compile(r"<[^>]+>")
_PARAGRAPH_BREAK = lazy_compile(r"</p>\s*<p>", re.IGNORECASE)


@dataclass
class PerformanceBlock:
    scope: str
    title_line: TextLine
    rows: list[TextLine] = field(default_factory=list)
    indices: set[int] = field(default_factory=set)


def find_performance_blocks(
    lines: Sequence[TextLine], indices: Sequence[int], spec: PerformanceSpec
) -> list[PerformanceBlock]:
    blocks: list[PerformanceBlock] = []
    position = 0
    while position < len(indices):
        index = indices[position]
        position += 1
        line = lines[index]
        if line.has_tabs or len(line.text) > 40:
            continue
        scope = _scope(line.text, spec)
        if scope is None:
            continue
        block = PerformanceBlock(scope, line, indices={index})
        while position < len(indices):
            candidate = lines[indices[position]]
            if candidate.is_blank or (not block.rows and _YEAR_LINE.match(candidate.text)):
                block.indices.add(indices[position])
            elif candidate.has_tabs:
                block.rows.append(candidate)
                block.indices.add(indices[position])
            else:
                break
            position += 1
        if block.rows:
            blocks.append(block)
    return blocks


def _scope(text: str, spec: PerformanceSpec) -> str | None:
    folded = fold(text)
    if any(folded.endswith(t) for t in spec.unit_titles):
        return "unit"
    if any(folded.endswith(t) for t in spec.project_titles):
        return "project"
    return None


def _field_word(cell: str) -> str:
    word = _PARENTHESES.sub("", fold(cell)).rstrip(":")
    return word.removeprefix("其中:").removeprefix("其中")


def read_performance(
    block: PerformanceBlock, spec: PerformanceSpec, source_name: str, problems: Problems
) -> PerformanceTable:
    fields: dict[str, Any] = {}
    columns: dict[int, str] = {}
    indicators: list[PerformanceIndicator] = []
    previous: dict[str, str] = {}
    for line in block.rows:
        cells = line.cells
        header = _indicator_header(cells, spec)
        if header:
            columns = header
            continue
        if not columns:
            _read_fields(cells, line, spec, fields, problems)
            continue
        indicator = _indicator(cells, columns, previous, line=line, source_name=source_name, problems=problems)
        if indicator is not None:
            indicators.append(indicator)
    return PerformanceTable(
        scope=block.scope,
        name=fields.get("name", ""),
        responsible=fields.get("responsible", ""),
        phone=fields.get("phone", ""),
        total=fields.get("total"),
        fiscal=fields.get("fiscal", _fiscal_sum(fields)),
        fiscal_superior=fields.get("fiscal_superior"),
        fiscal_own=fields.get("fiscal_own"),
        other=fields.get("other"),
        goal=fields.get("goal", ""),
        indicators=indicators,
        source=source_of(block.title_line, source_name),
    )


def _fiscal_sum(fields: dict[str, Any]) -> Decimal | None:
    """财政资金 where the form prints no figure of its own: 上级安排 + 本级安排, when both are printed."""
    superior, own = fields.get("fiscal_superior"), fields.get("fiscal_own")
    if isinstance(superior, Decimal) and isinstance(own, Decimal):
        return superior + own
    return None


def _indicator_header(cells: list[str], spec: PerformanceSpec) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        word = fold(cell)
        for key, words in spec.indicator_columns.items():
            if word in words and key not in found.values():
                found[index] = key
                break
    return found if len(found) >= 3 else {}


def _read_fields(
    cells: list[str], line: TextLine, spec: PerformanceSpec, fields: dict[str, Any], problems: Problems
) -> None:
    texts = [c.strip() for c in cells]
    position = 0
    while position < len(texts):
        word = _field_word(texts[position]) if texts[position] else ""
        position += 1
        if not word:
            continue
        following = next((i for i in range(position, len(texts)) if texts[i]), None)
        if following is None:
            continue
        text_field = next((k for k, words in spec.text_fields.items() if word in words), None)
        if text_field is not None and text_field not in fields:
            fields[text_field] = _goal(texts[following]) if text_field == "goal" else clean_label(texts[following])
            position = following + 1
            continue
        amount_field = next((k for k, words in spec.amount_fields.items() if word in words), None)
        if amount_field is None or amount_field in fields or not is_amount(texts[following]):
            continue
        value, readable = read_amount(texts[following])
        if not readable:
            problems.add("performance-field-unreadable", f"绩效目标表中“{texts[position - 1]}”的金额读不出", line)
        fields[amount_field] = value
        position = following + 1


def _goal(text: str) -> str:
    parts = _PARAGRAPH_BREAK.split(text)
    return "\n".join(close_gaps(_TAGS.sub("", part)) for part in parts if _TAGS.sub("", part).strip())


def _indicator(
    cells: list[str],
    columns: dict[int, str],
    previous: dict[str, str],
    *,
    line: TextLine,
    source_name: str,
    problems: Problems,
) -> PerformanceIndicator | None:
    width = max(columns) + 1
    texts = [c.strip() for c in cells]
    while len(texts) > width and not texts[-1]:
        texts.pop()
    if len(texts) > width:
        problems.add("performance-row-misaligned", "绩效指标行的单元格比表头多，未读取", line)
        return None
    if not any(texts):
        return None
    texts = [""] * (width - len(texts)) + texts  # dropped cells are the blank 一级/二级 ones in front
    row = {key: texts[index] for index, key in columns.items()}
    for level in ("level1", "level2"):
        row[level] = clean_label(row.get(level, "")) or previous.get(level, "")
        previous[level] = row[level]
    weight: Decimal | None = None
    if row.get("weight"):
        weight, readable = read_amount(row["weight"])
        if not readable:
            problems.add("performance-field-unreadable", f"绩效指标的分值权重“{row['weight']}”不是数字", line)
    return PerformanceIndicator(
        level1=row["level1"],
        level2=row["level2"],
        name=clean_label(row.get("name", "")),
        value=squeeze(row.get("value", "")),
        basis=clean_label(row.get("basis", "")),
        weight=weight,
        last_year_value=squeeze(row["last_year_value"]) if row.get("last_year_value") else None,
        scoring=clean_label(row["scoring"]) if row.get("scoring") else None,
        evidence=clean_label(row["evidence"]) if row.get("evidence") else None,
        source=source_of(line, source_name),
    )
