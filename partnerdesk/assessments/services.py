"""Write use-cases of the dual annual assessment: rounds, ratings, submissions, follow-ups.

Rounds and follow-ups are written by whoever may change the nation's records (its partner
coordinators, alliance staff for that nation) through the generic `core.services.record_*`.

Ratings, submissions and reveal events are written by *raters* — partner assessors and
alliance assessors hold no change right in `core.permissions` — so they go through
`_create_as` / `_update_as` below: the same steps as the core services (one transaction,
`full_clean`, row lock and version check, exactly one change-log row per changed row), with
the assessment's own authorisation (`models.rater_side`) in place of the generic change right.

The blind rule on the write side: until a round is revealed, a side's ratings are marked for
that side only (NATIONAL_ONLY / ALLIANCE_ONLY), so neither the records nor their change-log
rows can be read by the other side. Revealing a round (second submission or closing) re-marks
every rating with the narrower of the round's and the objective's marking.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from partnerdesk.assessments.choices import (
    DEFAULT_LEVEL_LABELS,
    DEFAULT_LEVELS,
    DIVERGENCE_GAP,
    FOLLOW_UP_TRANSITIONS,
    MARKING_WIDTH,
    PRIVATE_MARKING,
    ROUND_TRANSITIONS,
    SHARED_MARKINGS,
    FollowUpStatus,
    RoundStatus,
    Side,
    narrower_marking,
    other_side,
)
from partnerdesk.assessments.models import (
    AssessmentRound,
    FollowUp,
    Rating,
    RevealEvent,
    SideSubmission,
    rater_side,
)
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.permissions import Action, allows, can
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import check_transition, record_transition
from partnerdesk.plans.models import Objective, Plan
from partnerdesk.sources.models import Source

M = TypeVar("M", bound=models.Model)

ROUND_FIELDS = (
    "plan",
    "year",
    "opens_on",
    "deadline",
    "levels",
    "level_labels",
    "marking",
    "note",
)
ROUND_UPDATE_FIELDS = ("opens_on", "deadline", "levels", "level_labels", "marking", "note")
FOLLOW_UP_FIELDS = ("round", "objective", "text", "due_on", "marking", "status")
FOLLOW_UP_UPDATE_FIELDS = ("text", "due_on", "marking", "status")
_SIDE_LABELS: dict[str, str] = {Side.NATIONAL: "national", Side.ALLIANCE: "alliance"}
_ROUND_LABELS = dict(RoundStatus.choices)
_FOLLOW_UP_LABELS = dict(FollowUpStatus.choices)


# -- the rater write path (same guarantees as core.services, assessment authorisation) -----


def _create_as(model: type[M], *, actor: Actor, values: Mapping[str, Any]) -> M:
    """Create through core with the caller's own authorisation (already checked)."""
    return record_create(model, actor=actor, values=values, authorise=_already_authorised)


def _already_authorised(obj: Any) -> None:
    """The calling service has checked the actor's side and role before writing."""


def _update_as(
    obj: M,
    *,
    actor: Actor,
    expected_version: int,
    values: Mapping[str, Any],
    authorise: Callable[[M], None],
) -> M:
    """Update through core with this app's side-based authorisation instead of markings."""
    return record_update(
        obj, actor=actor, expected_version=expected_version, values=values, authorise=authorise
    )


def _split(
    data: Mapping[str, Any], fields: Sequence[str], *, with_sources: bool = False
) -> tuple[dict[str, Any], dict[str, list[Any]] | None]:
    allowed = set(fields) | ({"sources"} if with_sources else set())
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m = None
    if with_sources and "sources" in data:
        m2m = {"sources": [s.pk if isinstance(s, Source) else s for s in data["sources"]]}
    return values, m2m


def _today() -> dt.date:
    return timezone.localdate()


# -- who may do what ---------------------------------------------------------------------


def _require_visible(actor: Actor, obj: models.Model) -> None:
    """NotFound unless the actor may see `obj` (system jobs see everything)."""
    if actor.user is not None and not can(actor.user, Action.VIEW, obj):
        raise NotFound("Not found.")


