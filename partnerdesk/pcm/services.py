"""Write use-cases of the Partnership Cooperation Menu and of the partners' programme lines.

Every function checks its business rules and then calls the generic `core.services.record_*`
(or `record_bulk_create` / `record_transition`), so rights are checked before and after,
versions are enforced and each changed row gets one change-log entry. The menu is written by
alliance staff and administrators (the models' `MENU_ACCESS`); a programme line belongs to its
plan's nation and is written by whoever may change that nation's records at its marking.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound
from partnerdesk.core.markings import Marking
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.services import (
    record_bulk_create,
    record_create,
    record_delete,
    record_update,
)
from partnerdesk.core.workflow import record_transition
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.pcm.choices import (
    CATALOGUE_TRANSITIONS,
    CODE_PATTERN,
    CatalogueStatus,
)
from partnerdesk.pcm.models import MENU_ACCESS, Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.selectors import activity_is_eligible
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.plans.services import marking_within

CATALOGUE_FIELDS = ("year", "title", "note")
ACTIVITY_FIELDS = (
    "catalogue",
    "code",
    "title",
    "description",
    "area",
    "format",
    "organiser",
    "language",
    "duration_days",
    "eligible_frameworks",
    "carried_from",
)
LINE_FIELDS = (
    "plan",
    "activity",
    "priority",
    "serves_reference",
    "planned_participants",
    "note",
    "marking",
)
_STATUS_LABELS = dict(CatalogueStatus.choices)
_MARKING_LABELS = dict(Marking.choices)


def _split(
    data: Mapping[str, Any], fields: Sequence[str], m2m_fields: Sequence[str] = ()
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    unknown = set(data) - set(fields) - set(m2m_fields)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m = {k: list(data[k]) for k in m2m_fields if k in data and data[k] is not None}
    return values, m2m


def ensure_menu_writer(actor: Actor) -> None:
    """Raise Forbidden unless the actor may maintain the menu (system jobs always may)."""
    if actor.user is not None and not MENU_ACCESS.permits(actor.user, Action.CHANGE):
        raise Forbidden("Only alliance staff and administrators maintain the menu.")


# -- catalogues -------------------------------------------------------------------------------


def catalogue_create(*, actor: Actor, data: Mapping[str, Any]) -> Catalogue:
    """Create the (draft) catalogue of a year; one catalogue per year."""
    values, _ = _split(data, CATALOGUE_FIELDS)
    ensure_menu_writer(actor)
    year = values.get("year")
    if isinstance(year, int) and Catalogue.objects.filter(year=year).exists():
        raise ValidationError({"year": f"The catalogue of {year} already exists."})
    values.setdefault("title", f"Partnership Cooperation Menu {year}" if year else "")
    return record_create(Catalogue, actor=actor, values=values)


def catalogue_update(
    catalogue: Catalogue, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Catalogue:
    """Change a catalogue's title or note (its year is fixed once activities carry its codes)."""
    values, _ = _split(data, CATALOGUE_FIELDS)
    if "year" in values and values["year"] != catalogue.year:
        raise ValidationError(
            {"year": "A catalogue keeps its year (activity codes carry it); create a new one."}
        )
    values.pop("year", None)
    return record_update(catalogue, actor=actor, expected_version=expected_version, values=values)


def catalogue_publish(
    catalogue: Catalogue,
    *,
    actor: Actor,
    expected_version: int,
    published_on: dt.date | None = None,
) -> Catalogue:
    """Publish a draft catalogue on `published_on` (default today); refused unless DRAFT."""
    day = published_on or timezone.localdate()
    return record_transition(
        catalogue,
        actor=actor,
        expected_version=expected_version,
        target=CatalogueStatus.PUBLISHED,
        allowed=CATALOGUE_TRANSITIONS,
        labels=_STATUS_LABELS,
        extra={"published_on": day},
    )


def catalogue_delete(catalogue: Catalogue, *, actor: Actor, expected_version: int) -> None:
    """Delete an empty catalogue (one that still holds activities is refused by name)."""
    record_delete(catalogue, actor=actor, expected_version=expected_version)


def catalogue_get_or_create(*, actor: Actor, year: int) -> tuple[Catalogue, bool]:
    """The catalogue of `year`, created as a draft when missing; (catalogue, created)."""
    existing = Catalogue.objects.filter(year=year).first()
    if existing is not None:
        return existing, False
    return catalogue_create(actor=actor, data={"year": year}), True


# -- activities -------------------------------------------------------------------------------


def next_number(catalogue: Catalogue, area: str) -> int:
    """The next free activity number of `area` in `catalogue` (numbers keep across years)."""
    numbers = [
        int(code.rsplit("-", 1)[1])
        for code in Activity.objects.filter(catalogue=catalogue, area=area).values_list(
            "code", flat=True
        )
        if re.match(CODE_PATTERN, code)
    ]
    return max(numbers, default=0) + 1


