"""The performance-target tables (单位整体 / 项目支出绩效目标表) as printed grids.

These forms are not row-and-column tables but fixed forms with labels,
merged value cells and an indicator list whose level-1 and level-2 cells
span the indicators under them.  This module lays one out as a grid of
cells with spans, following the reference template, for the Excel and Word
renderers alike; it is pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from yusuan.model import Disclosure, PerformanceIndicator, PerformanceTable


class Style(StrEnum):
    LABEL = "label"  # a printed caption cell (bold, shaded)
    TEXT = "text"
    AMOUNT = "amount"  # money, two decimals
    NUMBER = "number"  # a weight


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str = ""
    value: Decimal | None = None
    style: Style = Style.TEXT
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class FormGrid:
    """A form: its title and subtitle, column count and widths, and its cells."""

    title: str
    subtitle: str
    widths: tuple[int, ...]  # character cells per column
    rows: int
    cells: tuple[GridCell, ...]
    header_row: int  # the first row of the indicator list (its caption row)

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells if c.text]


def performance_grids(disclosure: Disclosure) -> list[FormGrid]:
    year = disclosure.meta.year
    return [
        unit_grid(t, year) if t.scope == "unit" else project_grid(t, year, disclosure.meta.unit)
        for t in disclosure.performance
    ]


def _label(row: int, col: int, text: str, colspan: int = 1, rowspan: int = 1) -> GridCell:
    return GridCell(row, col, text, style=Style.LABEL, colspan=colspan, rowspan=rowspan)


def _amount(row: int, col: int, value: Decimal | None, colspan: int = 1) -> GridCell:
    return GridCell(row, col, value=value, style=Style.AMOUNT, colspan=colspan)


UNIT_INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "指标值", "指标设定依据", "分值权重")
PROJECT_INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标值设置依据",
    "上年完成值",
    "指标分值权重",
    "指标赋分规则",
    "佐证资料",
)


def unit_grid(table: PerformanceTable, year: int) -> FormGrid:
    """单位整体绩效目标表: six columns."""
    cells = [
        _label(0, 0, "单位名称（盖章）"),
        GridCell(0, 1, table.name, colspan=5),
        _label(1, 0, "单位联系人"),
        GridCell(1, 1, table.responsible, colspan=2),
        _label(1, 3, "联系电话"),
        GridCell(1, 4, table.phone, colspan=2),
        _label(2, 0, "年度绩效目标"),
        GridCell(2, 1, table.goal, colspan=5),
        _label(3, 0, "年度预算（万元）", rowspan=5),
        _label(3, 1, "资金来源", colspan=2),
        _label(3, 3, "资金总额（万元）", colspan=3),
        _label(4, 1, "财政资金（万元）", rowspan=2),
        _label(4, 2, "上级安排"),
        _amount(4, 3, table.fiscal_superior, colspan=3),
        _label(5, 2, "本级安排"),
        _amount(5, 3, table.fiscal_own, colspan=3),
        _label(6, 1, "其他资金（万元）"),
        _label(6, 2, "其他"),
        _amount(6, 3, table.other, colspan=3),
        _label(7, 1, "合计", colspan=2),
        _amount(7, 3, table.total, colspan=3),
    ]
    header_row = 8
    cells += [_label(header_row, i, text) for i, text in enumerate(UNIT_INDICATOR_HEADERS)]

    def values(indicator: PerformanceIndicator) -> list[str | Decimal | None]:
        return [indicator.name, indicator.value, indicator.basis, indicator.weight]

    rows = _indicator_cells(table.indicators, header_row + 1, values, cells)
    return FormGrid("单位整体绩效目标表", f"（{year}年）", (16, 14, 30, 16, 18, 10), rows, tuple(cells), header_row)


def project_grid(table: PerformanceTable, year: int, unit: str) -> FormGrid:
    """项目支出绩效目标表: nine columns."""
    cells = [
        _label(0, 0, "预算单位", colspan=2),
        GridCell(0, 2, unit, colspan=7),
        _label(1, 0, "项目名称", colspan=2),
        GridCell(1, 2, table.name, colspan=3),
        _label(1, 5, "项目负责人", colspan=2),
        GridCell(1, 7, table.responsible, colspan=2),
        _label(2, 0, "项目资金（万元）", colspan=2),
        _label(2, 2, "年度预算总额"),
        _amount(2, 3, table.total),
        _label(2, 4, "其中：财政拨款"),
        _amount(2, 5, table.fiscal),
        _label(2, 6, "其他资金"),
        _amount(2, 7, table.other, colspan=2),
        _label(3, 0, "项目总体目标", colspan=2),
        GridCell(3, 2, table.goal, colspan=7),
    ]
    header_row = 4
    cells += [_label(header_row, i, text) for i, text in enumerate(PROJECT_INDICATOR_HEADERS)]

    def values(indicator: PerformanceIndicator) -> list[str | Decimal | None]:
        return [
            indicator.name,
            indicator.value,
            indicator.basis,
            indicator.last_year_value or "",
            indicator.weight,
            indicator.scoring or "",
            indicator.evidence or "",
        ]

    rows = _indicator_cells(table.indicators, header_row + 1, values, cells)
    widths = (10, 12, 24, 14, 14, 12, 10, 14, 12)
    return FormGrid("项目支出绩效目标表", f"（{year}年）", widths, rows, tuple(cells), header_row)


def _indicator_cells(
    indicators: list[PerformanceIndicator],
    first_row: int,
    values: Callable[[PerformanceIndicator], list[str | Decimal | None]],
    cells: list[GridCell],
) -> int:
    """Append the indicator rows (level 1 and 2 spanning their run); return the grid's row count."""
    for start, end in _runs([i.level1 for i in indicators]):
        cells.append(GridCell(first_row + start, 0, indicators[start].level1, rowspan=end - start))
        for sub_start, sub_end in _runs([i.level2 for i in indicators[start:end]]):
            top = start + sub_start
            cells.append(GridCell(first_row + top, 1, indicators[top].level2, rowspan=sub_end - sub_start))
    for offset, indicator in enumerate(indicators):
        row = first_row + offset
        for col, value in enumerate(values(indicator), start=2):
            if isinstance(value, Decimal):
                cells.append(GridCell(row, col, value=value, style=Style.NUMBER))
            else:
                cells.append(GridCell(row, col, str(value or "")))
    return first_row + len(indicators)


def _runs(keys: list[str]) -> list[tuple[int, int]]:
    """Half-open index ranges of consecutive equal keys."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs.append((start, i))
            start = i
    return runs
