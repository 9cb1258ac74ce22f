"""Web pages: names only for the sending nation, forms, headcount page, constant queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.staffing.charts import bar_chart_svg
from partnerdesk.staffing.models import Posting
from partnerdesk.staffing.selectors import pseudonym
from partnerdesk.staffing.services import posting_update
from partnerdesk.staffing.tests.helpers import SECRET_NAME, actor, posting, reported

pytestmark = pytest.mark.django_db
D = dt.date
OWN = {"aze_coordinator", "aze_assessor", "aze_viewer"}
OTHERS = {
    "geo_coordinator",
    "geo_viewer",
    "staff_all",
    "staff_geo",
    "alliance_assessor",
    "analyst",
    "admin",
}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(OWN | OTHERS))
def test_name_appears_only_for_the_sending_nation(world: Any, name: str) -> None:
    row = posting(world, marking="PUBLIC")
    posting_update(
        row,
        actor=actor(world, "aze_coordinator"),
        expected_version=1,
        data={"person_name": SECRET_NAME + " Jr", "rank": "Colonel"},
    )
    client = _client(world.users[name])
    alias = pseudonym(row.pk, "AZE")
    pages = [
        reverse("staffing:list"),
        reverse("staffing:detail", args=[row.pk]),
        reverse("staffing:history", args=[row.pk]),
        reverse("core:changes"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if name in OWN and url != pages[2] and url != pages[3]:
            assert f"{SECRET_NAME} Jr" in html, url
        else:
            assert SECRET_NAME not in html, url
    detail = client.get(pages[1]).content.decode()
    assert (alias in detail) is (name not in OWN)
    # the change log shows the name change as a new revision, never the name
    history = client.get(pages[2]).content.decode()
    assert "<code>name_revision</code>" in history
    assert "Secretname" not in history


def test_edit_form_offers_the_name_only_to_the_sending_nation(world: Any) -> None:
    row = posting(world)
    url = reverse("staffing:update", args=[row.pk])
    own = _client(world.users["aze_coordinator"]).get(url).content.decode()
    assert 'name="person_name"' in own
    assert f'value="{SECRET_NAME}"' in own
    staff = _client(world.users["staff_all"]).get(url).content.decode()
    assert 'name="person_name"' not in staff
    assert SECRET_NAME not in staff
    create = _client(world.users["staff_all"]).get(reverse("staffing:create")).content.decode()
    assert 'name="person_name"' not in create


def test_staff_edit_keeps_the_name_and_bad_input_shows_field_errors(world: Any) -> None:
    row = posting(world)
    client = _client(world.users["staff_all"])
    form = {
        "owner": world.aze.pk,
        "marking": "BILATERAL",
        "scheme": "PSE",
        "rank": "Colonel",
        "host": world.nato.pk,
        "post_title": "Senior staff officer",
        "start_on": "2015-03-01",
        "start_precision": "DAY",
        "end_on": "2015-02-01",
        "end_precision": "DAY",
        "funding": "NATIONAL",
        "version": "1",
    }
    bad = client.post(reverse("staffing:update", args=[row.pk]), form)
    assert bad.status_code == 400
    assert "The end (1 Feb 2015) is before the start (1 Mar 2015)." in bad.content.decode()
    form["end_on"] = ""
    good = client.post(reverse("staffing:update", args=[row.pk]), form)
    assert good.status_code == 302
    row.refresh_from_db()
    assert (row.post_title, row.rank, row.person_name, row.version) == (
        "Senior staff officer",
        "Colonel",
        SECRET_NAME,
        2,
    )


def test_coordinator_records_a_posting_with_a_name(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("staffing:create"),
        {
            "owner": world.aze.pk,
            "marking": "BILATERAL",
            "scheme": "VNC",
            "person_name": "Aysel Testova",
            "host": world.nato.pk,
            "post_title": "Civil emergency expert",
            "start_on": "2009-06-15",
            "start_precision": "YEAR",
            "end_precision": "DAY",
            "funding": "NATIONAL",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    created = Posting.objects.get()
    assert (created.person_name, created.start_display, created.end_display) == (
        "Aysel Testova",
        "2009",
        "serving",
    )
    assert response["Location"] == f"/staff/postings/{created.pk}/"


def test_headcount_page(world: Any) -> None:
    posting(world, marking="PUBLIC", start=D(2016, 1, 1), precision="MONTH")
    posting(world, marking="PUBLIC", start=D(2016, 1, 1), at="SHAPE")
    reported(world, marking="PUBLIC", count=1, as_of=D(2016, 3, 7), wording="one officer")
    client = _client(world.users["analyst"])
    url = reverse("staffing:headcount")
    page = client.get(url, {"nation": "AZE", "on": "2016-03-07", "scope": "NATO_HQ"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<strong>1</strong> officer serving — NATO HQ (Brussels) only." in html
    assert "“one officer”" in html
    assert '<span class="badge badge-verified">agrees</span>' in html
    assert '<title id="staff-chart-title">Azerbaijan: officers serving on 1 July' in html
    all_bodies = client.get(url, {"nation": "AZE", "on": "2016-03-07", "scope": "ALL_BODIES"})
    assert "<strong>2</strong> officers serving — All NATO bodies" in all_bodies.content.decode()
    bad = client.get(url, {"nation": "AZE", "on": "7 March", "scope": "NATO_HQ"})
    assert bad.status_code == 400
    assert "Enter a valid date." in bad.content.decode()
    empty = _client(world.users["geo_viewer"]).get(url)
    assert empty.status_code == 200
    assert "Staff headcount — Azerbaijan" in empty.content.decode()


def test_chart_escapes_labels_and_is_empty_without_bars() -> None:
    svg = bar_chart_svg([("<2016>", 3, True), ("2017", 0, False)], title="A & B")
    assert '<title id="staff-chart-title">A &amp; B</title>' in svg
    assert "&lt;2016&gt;: 3 officers" in svg
    assert svg.count("<rect") == 4  # two bars and two legend keys
    assert bar_chart_svg([], title="x") == ""


def _fill(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        posting(world, marking="PUBLIC", post_title=f"Post {index}", start=D(2010 + index, 1, 1))
        reported(world, marking="PUBLIC", count=index, as_of=D(2010 + index, 3, 1))


@pytest.mark.parametrize("page", ["list", "headcount", "detail"])
def test_page_query_count_does_not_grow_with_rows(world: Any, page: str) -> None:
    client = _client(world.users["staff_all"])
    _fill(world, 3, 0)
    first = Posting.objects.order_by("pk").first()
    assert first is not None
    urls = {
        "list": reverse("staffing:list"),
        "headcount": reverse("staffing:headcount") + "?nation=AZE&on=2016-01-01&scope=ALL_BODIES",
        "detail": first.get_absolute_url(),
    }
    client.get(urls[page])
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    _fill(world, 6, 3)
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
