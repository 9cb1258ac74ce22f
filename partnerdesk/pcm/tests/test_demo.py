"""The demo menu and Azerbaijan's programme: realistic size, deterministic, idempotent."""

from __future__ import annotations

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.services import reference_load
from partnerdesk.parp.demo import load_demo as load_parp
from partnerdesk.pcm.demo import load_demo
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.plans.demo import load_demo as load_plans
from partnerdesk.plans.models import Plan
from partnerdesk.sources.services import source_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )
    load_plans(actor=Actor.system())
    load_parp(actor=Actor.system())


def test_demo_menu_and_programme_load_once(reference: None) -> None:
    created = load_demo(actor=Actor.system())
    counts = {c.year: c.activities.count() for c in Catalogue.objects.all()}
    assert counts == {2013: 1400, 2014: 1410, 2015: 1395, 2016: 1402}
    assert set(Catalogue.objects.values_list("status", flat=True)) == {"PUBLISHED"}
    assert all("Illustrative" in note for note in Catalogue.objects.values_list("note", flat=True))
    carried = Activity.objects.filter(catalogue__year=2014, carried_from__isnull=False).count()
    assert carried == int(1400 * 0.88)
    ipcp = Plan.objects.get(owner__code="AZE", plan_type="IPCP", period_start__year=2015)
    assert (ipcp.title, ipcp.status) == ("Azerbaijan IPCP 2015–2016", "IN_IMPLEMENTATION")
    assert sorted(str(k) for k in ipcp.sources.values_list("key", flat=True)) == [
        "DEMO",
        "S62",
        "S68",
    ]
    per_year = {
        year: ProgrammeLine.objects.filter(
            owner__code="AZE", activity__catalogue__year=year
        ).count()
        for year in (2013, 2014, 2015)
    }
    assert per_year == {2013: 100, 2014: 90, 2015: 198}
    linked = ProgrammeLine.objects.filter(objectives__isnull=False).distinct().count()
    assert linked == 5
    assert ProgrammeLine.objects.filter(goals__isnull=False).distinct().count() >= 1
    assert created == 4 + 5607 + 388 + 2
    log_size = ChangeRecord.objects.count()
    first_codes = list(Activity.objects.order_by("code").values_list("code", "title")[:5])
    assert load_demo(actor=Actor.system()) == 0
    assert ChangeRecord.objects.count() == log_size
    assert list(Activity.objects.order_by("code").values_list("code", "title")[:5]) == first_codes
