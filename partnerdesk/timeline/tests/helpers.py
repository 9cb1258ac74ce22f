"""Records the timeline tests share: milestones and entry documents of the test world."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.entrydocs.models import EntryDocument
from partnerdesk.sources.models import Source
from partnerdesk.timeline.models import Milestone


def milestone(world: Any, title: str, day: dt.date, **values: Any) -> Milestone:
    """A milestone written directly (fixture data, not a user action)."""
    values = {"owner": world.aze, "marking": "PUBLIC", "precision": "DAY"} | values
    return Milestone.objects.create(title=title, date=day, **values)


def seed(world: Any) -> dict[str, Any]:
    """Three AZE milestones at three precisions, one GEO milestone, one AZE entry document."""
    verified = Source.objects.create(key="S67", title="MFA", confidence="VERIFIED")
    single = Source.objects.create(key="S200", title="One interview", confidence="SINGLE_SOURCE")
    joined = milestone(world, "Joins NACC", dt.date(1992, 3, 1), precision="MONTH")
    joined.sources.set([verified, single])
    eapc = milestone(world, "EAPC replaces NACC", dt.date(1997, 1, 1), precision="YEAR")
    decree = milestone(world, "Mission decree", dt.date(1997, 11, 21), marking="BILATERAL")
    geo = milestone(world, "Georgian fact", dt.date(1994, 3, 23), owner=world.geo)
    doc = EntryDocument.objects.create(
        owner=world.aze,
        marking="PARTNERS",
        doc_type="FRAMEWORK_DOCUMENT",
        title="PfP Framework Document",
        signed_on=dt.date(1994, 5, 4),
    )
    return {"joined": joined, "eapc": eapc, "decree": decree, "geo": geo, "doc": doc}
