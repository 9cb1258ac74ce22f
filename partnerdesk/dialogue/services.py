"""Write use-cases of the political dialogue: meetings, participants and the follow-up ledger.

Every function validates, then calls the core record services, so rights are checked before
and after, versions are enforced and one change-log row is written per changed row.
Participants and follow-ups take their nation from their meeting, never from input; their
marking defaults to the meeting's.

Rules:
- A meeting dated to the year or month is stored as the first day of that period (the model's
  `clean`); an end date is allowed only at day precision.
- A meeting cannot be recorded as HELD while its whole period lies in the future.
- Status moves go through the transition services (tables in `choices`), never through
  ordinary updates: meetings PLANNED → HELD | CANCELLED, CANCELLED → PLANNED; follow-ups
  OPEN ⇄ IN_PROGRESS → DONE | DROPPED, reopened from DONE or DROPPED.
- A follow-up's links (plan objectives, Partnership Goals, one assessment divergence) must
  belong to the meeting's nation and be visible to the writer. A divergence is the pair
  (assessment round, objective): the round must be of the nation, the objective of the
  round's plan, and — for a user — the revealed ratings the user may see must differ by at
  least `assessments.choices.DIVERGENCE_GAP` levels when the link is made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from partnerdesk.assessments.choices import DIVERGENCE_GAP
from partnerdesk.assessments.models import AssessmentRound
from partnerdesk.assessments.selectors import pair_rows, round_list
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.permissions import Action, can, restrict
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import record_transition
from partnerdesk.dialogue.choices import (
    FOLLOWUP_TRANSITIONS,
    MEETING_TRANSITIONS,
    FollowUpStatus,
    MeetingStatus,
)
from partnerdesk.dialogue.models import FollowUp, Meeting, Participant
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp.models import PartnershipGoal
from partnerdesk.plans.models import Objective

MEETING_FIELDS = (
    "owner",
    "marking",
    "title",
    "date",
    "precision",
    "end_date",
    "place",
    "format",
    "direction",
    "topics",
    "summary",
    "outcome",
    "press_line",
)
MEETING_CREATE_FIELDS = (*MEETING_FIELDS, "status")
PARTICIPANT_FIELDS = ("meeting", "marking", "person", "title", "side", "organisation", "position")
FOLLOWUP_FIELDS = (
    "meeting",
    "marking",
    "text",
    "responsible_side",
    "responsible_organisation",
    "responsible_person",
    "due_on",
    "divergence_round",
    "divergence_objective",
    "note",
)
FOLLOWUP_CREATE_FIELDS = (*FOLLOWUP_FIELDS, "status")
FOLLOWUP_M2M = ("sources", "objectives", "goals")


# -- helpers -------------------------------------------------------------------------------


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _split(
    data: Mapping[str, Any], fields: Sequence[str], m2m_names: Sequence[str] = ("sources",)
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Editable values and many-to-many lists; unknown names are refused by name."""
    unknown = set(data) - set(fields) - set(m2m_names)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m = {name: [_pk(v) for v in data[name]] for name in m2m_names if name in data}
    return values, m2m


def _meeting_of(values: Mapping[str, Any]) -> Meeting:
    meeting = values.get("meeting")
    if not isinstance(meeting, Meeting):
        raise ValidationError({"meeting": "Choose the meeting."})
    return meeting


def _child_values(values: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    """The nation comes from the meeting; the marking defaults to the meeting's."""
    values["owner"] = meeting.owner
    if not values.get("marking"):
        values["marking"] = meeting.marking
    return values


def _fixed_meeting(obj: Participant | FollowUp, values: dict[str, Any]) -> None:
    """A child stays with its meeting: refuse moving it, drop an unchanged meeting."""
    if "meeting" in values:
        given = values.pop("meeting")
        if _pk(given) != obj.meeting_id:
            raise ValidationError(
                {"meeting": "This cannot be changed; delete it and record it again."}
            )


def _no_status(values: Mapping[str, Any], current: str) -> None:
    if "status" in values and values["status"] != current:
        raise ValidationError(
            {"status": "Change the status with the transition (it checks the move)."}
        )


# -- meetings ------------------------------------------------------------------------------


def _check_meeting(meeting: Meeting) -> None:
    owner = meeting.owner
    if owner.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "A meeting belongs to the partner nation concerned."})
    future = meeting.date is not None and meeting.date > timezone.localdate()
    if meeting.status == MeetingStatus.HELD and future:
        raise ValidationError(
            {"status": "A meeting whose date is still to come cannot be recorded as held."}
        )


