"""The demo plans load through the services, cite their sources and load only once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.services import reference_load
from partnerdesk.plans.demo import load_demo
from partnerdesk.plans.models import Commitment, Decision, Objective, Plan
from partnerdesk.plans.selectors import plan_compare
from partnerdesk.sources.services import source_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )


def test_demo_loads_once_and_never_overwrites(reference: None) -> None:
    created = load_demo(actor=Actor.system())
    rows = sum(m.objects.count() for m in (Plan, Decision, Objective, Commitment))
    assert created > rows  # chapters are counted too
    log_size = ChangeRecord.objects.count()
    plan = Plan.objects.get(owner__code="AZE", period_start__year=2017)
    Objective.objects.filter(plan=plan, code="1.4").update(text="Changed by a user")
    assert load_demo(actor=Actor.system()) == 0
    assert ChangeRecord.objects.count() == log_size
    assert Objective.objects.get(plan=plan, code="1.4").text == "Changed by a user"


def test_demo_has_the_azerbaijan_ipap_sequence(reference: None) -> None:
    load_demo(actor=Actor.system())
    aze = list(
        Plan.objects.filter(owner__code="AZE", plan_type="IPAP")
        .order_by("period_start")
        .values_list("period_start__year", "period_end__year", "status", "predecessor__title")
    )
    assert aze == [
        (2005, 2007, "SUPERSEDED", None),
        (2008, 2010, "CLOSED", "Azerbaijan IPAP 2005–2007"),
        (2012, 2013, "CLOSED", "Azerbaijan IPAP 2008–2010 (revised)"),
        (2015, 2016, "CLOSED", "Azerbaijan IPAP 2012–2013"),
        (2017, 2018, "IN_IMPLEMENTATION", "Azerbaijan IPAP 2015–2016 (fourth stage)"),
    ]
    first = Plan.objects.get(owner__code="AZE", period_start__year=2005)
    decision = first.decisions.get()
    assert (decision.body, decision.decided_on.isoformat()) == ("NAC", "2005-05-27")
    assert list(decision.sources.values_list("key", flat=True)) == ["S13"]
    revised = Decision.objects.get(plan__period_start__year=2008, plan__owner__code="AZE")
    assert revised.decided_on.isoformat() == "2008-03-07"
    silence = Decision.objects.get(method="SILENCE_PROCEDURE")
    assert silence.silence_deadline is not None
    stalled = ChangeRecord.objects.filter(
        object_id=str(Plan.objects.get(owner__code="AZE", period_start__year=2012).pk),
        content_type__model="plan",
        after__status="STALLED",
    )
    assert stalled.count() == 1


def test_demo_carries_over_and_compares(reference: None) -> None:
    load_demo(actor=Actor.system())
    old = Plan.objects.get(owner__code="AZE", period_start__year=2015)
    new = Plan.objects.get(owner__code="AZE", period_start__year=2017)
    carried = new.objectives.exclude(carried_from=None)
    assert sorted(carried.values_list("code", flat=True)) == [
        "1.2", "1.3", "2.1", "2.3", "3.2", "3.3", "4.2", "4.3", "5.1", "6.2", "6.3",
    ]  # fmt: skip
    assert all(o.carried_from.plan_id == old.pk for o in carried)
    for chapter in new.chapters.all():
        assert 3 <= chapter.objectives.count() <= 5, chapter.code
    statuses = set(
        Commitment.objects.filter(objective__plan__in=[old, new]).values_list("status", flat=True)
    )
    assert {"DELAYED", "COMPLETED_AHEAD", "COMPLETED", "IN_PROGRESS"} <= statuses
    annex = new.objectives.get(code="6.4")
    assert annex.marking == "NATIONAL_ONLY"
    assert {o.owner.code for o in Objective.objects.select_related("owner")} == {
        "AZE",
        "GEO",
        "ARM",
    }
    assert Objective.objects.filter(sources__key="DEMO").count() == Objective.objects.count()
    staff = get_user_model().objects.create(
        username="staff",
        role="ALLIANCE_STAFF",
        organisation=Organisation.objects.get(code="NATO-IS"),
        all_nations=True,
    )
    comparison = plan_compare(staff, old, new)
    assert comparison.counts == {"added": 6, "dropped": 7, "reworded": 3, "carried": 9}
    assert [(m.old.code, m.new.code, m.via) for m in comparison.reworded] == [
        ("1.2", "1.2", "link"),
        ("2.1", "2.1", "link"),
        ("2.4", "2.6", "similarity"),  # the wording of defence education moved on
    ]
    agencies = set(
        Commitment.objects.filter(objective__plan=new).values_list("agency__code", flat=True)
    )
    assert agencies <= {"AZE-MOD", "AZE-MFA", "AZE-MES", "AZE-MNS", "AZE-SBS", "AZE-MIA"}
