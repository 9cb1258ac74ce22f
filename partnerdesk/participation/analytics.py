"""Participation counts per nation and year — the figure a mission head quotes ("close to 200
events in 2015") — computed from the registrations, never from names.

`participation_counts` is the one function behind the counts page, the API endpoint and the
CLI. What counts: registrations that took part (`selectors.took_part`: APPROVED, in an event
that took place, attended or attendance not recorded) of one nation, in events the user may
see. An event joined is a distinct such event; participants are counted by category
(MILITARY/CIVILIAN); the year is the event's start year; the area is the event's area.

Scope: partner users ask about their own nation only (another nation raises NotFound with a
message saying so); alliance users — staff, assessors, administrators and analysts — about
any nation. Analysts see PUBLIC and PARTNERS events only, so their counts cover those; they
receive numbers, never a registration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from partnerdesk.core.exceptions import NotFound
from partnerdesk.core.permissions import restrict
from partnerdesk.core.roles import PARTNER_ROLES
from partnerdesk.events.models import Event
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.selectors import partner_states
from partnerdesk.participation.choices import Category
from partnerdesk.participation.selectors import took_part
from partnerdesk.pcm.choices import Area

AREA_LABELS: dict[str, str] = dict(Area.choices)


@dataclass(frozen=True)
class CountRow:
    """Events joined and participants by category for one year or one area."""

    key: Any
    label: str
    events: int
    military: int
    civilian: int

    @property
    def participants(self) -> int:
        return self.military + self.civilian

    def as_dict(self, key_name: str) -> dict[str, Any]:
        """The row as plain data (API, CLI)."""
        data: dict[str, Any] = {key_name: self.key}
        if key_name == "area":
            data["area_label"] = self.label
        return data | {
            "events": self.events,
            "military": self.military,
            "civilian": self.civilian,
            "participants": self.participants,
        }


@dataclass(frozen=True)
class NationCounts:
    """The counts of one nation: totals and areas for `year` (all years when None), and the
    year-by-year series."""

    nation: Organisation
    year: int | None
    events: int
    military: int
    civilian: int
    areas: list[CountRow] = field(default_factory=list)
    series: list[CountRow] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return self.military + self.civilian

    def as_dict(self) -> dict[str, Any]:
        """Plain data, identical for the API and the CLI's --json."""
        return {
            "nation": self.nation.code,
            "nation_name": self.nation.name,
            "year": self.year,
            "events": self.events,
            "military": self.military,
            "civilian": self.civilian,
            "participants": self.participants,
            "areas": [row.as_dict("area") for row in self.areas],
            "series": [row.as_dict("year") for row in self.series],
        }


def counts_nations(user: Any) -> list[Organisation]:
    """The nations `user` may ask counts for: their own (partner users) or every partner state
    (alliance users); empty for inactive users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.role in PARTNER_ROLES:
        return list(Organisation.objects.filter(pk=user.nation_id))
    return list(partner_states(user))


def _nation(user: Any, nation: Organisation | str | int) -> Organisation:
    if isinstance(nation, Organisation):
        found: Organisation | None = nation
    elif isinstance(nation, int):
        found = Organisation.objects.filter(pk=nation).first()
    else:
        found = Organisation.objects.filter(code__iexact=str(nation).strip()).first()
    if found is None or found.nation_id != found.pk:
        raise NotFound(f"No nation with the code {nation!s}.")
    if user is None or not user.is_authenticated or not user.is_active:
        raise NotFound("Not found.")
    if user.role in PARTNER_ROLES and user.nation_id != found.pk:
        raise NotFound(
            f"Partner users see the participation counts of their own nation only; "
            f"{found.name}'s counts are not available to you."
        )
    return found


def participation_counts(
    user: Any, *, nation: Organisation | str | int, year: int | None = None
) -> NationCounts:
    """The participation counts of `nation` as `user` may see them (see the module docstring);
    four queries whatever the number of registrations."""
    found = _nation(user, nation)
    rows = took_part(found.pk).filter(event_id__in=restrict(Event.objects.all(), user).values("pk"))
    series = [
        CountRow(
            key=row["year"],
            label=str(row["year"]),
            events=row["events"],
            military=row["military"],
            civilian=row["civilian"],
        )
        for row in rows.annotate(year=ExtractYear("event__start_date"))
        .values("year")
        .annotate(
            events=Count("event_id", distinct=True),
            military=Count("pk", filter=Q(category=Category.MILITARY)),
            civilian=Count("pk", filter=Q(category=Category.CIVILIAN)),
        )
        .order_by("year")
    ]
    scoped = rows.filter(event__start_date__year=year) if year is not None else rows
    areas = sorted(
        (
            CountRow(
                key=row["event__area"],
                label=AREA_LABELS.get(row["event__area"], row["event__area"]),
                events=row["events"],
                military=row["military"],
                civilian=row["civilian"],
            )
            for row in scoped.values("event__area")
            .annotate(
                events=Count("event_id", distinct=True),
                military=Count("pk", filter=Q(category=Category.MILITARY)),
                civilian=Count("pk", filter=Q(category=Category.CIVILIAN)),
            )
            .order_by()
        ),
        key=lambda r: (-r.events, r.label),
    )
    return NationCounts(
        nation=found,
        year=year,
        events=sum(r.events for r in areas),  # an event has one area: the areas add up
        military=sum(r.military for r in areas),
        civilian=sum(r.civilian for r in areas),
        areas=areas,
        series=series,
    )
