"""The timeline page, its exports and the milestone pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.models import ChangeRecord
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.tests.helpers import milestone, seed

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_partner_sees_its_own_timeline_without_choosing(world: Any) -> None:
    seed(world)
    page = _client(world.users["aze_viewer"]).get(reverse("timeline:view"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Timeline of Azerbaijan" in text
    assert "4 entries." in text
    assert "March 1992" in text
    assert "Joins NACC" in text
    assert "Mission decree" in text
    assert '<span class="badge badge-single">Single source</span>' in text
    assert "Georgian fact" not in text
    # A partner cannot switch to another nation's timeline through the query string.
    other = _client(world.users["aze_viewer"]).get(reverse("timeline:view") + "?nation=GEO")
    assert "Georgian fact" not in other.content.decode()


def test_alliance_staff_choose_a_nation_and_zoom_into_a_year(world: Any) -> None:
    seed(world)
    client = _client(world.users["staff_all"])
    empty = client.get(reverse("timeline:view")).content.decode()
    assert "Choose a nation to see its timeline." in empty
    page = client.get(reverse("timeline:view") + "?nation=aze").content.decode()
    assert "Timeline of Azerbaijan" in page
    assert 'href="/timeline/?nation=AZE&amp;year=1997"' in page
    year = client.get(reverse("timeline:view") + "?nation=AZE&year=1997").content.decode()
    assert "Timeline of Azerbaijan, 1997" in year
    assert "2 entries." in year
    assert "November 1997" in year
    assert "Sometime in the year" in year
    assert "Joins NACC" not in year


def test_bad_filters_get_clear_messages(world: Any) -> None:
    client = _client(world.users["staff_all"])
    response = client.get(reverse("timeline:view") + "?nation=XYZ&from=19x2&mechanism=bogus")
    text = response.content.decode()
    assert response.status_code == 400
    assert "No partner nation with the code “XYZ”." in text
    assert "“19x2” is not a year between 1945 and 2100." in text
    assert "Unknown mechanism: bogus." in text
    reversed_years = client.get(reverse("timeline:view") + "?nation=AZE&from=2000&to=1990")
    assert "The last year comes before the first year." in reversed_years.content.decode()


def test_exports_follow_the_filters_and_the_readers_rights(world: Any) -> None:
    seed(world)
    url = reverse("timeline:export", args=["csv"]) + "?nation=AZE&from=1990&to=1995"
    body = _client(world.users["analyst"]).get(url).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["when"], r["mechanism"], r["title"], r["sources"]) for r in rows] == [
        ("March 1992", "milestones", "Joins NACC", "S200; S67"),
        ("4 May 1994", "entrydocs", "PfP Framework Document signed", ""),
    ]
    data = _client(world.users["aze_viewer"]).get(
        reverse("timeline:export", args=["json"]) + "?nation=AZE"
    )
    document = json.loads(data.content)
    assert data["Content-Disposition"] == 'attachment; filename="timeline-AZE.json"'
    assert [e["title"] for e in document["entries"]][-1] == "Mission decree"
    assert document["entries"][0]["url"].startswith("http://testserver/timeline/milestones/")
    bad = _client(world.users["staff_all"]).get(reverse("timeline:export", args=["csv"]))
    assert (bad.status_code, bad.content) == (400, b"nation: choose a nation (?nation=CODE).")
    assert _client(world.users["staff_all"]).get("/timeline/export.xml").status_code == 404


def test_milestone_pages_create_edit_and_refuse_foreign_nations(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    form = {
        "owner": world.aze.pk,
        "marking": "BILATERAL",
        "date": "2010-09-17",
        "precision": "MONTH",
        "title": "Talks stall",
        "description": "",
        "category": "COOPERATION",
    }
    response = client.post(reverse("timeline:create"), form)
    created = Milestone.objects.get()
    assert response.status_code == 302
    assert (created.date, created.when) == (dt.date(2010, 9, 1), "September 2010")
    detail = client.get(reverse("timeline:detail", args=[created.pk])).content.decode()
    assert "September 2010" in detail
    assert "(month precision)" in detail
    foreign = client.post(reverse("timeline:create"), form | {"owner": world.geo.pk})
    assert foreign.status_code == 400
    assert "Select a valid choice." in foreign.content.decode()
    assert Milestone.objects.count() == 1
    geo = _client(world.users["geo_coordinator"])
    assert geo.get(reverse("timeline:detail", args=[created.pk])).status_code == 404
    assert geo.get(reverse("timeline:update", args=[created.pk])).status_code == 404
    assert list(ChangeRecord.objects.values_list("action", "actor_label")) == [
        ("CREATE", "aze_coordinator")
    ]


def test_timeline_page_query_count_is_constant(world: Any) -> None:
    client = _client(world.users["staff_all"])

    def count(n: int) -> int:
        for i in range(n):
            milestone(world, f"m{n}-{i}", dt.date(1995 + i, 6, 1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("timeline:view") + "?nation=AZE").status_code == 200
        return len(queries)

    assert count(4) == count(8)
