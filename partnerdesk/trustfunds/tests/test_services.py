"""Trust-fund services: the life cycle, validation messages, children following their project."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.trustfunds.choices import PROJECT_TRANSITIONS, STATUS_ORDER, next_statuses
from partnerdesk.trustfunds.services import (
    agreement_create,
    contribution_create,
    contribution_update,
    phase_create,
    phase_delete,
    phase_update,
    project_create,
    project_transition,
    project_update,
)
from partnerdesk.trustfunds.tests.helpers import actor, contribution, kpi, org, phase, project

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system()


def test_transitions_go_one_step_either_way_and_branch_after_a_phase() -> None:
    assert len(STATUS_ORDER) == 11
    assert next_statuses("REQUESTED") == ["SCOPING"]
    assert next_statuses("FUNDRAISING") == ["PRESENTED", "AGREEMENTS_SIGNED"]
    assert next_statuses("PHASE_COMPLETED") == ["IN_EXECUTION", "CLOSED"]
    assert next_statuses("CLOSED") == ["PHASE_COMPLETED"]
    assert all(len(moves) in (1, 2) for moves in PROJECT_TRANSITIONS.values())


def test_a_project_walks_its_life_cycle_and_a_skipped_step_is_refused(world: Any) -> None:
    saloglu = project(world)
    assert (saloglu.status, saloglu.requested_display) == ("REQUESTED", "December 2001")
    assert saloglu.requested_on == dt.date(2001, 12, 1)
    with pytest.raises(ValidationError) as refused:
        project_transition(saloglu, actor=SYSTEM, expected_version=1, target="FEASIBILITY")
    assert refused.value.message_dict == {
        "status": [
            "Cannot move from Requested to Feasibility study. From Requested it can move "
            "to: Scoping."
        ]
    }
    version = 1
    for target in STATUS_ORDER[1:]:
        saloglu = project_transition(saloglu, actor=SYSTEM, expected_version=version, target=target)
        version += 1
    assert (saloglu.status, saloglu.version) == ("CLOSED", 11)
    # one step back corrects a mistake; a completed phase leads to the next phase's execution
    saloglu = project_transition(
        saloglu, actor=SYSTEM, expected_version=11, target="PHASE_COMPLETED"
    )
    saloglu = project_transition(saloglu, actor=SYSTEM, expected_version=12, target="IN_EXECUTION")
    assert saloglu.status == "IN_EXECUTION"
    with pytest.raises(ValidationError) as refused:
        project_transition(saloglu, actor=SYSTEM, expected_version=13, target="CLOSED")
    assert refused.value.messages == [
        "Cannot move from In execution to Closed. From In execution it can move to: "
        "Agreements signed, Phase completed."
    ]
    with pytest.raises(ValidationError, match="Unknown status 'DONE'"):
        project_transition(saloglu, actor=SYSTEM, expected_version=13, target="DONE")
    with pytest.raises(VersionConflict):
        project_transition(saloglu, actor=SYSTEM, expected_version=2, target="PHASE_COMPLETED")
    moves = ChangeRecord.objects.filter(content_type__model="project", action="UPDATE")
    assert moves.count() == 12


def test_the_status_changes_only_by_moves(world: Any) -> None:
    saloglu = project(world)
    with pytest.raises(ValidationError) as refused:
        project_update(saloglu, actor=SYSTEM, expected_version=1, data={"status": "CLOSED"})
    assert refused.value.message_dict == {
        "status": ["Change the status with a move along the life cycle."]
    }
    same = project_update(saloglu, actor=SYSTEM, expected_version=1, data={"status": "REQUESTED"})
    assert same.version == 1


def test_money_needs_its_currency_and_is_exact(world: Any) -> None:
    saloglu = project(world)
    with pytest.raises(ValidationError) as refused:
        phase_create(
            actor=SYSTEM, data={"project": saloglu, "number": 1, "budget": Decimal("1400000")}
        )
    assert refused.value.message_dict == {"currency": ["Give the currency of the amount."]}
    with pytest.raises(ValidationError) as refused:
        phase_create(actor=SYSTEM, data={"project": saloglu, "number": 1, "currency": "EUR"})
    assert refused.value.message_dict == {
        "budget": ["Give the amount in this currency, or leave the currency empty."]
    }
    with pytest.raises(ValidationError) as refused:
        phase_create(
            actor=SYSTEM,
            data={"project": saloglu, "number": 1, "budget": Decimal("0.001"), "currency": "EUR"},
        )
    assert refused.value.message_dict == {
        "budget": [
            "Give an amount greater than zero.",
            "Ensure that there are no more than 2 decimal places.",
        ]
    }
    first = phase(saloglu, 1, budget="440000.10")
    first.refresh_from_db()
    assert (first.budget, first.budget_display) == (Decimal("440000.10"), "EUR 440,000.10")
    assert first.owner_id == world.aze.pk
    assert first.marking == "BILATERAL"
    with pytest.raises(ValidationError) as refused:
        phase(saloglu, 1)
    assert refused.value.message_dict == {
        "__all__": ["Phase with this Project and Number already exists."]
    }


def test_contributions_validate_in_kind_and_amounts(world: Any) -> None:
    first = phase(project(world), 1, budget="440000.00")
    turkey = org("TUR", "Türkiye")
    with pytest.raises(ValidationError) as refused:
        contribution_create(actor=SYSTEM, data={"phase": first, "donor": turkey, "in_kind": True})
    assert refused.value.message_dict == {"in_kind_description": ["Say what is given in kind."]}
    with pytest.raises(ValidationError) as refused:
        contribution(first, turkey, "-5.00")
    assert refused.value.message_dict == {"amount": ["Give an amount greater than zero."]}
    pledged = contribution(
        first, turkey, "50000.00", date=dt.date(2007, 6, 9), date_precision="YEAR"
    )
    assert (pledged.amount_display, pledged.date_display, pledged.status) == (
        "EUR 50,000.00",
        "2007",
        "PLEDGED",
    )
    unknown = contribution(first, org("FIN", "Finland"), None)
    assert str(unknown) == "Finland: amount not given"
    paid = contribution_update(pledged, actor=SYSTEM, expected_version=1, data={"status": "PAID"})
    assert (paid.status, paid.version) == ("PAID", 2)
    with pytest.raises(ValidationError) as refused:
        contribution_update(
            paid, actor=SYSTEM, expected_version=2, data={"phase": phase(first.project, 2)}
        )
    assert refused.value.message_dict == {
        "phase": ["This cannot be changed; delete and record it again."]
    }
    with pytest.raises(ValidationError) as refused:
        contribution_create(
            actor=SYSTEM, data={"phase": first, "donor": turkey, "owner": world.geo}
        )
    assert refused.value.message_dict == {"owner": ["This field cannot be set."]}


def test_lead_nations_are_states_and_agreements_stay_in_their_project(world: Any) -> None:
    saloglu = project(world)
    nspa = org("NSPA", "NATO Support and Procurement Agency", "NATO_AGENCY")
    with pytest.raises(ValidationError) as refused:
        phase_create(
            actor=SYSTEM, data={"project": saloglu, "number": 1, "lead_nations": [nspa.pk]}
        )
    assert refused.value.message_dict == {
        "lead_nations": ["Lead nations are states; not: NATO Support and Procurement Agency."]
    }
    first = phase(saloglu, 1, lead_nations=[org("USA", "United States").pk])
    third = phase_update(
        phase(saloglu, 3), actor=SYSTEM, expected_version=1, data={"lead_nations": [org("TUR").pk]}
    )
    assert [n.code for n in first.lead_nations.all()] == ["USA"]
    assert [n.code for n in third.lead_nations.all()] == ["TUR"]
    other = phase(project(world, title="Jeyranchel clearance"), 1)
    with pytest.raises(ValidationError) as refused:
        agreement_create(
            actor=SYSTEM,
            data={
                "project": saloglu,
                "phase": other,
                "kind": "FMA",
                "signed_on": dt.date(2005, 2, 14),
            },
        )
    assert refused.value.message_dict == {"phase": ["This phase belongs to another project."]}
    with pytest.raises(ValidationError) as refused:
        agreement_create(actor=SYSTEM, data={"project": saloglu, "kind": "MOU", "sources": [999]})
    assert refused.value.message_dict == {"sources": ["No source with id 999."]}


def test_kpis_take_the_usual_unit_and_keep_qualifiers(world: Any) -> None:
    first = phase(project(world), 1)
    located = kpi(first, "ITEMS_LOCATED", "298640", dt.date(2008, 6, 30), detail="UXO")
    cleared = kpi(
        first, "SQUARE_METRES_CLEARED", "5680000", dt.date(2011, 7, 1), qualifier="MORE_THAN"
    )
    tonnes = kpi(first, "TONNES_NEUTRALISED", "950.500", dt.date(2007, 1, 1), unit="tonnes")
    assert [(k.label, k.value_display, k.as_of_display) for k in (located, cleared, tonnes)] == [
        ("Items located (UXO)", "298,640 items", "June 2008"),
        ("Square metres cleared", ">5,680,000 m²", "July 2011"),
        ("Tonnes neutralised", "950.5 tonnes", "January 2007"),
    ]
    with pytest.raises(ValidationError) as refused:
        kpi(first, "OTHER", "3", dt.date(2010, 1, 1))
    assert refused.value.message_dict == {"detail": ["Say what an “other” KPI counts."]}


def test_rights_follow_the_marking_and_protected_rows_explain_themselves(world: Any) -> None:
    saloglu = project(world)
    first = phase(saloglu, 1)
    contribution(first, org("TUR"), "1.00")
    with pytest.raises(Forbidden):
        phase_update(
            first, actor=actor(world, "aze_viewer"), expected_version=1, data={"title": "x"}
        )
    with pytest.raises(ValidationError) as refused:
        project_create(
            actor=actor(world, "geo_coordinator"),
            data={"owner": world.aze, "title": "Foreign", "theme": "SALW"},
        )
    assert refused.value.message_dict == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    with pytest.raises(ValidationError) as refused:
        phase_delete(first, actor=actor(world, "aze_coordinator"), expected_version=1)
    assert refused.value.messages == [
        "“Saloglu UXO clearance — phase 1” still has contributions; delete those first."
    ]
    with pytest.raises(ValidationError) as refused:
        project_update(saloglu, actor=SYSTEM, expected_version=1, data={"owner": world.geo})
    assert refused.value.message_dict == {
        "owner": ["A project with phases cannot move to another nation."]
    }
