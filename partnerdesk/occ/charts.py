"""Server-side SVG of a unit's OCC timeline: evaluations on a time axis and certificate validity.

Pure functions: no database access, every label escaped, colours fixed per outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape

OUTCOME_COLOURS: dict[str, str] = {
    "PASSED": "#1d6b3a",
    "FAILED": "#b42318",
    "PENDING": "#7a8494",
}
OUTCOME_LABELS: dict[str, str] = {
    "PASSED": "Passed",
    "FAILED": "Failed",
    "PENDING": "Pending / not reported",
}
CERTIFICATE_COLOUR = "#2f5d9f"
TODAY_COLOUR = "#a15c00"

WIDTH = 1000
LEFT = 110
RIGHT = 20
TOP = 20
ROW = 46

# (level label, dates as shown, earliest day, latest day, outcome)
EvaluationMark = tuple[str, str, dt.date, dt.date, str]
# (validity as shown, valid from, valid to)
Validity = tuple[str, dt.date, dt.date]


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span


def timeline_svg(
    evaluations: Sequence[EvaluationMark],
    certificates: Sequence[Validity],
    *,
    today: dt.date,
    title: str,
) -> str:
    """An accessible SVG timeline; empty string when there is nothing to draw."""
    if not evaluations and not certificates:
        return ""
    days = [d for _, _, a, b, _ in evaluations for d in (a, b)] + [
        d for _, a, b in certificates for d in (a, b)
    ]
    first_year = min(days).year
    last_year = max(max(days).year, today.year) + 1
    start, end = dt.date(first_year, 1, 1), dt.date(last_year, 1, 1)
    axis_y = TOP + 2 * ROW + 10
    height = axis_y + 70
    step = 1 if last_year - first_year <= 12 else 2
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="occ-tl-title occ-tl-desc" '
        f'style="max-width:{WIDTH}px;font:12px system-ui,sans-serif">',
        f'<title id="occ-tl-title">{escape(title)}</title>',
        '<desc id="occ-tl-desc">'
        + escape(
            "; ".join(
                [
                    f"{label} {when}: {OUTCOME_LABELS.get(outcome, outcome)}"
                    for label, when, _, _, outcome in evaluations
                ]
                + [f"certificate valid {text}" for text, _, _ in certificates]
            )
        )
        + "</desc>",
        f'<text x="{LEFT - 10}" y="{TOP + ROW / 2 + 4}" text-anchor="end" fill="#1b2430">'
        "Evaluations</text>",
        f'<text x="{LEFT - 10}" y="{TOP + ROW * 1.5 + 4}" text-anchor="end" fill="#1b2430">'
        "Certificates</text>",
        f'<line x1="{LEFT}" y1="{axis_y}" x2="{WIDTH - RIGHT}" y2="{axis_y}" stroke="#5b6675"/>',
    ]
    for year in range(first_year, last_year + 1, step):
        x = _x(dt.date(year, 1, 1), start, end)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#d9dee5"/>'
            f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" fill="#5b6675">{year}</text>'
        )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{axis_y + 34}" text-anchor="middle" '
        'fill="#5b6675">Year</text>'
    )
    for text, a, b in certificates:
        x1, x2 = _x(a, start, end), _x(b, start, end)
        parts.append(
            f'<rect x="{x1:.1f}" y="{TOP + ROW + 12}" width="{max(x2 - x1, 2):.1f}" height="18" '
            f'rx="3" fill="{CERTIFICATE_COLOUR}" fill-opacity="0.75">'
            f"<title>{escape(f'Certificate valid {text}')}</title></rect>"
        )
    for index, (label, when, a, b, outcome) in enumerate(evaluations):
        x1, x2 = _x(a, start, end), _x(b, start, end)
        colour = OUTCOME_COLOURS.get(outcome, OUTCOME_COLOURS["PENDING"])
        y = TOP + ROW / 2
        label_y = y - 10 if index % 2 == 0 else y + 20
        tip = escape(f"{label} {when}: {OUTCOME_LABELS.get(outcome, outcome)}")
        parts.append(
            f'<rect x="{x1 - 2:.1f}" y="{y - 5}" width="{max(x2 - x1, 0) + 4:.1f}" height="10" '
            f'rx="5" fill="{colour}"><title>{tip}</title></rect>'
            f'<text x="{(x1 + x2) / 2:.1f}" y="{label_y}" text-anchor="middle" '
            f'fill="{colour}">{escape(label)}</text>'
        )
    tx = _x(today, start, end)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{TOP - 6}" x2="{tx:.1f}" y2="{axis_y}" stroke="{TODAY_COLOUR}" '
        f'stroke-dasharray="4 3"/><text x="{tx:.1f}" y="{TOP - 8}" text-anchor="middle" '
        f'fill="{TODAY_COLOUR}">today</text>'
    )
    legend = [*OUTCOME_LABELS.items(), ("CERTIFICATE", "Certificate validity")]
    x = LEFT
    for key, text in legend:
        colour = CERTIFICATE_COLOUR if key == "CERTIFICATE" else OUTCOME_COLOURS[key]
        parts.append(
            f'<rect x="{x}" y="{axis_y + 46}" width="12" height="12" rx="2" fill="{colour}"/>'
            f'<text x="{x + 17}" y="{axis_y + 56}" fill="#1b2430">{escape(text)}</text>'
        )
        x += 30 + 7 * len(text)
    parts.append("</svg>")
    return "".join(parts)
