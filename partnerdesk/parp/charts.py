"""Hand-built SVG charts of PARP figures (pure: no database, no plotting library).

Every piece of text is escaped, so the result may be embedded with `|safe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

TOTAL_COLOUR = "#1f5fa8"
ARMED_FORCES_COLOUR = "#c98a00"
AXIS_COLOUR = "#3b4655"
GRID_COLOUR = "#dde3ea"
TEXT_COLOUR = "#1d2733"


@dataclass(frozen=True)
class GoalBar:
    """One cycle of the series: its label, goals in all, and armed-forces goals (None = not
    recorded)."""

    label: str
    total: int
    armed_forces: int | None


def _nice_max(value: int) -> int:
    """A round upper bound for the value axis with room for the value labels (at least 5)."""
    step = 5 if value <= 20 else 10 if value <= 100 else 10 ** (len(str(value)) - 1)
    return max(5, (value // step + 1) * step)


def _ticks(top: int) -> list[int]:
    step = max(1, top // 5)
    return list(range(0, top + 1, step))


def goal_series_svg(bars: Sequence[GoalBar], *, nation: str) -> str:
    """Grouped bars per cycle: all Partnership Goals and those for the armed forces."""
    title = f"Partnership Goals of {nation} per PARP cycle"
    if not bars:
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 80" '
            'width="100%" aria-labelledby="chart-title chart-desc">'
            f'<title id="chart-title">{escape(title)}</title>'
            '<desc id="chart-desc">No cycles to show.</desc>'
            f'<text x="20" y="45" fill="{TEXT_COLOUR}" font-size="14">'
            "No PARP cycles to show.</text>"
            "</svg>"
        )
    left, right, top, bottom = 64, 24, 56, 74
    group = 120
    width = max(640, left + right + group * len(bars))
    height = 360
    plot_w = width - left - right
    plot_h = height - top - bottom
    top_value = _nice_max(max(b.total for b in bars))
    slot = plot_w / len(bars)
    bar_w = min(30.0, slot / 3)

    def y(value: int) -> float:
        return top + plot_h - plot_h * value / top_value

    summary = "; ".join(
        f"{b.label}: {b.total} goals"
        + (f", {b.armed_forces} for the armed forces" if b.armed_forces is not None else "")
        for b in bars
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" style="max-width:{width}px" aria-labelledby="chart-title chart-desc" '
        'font-family="system-ui, sans-serif">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(summary)}.</desc>',
    ]
    for tick in _ticks(top_value):
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 8}" y="{ty + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{AXIS_COLOUR}">{tick}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{AXIS_COLOUR}"/>'
    )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{AXIS_COLOUR}"/>'
    )
    for index, bar in enumerate(bars):
        centre = left + slot * index + slot / 2
        series = [(bar.total, TOTAL_COLOUR, "all goals")]
        if bar.armed_forces is not None:
            series.append((bar.armed_forces, ARMED_FORCES_COLOUR, "armed forces"))
        offset = -bar_w if len(series) == 2 else -bar_w / 2
        for value, colour, name in series:
            x = centre + offset
            parts.append(
                f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar_w:.1f}" '
                f'height="{top + plot_h - y(value):.1f}" fill="{colour}">'
                f"<title>{escape(f'{bar.label}: {value} ({name})')}</title></rect>"
            )
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y(value) - 5:.1f}" text-anchor="middle" '
                f'font-size="12" font-weight="600" fill="{TEXT_COLOUR}">{value}</text>'
            )
            offset += bar_w
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" '
            f'fill="{AXIS_COLOUR}">{escape(bar.label)}</text>'
        )
        if bar.armed_forces is None:
            for line, text in enumerate(("armed forces", "not recorded")):
                parts.append(
                    f'<text x="{centre:.1f}" y="{top + plot_h + 31 + 11 * line}" '
                    f'text-anchor="middle" font-size="10" fill="{AXIS_COLOUR}">{text}</text>'
                )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 10}" text-anchor="middle" '
        f'font-size="13" fill="{TEXT_COLOUR}">PARP cycle</text>'
    )
    parts.append(
        f'<text x="16" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-size="13" '
        f'fill="{TEXT_COLOUR}" transform="rotate(-90 16 {top + plot_h / 2:.1f})">'
        "Partnership Goals</text>"
    )
    legend = [
        ("All Partnership Goals", TOTAL_COLOUR),
        ("For the armed forces", ARMED_FORCES_COLOUR),
    ]
    lx = left
    for name, colour in legend:
        parts.append(f'<rect x="{lx}" y="16" width="14" height="14" fill="{colour}"/>')
        parts.append(
            f'<text x="{lx + 20}" y="27" font-size="13" fill="{TEXT_COLOUR}">{escape(name)}</text>'
        )
        lx += 200
    parts.append("</svg>")
    return "".join(parts)
