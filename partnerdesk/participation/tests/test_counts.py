"""Counts per nation and year on a constructed data set (exact, scoped, equal on page, API and
CLI), and traceability from an objective and a plan to the events that served them."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.exceptions import NotFound
from partnerdesk.events.models import Event
from partnerdesk.participation.analytics import participation_counts
from partnerdesk.participation.models import Feedback, Registration
from partnerdesk.participation.selectors import events_for_objective, plan_share
from partnerdesk.participation.tests.helpers import event
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.plans.models import Chapter, Objective, Plan

pytestmark = pytest.mark.django_db


def _reg(target: Event, nation: Any, category: str, *, status: str = "APPROVED", **kw: Any) -> Any:
    """A registration as fixture data (the services are tested elsewhere)."""
    return Registration.objects.create(
        event=target,
        owner=nation,
        marking="BILATERAL",
        person_name=f"Participant {nation.code}-{Registration.objects.count() + 1:04d}",
        category=category,
        organisation_name="MOD",
        status=status,
        queued_at=dt.datetime(2015, 1, 1, tzinfo=dt.UTC),
        **kw,
    )


def _dataset(world: Any) -> dict[str, Event]:
    """AZE 2015: E1 (CYBER, PARTNERS) 2 military + 1 civilian, E2 (EDU, BILATERAL) 1 civilian;
    AZE 2014: E3 (CYBER, PUBLIC) 3 military; rows that must not count elsewhere."""
    aze, geo = world.aze, world.geo
    e1 = event(world, title="E1", state="HELD", start=dt.date(2015, 3, 2))
    e2 = event(
        world,
        title="E2",
        state="CLOSED",
        marking="BILATERAL",
        area="EDU",
        start=dt.date(2015, 6, 1),
    )
    e3 = event(
        world, title="E3", state="FEEDBACK_COLLECTED", marking="PUBLIC", start=dt.date(2014, 9, 1)
    )
    e4 = event(world, title="E4 not held", state="REGISTRATION_CLOSED", start=dt.date(2015, 7, 1))
    e5 = event(world, title="E5 cancelled reg", state="HELD", start=dt.date(2015, 8, 1))
    _reg(e1, aze, "MILITARY", attended=True)
    _reg(e1, aze, "MILITARY", attended=True)
    _reg(e1, aze, "CIVILIAN")  # attendance not recorded: counts
    _reg(e1, aze, "MILITARY", attended=False)  # absent: does not count
    _reg(e1, geo, "MILITARY", attended=True)  # another nation
    _reg(e2, aze, "CIVILIAN", attended=True)
    for _ in range(3):
        _reg(e3, aze, "MILITARY", attended=True)
    _reg(e4, aze, "MILITARY")  # not held
    _reg(e5, aze, "MILITARY", status="CANCELLED")
    _reg(e5, aze, "MILITARY", status="REJECTED")
    return {"e1": e1, "e2": e2, "e3": e3}


FULL_2015 = {
    "nation": "AZE",
    "nation_name": "Azerbaijan",
    "year": 2015,
    "events": 2,
    "military": 2,
    "civilian": 2,
    "participants": 4,
    "areas": [
        {
            "area": "CYBER",
            "area_label": "Cyber defence",
            "events": 1,
            "military": 2,
            "civilian": 1,
            "participants": 3,
        },
        {
            "area": "EDU",
            "area_label": "Education and training",
            "events": 1,
            "military": 0,
            "civilian": 1,
            "participants": 1,
        },
    ],
    "series": [
        {"year": 2014, "events": 1, "military": 3, "civilian": 0, "participants": 3},
        {"year": 2015, "events": 2, "military": 2, "civilian": 2, "participants": 4},
    ],
}


@pytest.mark.parametrize("name", ["aze_coordinator", "aze_viewer", "staff_all", "admin"])
def test_counts_are_exact_for_readers_of_every_event(world: Any, name: str) -> None:
    _dataset(world)
    counts = participation_counts(world.users[name], nation="aze", year=2015)
    assert counts.as_dict() == FULL_2015


def test_analyst_counts_cover_the_events_analysts_may_see(world: Any) -> None:
    _dataset(world)
    counts = participation_counts(world.users["analyst"], nation="AZE", year=2015).as_dict()
    assert (counts["events"], counts["military"], counts["civilian"]) == (1, 2, 1)
    assert counts["series"] == [
        {"year": 2014, "events": 1, "military": 3, "civilian": 0, "participants": 3},
        {"year": 2015, "events": 1, "military": 2, "civilian": 1, "participants": 3},
    ]


def test_partner_users_get_their_own_nation_only(world: Any) -> None:
    _dataset(world)
    with pytest.raises(NotFound) as exc:
        participation_counts(world.users["geo_coordinator"], nation="AZE", year=2015)
    assert str(exc.value) == (
        "Partner users see the participation counts of their own nation only; Azerbaijan's "
        "counts are not available to you."
    )
    geo = participation_counts(world.users["geo_coordinator"], nation="GEO", year=2015)
    assert (geo.events, geo.military, geo.civilian) == (1, 1, 0)
    with pytest.raises(NotFound):
        participation_counts(world.users["staff_all"], nation="NATO-IS")


def test_page_api_and_cli_agree(world: Any, api_client_for: Any) -> None:
    _dataset(world)
    staff = world.users["staff_all"]
    api = api_client_for(staff).get("/api/v1/participation-counts/?nation=AZE&year=2015")
    assert (api.status_code, api.json()) == (200, FULL_2015)
    out = StringIO()
    call_command(
        "participation",
        "counts",
        "--as",
        "staff_all",
        "--nation",
        "AZE",
        "--year",
        "2015",
        "--json",
        stdout=out,
    )
    assert json.loads(out.getvalue()) == FULL_2015
    text = StringIO()
    call_command(
        "participation",
        "counts",
        "--as",
        "staff_all",
        "--nation",
        "AZE",
        "--year",
        "2015",
        stdout=text,
    )
    assert text.getvalue().splitlines()[0] == (
        "Azerbaijan in 2015: 2 events joined, 4 participants (2 military, 2 civilian)"
    )
    client = Client()
    client.force_login(staff)
    page = client.get(reverse("participation:counts"), {"nation": "AZE", "year": "2015"})
    body = page.content.decode()
    assert page.status_code == 200
    assert (
        "<strong>2</strong> events joined · <strong>4</strong> participants (2 military, 2 civilian)"
        in body
    )
    assert "<tr><td>Cyber defence</td><td>1</td><td>2</td><td>1</td><td>3</td></tr>" in body
    assert (
        "<tr><td>Education and training</td><td>1</td><td>0</td><td>1</td><td>1</td></tr>" in body
    )


def test_counts_page_defaults_to_own_nation_and_latest_year(world: Any) -> None:
    _dataset(world)
    client = Client()
    client.force_login(world.users["aze_viewer"])
    body = client.get(reverse("participation:counts")).content.decode()
    assert "Azerbaijan in 2015" in body


def test_other_nation_counts_are_refused_clearly_everywhere(
    world: Any, api_client_for: Any
) -> None:
    _dataset(world)
    user = world.users["geo_coordinator"]
    api = api_client_for(user).get("/api/v1/participation-counts/?nation=AZE")
    assert api.status_code == 404
    assert api.json()["error"]["message"].startswith("Partner users see the participation")
    client = Client()
    client.force_login(user)
    page = client.get(reverse("participation:counts"), {"nation": "AZE"})
    assert page.status_code == 404
    assert "counts are not available to you" in page.content.decode()
    bad = api_client_for(user).get("/api/v1/participation-counts/?year=20x5")
    assert sorted(bad.json()["error"]["fields"]) == ["nation", "year"]


def test_analyst_sees_counts_but_no_names(world: Any, api_client_for: Any) -> None:
    targets = _dataset(world)
    analyst = world.users["analyst"]
    api = api_client_for(analyst)
    assert api.get("/api/v1/registrations/").json()["count"] == 0
    assert api.get("/api/v1/participation-counts/?nation=AZE&year=2015").json()["events"] == 1
    client = Client()
    client.force_login(analyst)
    for url in (
        reverse("participation:list"),
        reverse("participation:counts") + "?nation=AZE&year=2015",
        reverse("participation:participants", args=[targets["e1"].pk]),
    ):
        body = client.get(url).content.decode()
        assert "Participant AZE" not in body, url
    out = StringIO()
    call_command("participation", "list", "--as", "analyst", "--json", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_counts_page_query_count_does_not_grow(world: Any) -> None:
    _dataset(world)
    client = Client()
    client.force_login(world.users["staff_all"])
    url = reverse("participation:counts") + "?nation=AZE&year=2015"

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    before = queries()
    for n in range(20):
        year_event = event(
            world, title=f"More {n}", state="HELD", start=dt.date(2010 + n % 6, 1, 5)
        )
        _reg(year_event, world.aze, "MILITARY")
    assert queries() == before


# -- traceability --------------------------------------------------------------------------


def _programme(world: Any) -> dict[str, Any]:
    catalogue = Catalogue.objects.create(year=2015)
    activities = [
        Activity.objects.create(
            catalogue=catalogue,
            code=f"PCM-2015-CYBER-000{n}",
            title=f"Cyber activity {n}",
            area="CYBER",
            format="COURSE",
            organiser=world.nato,
        )
        for n in (1, 2)
    ]
    plan = Plan.objects.create(
        owner=world.aze,
        marking="PARTNERS",
        plan_type="IPCP",
        title="IPCP 2015-2016",
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2016, 12, 31),
    )
    chapter = Chapter.objects.create(
        owner=world.aze, marking="PARTNERS", plan=plan, code="1", title="Defence"
    )
    objective = Objective.objects.create(
        owner=world.aze, marking="PARTNERS", plan=plan, chapter=chapter, code="1.1", text="Cyber"
    )
    lines = [
        ProgrammeLine.objects.create(owner=world.aze, marking="PARTNERS", plan=plan, activity=a)
        for a in activities
    ]
    lines[0].objectives.set([objective])
    return {"activities": activities, "plan": plan, "objective": objective}


def _served_event(
    world: Any, activity: Any, title: str, feedback: list[tuple[int, int, str]]
) -> Any:
    target = event(world, title=title, state="HELD", activity=activity)
    for overall, relevance, marking in feedback:
        registration = _reg(target, world.aze, "MILITARY", attended=True)
        Feedback.objects.create(
            owner=world.aze,
            marking=marking,
            registration=registration,
            overall=overall,
            relevance=relevance,
        )
    if not feedback:
        _reg(target, world.aze, "CIVILIAN", attended=True)
    return target


def test_objective_traces_to_the_events_and_feedback_that_served_it(world: Any) -> None:
    programme = _programme(world)
    first = programme["activities"][0]
    served = _served_event(
        world, first, "Served", [(4, 5, "BILATERAL"), (2, 3, "BILATERAL"), (5, 5, "NATIONAL_ONLY")]
    )
    event(world, title="Not joined", state="HELD", activity=first)  # AZE did not take part
    _served_event(world, programme["activities"][1], "Other activity", [])
    objective = programme["objective"]
    staff = events_for_objective(world.users["staff_all"], objective)
    assert [(r.event, r.feedback_count, r.overall, r.relevance) for r in staff] == [
        (served, 2, 3.0, 4.0)
    ]
    nation = events_for_objective(world.users["aze_coordinator"], objective)
    assert [(r.event, r.feedback_count, r.overall, r.relevance) for r in nation] == [
        (served, 3, 3.7, 4.3)
    ]
    analyst = events_for_objective(world.users["analyst"], objective)
    assert [(r.event, r.feedback_count) for r in analyst] == [(served, 0)]
    client = Client()
    client.force_login(world.users["staff_all"])
    body = client.get(reverse("plans:objective", args=[objective.pk])).content.decode()
    assert "Events that served this objective" in body
    assert f'<a href="/events/{served.pk}/">Served</a>' in body or "Served" in body


def test_plan_share_of_selected_activities_that_took_place(world: Any) -> None:
    programme = _programme(world)
    _served_event(world, programme["activities"][0], "Served", [])
    share = plan_share(world.users["staff_all"], programme["plan"])
    assert (share.selected, share.took_place, share.percent) == (2, 1, 50)
    client = Client()
    client.force_login(world.users["aze_coordinator"])
    body = client.get(reverse("plans:detail", args=[programme["plan"].pk])).content.decode()
    assert (
        "<strong>1 of 2</strong> selected activities took place with the nation participating (50 %)."
        in body
    )


def test_traceability_panels_keep_their_query_count(world: Any) -> None:
    programme = _programme(world)
    user = world.users["staff_all"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            events_for_objective(user, programme["objective"])
            plan_share(user, programme["plan"])
        return len(ctx)

    _served_event(world, programme["activities"][0], "Served 1", [(4, 4, "BILATERAL")])
    before = queries()
    for n in range(2, 6):
        _served_event(world, programme["activities"][n % 2], f"Served {n}", [(3, 3, "BILATERAL")])
    assert queries() == before
