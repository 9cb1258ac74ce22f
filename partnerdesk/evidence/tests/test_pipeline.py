"""The app with the real extraction pipeline: ingest an article, review it into records."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from partnerdesk.core.actor import Actor
from partnerdesk.dialogue.models import Meeting
from partnerdesk.evidence.models import Document, Fact
from partnerdesk.evidence.search import search
from partnerdesk.evidence.selectors import evidence_for
from partnerdesk.evidence.services import document_ingest, fact_review
from partnerdesk.operations.models import ContributionSnapshot
from partnerdesk.operations.services import operation_create

ARTICLE = (
    "Azernews\n"
    "NATO envoy visits Baku\n"
    "30 June 2016 16:00\n"
    "NATO Deputy Secretary General Alexander Vershbow visited Baku in May and met President "
    "Ilham Aliyev. Azerbaijan has 94 servicemen in the Resolute Support Mission in Afghanistan. "
    "The country implemented its IPAP for 2012-2013 and works on 27 of 41 Partnership Goals.\n"
)


def test_extract_command_prints_the_contract(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = io.StringIO()
    call_command("extract", str(path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    document = result["document"]
    assert (document["title"], document["outlet"], document["published"]) == (
        "NATO envoy visits Baku",
        "Azernews",
        "2016-06-30",
    )
    assert document["text"].startswith("NATO Deputy Secretary General")
    for fact in result["facts"]:
        assert document["text"][fact["start"] : fact["end"]] == fact["quote"]


@pytest.mark.django_db
def test_ingest_and_review_with_the_real_pipeline(world: Any) -> None:
    operation_create(
        actor=Actor.system(),
        data={
            "code": "RSM",
            "name": "Resolute Support Mission",
            "mandate_start": dt.date(2015, 1, 1),
        },
    )
    actor = Actor(user=world.users["aze_coordinator"], source="web")
    document, created = document_ingest(actor=actor, data=ARTICLE.encode(), source="a.txt")
    assert created is True
    assert document.outlet == "Azernews"
    facts = {(f.kind, f.quote): f for f in Fact.objects.filter(document=document)}
    visit = facts[("event", "NATO Deputy Secretary General Alexander Vershbow visited Baku in May")]
    meeting_fact = facts[("event", "met President Ilham Aliyev")]
    personnel = facts[("quantity", "94 servicemen")]
    fact_review(visit, actor=actor, expected_version=1, decision="accept")
    linked = fact_review(meeting_fact, actor=actor, expected_version=1, decision="accept")
    meeting = Meeting.objects.get()
    assert linked.record_created is False  # the same meeting, found twice in one article
    assert (meeting.format, meeting.date, meeting.precision) == (
        "DSG_VISIT",
        dt.date(2016, 5, 1),
        "MONTH",
    )
    assert [(p.person, p.side) for p in meeting.participants.order_by("position")] == [
        ("Alexander Vershbow", "NATO"),
        ("Ilham Aliyev", "PARTNER"),
    ]
    assert meeting.summary == (
        "NATO Deputy Secretary General Alexander Vershbow visited Baku in May and met "
        "President Ilham Aliyev."
    )
    fact_review(personnel, actor=actor, expected_version=1, decision="accept")
    snapshot = ContributionSnapshot.objects.get()
    assert (snapshot.operation.code, snapshot.infantry, snapshot.as_of) == (
        "RSM",
        94,
        dt.date(2016, 6, 30),
    )
    quotes = [row.fact.quote for row in evidence_for(world.users["geo_viewer"], meeting)]
    assert quotes == [visit.quote, meeting_fact.quote]
    assert [h.document.pk for h in search(world.users["analyst"], "Vershbow")] == [document.pk]
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_demo_articles_are_stored_once_with_facts(world: Any) -> None:
    from partnerdesk.evidence.demo import ARTICLES, load_demo

    assert load_demo(actor=Actor.system()) == len(ARTICLES)
    assert load_demo(actor=Actor.system()) == 0
    assert Document.objects.count() == len(ARTICLES)
    for document in Document.objects.all():
        assert document.owner == world.aze
        assert document.facts.count() >= 2, document.title
