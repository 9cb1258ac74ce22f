"""Timeline completeness on the demo data: every dated record of Azerbaijan appears exactly once."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from partnerdesk.accounts.models import User
from partnerdesk.dialogue.models import Meeting
from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.events.models import Event, Invitation
from partnerdesk.occ.models import Evaluation
from partnerdesk.operations.models import ContributionSnapshot
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans.models import Plan
from partnerdesk.timeline.models import Milestone
from partnerdesk.timeline.selectors import timeline

pytestmark = pytest.mark.django_db


def _urls(entries: list[Any], mechanism: str, kinds: set[str] | None = None) -> Counter[str]:
    return Counter(
        e.url for e in entries if e.mechanism == mechanism and (kinds is None or e.kind in kinds)
    )


def test_every_dated_record_of_the_demo_appears_once(tmp_path: Path, settings: Any) -> None:
    settings.PARTNERDESK_VAR_DIR = tmp_path
    call_command("setup", stdout=io.StringIO())
    aze = Organisation.objects.get(code="AZE")
    staff = User.objects.get(username="nato.staff")
    entries = timeline(staff, nation_id=aze.pk)

    keys = Counter((e.mechanism, e.kind, e.url, e.date, e.title) for e in entries)
    assert [key for key, n in keys.items() if n > 1] == []
    assert {e.owner_id for e in entries} <= {aze.pk} | set(
        Event.objects.values_list("owner_id", flat=True)
    )

    expected = {
        "milestones": Milestone.objects.filter(owner=aze),
        "operations": ContributionSnapshot.objects.filter(owner=aze),
        "plans": Plan.objects.filter(owner=aze),
        "occ": Evaluation.objects.filter(owner=aze),
    }
    for mechanism, rows in expected.items():
        urls = _urls(entries, mechanism)
        missing = [r.get_absolute_url() for r in rows if r.get_absolute_url() not in urls]
        assert missing == [], mechanism
        assert rows.count() > 0, mechanism

    meetings = _urls(entries, "dialogue", kinds=None)
    for meeting in Meeting.objects.filter(owner=aze):
        assert meetings[meeting.get_absolute_url()] == 1, meeting.title

    signed = EntryDocument.objects.filter(owner=aze, signed_on__isnull=False)
    assert sum(_urls(entries, "entrydocs", {"signed"}).values()) == signed.count()

    declined = Invitation.objects.filter(owner=aze, answer="DECLINED").values("event_id")
    events = (
        Event.objects.filter(Q(invitations__owner=aze) | Q(owner=aze))
        .exclude(pk__in=declined)
        .exclude(marking="NATIONAL_ONLY")
        .distinct()
    )
    assert sum(_urls(entries, "events").values()) == events.count()
    assert events.filter(start_date__year=2015).count() >= 200
    assert entries == sorted(entries, key=lambda e: e.date)
