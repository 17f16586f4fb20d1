"""Charts of a disclosure, as SVG (HTML, PDF) and PNG (Word), drawn with matplotlib.

A reader takes in the income structure, the spending by function class, the
split of basic and project spending and the change in 三公 spending faster
from a picture than from a table.  This module decides which charts a
disclosure gets (and skips a chart with nothing to show), reads their figures
from the tables, and draws them.  Every number printed on a chart is
formatted from the `Decimal` in the table; only the geometry of the marks is
computed from plotting numbers, converted at the last moment in `_plot_value`.
matplotlib is imported inside the drawing functions so that importing this
module stays cheap.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.model import Col, Disclosure, Side, TableKind, ThreePublicItem
from yusuan.money import format_amount, format_percent, share

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CJK_FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CJK_FAMILY = "Noto Sans CJK SC"
FALLBACK_FAMILIES = (CJK_FAMILY, "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "DejaVu Sans")
# What the SVG asks a browser or WeasyPrint for: the same face first, then common CJK fonts.
SVG_FONT_STACK = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', sans-serif"
)
PALETTE = (
    "#1f4e79",
    "#c55a11",
    "#548235",
    "#7f6000",
    "#7030a0",
    "#2e75b6",
    "#bf9000",
    "#a5a5a5",
    "#843c0c",
    "#375623",
    "#8faadc",
    "#f4b183",
)
MAX_PARTS = len(PALETTE)  # more parts than colours: the smallest are shown together as 其余…
LAST_YEAR_COLOUR = "#a6a6a6"
THIS_YEAR_COLOUR = "#1f4e79"
PNG_DPI = 120  # shown 14 cm wide in Word: about 150 dpi on paper


@dataclass(frozen=True)
class Chart:
    """A drawn chart and the table it follows in the document."""

    key: str
    title: str
    after_table: TableKind
    svg: str
    png: bytes
    svg_outlined: str = ""  # the same SVG with every letter drawn as a shape (for print)


@dataclass(frozen=True)
class Part:
    """One slice or bar: its label and exact amount."""

    label: str
    amount: Decimal


@dataclass(frozen=True)
class ChartData:
    """What a chart shows, before drawing: parts of a whole, or two years of items."""

    key: str
    title: str
    after_table: TableKind
    unit: str
    parts: tuple[Part, ...] = ()  # a donut: parts of `whole`
    whole: Decimal | None = None
    whole_label: str = ""
    items: tuple[str, ...] = ()  # grouped bars: one group per item, one bar per series
    series: tuple[tuple[str, tuple[Decimal | None, ...]], ...] = ()

    @property
    def is_empty(self) -> bool:
        amounts = [p.amount for p in self.parts] + [v for _name, values in self.series for v in values if v is not None]
        return not any(amounts)


def charts_for(disclosure: Disclosure, *, svg: bool = True, png: bool = True, outlined: bool = False) -> list[Chart]:
    """The charts of a disclosure, in document order; charts whose data is all zero are left out.

    A renderer that needs one format only may skip the others (`png=False` for
    HTML, `svg=False` for Word): that field is then empty.  `outlined` also
    draws `svg_outlined`, the SVG whose letters are shapes, not text: the PDF
    prints it, so that a chart's labels and numbers (合计 … 公务用车运行费,
    147.00 …) are never read back from the PDF as a table's header and rows;
    the table above the chart holds every figure as text.
    """
    return draw_charts(charts_to_draw(disclosure), svg=svg, png=png, outlined=outlined)


def charts_to_draw(disclosure: Disclosure) -> list[ChartData]:
    """The figures of the charts `charts_for` draws (plain data: another process may draw them)."""
    return [d for d in chart_data(disclosure) if not d.is_empty]


def draw_charts(data: list[ChartData], *, svg: bool = True, png: bool = True, outlined: bool = False) -> list[Chart]:
    if not data:
        return []
    with _chart_style():
        return [_draw(d, svg=svg, png=png, outlined=outlined) for d in data]


def chart_data(disclosure: Disclosure) -> list[ChartData]:
    """The figures of every chart the disclosure can have (empty ones included)."""
    found = [
        _income_structure(disclosure),
        _expenditure_by_class(disclosure),
        _basic_and_project(disclosure),
        _three_public(disclosure),
    ]
    return [d for d in found if d is not None]


# -- the figures -------------------------------------------------------------------
INCOME_PARTS = {
    "income.general_public_budget": "一般公共预算拨款",
    "income.government_fund": "政府性基金预算拨款",
    "income.state_capital": "国有资本经营预算拨款",
    "income.special_account": "财政专户核拨",
    "income.unit_funds": "单位资金",
    "income.carryover": "上年结转结余",
}


def _income_structure(d: Disclosure) -> ChartData | None:
    table = d.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
    if table is None:
        return None
    parts = []
    for key, label in INCOME_PARTS.items():
        row = table.row(key, Side.INCOME)
        if row is not None and row.amount(Col.AMOUNT):
            parts.append(Part(label, row.amount(Col.AMOUNT)))
    total = table.row("total", Side.INCOME)
    whole = total.amount(Col.AMOUNT) if total else sum((p.amount for p in parts), Decimal(0))
    return ChartData(
        key="income_structure",
        title=f"{d.meta.year}年收入预算构成",
        after_table=TableKind.INCOME_EXPENDITURE_SUMMARY,
        unit=table.unit.value,
        parts=tuple(parts),
        whole=whole,
        whole_label="收入总计",
    )


def _expenditure_by_class(d: Disclosure) -> ChartData | None:
    summary = d.table(TableKind.EXPENDITURE_SUMMARY)
    if summary is not None:
        rows = [r for r in summary.body_rows() if r.level == 1]
        column, table = Col.TOTAL, summary
        total = summary.row("total")
    else:
        two_sided = d.table(TableKind.INCOME_EXPENDITURE_SUMMARY)
        if two_sided is None:
            return None
        rows = list(two_sided.body_rows(Side.EXPENDITURE))
        column, table = Col.AMOUNT, two_sided
        total = two_sided.row("total", Side.EXPENDITURE)
    parts = _fold_smallest(tuple(Part(r.label, r.amount(column)) for r in rows if r.amount(column)))
    return ChartData(
        key="expenditure_by_class",
        title=f"{d.meta.year}年支出预算构成（按功能分类）",
        after_table=table.kind,
        unit=table.unit.value,
        parts=parts,
        whole=total.amount(column) if total else sum((p.amount for p in parts), Decimal(0)),
        whole_label="支出合计",
    )


def _fold_smallest(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """At most MAX_PARTS parts: the largest ones, then the rest summed as one."""
    if len(parts) <= MAX_PARTS:
        return parts
    ranked = sorted(parts, key=lambda p: p.amount, reverse=True)
    kept, rest = ranked[: MAX_PARTS - 1], ranked[MAX_PARTS - 1 :]
    folded = Part(f"其余{len(rest)}类", sum((p.amount for p in rest), Decimal(0)))
    return (*[p for p in parts if p in kept], folded)


def _basic_and_project(d: Disclosure) -> ChartData | None:
    table = d.table(TableKind.EXPENDITURE_SUMMARY)
    total = table.row("total") if table else None
    if table is None or total is None:
        return None
    parts = tuple(Part(label, total.amount(key)) for key, label in ((Col.BASIC, "基本支出"), (Col.PROJECT, "项目支出")))
    return ChartData(
        key="basic_and_project",
        title=f"{d.meta.year}年基本支出与项目支出",
        after_table=TableKind.EXPENDITURE_SUMMARY,
        unit=table.unit.value,
        parts=tuple(p for p in parts if p.amount),
        whole=total.amount(Col.TOTAL),
        whole_label="支出合计",
    )


THREE_PUBLIC_BARS = (
    ThreePublicItem.TOTAL,
    ThreePublicItem.ABROAD,
    ThreePublicItem.RECEPTION,
    ThreePublicItem.VEHICLE_PURCHASE,
    ThreePublicItem.VEHICLE_OPERATION,
)


def _three_public(d: Disclosure) -> ChartData | None:
    table = d.table(TableKind.THREE_PUBLIC)
    if table is None:
        return None
    this_year = []
    for item in THREE_PUBLIC_BARS:
        row = table.row(item.value)
        this_year.append(row.amount(Col.TOTAL) if row else None)
    last_year = tuple(d.last_year.get(f"three_public.{item.value}") for item in THREE_PUBLIC_BARS)
    series: list[tuple[str, tuple[Decimal | None, ...]]] = []
    if any(v is not None for v in last_year):
        series.append((f"{d.meta.year - 1}年", last_year))
    series.append((f"{d.meta.year}年", tuple(this_year)))
    return ChartData(
        key="three_public",
        title=f"财政拨款“三公”经费预算：{d.meta.year - 1}年与{d.meta.year}年对比",
        after_table=TableKind.THREE_PUBLIC,
        unit=table.unit.value,
        items=tuple(item.label.replace("（小计）", "") for item in THREE_PUBLIC_BARS),
        series=tuple(series),
    )


# -- drawing --------------------------------------------------------------------------
def _plot_value(value: Decimal) -> float:
    """A plotting coordinate for an amount.

    This is drawing, not money: matplotlib places wedges and bars with
    floating-point geometry.  Every amount and share printed on a chart is
    formatted from the exact `Decimal` instead.
    """
    return value.__float__()


@contextmanager
def _chart_style() -> Iterator[None]:
    """matplotlib settings for every chart: a CJK font, text kept as text, stable output."""
    import matplotlib
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    if CJK_FAMILY not in known and CJK_FONT_FILE.exists():
        font_manager.fontManager.addfont(str(CJK_FONT_FILE))
        known = {f.name for f in font_manager.fontManager.ttflist}
    # Only families that exist: asking for a missing one makes matplotlib warn on every glyph.
    families = [f for f in FALLBACK_FAMILIES if f in known] or ["DejaVu Sans"]
    with matplotlib.rc_context(
        {
            "font.family": families,
            "font.size": 10,
            "axes.unicode_minus": False,
            "svg.fonttype": "none",
            "svg.hashsalt": "yusuan",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        yield


def _draw(data: ChartData, *, svg: bool, png: bool, outlined: bool = False) -> Chart:
    from matplotlib.figure import Figure

    if data.parts:
        figure = Figure(figsize=(7.0, 3.6))
        _draw_donut(figure, data)
    else:
        figure = Figure(figsize=(7.0, 3.8))
        _draw_grouped_bars(figure, data)
    return Chart(
        key=data.key,
        title=data.title,
        after_table=data.after_table,
        svg=_svg(figure) if svg else "",
        png=_png(figure) if png else b"",
        svg_outlined=_svg(figure, outlined=True) if outlined else "",
    )


def _draw_donut(figure: Figure, data: ChartData) -> None:
    whole = data.whole if data.whole else sum((p.amount for p in data.parts), Decimal(0))
    axes = figure.add_axes((0.02, 0.04, 0.42, 0.80))
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(data.parts))]
    axes.pie(
        [_plot_value(p.amount) for p in data.parts],
        colors=colours,
        startangle=90,
        counterclock=False,
        wedgeprops={"width": 0.38, "edgecolor": "white", "linewidth": 1.5},
    )
    axes.set_aspect("equal")
    axes.text(0, 0.08, data.whole_label, ha="center", va="center", fontsize=9, color="#595959")
    axes.text(0, -0.12, f"{format_amount(whole)}{data.unit}", ha="center", va="center", fontsize=10)
    legend = axes.legend(
        [_legend_label(p, whole, data.unit) for p in data.parts],
        loc="center left",
        bbox_to_anchor=(1.05, 0.5),
        frameon=False,
        fontsize=9.5,
        handlelength=1.2,
    )
    legend.set_in_layout(False)
    figure.suptitle(data.title, fontsize=12, x=0.5, y=0.96)


def _legend_label(part: Part, whole: Decimal, unit: str) -> str:
    return f"{part.label}  {format_amount(part.amount)}{unit}（{format_percent(share(part.amount, whole))}）"


def _draw_grouped_bars(figure: Figure, data: ChartData) -> None:
    axes = figure.add_axes((0.09, 0.14, 0.88, 0.68))
    count = len(data.series)
    width = 0.8 / count
    colours = [LAST_YEAR_COLOUR, THIS_YEAR_COLOUR] if count == 2 else [THIS_YEAR_COLOUR]
    highest = max((v for _name, values in data.series for v in values if v is not None), default=Decimal(0))
    for s, (name, values) in enumerate(data.series):
        offset = (s - (count - 1) / 2) * width
        positions = [i + offset for i in range(len(data.items))]
        heights = [_plot_value(v) if v is not None else 0.0 for v in values]
        bars = axes.bar(positions, heights, width=width * 0.92, color=colours[s], label=name)
        axes.bar_label(bars, labels=[format_amount(v, empty="—") for v in values], padding=2, fontsize=8)
    axes.set_xticks(range(len(data.items)), labels=list(data.items))
    axes.tick_params(axis="x", labelsize=9, length=0)
    axes.set_title(f"单位：{data.unit}", loc="left", fontsize=9, color="#595959")
    axes.set_ylim(0, _plot_value(highest) * 1.18 if highest else 1.0)
    axes.legend(frameon=False, loc="upper right", fontsize=9)
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    axes.set_axisbelow(True)
    figure.suptitle(data.title, fontsize=12, x=0.5, y=0.96)


def _svg(figure: Figure, *, outlined: bool = False) -> str:
    """SVG markup ready to inline: no XML declaration or DOCTYPE, CJK font stack, no metadata.

    `outlined`: letters drawn as paths (`svg.fonttype: path`), so no text can be extracted."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path" if outlined else "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue().decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    return text.replace(f"font-family: '{CJK_FAMILY}'", f"font-family: {SVG_FONT_STACK}")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()
