"""Server-side SVG of a nation's strength over time across operations (a step chart).

Pure functions: no database access, every label escaped, one fixed colour per operation
(KFOR, ISAF, RSM look the same on every page). Each point carries its value ("~90" when the
source gives a round figure) and a numbered footnote citing its sources.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape

from partnerdesk.operations.choices import FALLBACK_COLOURS, OPERATION_COLOURS

WIDTH = 800
LEFT = 64
RIGHT = 24
TOP = 36
PLOT_HEIGHT = 260
TEXT = "#1b2430"
MUTED = "#5b6675"
GRID = "#d9dee5"
FOOTNOTE_LINE = 17
INSET = 16  # keeps the first point clear of the y-axis labels


@dataclass(frozen=True)
class ChartPoint:
    """One value at one date: `date_label` is the date as the source gives it."""

    date: dt.date
    date_label: str
    value: int
    approximate: bool = False
    source_keys: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """ "22" or "~90"."""
        return f"~{self.value}" if self.approximate else str(self.value)


@dataclass(frozen=True)
class ChartSeries:
    """One operation's points in date order; `until` carries the last value (dashed) to the
    end of the mandate when the contingent was not withdrawn before."""

    code: str
    name: str
    points: tuple[ChartPoint, ...]
    until: dt.date | None = None


def colours_for(codes: Sequence[str]) -> dict[str, str]:
    """A colour per operation code: the fixed ones first, then a palette in code order."""
    palette = iter(FALLBACK_COLOURS * (len(codes) // len(FALLBACK_COLOURS) + 1))
    return {code: OPERATION_COLOURS.get(code) or next(palette) for code in sorted(set(codes))}


def _nice_step(maximum: int) -> int:
    """A round tick step giving at most about seven ticks up to `maximum`."""
    raw = max(maximum, 1) / 7
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        step = int(factor * magnitude)
        if step >= raw and step > 0:
            return step
    return int(10 * magnitude)


def strength_chart_svg(
    series: Sequence[ChartSeries], *, title: str, chart_id: str = "ops-strength"
) -> str:
    """An accessible step chart of personnel over time; empty string without points."""
    drawn = [s for s in series if s.points]
    if not drawn:
        return ""
    colours = colours_for([s.code for s in drawn])
    days = [p.date for s in drawn for p in s.points] + [s.until for s in drawn if s.until]
    first_year, last_year = min(days).year, max(days).year + 1
    start, end = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
    maximum = max(p.value for s in drawn for p in s.points)
    step = _nice_step(maximum)
    y_max = step * (math.ceil(maximum * 1.12 / step) if maximum else 1)
    bottom = TOP + PLOT_HEIGHT

    def x_of(day: dt.date) -> float:
        span = max((end - start).days, 1)
        return LEFT + INSET + (WIDTH - LEFT - RIGHT - INSET) * (day - start).days / span

    def y_of(value: int) -> float:
        return bottom - PLOT_HEIGHT * value / y_max

    notes: list[tuple[int, ChartSeries, ChartPoint]] = []
    for s in drawn:
        for p in s.points:
            notes.append((len(notes) + 1, s, p))
    columns = 2 if len(notes) > 6 else 1
    rows = math.ceil(len(notes) / columns)
    legend_y = bottom + 66
    notes_y = legend_y + 34
    height = notes_y + rows * FOOTNOTE_LINE + 8

    description = " ".join(
        f"{s.code} ({s.name}): "
        + "; ".join(
            f"{p.date_label} {'about ' if p.approximate else ''}{p.value}"
            + (f" [{', '.join(p.source_keys)}]" if p.source_keys else "")
            for p in s.points
        )
        + "."
        for s in drawn
    )
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'style="max-width:{WIDTH}px;font:12px system-ui,sans-serif">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    # y axis: grid lines, ticks and the axis label
    for value in range(0, y_max + 1, step):
        y = y_of(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{value}</text>'
        )
    parts.append(
        f'<text x="16" y="{TOP + PLOT_HEIGHT / 2:.1f}" text-anchor="middle" fill="{TEXT}" '
        f'transform="rotate(-90 16 {TOP + PLOT_HEIGHT / 2:.1f})">Personnel</text>'
    )
    # x axis: a tick per year (every other year over long spans) and the axis label
    year_step = 1 if last_year - first_year <= 14 else 2
    parts.append(
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="{MUTED}"/>'
    )
    for year in range(first_year, last_year + 1, year_step):
        x = x_of(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}" stroke="{MUTED}"/>'
            f'<text x="{x:.1f}" y="{bottom + 19}" text-anchor="middle" fill="{MUTED}">{year}</text>'
        )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.1f}" y="{bottom + 37}" text-anchor="middle" '
        f'fill="{TEXT}">Year (each point at the start of the period its source gives)</text>'
    )
    # the step lines, then points and labels on top
    for s in drawn:
        colour = colours[s.code]
        path = f"M{x_of(s.points[0].date):.1f} {y_of(s.points[0].value):.1f}"
        for p in s.points[1:]:
            path += f" H{x_of(p.date):.1f} V{y_of(p.value):.1f}"
        parts.append(
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'class="series" data-operation="{escape(s.code)}"/>'
        )
        last = s.points[-1]
        if s.until is not None and s.until > last.date and last.value > 0:
            parts.append(
                f'<line x1="{x_of(last.date):.1f}" y1="{y_of(last.value):.1f}" '
                f'x2="{x_of(s.until):.1f}" y2="{y_of(last.value):.1f}" stroke="{colour}" '
                'stroke-width="2" stroke-dasharray="5 4"/>'
            )
    for index, s, p in notes:
        colour = colours[s.code]
        x, y = x_of(p.date), y_of(p.value)
        cites = f" [{', '.join(p.source_keys)}]" if p.source_keys else " (no source)"
        tip = escape(f"{s.code}, {p.date_label}: {p.label}{cites} — note {index}")
        position = s.points.index(p)
        dropped = position > 0 and s.points[position - 1].value > p.value
        # after a drop the line comes from above: put the label beside the point instead
        label_at = (
            f'x="{x + 8:.1f}" y="{y - 6:.1f}" text-anchor="start"'
            if dropped
            else f'x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle"'
        )
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#fff" stroke="{colour}" '
            f'stroke-width="2.5"><title>{tip}</title></circle>'
            f'<text class="point-label" {label_at} fill="{colour}" font-weight="600">'
            f'{escape(p.label)}<tspan font-size="9" dy="-5">{index}</tspan></text>'
        )
    # legend: one swatch per operation, and what the dashes mean when drawn
    x = float(LEFT)
    legend = [(colours[s.code], f"{s.code} — {s.name}") for s in drawn]
    for colour, text in legend:
        parts.append(
            f'<rect x="{x:.1f}" y="{legend_y - 10}" width="14" height="4" fill="{colour}"/>'
            f'<text x="{x + 19:.1f}" y="{legend_y - 5}" fill="{TEXT}">{escape(text)}</text>'
        )
        x += 40 + 6.2 * len(text)
    if any(s.until for s in drawn):
        parts.append(
            f'<text x="{LEFT}" y="{legend_y + 12}" fill="{MUTED}">Dashed: the last reported '
            "figure, carried to the end of the mandate.</text>"
        )
    # footnotes: the sources of each numbered point
    column_width = (WIDTH - LEFT - RIGHT) / columns
    for position, (index, s, p) in enumerate(notes):
        column, row = divmod(position, rows)
        fx = LEFT + column * column_width
        fy = notes_y + row * FOOTNOTE_LINE
        cites = ", ".join(p.source_keys) if p.source_keys else "no source"
        parts.append(
            f'<text class="footnote" x="{fx:.1f}" y="{fy}" fill="{TEXT}">'
            f"{index}. {escape(s.code)}, {escape(p.date_label)}: {escape(p.label)} "
            f'<tspan fill="{MUTED}">[{escape(cites)}]</tspan></text>'
        )
    parts.append("</svg>")
    return "".join(parts)