def meeting_create(*, actor: Actor, data: Mapping[str, Any]) -> Meeting:
    """Record a meeting or visit (status HELD unless given); atomic, checked and audited."""
    values, m2m = _split(data, MEETING_CREATE_FIELDS)
    with transaction.atomic():
        meeting = record_create(Meeting, actor=actor, values=values, m2m=m2m)
        _check_meeting(meeting)
    return meeting


def meeting_update(
    meeting: Meeting, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Meeting:
    """Change a meeting if still at `expected_version` (status moves use the transition).

    A meeting with participants or follow-ups cannot move to another nation.
    """
    values, m2m = _split(data, MEETING_CREATE_FIELDS)
    _no_status(values, meeting.status)
    values.pop("status", None)
    moving = "owner" in values and _pk(values["owner"]) != meeting.owner_id
    if moving and (meeting.participants.exists() or meeting.followups.exists()):
        raise ValidationError(
            {"owner": "A meeting with participants or follow-ups cannot change nation."}
        )
    with transaction.atomic():
        updated = record_update(
            meeting, actor=actor, expected_version=expected_version, values=values, m2m=m2m
        )
        _check_meeting(updated)
    return updated


def _may_change(actor: Actor, obj: Meeting | FollowUp) -> None:
    """Refuse a read-only writer before explaining which status moves exist."""
    if actor.user is not None and not can(actor.user, Action.CHANGE, obj):
        raise Forbidden("You may view this record but not change it.")


def meeting_transition(
    meeting: Meeting, *, actor: Actor, expected_version: int, target: str
) -> Meeting:
    """Move a meeting PLANNED → HELD or CANCELLED (and a cancelled one back to PLANNED)."""
    _may_change(actor, meeting)
    with transaction.atomic():
        moved = record_transition(
            meeting,
            actor=actor,
            expected_version=expected_version,
            target=target,
            allowed=MEETING_TRANSITIONS,
            labels=dict(MeetingStatus.choices),
        )
        _check_meeting(moved)
    return moved


def meeting_delete(meeting: Meeting, *, actor: Actor, expected_version: int) -> None:
    """Delete a meeting and its participants (each audited); refused while follow-ups taken in
    it exist (delete or keep those first)."""
    with transaction.atomic():
        if meeting.followups.exists():
            count = meeting.followups.count()
            raise ValidationError(
                f"“{meeting}” still has {count} follow-up(s); delete those first."
            )
        for participant in Participant.objects.filter(meeting=meeting).order_by("pk"):
            record_delete(participant, actor=actor, expected_version=participant.version)
        record_delete(meeting, actor=actor, expected_version=expected_version)


# -- participants --------------------------------------------------------------------------


def participant_create(*, actor: Actor, data: Mapping[str, Any]) -> Participant:
    """Add a participant to a meeting."""
    values, _ = _split(data, PARTICIPANT_FIELDS, ())
    meeting = _meeting_of(values)
    return record_create(Participant, actor=actor, values=_child_values(values, meeting))


def participant_update(
    participant: Participant, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Participant:
    """Change a participant if still at `expected_version`."""
    values, _ = _split(data, PARTICIPANT_FIELDS, ())
    _fixed_meeting(participant, values)
    return record_update(participant, actor=actor, expected_version=expected_version, values=values)


def participant_delete(participant: Participant, *, actor: Actor, expected_version: int) -> None:
    """Remove a participant from a meeting."""
    record_delete(participant, actor=actor, expected_version=expected_version)


# -- follow-ups ----------------------------------------------------------------------------


def _visible(queryset: Any, actor: Actor) -> Any:
    """Rows the actor may see (system jobs see everything)."""
    return queryset if actor.user is None else restrict(queryset, actor.user, Action.VIEW)


def _check_links(
    *, actor: Actor, nation_id: int, values: Mapping[str, Any], m2m: Mapping[str, list[Any]]
) -> None:
    """Every link is of the meeting's nation and visible to the actor (see the module doc)."""
    errors: dict[str, str] = {}
    for name, model, label in (
        ("objectives", Objective, "objective"),
        ("goals", PartnershipGoal, "Partnership Goal"),
    ):
        ids = set(m2m.get(name, []))
        if not ids:
            continue
        found = _visible(model._default_manager.filter(pk__in=ids, owner_id=nation_id), actor)
        missing = ids - set(found.values_list("pk", flat=True))
        if missing:
            errors[name] = (
                f"Choose only {label}s of the meeting's nation that you may see "
                f"(not: {', '.join(str(i) for i in sorted(missing))})."
            )
    round_, objective = values.get("divergence_round"), values.get("divergence_objective")
    if (round_ is None) != (objective is None):
        errors["divergence_objective"] = "Give both the assessment round and the objective."
    elif round_ is not None and objective is not None:
        problem = _divergence_problem(actor, nation_id, round_, objective)
        if problem:
            errors["divergence_objective"] = problem
    organisation = values.get("responsible_organisation")
    partner_side = values.get("responsible_side") == "PARTNER"
    foreign = isinstance(organisation, Organisation) and nation_id not in (
        organisation.pk,
        organisation.parent_id,
    )
    if partner_side and foreign:
        errors["responsible_organisation"] = (
            "On the partner side, choose the nation or one of its agencies."
        )
    if errors:
        raise ValidationError(errors)


def _divergence_problem(
    actor: Actor, nation_id: int, round_: AssessmentRound, objective: Objective
) -> str:
    if round_.owner_id != nation_id:
        return "The assessment round belongs to another nation."
    if actor.user is not None and not round_list(actor.user).filter(pk=round_.pk).exists():
        return "The assessment round is not one you may see."
    if objective.plan_id != round_.plan_id:
        return "The objective is not part of the round's plan."
    if actor.user is None:
        return ""
    if not _visible(Objective.objects.filter(pk=objective.pk), actor).exists():
        return "The objective is not one you may see."
    pairs = [p for p in pair_rows(actor.user, round_id=round_.pk) if p.objective_id == objective.pk]
    pair = pairs[0] if pairs else None
    if pair is None or pair.national is None or pair.alliance is None:
        return "Both sides' ratings of this objective are not revealed to you yet."
    if abs(pair.national - pair.alliance) < DIVERGENCE_GAP:
        return (
            f"The ratings differ by {abs(pair.national - pair.alliance)} level(s); a divergence "
            f"is a gap of {DIVERGENCE_GAP} or more."
        )
    return ""


def _current_links(followup: FollowUp) -> dict[str, list[Any]]:
    return {
        "objectives": list(followup.objectives.values_list("pk", flat=True)),
        "goals": list(followup.goals.values_list("pk", flat=True)),
    }


def followup_create(*, actor: Actor, data: Mapping[str, Any]) -> FollowUp:
    """Record a follow-up taken in a meeting, with its links checked (see the module doc)."""
    values, m2m = _split(data, FOLLOWUP_CREATE_FIELDS, FOLLOWUP_M2M)
    meeting = _meeting_of(values)
    _check_links(actor=actor, nation_id=meeting.owner_id, values=values, m2m=m2m)
    return record_create(FollowUp, actor=actor, values=_child_values(values, meeting), m2m=m2m)


def followup_update(
    followup: FollowUp, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> FollowUp:
    """Change a follow-up's text, owner, due date or links (status moves use the transition).

    Only the links being changed are checked again, so a link that has since become invisible
    to this writer does not block unrelated edits.
    """
    values, m2m = _split(data, FOLLOWUP_CREATE_FIELDS, FOLLOWUP_M2M)
    _no_status(values, followup.status)
    values.pop("status", None)
    _fixed_meeting(followup, values)
    current = _current_links(followup)
    changed_m2m = {k: v for k, v in m2m.items() if k in current and set(v) != set(current[k])}
    new_ids = {k: list(set(v) - set(current[k])) for k, v in changed_m2m.items()}
    link_values = dict(values)
    divergence_changed = (
        "divergence_round" in values
        and _pk(values["divergence_round"]) != followup.divergence_round_id
    ) or (
        "divergence_objective" in values
        and _pk(values["divergence_objective"]) != followup.divergence_objective_id
    )
    if divergence_changed:
        link_values.setdefault("divergence_round", followup.divergence_round)
        link_values.setdefault("divergence_objective", followup.divergence_objective)
    else:
        link_values.pop("divergence_round", None)
        link_values.pop("divergence_objective", None)
    if "responsible_organisation" in values or "responsible_side" in values:
        link_values.setdefault("responsible_organisation", followup.responsible_organisation)
        link_values.setdefault("responsible_side", followup.responsible_side)
    _check_links(actor=actor, nation_id=followup.owner_id, values=link_values, m2m=new_ids)
    return record_update(
        followup, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def followup_transition(
    followup: FollowUp, *, actor: Actor, expected_version: int, target: str
) -> FollowUp:
    """Move a follow-up along OPEN → IN PROGRESS → DONE or DROPPED (and back when reopened)."""
    _may_change(actor, followup)
    return record_transition(
        followup,
        actor=actor,
        expected_version=expected_version,
        target=target,
        allowed=FOLLOWUP_TRANSITIONS,
        labels=dict(FollowUpStatus.choices),
    )


def followup_delete(followup: FollowUp, *, actor: Actor, expected_version: int) -> None:
    """Delete a follow-up; the change log keeps its last state."""
    record_delete(followup, actor=actor, expected_version=expected_version)
