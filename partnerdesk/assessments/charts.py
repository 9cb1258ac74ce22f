"""Server-side SVG charts of assessment agreement: pure functions, no database, no libraries.

Every text placed in an SVG is escaped with `django.utils.html.escape`; each chart carries a
<title> and a <desc> and `role="img"` so screen readers announce it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape

FONT = 'font-family="system-ui, sans-serif"'
INK = "#1b2430"
MUTED = "#5b6675"
LINE = "#d9dee5"
EMPTY = "#f4f6f9"
KAPPA_COLOUR = "#1f5aa6"
EXACT_COLOUR = "#1d6b3a"
# Mean absolute gap 0 → 2+ levels: light to dark (the same steps on every page).
GAP_STEPS: tuple[tuple[float, str, str], ...] = (
    (0.0, "#e8f0fb", INK),
    (0.5, "#f6e3b4", INK),
    (1.0, "#f0b36a", INK),
    (1.5, "#d9683f", "#ffffff"),
    (2.0, "#a3222b", "#ffffff"),
)


def gap_colour(value: float) -> tuple[str, str]:
    """(fill, text colour) of a mean absolute gap: the last step not above the value."""
    fill, text = GAP_STEPS[0][1], GAP_STEPS[0][2]
    for threshold, step_fill, step_text in GAP_STEPS:
        if value >= threshold - 1e-9:
            fill, text = step_fill, step_text
    return fill, text


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}" {FONT}{extra}>{escape(content)}</text>'
    )


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


@dataclass(frozen=True)
class HeatCell:
    """One heat-map cell: the mean absolute gap (None when no pair) and the number of pairs."""

    value: float | None
    count: int = 0


def heatmap_svg(
    *,
    title: str,
    rows: Sequence[str],
    columns: Sequence[int],
    cells: Mapping[tuple[str, int], HeatCell],
    description: str = "",
) -> str:
    """Rows (chapters) x columns (years), each cell coloured by its mean absolute gap.

    Cells print the value (two decimals) and the number of objectives; empty cells say "—".
    """
    left, top, cell_w, cell_h = 290, 58, 92, 40
    legend_w = 170 + (len(GAP_STEPS) + 1) * 70
    width = max(left + max(len(columns), 1) * cell_w + 24, legend_w, 9 * len(title))
    legend_y = top + max(len(rows), 1) * cell_h + 44
    height = legend_y + 52
    desc = description or (
        f"{title}. Rows are chapters, columns are years; each cell is the mean absolute gap "
        "between the national and the alliance level of the chapter's objectives."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart chart-heatmap" '
        f'aria-labelledby="heat-title heat-desc">',
        f'<title id="heat-title">{escape(title)}</title>',
        f'<desc id="heat-desc">{escape(desc)}</desc>',
        _text(0, 18, title, size=15, weight="600"),
        _text(
            left - 10, top - 12, "Chapter \u2193 / Year \u2192", size=11, anchor="end", fill=MUTED
        ),
    ]
    for c, year in enumerate(columns):
        x = left + c * cell_w + cell_w / 2
        parts.append(_text(x, top - 12, str(year), size=12, anchor="middle", weight="600"))
    for r, row in enumerate(rows):
        y = top + r * cell_h
        parts.append(_text(left - 10, y + cell_h / 2 + 4, _shorten(row, 42), anchor="end"))
        for c, year in enumerate(columns):
            x = left + c * cell_w
            cell = cells.get((row, year), HeatCell(None, 0))
            if cell.value is None:
                fill, ink, label, sub = EMPTY, MUTED, "\u2014", "no pairs"
            else:
                fill, ink = gap_colour(cell.value)
                label = f"{cell.value:.2f}"
                sub = f"n={cell.count}"
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                f'rx="3" fill="{fill}" stroke="{LINE}"><title>{escape(row)}, {year}: '
                f"{escape(label)} ({escape(sub)})</title></rect>"
            )
            parts.append(
                _text(
                    x + cell_w / 2, y + 18, label, size=13, anchor="middle", fill=ink, weight="600"
                )
            )
            parts.append(_text(x + cell_w / 2, y + 32, sub, size=10, anchor="middle", fill=ink))
    if not rows or not columns:
        parts.append(_text(left, top + 24, "No revealed ratings yet.", fill=MUTED))
    parts.append(_text(0, legend_y, "Mean absolute gap (levels)", size=11, fill=MUTED))
    for i, (threshold, fill, ink) in enumerate(GAP_STEPS):
        x = 170 + i * 70
        label = f"\u2265 {threshold:g}" if i == len(GAP_STEPS) - 1 else f"{threshold:g}"
        parts.append(
            f'<rect x="{x}" y="{legend_y - 14}" width="62" height="22" rx="3" fill="{fill}" '
            f'stroke="{LINE}"/>'
        )
        parts.append(_text(x + 31, legend_y + 1, label, size=11, anchor="middle", fill=ink))
    parts.append(
        f'<rect x="{170 + len(GAP_STEPS) * 70}" y="{legend_y - 14}" width="62" height="22" '
        f'rx="3" fill="{EMPTY}" stroke="{LINE}"/>'
    )
    parts.append(
        _text(
            170 + len(GAP_STEPS) * 70 + 31,
            legend_y + 1,
            "none",
            size=11,
            anchor="middle",
            fill=MUTED,
        )
    )
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class TrendPoint:
    """One year of the trend: kappa with its interval, and the exact agreement (0–1)."""

    year: int
    kappa: float | None
    kappa_low: float | None = None
    kappa_high: float | None = None
    exact: float | None = None


def trend_svg(*, title: str, points: Sequence[TrendPoint], description: str = "") -> str:
    """Weighted kappa (with 95 % interval whiskers) and exact agreement per year."""
    width, height = 640, 330
    left, right, top, bottom = 64, 24, 44, 78
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for p in points for v in (p.kappa, p.kappa_low, p.exact) if v is not None]
    y_min = min([0.0, *values])
    y_min = -1.0 if y_min < -0.5 else (-0.5 if y_min < 0 else 0.0)
    y_max = 1.0
    years = [p.year for p in points]

    pad = 36  # keep the first and last year clear of the axes

    def x_of(index: int) -> float:
        if len(years) <= 1:
            return left + plot_w / 2
        return left + pad + index * (plot_w - 2 * pad) / (len(years) - 1)

    def y_of(value: float) -> float:
        return top + (y_max - value) / (y_max - y_min) * plot_h

    desc = description or (
        f"{title}. Quadratic-weighted kappa (blue circles, with 95% interval) and exact "
        "agreement (green squares) per year, on a scale from "
        f"{y_min:g} to 1. "
        + "; ".join(
            f"{p.year}: kappa {'n/a' if p.kappa is None else f'{p.kappa:.2f}'}, exact "
            f"{'n/a' if p.exact is None else f'{p.exact:.0%}'}"
            for p in points
        )
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart chart-trend" '
        f'aria-labelledby="trend-title trend-desc">',
        f'<title id="trend-title">{escape(title)}</title>',
        f'<desc id="trend-desc">{escape(desc)}</desc>',
        _text(0, 18, title, size=15, weight="600"),
    ]
    tick = 0.25 if y_min >= -0.5 else 0.5
    value = y_min
    while value <= y_max + 1e-9:
        y = y_of(value)
        stroke = MUTED if abs(value) < 1e-9 else LINE
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{stroke}"/>'
        )
        parts.append(_text(left - 8, y + 4, f"{value:g}", size=11, anchor="end", fill=MUTED))
        value += tick
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    for i, year in enumerate(years):
        parts.append(_text(x_of(i), top + plot_h + 18, str(year), size=12, anchor="middle"))
    parts.append(
        _text(
            left + plot_w / 2,
            top + plot_h + 38,
            "Assessment year",
            size=12,
            anchor="middle",
            fill=MUTED,
        )
    )
    parts.append(
        _text(
            16,
            top + plot_h / 2,
            "Agreement (0 to 1)",
            size=12,
            anchor="middle",
            fill=MUTED,
            extra=f' transform="rotate(-90 16 {top + plot_h / 2:.1f})"',
        )
    )
    if not points:
        parts.append(
            _text(
                left + plot_w / 2,
                top + plot_h / 2,
                "No revealed ratings yet.",
                anchor="middle",
                fill=MUTED,
            )
        )

    def series(attr: str, colour: str, square: bool) -> None:
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, point in enumerate(points):
            v = getattr(point, attr)
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x_of(i):.1f},{y_of(v):.1f}")
        if segment:
            segments.append(segment)
        parts.extend(
            f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            for seg in segments
            if len(seg) > 1
        )
        for i, point in enumerate(points):
            v = getattr(point, attr)
            if v is None:
                continue
            x, y = x_of(i), y_of(v)
            label = f"{point.year}: {'kappa' if attr == 'kappa' else 'exact agreement'} {v:.2f}"
            if square:
                parts.append(
                    f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" '
                    f'fill="{colour}"><title>{escape(label)}</title></rect>'
                )
            else:
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}">'
                    f"<title>{escape(label)}</title></circle>"
                )

    for i, point in enumerate(points):
        if point.kappa_low is not None and point.kappa_high is not None:
            x = x_of(i)
            y1, y2 = y_of(point.kappa_low), y_of(point.kappa_high)
            parts.append(
                f'<line x1="{x:.1f}" y1="{y1:.1f}" x2="{x:.1f}" y2="{y2:.1f}" '
                f'stroke="{KAPPA_COLOUR}" stroke-opacity="0.55" stroke-width="2"/>'
            )
            parts.extend(
                f'<line x1="{x - 6:.1f}" y1="{yy:.1f}" x2="{x + 6:.1f}" y2="{yy:.1f}" '
                f'stroke="{KAPPA_COLOUR}" stroke-opacity="0.55" stroke-width="2"/>'
                for yy in (y1, y2)
            )
    series("exact", EXACT_COLOUR, square=True)
    series("kappa", KAPPA_COLOUR, square=False)
    legend_y = height - 14
    parts.append(f'<circle cx="{left + 6}" cy="{legend_y - 4}" r="5.5" fill="{KAPPA_COLOUR}"/>')
    parts.append(_text(left + 18, legend_y, "Weighted kappa (bars: 95% interval)", size=12))
    parts.append(
        f'<rect x="{left + 270}" y="{legend_y - 9}" width="10" height="10" fill="{EXACT_COLOUR}"/>'
    )
    parts.append(_text(left + 286, legend_y, "Exact agreement (share of objectives)", size=12))
    parts.append("</svg>")
    return "\n".join(parts)
