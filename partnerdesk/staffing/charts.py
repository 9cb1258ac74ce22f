"""Server-side SVG bar chart of a headcount series. Pure: no database, every label escaped."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape

BAR_COLOUR = "#2f5d9f"
MARK_COLOUR = "#a15c00"
WIDTH = 1000
LEFT = 50
RIGHT = 20
TOP = 30
PLOT = 220
BOTTOM = 40

# (label on the axis, value, highlighted?)
Bar = tuple[str, int, bool]


def bar_chart_svg(bars: Sequence[Bar], *, title: str, unit: str = "officers") -> str:
    """An accessible vertical bar chart; empty string when there is nothing to draw.

    Each bar carries a <title> with its label and value; highlighted bars (years with a
    reported figure) are drawn in the mark colour and named in the legend.
    """
    if not bars:
        return ""
    peak = max(max(value for _, value, _ in bars), 1)
    slot = (WIDTH - LEFT - RIGHT) / len(bars)
    bar_width = max(slot * 0.7, 2)
    height = TOP + PLOT + BOTTOM + 20
    base = TOP + PLOT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="staff-chart-title" class="chart">',
        f'<title id="staff-chart-title">{escape(title)}</title>',
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#7a8494"/>',
        f'<text x="{LEFT - 8}" y="{TOP + 4}" text-anchor="end" font-size="12">{peak}</text>',
        f'<text x="{LEFT - 8}" y="{base}" text-anchor="end" font-size="12">0</text>',
    ]
    label_every = max(1, round(len(bars) / 25))
    for index, (label, value, marked) in enumerate(bars):
        x = LEFT + index * slot + (slot - bar_width) / 2
        bar_height = PLOT * value / peak
        colour = MARK_COLOUR if marked else BAR_COLOUR
        parts.append(
            f'<rect x="{x:.1f}" y="{base - bar_height:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}" fill="{colour}"><title>{escape(label)}: {value} '
            f"{escape(unit)}</title></rect>"
        )
        if value:
            parts.append(
                f'<text x="{x + bar_width / 2:.1f}" y="{base - bar_height - 4:.1f}" '
                f'text-anchor="middle" font-size="11">{value}</text>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + bar_width / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                f'font-size="11">{escape(label)}</text>'
            )
    legend_y = base + BOTTOM
    parts.append(
        f'<rect x="{LEFT}" y="{legend_y - 10}" width="12" height="12" fill="{BAR_COLOUR}"/>'
        f'<text x="{LEFT + 18}" y="{legend_y}" font-size="12">computed from postings</text>'
        f'<rect x="{LEFT + 200}" y="{legend_y - 10}" width="12" height="12" '
        f'fill="{MARK_COLOUR}"/><text x="{LEFT + 218}" y="{legend_y}" font-size="12">'
        f"year with a reported figure</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