def _require_reference(actor: Actor, obj: models.Model | None, field: str, what: str) -> None:
    """A field-level error unless `obj` exists and the actor may see it (no existence leak)."""
    if obj is None or (actor.user is not None and not can(actor.user, Action.VIEW, obj)):
        raise ValidationError({field: f"Choose {what} you may see."})


def _require_rater(actor: Actor, assessment: AssessmentRound, side: str) -> None:
    """Forbidden unless the actor rates for `side` in this round."""
    if actor.user is None:
        return
    _require_visible(actor, assessment)
    mine = rater_side(actor.user, owner_id=assessment.owner_id, marking=assessment.marking)
    if mine is None:
        raise Forbidden("You do not rate in this assessment round.")
    if mine != side:
        raise Forbidden(
            f"You rate for the {_SIDE_LABELS[mine]} side, not the {_SIDE_LABELS[side]} side."
        )


def _require_manager(actor: Actor, assessment: AssessmentRound) -> None:
    """Forbidden unless the actor may change the nation's records (opens/closes rounds)."""
    if actor.user is None:
        return
    _require_visible(actor, assessment)
    if not can(actor.user, Action.CHANGE, assessment):
        raise Forbidden(
            "Only the nation's coordinators and the alliance staff for this nation manage "
            "assessment rounds."
        )


def _locked_round(assessment: AssessmentRound) -> AssessmentRound:
    """Re-read the round with a row lock so submissions and rating changes are serialised."""
    try:
        return (
            AssessmentRound.objects.select_for_update().select_related("plan").get(pk=assessment.pk)
        )
    except AssessmentRound.DoesNotExist as exc:
        raise NotFound("This assessment round no longer exists.") from exc


def round_objectives(assessment: AssessmentRound) -> models.QuerySet[Objective]:
    """Every objective of the round's plan that both sides may read (what must be rated)."""
    return Objective.objects.filter(plan_id=assessment.plan_id, marking__in=SHARED_MARKINGS)


def submitted_sides(assessment: AssessmentRound) -> set[str]:
    """The sides that have submitted in this round."""
    return set(SideSubmission.objects.filter(round=assessment).values_list("side", flat=True))


def _check_ratable(assessment: AssessmentRound, side: str) -> None:
    """Ratings of `side` may change: the round is open and has opened; the side not submitted."""
    if assessment.status != RoundStatus.OPEN:
        raise ValidationError({NON_FIELD_ERRORS: "The round is closed; its ratings are final."})
    if assessment.opens_on > _today():
        raise ValidationError(
            {NON_FIELD_ERRORS: f"The round opens on {assessment.opens_on:%d %B %Y}."}
        )
    if side in submitted_sides(assessment):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: f"The {_SIDE_LABELS[side]} side has submitted; its ratings are "
                "frozen."
            }
        )


# -- rounds ----------------------------------------------------------------------------------


def _default_labels(levels: int) -> list[str]:
    if levels == DEFAULT_LEVELS:
        return list(DEFAULT_LEVEL_LABELS)
    return [f"Level {n}" for n in range(1, levels + 1)]


def _check_round_marking(plan: Plan, marking: str) -> None:
    if marking not in SHARED_MARKINGS:
        raise ValidationError(
            {
                "marking": "Both sides must be able to read a dual assessment: use Public, "
                "Partners or Bilateral."
            }
        )
    if MARKING_WIDTH[marking] < MARKING_WIDTH.get(plan.marking, 0):
        raise ValidationError(
            {"marking": "The round cannot be released more widely than its plan."}
        )


