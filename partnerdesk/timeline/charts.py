"""Server-side SVG overview of a timeline: one bar per year (or per month when zoomed in).

Pure function: no database access, every label escaped; each bar links to the zoomed view.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from django.utils.html import escape

from partnerdesk.timeline.selectors import Bucket

BAR_COLOUR = "#2f5d9f"
WIDTH = 1000
LEFT = 44
RIGHT = 12
TOP = 16
PLOT = 120


def overview_svg(
    buckets: Sequence[Bucket], *, title: str, link: Callable[[Bucket], str] | None = None
) -> str:
    """Bars of entry counts with a labelled count axis; empty string when there is nothing."""
    if not buckets:
        return ""
    peak = max(max(b.count for b in buckets), 1)
    slot = (WIDTH - LEFT - RIGHT) / len(buckets)
    bar = max(min(slot * 0.7, 40), 2)
    base = TOP + PLOT
    height = base + 44
    every = max(1, math.ceil(len(buckets) / 18))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="tl-title tl-desc" '
        f'style="max-width:{WIDTH}px;font:12px system-ui,sans-serif">',
        f'<title id="tl-title">{escape(title)}</title>',
        '<desc id="tl-desc">'
        + escape("; ".join(f"{b.label}: {b.count}" for b in buckets if b.count))
        + "</desc>",
        f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#5b6675"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" fill="#5b6675">{peak}</text>',
        f'<text x="{LEFT - 6}" y="{base}" text-anchor="end" fill="#5b6675">0</text>',
        f'<text x="12" y="{TOP + PLOT / 2}" text-anchor="middle" fill="#5b6675" '
        f'transform="rotate(-90 12 {TOP + PLOT / 2})">Entries</text>',
    ]
    for index, bucket in enumerate(buckets):
        x = LEFT + slot * index + (slot - bar) / 2
        h = PLOT * bucket.count / peak
        tip = escape(f"{bucket.label}: {bucket.count} entries")
        rect = (
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" rx="2" '
            f'fill="{BAR_COLOUR}"><title>{tip}</title></rect>'
        )
        if link is not None and bucket.count:
            rect = f'<a href="{escape(link(bucket))}">{rect}</a>'
        parts.append(rect)
        if index % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                f'fill="#5b6675">{escape(bucket.label)}</text>'
            )
    parts.append(
        f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{base + 36}" text-anchor="middle" '
        f'fill="#5b6675">{"Month" if buckets[0].month else "Year"}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
