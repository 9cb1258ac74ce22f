"""OCC services: the order rule, certification and renewal, children, permissions, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)
from partnerdesk.occ.services import (
    certification_create,
    evaluation_delete,
    evaluation_update,
    occunit_create,
    occunit_delete,
    occunit_update,
    remedial_create,
    remedial_transition,
    result_create,
    result_update,
)
from partnerdesk.occ.tests.helpers import actor, evaluation, unit
from partnerdesk.organisations.models import Organisation

pytestmark = pytest.mark.django_db

D = dt.date


def _audit(model: str) -> list[tuple[str, str]]:
    return list(
        ChangeRecord.objects.filter(content_type__model=model)
        .order_by("pk")
        .values_list("action", "object_id")
    )


# -- units ---------------------------------------------------------------------------------


def test_unit_create_normalises_a_year_date_and_audits_once(world: Any) -> None:
    created = occunit_create(
        actor=actor(world, "aze_coordinator"),
        data={
            "owner": world.aze,
            "marking": "BILATERAL",
            "name": "Infantry battalion",
            "service": "LAND",
            "unit_type": "infantry battalion",
            "declared_on": D(2010, 6, 15),
            "declared_precision": "YEAR",
        },
    )
    assert (created.declared_on, created.declared_precision, created.declared_display) == (
        D(2010, 1, 1),
        "YEAR",
        "2010",
    )
    record = ChangeRecord.objects.get()
    assert (record.action, record.actor_label, record.source, record.owner_id) == (
        "CREATE",
        "aze_coordinator",
        "web",
        world.aze.pk,
    )
    assert record.after["name"] == "Infantry battalion"


@pytest.mark.parametrize(
    ("name", "marking"),
    [
        ("geo_coordinator", "BILATERAL"),
        ("aze_viewer", "BILATERAL"),
        ("aze_coordinator", "ALLIANCE_ONLY"),
        ("staff_geo", "BILATERAL"),
        ("analyst", "PUBLIC"),
    ],
)
def test_unit_create_outside_ones_rights_writes_nothing(
    world: Any, name: str, marking: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        occunit_create(
            actor=actor(world, name),
            data={
                "owner": world.aze,
                "marking": marking,
                "name": "X",
                "service": "LAND",
                "unit_type": "company",
            },
        )
    assert caught.value.message_dict == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    assert (OccUnit.objects.count(), ChangeRecord.objects.count()) == (0, 0)


def test_unit_owner_must_be_a_partner_state(world: Any) -> None:
    outsider = Organisation.objects.create(code="JPN", name="Japan", kind="STATE")
    with pytest.raises(ValidationError) as caught:
        unit(world, owner=world.nato)
    assert caught.value.message_dict == {"owner": ["OCC units belong to a state."]}
    with pytest.raises(ValidationError) as caught:
        unit(world, owner=outsider)
    assert caught.value.message_dict == {"owner": ["Japan has never been a NATO partner."]}
    assert OccUnit.objects.count() == 0


def test_unit_update_is_versioned_and_stale_writes_are_refused(world: Any) -> None:
    battalion = unit(world)
    coordinator = actor(world, "aze_coordinator")
    changed = occunit_update(
        battalion, actor=coordinator, expected_version=1, data={"note": "Peacekeeping"}
    )
    assert changed.version == 2
    with pytest.raises(VersionConflict):
        occunit_update(battalion, actor=coordinator, expected_version=1, data={"note": "Mine"})
    with pytest.raises(Forbidden):
        occunit_update(
            changed, actor=actor(world, "aze_viewer"), expected_version=2, data={"note": "v"}
        )
    changed.refresh_from_db()
    assert (changed.note, changed.version) == ("Peacekeeping", 2)
    assert [a for a, _ in _audit("occunit")] == ["CREATE", "UPDATE"]


def test_unit_with_evaluations_cannot_be_deleted_or_moved(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "SEL1", D(2011, 10, 7))
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        occunit_delete(battalion, actor=coordinator, expected_version=1)
    assert caught.value.messages == [
        "“Infantry battalion” still has evaluations; delete those first."
    ]
    with pytest.raises(ValidationError) as caught:
        occunit_update(
            battalion,
            actor=actor(world, "staff_all"),
            expected_version=1,
            data={"owner": world.geo},
        )
    assert caught.value.message_dict == {
        "owner": ["A unit with evaluations cannot move to another nation."]
    }
    assert OccUnit.objects.filter(pk=battalion.pk, owner=world.aze).exists()
    assert [a for a, _ in _audit("occunit")] == ["CREATE"]


# -- the order rule ------------------------------------------------------------------------


def test_records_may_start_at_nel1_like_the_azerbaijani_company(world: Any) -> None:
    company = unit(world, name="Infantry company")
    nel1 = evaluation(company, "NEL1", D(2008, 5, 1), precision="MONTH")
    sel2 = evaluation(company, "SEL2", D(2009, 10, 1), precision="MONTH")
    assert (nel1.dates_display, sel2.dates_display) == ("May 2008", "October 2009")
    assert Evaluation.objects.filter(unit=company).count() == 2


def test_the_full_sequence_in_order_is_accepted_and_certifies(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "SEL1", D(2011, 10, 7), end_on=D(2011, 10, 16))
    evaluation(battalion, "NEL1", D(2012, 6, 18), end_on=D(2012, 6, 24))
    evaluation(battalion, "SEL2", D(2013, 10, 1), precision="MONTH")
    nel2 = evaluation(battalion, "NEL2", D(2014, 1, 1), precision="YEAR")
    certification = Certification.objects.get()
    assert (
        certification.status,
        certification.valid_from,
        certification.valid_to,
        certification.precision,
        certification.based_on_id,
        certification.revalidated_by_id,
        certification.owner_id,
        certification.marking,
    ) == (
        "COMBAT_READY",
        D(2014, 1, 1),
        D(2017, 1, 1),
        "YEAR",
        nel2.pk,
        None,
        world.aze.pk,
        "BILATERAL",
    )
    assert certification.validity_display == "2014–2017"


@pytest.mark.parametrize(
    ("level", "start", "precision", "field", "message"),
    [
        (
            "SEL1",
            D(2013, 1, 10),
            "DAY",
            "start_on",
            "NEL-1 (18 Jun 2012) cannot have been passed before SEL-1 (10 Jan 2013): the levels "
            "are passed in the order SEL-1, NEL-1, SEL-2, NEL-2.",
        ),
        (
            "SEL2",
            D(2011, 1, 1),
            "YEAR",
            "start_on",
            "SEL-2 (2011) cannot have been passed before NEL-1 (18 Jun 2012): the levels are "
            "passed in the order SEL-1, NEL-1, SEL-2, NEL-2.",
        ),
        (
            "NEL2",
            D(2012, 3, 1),
            "MONTH",
            "start_on",
            "NEL-2 (March 2012) cannot have been passed before NEL-1 (18 Jun 2012): the levels "
            "are passed in the order SEL-1, NEL-1, SEL-2, NEL-2.",
        ),
    ],
)
def test_a_passed_step_out_of_order_is_refused_and_writes_nothing(
    world: Any, level: str, start: dt.date, precision: str, field: str, message: str
) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    before = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, level, start, precision=precision, by=actor(world, "aze_coordinator"))
    assert message in caught.value.message_dict[field]
    assert Evaluation.objects.count() == 1
    assert (Certification.objects.count(), ChangeRecord.objects.count()) == (0, before)


def test_overlapping_imprecise_dates_are_not_refused(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    # "2012" spans the NEL-1 in June 2012: it may have been before it, so it is accepted.
    sel1 = evaluation(battalion, "SEL1", D(2012, 1, 1), precision="YEAR")
    assert sel1.dates_display == "2012"


def test_failed_and_pending_steps_are_not_ordered(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    evaluation(battalion, "SEL1", D(2013, 1, 10), outcome="FAILED")
    evaluation(battalion, "NEL2", D(2011, 1, 10), outcome="PENDING")
    assert Evaluation.objects.count() == 3


def test_nel2_needs_a_passed_nel1_unless_the_earlier_steps_are_unrecorded(world: Any) -> None:
    party = unit(world, name="Boarding party", service="MARITIME")
    evaluation(party, "NEL1", D(2021, 5, 1), outcome="FAILED")
    with pytest.raises(ValidationError) as caught:
        evaluation(party, "NEL2", D(2022, 11, 1), precision="MONTH")
    assert caught.value.message_dict == {
        "outcome": [
            "NEL-2 (November 2022) can be passed only after a passed NEL-1 of the unit. If the "
            "sources do not record that step, tick “earlier steps unrecorded”."
        ]
    }
    assert Certification.objects.count() == 0
    nel2 = evaluation(
        party, "NEL2", D(2022, 11, 1), precision="MONTH", earlier_steps_unrecorded=True
    )
    assert Certification.objects.get().based_on_id == nel2.pk


def test_a_reevaluation_needs_a_passed_nel2(world: Any) -> None:
    battalion = unit(world)
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "REEVAL", D(2017, 5, 31))
    assert "re-validates a certification" in caught.value.message_dict["outcome"][0]
    assert Evaluation.objects.count() == 0


def test_a_step_others_depend_on_cannot_be_failed_or_deleted(world: Any) -> None:
    battalion = unit(world)
    nel1 = evaluation(battalion, "NEL1", D(2012, 6, 18))
    evaluation(battalion, "NEL2", D(2014, 5, 1))
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        evaluation_update(nel1, actor=coordinator, expected_version=1, data={"outcome": "FAILED"})
    assert caught.value.message_dict["outcome"][0].startswith(
        "NEL-2 (1 May 2014) can be passed only after a passed NEL-1 of the unit."
    )
    with pytest.raises(ValidationError):
        evaluation_delete(nel1, actor=coordinator, expected_version=1)
    nel1.refresh_from_db()
    assert (nel1.outcome, nel1.version) == ("PASSED", 1)
    assert [a for a, _ in _audit("evaluation")] == ["CREATE", "CREATE"]


def test_outcome_of_a_future_evaluation_is_refused(world: Any) -> None:
    battalion = unit(world)
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "SEL1", D(2999, 1, 1))
    assert caught.value.message_dict == {
        "outcome": ["An evaluation that has not started yet cannot have an outcome."]
    }
    planned = evaluation(battalion, "SEL1", D(2999, 1, 1), outcome="PENDING")
    assert planned.outcome == "PENDING"


def test_end_date_needs_day_precision_and_order(world: Any) -> None:
    battalion = unit(world)
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "SEL1", D(2011, 10, 1), precision="MONTH", end_on=D(2011, 10, 16))
    assert caught.value.message_dict == {
        "end_on": ["Give an end date only for evaluations dated to the day."]
    }
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "SEL1", D(2011, 10, 16), end_on=D(2011, 10, 7))
    assert "The evaluation cannot end before it starts." in caught.value.message_dict["end_on"]
    assert Evaluation.objects.count() == 0


def test_monitoring_command_must_be_a_nato_body(world: Any) -> None:
    battalion = unit(world)
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "SEL1", D(2011, 10, 7), monitoring_command=world.geo)
    assert caught.value.message_dict == {
        "monitoring_command": ["The monitoring command must be a NATO body."]
    }
    landcom = Organisation.objects.create(
        code="LANDCOM", name="Allied Land Command", kind="NATO_BODY"
    )
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7), monitoring_command=landcom)
    assert sel1.monitoring_command_id == landcom.pk


# -- certification -------------------------------------------------------------------------


def test_a_passed_reevaluation_renews_the_certificate_with_audit(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    nel2 = evaluation(battalion, "NEL2", D(2014, 5, 12), end_on=D(2014, 5, 16))
    first = Certification.objects.get()
    assert (first.valid_from, first.valid_to, first.precision) == (
        D(2014, 5, 16),
        D(2017, 5, 16),
        "DAY",
    )
    before = ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    reeval = evaluation(
        battalion,
        "REEVAL",
        D(2017, 5, 31),
        end_on=D(2017, 6, 2),
        by=actor(world, "aze_coordinator"),
    )
    first.refresh_from_db()
    renewed = Certification.objects.exclude(pk=first.pk).get()
    assert (first.based_on_id, first.revalidated_by_id, first.version) == (nel2.pk, reeval.pk, 2)
    assert (
        renewed.valid_from,
        renewed.valid_to,
        renewed.based_on_id,
        renewed.revalidated_by_id,
    ) == (
        D(2017, 6, 2),
        D(2020, 6, 2),
        reeval.pk,
        None,
    )
    new_rows = list(
        ChangeRecord.objects.filter(pk__gt=before)
        .order_by("pk")
        .values_list("content_type__model", "action", "actor_label")
    )
    assert new_rows == [
        ("evaluation", "CREATE", "aze_coordinator"),
        ("certification", "UPDATE", "aze_coordinator"),
        ("certification", "CREATE", "aze_coordinator"),
    ]


def test_passing_a_pending_nel2_later_certifies_and_date_fixes_follow(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    nel2 = evaluation(battalion, "NEL2", D(2016, 2, 29), outcome="PENDING")
    assert Certification.objects.count() == 0
    coordinator = actor(world, "aze_coordinator")
    nel2 = evaluation_update(
        nel2, actor=coordinator, expected_version=1, data={"outcome": "PASSED"}
    )
    certification = Certification.objects.get()
    assert (certification.valid_from, certification.valid_to) == (D(2016, 2, 29), D(2019, 2, 28))
    evaluation_update(nel2, actor=coordinator, expected_version=2, data={"start_on": D(2016, 3, 1)})
    certification.refresh_from_db()
    assert (certification.valid_from, certification.valid_to, certification.version) == (
        D(2016, 3, 1),
        D(2019, 3, 1),
        2,
    )
    with pytest.raises(ValidationError) as caught:
        evaluation_update(nel2, actor=coordinator, expected_version=3, data={"outcome": "FAILED"})
    assert "delete the certification first" in caught.value.message_dict["outcome"][0]
    assert Certification.objects.get().version == 2


def test_manual_certificate_defaults_to_three_years_and_must_match_the_unit(world: Any) -> None:
    battalion = unit(world)
    other = unit(world, name="Other")
    sel1 = evaluation(battalion, "SEL1", D(2007, 3, 1))
    coordinator = actor(world, "aze_coordinator")
    made = certification_create(
        actor=coordinator,
        data={
            "unit": battalion,
            "status": "INTEROPERABLE",
            "valid_from": D(2007, 3, 1),
            "based_on": sel1,
        },
    )
    assert (made.valid_to, made.owner_id, made.marking) == (
        D(2010, 3, 1),
        world.aze.pk,
        "BILATERAL",
    )
    with pytest.raises(ValidationError) as caught:
        certification_create(
            actor=coordinator,
            data={
                "unit": other,
                "status": "INTEROPERABLE",
                "valid_from": D(2007, 3, 1),
                "based_on": sel1,
            },
        )
    assert caught.value.message_dict == {"based_on": ["This evaluation is of another unit."]}
    assert Certification.objects.count() == 1


# -- children ------------------------------------------------------------------------------


def test_children_take_owner_from_the_parent_and_marking_by_default(world: Any) -> None:
    battalion = unit(world, marking="PARTNERS")
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7))
    assert (sel1.owner_id, sel1.marking) == (world.aze.pk, "PARTNERS")
    coordinator = actor(world, "aze_coordinator")
    result = result_create(
        actor=coordinator,
        data={"evaluation": sel1, "area": "Logistics", "grade": "Good", "marking": "BILATERAL"},
    )
    assert (result.owner_id, result.marking) == (world.aze.pk, "BILATERAL")
    with pytest.raises(ValidationError) as caught:
        result_create(
            actor=coordinator,
            data={"evaluation": sel1, "owner": world.geo, "area": "x", "grade": "Good"},
        )
    assert caught.value.message_dict == {"owner": ["This field cannot be set."]}


def test_result_grades_come_from_the_evaluation_scale(world: Any) -> None:
    battalion = unit(world)
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7), grade_scale=["Pass", "Fail"])
    coordinator = actor(world, "aze_coordinator")
    with pytest.raises(ValidationError) as caught:
        result_create(
            actor=coordinator, data={"evaluation": sel1, "area": "Medical", "grade": "Good"}
        )
    assert caught.value.message_dict == {
        "grade": ["Choose a grade of this evaluation's scale: Pass, Fail."]
    }
    result = result_create(
        actor=coordinator, data={"evaluation": sel1, "area": "Medical", "grade": "Pass"}
    )
    with pytest.raises(ValidationError) as caught:
        evaluation_update(
            sel1, actor=coordinator, expected_version=1, data={"grade_scale": ["Fail"]}
        )
    assert caught.value.message_dict == {
        "grade_scale": ["Area results use grades missing from this scale: Pass."]
    }
    with pytest.raises(ValidationError) as caught:
        result_create(
            actor=coordinator, data={"evaluation": sel1, "area": "Medical", "grade": "Fail"}
        )
    assert "__all__" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        result_update(
            result,
            actor=coordinator,
            expected_version=1,
            data={"evaluation": evaluation(battalion, "SEL1", D(2011, 11, 7))},
        )
    assert caught.value.message_dict == {
        "evaluation": ["This cannot be changed; delete and record it again."]
    }
    assert list(EvaluationResult.objects.values_list("area", "grade")) == [("Medical", "Pass")]


def test_evaluation_of_another_nation_cannot_be_recorded(world: Any) -> None:
    battalion = unit(world)
    with pytest.raises(ValidationError) as caught:
        evaluation(battalion, "SEL1", D(2011, 10, 7), by=actor(world, "geo_coordinator"))
    assert caught.value.message_dict == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    with pytest.raises(ValidationError):
        evaluation(battalion, "SEL1", D(2011, 10, 7), by=actor(world, "aze_viewer"))
    assert Evaluation.objects.count() == 0


def test_remedial_actions_move_through_their_transitions(world: Any) -> None:
    battalion = unit(world)
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7))
    coordinator = actor(world, "aze_coordinator")
    action = remedial_create(
        actor=coordinator,
        data={
            "evaluation": sel1,
            "text": "Translate SOPs",
            "owner_name": "S3",
            "deadline": D(2012, 3, 1),
        },
    )
    assert (action.status, action.is_overdue(D(2012, 3, 2)), action.is_overdue(D(2012, 3, 1))) == (
        "OPEN",
        True,
        False,
    )
    action = remedial_transition(action, actor=coordinator, expected_version=1, target="DONE")
    assert (action.status, action.version, action.is_overdue(D(2020, 1, 1))) == ("DONE", 2, False)
    with pytest.raises(ValidationError) as caught:
        remedial_transition(action, actor=coordinator, expected_version=2, target="OPEN")
    assert caught.value.message_dict == {
        "status": ["Cannot move from Done to Open. From Done it can move to: In progress."]
    }
    with pytest.raises(Forbidden):
        remedial_transition(
            action, actor=actor(world, "aze_viewer"), expected_version=2, target="IN_PROGRESS"
        )
    action.refresh_from_db()
    assert (action.status, action.version) == ("DONE", 2)
    assert [a for a, _ in _audit("remedialaction")] == ["CREATE", "UPDATE"]
    assert RemedialAction.objects.count() == 1


def test_system_actor_is_recorded_as_system(world: Any) -> None:
    unit(world)
    assert ChangeRecord.objects.get().actor_label == "system"
    assert Actor.system().label == "system"
