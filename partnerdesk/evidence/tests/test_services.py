"""Ingest and review through the services: idempotency, bad input, records that cite."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden
from partnerdesk.core.models import ChangeRecord
from partnerdesk.dialogue.models import Meeting
from partnerdesk.evidence.models import Claim, Document, Fact, ReviewDecision
from partnerdesk.evidence.selectors import evidence_for
from partnerdesk.evidence.services import (
    BatchInput,
    document_ingest,
    documents_ingest,
    fact_review,
)
from partnerdesk.evidence.tests.conftest import ARTICLE
from partnerdesk.operations.models import ContributionSnapshot
from partnerdesk.parp.models import ParpCycle
from partnerdesk.parp.services import cycle_create
from partnerdesk.plans.models import Plan

pytestmark = pytest.mark.django_db


def actor(world: Any, name: str = "aze_coordinator") -> Actor:
    return Actor(user=world.users[name], source="web")


def ingest(world: Any, data: bytes = ARTICLE.encode(), name: str = "aze_coordinator") -> Any:
    return document_ingest(actor=actor(world, name), data=data, source="article.txt")


def test_ingest_stores_document_and_facts(world: Any, pipeline: None) -> None:
    document, created = ingest(world)
    assert created is True
    assert document.owner == world.aze  # the uploader's nation by default
    assert document.marking == "PUBLIC"
    assert bytes(Document.objects.get(pk=document.pk).raw) == ARTICLE.encode()
    assert document.title == "NATO envoy visits Baku"
    assert document.published_on.isoformat() == "2016-06-01" or document.published == "2016-06-30"
    assert document.published_precision == "DAY"
    assert document.boilerplate == [[0, 8]]
    facts = list(Fact.objects.filter(document=document).order_by("start"))
    assert [f.kind for f in facts] == ["event", "quantity", "mechanism", "period", "quantity"]
    for fact in facts:
        assert document.text[fact.start : fact.end] == fact.quote
        assert fact.status == "proposed"
        assert fact.owner_id == world.aze.pk
    assert Claim.objects.count() == 5


def test_reingest_is_idempotent(world: Any, pipeline: None) -> None:
    first, _ = ingest(world)
    changes = ChangeRecord.objects.count()
    again, created = ingest(world)
    assert created is False
    assert again.pk == first.pk
    assert Document.objects.count() == 1
    assert Fact.objects.count() == 5
    assert ChangeRecord.objects.count() == changes


def test_same_fact_in_two_documents_is_one_claim(world: Any, pipeline: None) -> None:
    ingest(world)
    ingest(world, (ARTICLE + " More text.").encode())
    assert Document.objects.count() == 2
    assert Fact.objects.count() == 10
    assert Claim.objects.count() == 5
    assert sorted(c.facts.count() for c in Claim.objects.all()) == [2, 2, 2, 2, 2]


def test_bad_input_is_refused_with_the_pipeline_code(world: Any, pipeline: None) -> None:
    with pytest.raises(ValidationError) as info:
        ingest(world, b"\x00\x01binary")
    assert info.value.message_dict == {
        "data": ["[binary] This looks like a binary file, not text or HTML."]
    }
    assert Document.objects.count() == 0


def test_alliance_staff_must_choose_the_nation(world: Any, pipeline: None) -> None:
    with pytest.raises(ValidationError) as info:
        ingest(world, name="staff_all")
    assert info.value.message_dict == {"owner": ["Choose the nation the document is about."]}


def test_viewer_may_not_ingest(world: Any, pipeline: None) -> None:
    with pytest.raises(ValidationError) as info:
        ingest(world, name="aze_viewer")
    assert "owner" in info.value.message_dict
    assert Document.objects.count() == 0


def test_batch_goes_on_after_a_failure(world: Any, pipeline: None) -> None:
    outcomes = documents_ingest(
        actor=actor(world),
        inputs=[
            BatchInput(b"\x00bad", "bad.bin"),
            BatchInput(ARTICLE.encode(), "good.txt"),
            BatchInput(ARTICLE.encode(), "copy.txt"),
        ],
    )
    assert [(o.source, o.status) for o in outcomes] == [
        ("bad.bin", "failed"),
        ("good.txt", "stored"),
        ("copy.txt", "known"),
    ]
    assert outcomes[0].error == "[binary] This looks like a binary file, not text or HTML."


def _fact(document: Document, kind: str, index: int = 0) -> Fact:
    facts = Fact.objects.select_related("document", "owner").filter(document=document, kind=kind)
    return facts.order_by("start")[index]


def test_accepting_a_visit_creates_a_meeting_that_cites_the_document(
    world: Any, pipeline: None
) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "event")
    review = fact_review(fact, actor=actor(world), expected_version=1, decision="accept")
    meeting = Meeting.objects.get()
    assert review.record_id == str(meeting.pk)
    assert review.record_created is True
    assert (meeting.date.isoformat(), meeting.precision) == ("2016-05-01", "MONTH")
    assert meeting.format == "DSG_VISIT"
    assert meeting.direction == "TO_PARTNER_CAPITAL"
    assert meeting.place == "Baku"
    assert meeting.status == "HELD"
    assert meeting.title == "Visit: Alexander Vershbow, NATO Deputy Secretary General in Baku"
    assert [(p.person, p.side) for p in meeting.participants.all()] == [
        ("Alexander Vershbow", "NATO")
    ]
    source = meeting.sources.get()
    assert source.title == "NATO envoy visits Baku"
    assert source.publisher == "Azernews"
    assert source.confidence == "SINGLE_SOURCE"
    fact.refresh_from_db()
    assert fact.status == "accepted"
    assert fact.payload["when"] == "2016-05"  # the extractor's output is untouched
    rows = evidence_for(world.users["aze_viewer"], meeting)
    assert [r.fact.pk for r in rows] == [fact.pk]
    assert str(rows[0].context).count("<mark>") == 1
    assert "<mark>NATO Deputy Secretary General Alexander Vershbow visited Baku in May</mark>" in (
        str(rows[0].context)
    )


def test_accepting_a_personnel_figure_creates_a_contribution_snapshot(
    world: Any, pipeline: None, rsm: Any
) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "quantity")
    review = fact_review(fact, actor=actor(world), expected_version=1, decision="accept")
    snapshot = ContributionSnapshot.objects.get()
    assert review.record_id == str(snapshot.pk)
    assert snapshot.operation == rsm
    assert (snapshot.infantry, snapshot.total, snapshot.approximate) == (94, 94, False)
    assert (snapshot.as_of.isoformat(), snapshot.as_of_precision) == ("2016-06-30", "DAY")
    assert snapshot.sources.get().title == "NATO envoy visits Baku"
    assert [r.fact.pk for r in evidence_for(world.users["staff_all"], snapshot)] == [fact.pk]


def test_accepting_the_same_claim_from_a_second_document_links_the_record(
    world: Any, pipeline: None
) -> None:
    first, _ = ingest(world)
    second, _ = ingest(world, (ARTICLE + " Again.").encode())
    fact_review(_fact(first, "event"), actor=actor(world), expected_version=1, decision="accept")
    review = fact_review(
        _fact(second, "event"), actor=actor(world), expected_version=1, decision="accept"
    )
    meeting = Meeting.objects.get()
    assert review.record_created is False
    assert meeting.sources.count() == 2
    assert len(evidence_for(world.users["aze_coordinator"], meeting)) == 2


def test_edit_keeps_the_extractor_payload_and_records_the_edit(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "event")
    review = fact_review(
        fact,
        actor=actor(world),
        expected_version=1,
        decision="edit",
        payload={"when": "2016-05-12", "start": 0},
        note="day from the ministry's site",
    )
    assert review.payload["when"] == "2016-05-12"
    assert review.payload["start"] == fact.payload["start"]  # provenance is not editable
    assert Meeting.objects.get().date.isoformat() == "2016-05-12"
    fact.refresh_from_db()
    assert (fact.status, fact.payload["when"]) == ("edited", "2016-05")


def test_reject_then_decided_fact_names_the_possible_moves(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "period")
    fact_review(fact, actor=actor(world), expected_version=1, decision="reject")
    fact.refresh_from_db()
    fact_review(fact, actor=actor(world), expected_version=2, decision="accept")
    fact.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        fact_review(fact, actor=actor(world), expected_version=3, decision="reject")
    assert info.value.message_dict == {
        "decision": ["This fact is accepted; possible decisions: none (the fact is decided)."]
    }
    assert ReviewDecision.objects.filter(fact=fact).count() == 2


def test_a_failed_acceptance_writes_nothing(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "quantity")  # no RSM operation recorded in this test
    with pytest.raises(ValidationError) as info:
        fact_review(fact, actor=actor(world), expected_version=1, decision="accept")
    assert info.value.message_dict == {"payload": ["No operation RSM is recorded; add it first."]}
    assert ReviewDecision.objects.count() == 0
    fact.refresh_from_db()
    assert fact.status == "proposed"


def test_read_only_users_may_not_review(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    fact = _fact(document, "period")
    with pytest.raises(Forbidden):
        fact_review(fact, actor=actor(world, "aze_viewer"), expected_version=1, decision="reject")


def test_accepting_a_plan_period_creates_a_draft_plan_then_links_it(
    world: Any, pipeline: None
) -> None:
    first, _ = ingest(world)
    second, _ = ingest(world, (ARTICLE + " Again.").encode())
    created = fact_review(
        _fact(first, "period"), actor=actor(world), expected_version=1, decision="accept"
    )
    plan = Plan.objects.get()
    assert (plan.plan_type, plan.status, plan.title) == ("IPAP", "DRAFT", "IPAP 2012–2013")
    assert (plan.period_start.isoformat(), plan.period_end.isoformat()) == (
        "2012-01-01",
        "2013-12-31",
    )
    assert created.record_created is True
    linked = fact_review(
        _fact(second, "period"), actor=actor(world), expected_version=1, decision="accept"
    )
    assert (linked.record_created, linked.record_id) == (False, str(plan.pk))
    assert plan.sources.count() == 2
    assert len(evidence_for(world.users["aze_viewer"], plan)) == 2


def test_accepting_a_goal_count_links_the_parp_cycle(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    goals = _fact(document, "quantity", 1)
    assert goals.payload["of_total"] == 41
    with pytest.raises(ValidationError) as info:
        fact_review(goals, actor=actor(world), expected_version=1, decision="accept")
    assert info.value.message_dict == {
        "payload": [
            "No PARP cycle of Azerbaijan covers 2016; record the cycle first "
            "(or give another year in `when`)."
        ]
    }
    cycle = cycle_create(
        actor=actor(world),
        data={"owner": world.aze, "marking": "PUBLIC", "start_year": 2016, "end_year": 2018},
    )
    review = fact_review(goals, actor=actor(world), expected_version=1, decision="accept")
    assert (review.record_id, review.record_created) == (str(cycle.pk), False)
    cycle = ParpCycle.objects.get()
    assert cycle.version == 2
    assert cycle.sources.get().title == "NATO envoy visits Baku"


def test_mechanism_mentions_are_accepted_without_a_record(world: Any, pipeline: None) -> None:
    document, _ = ingest(world)
    review = fact_review(
        _fact(document, "mechanism"), actor=actor(world), expected_version=1, decision="accept"
    )
    assert (review.record_type, review.record_id) == (None, "")
    assert document.cited_as_id is None


def test_too_large_input_is_refused_before_extraction(world: Any, pipeline: None) -> None:
    from partnerdesk.extraction.types import MAX_BYTES

    with pytest.raises(ValidationError) as info:
        ingest(world, b"a" * (MAX_BYTES + 1))
    assert info.value.message_dict == {
        "data": [
            f"[too_large] The document has {MAX_BYTES + 1:,} bytes; the limit is {MAX_BYTES:,}."
        ]
    }


def test_a_pipeline_fault_fails_only_that_document(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr("partnerdesk.extraction.extract", broken)
    [outcome] = documents_ingest(actor=actor(world), inputs=[BatchInput(b"text", "x.txt")])
    assert outcome.error == "[internal] The extractor failed on this document (KeyError)."


def test_timeline_lists_publication_dates_of_visible_documents(world: Any, pipeline: None) -> None:
    from partnerdesk.evidence.selectors import timeline_entries

    document, _ = ingest(world)
    [entry] = timeline_entries(world.users["analyst"])
    assert (entry.date.isoformat(), entry.precision, entry.url) == (
        "2016-06-30",
        "DAY",
        document.get_absolute_url(),
    )
    assert timeline_entries(world.users["analyst"], nation_id=world.geo.pk) == []
