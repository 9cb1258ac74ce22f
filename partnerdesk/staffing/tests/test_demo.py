"""The staffing demo: sourced reported figures, illustrative postings that reproduce them,
idempotent loading."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.services import reference_load
from partnerdesk.sources.services import source_create
from partnerdesk.staffing.demo import load_demo
from partnerdesk.staffing.models import Posting, ReportedHeadcount
from partnerdesk.staffing.selectors import compare_reported, headcount, headcount_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Organisation:
    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )
    assert load_demo(actor=Actor.system()) == 26
    return Organisation.objects.get(code="AZE")


def test_demo_is_idempotent_and_cites_sources(demo: Organisation) -> None:
    assert load_demo(actor=Actor.system()) == 0
    assert (Posting.objects.count(), ReportedHeadcount.objects.count()) == (22, 4)
    assert ChangeRecord.objects.filter(content_type__app_label="staffing").count() == 26
    assert not Posting.objects.filter(sources=None).exists()
    assert not ReportedHeadcount.objects.filter(sources=None).exists()
    keys = sorted(str(k) for k in ReportedHeadcount.objects.values_list("sources__key", flat=True))
    assert keys == ["S60", "S61", "S62", "S64"]
    vnc = Posting.objects.filter(scheme="VNC", host__code="EADRCC")
    assert vnc.count() == 2
    assert sorted(str(k) for k in vnc.values_list("sources__key", flat=True)) == [
        "DEMO",
        "DEMO",
        "S57",
        "S57",
        "S58",
        "S58",
    ]
    assert {p.start_display for p in vnc} == {"2009"}


def _user(role: str) -> Any:
    user = get_user_model()(
        username=role.lower(), role=role, organisation=Organisation.objects.get(code="NATO-IS")
    )
    user.save()
    return user


def test_demo_reproduces_the_three_public_figures(demo: Organisation) -> None:
    user = _user("ANALYST")
    march_2014 = [dt.date(2014, 3, day) for day in range(1, 32)]
    assert {headcount(user, demo.pk, on=d, scope="ALL_BODIES") for d in march_2014} == {7}
    assert headcount(user, demo.pk, on=dt.date(2016, 3, 7), scope="NATO_HQ") == 12
    assert headcount(user, demo.pk, on=dt.date(2016, 6, 30), scope="NATO_HQ") == 10
    # the other scope reads differently on the same days
    assert headcount(user, demo.pk, on=dt.date(2014, 3, 25), scope="NATO_HQ") == 5
    assert headcount(user, demo.pk, on=dt.date(2016, 3, 7), scope="ALL_BODIES") == 13
    assert headcount(user, demo.pk, on=dt.date(2016, 3, 7), scope="NATO_HQ", scheme="VNC") == 2
    comparisons = compare_reported(user, demo.pk, today=dt.date(2026, 11, 23))
    assert [(c.reported.figure, c.computed, c.matches) for c in comparisons] == [
        ("7", 7, True),
        ("12", 12, True),
        ("10", 10, True),
        (">40", 22, False),
    ]


def test_demo_series(demo: Organisation) -> None:
    points = headcount_series(_user("ALLIANCE_STAFF"), demo.pk, scope="NATO_HQ", years=(2008, 2017))
    assert [(p.year, p.count, p.started, p.ended) for p in points] == [
        (2008, 1, 1, 0),
        (2009, 4, 2, 1),
        (2010, 3, 0, 0),
        (2011, 4, 1, 1),
        (2012, 3, 0, 0),
        (2013, 4, 1, 0),
        (2014, 5, 3, 1),
        (2015, 8, 4, 1),
        (2016, 10, 3, 2),
        (2017, 9, 0, 1),
    ]
