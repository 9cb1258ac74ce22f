"""The OCC demo data: sourced facts, derived states on 23 Nov 2026, idempotent loading."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.occ.demo import load_demo
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)
from partnerdesk.occ.selectors import certification_due, occunit_list, occunit_state
from partnerdesk.occ.services import occunit_update
from partnerdesk.organisations.services import reference_load
from partnerdesk.sources.services import source_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )


def test_demo_loads_sourced_facts_and_is_idempotent(reference: None) -> None:
    created = load_demo(actor=Actor.system())
    counts = tuple(
        m.objects.count()
        for m in (OccUnit, Evaluation, EvaluationResult, Certification, RemedialAction)
    )
    assert counts == (7, 17, 10, 4, 3)
    assert created == sum(counts)
    # one row per created row, plus the renewal marking the first Georgian certificate
    assert ChangeRecord.objects.filter(content_type__app_label="occ").count() == created + 1
    # every fact cites a source
    for model in (OccUnit, Evaluation, EvaluationResult, Certification, RemedialAction):
        assert not model.objects.filter(sources=None).exists(), model
    battalion = OccUnit.objects.get(name="OCC infantry battalion")
    assert battalion.declared_display == "2010"
    assert [
        (e.get_level_display(), e.dates_display, e.outcome)
        for e in battalion.evaluations.order_by("start_on")
    ] == [
        ("SEL-1", "7–16 Oct 2011", "PASSED"),
        ("NEL-1", "18–24 Jun 2012", "PASSED"),
        ("SEL-2", "October 2013", "PASSED"),
        ("NEL-2", "2014", "PASSED"),
        ("Re-evaluation", "31 May–2 Jun 2017", "PENDING"),
    ]
    reeval = battalion.evaluations.get(level="REEVAL")
    assert (reeval.place, reeval.personnel, reeval.vehicles, reeval.helicopters) == (
        "Garaheybat training area",
        700,
        80,
        4,
    )
    assert list(reeval.sources.values_list("key", flat=True)) == ["S23"]
    helicopters = Evaluation.objects.get(unit__name__startswith="Air Force helicopter")
    command = getattr(helicopters.monitoring_command, "code", None)
    assert (command, helicopters.dates_display) == ("AIRCOM", "September 2019")
    states = {
        unit.name: occunit_state(unit, today=TODAY).status
        for unit in occunit_list(_reader()).order_by("name")
    }
    assert states == {
        "Air Force helicopter detachment (two Mi-17)": "DECLARED",
        "Light infantry battalion": "REVALIDATION_DUE",
        "Maritime interdiction operations boarding party": "LAPSED",
        "OCC infantry battalion": "REMEDIAL_PLAN_OPEN",
        "OCC infantry company": "NEL1_PASSED",
        "OCC reconnaissance company": "DECLARED",
        "Peacekeeping infantry company": "REMEDIAL_PLAN_OPEN",
    }
    due = [(c.unit.name, c.validity_display) for c in certification_due(_reader(), today=TODAY)]
    assert due == [
        ("OCC infantry battalion", "2014–2017"),
        ("Maritime interdiction operations boarding party", "November 2022–November 2025"),
        ("Light infantry battalion", "18 Mar 2024–18 Mar 2027"),
    ]
    # a user's change survives a second load, which creates nothing
    party = OccUnit.objects.get(name="Maritime interdiction operations boarding party")
    occunit_update(party, actor=Actor.system(), expected_version=1, data={"note": "Ours"})
    assert load_demo(actor=Actor.system()) == 0
    party.refresh_from_db()
    assert (party.note, party.version) == ("Ours", 2)


def _reader() -> Any:
    """An alliance staff user covering every nation (sees all but NATIONAL_ONLY)."""
    from django.contrib.auth import get_user_model

    from partnerdesk.organisations.models import Organisation

    user_model = get_user_model()
    user = user_model.objects.filter(username="demo_reader").first()
    if user is None:
        user = user_model.objects.create(
            username="demo_reader",
            role="ALLIANCE_STAFF",
            organisation=Organisation.objects.get(code="NATO-IS"),
            all_nations=True,
        )
    return user
