"""Assessment services: who may write, what is validated, what is audited, what stays frozen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.assessments import services
from partnerdesk.assessments.models import (
    AssessmentRound,
    FollowUp,
    Rating,
    RevealEvent,
    SideSubmission,
)
from partnerdesk.assessments.tests.conftest import (
    LATER,
    OPENS,
    actor_of,
    make_plan,
    open_round,
    rate,
    submit,
)
from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeRecord

pytestmark = pytest.mark.django_db

ALL = "__all__"


def _round_data(plan: Any, **overrides: Any) -> dict[str, Any]:
    return {"plan": plan, "year": 2016, "opens_on": OPENS, "deadline": LATER} | overrides


def _counts() -> tuple[int, int, int, int, int]:
    return (
        AssessmentRound.objects.count(),
        Rating.objects.count(),
        SideSubmission.objects.count(),
        FollowUp.objects.count(),
        ChangeRecord.objects.count(),
    )


# -- rounds ----------------------------------------------------------------------------------


def test_coordinator_opens_a_round_with_the_plans_nation_and_marking(
    world: Any, azeplan: Any
) -> None:
    assessment = services.round_open(
        actor=actor_of(world.users["aze_coordinator"]), data=_round_data(azeplan.plan)
    )
    assert (assessment.owner_id, assessment.marking, assessment.status) == (
        world.aze.pk,
        "BILATERAL",
        "OPEN",
    )
    assert (assessment.levels, assessment.level_labels) == (
        5,
        ["Not started", "Limited progress", "Partial", "Substantial", "Achieved"],
    )
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor_label, record.object_id, record.marking) == (
        "CREATE",
        "aze_coordinator",
        str(assessment.pk),
        "BILATERAL",
    )


def test_another_number_of_levels_gets_numbered_labels(world: Any, azeplan: Any) -> None:
    assessment = open_round(azeplan.plan, levels=3)
    assert assessment.level_labels == ["Level 1", "Level 2", "Level 3"]
    assert assessment.level_choices() == [
        (1, "1 — Level 1"),
        (2, "2 — Level 2"),
        (3, "3 — Level 3"),
    ]


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("aze_assessor", Forbidden),
        ("alliance_assessor", Forbidden),
        ("aze_viewer", Forbidden),
        ("staff_geo", Forbidden),
        ("analyst", ValidationError),
        ("geo_coordinator", ValidationError),
    ],
)
def test_only_coordinators_and_staff_for_the_nation_open_rounds(
    world: Any, azeplan: Any, name: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        services.round_open(actor=actor_of(world.users[name]), data=_round_data(azeplan.plan))
    assert _counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"year": 2018}, "year", "The plan runs from 2015 to 2016; assess a year in it."),
        (
            {"deadline": dt.date(2016, 1, 1)},
            "deadline",
            "The deadline cannot come before the round opens.",
        ),
        (
            {"levels": 4, "level_labels": ["a", "b"]},
            "level_labels",
            "Give exactly one label per level: 4 labels, not 2.",
        ),
        (
            {"level_labels": ["a", "b", "c", "d", "A"]},
            "level_labels",
            "Each level needs its own label.",
        ),
        ({"levels": 11}, "levels", "Ensure this value is less than or equal to 10."),
        (
            {"marking": "ALLIANCE_ONLY"},
            "marking",
            "Both sides must be able to read a dual assessment: use Public, Partners or Bilateral.",
        ),
        (
            {"marking": "PUBLIC"},
            "marking",
            "The round cannot be released more widely than its plan.",
        ),
    ],
)
def test_invalid_rounds_name_the_field_and_write_nothing(
    world: Any, azeplan: Any, overrides: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.round_open(
            actor=actor_of(world.users["staff_all"]), data=_round_data(azeplan.plan, **overrides)
        )
    assert message in caught.value.message_dict[field]
    assert _counts() == (0, 0, 0, 0, 0)


def test_one_round_per_plan_and_year(world: Any, azeplan: Any) -> None:
    open_round(azeplan.plan)
    with pytest.raises(ValidationError) as caught:
        open_round(azeplan.plan)
    assert caught.value.message_dict == {
        ALL: ["Assessment round with this Plan and Year already exists."]
    }


def test_scale_and_marking_are_fixed_once_rated(world: Any, azeplan: Any, round_: Any) -> None:
    coordinator = actor_of(world.users["aze_coordinator"])
    round_ = services.round_update(
        round_, actor=coordinator, expected_version=1, data={"levels": 4}
    )
    assert (round_.version, round_.level_labels) == (
        2,
        ["Level 1", "Level 2", "Level 3", "Level 4"],
    )
    rate(world.users["aze_assessor"], round_, azeplan.objectives[:1], [2])
    with pytest.raises(ValidationError) as caught:
        services.round_update(round_, actor=coordinator, expected_version=2, data={"levels": 5})
    assert caught.value.message_dict == {
        "levels": ["This cannot change once ratings have been entered."]
    }
    renamed = services.round_update(
        round_,
        actor=coordinator,
        expected_version=2,
        data={"level_labels": ["None", "Some", "Most", "All"], "note": "Renamed"},
    )
    assert (renamed.version, renamed.level_labels[3]) == (3, "All")


def test_a_rated_round_cannot_be_deleted_but_an_empty_one_can(
    world: Any, azeplan: Any, round_: Any
) -> None:
    staff = actor_of(world.users["staff_all"])
    rate(world.users["aze_assessor"], round_, azeplan.objectives[:1], [2])
    with pytest.raises(ValidationError):
        services.round_delete(round_, actor=staff, expected_version=1)
    empty = open_round(azeplan.plan, year=2015)
    services.round_delete(empty, actor=staff, expected_version=1)
    assert not AssessmentRound.objects.filter(pk=empty.pk).exists()
    assert ChangeRecord.objects.filter(action="DELETE", object_id=str(empty.pk)).count() == 1


# -- ratings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "side", "marking"),
    [
        ("aze_assessor", "NATIONAL", "NATIONAL_ONLY"),
        ("aze_coordinator", "NATIONAL", "NATIONAL_ONLY"),
        ("alliance_assessor", "ALLIANCE", "ALLIANCE_ONLY"),
        ("staff_all", "ALLIANCE", "ALLIANCE_ONLY"),
    ],
)
def test_raters_rate_for_their_side_with_a_private_marking(
    world: Any, azeplan: Any, round_: Any, name: str, side: str, marking: str
) -> None:
    user = world.users[name]
    (rating,) = rate(user, round_, azeplan.objectives[:1], [3])
    assert (rating.side, rating.level, rating.marking, rating.owner_id, rating.assessor_id) == (
        side,
        3,
        marking,
        world.aze.pk,
        user.pk,
    )
    record = ChangeRecord.objects.get(content_type__model="rating")
    assert (record.action, record.actor_label, record.marking, record.owner_id) == (
        "CREATE",
        name,
        marking,
        world.aze.pk,
    )
    assert record.after["level"] == 3


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("aze_viewer", Forbidden, "You do not rate in this assessment round."),
        ("staff_geo", Forbidden, "You do not rate in this assessment round."),
        ("admin", Forbidden, "You do not rate in this assessment round."),
        ("analyst", NotFound, "Not found."),
        ("geo_coordinator", NotFound, "Not found."),
    ],
)
def test_non_raters_cannot_rate(
    world: Any, azeplan: Any, round_: Any, name: str, error: type[Exception], message: str
) -> None:
    before = _counts()
    with pytest.raises(error) as caught:
        rate(world.users[name], round_, azeplan.objectives[:1], [3])
    assert str(caught.value) == message
    assert _counts() == before


def test_the_wrong_side_is_refused(world: Any, azeplan: Any, round_: Any) -> None:
    before = _counts()
    with pytest.raises(Forbidden) as caught:
        services.rating_create(
            actor=actor_of(world.users["aze_assessor"]),
            data={
                "round": round_,
                "objective": azeplan.objectives[0],
                "side": "ALLIANCE",
                "level": 2,
                "rationale": "x",
            },
        )
    assert str(caught.value) == "You rate for the national side, not the alliance side."
    with pytest.raises(Forbidden):
        submit(world.users["alliance_assessor"], round_, "NATIONAL")
    assert _counts() == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"level": 6}, "level", "Choose a level from 1 to 5."),
        ({"level": None}, "level", "Choose a level."),
        ({"rationale": ""}, "rationale", "This field cannot be blank."),
        ({"rationale": "   "}, "rationale", "Explain the level you chose."),
    ],
)
def test_invalid_ratings_name_the_field(
    world: Any, azeplan: Any, round_: Any, data: dict[str, Any], field: str, message: str
) -> None:
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        services.rating_create(
            actor=actor_of(world.users["aze_assessor"]),
            data={
                "round": round_,
                "objective": azeplan.objectives[0],
                "level": 3,
                "rationale": "ok",
            }
            | data,
        )
    assert message in caught.value.message_dict[field]
    assert _counts() == before


def test_objectives_of_another_plan_and_duplicates_are_refused(
    world: Any, azeplan: Any, round_: Any
) -> None:
    other = make_plan(world.aze, title="Another plan", objectives=(("1", "9.9"),))
    actor = actor_of(world.users["aze_assessor"])
    with pytest.raises(ValidationError) as caught:
        services.rating_create(
            actor=actor,
            data={"round": round_, "objective": other.objectives[0], "level": 2, "rationale": "x"},
        )
    assert caught.value.message_dict == {"objective": ["Choose an objective of the round's plan."]}
    rate(world.users["aze_assessor"], round_, azeplan.objectives[:1], [2])
    with pytest.raises(ValidationError) as caught:
        rate(world.users["aze_coordinator"], round_, azeplan.objectives[:1], [4])
    assert caught.value.message_dict == {
        "objective": ["The national side has already rated this objective."]
    }


def test_a_round_that_has_not_opened_takes_no_ratings(world: Any, azeplan: Any) -> None:
    future = open_round(
        azeplan.plan, opens_on=LATER, deadline=LATER + dt.timedelta(days=10), year=2015
    )
    with pytest.raises(ValidationError) as caught:
        rate(world.users["aze_assessor"], future, azeplan.objectives[:1], [2])
    assert caught.value.message_dict == {ALL: [f"The round opens on {LATER:%d %B %Y}."]}


def test_update_own_draft_bumps_the_version_and_refuses_stale_or_foreign_edits(
    world: Any, azeplan: Any, round_: Any
) -> None:
    (rating,) = rate(world.users["aze_assessor"], round_, azeplan.objectives[:1], [2])
    coordinator = actor_of(world.users["aze_coordinator"])
    rating = services.rating_update(
        rating, actor=coordinator, expected_version=1, data={"level": 3, "rationale": "Better"}
    )
    assert (rating.level, rating.version, rating.assessor_id) == (
        3,
        2,
        world.users["aze_coordinator"].pk,
    )
    record = ChangeRecord.objects.filter(action="UPDATE").get()
    assert record.changed_fields == ["assessor_id", "level", "rationale", "version"]
    assert record.marking == "NATIONAL_ONLY"
    with pytest.raises(VersionConflict):
        services.rating_update(rating, actor=coordinator, expected_version=1, data={"level": 1})
    with pytest.raises(Forbidden):
        services.rating_update(
            rating,
            actor=actor_of(world.users["alliance_assessor"]),
            expected_version=2,
            data={"level": 1},
        )
    rating.refresh_from_db()
    assert (rating.level, rating.version) == (3, 2)
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_bulk_save_is_all_or_nothing_with_errors_per_objective(
    world: Any, azeplan: Any, round_: Any
) -> None:
    first, second, *_ = azeplan.objectives
    actor = actor_of(world.users["aze_assessor"])
    with pytest.raises(ValidationError) as caught:
        services.ratings_save(
            actor=actor,
            assessment=round_,
            side=None,
            entries=[
                services.DraftEntry(first, 2, "Fine"),
                services.DraftEntry(second, 9, ""),
            ],
        )
    assert caught.value.message_dict == {
        f"level_{second.pk}": ["Choose a level from 1 to 5."],
        f"rationale_{second.pk}": ["This field cannot be blank."],
    }
    assert Rating.objects.count() == 0
    changed = services.ratings_save(
        actor=actor,
        assessment=round_,
        side=None,
        entries=[services.DraftEntry(first, 2, "Fine"), services.DraftEntry(second, None, "")],
    )
    assert (changed, Rating.objects.count()) == (1, 1)
    again = services.ratings_save(
        actor=actor,
        assessment=round_,
        side=None,
        entries=[services.DraftEntry(first, 2, "Fine", expected_version=1)],
    )
    assert again == 0


# -- submissions and the reveal --------------------------------------------------------------


def test_cannot_submit_with_unrated_objectives(world: Any, azeplan: Any, round_: Any) -> None:
    rate(world.users["aze_assessor"], round_, azeplan.objectives[:2], [2, 3])
    before = _counts()
    with pytest.raises(ValidationError) as caught:
        submit(world.users["aze_assessor"], round_, "NATIONAL")
    assert caught.value.message_dict == {
        ALL: ["Rate every objective before submitting: 2 of 4 have no national rating (2.1, 2.2)."]
    }
    assert _counts() == before


def test_submission_freezes_the_side_and_the_second_one_reveals(
    world: Any, azeplan: Any, round_: Any
) -> None:
    national = rate(world.users["aze_assessor"], round_, azeplan.objectives, [4, 3, 2, 5])
    submit(world.users["aze_assessor"], round_, "NATIONAL")
    submission = SideSubmission.objects.get()
    assert (submission.side, submission.submitted_by, submission.marking) == (
        "NATIONAL",
        world.users["aze_assessor"],
        "BILATERAL",
    )
    assert ChangeRecord.objects.filter(content_type__model="sidesubmission").count() == 1
    round_.refresh_from_db()
    assert (round_.is_revealed, round_.version) == (False, 1)
    assert set(Rating.objects.values_list("marking", flat=True)) == {"NATIONAL_ONLY"}
    frozen = "The national side has submitted; its ratings are frozen."
    with pytest.raises(ValidationError) as caught:
        services.rating_update(
            national[0],
            actor=actor_of(world.users["aze_assessor"]),
            expected_version=1,
            data={"level": 1},
        )
    assert caught.value.message_dict == {ALL: [frozen]}
    with pytest.raises(ValidationError) as caught:
        submit(world.users["aze_coordinator"], round_, "NATIONAL")
    assert caught.value.message_dict == {ALL: [frozen]}
    records_before = ChangeRecord.objects.count()

    rate(world.users["alliance_assessor"], round_, azeplan.objectives, [4, 1, 2, 4])
    submit(world.users["alliance_assessor"], round_, "ALLIANCE")
    round_.refresh_from_db()
    assert round_.is_revealed
    assert round_.version == 2
    assert set(Rating.objects.values_list("marking", flat=True)) == {"BILATERAL"}
    # 4 alliance ratings + 1 submission + 1 round update + 8 re-markings
    assert ChangeRecord.objects.count() == records_before + 14
    remarked = ChangeRecord.objects.filter(
        content_type__model="rating", action="UPDATE", changed_fields=["marking", "version"]
    )
    assert remarked.count() == 8
    assert set(remarked.values_list("actor_label", flat=True)) == {"alliance_assessor"}


def test_closing_needs_both_submissions_or_a_past_deadline(
    world: Any, azeplan: Any, round_: Any
) -> None:
    rate(world.users["aze_assessor"], round_, azeplan.objectives, [4, 3, 2, 5])
    staff = actor_of(world.users["staff_all"])
    with pytest.raises(ValidationError) as caught:
        services.round_close(round_, actor=staff, expected_version=1)
    assert caught.value.message_dict == {
        "status": [
            "The round can close when both sides have submitted or after its deadline "
            f"({LATER:%d %B %Y})."
        ]
    }
    with pytest.raises(Forbidden):
        services.round_close(
            round_, actor=actor_of(world.users["alliance_assessor"]), expected_version=1
        )
    assert AssessmentRound.objects.get().status == "OPEN"


def test_closing_after_the_deadline_reveals_and_freezes_everything(
    world: Any, azeplan: Any
) -> None:
    past = open_round(azeplan.plan, year=2015, deadline=dt.date(2016, 3, 31))
    rate(world.users["aze_assessor"], past, azeplan.objectives[:2], [4, 3])
    rate(world.users["alliance_assessor"], past, azeplan.objectives[:1], [2])
    closed = services.round_close(
        past, actor=actor_of(world.users["aze_coordinator"]), expected_version=1
    )
    assert (closed.status, closed.version, closed.is_revealed) == ("CLOSED", 2, True)
    assert closed.closed_at is not None
    assert closed.revealed_at == closed.closed_at
    assert set(Rating.objects.values_list("marking", flat=True)) == {"BILATERAL"}
    with pytest.raises(ValidationError) as caught:
        rate(world.users["aze_assessor"], closed, azeplan.objectives[2:3], [1])
    assert caught.value.message_dict == {ALL: ["The round is closed; its ratings are final."]}
    with pytest.raises(ValidationError) as caught:
        services.round_close(closed, actor=actor_of(world.users["staff_all"]), expected_version=2)
    assert caught.value.message_dict == {
        "status": ["Cannot move from Closed to Closed. Closed is final."]
    }


def test_ratings_take_the_narrower_of_round_and_objective_marking_on_reveal(world: Any) -> None:
    fixture = make_plan(world.aze, marking="PUBLIC")
    objective = fixture.objectives[0]
    objective.marking = "BILATERAL"
    objective.save()
    assessment = open_round(fixture.plan, deadline=dt.date(2016, 3, 31))
    assert assessment.marking == "PUBLIC"
    rate(world.users["aze_assessor"], assessment, fixture.objectives, [1, 2, 3, 4])
    services.round_close(assessment, actor=Actor.system(), expected_version=1)
    assert dict(Rating.objects.values_list("objective__code", "marking")) == {
        "1.1": "BILATERAL",
        "1.2": "PUBLIC",
        "2.1": "PUBLIC",
        "2.2": "PUBLIC",
    }


def test_reveal_events_are_written_once_per_user_and_only_after_the_reveal(
    world: Any, azeplan: Any, round_: Any
) -> None:
    viewer = actor_of(world.users["aze_viewer"])
    assert services.reveal_register(actor=viewer, rounds=[round_]) == 0
    rate(world.users["aze_assessor"], round_, azeplan.objectives, [4, 3, 2, 5])
    rate(world.users["alliance_assessor"], round_, azeplan.objectives, [4, 1, 2, 4])
    submit(world.users["aze_assessor"], round_, "NATIONAL")
    submit(world.users["alliance_assessor"], round_, "ALLIANCE")
    round_.refresh_from_db()
    assert services.reveal_register(actor=viewer, rounds=[round_]) == 1
    assert services.reveal_register(actor=viewer, rounds=[round_, round_]) == 0
    assert services.reveal_register(actor=Actor.system(), rounds=[round_]) == 0
    event = RevealEvent.objects.get()
    assert (event.user, event.owner_id, event.marking) == (
        world.users["aze_viewer"],
        world.aze.pk,
        "BILATERAL",
    )
    record = ChangeRecord.objects.get(content_type__model="revealevent")
    assert (record.action, record.actor_label) == ("CREATE", "aze_viewer")


# -- follow-ups ------------------------------------------------------------------------------


def test_divergences_become_follow_ups_once(world: Any, rated_round: Any) -> None:
    # national 4,3,2,5 vs alliance 4,1,2,4: only 1.2 differs by two levels
    coordinator = actor_of(world.users["aze_coordinator"])
    created = services.divergences_to_follow_ups(actor=coordinator, assessment=rated_round)
    assert [(f.objective.code, f.status, f.marking, f.owner_id) for f in created] == [
        ("1.2", "OPEN", "BILATERAL", world.aze.pk)
    ]
    assert created[0].text == (
        "Divergent 2016 assessment of 1.2: national experts rated 3 (Partial), alliance "
        "experts 1 (Not started). Discuss at the next political-dialogue meeting."
    )
    assert ChangeRecord.objects.filter(content_type__model="followup").count() == 1
    assert services.divergences_to_follow_ups(actor=coordinator, assessment=rated_round) == []
    with pytest.raises(Forbidden):
        services.divergences_to_follow_ups(
            actor=actor_of(world.users["aze_assessor"]), assessment=rated_round
        )
    assert FollowUp.objects.count() == 1


def test_divergences_wait_for_the_reveal(world: Any, round_: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.divergences_to_follow_ups(
            actor=actor_of(world.users["staff_all"]), assessment=round_
        )
    assert caught.value.message_dict == {
        ALL: ["Divergences are known once both sides have submitted."]
    }


def test_follow_up_status_moves_between_open_and_done(world: Any, rated_round: Any) -> None:
    staff = actor_of(world.users["staff_all"])
    (follow_up,) = services.divergences_to_follow_ups(actor=staff, assessment=rated_round)
    done = services.followup_update(
        follow_up, actor=staff, expected_version=1, data={"status": "DONE"}
    )
    assert (done.status, done.version) == ("DONE", 2)
    with pytest.raises(ValidationError) as caught:
        services.followup_update(done, actor=staff, expected_version=2, data={"status": "LATER"})
    assert caught.value.message_dict == {"status": ["Unknown status 'LATER'."]}
    with pytest.raises(ValidationError) as caught:
        services.followup_update(done, actor=staff, expected_version=2, data={"marking": "PUBLIC"})
    assert caught.value.message_dict == {
        "marking": ["A follow-up cannot be released more widely than what it is about."]
    }
    with pytest.raises(Forbidden):
        services.followup_update(
            done,
            actor=actor_of(world.users["alliance_assessor"]),
            expected_version=2,
            data={"status": "OPEN"},
        )
    done.refresh_from_db()
    assert (done.status, done.version) == ("DONE", 2)


def test_a_follow_up_takes_its_nation_from_the_objective(world: Any, azeplan: Any) -> None:
    follow_up = services.followup_create(
        actor=actor_of(world.users["aze_coordinator"]),
        data={"objective": azeplan.objectives[2], "text": "Ask about the timetable."},
    )
    assert (follow_up.owner_id, follow_up.marking, follow_up.round_id, follow_up.status) == (
        world.aze.pk,
        "BILATERAL",
        None,
        "OPEN",
    )
    with pytest.raises(ValidationError) as caught:
        services.followup_create(
            actor=actor_of(world.users["geo_coordinator"]),
            data={"objective": azeplan.objectives[2], "text": "Not mine"},
        )
    assert caught.value.message_dict == {"objective": ["Choose an objective you may see."]}
    assert FollowUp.objects.count() == 1
