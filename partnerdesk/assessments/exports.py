"""The CSV/XLSX export of one round's ratings, built from rows the blind selector returned.

This module never reads the database: the caller passes the rows of `selectors.rating_board`,
so an export contains exactly what the user may see on the round page (before the reveal, the
other side's columns are empty).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from partnerdesk.assessments.models import AssessmentRound, Rating
from partnerdesk.core.tabular import write_csv, write_xlsx

COLUMNS = [
    "nation",
    "plan",
    "year",
    "chapter",
    "objective",
    "objective_text",
    "national_level",
    "national_label",
    "national_rationale",
    "alliance_level",
    "alliance_label",
    "alliance_rationale",
    "gap",
    "revealed",
]
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def _side(assessment: AssessmentRound, rating: Rating | None) -> list[Any]:
    if rating is None:
        return ["", "", ""]
    return [rating.level, assessment.label_for(rating.level), rating.rationale]


def round_table(assessment: AssessmentRound, rows: Iterable[Any]) -> list[list[Any]]:
    """One line per objective: nation, plan, year, chapter, objective, both sides, gap."""
    lines = []
    for row in rows:
        objective = row.objective
        gap = row.gap
        lines.append(
            [
                assessment.owner.code,
                assessment.plan.title,
                assessment.year,
                f"{objective.chapter.code}. {objective.chapter.title}",
                objective.code,
                objective.text,
                *_side(assessment, row.national),
                *_side(assessment, row.alliance),
                "" if gap is None else gap,
                "yes" if assessment.is_revealed else "no",
            ]
        )
    return lines


def render(assessment: AssessmentRound, rows: Iterable[Any], fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the export in `fmt` ("csv" or "xlsx")."""
    content_type, extension = FORMATS[fmt]
    lines = round_table(assessment, rows)
    if fmt == "xlsx":
        content = write_xlsx(COLUMNS, lines, title=f"Assessment {assessment.year}")
    else:
        content = write_csv(COLUMNS, lines)
    name = f"assessment-{assessment.owner.code.lower()}-{assessment.year}-{assessment.pk}"
    return content, content_type, f"{name}.{extension}"
