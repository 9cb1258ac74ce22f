"""The operations demo: sourced facts from domain.md §3.11, the exact series, idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.operations.demo import load_demo
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.selectors import strength_series, timeline_entries
from partnerdesk.organisations.models import Organisation
from partnerdesk.organisations.services import reference_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())


def _reader() -> Any:
    from partnerdesk.accounts.models import User

    return User.objects.create(
        username="reader",
        role="ANALYST",
        organisation=Organisation.objects.get(code="NATO-IS"),
    )


def test_demo_series_is_exact_sourced_and_idempotent(reference: None) -> None:
    created = load_demo(actor=Actor.system())
    assert (Operation.objects.count(), ContributionSnapshot.objects.count()) == (3, 7)
    assert created == 10
    assert ChangeRecord.objects.filter(content_type__app_label="operations").count() == 10
    assert not ContributionSnapshot.objects.filter(sources=None).exists()
    assert not Operation.objects.filter(sources=None).exists()
    aze = Organisation.objects.get(code="AZE")
    series = strength_series(_reader(), aze.pk)
    assert [
        (s.code, [(p.date_display, p.label, p.source_keys) for p in s.points]) for s in series
    ] == [
        ("KFOR", [("1999", "~30", ("S70", "S88"))]),
        (
            "ISAF",
            [
                ("20 Nov 2002", "22", ("S79",)),
                ("15 Jan 2008", "40", ("S79",)),
                ("2009", "~90", ("S70", "S79")),
            ],
        ),
        (
            "RSM",
            [
                ("2015", "94", ("S81", "S84", "S87")),
                ("9 Jan 2018", "120", ("S82", "S119")),
                ("26 Aug 2021", "0", ("S83",)),
            ],
        ),
    ]
    afghanistan = [p.total for s in series if s.code in {"ISAF", "RSM"} for p in s.points]
    assert afghanistan == [22, 40, 90, 94, 120, 0]
    rsm_2015 = ContributionSnapshot.objects.get(operation__code="RSM", as_of__year=2015)
    assert (rsm_2015.infantry, rsm_2015.medical_officers, rsm_2015.engineers, rsm_2015.total) == (
        90,
        2,
        2,
        94,
    )
    assert (rsm_2015.get_legal_basis_display(), rsm_2015.legal_basis_date_display) == (
        "Exchange of letters",
        "30 Sep 2015",
    )
    assert rsm_2015.framework_nation.code == "TUR"
    rsm_2018 = ContributionSnapshot.objects.get(operation__code="RSM", as_of__year=2018)
    assert (rsm_2018.staff_officers, rsm_2018.medical_officers, rsm_2018.total) == (6, 2, 120)
    assert ContributionSnapshot.objects.get(withdrawal=True).total_display == "0 (withdrawn)"
    isaf = Operation.objects.get(code="ISAF")
    assert (isaf.mandate_display, Operation.objects.get(code="RSM").mandate_display) == (
        "2001–28 Dec 2014",
        "1 Jan 2015–",
    )
    entries = timeline_entries(_reader_again(), aze.pk)
    assert [(e.date.isoformat(), e.kind, e.title, e.confidence) for e in entries][:4] == [
        ("1999-01-01", "contribution", "KFOR: about 30 personnel", "VERIFIED"),
        ("1999-01-01", "operation start", "KFOR (Kosovo Force) starts", "VERIFIED"),
        (
            "2001-01-01",
            "operation start",
            "ISAF (International Security Assistance Force) starts",
            "VERIFIED",
        ),
        ("2002-11-20", "contribution", "ISAF: 22 personnel", "VERIFIED"),
    ]
    assert len(entries) == 7 + 4
    assert load_demo(actor=Actor.system()) == 0
    assert ChangeRecord.objects.filter(content_type__app_label="operations").count() == 10


def _reader_again() -> Any:
    from partnerdesk.accounts.models import User

    return User.objects.get(username="reader")


def test_demo_without_reference_data_creates_nothing(db: Any) -> None:
    assert load_demo(actor=Actor.system()) == 0
    assert Operation.objects.count() == 0
