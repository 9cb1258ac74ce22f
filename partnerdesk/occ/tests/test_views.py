"""The OCC web pages: flows through forms, refusals shown by field, rendering, query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.occ.charts import timeline_svg
from partnerdesk.occ.models import (
    Certification,
    Evaluation,
    EvaluationResult,
    OccUnit,
    RemedialAction,
)
from partnerdesk.occ.services import remedial_create, result_create
from partnerdesk.occ.tests.helpers import evaluation, unit

pytestmark = pytest.mark.django_db

D = dt.date


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _evaluation_form(**overrides: Any) -> dict[str, Any]:
    return {
        "marking": "BILATERAL",
        "level": "SEL1",
        "start_on": "2011-10-07",
        "end_on": "2011-10-16",
        "precision": "DAY",
        "place": "",
        "team": "",
        "monitoring_command": "",
        "observers": "NATO, US, Turkey",
        "outcome": "PASSED",
        "grade_scale": "Excellent, Good, Satisfactory, Unsatisfactory",
        "personnel": "",
        "vehicles": "",
        "helicopters": "",
        "note": "",
    } | overrides


def test_declare_a_unit_and_record_evaluations_through_the_web(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("occ:create"),
        {
            "owner": world.aze.pk,
            "marking": "BILATERAL",
            "name": "Infantry battalion",
            "service": "LAND",
            "unit_type": "infantry battalion",
            "declared_on": "2010-07-01",
            "declared_precision": "YEAR",
            "note": "",
        },
    )
    battalion = OccUnit.objects.get()
    assert (response.status_code, response["Location"]) == (302, battalion.get_absolute_url())
    url = reverse("occ:evaluation-create", args=[battalion.pk])
    saved = client.post(url, _evaluation_form())
    assert (saved.status_code, saved["Location"]) == (302, battalion.get_absolute_url())
    sel1 = Evaluation.objects.get()
    assert (sel1.owner_id, sel1.marking, sel1.dates_display, sel1.observers) == (
        world.aze.pk,
        "BILATERAL",
        "7–16 Oct 2011",
        "NATO, US, Turkey",
    )
    refused = client.post(
        url, _evaluation_form(level="NEL2", start_on="2012-01-01", end_on="", precision="YEAR")
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "outcome": [
            "NEL-2 (2012) can be passed only after a passed NEL-1 of the unit. If the sources do "
            "not record that step, tick “earlier steps unrecorded”."
        ]
    }
    saved = client.post(
        url,
        _evaluation_form(
            level="NEL2",
            start_on="2012-01-01",
            end_on="",
            precision="YEAR",
            earlier_steps_unrecorded="on",
        ),
    )
    assert saved.status_code == 302
    page = client.get(battalion.get_absolute_url()).content.decode()
    assert "<dt>Declared</dt><dd>2010</dd>" in page
    assert ">7–16 Oct 2011</a>" in page
    assert ">2012</a>" in page
    assert "earlier steps unrecorded" in page
    assert '<td class="nowrap">2012–2015</td>' in page
    assert "Lapsed:</strong> the certificate expired 2015" in page
    assert "<svg" in page
    assert '<title id="occ-tl-title">OCC timeline of Infantry battalion</title>' in page
    records = list(
        ChangeRecord.objects.order_by("pk").values_list("content_type__model", "action", "source")
    )
    assert records == [
        ("occunit", "CREATE", "web"),
        ("evaluation", "CREATE", "web"),
        ("evaluation", "CREATE", "web"),
        ("certification", "CREATE", "web"),
    ]


def test_results_and_remedial_actions_from_the_evaluation_page(world: Any) -> None:
    battalion = unit(world)
    sel1 = evaluation(battalion, "SEL1", D(2011, 10, 7), grade_scale=["Pass", "Fail"])
    client = _client(world.users["aze_coordinator"])
    form = client.get(reverse("occ:result-create", args=[sel1.pk])).context["form"]
    assert list(form.fields["grade"].choices) == [("Pass", "Pass"), ("Fail", "Fail")]
    bad = client.post(
        reverse("occ:result-create", args=[sel1.pk]),
        {"area": "Logistics", "grade": "Good", "marking": "BILATERAL", "note": ""},
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "grade": ["Select a valid choice. Good is not one of the available choices."]
    }
    saved = client.post(
        reverse("occ:result-create", args=[sel1.pk]),
        {"area": "Logistics", "grade": "Pass", "marking": "BILATERAL", "note": ""},
    )
    assert (saved.status_code, saved["Location"]) == (302, sel1.get_absolute_url())
    saved = client.post(
        reverse("occ:remedial-create", args=[sel1.pk]),
        {
            "text": "Translate SOPs",
            "owner_name": "S3",
            "deadline": "2012-01-31",
            "marking": "BILATERAL",
        },
    )
    assert saved.status_code == 302
    action = RemedialAction.objects.get()
    page = client.get(sel1.get_absolute_url()).content.decode()
    assert "Logistics" in page
    assert "<strong>Pass</strong>" in page
    assert 'Open <span class="badge badge-single">Overdue</span>' in page
    moved = client.post(
        reverse("occ:remedial-transition", args=[action.pk]), {"status": "DONE", "version": "1"}
    )
    assert moved["Location"] == sel1.get_absolute_url() + "#remedial-actions"
    action.refresh_from_db()
    assert (action.status, action.version) == ("DONE", 2)
    stale = client.post(
        reverse("occ:remedial-transition", args=[action.pk]),
        {"status": "IN_PROGRESS", "version": "1"},
        follow=True,
    )
    assert "you edited version 1, the current version is 2" in stale.content.decode()
    action.refresh_from_db()
    assert action.status == "DONE"
    assert client.get(reverse("occ:remedial-transition", args=[action.pk])).status_code == 405
    assert EvaluationResult.objects.count() == 1


def test_deleting_an_evaluation_with_dependants_is_refused_on_the_page(world: Any) -> None:
    battalion = unit(world)
    evaluation(battalion, "NEL1", D(2012, 6, 18))
    nel2 = evaluation(battalion, "NEL2", D(2014, 5, 1))
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("occ:evaluation-delete", args=[nel2.pk]), {"version": "1"})
    assert response.status_code == 400
    assert "still has certifications; delete those first." in response.content.decode()
    unit_delete = client.post(reverse("occ:delete", args=[battalion.pk]), {"version": "1"})
    assert unit_delete.status_code == 400
    assert (Evaluation.objects.count(), Certification.objects.count()) == (2, 1)
    lone = evaluation(unit(world, name="Lone"), "SEL1", D(2011, 1, 5))
    gone = client.post(reverse("occ:evaluation-delete", args=[lone.pk]), {"version": "1"})
    assert (gone.status_code, gone["Location"]) == (302, lone.unit.get_absolute_url())
    assert not Evaluation.objects.filter(pk=lone.pk).exists()


def test_due_page_and_home_cards(world: Any) -> None:
    party = unit(world, name="Boarding party", service="MARITIME")
    evaluation(party, "NEL2", D(2022, 11, 1), precision="MONTH", earlier_steps_unrecorded=True)
    client = _client(world.users["aze_viewer"])
    page = client.get(reverse("occ:due")).content.decode()
    assert "Boarding party" in page
    assert "November 2022–November 2025" in page
    assert '<span class="badge badge-single">Lapsed</span>' in page
    narrow = client.get(reverse("occ:due") + "?days=x").content.decode()
    assert "expire within 180 days" in narrow
    home = client.get(reverse("home")).content.decode()
    assert "OCC re-validations due" in home
    assert "OCC units" in home


def test_timeline_chart_escapes_labels_and_draws_legend() -> None:
    svg = timeline_svg(
        [("NEL-1 <b>", "May 2008", D(2008, 5, 1), D(2008, 5, 31), "PASSED")],
        [("2014–2017", D(2014, 1, 1), D(2017, 1, 1))],
        today=D(2026, 11, 23),
        title="Timeline & <units>",
    )
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert '<title id="occ-tl-title">Timeline &amp; &lt;units&gt;</title>' in svg
    assert "NEL-1 &lt;b&gt;" in svg
    assert "<b>" not in svg
    assert ">Year</text>" in svg
    assert ">Certificate validity</text>" in svg
    assert timeline_svg([], [], today=D(2026, 1, 1), title="x") == ""


def _fill(world: Any, count: int, start: int) -> OccUnit:
    system = Actor.system()
    battalion = OccUnit.objects.filter(name="Busy").first() or unit(world, name="Busy")
    for index in range(start, start + count):
        target = unit(world, name=f"Unit {index}", marking="PUBLIC")
        evaluation(target, "NEL1", D(2012, 6, 18))
        nel2 = evaluation(target, "NEL2", D(2024, 1, 10))
        remedial_create(actor=system, data={"evaluation": nel2, "text": f"Action {index}"})
        sel = evaluation(battalion, "SEL1", D(2000 + index, 1, 10))
        result_create(actor=system, data={"evaluation": sel, "area": "Medical", "grade": "Good"})
        remedial_create(actor=system, data={"evaluation": sel, "text": f"Busy {index}"})
    return battalion


@pytest.mark.parametrize("page", ["list", "due", "unit", "evaluation"])
def test_page_query_count_does_not_grow_with_rows(world: Any, page: str) -> None:
    client = _client(world.users["staff_all"])
    battalion = _fill(world, 3, 1)
    first_sel = Evaluation.objects.filter(unit=battalion).first()
    assert first_sel is not None
    for index in range(3):
        result_create(
            actor=Actor.system(),
            data={"evaluation": first_sel, "area": f"Area {index}", "grade": "Good"},
        )
    urls = {
        "list": reverse("occ:list"),
        "due": reverse("occ:due") + "?days=3650",
        "unit": battalion.get_absolute_url(),
        "evaluation": first_sel.get_absolute_url(),
    }
    client.get(urls[page])
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    _fill(world, 6, 4)
    for index in range(3, 9):
        result_create(
            actor=Actor.system(),
            data={"evaluation": first_sel, "area": f"Area {index}", "grade": "Good"},
        )
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
