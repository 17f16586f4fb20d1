"""Charts as inline SVG, drawn on the server: a unit's figures over the years (bars), units' shares (100 % stacked).

No JavaScript and nothing fetched from elsewhere: the chart is markup in the
page.  Amounts stay Decimal; only the pixel coordinates are whole numbers.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from html import escape

from yusuan.money import format_amount

WIDTH = 760
HEIGHT = 320
LEFT, RIGHT, TOP, BOTTOM = 96, 16, 28, 64
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#d4a017", "#7b4fa0")


def _pixels(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def axis_steps(largest: Decimal) -> list[Decimal]:
    """The value axis's labelled values for bars up to `largest` (> 0): 0 and at most four more, each step a
    round number (1, 2, 2.5 or 5 times a power of ten), the last at or above `largest`."""
    magnitude = Decimal(10) ** (largest / 4).adjusted()
    step = next(m * magnitude for m in NICE_STEPS if m * magnitude * 4 >= largest)
    count = int((largest / step).to_integral_value(rounding=ROUND_CEILING))
    return [step * n for n in range(count + 1)]


def _axis_label(value: Decimal) -> str:
    """A round axis value as finance staff write it: `5,000`, `2.5`, not `5,000.00`."""
    return f"{value.normalize():,f}" if value != value.to_integral() else f"{value:,.0f}"


def bar_chart(groups: list[str], series: list[tuple[str, list[Decimal | None]]], unit: str = "万元") -> str:
    """Grouped bars: one group per label of `groups`, one bar per series (a missing value draws no bar)."""
    values = [v for _, vs in series for v in vs if v is not None and v > 0]
    if not groups or not values:
        return ""
    steps = axis_steps(max(values))
    top = steps[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{escape("、".join(n for n, _ in series))}（{unit}）</title>'
    ]
    for value in steps:
        y = TOP + plot_h - _pixels(value * plot_h / top)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">{escape(_axis_label(value))}</text>')
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


SHARE_COLOURS = (
    "#1f5fa8", "#c0392b", "#2e8b57", "#d4a017", "#7b4fa0", "#16a2b8", "#e67e22", "#8d6e63",
    "#5c7cfa", "#e84393", "#6ab04c", "#95a5a6", "#34495e", "#b8860b", "#9b59b6", "#20c997",
)  # fmt: skip
SHARE_LABEL_W = 250
SHARE_BAR_H, SHARE_GAP = 26, 12


def share_chart(bars: list[str], segments: list[tuple[str, str]], amounts: list[list[Decimal | None]]) -> str:
    """100 % stacked horizontal bars: one bar per label of `bars`, one segment per (code, name) of `segments`;
    `amounts[segment][bar]` (None or ≤ 0: no segment).  A bar with nothing to show is drawn as an empty frame.
    Each segment is titled with its name, amount and share; a segment wide enough also prints its share."""
    if not bars or not segments:
        return ""
    totals = [sum((v for a in amounts if (v := a[b]) is not None and v > 0), Decimal(0)) for b in range(len(bars))]
    if not any(totals):
        return ""
    plot_w = WIDTH + 140 - SHARE_LABEL_W - RIGHT
    width = WIDTH + 140
    legend_columns = 4
    legend_rows = -(-len(segments) // legend_columns)
    bars_h = TOP + len(bars) * (SHARE_BAR_H + SHARE_GAP)
    height = bars_h + 24 + legend_rows * 20 + 8
    parts = [
        f'<svg class="chart share" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>支出结构（按功能分类，占比 %）</title>'
    ]
    for step in range(5):
        x = SHARE_LABEL_W + plot_w * step // 4
        parts.append(f'<line x1="{x}" x2="{x}" y1="{TOP - 4}" y2="{bars_h - SHARE_GAP + 4}" class="grid"/>')
        parts.append(f'<text x="{x}" y="{TOP - 10}" text-anchor="middle">{step * 25}%</text>')
    for b, label in enumerate(bars):
        y = TOP + b * (SHARE_BAR_H + SHARE_GAP)
        shown = label if len(label) <= 17 else label[:16] + "…"
        parts.append(
            f'<text x="{SHARE_LABEL_W - 8}" y="{y + SHARE_BAR_H // 2 + 4}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(shown)}</text>"
        )
        total = totals[b]
        if not total:
            parts.append(
                f'<rect x="{SHARE_LABEL_W}" y="{y}" width="{plot_w}" height="{SHARE_BAR_H}" class="empty"/>'
                f'<text x="{SHARE_LABEL_W + 8}" y="{y + SHARE_BAR_H // 2 + 4}" class="unit">无数据</text>'
            )
            continue
        done = Decimal(0)
        for s, (code, name) in enumerate(segments):
            amount = amounts[s][b]
            if amount is None or amount <= 0:
                continue
            x0 = SHARE_LABEL_W + _pixels(done * plot_w / total)
            done += amount
            x1 = SHARE_LABEL_W + _pixels(done * plot_w / total)
            share = (amount * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            colour = SHARE_COLOURS[s % len(SHARE_COLOURS)]
            parts.append(
                f'<rect x="{x0}" y="{y}" width="{max(1, x1 - x0)}" height="{SHARE_BAR_H}" fill="{colour}">'
                f"<title>{escape(label)} {escape(code)} {escape(name)}：{escape(format_amount(amount))} 万元，"
                f"{share}%</title></rect>"
            )
            if x1 - x0 >= 52:
                parts.append(
                    f'<text x="{(x0 + x1) // 2}" y="{y + SHARE_BAR_H // 2 + 4}" text-anchor="middle"'
                    f' class="inside">{share}%</text>'
                )
    column_w = (width - 2 * LEFT // 3) // legend_columns
    for s, (code, name) in enumerate(segments):
        x = LEFT // 3 + (s % legend_columns) * column_w
        y = bars_h + 24 + (s // legend_columns) * 20
        text = f"{code} {name}"
        shown = text if len(text) <= 16 else text[:15] + "…"
        colour = SHARE_COLOURS[s % len(SHARE_COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 11}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{y}"><title>{escape(text)}</title>{escape(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)