def activity_code(year: int, area: str, number: int) -> str:
    """The synthetic code `PCM-<year>-<AREA>-<nnnn>`."""
    return f"PCM-{year}-{area}-{number:04d}"


def _check_nations(nations: Sequence[Any]) -> list[int]:
    ids = [n.pk if isinstance(n, Organisation) else int(n) for n in nations]
    states = set(
        Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.STATE).values_list(
            "pk", flat=True
        )
    )
    if set(ids) - states:
        raise ValidationError({"eligible_nations": "List states only."})
    return sorted(set(ids))


def _check_activity(values: Mapping[str, Any], activity: Activity | None) -> None:
    errors: dict[str, str] = {}
    catalogue = values.get("catalogue", activity.catalogue if activity else None)
    code = values.get("code")
    if isinstance(catalogue, Catalogue) and code:
        taken = Activity.objects.filter(catalogue=catalogue, code=code)
        if activity is not None:
            taken = taken.exclude(pk=activity.pk)
        if taken.exists():
            errors["code"] = f"The {catalogue.year} catalogue already has an activity {code}."
    organiser = values.get("organiser")
    if isinstance(organiser, Organisation) and organiser.kind == OrganisationKind.NATIONAL_AGENCY:
        errors["organiser"] = "Name a NATO body, a nation or an international organisation."
    origin = values.get("carried_from")
    if (
        isinstance(origin, Activity)
        and isinstance(catalogue, Catalogue)
        and origin.catalogue.year >= catalogue.year
    ):
        errors["carried_from"] = "An activity is carried from an earlier year's catalogue."
    if errors:
        raise ValidationError(errors)


def activity_create(*, actor: Actor, data: Mapping[str, Any]) -> Activity:
    """Add an activity to a catalogue; without a code it gets the next number of its area."""
    values, m2m = _split(data, ACTIVITY_FIELDS, ("eligible_nations",))
    ensure_menu_writer(actor)
    catalogue = values.get("catalogue")
    if not isinstance(catalogue, Catalogue):
        raise ValidationError({"catalogue": "This field is required."})
    if not values.get("code") and values.get("area"):
        values["code"] = activity_code(
            catalogue.year, values["area"], next_number(catalogue, values["area"])
        )
    values["eligible_frameworks"] = sorted(set(values.get("eligible_frameworks") or []))
    _check_activity(values, None)
    if "eligible_nations" in m2m:
        m2m["eligible_nations"] = _check_nations(m2m["eligible_nations"])
    return record_create(Activity, actor=actor, values=values, m2m=m2m)


