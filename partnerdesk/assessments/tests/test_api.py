"""The assessment API: rounds, submit/close, ratings, analytics, exports, follow-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerdesk.assessments.models import AssessmentRound, FollowUp, Rating, SideSubmission
from partnerdesk.assessments.tests.conftest import LATER, make_plan, open_round, rate, submit
from partnerdesk.core.models import ChangeRecord

pytestmark = pytest.mark.django_db

ROUNDS = "/api/v1/assessment-rounds/"
RATINGS = "/api/v1/ratings/"
FOLLOW_UPS = "/api/v1/follow-ups/"


def _body(plan: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "plan": plan.pk,
        "year": 2016,
        "opens_on": "2016-01-15",
        "deadline": LATER.isoformat(),
    } | overrides


def test_open_a_round_through_the_api(world: Any, azeplan: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(ROUNDS, _body(azeplan.plan, note="Illustrative ratings"), format="json")
    assert response.status_code == 201
    assert response["ETag"] == '"1"'
    data = response.json()
    assert {k: data[k] for k in ("nation", "year", "status", "levels", "marking", "note")} == {
        "nation": "AZE",
        "year": 2016,
        "status": "OPEN",
        "levels": 5,
        "marking": "BILATERAL",
        "note": "Illustrative ratings",
    }
    assert (data["national_submitted"], data["alliance_submitted"], data["revealed"]) == (
        False,
        False,
        False,
    )
    record = ChangeRecord.objects.get(content_type__model="assessmentround")
    assert (record.source, record.actor_label, record.action) == (
        "api",
        "aze_coordinator",
        "CREATE",
    )


def test_round_input_errors_name_fields(world: Any, azeplan: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    response = client.post(
        ROUNDS, _body(azeplan.plan, year=2020, level_labels=["only one"]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "year": ["The plan runs from 2015 to 2016; assess a year in it."],
        "level_labels": ["Give exactly one label per level: 5 labels, not 1."],
    }
    foreign = api_client_for(world.users["geo_coordinator"])
    hidden = foreign.post(ROUNDS, _body(azeplan.plan), format="json")
    missing = foreign.post(ROUNDS, _body(azeplan.plan) | {"plan": 999999}, format="json")
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["error"]["fields"]["plan"] == [
        f'Invalid pk "{azeplan.plan.pk}" - object does not exist.'
    ]
    assert missing.json()["error"]["fields"]["plan"] == [
        'Invalid pk "999999" - object does not exist.'
    ]
    assessor = api_client_for(world.users["aze_assessor"]).post(
        ROUNDS, _body(azeplan.plan), format="json"
    )
    assert assessor.status_code == 403
    assert AssessmentRound.objects.count() == 0


def test_update_and_delete_need_if_match(
    world: Any, azeplan: Any, round_: Any, api_client_for: Any
) -> None:
    client = api_client_for(world.users["aze_coordinator"])
    url = f"{ROUNDS}{round_.pk}/"
    assert client.patch(url, {"note": "x"}, format="json").status_code == 428
    assert client.patch(url, {"note": "x"}, format="json", HTTP_IF_MATCH='"9"').status_code == 412
    ok = client.patch(url, {"note": "Planned"}, format="json", HTTP_IF_MATCH='"1"')
    assert (ok.status_code, ok["ETag"], ok.json()["note"]) == (200, '"2"', "Planned")
    put = client.put(url, _body(azeplan.plan, note="Replaced"), format="json", HTTP_IF_MATCH='"2"')
    assert (put.status_code, put.json()["note"]) == (200, "Replaced")
    moved = client.patch(url, {"year": 2015}, format="json", HTTP_IF_MATCH='"3"')
    assert moved.status_code == 400
    assert moved.json()["error"]["fields"] == {"year": ["This field cannot be set."]}
    assert client.delete(url, HTTP_IF_MATCH='"3"').status_code == 204
    assert not AssessmentRound.objects.exists()


def test_ratings_flow_through_the_api(
    world: Any, azeplan: Any, round_: Any, api_client_for: Any
) -> None:
    national = api_client_for(world.users["aze_assessor"])
    first, *rest = azeplan.objectives
    created = national.post(
        RATINGS,
        {"round": round_.pk, "objective": first.pk, "level": 2, "rationale": "Started"},
        format="json",
    )
    assert created.status_code == 201
    data = created.json()
    assert {k: data[k] for k in ("side", "level", "level_label", "assessor", "marking")} == {
        "side": "NATIONAL",
        "level": 2,
        "level_label": "Limited progress",
        "assessor": "aze_assessor",
        "marking": "NATIONAL_ONLY",
    }
    url = f"{RATINGS}{data['id']}/"
    assert national.patch(url, {"level": 3}, format="json").status_code == 428
    patched = national.patch(url, {"level": 3}, format="json", HTTP_IF_MATCH='"1"')
    assert (patched.status_code, patched.json()["level"], patched["ETag"]) == (200, 3, '"2"')
    moved = national.patch(url, {"round": 1}, format="json", HTTP_IF_MATCH='"2"')
    assert moved.status_code == 200  # round is not an updatable field: ignored by the shape
    assert Rating.objects.get().round_id == round_.pk
    early = national.post(f"{ROUNDS}{round_.pk}/submit/", {"side": "NATIONAL"}, format="json")
    assert early.status_code == 400
    assert early.json()["error"]["fields"] == {
        "non_field_errors": [
            "Rate every objective before submitting: 3 of 4 have no national rating "
            "(1.2, 2.1, 2.2)."
        ]
    }
    for objective in rest:
        assert (
            national.post(
                RATINGS,
                {"round": round_.pk, "objective": objective.pk, "level": 4, "rationale": "Done"},
                format="json",
            ).status_code
            == 201
        )
    wrong = national.post(f"{ROUNDS}{round_.pk}/submit/", {"side": "ALLIANCE"}, format="json")
    assert wrong.status_code == 403
    assert wrong.json()["error"]["message"] == (
        "You rate for the national side, not the alliance side."
    )
    done = national.post(f"{ROUNDS}{round_.pk}/submit/", {"side": "NATIONAL"}, format="json")
    assert done.status_code == 200
    assert (done.json()["national_submitted"], done.json()["revealed"]) == (True, False)
    frozen = national.patch(url, {"level": 1}, format="json", HTTP_IF_MATCH='"2"')
    assert frozen.status_code == 400
    assert frozen.json()["error"]["fields"] == {
        "non_field_errors": ["The national side has submitted; its ratings are frozen."]
    }
    assert SideSubmission.objects.count() == 1
    sources = set(
        ChangeRecord.objects.filter(content_type__app_label="assessments").values_list(
            "source", flat=True
        )
    )
    assert sources == {"api", "system"}


def test_rating_input_errors(world: Any, azeplan: Any, round_: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["alliance_assessor"])
    response = client.post(
        RATINGS,
        {"round": round_.pk, "objective": azeplan.objectives[0].pk, "level": 7, "rationale": ""},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"rationale": ["This field may not be blank."]}
    response = client.post(
        RATINGS,
        {"round": round_.pk, "objective": azeplan.objectives[0].pk, "level": 7, "rationale": "r"},
        format="json",
    )
    assert response.json()["error"]["fields"] == {"level": ["Choose a level from 1 to 5."]}
    viewer = api_client_for(world.users["aze_viewer"]).post(
        RATINGS,
        {"round": round_.pk, "objective": azeplan.objectives[0].pk, "level": 2, "rationale": "r"},
        format="json",
    )
    assert viewer.status_code == 403
    foreign = api_client_for(world.users["geo_coordinator"]).post(
        RATINGS,
        {"round": round_.pk, "objective": azeplan.objectives[0].pk, "level": 2, "rationale": "r"},
        format="json",
    )
    assert foreign.status_code == 400
    assert set(foreign.json()["error"]["fields"]) == {"round", "objective"}
    assert Rating.objects.count() == 0


def test_close_needs_if_match_and_reveals(world: Any, azeplan: Any, api_client_for: Any) -> None:
    past = open_round(azeplan.plan, deadline=dt.date(2016, 3, 31))
    rate(world.users["aze_assessor"], past, azeplan.objectives, [4, 3, 2, 5])
    client = api_client_for(world.users["staff_all"])
    url = f"{ROUNDS}{past.pk}/close/"
    assert client.post(url).status_code == 428
    assert client.post(url, HTTP_IF_MATCH='"5"').status_code == 412
    assessor = api_client_for(world.users["alliance_assessor"]).post(url, HTTP_IF_MATCH='"1"')
    assert assessor.status_code == 403
    closed = client.post(url, HTTP_IF_MATCH='"1"')
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["revealed"], closed["ETag"]) == (
        "CLOSED",
        True,
        '"2"',
    )
    again = client.post(url, HTTP_IF_MATCH='"2"')
    assert again.status_code == 400
    assert again.json()["error"]["fields"] == {
        "status": ["Cannot move from Closed to Closed. Closed is final."]
    }


def test_analytics_of_a_revealed_round(
    world: Any, azeplan: Any, rated_round: Any, api_client_for: Any
) -> None:
    # national 4,3,2,5 vs alliance 4,1,2,4 (chapter 1: 1.1, 1.2; chapter 2: 2.1, 2.2)
    data = (
        api_client_for(world.users["aze_viewer"]).get(f"{ROUNDS}{rated_round.pk}/analytics/").json()
    )
    assert (data["round"], data["revealed"], data["levels"]) == (rated_round.pk, True, 5)
    overall = data["overall"]
    assert (overall["n"], overall["exact"], overall["within_one"], overall["mean_gap"]) == (
        4,
        0.5,
        0.75,
        0.75,
    )
    assert overall["kappa"] == pytest.approx(9 / 14)  # scikit-learn: 0.642857
    assert overall["kappa_low"] < overall["kappa"] < overall["kappa_high"]
    assert [(c["chapter"], c["n"], c["exact"]) for c in data["by_chapter"]] == [
        ("1. Political and security issues", 2, 0.5),
        ("2. Defence issues", 2, 0.5),
    ]
    assert data["divergences"] == [
        {
            "objective": azeplan.objectives[1].pk,
            "objective_code": "1.2",
            "chapter": "1. Political and security issues",
            "national": 3,
            "alliance": 1,
            "gap": 2,
        }
    ]


def test_divergences_to_follow_ups_endpoint(
    world: Any, rated_round: Any, api_client_for: Any
) -> None:
    url = f"{ROUNDS}{rated_round.pk}/divergences-to-follow-ups/"
    assert api_client_for(world.users["alliance_assessor"]).post(url).status_code == 403
    client = api_client_for(world.users["aze_coordinator"])
    response = client.post(url, {"due_on": "2017-05-31"}, format="json")
    assert response.status_code == 201
    (item,) = response.json()
    assert (item["objective_code"], item["status"], item["due_on"], item["nation"]) == (
        "1.2",
        "OPEN",
        "2017-05-31",
        "AZE",
    )
    assert client.post(url, {}, format="json").json() == []
    listing = client.get(f"{FOLLOW_UPS}?round={rated_round.pk}").json()
    assert listing["count"] == 1
    done = client.patch(
        f"{FOLLOW_UPS}{item['id']}/", {"status": "DONE"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert (done.status_code, done.json()["status"]) == (200, "DONE")
    bad = client.patch(
        f"{FOLLOW_UPS}{item['id']}/", {"status": "LATER"}, format="json", HTTP_IF_MATCH='"2"'
    )
    assert bad.json()["error"]["fields"] == {"status": ["Unknown status 'LATER'."]}
    history = client.get(f"{FOLLOW_UPS}{item['id']}/history/").json()
    assert [r["action"] for r in history["results"]] == ["UPDATE", "CREATE"]
    assert client.delete(f"{FOLLOW_UPS}{item['id']}/", HTTP_IF_MATCH='"2"').status_code == 204
    assert FollowUp.objects.count() == 0


def test_create_a_follow_up_directly(world: Any, azeplan: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["staff_all"])
    response = client.post(
        FOLLOW_UPS,
        {"objective": azeplan.objectives[0].pk, "text": "Raise at the next meeting"},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["nation"], response.json()["marking"], response.json()["round"]) == (
        "AZE",
        "BILATERAL",
        None,
    )


def test_export_format_is_checked(world: Any, round_: Any, api_client_for: Any) -> None:
    client = api_client_for(world.users["aze_assessor"])
    response = client.get(f"{ROUNDS}{round_.pk}/export/?format=pdf")
    assert response.status_code == 404
    csv_response = client.get(f"{ROUNDS}{round_.pk}/export/")
    assert csv_response.status_code == 200
    assert csv_response["Content-Disposition"] == (
        f'attachment; filename="assessment-aze-2016-{round_.pk}.csv"'
    )
    assert (
        csv_response.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("nation,plan,year,chapter,objective")
    )


def _many_rounds(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        fixture = make_plan(
            world.aze,
            title=f"Plan {index}",
            objectives=(("1", f"{index}.1"), ("2", f"{index}.2")),
        )
        assessment = open_round(fixture.plan, deadline=dt.date(2016, 3, 31))
        rate(world.users["aze_assessor"], assessment, fixture.objectives, [2, 3])
        rate(world.users["alliance_assessor"], assessment, fixture.objectives, [2, 5])
        submit(world.users["aze_assessor"], assessment, "NATIONAL")
        submit(world.users["alliance_assessor"], assessment, "ALLIANCE")
        assessment.refresh_from_db()
        from partnerdesk.assessments import services
        from partnerdesk.core.actor import Actor

        services.divergences_to_follow_ups(actor=Actor.system(), assessment=assessment)


@pytest.mark.parametrize("url", [ROUNDS, RATINGS, FOLLOW_UPS])
@pytest.mark.parametrize("name", ["staff_all", "aze_assessor"])
def test_api_list_query_count_does_not_grow_with_rows(
    world: Any, url: str, name: str, api_client_for: Any
) -> None:
    client = api_client_for(world.users[name])
    _many_rounds(world, 3, 1)
    client.get(url)  # warm caches and write the first reveal events
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _many_rounds(world, 3, 4)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] == {ROUNDS: 6, RATINGS: 24, FOLLOW_UPS: 6}[url]
    assert len(large.captured_queries) == len(small.captured_queries)
