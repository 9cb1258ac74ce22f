"""Stage S5: plan periods — year ranges such as "2012-2013", "2015–2016" or "2000-02".

A range is a period when its second year is later than the first and at most ten years on; it
belongs to the mechanism mentioned nearest to it in the same sentence, if any. Periods are found
before dates and counts, so their years are never read as a date or a quantity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnerdesk.extraction.types import Deadline

_RANGE = re.compile(r"(?<![\w.,/:-])((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d|\d\d)(?![\w.,]\d|\d)")
MAX_SPAN_YEARS = 10


@dataclass(frozen=True)
class Period:
    """A year range found in the text."""

    start: int
    end: int
    start_year: int
    end_year: int


def find_periods(text: str, deadline: Deadline) -> list[Period]:
    """Every plausible year range in `text`, in order."""
    found: list[Period] = []
    for count, match in enumerate(_RANGE.finditer(text)):
        if count % 256 == 0:
            deadline.check()
        first = int(match.group(1))
        second_text = match.group(2)
        second = (
            int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
        )
        if first < second <= first + MAX_SPAN_YEARS:
            found.append(Period(match.start(), match.end(), first, second))
    return found
