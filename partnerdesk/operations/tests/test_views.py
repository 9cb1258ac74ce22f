"""The operations web pages: forms through the services, refusals by field, the nation page
with its chart, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerdesk.core.models import ChangeRecord
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.tests.helpers import operation, snapshot, turkey
from partnerdesk.sources.models import Source

pytestmark = pytest.mark.django_db

D = dt.date


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(world: Any, rsm: Operation, **overrides: Any) -> dict[str, Any]:
    return {
        "owner": world.aze.pk,
        "marking": "BILATERAL",
        "operation": rsm.pk,
        "as_of": "2015-03-01",
        "as_of_precision": "YEAR",
        "infantry": "90",
        "medical_officers": "2",
        "engineers": "2",
        "staff_officers": "0",
        "other": "0",
        "framework_nation": turkey().pk,
        "task": "Security of Kabul airport",
        "legal_basis": "EXCHANGE_OF_LETTERS",
        "legal_basis_date": "2015-09-30",
        "legal_basis_precision": "DAY",
        "notes": "",
    } | overrides


def test_record_a_contribution_through_the_web(world: Any) -> None:
    rsm = operation("RSM")
    client = _client(world.users["aze_coordinator"])
    form = client.get(reverse("operations:create")).content.decode()
    assert 'name="infantry"' in form
    assert 'name="total"' not in form
    saved = client.post(reverse("operations:create"), _form(world, rsm))
    row = ContributionSnapshot.objects.get()
    assert (saved.status_code, saved["Location"]) == (302, row.get_absolute_url())
    assert (row.total, row.as_of_display, row.legal_basis_date_display) == (
        94,
        "2015",
        "30 Sep 2015",
    )
    page = client.get(row.get_absolute_url()).content.decode()
    assert "<dt>As of</dt><dd>2015</dd>" in page
    assert "<dt>Total</dt><dd><strong>94</strong>" in page
    assert "<dt>Legal basis</dt><dd>Exchange of letters, 30 Sep 2015</dd>" in page
    assert '<th scope="row">Total (derived)</th><td><strong>94</strong></td>' in page
    typed = client.post(
        reverse("operations:update", args=[row.pk]),
        _form(world, rsm, version="1", total="120"),
    )
    assert typed.status_code == 400
    assert typed.context["form"].errors == {
        "__all__": [
            "The total is derived from the categories (infantry, medical officers, sappers, "
            "staff officers, other); give those instead."
        ]
    }
    zeros = client.post(
        reverse("operations:update", args=[row.pk]),
        _form(world, rsm, version="1", infantry="0", medical_officers="0", engineers="0"),
    )
    assert zeros.status_code == 400
    assert zeros.context["form"].errors == {
        "__all__": [
            "Give at least one category above 0, or tick “withdrawal” to record that the "
            "contingent left."
        ]
    }
    negative = client.post(
        reverse("operations:update", args=[row.pk]), _form(world, rsm, version="1", other="-3")
    )
    assert negative.context["form"].errors == {
        "other": ["Ensure this value is greater than or equal to 0."]
    }
    updated = client.post(
        reverse("operations:update", args=[row.pk]),
        _form(world, rsm, version="1", infantry="112", staff_officers="6", engineers="0"),
    )
    assert updated.status_code == 302
    row.refresh_from_db()
    assert (row.total, row.version) == (120, 2)
    stale = client.post(
        reverse("operations:update", args=[row.pk]), _form(world, rsm, version="1", other="1")
    )
    assert stale.status_code == 409
    deleted = client.post(reverse("operations:delete", args=[row.pk]), {"version": "2"})
    assert (deleted.status_code, deleted["Location"]) == (302, reverse("operations:list"))
    assert list(
        ChangeRecord.objects.filter(content_type__model="contributionsnapshot")
        .order_by("pk")
        .values_list("action", "source")
    ) == [("CREATE", "web"), ("UPDATE", "web"), ("DELETE", "web")]


def test_operations_are_managed_by_alliance_staff(world: Any) -> None:
    client = _client(world.users["staff_geo"])
    saved = client.post(
        reverse("operations:operation-create"),
        {
            "code": "rsm",
            "name": "Resolute Support Mission",
            "mandate_start": "2015-01-01",
            "mandate_start_precision": "DAY",
            "mandate_end": "",
            "mandate_end_precision": "DAY",
            "notes": "",
        },
    )
    rsm = Operation.objects.get()
    assert (saved.status_code, saved["Location"], rsm.code) == (302, rsm.get_absolute_url(), "RSM")
    page = client.get(rsm.get_absolute_url()).content.decode()
    assert "<dt>Start</dt><dd>1 Jan 2015</dd>" in page
    assert "ongoing / not recorded" in page
    listing = client.get(reverse("operations:operation-list")).content.decode()
    assert '<td class="nowrap">1 Jan 2015–</td>' in listing
    snapshot(world, rsm, D(2018, 1, 9))
    refused = client.post(reverse("operations:operation-delete", args=[rsm.pk]), {"version": "1"})
    assert refused.status_code == 400
    assert "“RSM” still has contribution snapshots; delete those first." in refused.content.decode()


def test_the_nation_page_shows_the_chart_with_every_visible_point(world: Any) -> None:
    isaf, rsm = operation("ISAF"), operation("RSM")
    s79 = Source.objects.create(key="S79", title="chronology")
    snapshot(world, isaf, D(2002, 11, 20), marking="PUBLIC", infantry=22).sources.add(s79)
    snapshot(
        world,
        isaf,
        D(2009, 1, 1),
        precision="YEAR",
        marking="PUBLIC",
        infantry=90,
        approximate=True,
    )
    snapshot(
        world,
        rsm,
        D(2015, 1, 1),
        precision="YEAR",
        infantry=90,
        medical_officers=2,
        engineers=2,
        marking="BILATERAL",
    )
    page = _client(world.users["staff_all"]).get(reverse("operations:nation", args=["aze"]))
    body = page.content.decode()
    assert body.count("<circle") == 3
    assert (
        '<title id="ops-strength-title">Azerbaijan: personnel in NATO-led operations over time</title>'
        in body
    )
    assert "1. ISAF, 20 Nov 2002: 22 <tspan" in body
    assert ">~90<tspan" in body
    assert ">94<tspan" in body
    assert "90 infantry · 2 medical · 2 sappers" in body
    analyst = _client(world.users["analyst"]).get(reverse("operations:nation", args=["AZE"]))
    assert analyst.content.decode().count("<circle") == 2
    empty = _client(world.users["analyst"]).get(reverse("operations:nation", args=["GEO"]))
    assert "No contributions you may see." in empty.content.decode()


def _fill(world: Any, start: int, count: int) -> None:
    source = Source.objects.get_or_create(key="S1", defaults={"title": "a"})[0]
    for index in range(start, start + count):
        target = operation(f"OP{index}", mandate_start=D(1990, 1, 1), mandate_end=D(2030, 1, 1))
        target.sources.add(source)
        for year in (2000, 2001):
            row = snapshot(world, target, D(year + index, 1, 1), framework_nation=turkey())
            row.sources.add(source)


@pytest.mark.parametrize("page", ["list", "operations", "nation", "operation"])
def test_page_query_count_does_not_grow_with_rows(world: Any, page: str) -> None:
    client = _client(world.users["staff_all"])
    _fill(world, 0, 3)
    first = Operation.objects.get(code="OP0")
    urls = {
        "list": reverse("operations:list"),
        "operations": reverse("operations:operation-list"),
        "nation": reverse("operations:nation", args=["AZE"]),
        "operation": reverse("operations:operation-detail", args=[first.pk]),
    }
    with CaptureQueriesContext(connection) as small:
        assert client.get(urls[page]).status_code == 200
    _fill(world, 3, 3)
    for year in range(2010, 2014):
        snapshot(world, first, D(year, 1, 1), owner=world.geo)
    with CaptureQueriesContext(connection) as large:
        assert client.get(urls[page]).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
