"""The OCC API: create and certify, the order rule as field errors, due list, transitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.occ.models import Certification, Evaluation, OccUnit, RemedialAction
from partnerdesk.occ.services import remedial_create, result_create
from partnerdesk.occ.tests.helpers import evaluation, unit
from partnerdesk.organisations.models import Organisation

pytestmark = pytest.mark.django_db

UNITS = "/api/v1/occ-units/"
EVALUATIONS = "/api/v1/occ-evaluations/"
CERTIFICATIONS = "/api/v1/occ-certifications/"
ACTIONS = "/api/v1/occ-remedial-actions/"


def test_declare_record_and_certify_through_the_api(world: Any, api_client_for: Any) -> None:
    Organisation.objects.create(code="LANDCOM", name="Allied Land Command", kind="NATO_BODY")
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        UNITS,
        {
            "nation": "AZE",
            "marking": "BILATERAL",
            "name": "Infantry battalion",
            "service": "LAND",
            "unit_type": "infantry battalion",
            "declared_on": "2010-01-01",
            "declared_precision": "YEAR",
        },
        format="json",
        HTTP_X_REQUEST_ID="occ-1",
    )
    assert (created.status_code, created["ETag"]) == (201, '"1"')
    body = created.json()
    assert (body["declared"], body["state"]["status"], body["state"]["valid_to"]) == (
        "2010",
        "DECLARED",
        None,
    )
    unit_id = body["id"]
    nel1 = client.post(
        EVALUATIONS,
        {
            "unit": unit_id,
            "level": "NEL1",
            "start_on": "2012-06-18",
            "end_on": "2012-06-24",
            "outcome": "PASSED",
            "monitoring_command": "LANDCOM",
        },
        format="json",
    )
    assert nel1.status_code == 201
    assert (nel1.json()["dates"], nel1.json()["nation"], nel1.json()["marking"]) == (
        "18–24 Jun 2012",
        "AZE",
        "BILATERAL",
    )
    nel2 = client.post(
        EVALUATIONS,
        {
            "unit": unit_id,
            "level": "NEL2",
            "start_on": "2014-01-01",
            "precision": "YEAR",
            "outcome": "PASSED",
        },
        format="json",
    )
    assert (nel2.status_code, nel2.json()["dates"]) == (201, "2014")
    certs = client.get(CERTIFICATIONS, {"unit": unit_id}).json()["results"]
    assert [
        (c["status"], c["validity"], c["valid_from"], c["valid_to"], c["flag"]) for c in certs
    ] == [("COMBAT_READY", "2014–2017", "2014-01-01", "2017-01-01", "LAPSED")]
    state = client.get(f"{UNITS}{unit_id}/").json()["state"]
    assert (state["status"], state["stage"], state["valid_to"]) == (
        "LAPSED",
        "LAPSED",
        "2017-01-01",
    )
    rows = list(
        ChangeRecord.objects.order_by("pk").values_list("content_type__model", "action", "source")
    )
    assert rows[-4:] == [
        ("occunit", "CREATE", "api"),
        ("evaluation", "CREATE", "api"),
        ("evaluation", "CREATE", "api"),
        ("certification", "CREATE", "api"),
    ]


def test_order_rule_and_bad_input_answer_field_errors(world: Any, api_client_for: Any) -> None:
    target = unit(world)
    evaluation(target, "NEL1", dt.date(2012, 6, 18))
    client = api_client_for(world.users["aze_coordinator"])
    refused = client.post(
        EVALUATIONS,
        {"unit": target.pk, "level": "SEL1", "start_on": "2013-01-10", "outcome": "PASSED"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "start_on": [
            "NEL-1 (18 Jun 2012) cannot have been passed before SEL-1 (10 Jan 2013): the levels "
            "are passed in the order SEL-1, NEL-1, SEL-2, NEL-2."
        ]
    }
    bad = client.post(
        EVALUATIONS,
        {
            "unit": target.pk,
            "level": "NEL9",
            "start_on": "soon",
            "grade_scale": [],
            "monitoring_command": "NOPE",
        },
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {
        "level",
        "start_on",
        "grade_scale",
        "monitoring_command",
    }
    assert Evaluation.objects.count() == 1


def test_updates_need_if_match_and_children_stay_with_their_parent(
    world: Any, api_client_for: Any
) -> None:
    target = unit(world)
    other = unit(world, name="Other")
    sel1 = evaluation(target, "SEL1", dt.date(2011, 10, 7))
    client = api_client_for(world.users["aze_coordinator"])
    url = f"{EVALUATIONS}{sel1.pk}/"
    assert client.patch(url, {"place": "Baku"}, format="json").status_code == 428
    assert (
        client.patch(url, {"place": "Baku"}, format="json", HTTP_IF_MATCH='"5"').status_code == 412
    )
    moved = client.patch(url, {"unit": other.pk}, format="json", HTTP_IF_MATCH='"1"')
    assert moved.json()["error"]["fields"] == {
        "unit": ["This cannot be changed; delete and record it again."]
    }
    ok = client.patch(url, {"place": "Baku"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["place"]) == (200, '"2"', "Baku")


def test_due_endpoint_lists_lapsed_and_due_certificates(
    world: Any, api_client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2026, 11, 23))
    party = unit(world, name="Boarding party", service="MARITIME")
    evaluation(
        party, "NEL2", dt.date(2022, 11, 1), precision="MONTH", earlier_steps_unrecorded=True
    )
    georgian = unit(world, owner=world.geo, name="Light infantry battalion")
    evaluation(georgian, "NEL1", dt.date(2019, 4, 1))
    evaluation(georgian, "NEL2", dt.date(2024, 3, 14), end_on=dt.date(2024, 3, 18))
    fresh = unit(world, name="Fresh")
    evaluation(fresh, "NEL1", dt.date(2025, 4, 1))
    evaluation(fresh, "NEL2", dt.date(2026, 6, 1))
    client = api_client_for(world.users["staff_all"])
    due = client.get(f"{CERTIFICATIONS}due/").json()
    assert [(c["unit_name"], c["valid_to"], c["flag"]) for c in due["results"]] == [
        ("Boarding party", "2025-11-01", "LAPSED"),
        ("Light infantry battalion", "2027-03-18", "DUE"),
    ]
    narrow = client.get(f"{CERTIFICATIONS}due/", {"days": 30}).json()
    assert [c["unit_name"] for c in narrow["results"]] == ["Boarding party"]
    wide = client.get(f"{CERTIFICATIONS}due/", {"days": 3650, "nation": "geo"}).json()
    assert [c["unit_name"] for c in wide["results"]] == ["Light infantry battalion"]
    bad = client.get(f"{CERTIFICATIONS}due/", {"days": "soon"})
    assert (bad.status_code, list(bad.json()["error"]["fields"])) == (400, ["days"])


def test_remedial_status_moves_only_by_transition(world: Any, api_client_for: Any) -> None:
    target = unit(world)
    sel1 = evaluation(target, "SEL1", dt.date(2011, 10, 7))
    client = api_client_for(world.users["aze_coordinator"])
    created = client.post(
        ACTIONS,
        {"evaluation": sel1.pk, "text": "Translate SOPs", "deadline": "2012-01-31"},
        format="json",
    )
    assert (created.status_code, created.json()["status"], created.json()["overdue"]) == (
        201,
        "OPEN",
        True,
    )
    pk = created.json()["id"]
    patched = client.patch(
        f"{ACTIONS}{pk}/", {"status": "DONE"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert patched.json()["error"]["fields"] == {
        "status": ["Change the status with POST …/transition/ (it checks the move)."]
    }
    url = f"{ACTIONS}{pk}/transition/"
    assert client.post(url, {"status": "DONE"}, format="json").status_code == 428
    done = client.post(url, {"status": "DONE"}, format="json", HTTP_IF_MATCH='"1"')
    assert (done.status_code, done["ETag"], done.json()["status"], done.json()["overdue"]) == (
        200,
        '"2"',
        "DONE",
        False,
    )
    illegal = client.post(url, {"status": "OPEN"}, format="json", HTTP_IF_MATCH='"2"')
    assert illegal.json()["error"]["fields"] == {
        "status": ["Cannot move from Done to Open. From Done it can move to: In progress."]
    }
    assert RemedialAction.objects.get().status == "DONE"


def _fill(world: Any, count: int, start: int) -> None:
    system = Actor.system()
    for index in range(start, start + count):
        target = unit(world, name=f"Unit {index}", marking="PUBLIC")
        evaluation(target, "NEL1", dt.date(2012, 6, 18))
        nel2 = evaluation(target, "NEL2", dt.date(2024, 1, 10))
        result_create(actor=system, data={"evaluation": nel2, "area": "Medical", "grade": "Good"})
        remedial_create(actor=system, data={"evaluation": nel2, "text": f"Action {index}"})


@pytest.mark.parametrize(
    "url",
    [
        UNITS,
        EVALUATIONS,
        "/api/v1/occ-results/",
        CERTIFICATIONS,
        f"{CERTIFICATIONS}due/?days=3650",
        ACTIONS,
    ],
)
def test_api_list_query_count_does_not_grow_with_rows(
    world: Any, url: str, api_client_for: Any
) -> None:
    client = api_client_for(world.users["staff_all"])
    _fill(world, 3, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).json()["count"] >= 3
    _fill(world, 6, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).json()["count"] >= 9
    assert len(large.captured_queries) == len(small.captured_queries)
    assert OccUnit.objects.count() == 9
    assert Certification.objects.count() == 9
