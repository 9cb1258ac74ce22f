"""The PARP API: create with ETag, transitions with If-Match, series, import/export, filters."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerdesk.core.models import ChangeRecord
from partnerdesk.parp.models import ParpCycle, PartnershipGoal
from partnerdesk.parp.tests.helpers import make_cycle, make_goal, make_objective

pytestmark = pytest.mark.django_db

CYCLES = "/api/v1/parp-cycles/"
GOALS = "/api/v1/partnership-goals/"


def test_create_cycle_answers_201_with_calendar_and_counts(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(
        CYCLES,
        {"nation": "AZE", "marking": "BILATERAL", "start_year": 2017, "goals_year_parity": "odd"},
        format="json",
    )
    assert (response.status_code, response["ETag"]) == (201, '"1"')
    data = response.json()
    assert (data["label"], data["step"], data["goal_count"], data["armed_forces_goal_count"]) == (
        "2017–2019",
        "SURVEY_ISSUED",
        0,
        0,
    )
    assert data["calendar"] == [
        {"year": 2017, "kind": "GOALS"},
        {"year": 2018, "kind": "ASSESSMENT"},
        {"year": 2019, "kind": "GOALS"},
    ]
    record = ChangeRecord.objects.get(content_type__model="parpcycle")
    assert (record.source, record.action) == ("api", "CREATE")


def test_transition_needs_if_match_and_follows_the_steps(world: Any, api_client_for: Any) -> None:
    cycle = make_cycle(world.aze)
    client = api_client_for(world.users["staff_all"])
    url = f"{CYCLES}{cycle.pk}/transition/"
    missing = client.post(url, {"step": "SURVEY_RETURNED"}, format="json")
    assert (missing.status_code, missing.json()["error"]["code"]) == (428, "precondition_required")
    stale = client.post(url, {"step": "SURVEY_RETURNED"}, format="json", HTTP_IF_MATCH='"4"')
    assert (stale.status_code, stale["ETag"]) == (412, '"1"')
    refused = client.post(url, {"step": "GOALS_APPROVED"}, format="json", HTTP_IF_MATCH='"1"')
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "step": [
            "Cannot move from Survey issued to Goals approved. From Survey issued it can move "
            "to: Survey returned."
        ]
    }
    unknown = client.post(url, {"step": "DONE"}, format="json", HTTP_IF_MATCH='"1"')
    assert unknown.json()["error"]["fields"] == {"step": ['"DONE" is not a valid choice.']}
    ok = client.post(url, {"step": "SURVEY_RETURNED"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["step"]) == (200, '"2"', "SURVEY_RETURNED")
    assert list(
        ChangeRecord.objects.filter(content_type__model="parpcycle").values_list("source", "action")
    ) == [("api", "UPDATE")]
    patch = client.patch(
        f"{CYCLES}{cycle.pk}/", {"step": "DRAFT_GOALS"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert patch.json()["error"]["fields"] == {"step": ["Change the step with a transition."]}


def test_series_endpoint(world: Any, api_client_for: Any) -> None:
    old = make_cycle(world.aze, start=2012, marking="PUBLIC")
    for code, service, flag in [
        ("G1", "GENERAL", True),
        ("N1", "NAVY", True),
        ("X1", "OTHER", False),
    ]:
        make_goal(old, code, service=service, armed_forces=flag)
    make_cycle(world.aze, start=2014, marking="PUBLIC", armed_forces_recorded=False)
    client = api_client_for(world.users["analyst"])
    response = client.get(f"{CYCLES}series/", {"nation": "aze"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "cycle": old.pk,
            "label": "2012–2014",
            "start_year": 2012,
            "end_year": 2014,
            "total": 3,
            "armed_forces": 2,
            "by_service": {"GENERAL": 1, "NAVY": 1, "OTHER": 1},
            "armed_forces_by_service": {"GENERAL": 1, "NAVY": 1},
        },
        {
            "cycle": ParpCycle.objects.get(start_year=2014).pk,
            "label": "2014–2016",
            "start_year": 2014,
            "end_year": 2016,
            "total": 0,
            "armed_forces": None,
            "by_service": {},
            "armed_forces_by_service": None,
        },
    ]
    assert client.get(f"{CYCLES}series/").json()["error"]["fields"] == {
        "nation": ["Give a nation code, e.g. AZE."]
    }
    assert client.get(f"{CYCLES}series/", {"nation": "XXX"}).json()["error"]["fields"] == {
        "nation": ["Unknown nation code 'XXX'."]
    }


def test_import_errors_list_rows_and_columns_and_write_nothing(
    world: Any, api_client_for: Any
) -> None:
    cycle = make_cycle(world.aze)
    client = api_client_for(world.users["aze_coordinator"])
    content = b"code,title,service,armed_forces\nG1,Fine,GENERAL,yes\nG2,Bad,GENERAL,perhaps\nG1,Twice,LAND,no\n"
    response = client.post(
        f"{CYCLES}{cycle.pk}/import-goals/",
        {"file": SimpleUploadedFile("g.csv", content)},
        format="multipart",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["rows"] == [{"row": 3, "column": "armed_forces", "message": "Write yes or no."}]
    assert error["fields"] == {"file": ["row 3, column armed_forces: Write yes or no."]}
    assert PartnershipGoal.objects.count() == 0
    content = content.replace(b"perhaps", b"no")
    response = client.post(
        f"{CYCLES}{cycle.pk}/import-goals/",
        {"file": SimpleUploadedFile("g.csv", content)},
        format="multipart",
    )
    assert response.json()["error"]["rows"] == [
        {"row": 4, "column": "code", "message": "Code G1 already used in row 2."}
    ]
    content = content.replace(b"G1,Twice", b"G3,Twice")
    dry = client.post(
        f"{CYCLES}{cycle.pk}/import-goals/",
        {"file": SimpleUploadedFile("g.csv", content), "dry_run": "true"},
        format="multipart",
    )
    assert dry.json() == {"created": 3, "updated": 0, "unchanged": 0, "dry_run": True}
    assert PartnershipGoal.objects.count() == 0
    done = client.post(
        f"{CYCLES}{cycle.pk}/import-goals/",
        {"file": SimpleUploadedFile("g.csv", content)},
        format="multipart",
    )
    assert done.json() == {"created": 3, "updated": 0, "unchanged": 0, "dry_run": False}
    export = client.get(f"{CYCLES}{cycle.pk}/export-goals/", {"file_type": "xlsx"})
    assert (
        export["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert export.content[:4] == b"PK\x03\x04"
    assert client.get(f"{CYCLES}{cycle.pk}/export-goals/", {"file_type": "pdf"}).status_code == 400


def test_goal_filters(world: Any, api_client_for: Any) -> None:
    cycle = make_cycle(world.aze, marking="PUBLIC")
    other = make_cycle(world.aze, start=2018, marking="PUBLIC")
    objective = make_objective(world.aze, marking="PUBLIC")
    make_goal(cycle, "G1").objectives.set([objective])
    make_goal(cycle, "L1", service="LAND", status="IMPLEMENTED")
    make_goal(cycle, "X1", service="OTHER", armed_forces=False)
    make_goal(other, "G1")
    client = api_client_for(world.users["analyst"])

    def codes(**params: Any) -> list[str]:
        rows = client.get(GOALS, params | {"ordering": "code"}).json()["results"]
        return [f"{r['cycle_label']}:{r['code']}" for r in rows]

    assert codes(cycle=cycle.pk) == ["2016–2018:G1", "2016–2018:L1", "2016–2018:X1"]
    assert codes(service="LAND") == ["2016–2018:L1"]
    assert codes(status="IMPLEMENTED") == ["2016–2018:L1"]
    assert codes(armed_forces="false") == ["2016–2018:X1"]
    assert codes(objective=objective.pk) == ["2016–2018:G1"]
    goal = client.get(GOALS, {"objective": objective.pk}).json()["results"][0]
    assert (goal["objectives"], goal["nation"]) == ([objective.pk], "AZE")


def test_goal_api_links_objectives_and_refuses_foreign_ones(
    world: Any, api_client_for: Any
) -> None:
    cycle = make_cycle(world.aze)
    own = make_objective(world.aze)
    foreign = make_objective(world.geo, code="2.1", marking="PUBLIC")
    client = api_client_for(world.users["aze_coordinator"])
    body = {
        "cycle": cycle.pk,
        "code": "G1",
        "title": "Logistics standards",
        "service": "GENERAL",
        "armed_forces": True,
    }
    refused = client.post(GOALS, body | {"objectives": [foreign.pk]}, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {
        "objectives": [
            "Objective 2.1 belongs to another nation; a goal can only serve objectives of its own nation."
        ]
    }
    created = client.post(GOALS, body | {"objectives": [own.pk]}, format="json")
    assert created.status_code == 201
    assert (created.json()["objectives"], created.json()["marking"], created.json()["nation"]) == (
        [own.pk],
        "BILATERAL",
        "AZE",
    )
    assert PartnershipGoal.objects.count() == 1


def test_carry_over_endpoint(world: Any, api_client_for: Any) -> None:
    first = make_cycle(world.aze, start=2014)
    second = make_cycle(world.aze, start=2016)
    original = make_goal(first, "G1", status="AGREED")
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(f"{CYCLES}{first.pk}/carry-over/", {"target": second.pk}, format="json")
    copy = PartnershipGoal.objects.get(cycle=second)
    assert response.json() == {
        "created": [copy.pk],
        "marked_carried_over": [original.pk],
        "skipped": 0,
    }
    again = client.post(f"{CYCLES}{first.pk}/carry-over/", {"target": second.pk}, format="json")
    assert again.json() == {"created": [], "marked_carried_over": [], "skipped": 1}
