"""The trust-fund web pages: flows through forms, refusals by field, money per currency,
conversion at explicit rates, constant query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.actor import Actor
from partnerdesk.trustfunds.models import Contribution, Phase, Project
from partnerdesk.trustfunds.services import agreement_create
from partnerdesk.trustfunds.tests.helpers import contribution, kpi, org, phase, project

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


PROJECT_FORM = {
    "owner": "",
    "marking": "PUBLIC",
    "title": "Saloglu UXO clearance",
    "aliases": "Sologlu",
    "theme": "DEMINING",
    "programme": "TRUST_FUND",
    "status": "REQUESTED",
    "requested_on": "2001-12-17",
    "requested_precision": "MONTH",
    "budget": "",
    "currency": "",
    "summary": "",
}
PHASE_FORM = {
    "number": "2",
    "title": "",
    "budget": "440000.00",
    "currency": "EUR",
    "announced_on": "",
    "announced_precision": "DAY",
    "start_on": "2007-06-01",
    "start_precision": "MONTH",
    "end_on": "",
    "end_precision": "DAY",
    "executing_agent": "",
    "status_text": "planned for 16 months",
    "marking": "PUBLIC",
    "note": "",
}


def test_record_a_project_with_its_phase_and_money_through_the_web(world: Any) -> None:
    client = _client(world.users["aze_coordinator"])
    response = client.post(reverse("trustfunds:create"), PROJECT_FORM | {"owner": world.aze.pk})
    saloglu = Project.objects.get()
    assert (response.status_code, response["Location"]) == (302, saloglu.get_absolute_url())
    refused = client.post(
        reverse("trustfunds:phase-create", args=[saloglu.pk]), PHASE_FORM | {"currency": ""}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors == {"currency": ["Give the currency of the amount."]}
    saved = client.post(reverse("trustfunds:phase-create", args=[saloglu.pk]), PHASE_FORM)
    second = Phase.objects.get()
    assert (saved.status_code, saved["Location"]) == (302, saloglu.get_absolute_url() + "#phase-2")
    url = reverse("trustfunds:contribution-create", args=[second.pk])
    for code, amount in (("AZE", "131000.00"), ("TUR", "50000.00"), ("BGR", "15000.00")):
        donor = org(code, code)
        form = {
            "donor": donor.pk,
            "amount": amount,
            "currency": "EUR",
            "status": "PLEDGED",
            "in_kind_description": "",
            "date": "",
            "date_precision": "DAY",
            "marking": "PUBLIC",
            "note": "",
        }
        assert client.post(url, form).status_code == 302
    too_fine = client.post(url, form | {"amount": "1.001"})
    assert too_fine.context["form"].errors == {
        "amount": ["Ensure that there are no more than 2 decimal places."]
    }
    assert Contribution.objects.count() == 3
    page = client.get(saloglu.get_absolute_url()).content.decode()
    assert '<td class="nowrap">EUR 440,000.00</td>' in page
    assert '<td class="nowrap">EUR 196,000.00</td>' in page
    assert '<td class="nowrap">EUR 244,000.00</td>' in page
    assert "<dt>Requested</dt><dd>December 2001</dd>" in page
    assert "<dt>Start</dt><dd>June 2007</dd>" in page
    moved = client.post(
        reverse("trustfunds:transition", args=[saloglu.pk]), {"target": "CLOSED", "version": "1"}
    )
    assert moved.status_code == 302
    followed = client.get(saloglu.get_absolute_url()).content.decode()
    assert (
        "Cannot move from Requested to Closed. From Requested it can move to: Scoping." in followed
    )
    client.post(
        reverse("trustfunds:transition", args=[saloglu.pk]), {"target": "SCOPING", "version": "1"}
    )
    saloglu.refresh_from_db()
    assert (saloglu.status, saloglu.version) == ("SCOPING", 2)


def test_the_project_page_converts_only_at_given_rates(world: Any) -> None:
    target = project(world)
    first = phase(target, 1, budget="440000.00")
    contribution(first, org("TUR"), "50000.00")
    contribution(first, org("USA"), "1000.00", currency="USD")
    client = _client(world.users["aze_viewer"])
    page = client.get(target.get_absolute_url(), {"to": "EUR", "rate": ""}).content.decode()
    assert "Give a rate for USD to EUR (for example USD:1.0)" in page
    assert 'aria-label="Converted totals"' not in page
    page = client.get(
        target.get_absolute_url(), {"to": "EUR", "rate": "USD:0.915"}
    ).content.decode()
    assert "1 USD = 0.915 EUR" in page
    assert '<td class="nowrap">EUR 915.00</td>' in page
    assert "<strong>EUR 50,915.00</strong>" in page
    assert "<strong>EUR 440,000.00</strong>" in page
    assert 'id="phase-1"' in page


def test_child_forms_return_to_the_project_and_deletes_explain_refusals(world: Any) -> None:
    target = project(world)
    first = phase(target, 1)
    contribution(first, world.aze, "1.00")
    client = _client(world.users["staff_all"])
    refused = client.post(reverse("trustfunds:phase-delete", args=[first.pk]), {"version": "1"})
    assert refused.status_code == 400
    assert "still has contributions; delete those first." in refused.content.decode()
    kpi_url = reverse("trustfunds:kpi-create", args=[first.pk])
    saved = client.post(
        kpi_url,
        {
            "metric": "ITEMS_DESTROYED",
            "detail": "UXO",
            "qualifier": "MORE_THAN",
            "value": "640000",
            "unit": "",
            "as_of": "2011-07-11",
            "as_of_precision": "MONTH",
            "marking": "BILATERAL",
            "note": "",
        },
    )
    assert (saved.status_code, saved["Location"]) == (302, target.get_absolute_url() + "#phase-1")
    agreement_url = reverse("trustfunds:agreement-create", args=[target.pk])
    form = client.get(agreement_url).context["form"]
    assert list(form.fields["phase"].queryset) == [first]
    saved = client.post(
        agreement_url,
        {
            "kind": "FMA",
            "phase": first.pk,
            "signed_on": "2005-02-14",
            "signed_precision": "DAY",
            "parties": [world.aze.pk],
            "marking": "BILATERAL",
            "note": "",
        },
    )
    assert saved.status_code == 302
    page = client.get(target.get_absolute_url()).content.decode()
    assert "<strong>&gt;640,000 items</strong>" in page
    assert "Financial management agreement" in page


def _fill(world: Any, count: int, start: int) -> None:
    for index in range(start, start + count):
        target = project(world, title=f"Project {index}")
        first = phase(target, 1, budget="1.00", lead_nations=[world.aze.pk])
        phase(target, 2, budget="2.00", currency="USD")
        contribution(first, world.geo, "2.00")
        kpi(first, "ITEMS_DESTROYED", "3", dt.date(2010, 1, 1))
        agreement_create(
            actor=Actor.system(),
            data={
                "project": target,
                "kind": "MOU",
                "signed_on": dt.date(2003, 4, 2),
                "parties": [world.aze.pk],
            },
        )


def test_list_page_takes_a_fixed_number_of_queries(world: Any) -> None:
    client = _client(world.users["staff_all"])
    _fill(world, 2, 0)
    with CaptureQueriesContext(connection) as small:
        first = client.get(reverse("trustfunds:list"))
    _fill(world, 2, 2)
    with CaptureQueriesContext(connection) as large:
        second = client.get(reverse("trustfunds:list"))
    assert second.content.decode().count("EUR 1.00 · USD 2.00") == 4
    assert first.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    filtered = client.get(reverse("trustfunds:list"), {"status": "CLOSED"}).content.decode()
    assert "No projects match." in filtered


def test_project_page_takes_a_fixed_number_of_queries(world: Any) -> None:
    client = _client(world.users["staff_all"])
    target = project(world, title="Big")

    def grow(start: int, count: int) -> None:
        for number in range(start, start + count):
            child = phase(target, number, budget="1.00", lead_nations=[world.aze.pk])
            contribution(child, world.geo, "2.00")
            kpi(child, "ITEMS_DESTROYED", "3", dt.date(2010, 1, 1))
            agreement_create(
                actor=Actor.system(),
                data={
                    "project": target,
                    "phase": child,
                    "kind": "MOU",
                    "signed_on": dt.date(2003, 4, 2),
                    "parties": [world.aze.pk],
                },
            )

    grow(1, 2)
    with CaptureQueriesContext(connection) as small:
        client.get(target.get_absolute_url())
    grow(3, 2)
    with CaptureQueriesContext(connection) as large:
        page = client.get(target.get_absolute_url()).content.decode()
    assert page.count('id="phase-') == 4
    assert len(large.captured_queries) == len(small.captured_queries)
