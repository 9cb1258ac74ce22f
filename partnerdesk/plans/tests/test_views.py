"""The plans web pages: forms, transitions, compare, carry-over, import, export, query counts."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import services
from partnerdesk.plans.models import Chapter, Commitment, Objective, Plan
from partnerdesk.plans.tests import helpers as h

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _plan_form(world: Any, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze.pk,
        "plan_type": "IPAP",
        "title": "IPAP 2015–2016",
        "marking": "BILATERAL",
        "period_start": "2015-01-01",
        "period_end": "",
        "predecessor": "",
        "summary": "",
    } | overrides


def test_create_edit_and_history_of_a_plan(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("plans:create"), _plan_form(world))
    plan = Plan.objects.get()
    assert (response.status_code, response["Location"]) == (302, plan.get_absolute_url())
    assert (plan.period_end, plan.chapters.count()) == (dt.date(2016, 12, 31), 6)
    edit = client.post(
        reverse("plans:update", args=[plan.pk]),
        _plan_form(world, title="Fourth stage", owner=world.geo.pk, version="1"),
    )
    assert edit.status_code == 302, edit.context["form"].errors
    plan.refresh_from_db()
    assert (plan.title, plan.owner_id, plan.version) == ("Fourth stage", world.aze.pk, 2)
    history = client.get(reverse("plans:history", args=[plan.pk])).content.decode()
    assert "<del>IPAP 2015–2016</del> → <ins>Fourth stage</ins>" in history


def test_invalid_plan_form_names_fields_and_writes_nothing(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(
        reverse("plans:create"),
        _plan_form(world, title="", period_start="2015-01-01", period_end="2014-01-01"),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"title": ["This field is required."]}
    response = client.post(reverse("plans:create"), _plan_form(world, period_end="2014-01-01"))
    assert response.context["form"].errors == {
        "period_end": ["The period cannot end before it starts."]
    }
    assert (Plan.objects.count(), ChangeRecord.objects.filter(action="CREATE").count()) == (0, 0)


def test_detail_shows_the_tree_transitions_and_export_links(world: Any) -> None:
    plan = h.plan(world)
    objective = h.objective(plan, "2.1", "Introduce multi-year defence planning")
    h.commitment(
        objective, "Adopt the method", "DELAYED", agency=Organisation.objects.get(code="AZE-MFA")
    )
    h.objective(plan, "6.1", "National annex", chapter_code="6", marking="NATIONAL_ONLY")
    coordinator = _client(world.users["aze_coordinator"]).get(plan.get_absolute_url())
    page = coordinator.content.decode()
    assert "Introduce multi-year defence planning" in page
    assert "⚠ Delayed" in page
    assert "AZE-MFA" in page
    assert "National annex" in page
    assert f'action="{reverse("plans:transition", args=[plan.pk])}"' in page
    assert 'name="status" value="SUBMITTED"' in page
    assert "?list=commitments&amp;format=xlsx" in page
    staff_page = _client(world.users["staff_all"]).get(plan.get_absolute_url()).content.decode()
    assert "National annex" not in staff_page
    viewer = _client(world.users["aze_viewer"]).get(plan.get_absolute_url()).content.decode()
    assert 'name="status"' not in viewer
    assert "Add objective" not in viewer


def test_transition_buttons_move_the_plan_or_explain_why_not(world: Any) -> None:
    plan = h.plan(world)
    client = _client(world.users["aze_coordinator"])
    url = reverse("plans:transition", args=[plan.pk])
    moved = client.post(url, {"status": "SUBMITTED", "version": "1"}, follow=True)
    assert "“IPAP 2015” is now submitted." in moved.content.decode()
    refused = client.post(url, {"status": "CLOSED", "version": "2"}, follow=True)
    assert (
        "Cannot move from Submitted to Closed. From Submitted it can move to: Draft, Stalled, "
        "Under negotiation." in refused.content.decode()
    )
    stale = client.post(url, {"status": "DRAFT", "version": "1"}, follow=True)
    assert "changed by someone else" in stale.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("SUBMITTED", 2)


def test_children_are_added_and_edited_from_their_parent(world: Any) -> None:
    plan = h.plan(world)
    client = _client(world.users["aze_coordinator"])
    chapter = plan.chapters.get(code="2")
    page = client.get(reverse("plans:objective-create", args=[plan.pk]) + f"?chapter={chapter.pk}")
    assert page.context["form"].fields["chapter"].initial == chapter.pk
    created = client.post(
        reverse("plans:objective-create", args=[plan.pk]),
        {
            "chapter": chapter.pk,
            "code": "2.1",
            "text": "Reform",
            "position": "",
            "marking": "BILATERAL",
        },
    )
    objective = Objective.objects.get()
    assert created["Location"] == objective.get_absolute_url()
    assert (objective.plan_id, objective.owner_id, objective.position) == (plan.pk, world.aze.pk, 1)
    added = client.post(
        reverse("plans:commitment-create", args=[objective.pk]),
        {
            "text": "Draft the law",
            "agency": Organisation.objects.get(code="AZE-MFA").pk,
            "due_on": "2016-06-30",
            "status": "IN_PROGRESS",
            "position": "",
            "marking": "BILATERAL",
        },
    )
    commitment = Commitment.objects.get()
    assert added["Location"] == commitment.get_absolute_url()
    assert commitment.get_absolute_url().startswith(objective.get_absolute_url())
    wider = client.post(
        reverse("plans:commitment-update", args=[commitment.pk]),
        {
            "text": "Draft the law",
            "due_on": "",
            "status": "COMPLETED",
            "position": "1",
            "marking": "PUBLIC",
            "version": "1",
        },
    )
    assert wider.status_code == 400
    assert wider.context["form"].errors["marking"][0].startswith("Marked Public")
    deleted = client.post(
        reverse("plans:commitment-delete", args=[commitment.pk]), {"version": "1"}
    )
    assert deleted["Location"] == objective.get_absolute_url()
    decision = client.post(
        reverse("plans:decision-create", args=[plan.pk]),
        {
            "body": "NAC",
            "decided_on": "2015-05-27",
            "method": "MEETING",
            "silence_deadline": "",
            "note": "Agreed",
            "marking": "BILATERAL",
        },
    )
    assert decision.status_code == 302
    chapter_form = client.post(
        reverse("plans:chapter-create", args=[plan.pk]),
        {"code": "2", "title": "Again", "kind": "CHAPTER", "position": "", "marking": "BILATERAL"},
    )
    assert chapter_form.context["form"].errors == {
        "code": ["A chapter with code 2 already exists in this plan."]
    }
    assert Chapter.objects.count() == 6


def test_plan_delete_refusal_is_shown(world: Any) -> None:
    plan = h.plan(world)
    h.plan(world, start=2017, predecessor=plan)
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("plans:delete", args=[plan.pk]), {"version": "1"})
    assert response.status_code == 400
    assert "follows this plan; unlink or delete it first." in response.content.decode()
    assert Plan.objects.count() == 2


def test_compare_page_shows_the_word_diff(world: Any) -> None:
    old = h.plan(world, start=2015)
    h.objective(old, "2.1", "Introduce defence planning based on multi-year programmes.")
    h.objective(old, "3.1", "Run a NATO week.")
    new = h.plan(world, start=2017)
    services.plan_carry_over(old, new, actor=h.SYSTEM)
    copy = new.objectives.get(code="2.1")
    services.objective_update(
        copy,
        actor=h.SYSTEM,
        expected_version=1,
        data={"text": "Introduce defence planning and budgeting based on multi-year programmes."},
    )
    client = _client(world.users["aze_viewer"])
    response = client.get(reverse("plans:compare", args=[old.pk]), {"with": new.pk})
    assert response.context["comparison"].counts == {
        "added": 0,
        "dropped": 0,
        "reworded": 1,
        "carried": 1,
    }
    page = response.content.decode()
    assert "<ins>and budgeting</ins>" in page
    assert "Introduce defence planning <ins>and budgeting</ins> based on" in page
    empty = client.get(reverse("plans:compare", args=[old.pk]))
    assert (empty.status_code, empty.context["comparison"]) == (200, None)


def test_carry_over_preview_then_confirm(world: Any) -> None:
    old = h.plan(world, start=2015)
    h.commitment(h.objective(old, "2.1", "Open objective"), "Law", "DELAYED")
    h.commitment(h.objective(old, "2.2", "Done objective"), "Done", "COMPLETED")
    new = h.plan(world, start=2017)
    client = _client(world.users["aze_coordinator"])
    preview = client.get(reverse("plans:carry-over", args=[new.pk]), {"plan": old.pk})
    assert [o.code for o in preview.context["candidates"]] == ["2.1"]
    assert Objective.objects.filter(plan=new).count() == 0
    done = client.post(reverse("plans:carry-over", args=[new.pk]), {"plan": old.pk}, follow=True)
    assert "Carried 1 objective(s) over from “IPAP 2015”." in done.content.decode()
    assert list(new.objectives.values_list("code", "carried_from__plan")) == [("2.1", old.pk)]
    again = client.post(reverse("plans:carry-over", args=[new.pk]), {"plan": old.pk}, follow=True)
    assert "Nothing left to carry over" in again.content.decode()
    assert new.objectives.count() == 1


def test_import_preview_then_confirm(world: Any) -> None:
    plan = h.plan(world)
    client = _client(world.users["aze_coordinator"])
    url = reverse("plans:import", args=[plan.pk])
    content = b"chapter_code,objective_code,text\n2,2.1,Reform\n3,3.1,Explain\n"
    preview = client.post(url, {"list": "objectives", "file": SimpleUploadedFile("o.csv", content)})
    assert preview.status_code == 200
    result = preview.context["result"]
    assert (result.summary, Objective.objects.count()) == (
        "2 objectives would be created, 0 updated, 0 unchanged.",
        0,
    )
    hidden = preview.context["content"]
    assert base64.b64decode(hidden) == content
    confirmed = client.post(
        url,
        {"confirm": "1", "list": "objectives", "filename": "o.csv", "content": hidden},
        follow=True,
    )
    assert "2 objectives were created, 0 updated, 0 unchanged." in confirmed.content.decode()
    assert sorted(Objective.objects.values_list("code", flat=True)) == ["2.1", "3.1"]
    assert set(
        ChangeRecord.objects.filter(content_type__model="objective").values_list(
            "source", flat=True
        )
    ) == {"import"}


def test_import_errors_are_listed_by_row_and_column(world: Any) -> None:
    plan = h.plan(world)
    client = _client(world.users["aze_coordinator"])
    content = b"chapter_code,objective_code,text\n2,2.1,Fine\n9,9.1,Bad chapter\n"
    response = client.post(
        reverse("plans:import", args=[plan.pk]),
        {"list": "objectives", "file": SimpleUploadedFile("o.csv", content)},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "<td>3</td><td><code>chapter_code</code></td><td>Unknown chapter &#x27;9&#x27; in this plan.</td>"
        in page
    )
    assert 'name="confirm"' not in page
    assert Objective.objects.count() == 0


def test_export_download(world: Any) -> None:
    plan = h.plan(world)
    h.objective(plan, "2.1", "Reform")
    client = _client(world.users["aze_viewer"])
    response = client.get(reverse("plans:export", args=[plan.pk]), {"list": "objectives"})
    assert (
        response["Content-Disposition"] == f'attachment; filename="plan-{plan.pk}-objectives.csv"'
    )
    assert response.content.decode("utf-8-sig").splitlines()[1] == "2,2.1,Reform"
    bad = client.get(reverse("plans:export", args=[plan.pk]), {"list": "x"})
    assert bad.status_code == 400


def test_nation_switcher_narrows_the_list(world: Any) -> None:
    h.plan(world, title="Azerbaijan plan")
    h.plan(world, owner=world.geo, title="Georgia plan")
    client = _client(world.users["staff_all"])
    client.post(reverse("accounts:switch-nation"), {"nation": world.geo.pk, "next": "/plans/"})
    body = client.get(reverse("plans:list")).content.decode()
    assert ("Georgia plan" in body, "Azerbaijan plan" in body) == (True, False)
    filtered = _client(world.users["staff_all"]).get(
        reverse("plans:list"), {"nation": "aze", "status": "DRAFT"}
    )
    assert [p.title for p in filtered.context["page"]] == ["Azerbaijan plan"]


def _fill(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        plan = h.plan(world, start=2000 + index)
        for code in ("1", "2"):
            objective = h.objective(
                plan, f"{code}.{index}", f"Objective {index}", chapter_code=code
            )
            h.commitment(objective, "Law", agency=Organisation.objects.get(code="AZE-MFA"))


@pytest.mark.parametrize("route", ["plans:list", "plans:detail", "plans:objective", "home"])
def test_page_query_counts_do_not_grow_with_rows(world: Any, route: str) -> None:
    client = _client(world.users["staff_all"])
    _fill(world, 2, 1)
    target = Plan.objects.order_by("pk").first()
    assert target is not None
    args = {
        "plans:detail": [target.pk],
        "plans:objective": [target.objectives.order_by("pk")[0].pk],
    }.get(route, [])
    url = reverse(route, args=args)

    first = target.objectives.order_by("pk").first()
    assert first is not None

    def grow_target(extra: int) -> None:
        for index in range(extra):
            objective = h.objective(target, f"5.{index}", "More", chapter_code="5")
            h.commitment(objective, "More law")
            h.commitment(first, f"More {index}")

    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(world, 4, 3)
    grow_target(4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