def round_open(*, actor: Actor, data: Mapping[str, Any]) -> AssessmentRound:
    """Open an assessment round for a plan and a year; nation and default marking from the plan.

    The scale defaults to five labelled levels; another number of levels gets "Level n"
    labels unless labels are given.
    """
    values, m2m = _split(data, ROUND_FIELDS, with_sources=True)
    plan = values.get("plan")
    if not isinstance(plan, Plan):
        raise ValidationError({"plan": "Choose the plan to assess."})
    _require_reference(actor, plan, "plan", "a plan")
    values["owner"] = plan.owner
    if not values.get("marking"):
        if plan.marking not in SHARED_MARKINGS:
            raise ValidationError(
                {
                    "marking": "The plan is not readable by both sides; choose Bilateral or a "
                    "wider marking the plan allows."
                }
            )
        values["marking"] = plan.marking
    _check_round_marking(plan, values["marking"])
    levels = values.get("levels") or DEFAULT_LEVELS
    values["levels"] = levels
    if not values.get("level_labels"):
        values["level_labels"] = _default_labels(levels if isinstance(levels, int) else 0)
    values["status"] = RoundStatus.OPEN
    if actor.user is not None and not allows(
        actor.user, Action.CHANGE, owner_id=plan.owner_id, marking=values["marking"]
    ):
        raise Forbidden(
            "Only the nation's coordinators and the alliance staff for this nation open "
            "assessment rounds."
        )
    return record_create(AssessmentRound, actor=actor, values=values, m2m=m2m)


