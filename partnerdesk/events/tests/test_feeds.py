"""iCal feeds: token secrecy, revocation, deactivated users, and exactly the events the feed's
user may see, per role and per scope (every feed parsed with icalendar)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from partnerdesk.core.actor import Actor
from partnerdesk.events.models import CalendarFeed, Event
from partnerdesk.events.services import feed_create, feed_revoke
from partnerdesk.events.tests.helpers import event, move_to
from partnerdesk.testing.world import ROLE_USERS

pytestmark = pytest.mark.django_db

ACTIVE = [name for name in ROLE_USERS if name != "deactivated"]
TODAY = timezone.localdate()


def _events(world: Any) -> dict[str, Event]:
    start = TODAY + dt.timedelta(days=30)
    made = {
        "public": event(world, title="Public", marking="PUBLIC", start=start),
        "partners": event(world, title="Partners", marking="PARTNERS", start=start),
        "bilateral": event(world, title="Bilateral", marking="BILATERAL", start=start),
        "alliance": event(world, title="Alliance", marking="ALLIANCE_ONLY", start=start),
        "national": event(world, title="National", marking="NATIONAL_ONLY", start=start),
        "nato_geo": event(
            world, owner=world.nato, host=world.nato, title="NATO for Georgia", start=start
        ),
        "old": event(
            world, title="Too old", marking="PUBLIC", start=TODAY - dt.timedelta(days=800)
        ),
    }
    move_to(made["nato_geo"], "INVITATIONS_SENT", invite=("GEO",))
    return made


def _feed(user: Any, **kwargs: Any) -> tuple[CalendarFeed, str]:
    return feed_create(actor=Actor(user=user, source="web"), label="Mine", **kwargs)


def _uids(token: str) -> set[str]:
    response = Client().get(reverse("events:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert (str(calendar["PRODID"]), str(calendar["VERSION"])) == (
        "-//partnerdesk//Events//EN",
        "2.0",
    )
    return {str(item["UID"]) for item in calendar.walk("VEVENT")}


EXPECTED = {
    "aze_coordinator": {"public", "partners", "bilateral", "national"},
    "aze_assessor": {"public", "partners", "bilateral", "national"},
    "aze_viewer": {"public", "partners", "bilateral", "national"},
    "geo_coordinator": {"public", "partners", "nato_geo"},
    "geo_viewer": {"public", "partners", "nato_geo"},
    "staff_all": {"public", "partners", "bilateral", "alliance", "nato_geo"},
    "staff_geo": {"public", "partners", "bilateral", "alliance", "nato_geo"},
    "alliance_assessor": {"public", "partners", "bilateral", "alliance", "nato_geo"},
    "analyst": {"public", "partners"},
    "admin": {"public", "partners", "bilateral", "alliance", "nato_geo"},
}


def test_user_feed_lists_exactly_what_each_role_may_see(world: Any) -> None:
    made = _events(world)
    seen = {name: _uids(_feed(world.users[name])[1]) for name in ACTIVE}
    expected = {
        name: {f"event-{made[key].pk}@partnerdesk" for key in keys}
        for name, keys in EXPECTED.items()
    }
    assert seen == expected


def test_nation_and_series_scopes(world: Any) -> None:
    from partnerdesk.pcm.models import Activity, Catalogue

    made = _events(world)
    geo_viewer = world.users["geo_viewer"]
    _, geo_token = _feed(geo_viewer, scope="NATION", nation=world.geo)
    assert _uids(geo_token) == {f"event-{made['nato_geo'].pk}@partnerdesk"}
    _, aze_token = _feed(geo_viewer, scope="NATION", nation=world.aze)
    assert _uids(aze_token) == {
        f"event-{made['public'].pk}@partnerdesk",
        f"event-{made['partners'].pk}@partnerdesk",
    }
    activity = Activity.objects.create(
        catalogue=Catalogue.objects.create(year=2031),
        code="PCM-2031-CYBER-0001",
        title="Series",
        area="CYBER",
        format="COURSE",
        organiser=world.nato,
    )
    series = event(world, title="In series", marking="PARTNERS", activity=activity, start=TODAY)
    _, series_token = _feed(geo_viewer, scope="SERIES", activity=activity)
    assert _uids(series_token) == {f"event-{series.pk}@partnerdesk"}


def test_vevent_fields(world: Any) -> None:
    start = TODAY + dt.timedelta(days=10)
    target = event(world, title="Cyber course", marking="PUBLIC", start=start, location="Baku")
    cancelled = move_to(event(world, title="Cancelled", marking="PUBLIC", start=start), "CANCELLED")
    approved = move_to(event(world, title="Approved", marking="PUBLIC", start=start), "APPROVED")
    _, token = _feed(world.users["analyst"])
    calendar = Calendar.from_ical(Client().get(reverse("events:feed", args=[token])).content)
    items = {str(item["UID"]): item for item in calendar.walk("VEVENT")}
    item = items[f"event-{target.pk}@partnerdesk"]
    assert item.decoded("DTSTART") == start
    assert item.decoded("DTEND") == start + dt.timedelta(days=5)  # exclusive: end + 1
    assert (str(item["SUMMARY"]), str(item["LOCATION"]), str(item["STATUS"])) == (
        "Cyber course",
        "Baku",
        "TENTATIVE",
    )
    assert str(item["DESCRIPTION"]) == (
        "Area: Cyber defence\nFormat: Course\nState: Draft\nHost: Azerbaijan\nOrganiser: Azerbaijan"
    )
    assert str(item["URL"]) == f"http://testserver/events/{target.pk}/"
    assert item.decoded("LAST-MODIFIED") == target.updated_at.replace(microsecond=0)
    assert str(items[f"event-{cancelled.pk}@partnerdesk"]["STATUS"]) == "CANCELLED"
    assert str(items[f"event-{approved.pk}@partnerdesk"]["STATUS"]) == "CONFIRMED"


def test_unknown_revoked_and_deactivated_tokens_answer_404(world: Any) -> None:
    client = Client()
    assert client.get(reverse("events:feed", args=["not-a-token"])).status_code == 404
    feed, token = _feed(world.users["aze_viewer"])
    assert client.get(reverse("events:feed", args=[token])).status_code == 200
    feed.refresh_from_db()
    assert feed.last_used_at is not None
    feed_revoke(feed, actor=Actor(user=world.users["aze_viewer"], source="web"))
    assert client.get(reverse("events:feed", args=[token])).status_code == 404
    _, other = _feed(world.users["geo_viewer"])
    user = world.users["geo_viewer"]
    user.is_active = False
    user.save()
    assert client.get(reverse("events:feed", args=[other])).status_code == 404


def test_only_the_hash_is_stored(world: Any) -> None:
    import hashlib

    feed, token = _feed(world.users["aze_viewer"])
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values_list().get(pk=feed.pk))


def test_feed_query_count_does_not_grow(world: Any) -> None:
    _, token = _feed(world.users["staff_all"])
    url = reverse("events:feed", args=[token])
    for index in range(3):
        move_to(event(world, title=f"E{index}", start=TODAY), "INVITATIONS_SENT", invite=("GEO",))
    client = Client()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for index in range(3, 9):
        move_to(event(world, title=f"E{index}", start=TODAY), "INVITATIONS_SENT", invite=("GEO",))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_feeds_page_shows_token_once_and_revokes(world: Any) -> None:
    client = Client()
    client.force_login(world.users["aze_viewer"])
    response = client.post(reverse("events:feeds"), {"label": "Work", "scope": "USER"})
    assert response.status_code == 200
    feed = CalendarFeed.objects.get()
    page = response.content.decode()
    assert "/events/feeds/" in page
    assert ".ics" in page
    assert ".ics" not in client.get(reverse("events:feeds")).content.decode()
    bad = client.post(reverse("events:feeds"), {"label": "X", "scope": "SERIES"})
    assert bad.status_code == 400
    assert "A series feed needs an activity." in bad.content.decode()
    other = Client()
    other.force_login(world.users["geo_viewer"])
    assert other.post(reverse("events:feed-revoke", args=[feed.pk])).status_code == 404
    assert client.post(reverse("events:feed-revoke", args=[feed.pk])).status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None
