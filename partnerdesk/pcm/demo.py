"""Demo rows of the pcm app: an illustrative menu for 2013–2016 and Azerbaijan's programme.

The menu is ILLUSTRATIVE (ADR 0005): about 1,400 activities a year built deterministically
(seeded generators) from our own title parts in `demo_data`; 2014–2016 carry most of the
previous year's activities over (`catalogue_carry_over`) and add new ones. Azerbaijan's
programme follows the public counts of events joined — about 100 in 2013, about 90 planned
for 2014 and close to 200 in 2015 (domain.md §3.2, §5.1 [S64] [S62]) — as programme lines in
its plans: the IPAP 2012–2013 for 2013, an illustrative IPCP for 2014 (no demo plan covers
that year) and "Azerbaijan IPCP 2015–2016" for 2015 ([S62]: Azerbaijan used an IPCP in 2015
alongside its IPAP). Which activities were picked is illustrative.

`load_demo` creates a year's catalogue only when that year has none, a plan only when it is
missing and a year's lines only when the plan has none for that year, so a second run creates
nothing and never overwrites user changes. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.pcm import demo_data as data
from partnerdesk.pcm import services
from partnerdesk.pcm.choices import ActivityFormat, Priority
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.selectors import open_activities
from partnerdesk.plans import services as plan_services
from partnerdesk.plans.choices import PlanStatus as S
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.sources.models import Source

DEMO = "DEMO"
YEARS = (2013, 2014, 2015, 2016)
#: Activities per year (the public figure is "about 1,400").
SIZES = {2013: 1400, 2014: 1410, 2015: 1395, 2016: 1402}
#: Share of the previous year's activities carried into the next year.
CARRY_SHARE = 0.88

#: Azerbaijan's demo programmes: (year, plan type, start, end, title, lines, status path,
#: source keys, summary). The IPAP 2012–2013 comes from the plans demo.
PROGRAMMES: list[dict[str, Any]] = [
    {"year": 2013, "plan": ("IPAP", "2012-01-01"), "lines": 100},
    {
        "year": 2014,
        "plan": ("IPCP", "2014-01-01"),
        "lines": 90,
        "create": {
            "title": "Azerbaijan IPCP 2014 (illustrative)",
            "end": "2014-12-31",
            "path": (S.SUBMITTED, S.UNDER_NEGOTIATION, S.AGREED, S.IN_IMPLEMENTATION, S.CLOSED),
            "sources": ["S64", DEMO],
            "summary": "About 90 events were planned for 2014 (some 900 soldiers; 81 abroad, 9 "
            "in Azerbaijan) [S64]. No demo plan covers 2014, so these lines sit in an "
            "illustrative one-year programme; the activities picked are illustrative.",
        },
    },
    {
        "year": 2015,
        "plan": ("IPCP", "2015-01-01"),
        "lines": 198,
        "create": {
            "title": "Azerbaijan IPCP 2015–2016",
            "end": "2016-12-31",
            "path": (S.SUBMITTED, S.UNDER_NEGOTIATION, S.AGREED, S.IN_IMPLEMENTATION),
            "sources": ["S62", "S68", DEMO],
            "summary": "Azerbaijan used an IPCP for its participation in events in 2015, "
            "alongside its IPAP [S62] [S68]; close to 200 events with military and civilian "
            "participants in 2015 [S62]. The programme lines (which menu activities, "
            "priorities, what they serve) are illustrative.",
        },
    },
]
#: Objective codes of the AZE IPAP 2015–2016 demo that a few 2015 lines serve.
LINKED_OBJECTIVES = ("1.3", "2.1", "2.3", "2.4", "3.3")


def _sources(keys: list[str]) -> list[int]:
    return list(Source.objects.filter(key__in=keys).values_list("pk", flat=True))


# -- the menu ---------------------------------------------------------------------------------


def _organisers() -> dict[str, int]:
    codes = set(data.NATO_ORGANISERS) | set(data.NATION_ORGANISERS)
    return dict(Organisation.objects.filter(code__in=codes).values_list("code", "pk"))


def _new_rows(
    year: int, count: int, numbers: dict[str, int], organisers: dict[str, int]
) -> tuple[list[dict[str, Any]], dict[str, list[int]]]:
    """`count` new activities for `year` (numbers continue per area after `numbers`)."""
    rng = random.Random(f"pcm-demo-{year}")  # noqa: S311 - reproducible demo data, not secrets
    nations = dict(Organisation.objects.filter(kind="STATE").values_list("code", "pk"))
    areas = list(data.TOPICS)
    formats = list(ActivityFormat.values)
    nato = [c for c in data.NATO_ORGANISERS if c in organisers]
    others = [c for c in data.NATION_ORGANISERS if c in organisers]
    rows: list[dict[str, Any]] = []
    eligible_nations: dict[str, list[int]] = {}
    for _ in range(count):
        area = rng.choice(areas)
        fmt = rng.choice(formats)
        topic = rng.choice(data.TOPICS[area])
        title = data.PATTERNS[fmt].format(topic=topic) + rng.choice(data.QUALIFIERS)
        numbers[area] = numbers.get(area, 0) + 1
        code = services.activity_code(year, area, numbers[area])
        preferred = data.AREA_ORGANISER.get(area)
        pick = rng.random()
        if preferred in organisers and pick < 0.45:
            organiser = preferred
        elif others and pick > 0.8:
            organiser = rng.choice(others)
        else:
            organiser = rng.choice(nato)
        low, high = data.DURATIONS[fmt]
        rule = rng.random()
        frameworks: list[str] = []
        if rule < 0.08:
            frameworks = list(rng.choice(data.FRAMEWORK_SETS))
        elif rule < 0.085:
            listed = [nations[c] for c in rng.choice(data.NATION_SETS) if c in nations]
            if listed:
                eligible_nations[code] = listed
        rows.append(
            {
                "code": code,
                "title": title[:1].upper() + title[1:],
                "description": (
                    f"{ActivityFormat(fmt).label} on {topic} for "
                    f"{rng.choice(data.AUDIENCES)}. Illustrative demo entry."
                ),
                "area": area,
                "format": fmt,
                "organiser_id": organisers[organiser],
                "language": rng.choice(data.LANGUAGES),
                "duration_days": rng.randint(low, high),
                "eligible_frameworks": frameworks,
            }
        )
    return rows, eligible_nations


def _max_numbers(*catalogues: Catalogue) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for code, area in Activity.objects.filter(catalogue__in=catalogues).values_list("code", "area"):
        numbers[area] = max(numbers.get(area, 0), int(code.rsplit("-", 1)[1]))
    return numbers


def _load_year(actor: Actor, year: int, organisers: dict[str, int]) -> None:
    previous = Catalogue.objects.filter(year=year - 1).first()
    catalogue = services.catalogue_create(
        actor=actor,
        data={
            "year": year,
            "title": f"Partnership Cooperation Menu {year} (illustrative)",
            "note": data.ILLUSTRATIVE_NOTE,
        },
    )
    carried = 0
    if previous is not None:
        rng = random.Random(f"pcm-carry-{year}")  # noqa: S311 - reproducible demo data
        ids = list(
            Activity.objects.filter(catalogue=previous)
            .order_by("code")
            .values_list("pk", flat=True)
        )
        chosen = sorted(rng.sample(ids, int(len(ids) * CARRY_SHARE)))
        carried = len(
            services.catalogue_carry_over(
                actor=actor, source_year=year - 1, target_year=year, activity_ids=chosen
            )
        )
    numbers = _max_numbers(*[c for c in (previous, catalogue) if c is not None])
    rows, nations = _new_rows(year, SIZES[year] - carried, numbers, organisers)
    services.activity_bulk_create(actor=actor, catalogue=catalogue, rows=rows, nations=nations)
    catalogue.refresh_from_db()
    services.catalogue_publish(
        catalogue,
        actor=actor,
        expected_version=catalogue.version,
        published_on=dt.date(year - 1, 12, 1),
    )


# -- Azerbaijan's programme -------------------------------------------------------------------


def _plan(actor: Actor, aze: Organisation, spec: dict[str, Any]) -> Plan | None:
    plan_type, start = spec["plan"]
    start_day = dt.date.fromisoformat(start)
    plan = Plan.objects.filter(owner=aze, plan_type=plan_type, period_start=start_day).first()
    if plan is not None or "create" not in spec:
        return plan
    extra = spec["create"]
    plan = plan_services.plan_create(
        actor=actor,
        data={
            "owner": aze,
            "plan_type": plan_type,
            "title": extra["title"],
            "marking": "BILATERAL",
            "period_start": start_day,
            "period_end": dt.date.fromisoformat(extra["end"]),
            "summary": extra["summary"],
            "sources": _sources(extra["sources"]),
        },
    )
    for status in extra["path"]:
        plan = plan_services.plan_transition(
            plan, actor=actor, expected_version=plan.version, target=status
        )
    return plan


def _links(aze: Organisation, year: int) -> list[dict[str, Any]]:
    """What a few lines serve: objectives of the AZE IPAP covering `year`, and goals."""
    objectives = list(
        Objective.objects.filter(
            owner=aze,
            plan__plan_type="IPAP",
            plan__period_start__year__lte=year,
            plan__period_end__year__gte=year,
            code__in=LINKED_OBJECTIVES,
        ).order_by("code")
    )
    goals = list(
        PartnershipGoal.objects.filter(owner=aze, cycle__start_year__lte=year)
        .order_by("-cycle__start_year", "code")
        .values_list("pk", flat=True)[: len(objectives) or 3]
    )
    links = []
    for index, objective in enumerate(objectives):
        links.append(
            {
                "objectives": [objective],
                "goals": list(PartnershipGoal.objects.filter(pk__in=goals[index : index + 1])),
            }
        )
    if not links:
        links = [{"serves_reference": "IPAP objectives (not recorded here)", "objectives": []}]
    return links


def _load_lines(actor: Actor, aze: Organisation, plan: Plan, year: int, count: int) -> None:
    if ProgrammeLine.objects.filter(plan=plan, activity__catalogue__year=year).exists():
        return
    candidates = list(open_activities(aze.pk, year))
    rng = random.Random(f"pcm-lines-{year}")  # noqa: S311 - reproducible demo data
    picked = sorted(rng.sample(candidates, min(count, len(candidates))), key=lambda a: a.code)
    priorities = list(Priority.values)
    links = _links(aze, year)
    linked, rest = picked[: len(links)], picked[len(links) :]
    for activity, link in zip(linked, links, strict=False):
        services.programme_line_create(
            actor=actor,
            data={
                "plan": plan,
                "activity": activity,
                "priority": Priority.HIGH,
                "planned_participants": rng.randint(2, 6),
                "note": "Illustrative demo line.",
                **link,
            },
        )
    services.programme_line_bulk_create(
        actor=actor,
        plan=plan,
        rows=[
            {
                "activity": activity,
                "priority": rng.choice(priorities),
                "planned_participants": rng.randint(1, 8),
                "note": "Illustrative demo line.",
            }
            for activity in rest
        ],
    )


def _row_count() -> int:
    return sum(m.objects.count() for m in (Catalogue, Activity, ProgrammeLine, Plan))


def load_demo(*, actor: Actor) -> int:
    """Create the demo rows that do not exist yet; return how many rows were created."""
    before = _row_count()
    with transaction.atomic():
        organisers = _organisers()
        if not organisers:
            return 0  # reference data not loaded
        for year in YEARS:
            if not Catalogue.objects.filter(year=year).exists():
                _load_year(actor, year, organisers)
        aze = Organisation.objects.filter(code="AZE").first()
        if aze is not None:
            for spec in PROGRAMMES:
                plan = _plan(actor, aze, spec)
                if plan is not None:
                    _load_lines(actor, aze, plan, spec["year"], spec["lines"])
    return _row_count() - before
