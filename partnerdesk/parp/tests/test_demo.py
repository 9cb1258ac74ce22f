"""The PARP demo: the computed series equals the sourced one, and loading twice adds nothing."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.parp import selectors
from partnerdesk.parp.demo import load_demo
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    from partnerdesk.organisations.services import reference_load
    from partnerdesk.sources.services import source_create

    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )


def test_load_demo_is_idempotent_and_matches_the_sources(reference: None) -> None:
    created = load_demo(actor=Actor.system())
    rows = (
        ParpCycle.objects.count(),
        PartnershipGoal.objects.count(),
        SurveyAnswer.objects.count(),
        GoalAssessment.objects.count(),
    )
    assert rows == (7, 27 + 33 + 44 + 42 + 41 + 7 + 5, 4, 4)
    assert created == sum(rows)
    audit = ChangeRecord.objects.filter(content_type__app_label="parp").count()
    assert audit == created
    assert load_demo(actor=Actor.system()) == 0
    assert ChangeRecord.objects.filter(content_type__app_label="parp").count() == audit

    aze = Organisation.objects.get(code="AZE")
    points = selectors.goal_series(_viewer(aze), aze.pk)
    assert [(p.label, p.total, p.armed_forces) for p in points] == [
        ("2000–2002", 27, None),
        ("2004–2006", 33, None),
        ("2012–2014", 44, 31),
        ("2014–2016", 42, 28),
        ("2016–2018", 41, 27),
    ]
    assert points[2].totals.armed_forces_by_service == {
        "GENERAL": 18,
        "LAND": 7,
        "NAVY": 2,
        "AIR": 4,
    }
    assert points[3].totals.armed_forces_by_service == {
        "GENERAL": 18,
        "LAND": 5,
        "NAVY": 1,
        "AIR": 4,
    }
    assert sum(points[4].totals.armed_forces_by_service.values()) == 27

    last = ParpCycle.objects.get(owner=aze, start_year=2016)
    assert (str(last.assessment_discussed_on), last.forum, last.step) == (
        "2017-05-02",
        "PCSC (NATO + Azerbaijan)",
        "ASSESSMENT_DISCUSSED",
    )
    assert sorted(str(k) for k in last.sources.values_list("key", flat=True)) == [
        "DEMO",
        "S63",
        "S73",
    ]
    first = ParpCycle.objects.get(owner=aze, start_year=2000)
    assert sorted(str(k) for k in first.sources.values_list("key", flat=True)) == [
        "DEMO",
        "S66",
        "S67",
        "S69",
    ]
    assert not PartnershipGoal.objects.exclude(sources__key="DEMO").exists()
    carried = PartnershipGoal.objects.filter(
        owner=aze, cycle__start_year=2016, carried_from__isnull=False
    )
    assert carried.exists()
    assert all(g.carried_from.cycle.start_year == 2014 for g in carried)
    assert ParpCycle.objects.filter(owner__code__in=["GEO", "ARM"]).count() == 2


def test_load_demo_keeps_user_changes(reference: None) -> None:
    load_demo(actor=Actor.system())
    goal = (
        PartnershipGoal.objects.filter(cycle__start_year=2016, owner__code="AZE")
        .order_by("code")
        .first()
    )
    assert goal is not None
    PartnershipGoal.objects.filter(pk=goal.pk).update(title="Changed by a user")
    assert load_demo(actor=Actor.system()) == 0
    goal.refresh_from_db()
    assert goal.title == "Changed by a user"


def _viewer(aze: Any) -> Any:
    from partnerdesk.accounts.models import User

    return User(username="v", role="PARTNER_VIEWER", organisation=aze, is_active=True)
