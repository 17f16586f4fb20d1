"""A unit's main figures over the years as an inline SVG bar chart, drawn on the server.

No JavaScript and nothing fetched from elsewhere: the chart is markup in the
page.  Amounts stay Decimal; only the pixel coordinates are whole numbers.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from yusuan.money import format_amount

WIDTH = 760
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 28, 64
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#d4a017", "#7b4fa0")


def _pixels(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def bar_chart(groups: list[str], series: list[tuple[str, list[Decimal | None]]], unit: str = "万元") -> str:
    """Grouped bars: one group per label of `groups`, one bar per series (a missing value draws no bar)."""
    values = [v for _, vs in series for v in vs if v is not None and v > 0]
    if not groups or not values:
        return ""
    top = max(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{escape("、".join(n for n, _ in series))}（{unit}）</title>'
    ]
    for step in range(5):
        value = top * step / 4
        y = TOP + plot_h - _pixels(value * plot_h / top)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{escape(format_amount(value))}</text>')
    group_w = plot_w // len(groups)
    bar_w = max(4, (group_w - 16) // max(1, len(series)))
    for g, label in enumerate(groups):
        x0 = LEFT + g * group_w + (group_w - bar_w * len(series)) // 2
        for s, (name, vs) in enumerate(series):
            amount = vs[g]
            if amount is None or amount <= 0:
                continue
            h = max(1, _pixels(amount * plot_h / top))
            parts.append(
                f'<rect x="{x0 + s * bar_w}" y="{TOP + plot_h - h}" width="{bar_w - 2}" height="{h}"'
                f' fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label)} {escape(name)}：'
                f"{escape(format_amount(amount))} {unit}</title></rect>"
            )
        centre = LEFT + g * group_w + group_w // 2
        parts.append(f'<text x="{centre}" y="{TOP + plot_h + 18}" text-anchor="middle">{escape(label)}</text>')
    x = LEFT
    for s, (name, _) in enumerate(series):
        y = HEIGHT - 18
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{COLOURS[s % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 16}" y="{y}">{escape(name)}</text>')
        x += 16 + 14 * len(name) + 24
    parts.append(f'<text x="{LEFT - 6}" y="{TOP - 14}" text-anchor="end" class="unit">{unit}</text>')
    parts.append("</svg>")
    return "".join(parts)
