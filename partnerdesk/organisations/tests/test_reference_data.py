"""The shipped reference data answers 'how many Allies / which partners on date X'."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Membership, Organisation
from partnerdesk.organisations.selectors import allies_on, members_on, partners_on
from partnerdesk.organisations.services import reference_load
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())


@pytest.mark.parametrize(
    ("day", "count"),
    [
        ("1949-04-04", 12),
        ("1952-12-31", 14),
        ("1955-12-31", 15),
        ("1982-12-31", 16),
        ("1999-12-31", 19),
        ("2004-03-28", 19),
        ("2004-03-29", 26),
        ("2009-04-01", 28),
        ("2016-06-30", 28),
        ("2017-06-05", 29),
        ("2020-12-31", 30),
        ("2023-12-31", 31),
        ("2024-12-31", 32),
    ],
)
def test_allies_by_date(reference: None, day: str, count: int) -> None:
    assert allies_on(dt.date.fromisoformat(day)).count() == count


def test_partners_in_2016_by_framework(reference: None) -> None:
    day = dt.date(2016, 6, 30)
    counts = {fw: partners_on(day, fw).count() for fw in ("EAPC_PFP", "MD", "ICI", "GLOBAL")}
    assert counts == {"EAPC_PFP": 22, "MD": 7, "ICI": 4, "GLOBAL": 8}
    assert partners_on(day).count() == 41
    assert "Azerbaijan" in set(partners_on(day, "EAPC_PFP").values_list("name", flat=True))
    # Montenegro was a partner until it became the 29th Ally.
    assert members_on(dt.date(2017, 6, 4), "EAPC_PFP").filter(code="MNE").exists()
    assert not partners_on(dt.date(2017, 6, 5)).filter(code="MNE").exists()
    assert allies_on(dt.date(2017, 6, 5)).filter(code="MNE").exists()


def test_every_membership_cites_a_source(reference: None) -> None:
    assert Membership.objects.filter(sources__isnull=True).count() == 0
    azerbaijan = Membership.objects.get(organisation__code="AZE")
    assert (azerbaijan.framework, azerbaijan.start) == ("EAPC_PFP", dt.date(1994, 5, 4))
    assert "S94" in set(azerbaijan.sources.values_list("key", flat=True))


def test_loading_twice_changes_nothing(reference: None) -> None:
    rows = (Organisation.objects.count(), Membership.objects.count(), Source.objects.count())
    log = ChangeRecord.objects.count()
    report = reference_load(actor=Actor.system())
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == sum(rows)
    assert (
        Organisation.objects.count(),
        Membership.objects.count(),
        Source.objects.count(),
    ) == rows
    assert ChangeRecord.objects.count() == log == sum(rows)


def test_api_answers_members_on_a_date(reference: None, api_client_for: object) -> None:
    from partnerdesk.accounts.models import User

    viewer = User.objects.create(
        username="v", role="ANALYST", organisation=Organisation.objects.get(code="NATO-IS")
    )
    client = api_client_for(viewer)
    response = client.get("/api/v1/organisations/", {"member_of": "NATO", "on": "2016-06-30"})
    assert response.json()["count"] == 28
    response = client.get("/api/v1/organisations/", {"member_of": "NATO", "on": "2016-13-45"})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"on": ["Enter a valid date."]}
