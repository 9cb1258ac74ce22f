"""Assessment web pages: rating form, submission, reveal, close, follow-ups, query counts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from partnerdesk.assessments.models import (
    AssessmentRound,
    FollowUp,
    Rating,
    RevealEvent,
    SideSubmission,
)
from partnerdesk.assessments.tests.conftest import LATER, open_round, rate, submit
from partnerdesk.assessments.tests.test_api import _many_rounds
from partnerdesk.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(objectives: list[Any], levels: list[Any], action: str = "save") -> dict[str, str]:
    data = {"action": action}
    for objective, level in zip(objectives, levels, strict=True):
        data[f"level_{objective.pk}"] = "" if level is None else str(level)
        data[f"rationale_{objective.pk}"] = "" if level is None else f"Because {objective.code}"
    return data


def test_rating_form_save_draft_then_submit(world: Any, azeplan: Any, round_: Any) -> None:
    client = _client(world.users["aze_assessor"])
    page = client.get(f"/assessments/{round_.pk}/").content.decode()
    assert page.count('<select id="level_') == 4
    assert "Level for 1.1" in page
    assert "Submit national experts ratings" in page
    objectives = azeplan.objectives
    saved = client.post(f"/assessments/{round_.pk}/rate/", _form(objectives, [3, 2, None, None]))
    assert (saved.status_code, saved["Location"]) == (302, f"/assessments/{round_.pk}/")
    assert dict(Rating.objects.values_list("objective__code", "level")) == {"1.1": 3, "1.2": 2}
    early = client.post(
        f"/assessments/{round_.pk}/rate/", _form(objectives, [3, 2, None, None], "submit")
    )
    assert early.status_code == 400
    assert (
        "Rate every objective before submitting: 2 of 4 have no national rating (2.1, 2.2)."
        in early.content.decode()
    )
    versions = {f"version_{o.pk}": "1" for o in objectives[:2]}
    done = client.post(
        f"/assessments/{round_.pk}/rate/", _form(objectives, [3, 2, 4, 5], "submit") | versions
    )
    assert done.status_code == 302
    assert SideSubmission.objects.get().side == "NATIONAL"
    after = client.get(f"/assessments/{round_.pk}/").content.decode()
    assert 'id="rating-form"' not in after
    assert "Your side's ratings" in after
    assert "Submitted" in after
    assert set(
        ChangeRecord.objects.filter(content_type__model="rating").values_list("source", flat=True)
    ) == {"web"}


def test_rating_form_errors_stay_next_to_their_row(world: Any, azeplan: Any, round_: Any) -> None:
    client = _client(world.users["alliance_assessor"])
    first, second, *_ = azeplan.objectives
    data = {
        "action": "save",
        f"level_{first.pk}": "3",
        f"rationale_{first.pk}": "",
        f"level_{second.pk}": "",
        f"rationale_{second.pk}": "A rationale without a level",
    }
    response = client.post(f"/assessments/{round_.pk}/rate/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose a level for this rationale." in body
    assert "A rationale without a level" in body
    del data[f"rationale_{second.pk}"]
    response = client.post(f"/assessments/{round_.pk}/rate/", data)
    assert response.status_code == 400
    assert "This field cannot be blank." in response.content.decode()
    assert Rating.objects.count() == 0


def test_people_who_do_not_rate_get_no_form_and_may_not_post(
    world: Any, azeplan: Any, round_: Any
) -> None:
    for name in ("aze_viewer", "staff_geo", "admin"):
        client = _client(world.users[name])
        page = client.get(f"/assessments/{round_.pk}/").content.decode()
        assert 'id="rating-form"' not in page
        assert "You do not rate in this round." in page
        response = client.post(
            f"/assessments/{round_.pk}/rate/", _form(azeplan.objectives, [1, 1, 1, 1])
        )
        assert response.status_code == 403
    assert (
        _client(world.users["geo_viewer"])
        .post(f"/assessments/{round_.pk}/rate/", _form(azeplan.objectives, [1, 1, 1, 1]))
        .status_code
        == 404
    )
    assert Rating.objects.count() == 0


def test_post_only_routes_refuse_get(world: Any, round_: Any) -> None:
    client = _client(world.users["staff_all"])
    for action in ("rate", "close", "divergences-to-follow-ups"):
        assert client.get(f"/assessments/{round_.pk}/{action}/").status_code == 405


def test_reveal_page_shows_both_sides_analytics_charts_and_records_the_reveal(
    world: Any, rated_round: Any
) -> None:
    viewer = _client(world.users["aze_viewer"])
    page = viewer.get(f"/assessments/{rated_round.pk}/").content.decode()
    assert "Rationale for 1.2 at 3" in page
    assert "Rationale for 1.2 at 1" in page
    assert "+2 divergent" in page
    assert "Exact agreement</dt><dd>50%" in page
    assert "(95% CI" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "mean gap between the two sides by chapter and year" in page
    assert "Send to follow-ups" not in page  # viewers may not open follow-ups
    viewer.get(f"/assessments/{rated_round.pk}/")
    assert list(RevealEvent.objects.values_list("user__username", flat=True)) == ["aze_viewer"]


def test_send_divergences_to_follow_ups_and_close_from_the_page(
    world: Any, rated_round: Any
) -> None:
    client = _client(world.users["aze_coordinator"])
    page = client.get(f"/assessments/{rated_round.pk}/").content.decode()
    assert "Send to follow-ups" in page
    response = client.post(f"/assessments/{rated_round.pk}/divergences-to-follow-ups/")
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.objective.code == "1.2"
    listing = client.get("/assessments/follow-ups/").content.decode()
    assert "Divergent 2016 assessment of 1.2" in listing
    edit = client.post(
        f"/assessments/follow-ups/{follow_up.pk}/edit/",
        {
            "text": follow_up.text,
            "due_on": "2017-06-30",
            "status": "DONE",
            "marking": "BILATERAL",
            "version": "1",
        },
    )
    assert (edit.status_code, edit["Location"]) == (302, f"/assessments/follow-ups/{follow_up.pk}/")
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.due_on, follow_up.version) == (
        "DONE",
        dt.date(2017, 6, 30),
        2,
    )
    close = client.post(
        f"/assessments/{rated_round.pk}/close/", {"version": str(rated_round.version)}
    )
    assert close.status_code == 302
    assert AssessmentRound.objects.get().status == "CLOSED"


def test_close_refused_before_both_submissions_shows_why(world: Any, round_: Any) -> None:
    client = _client(world.users["staff_all"])
    response = client.post(f"/assessments/{round_.pk}/close/", {"version": "1"}, follow=True)
    assert "The round can close when both sides have submitted or after its deadline" in (
        response.content.decode()
    )
    assert AssessmentRound.objects.get().status == "OPEN"
    assert (
        _client(world.users["aze_assessor"])
        .post(f"/assessments/{round_.pk}/close/", {"version": "1"})
        .status_code
        == 403
    )


def test_open_a_round_from_the_form(world: Any, azeplan: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    form = client.get("/assessments/new/")
    assert form.status_code == 200
    response = client.post(
        "/assessments/new/",
        {
            "plan": azeplan.plan.pk,
            "year": "2016",
            "opens_on": "2016-01-15",
            "deadline": LATER.isoformat(),
            "levels": "4",
            "level_labels": "None\nSome\nMost\nAll",
            "marking": "",
            "note": "Illustrative ratings",
        },
    )
    assessment = AssessmentRound.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/assessments/{assessment.pk}/")
    assert (assessment.levels, assessment.level_labels, assessment.marking) == (
        4,
        ["None", "Some", "Most", "All"],
        "BILATERAL",
    )
    bad = client.post(
        "/assessments/new/",
        {
            "plan": azeplan.plan.pk,
            "year": "2030",
            "opens_on": "2016-01-15",
            "deadline": "2016-01-01",
        },
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "year": ["The plan runs from 2015 to 2016; assess a year in it."],
        "deadline": ["The deadline cannot come before the round opens."],
    }
    assert _client(world.users["aze_assessor"]).get("/assessments/new/").status_code == 403


def test_list_shows_submitted_yes_no_per_side(world: Any, azeplan: Any, round_: Any) -> None:
    rate(world.users["aze_assessor"], round_, azeplan.objectives, [1, 2, 3, 4])
    submit(world.users["aze_assessor"], round_, "NATIONAL")
    body = _client(world.users["alliance_assessor"]).get("/assessments/").content.decode()
    row = re.search(r"<tr>\s*<td>Azerbaijan</td>.*?</tr>", body, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    assert cells[4].startswith("Submitted ")
    assert "Not yet" in cells[5]


@pytest.mark.parametrize("url", ["/assessments/", "/assessments/follow-ups/"])
def test_list_query_count_does_not_grow_with_rows(world: Any, url: str) -> None:
    client = _client(world.users["staff_all"])
    _many_rounds(world, 3, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _many_rounds(world, 3, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_round_page_query_count_does_not_grow_with_objectives(world: Any) -> None:
    from partnerdesk.assessments.tests.conftest import make_plan

    def build(count: int) -> AssessmentRound:
        fixture = make_plan(
            world.aze,
            title=f"Plan with {count}",
            objectives=[("1" if i % 2 else "2", f"{count}.{i}") for i in range(count)],
        )
        assessment = open_round(fixture.plan, deadline=dt.date(2016, 3, 31))
        rate(world.users["aze_assessor"], assessment, fixture.objectives, [2] * count)
        rate(world.users["alliance_assessor"], assessment, fixture.objectives, [4] * count)
        submit(world.users["aze_assessor"], assessment, "NATIONAL")
        submit(world.users["alliance_assessor"], assessment, "ALLIANCE")
        return assessment

    client = _client(world.users["staff_all"])
    small_round, large_round = build(3), build(6)
    for assessment in (small_round, large_round):
        client.get(f"/assessments/{assessment.pk}/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/assessments/{small_round.pk}/")
    with CaptureQueriesContext(connection) as large:
        client.get(f"/assessments/{large_round.pk}/")
    assert len(large.captured_queries) == len(small.captured_queries)
