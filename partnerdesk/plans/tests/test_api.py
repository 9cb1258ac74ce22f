"""The plans API: CRUD with ETags, transitions, compare, carry-over, export, import, filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.core.models import ChangeRecord
from partnerdesk.plans import services
from partnerdesk.plans.models import Chapter, Objective, Plan
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db

URL = "/api/v1/plans/"
BODY = {
    "nation": "AZE",
    "plan_type": "IPAP",
    "title": "IPAP 2015–2016",
    "marking": "BILATERAL",
    "start_year": 2015,
}


def test_create_answers_201_with_chapters_etag_and_api_audit(
    world: Any, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(URL, BODY, format="json", HTTP_X_REQUEST_ID="trace-7")
    assert response.status_code == 201
    assert response["ETag"] == '"1"'
    data = response.json()
    assert (
        data["nation"],
        data["status"],
        data["period_start"],
        data["period_end"],
        data["allowed_transitions"],
    ) == ("AZE", "DRAFT", "2015-01-01", "2016-12-31", ["SUBMITTED"])
    chapters = client.get("/api/v1/chapters/", {"plan": data["id"]}).json()
    assert [c["code"] for c in chapters["results"]] == ["1", "2", "3", "4", "5", "6"]
    records = ChangeRecord.objects.filter(content_type__model__in=["plan", "chapter"])
    assert records.count() == 7
    assert set(records.values_list("source", "actor_label", "request_id")) == {
        ("api", "aze_coordinator", "trace-7")
    }


def test_create_needs_a_start(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    body = {k: v for k, v in BODY.items() if k != "start_year"}
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "period_start": ["Give period_start or start_year."]
    }
    assert Plan.objects.count() == 0


def test_transition_needs_if_match_and_refuses_illegal_moves(
    world: Any, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    pk = client.post(URL, BODY, format="json").json()["id"]
    url = f"{URL}{pk}/transition/"
    assert client.post(url, {"status": "SUBMITTED"}, format="json").status_code == 428
    stale = client.post(url, {"status": "SUBMITTED"}, format="json", HTTP_IF_MATCH='"4"')
    assert (stale.status_code, stale["ETag"]) == (412, '"1"')
    illegal = client.post(url, {"status": "CLOSED"}, format="json", HTTP_IF_MATCH='"1"')
    assert illegal.status_code == 400
    assert illegal.json()["error"]["fields"] == {
        "status": ["Cannot move from Draft to Closed. From Draft it can move to: Submitted."]
    }
    unknown = client.post(url, {"status": "DONE"}, format="json", HTTP_IF_MATCH='"1"')
    assert unknown.json()["error"]["fields"] == {"status": ['"DONE" is not a valid choice.']}
    ok = client.post(url, {"status": "SUBMITTED"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["status"]) == (200, '"2"', "SUBMITTED")
    assert ok.json()["allowed_transitions"] == ["DRAFT", "UNDER_NEGOTIATION", "STALLED"]
    assert ChangeRecord.objects.filter(action="UPDATE").count() == 1


def test_update_and_delete_with_etags(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    pk = client.post(URL, BODY, format="json").json()["id"]
    assert client.patch(f"{URL}{pk}/", {"title": "X"}, format="json").status_code == 428
    ok = client.patch(f"{URL}{pk}/", {"title": "X"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok.json()["title"], ok["ETag"]) == (200, "X", '"2"')
    moved = client.patch(f"{URL}{pk}/", {"nation": "GEO"}, format="json", HTTP_IF_MATCH='"2"')
    assert moved.status_code == 400
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH='"1"').status_code == 412
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH='"2"').status_code == 204
    assert (Plan.objects.count(), Chapter.objects.count()) == (0, 0)


def test_children_crud_and_parent_rules(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    plan = h.plan(world)
    other = h.plan(world, start=2017)
    chapter = plan.chapters.get(code="2")
    bad = client.post(
        "/api/v1/objectives/",
        {"plan": other.pk, "chapter": chapter.pk, "code": "2.1", "text": "Reform"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {"chapter": ["The chapter belongs to another plan."]}
    created = client.post(
        "/api/v1/objectives/",
        {"plan": plan.pk, "chapter": chapter.pk, "code": "2.1", "text": "Reform"},
        format="json",
    )
    assert created.status_code == 201
    objective = created.json()
    assert (objective["nation"], objective["marking"], objective["chapter_code"]) == (
        "AZE",
        "BILATERAL",
        "2",
    )
    commitment = client.post(
        "/api/v1/commitments/",
        {"objective": objective["id"], "text": "Law", "agency": "AZE-MFA", "due_on": "2016-06-30"},
        format="json",
    )
    assert commitment.status_code == 201
    assert (commitment.json()["agency"], commitment.json()["plan"]) == ("AZE-MFA", plan.pk)
    done = client.patch(
        f"/api/v1/commitments/{commitment.json()['id']}/",
        {"status": "COMPLETED_AHEAD"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )
    assert (done.status_code, done.json()["status"]) == (200, "COMPLETED_AHEAD")
    decision = client.post(
        "/api/v1/plan-decisions/",
        {"plan": plan.pk, "body": "NAC", "decided_on": "2015-05-27", "method": "SILENCE_PROCEDURE"},
        format="json",
    )
    assert decision.json()["error"]["fields"] == {
        "silence_deadline": ["A silence procedure has a deadline."]
    }
    listed = client.get("/api/v1/commitments/", {"plan": plan.pk, "status": "COMPLETED_AHEAD"})
    assert listed.json()["count"] == 1
    assert client.get("/api/v1/objectives/", {"plan": other.pk}).json()["count"] == 0


def test_references_to_invisible_plans_do_not_exist(world: Any, api_client_for: Any) -> None:
    plan = h.plan(world, marking="BILATERAL")
    client = api_client_for(world.users["geo_coordinator"])
    response = client.post(
        "/api/v1/chapters/", {"plan": plan.pk, "code": "7", "title": "Mine now"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "plan": [f'Invalid pk "{plan.pk}" - object does not exist.']
    }
    assert Chapter.objects.count() == 6


def test_compare_and_carry_over(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    old = h.plan(world, start=2015)
    h.commitment(h.objective(old, "2.1", "Introduce multi-year planning"), "Law", "DELAYED")
    h.commitment(h.objective(old, "2.2", "Finished"), "Done", "COMPLETED")
    new = h.plan(world, start=2017)
    carried = client.post(f"{URL}{new.pk}/carry-over/", {"from": old.pk}, format="json")
    assert carried.status_code == 200
    assert carried.json()["created"] == 1
    assert [(o["code"], o["carried_from"]) for o in carried.json()["objectives"]] == [
        ("2.1", old.objectives.get(code="2.1").pk)
    ]
    again = client.post(f"{URL}{new.pk}/carry-over/", {"from": old.pk}, format="json")
    assert again.json() == {"created": 0, "objectives": []}
    compared = client.get(f"{URL}{new.pk}/compare/", {"with": old.pk}).json()
    assert (compared["plan_a"], compared["plan_b"], compared["counts"]) == (
        old.pk,
        new.pk,
        {"added": 0, "dropped": 1, "reworded": 0, "carried": 1},
    )
    assert compared["carried"][0]["via"] == "link"
    assert client.get(f"{URL}{new.pk}/compare/").status_code == 400
    assert client.get(f"{URL}{new.pk}/compare/", {"with": 999999}).status_code == 404
    wrong = client.post(f"{URL}{old.pk}/carry-over/", {"from": new.pk}, format="json")
    assert wrong.json()["error"]["fields"] == {
        "from": ["Objectives are carried from an earlier plan only."]
    }


def test_export_and_import_round_trip(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    plan = h.plan(world)
    h.commitment(h.objective(plan, "2.1", "Reform, planning"), "Law", "DELAYED")
    exported = client.get(f"{URL}{plan.pk}/export/", {"list": "objectives", "format": "csv"})
    assert exported.status_code == 200
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        exported["Content-Disposition"] == f'attachment; filename="plan-{plan.pk}-objectives.csv"'
    )
    content = exported.content
    assert content.decode("utf-8-sig").splitlines() == [
        "chapter_code,objective_code,text",
        '2,2.1,"Reform, planning"',
    ]
    xlsx = client.get(f"{URL}{plan.pk}/export/", {"list": "commitments", "format": "xlsx"})
    assert (xlsx.status_code, xlsx.content[:2]) == (200, b"PK")
    before = ChangeRecord.objects.count()
    upload = SimpleUploadedFile("o.csv", content, content_type="text/csv")
    result = client.post(
        f"{URL}{plan.pk}/import/?list=objectives", {"file": upload}, format="multipart"
    )
    assert result.status_code == 200
    assert (result.json()["summary"], result.json()["written"]) == (
        "0 objectives were created, 0 updated, 1 unchanged.",
        True,
    )
    assert ChangeRecord.objects.count() == before
    assert client.get(f"{URL}{plan.pk}/export/", {"list": "x", "format": "pdf"}).json()["error"][
        "fields"
    ] == {"list": ["Choose objectives or commitments."], "format": ["Choose csv or xlsx."]}


def test_import_dry_run_and_row_errors(world: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    plan = h.plan(world)
    good = b"chapter_code,objective_code,text\n2,2.1,Reform\n"
    dry = client.post(
        f"{URL}{plan.pk}/import/?list=objectives&dry_run=1",
        {"file": SimpleUploadedFile("o.csv", good)},
        format="multipart",
    )
    assert dry.status_code == 200
    assert dry.json()["rows"] == [
        {"row": 2, "action": "create", "key": "2.1", "text": "Reform", "changes": []}
    ]
    assert (dry.json()["dry_run"], dry.json()["written"], Objective.objects.count()) == (
        True,
        False,
        0,
    )
    bad = b"chapter_code,objective_code,text\n2,2.1,Reform\n9,9.1,Nowhere\n2,2.2,\n"
    response = client.post(
        f"{URL}{plan.pk}/import/?list=objectives",
        {"file": SimpleUploadedFile("o.csv", bad)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "row 3.chapter_code": ["Unknown chapter '9' in this plan."],
        "row 4.text": ["Give the text of the objective."],
    }
    assert Objective.objects.count() == 0
    missing = client.post(f"{URL}{plan.pk}/import/?list=objectives", {}, format="multipart")
    assert missing.json()["error"]["fields"] == {"file": ["Attach a CSV or XLSX file."]}


def _fill(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        plan = h.plan(world, start=2000 + index)
        objective = h.objective(plan, f"2.{index}", f"Objective {index}")
        h.commitment(objective, f"Commitment {index}", agency=world.aze.children.first())
        services.decision_create(
            actor=h.SYSTEM,
            data={
                "plan": plan,
                "body": "NAC",
                "decided_on": dt.date(2000 + index, 1, 1),
                "method": "MEETING",
            },
        )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans/",
        "/api/v1/plan-decisions/",
        "/api/v1/chapters/",
        "/api/v1/objectives/",
        "/api/v1/commitments/",
    ],
)
def test_api_list_query_count_does_not_grow(world: Any, api_client_for: Any, url: str) -> None:
    client = api_client_for(world.users["staff_all"])
    _fill(world, 3, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(world, 6, 4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.json()["count"] == (54 if url == "/api/v1/chapters/" else 9)
    assert len(large.captured_queries) == len(small.captured_queries)