def round_update(
    assessment: AssessmentRound, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> AssessmentRound:
    """Change an open round's calendar, labels or note; the scale and marking only before any
    rating exists."""
    values, m2m = _split(data, ROUND_UPDATE_FIELDS, with_sources=True)
    if assessment.status != RoundStatus.OPEN:
        raise ValidationError({NON_FIELD_ERRORS: "A closed round cannot be changed."})
    has_ratings = Rating.objects.filter(round=assessment).exists()
    for name in ("levels", "marking"):
        if name in values and values[name] != getattr(assessment, name) and has_ratings:
            raise ValidationError({name: "This cannot change once ratings have been entered."})
    if "marking" in values:
        _check_round_marking(assessment.plan, values["marking"])
    if "level_labels" not in values and values.get("levels", assessment.levels) != (
        assessment.levels
    ):
        values["level_labels"] = _default_labels(values["levels"])
    return record_update(
        assessment, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def _reveal(assessment: AssessmentRound, *, actor: Actor) -> None:
    """Give every rating of the round its shared marking (one audited update each)."""
    ratings = Rating.objects.filter(round=assessment).select_related("objective")
    for rating in ratings:
        target = narrower_marking(assessment.marking, rating.objective.marking)
        if rating.marking != target:
            _update_as(
                rating,
                actor=actor,
                expected_version=rating.version,
                values={"marking": target},
                authorise=lambda current: None,
            )


def round_close(
    assessment: AssessmentRound, *, actor: Actor, expected_version: int
) -> AssessmentRound:
    """Close a round once both sides have submitted or its deadline has passed; reveals it."""
    with transaction.atomic():
        current = _locked_round(assessment)
        _require_manager(actor, current)
        both = submitted_sides(current) == {Side.NATIONAL, Side.ALLIANCE}
        if current.status == RoundStatus.OPEN and not both and _today() <= current.deadline:
            raise ValidationError(
                {
                    "status": "The round can close when both sides have submitted or after its "
                    f"deadline ({current.deadline:%d %B %Y})."
                }
            )
        now = timezone.now()
        closed = record_transition(
            current,
            actor=actor,
            expected_version=expected_version,
            target=RoundStatus.CLOSED,
            allowed=ROUND_TRANSITIONS,
            labels=_ROUND_LABELS,
            extra={"closed_at": now, "revealed_at": current.revealed_at or now},
        )
        _reveal(closed, actor=actor)
    return closed


def round_delete(assessment: AssessmentRound, *, actor: Actor, expected_version: int) -> None:
    """Delete a round that nobody has rated yet (a rated round is closed instead)."""
    if (
        Rating.objects.filter(round=assessment).exists()
        or SideSubmission.objects.filter(round=assessment).exists()
        or FollowUp.objects.filter(round=assessment).exists()
    ):
        raise ValidationError(
            {NON_FIELD_ERRORS: "A round with ratings or follow-ups cannot be deleted; close it."}
        )
    record_delete(assessment, actor=actor, expected_version=expected_version)


# -- ratings ---------------------------------------------------------------------------------


def _resolve_side(actor: Actor, assessment: AssessmentRound, side: str | None) -> str:
    """The side the actor rates for (the given one must match it); system jobs must give one."""
    if side is not None and side not in Side.values:
        raise ValidationError({"side": f"Unknown side {side!r}: NATIONAL or ALLIANCE."})
    if actor.user is None:
        if side is None:
            raise ValidationError({"side": "Say which side the rating is for."})
        return side
    _require_visible(actor, assessment)
    mine = rater_side(actor.user, owner_id=assessment.owner_id, marking=assessment.marking)
    if mine is None:
        raise Forbidden("You do not rate in this assessment round.")
    _require_rater(actor, assessment, side or mine)
    return mine


def rating_create(*, actor: Actor, data: Mapping[str, Any]) -> Rating:
    """Rate an objective for the actor's side (a draft until the side submits); audited."""
    values, _ = _split(data, ("round", "objective", "side", "level", "rationale"))
    assessment = values.get("round")
    if not isinstance(assessment, AssessmentRound):
        raise ValidationError({"round": "Choose the assessment round."})
    with transaction.atomic():
        current = _locked_round(assessment)
        side = _resolve_side(actor, current, values.get("side"))
        _check_ratable(current, side)
        objective = values.get("objective")
        if not isinstance(objective, Objective) or objective.plan_id != current.plan_id:
            raise ValidationError({"objective": "Choose an objective of the round's plan."})
        if objective.marking not in SHARED_MARKINGS:
            raise ValidationError({"objective": "This objective is not part of the assessment."})
        if values.get("level") is None:
            raise ValidationError({"level": "Choose a level."})
        if Rating.objects.filter(round=current, objective=objective, side=side).exists():
            raise ValidationError(
                {"objective": f"The {_SIDE_LABELS[side]} side has already rated this objective."}
            )
        return _create_as(
            Rating,
            actor=actor,
            values={
                "round": current,
                "objective": objective,
                "side": side,
                "level": values.get("level"),
                "rationale": values.get("rationale", ""),
                "assessor": actor.user,
                "owner_id": current.owner_id,
                "marking": PRIVATE_MARKING[side],
            },
        )


def rating_update(
    rating: Rating, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Rating:
    """Change the level or rationale of a draft rating of the actor's own side."""
    values, _ = _split(data, ("level", "rationale"))
    with transaction.atomic():
        current_round = _locked_round(rating.round)

        def authorise(current: Rating) -> None:
            _require_rater(actor, current_round, current.side)
            _check_ratable(current_round, current.side)

        values["assessor"] = actor.user
        return _update_as(
            rating,
            actor=actor,
            expected_version=expected_version,
            values=values,
            authorise=authorise,
        )


@dataclass(frozen=True)
class DraftEntry:
    """One objective's row of a rating form: a level (None = leave unrated) and a rationale."""

    objective: Objective
    level: int | None
    rationale: str
    expected_version: int | None = None


def ratings_save(
    *, actor: Actor, assessment: AssessmentRound, side: str | None, entries: Iterable[DraftEntry]
) -> int:
    """Save a side's draft ratings of several objectives at once; all or nothing.

    Rows without a level are left alone. Errors are keyed `level_<objective id>` or
    `rationale_<objective id>` so a form can show each next to its row. Returns the number of
    ratings created or changed.
    """
    changed = 0
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        current = _locked_round(assessment)
        side = _resolve_side(actor, current, side)
        _check_ratable(current, side)
        existing = {r.objective_id: r for r in Rating.objects.filter(round=current, side=side)}
        for entry in entries:
            if entry.level is None:
                continue
            rating = existing.get(entry.objective.pk)
            try:
                with transaction.atomic():
                    if rating is None:
                        rating_create(
                            actor=actor,
                            data={
                                "round": current,
                                "objective": entry.objective,
                                "side": side,
                                "level": entry.level,
                                "rationale": entry.rationale,
                            },
                        )
                        changed += 1
                    else:
                        version = entry.expected_version or rating.version
                        saved = rating_update(
                            rating,
                            actor=actor,
                            expected_version=version,
                            data={"level": entry.level, "rationale": entry.rationale},
                        )
                        changed += int(saved.version != rating.version)
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    key = "rationale" if field == "rationale" else "level"
                    errors.setdefault(f"{key}_{entry.objective.pk}", []).extend(messages)
            except VersionConflict:
                errors.setdefault(f"level_{entry.objective.pk}", []).append(
                    "Someone else changed this rating since you opened the form; reload it."
                )
        if errors:
            raise ValidationError(errors)
    return changed


# -- submissions and reveal ------------------------------------------------------------------


def side_submit(*, actor: Actor, assessment: AssessmentRound, side: str) -> SideSubmission:
    """Submit a side's ratings once every objective is rated; they are frozen afterwards.

    When the other side has already submitted, the round is revealed in the same transaction.
    """
    if side not in Side.values:
        raise ValidationError({"side": f"Unknown side {side!r}: NATIONAL or ALLIANCE."})
    with transaction.atomic():
        current = _locked_round(assessment)
        _require_rater(actor, current, side)
        _check_ratable(current, side)
        objectives = list(round_objectives(current).order_by("chapter__position", "position"))
        if not objectives:
            raise ValidationError({NON_FIELD_ERRORS: "The plan has no objectives to rate."})
        rated = set(
            Rating.objects.filter(round=current, side=side).values_list("objective_id", flat=True)
        )
        missing = [o.code for o in objectives if o.pk not in rated]
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: f"Rate every objective before submitting: {len(missing)} of "
                    f"{len(objectives)} have no {_SIDE_LABELS[side]} rating ({shown})."
                }
            )
        now = timezone.now()
        submission = _create_as(
            SideSubmission,
            actor=actor,
            values={
                "round": current,
                "side": side,
                "submitted_at": now,
                "submitted_by": actor.user,
                "owner_id": current.owner_id,
                "marking": current.marking,
            },
        )
        if other_side(side) in submitted_sides(current):
            revealed = _update_as(
                current,
                actor=actor,
                expected_version=current.version,
                values={"revealed_at": now},
                authorise=lambda row: None,
            )
            _reveal(revealed, actor=actor)
    return submission


def reveal_register(*, actor: Actor, rounds: Iterable[AssessmentRound]) -> int:
    """Record, once per user and round, that `actor.user` has been shown a revealed round.

    Called by every read path that shows ratings; rounds not yet revealed are ignored, as are
    system jobs. Returns the number of events written.
    """
    user = actor.user
    if user is None or not user.is_authenticated:
        return 0
    revealed = {r.pk: r for r in rounds if r.is_revealed}
    if not revealed:
        return 0
    seen = set(
        RevealEvent.objects.filter(round_id__in=list(revealed), user=user).values_list(
            "round_id", flat=True
        )
    )
    written = 0
    for pk, assessment in sorted(revealed.items()):
        if pk in seen:
            continue
        _require_visible(actor, assessment)
        with contextlib.suppress(IntegrityError, ValidationError), transaction.atomic():
            # a concurrent request of the same user may have written it first
            _create_as(
                RevealEvent,
                actor=actor,
                values={
                    "round": assessment,
                    "user": user,
                    "revealed_at": timezone.now(),
                    "owner_id": assessment.owner_id,
                    "marking": assessment.marking,
                },
            )
            written += 1
    return written


# -- follow-ups ------------------------------------------------------------------------------


def _follow_up_defaults(values: dict[str, Any]) -> None:
    objective = values.get("objective")
    if not isinstance(objective, Objective):
        raise ValidationError({"objective": "Choose the objective to follow up."})
    assessment = values.get("round")
    if assessment is not None and not isinstance(assessment, AssessmentRound):
        raise ValidationError({"round": "Unknown assessment round."})
    values["owner"] = objective.owner
    parent = narrower_marking(
        assessment.marking if assessment is not None else objective.marking, objective.marking
    )
    if not values.get("marking"):
        values["marking"] = parent
    elif MARKING_WIDTH.get(values["marking"], 0) < MARKING_WIDTH[parent]:
        raise ValidationError(
            {"marking": "A follow-up cannot be released more widely than what it is about."}
        )


def followup_create(*, actor: Actor, data: Mapping[str, Any]) -> FollowUp:
    """Record a follow-up on an objective (nation and default marking from the objective)."""
    values, _ = _split(data, FOLLOW_UP_FIELDS)
    _follow_up_defaults(values)
    _require_reference(actor, values["objective"], "objective", "an objective")
    if values.get("round") is not None:
        _require_reference(actor, values["round"], "round", "an assessment round")
    if values.get("status", FollowUpStatus.OPEN) != FollowUpStatus.OPEN:
        raise ValidationError({"status": "A new follow-up is open."})
    return record_create(FollowUp, actor=actor, values=values)


def followup_update(
    follow_up: FollowUp, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> FollowUp:
    """Change a follow-up's text, due date, marking or status (OPEN ↔ DONE)."""
    values, _ = _split(data, FOLLOW_UP_UPDATE_FIELDS)
    if "status" in values and values["status"] != follow_up.status:
        check_transition(
            current=follow_up.status,
            target=values["status"],
            allowed=FOLLOW_UP_TRANSITIONS,
            labels=_FOLLOW_UP_LABELS,
        )
    if values.get("marking"):
        source = follow_up.round if follow_up.round_id else None
        parent = narrower_marking(
            source.marking if source is not None else follow_up.objective.marking,
            follow_up.objective.marking,
        )
        if MARKING_WIDTH.get(values["marking"], 0) < MARKING_WIDTH[parent]:
            raise ValidationError(
                {"marking": "A follow-up cannot be released more widely than what it is about."}
            )
    return record_update(follow_up, actor=actor, expected_version=expected_version, values=values)


def followup_delete(follow_up: FollowUp, *, actor: Actor, expected_version: int) -> None:
    """Delete a follow-up if still at `expected_version`; the change log keeps its last state."""
    record_delete(follow_up, actor=actor, expected_version=expected_version)


def divergences_to_follow_ups(
    *, actor: Actor, assessment: AssessmentRound, due_on: dt.date | None = None
) -> list[FollowUp]:
    """Open one follow-up per objective where the two sides differ by 2+ levels.

    Only for a revealed round; objectives that already have a follow-up from this round are
    skipped, so a second call adds nothing. Returns the follow-ups created.
    """
    _require_manager(actor, assessment)
    if not assessment.is_revealed:
        raise ValidationError(
            {NON_FIELD_ERRORS: "Divergences are known once both sides have submitted."}
        )
    levels: dict[int, dict[str, int]] = {}
    objectives: dict[int, Objective] = {}
    for rating in Rating.objects.filter(round=assessment).select_related("objective"):
        levels.setdefault(rating.objective_id, {})[rating.side] = rating.level
        objectives[rating.objective_id] = rating.objective
    done = set(FollowUp.objects.filter(round=assessment).values_list("objective_id", flat=True))
    created: list[FollowUp] = []
    with transaction.atomic():
        for objective_id, pair in levels.items():
            national, alliance = pair.get(Side.NATIONAL), pair.get(Side.ALLIANCE)
            if national is None or alliance is None or objective_id in done:
                continue
            if abs(national - alliance) < DIVERGENCE_GAP:
                continue
            objective = objectives[objective_id]
            text = (
                f"Divergent {assessment.year} assessment of {objective.code}: national experts "
                f"rated {national} ({assessment.label_for(national)}), alliance experts "
                f"{alliance} ({assessment.label_for(alliance)}). Discuss at the next "
                "political-dialogue meeting."
            )
            created.append(
                followup_create(
                    actor=actor,
                    data={
                        "round": assessment,
                        "objective": objective,
                        "text": text,
                        "due_on": due_on,
                    },
                )
            )
    return created
