"""The PARP web pages: forms through the services, transitions, import/export, carry-over, the
series chart, and query counts that do not grow with the rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.models import ChangeRecord
from partnerdesk.parp.models import GoalAssessment, ParpCycle, PartnershipGoal, SurveyAnswer
from partnerdesk.parp.tests.helpers import (
    make_answer,
    make_assessment,
    make_cycle,
    make_goal,
    make_objective,
)

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cycle_form(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze.pk,
        "marking": "BILATERAL",
        "start_year": "2016",
        "end_year": "",
        "step": "SURVEY_ISSUED",
        "goals_year_parity": "even",
        "approved_on": "",
        "approved_by": "",
        "assessment_discussed_on": "",
        "forum": "",
        "armed_forces_recorded": "on",
        "note": "",
    } | overrides


def test_create_and_edit_a_cycle_through_the_web(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("parp:create"), _cycle_form(world))
    cycle = ParpCycle.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("parp:detail", args=[cycle.pk]),
    )
    assert (cycle.end_year, cycle.step) == (2018, "SURVEY_ISSUED")
    edit = client.post(
        reverse("parp:update", args=[cycle.pk]),
        _cycle_form(world, forum="PCSC (NATO + Azerbaijan)", end_year="2018", version="1"),
    )
    assert edit.status_code == 302
    cycle.refresh_from_db()
    assert (cycle.forum, cycle.version) == ("PCSC (NATO + Azerbaijan)", 2)
    page = client.get(reverse("parp:detail", args=[cycle.pk])).content.decode()
    assert "Goals in even years, assessment in odd years" in page
    assert "2016: Goals agreed" in page
    assert "2017: Assessment" in page
    assert "Move to “Survey returned”" in page
    assert list(ChangeRecord.objects.order_by("pk").values_list("action", "source")) == [
        ("CREATE", "web"),
        ("UPDATE", "web"),
    ]


def test_invalid_cycle_form_shows_field_errors(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("parp:create"),
        _cycle_form(world, start_year="2016", end_year="2015", approved_by="PARTNER"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "end_year": ["The cycle cannot end before it starts."],
        "approved_on": ["Give the date of the approval."],
    }
    assert ParpCycle.objects.count() == 0


def test_transition_buttons_move_one_step_and_refuse_stale_clicks(world: Any) -> None:
    cycle = make_cycle(world.aze)
    client = _client(world.users["aze_coordinator"])
    url = reverse("parp:transition", args=[cycle.pk])
    response = client.post(url, {"target": "SURVEY_RETURNED", "version": "1"}, follow=True)
    assert "now at “Survey returned”" in response.content.decode()
    stale = client.post(url, {"target": "DRAFT_GOALS", "version": "1"}, follow=True)
    assert "the current version is 2" in stale.content.decode()
    refused = client.post(url, {"target": "GOALS_APPROVED", "version": "2"}, follow=True)
    assert (
        "Cannot move from Survey returned to Goals approved. From Survey returned it can move to: "
        "Draft Partnership Goals, Survey issued." in refused.content.decode()
    )
    cycle.refresh_from_db()
    assert (cycle.step, cycle.version) == ("SURVEY_RETURNED", 2)
    assert client.get(url).status_code == 405


def test_goal_create_edit_and_objective_links_both_ways(world: Any) -> None:
    cycle = make_cycle(world.aze)
    objective = make_objective(world.aze)
    foreign = make_objective(world.geo, code="9.9", marking="PUBLIC")
    client = _client(world.users["aze_coordinator"])
    form = client.get(reverse("parp:goal-create", args=[cycle.pk])).context["form"]
    assert list(form.fields["objectives"].queryset) == [objective]
    data = {
        "marking": "BILATERAL",
        "code": "G01",
        "title": "Development of a professional NCO corps",
        "service": "GENERAL",
        "armed_forces": "on",
        "target_date": "2018-12-31",
        "status": "AGREED",
        "carried_from": "",
        "objectives": [objective.pk],
    }
    bad = client.post(
        reverse("parp:goal-create", args=[cycle.pk]), data | {"objectives": [foreign.pk]}
    )
    assert bad.status_code == 400
    assert "objectives" in bad.context["form"].errors
    response = client.post(reverse("parp:goal-create", args=[cycle.pk]), data)
    goal = PartnershipGoal.objects.get()
    assert response["Location"] == reverse("parp:goal-detail", args=[goal.pk])
    assert (goal.owner_id, goal.cycle_id, list(goal.objectives.all())) == (
        world.aze.pk,
        cycle.pk,
        [objective],
    )
    page = client.get(reverse("parp:goal-detail", args=[goal.pk])).content.decode()
    assert "Plan objectives it serves" in page
    assert "1.1" in page
    assert "An objective" in page
    edit = client.post(
        reverse("parp:goal-update", args=[goal.pk]),
        data | {"status": "IMPLEMENTED", "version": "1"},
    )
    assert edit["Location"] == reverse("parp:goal-detail", args=[goal.pk])
    goal.refresh_from_db()
    assert (goal.status, goal.version) == ("IMPLEMENTED", 2)


def test_survey_answers_and_assessments_are_added_under_their_parents(world: Any) -> None:
    cycle = make_cycle(world.aze)
    goal = make_goal(cycle, "G01")
    client = _client(world.users["staff_all"])
    response = client.post(
        reverse("parp:answer-create", args=[cycle.pk]),
        {
            "marking": "BILATERAL",
            "section": "BUDGET",
            "question": "Budget",
            "answer": "",
            "amount": "",
            "currency": "",
            "year": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "amount": ["A budget answer needs an amount."],
        "currency": ["A budget answer needs a currency."],
        "year": ["A budget answer needs the budget year."],
    }
    response = client.post(
        reverse("parp:answer-create", args=[cycle.pk]),
        {
            "marking": "BILATERAL",
            "section": "BUDGET",
            "question": "Budget",
            "answer": "",
            "amount": "12.50",
            "currency": "EUR",
            "year": "2017",
        },
    )
    assert response["Location"] == reverse("parp:detail", args=[cycle.pk]) + "#survey"
    assert SurveyAnswer.objects.get().owner_id == world.aze.pk
    response = client.post(
        reverse("parp:assessment-create", args=[goal.pk]),
        {"marking": "BILATERAL", "year": "2017", "narrative": "Half done.", "progress": "50"},
    )
    assert response["Location"] == reverse("parp:goal-detail", args=[goal.pk]) + "#assessments"
    assessment = GoalAssessment.objects.get()
    delete = client.post(reverse("parp:assessment-delete", args=[assessment.pk]), {"version": "1"})
    assert delete["Location"] == reverse("parp:goal-detail", args=[goal.pk]) + "#assessments"
    refused = client.post(reverse("parp:delete", args=[cycle.pk]), {"version": "1"}, follow=True)
    assert "Delete the cycle&#x27;s goals and survey answers first" in refused.content.decode()
    assert ParpCycle.objects.count() == 1


def test_import_page_dry_run_errors_and_import(world: Any) -> None:
    cycle = make_cycle(world.aze)
    client = _client(world.users["aze_coordinator"])
    url = reverse("parp:goal-import", args=[cycle.pk])

    def upload(content: bytes, dry_run: bool) -> Any:
        data: dict[str, Any] = {"file": SimpleUploadedFile("goals.csv", content)}
        if dry_run:
            data["dry_run"] = "on"
        return client.post(url, data)

    good = b"code,title,service,armed_forces,target_date,status\nG01,A goal,GENERAL,yes,,AGREED\nX01,Other,OTHER,no,,\n"
    bad = good + b"G02,Bad,TANKS,yes,,\n"
    response = upload(bad, dry_run=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert "1 error — nothing was imported." in page
    assert "<td>4</td><td>service</td>" in page
    assert PartnershipGoal.objects.count() == 0
    dry = upload(good, dry_run=True)
    assert (dry.status_code, dry.context["result"].created) == (200, 2)
    assert PartnershipGoal.objects.count() == 0
    done = upload(good, dry_run=False)
    assert done.status_code == 302
    assert sorted(PartnershipGoal.objects.values_list("code", flat=True)) == ["G01", "X01"]
    assert set(ChangeRecord.objects.values_list("source", flat=True)) == {"import"}
    export = client.get(reverse("parp:goal-export", args=[cycle.pk]), {"file_type": "csv"})
    assert (
        export["Content-Disposition"]
        == 'attachment; filename="partnership-goals-AZE-2016-2018.csv"'
    )
    assert export.content.decode("utf-8-sig").splitlines() == [
        "code,title,service,armed_forces,target_date,status",
        "G01,A goal,GENERAL,yes,,AGREED",
        "X01,Other,OTHER,no,,PROPOSED",
    ]


def test_carry_over_page(world: Any) -> None:
    first = make_cycle(world.aze, start=2014)
    second = make_cycle(world.aze, start=2016)
    make_goal(first, "G01", status="IN_PROGRESS")
    make_goal(first, "G02", status="IMPLEMENTED")
    client = _client(world.users["aze_coordinator"])
    page = client.get(reverse("parp:carry-over", args=[first.pk]))
    assert list(page.context["form"].fields["target"].queryset) == [second]
    assert page.context["open_count"] == 1
    response = client.post(reverse("parp:carry-over", args=[first.pk]), {"target": second.pk})
    assert response["Location"] == reverse("parp:detail", args=[second.pk])
    copy = PartnershipGoal.objects.get(cycle=second)
    assert (copy.code, copy.carried_from.code) == ("G01", "G01")
    detail = client.get(reverse("parp:goal-detail", args=[copy.pk])).content.decode()
    assert "2014–2016 · G01" in detail


def test_cycle_page_filters_goals_and_totals(world: Any) -> None:
    cycle = make_cycle(world.aze)
    make_goal(cycle, "G01")
    make_goal(cycle, "L01", service="LAND")
    make_goal(cycle, "X01", service="OTHER", armed_forces=False)
    client = _client(world.users["aze_viewer"])
    response = client.get(reverse("parp:detail", args=[cycle.pk]))
    totals = response.context["totals"]
    assert (totals.total, totals.armed_forces, totals.by_service) == (
        3,
        2,
        {"GENERAL": 1, "LAND": 1, "OTHER": 1},
    )
    filtered = client.get(reverse("parp:detail", args=[cycle.pk]), {"armed_forces": "false"})
    assert [g.code for g in filtered.context["goals"]] == ["X01"]
    assert "Move to" not in response.content.decode()  # read-only: no transition buttons


def test_series_page_draws_the_computed_series(world: Any) -> None:
    cycle = make_cycle(world.aze, start=2014, marking="PUBLIC")
    make_goal(cycle, "G01")
    make_goal(cycle, "X01", service="OTHER", armed_forces=False)
    response = _client(world.users["geo_viewer"]).get(reverse("parp:series"), {"nation": "aze"})
    page = response.content.decode()
    assert response.context["nation"] == world.aze
    assert '<title id="chart-title">Partnership Goals of Azerbaijan per PARP cycle</title>' in page
    assert "2014–2016: 2 goals, 1 for the armed forces." in page
    unknown = _client(world.users["geo_viewer"]).get(reverse("parp:series"), {"nation": "XXX"})
    assert "No PARP cycles you may see for “XXX”." in unknown.content.decode()


def _rows(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        cycle = make_cycle(world.aze, start=1994 + 2 * index, marking="PUBLIC")
        objective = make_objective(world.aze, code=f"O{index}", marking="PUBLIC")
        goal = make_goal(cycle, f"G{index}")
        goal.objectives.set([objective])
        goal.sources.set([])
        make_answer(cycle)
        make_assessment(goal, year=cycle.start_year + 1)
        make_goal(cycle, f"L{index}", service="LAND", carried_from=None)


@pytest.mark.parametrize(
    "url",
    [
        "/parp/",
        "/parp/goals/",
        "/parp/series/?nation=AZE",
        "/api/v1/parp-cycles/",
        "/api/v1/partnership-goals/",
        "/api/v1/survey-answers/",
        "/api/v1/goal-assessments/",
        "/api/v1/parp-cycles/series/?nation=AZE",
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    world: Any, url: str, api_client_for: Any
) -> None:
    user = world.users["staff_all"]
    client: Any = api_client_for(user) if url.startswith("/api/") else _client(user)
    _rows(world, 3, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _rows(world, 3, 4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_cycle_page_query_count_does_not_grow_with_goals(world: Any) -> None:
    cycle = make_cycle(world.aze, marking="PUBLIC")
    client = _client(world.users["aze_coordinator"])

    def add(start: int) -> None:
        for index in range(start, start + 4):
            goal = make_goal(cycle, f"G{index}")
            goal.objectives.set([make_objective(world.aze, code=f"O{index}")])
            make_answer(
                cycle,
                section="BUDGET" if index % 2 else "OTHER",
                amount=1,
                currency="EUR",
                year=2017,
            )

    add(1)
    url = reverse("parp:detail", args=[cycle.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add(5)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_goals_for_objective_partial_and_home_card(world: Any) -> None:
    from django.template.loader import render_to_string

    from partnerdesk.parp.selectors import goals_for_objective

    cycle = make_cycle(world.aze, marking="PUBLIC")
    objective = make_objective(world.aze, marking="PUBLIC")
    make_goal(cycle, "G01", title="Logistics standards").objectives.set([objective])
    make_goal(cycle, "G02", title="Hidden", marking="BILATERAL").objectives.set([objective])
    html = render_to_string(
        "parp/_goals_for_objective.html",
        {"panel_data": {"goals": goals_for_objective(world.users["geo_viewer"], objective.pk)}},
    )
    assert "Partnership Goals serving this objective" in html
    assert "Logistics standards" in html
    assert "Hidden" not in html
    home = _client(world.users["aze_viewer"]).get("/").content.decode()
    assert 'href="/parp/"' in home
    assert "Planning and Review Process: survey, Partnership Goals, assessment." in home


def test_objective_page_lists_the_goals_that_serve_it(world: Any) -> None:
    """Traceability both ways: the plans objective page shows the visible goals linked to it."""
    import datetime as dt

    from django.test import Client

    from partnerdesk.parp.models import ParpCycle, PartnershipGoal
    from partnerdesk.plans.models import Chapter, Objective, Plan

    plan = Plan.objects.create(
        owner=world.aze,
        marking="BILATERAL",
        plan_type="IPAP",
        title="IPAP",
        period_start=dt.date(2015, 1, 1),
        period_end=dt.date(2016, 12, 31),
    )
    chapter = Chapter.objects.create(
        owner=world.aze, marking="BILATERAL", plan=plan, code="2", title="Defence"
    )
    objective = Objective.objects.create(
        owner=world.aze,
        marking="BILATERAL",
        plan=plan,
        chapter=chapter,
        code="2.1",
        text="Interoperability",
    )
    cycle = ParpCycle.objects.create(
        owner=world.aze, marking="BILATERAL", start_year=2016, end_year=2018
    )
    goal = PartnershipGoal.objects.create(
        owner=world.aze,
        marking="BILATERAL",
        cycle=cycle,
        code="G 0101",
        title="Battalion communications",
    )
    goal.objectives.set([objective])
    client = Client()
    client.force_login(world.users["aze_viewer"])
    page = client.get(f"/plans/objectives/{objective.pk}/").content.decode()
    assert "Partnership Goals serving this objective" in page
    assert "G 0101</a> Battalion communications" in page