def activity_update(
    activity: Activity, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Activity:
    """Change an activity if still at `expected_version` (it stays in its catalogue)."""
    values, m2m = _split(data, ACTIVITY_FIELDS, ("eligible_nations",))
    if "catalogue" in values and values["catalogue"].pk != activity.catalogue_id:
        raise ValidationError(
            {"catalogue": "An activity stays in its catalogue; carry it over instead."}
        )
    values.pop("catalogue", None)
    if "eligible_frameworks" in values:
        values["eligible_frameworks"] = sorted(set(values["eligible_frameworks"] or []))
    _check_activity(values, activity)
    if "eligible_nations" in m2m:
        m2m["eligible_nations"] = _check_nations(m2m["eligible_nations"])
    return record_update(
        activity, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def activity_delete(activity: Activity, *, actor: Actor, expected_version: int) -> None:
    """Delete an activity; refused by name while programme lines or events refer to it."""
    record_delete(activity, actor=actor, expected_version=expected_version)


def activity_bulk_create(
    *,
    actor: Actor,
    catalogue: Catalogue,
    rows: Sequence[Mapping[str, Any]],
    nations: Mapping[str, Sequence[int]] | None = None,
) -> list[Activity]:
    """Create many activities of one catalogue at once (imports, carry-over, demo).

    Each row is validated, checked and audited like `activity_create`, in batches; eligible
    nations (by activity code) are then set through an audited update of those rows only.
    """
    ensure_menu_writer(actor)
    prepared = [
        {
            **row,
            "catalogue": catalogue,
            "eligible_frameworks": sorted(set(row.get("eligible_frameworks") or [])),
        }
        for row in rows
    ]
    with transaction.atomic():
        created = record_bulk_create(Activity, actor=actor, rows=prepared)
        for activity in created:
            ids = (nations or {}).get(activity.code)
            if ids:
                record_update(
                    activity,
                    actor=actor,
                    expected_version=activity.version,
                    values={},
                    m2m={"eligible_nations": sorted(set(ids))},
                )
    return created


def catalogue_carry_over(
    *,
    actor: Actor,
    source_year: int,
    target_year: int,
    activity_ids: Sequence[int] | None = None,
) -> list[Activity]:
    """Copy activities of `source_year` (all, or those in `activity_ids`) into the catalogue
    of `target_year`, created as a draft when missing; return the new copies.

    Each copy gets the code `PCM-<target_year>-<AREA>-<nnnn>` with the original's number,
    `carried_from` set and the same eligible frameworks and nations. Activities already
    carried into the target year are skipped, so a second run copies nothing. A code taken in
    the target by another activity is refused by name. One transaction, bulk and audited.
    """
    ensure_menu_writer(actor)
    if target_year <= source_year:
        raise ValidationError({"target_year": "Carry activities into a later year."})
    source = Catalogue.objects.filter(year=source_year).first()
    if source is None:
        raise ValidationError({"source_year": f"There is no catalogue of {source_year}."})
    originals = Activity.objects.filter(catalogue=source)
    if activity_ids is not None:
        wanted = set(activity_ids)
        originals = originals.filter(pk__in=wanted)
        found = set(originals.values_list("pk", flat=True))
        if wanted - found:
            missing = ", ".join(str(pk) for pk in sorted(wanted - found))
            raise ValidationError(
                {"activity_ids": f"Not activities of the {source_year} catalogue: {missing}."}
            )
    through = Activity.eligible_nations.through.objects.filter(activity__catalogue=source)
    listed: dict[int, list[int]] = {}
    for activity_id, nation_id in through.values_list("activity_id", "organisation_id"):
        listed.setdefault(activity_id, []).append(nation_id)
    with transaction.atomic():
        target, _ = catalogue_get_or_create(actor=actor, year=target_year)
        target = Catalogue.objects.select_for_update().get(pk=target.pk)
        existing = dict(
            Activity.objects.filter(catalogue=target).values_list("code", "carried_from_id")
        )
        carried = {origin for origin in existing.values() if origin is not None}
        rows: list[dict[str, Any]] = []
        nations: dict[str, list[int]] = {}
        clashes: list[str] = []
        copied = ("title", "description", "area", "format", "organiser_id", "language")
        fields = ("pk", "code", "duration_days", "eligible_frameworks", *copied)
        for original in originals.order_by("code").values(*fields):
            if original["pk"] in carried:
                continue
            number = int(original["code"].rsplit("-", 1)[1])
            code = activity_code(target_year, original["area"], number)
            if code in existing:
                clashes.append(code)
                continue
            rows.append(
                {name: original[name] for name in copied}
                | {
                    "code": code,
                    "duration_days": original["duration_days"],
                    "eligible_frameworks": list(original["eligible_frameworks"]),
                    "carried_from_id": original["pk"],
                }
            )
            if original["pk"] in listed:
                nations[code] = listed[original["pk"]]
        if clashes:
            shown = ", ".join(clashes[:10]) + (" …" if len(clashes) > 10 else "")
            raise ValidationError(
                {
                    "target_year": f"The {target_year} catalogue already has other activities "
                    f"with the codes {shown}; renumber them first."
                }
            )
        return activity_bulk_create(actor=actor, catalogue=target, rows=rows, nations=nations)


# -- programme lines --------------------------------------------------------------------------


def _ensure_plan(actor: Actor, plan: Plan) -> None:
    if actor.user is None:
        return
    if not can(actor.user, Action.VIEW, plan):
        raise NotFound("Not found.")
    if not can(actor.user, Action.CHANGE, plan):
        raise Forbidden(f"You may view {plan} but not change its programme.")


def _default_marking(plan: Plan) -> str:
    if marking_within(plan.marking, Marking.BILATERAL):
        return str(Marking.BILATERAL)
    return str(plan.marking)


def _check_line(
    actor: Actor,
    plan: Plan,
    activity: Activity,
    marking: str,
    objectives: Sequence[Objective] | None,
    goals: Sequence[PartnershipGoal] | None,
    line: ProgrammeLine | None,
) -> None:
    errors: dict[str, str] = {}
    year = activity.catalogue.year
    if not plan.period_start.year <= year <= plan.period_end.year:
        errors["activity"] = (
            f"{activity.code} is in the {year} menu, outside the plan's period "
            f"{plan.period_start.year}–{plan.period_end.year}."
        )
    elif not activity_is_eligible(activity, plan.owner):
        errors["activity"] = (
            f"{activity.code} is not open to {plan.owner.name}: it is restricted to "
            f"{_eligibility_text(activity)}."
        )
    else:
        taken = ProgrammeLine.objects.filter(plan=plan, activity=activity)
        if line is not None:
            taken = taken.exclude(pk=line.pk)
        if taken.exists():
            errors["activity"] = f"{activity.code} is already in this programme."
    if not marking_within(plan.marking, marking):
        errors["marking"] = (
            f"Marked {_MARKING_LABELS.get(marking, marking)}, the line would be shown to "
            f"people who may not see its plan (marked "
            f"{_MARKING_LABELS.get(plan.marking, plan.marking)})."
        )
    user = actor.user
    for name, rows, what in (
        ("objectives", objectives, "objective"),
        ("goals", goals, "partnership goal"),
    ):
        for row in rows or []:
            if user is not None and not can(user, Action.VIEW, row):
                errors[name] = f"Unknown {what} (id {row.pk})."
                break
            if row.owner_id != plan.owner_id:
                errors[name] = f"{what.capitalize()} {row.code} belongs to another nation."
                break
    if errors:
        raise ValidationError(errors)


def _eligibility_text(activity: Activity) -> str:
    from partnerdesk.organisations.choices import Framework

    labels = dict(Framework.choices)
    parts = [labels.get(f, f) for f in activity.eligible_frameworks]
    parts += [n.name for n in activity.eligible_nations.all()]
    return ", ".join(parts)


def programme_line_create(*, actor: Actor, data: Mapping[str, Any]) -> ProgrammeLine:
    """Pick an activity into a nation's plan, with priority and what it serves.

    The line belongs to the plan's nation; the activity's year must fall in the plan's period
    and the activity must be open to the nation; objectives and goals must be the nation's and
    visible to the actor. The marking defaults to BILATERAL (or the plan's, when narrower) and
    may not be wider than the plan's.
    """
    values, m2m = _split(data, LINE_FIELDS, ("objectives", "goals"))
    plan = values.get("plan")
    activity = values.get("activity")
    missing = {
        name: "This field is required."
        for name, value, model in (("plan", plan, Plan), ("activity", activity, Activity))
        if not isinstance(value, model)
    }
    if missing:
        raise ValidationError(missing)
    assert isinstance(plan, Plan)  # noqa: S101 - checked above
    assert isinstance(activity, Activity)  # noqa: S101 - checked above
    _ensure_plan(actor, plan)
    values["marking"] = values.get("marking") or _default_marking(plan)
    _check_line(
        actor, plan, activity, values["marking"], m2m.get("objectives"), m2m.get("goals"), None
    )
    values["owner_id"] = plan.owner_id
    m2m = {k: [getattr(v, "pk", v) for v in vs] for k, vs in m2m.items()}
    return record_create(ProgrammeLine, actor=actor, values=values, m2m=m2m)


def programme_line_update(
    line: ProgrammeLine, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> ProgrammeLine:
    """Change a line if still at `expected_version` (it stays in its plan)."""
    values, m2m = _split(data, LINE_FIELDS, ("objectives", "goals"))
    if "plan" in values and values["plan"].pk != line.plan_id:
        raise ValidationError({"plan": "A line stays in its plan; add a new line instead."})
    values.pop("plan", None)
    activity = values.get("activity", line.activity)
    marking = values.get("marking") or line.marking
    values["marking"] = marking
    _check_line(
        actor,
        line.plan,
        activity,
        marking,
        m2m.get("objectives"),
        m2m.get("goals"),
        line,
    )
    m2m = {k: [getattr(v, "pk", v) for v in vs] for k, vs in m2m.items()}
    return record_update(
        line, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def programme_line_delete(line: ProgrammeLine, *, actor: Actor, expected_version: int) -> None:
    """Remove a line from its programme if still at `expected_version`."""
    record_delete(line, actor=actor, expected_version=expected_version)


def programme_line_bulk_create(
    *, actor: Actor, plan: Plan, rows: Sequence[Mapping[str, Any]]
) -> list[ProgrammeLine]:
    """Pick many activities into one plan at once (no objective or goal links: use
    `programme_line_create` for those). Every row is checked like a single line."""
    _ensure_plan(actor, plan)
    prepared = []
    seen: set[int] = set()
    for index, row in enumerate(rows, start=1):
        activity = row["activity"]
        marking = row.get("marking") or _default_marking(plan)
        try:
            _check_line(actor, plan, activity, marking, None, None, None)
        except ValidationError as exc:
            raise ValidationError(
                {f: [f"Row {index}: {m}" for m in ms] for f, ms in exc.message_dict.items()}
            ) from exc
        if activity.pk in seen:
            raise ValidationError({"activity": f"Row {index}: {activity.code} appears twice."})
        seen.add(activity.pk)
        prepared.append({**row, "plan": plan, "owner_id": plan.owner_id, "marking": marking})
    return record_bulk_create(ProgrammeLine, actor=actor, rows=prepared)
