"""`make run`'s data: the demo loads once, and a second run changes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from partnerdesk.accounts.models import User
from partnerdesk.core.models import ChangeRecord
from partnerdesk.demo.data import DEMO_ACCOUNTS
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_setup_twice_is_idempotent(tmp_path: Path, settings: object) -> None:
    settings.PARTNERDESK_VAR_DIR = tmp_path  # type: ignore[attr-defined]
    first = io.StringIO()
    call_command("setup", stdout=first)
    accounts = (tmp_path / "demo-accounts.txt").read_text()
    lines = accounts.splitlines()
    assert len(lines) == len(DEMO_ACCOUNTS) == 13
    for line, (username, role, org, _, _) in zip(lines, DEMO_ACCOUNTS, strict=True):
        name, password, line_role, line_org = line.split(" ")
        assert (name, line_role, line_org) == (username, role, org)
        assert User.objects.get(username=name).check_password(password)
    assert (tmp_path / "demo-accounts.txt").stat().st_mode & 0o777 == 0o600
    assert "demo accounts (username password role organisation)" in first.getvalue()
    counts = (EntryDocument.objects.count(), User.objects.count(), ChangeRecord.objects.count())
    second = io.StringIO()
    call_command("setup", stdout=second)
    assert "reference data: 0 created, 0 updated" in second.getvalue()
    assert "demo data: 0 created" in second.getvalue()
    assert (tmp_path / "demo-accounts.txt").read_text() == accounts
    assert (
        EntryDocument.objects.count(),
        User.objects.count(),
        ChangeRecord.objects.count(),
    ) == counts
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {
        "PARTNER_COORDINATOR",
        "PARTNER_ASSESSOR",
        "PARTNER_VIEWER",
        "ALLIANCE_STAFF",
        "ALLIANCE_ASSESSOR",
        "ANALYST",
        "ADMINISTRATOR",
    }
    assert {user.nation_id for user in User.objects.filter(role="PARTNER_COORDINATOR")} == set(
        Organisation.objects.filter(code__in=["AZE", "GEO", "ARM", "MDA"]).values_list(
            "pk", flat=True
        )
    )


def test_demo_documents_cite_sources_and_illustrative_values_say_so(
    tmp_path: Path, settings: object
) -> None:
    settings.PARTNERDESK_VAR_DIR = tmp_path  # type: ignore[attr-defined]
    call_command("setup", stdout=io.StringIO())
    fd = EntryDocument.objects.get(owner__code="AZE", doc_type="FRAMEWORK_DOCUMENT")
    assert (fd.signed_on.isoformat(), fd.signatory_name) == ("1994-05-04", "Heydar Aliyev")
    assert set(fd.sources.values_list("key", flat=True)) == {"S67", "S68", "S128"}
    ipp = EntryDocument.objects.get(owner__code="AZE", doc_type="IPP", edition=1)
    assert (ipp.approved_on.isoformat(), ipp.approval_body) == ("1996-10-14", "NAC")
    for doc in EntryDocument.objects.filter(sources__key="DEMO"):
        assert "Illustrative" in doc.summary or "illustrative" in doc.title
    assert EntryDocument.objects.filter(sources__isnull=True).count() == 0
