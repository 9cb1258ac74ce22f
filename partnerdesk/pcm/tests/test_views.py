"""The pcm pages: render, forms, publish, import preview → confirm, carry-over, panels,
and query counts that do not grow with the rows (N vs 2N)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.parp.models import ParpCycle, PartnershipGoal
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_menu_pages_render_for_a_partner(world: Any) -> None:
    activity = h.activity(world, description="For staff officers")
    client = _client(world.users["geo_viewer"])
    page = client.get(reverse("pcm:list")).content.decode()
    assert "Partnership Cooperation Menu 2015" in page
    assert "New catalogue" not in page
    detail = client.get(activity.catalogue.get_absolute_url() + "?q=staff").content.decode()
    assert "PCM-2015-CYBER-0001" in detail
    assert "Publish" not in detail
    assert "1 in all" in detail
    empty = client.get(activity.catalogue.get_absolute_url() + "?area=LOG").content.decode()
    assert "No activities match." in empty
    assert client.get(activity.get_absolute_url()).status_code == 200


def test_staff_create_publish_add_and_edit_activities(world: Any) -> None:
    client = _client(world.users["staff_all"])
    response = client.post(
        reverse("pcm:catalogue-create"), {"year": "2016", "title": "", "note": ""}
    )
    catalogue = Catalogue.objects.get()
    assert (response.status_code, response["Location"], str(catalogue)) == (
        302,
        catalogue.get_absolute_url(),
        "Partnership Cooperation Menu 2016",
    )
    published = client.post(
        reverse("pcm:catalogue-publish", args=[catalogue.pk]), {"version": "1"}, follow=True
    )
    assert "“Partnership Cooperation Menu 2016” is published." in published.content.decode()
    form = {
        "code": "",
        "title": "Cyber seminar",
        "description": "",
        "area": "CYBER",
        "format": "SEMINAR",
        "organiser": world.nato.pk,
        "language": "English",
        "duration_days": "3",
    }
    created = client.post(reverse("pcm:activity-create", args=[catalogue.pk]), form)
    activity = Activity.objects.get()
    assert (created.status_code, activity.code) == (302, "PCM-2016-CYBER-0001")
    bad = client.post(
        reverse("pcm:activity-update", args=[activity.pk]), form | {"code": "X", "version": "1"}
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "code": ["Use the format PCM-<year>-<AREA>-<nnnn>, e.g. PCM-2015-CYBER-0042."]
    }


def test_import_preview_then_confirm_and_carry_over(world: Any) -> None:
    client = _client(world.users["admin"])
    content = (
        b"code,title,description,area,format,organiser,language,duration_days,eligible_frameworks,"
        b"eligible_nations,carried_from\nPCM-2015-LOG-0001,Logistics course,,LOG,COURSE,NATO-IS,"
        b"English,5,,,\n"
    )
    preview = client.post(
        reverse("pcm:import"), {"year": "2015", "file": SimpleUploadedFile("m.csv", content)}
    )
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "1 activities would be created, 0 updated, 0 unchanged in the 2015 menu." in page
    assert Activity.objects.count() == 0
    confirm = client.post(
        reverse("pcm:import"),
        {
            "confirm": "1",
            "year": "2015",
            "filename": "m.csv",
            "content": preview.context["content"],
        },
    )
    assert (confirm.status_code, Activity.objects.get().code) == (302, "PCM-2015-LOG-0001")
    bad = client.post(
        reverse("pcm:import"),
        {"year": "2015", "file": SimpleUploadedFile("m.csv", content.replace(b"NATO-IS", b"ZZZ"))},
    )
    assert bad.status_code == 400
    assert "Unknown organisation &#x27;ZZZ&#x27;." in bad.content.decode()
    carried = client.post(
        reverse("pcm:carry-over"), {"source_year": "2015", "target_year": "2016"}, follow=True
    )
    assert "Carried 1 activity from 2015 into 2016." in carried.content.decode()
    refused = client.post(reverse("pcm:carry-over"), {"source_year": "2016", "target_year": "2016"})
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "target_year": ["Carry activities into a later year."]
    }


def test_lines_are_added_from_the_plan_and_shown_on_panels(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan)
    cycle = ParpCycle.objects.create(
        owner=world.aze, marking="BILATERAL", start_year=2014, end_year=2015
    )
    goal = PartnershipGoal.objects.create(
        owner=world.aze, marking="BILATERAL", cycle=cycle, code="G1", title="Goal"
    )
    activity = h.activity(world)
    client = _client(world.users["aze_coordinator"])
    form_page = client.get(reverse("pcm:line-create", args=[plan.pk]) + f"?activity={activity.pk}")
    assert form_page.context["form"].fields["activity"].initial == activity.pk
    response = client.post(
        reverse("pcm:line-create", args=[plan.pk]),
        {
            "activity": activity.pk,
            "priority": "HIGH",
            "planned_participants": "2",
            "objectives": [objective.pk],
            "goals": [goal.pk],
            "serves_reference": "",
            "marking": "BILATERAL",
            "note": "",
        },
    )
    line = ProgrammeLine.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("pcm:programme", args=[plan.pk]),
    )
    programme = client.get(response["Location"]).content.decode()
    assert "Cyber defence" in programme
    assert "PCM-2015-CYBER-0001" in programme
    assert "Programme (1 activity) →" in client.get(plan.get_absolute_url()).content.decode()
    objective_page = client.get(objective.get_absolute_url()).content.decode()
    assert "Programme lines serving this objective" in objective_page
    assert line.get_absolute_url() in objective_page
    goal_page = client.get(goal.get_absolute_url()).content.decode()
    assert "Programme lines serving this goal" in goal_page
    assert line.get_absolute_url() in goal_page
    activity_page = client.get(activity.get_absolute_url()).content.decode()
    assert objective.get_absolute_url() in activity_page
    assert goal.get_absolute_url() in activity_page
    analyst_page = _client(world.users["analyst"]).get(activity.get_absolute_url()).content.decode()
    assert objective.get_absolute_url() not in analyst_page
    assert "No programme line you may see picked this activity." in analyst_page


def _grow(world: Any, plan: Any, start: int, count: int) -> None:
    for number in range(start, start + count):
        activity = h.activity(world, 2015, "CYBER", number, eligible_nations=[world.geo, world.aze])
        h.line(plan, activity, objectives=[h.objective(plan, f"9.{number}")])


@pytest.mark.parametrize("route", ["catalogue", "lines", "programme", "activity", "list"])
def test_page_query_counts_do_not_grow_with_rows(world: Any, route: str) -> None:
    plan = h.plan(world)
    _grow(world, plan, 1, 3)
    client = _client(world.users["staff_all"])
    catalogue = Catalogue.objects.get()
    first = Activity.objects.order_by("pk").first()
    assert first is not None
    url = {
        "catalogue": catalogue.get_absolute_url(),
        "lines": reverse("pcm:line-list"),
        "programme": reverse("pcm:programme", args=[plan.pk]),
        "activity": first.get_absolute_url(),
        "list": reverse("pcm:list"),
    }[route]
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(world, plan, 4, 6)
    h.catalogue(2016)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
