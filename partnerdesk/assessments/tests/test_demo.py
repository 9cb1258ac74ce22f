"""The demo rounds load through the services, on the plans demo's IPAPs, and only once."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.assessments import demo
from partnerdesk.assessments.analytics import agreement, divergences
from partnerdesk.assessments.models import AssessmentRound, Rating, SideSubmission
from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.services import reference_load
from partnerdesk.sources.services import source_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference() -> None:
    reference_load(actor=Actor.system())
    source_create(
        actor=Actor.system(),
        data={"key": "DEMO", "title": "partnerdesk demo data", "confidence": "ILLUSTRATIVE"},
    )


def test_without_the_plans_nothing_is_created(reference: None) -> None:
    assert demo.load_demo(actor=Actor.system()) == 0
    assert AssessmentRound.objects.count() == 0


def _pairs(assessment: Any) -> list[tuple[int | None, int | None]]:
    by_objective: dict[int, dict[str, int]] = {}
    for rating in Rating.objects.filter(round=assessment):
        by_objective.setdefault(rating.objective_id, {})[rating.side] = rating.level
    return [(p.get("NATIONAL"), p.get("ALLIANCE")) for p in by_objective.values()]


def test_demo_rounds_load_once_and_mostly_coincide(reference: None) -> None:
    from partnerdesk.plans.demo import load_demo as load_plans

    load_plans(actor=Actor.system())
    created = demo.load_demo(actor=Actor.system())
    rounds = list(AssessmentRound.objects.order_by("owner__code", "year"))
    assert [(r.owner.code, r.year, r.status, r.is_revealed) for r in rounds] == [
        ("ARM", 2017, "CLOSED", True),
        ("AZE", 2015, "CLOSED", True),
        ("AZE", 2016, "CLOSED", True),
        ("AZE", 2017, "CLOSED", True),
        ("AZE", 2018, "OPEN", False),
    ]
    assert created == (
        AssessmentRound.objects.count() + Rating.objects.count() + SideSubmission.objects.count()
    )
    for assessment in rounds:
        assert assessment.note.startswith("Illustrative ratings")
        assert sorted(str(k) for k in assessment.sources.values_list("key", flat=True)) == [
            "DEMO",
            "S63",
            "S65",
        ]
        if assessment.status == "CLOSED":
            stats = agreement(_pairs(assessment), assessment.levels)
            assert stats.n == Rating.objects.filter(round=assessment, side="NATIONAL").count()
            assert stats.exact is not None
            assert stats.exact >= 0.5  # "their assessments mostly coincide"
            assert 1 <= len(divergences(_Pair(n, a) for n, a in _pairs(assessment))) <= 2
    open_round = rounds[-1]
    assert list(open_round.submissions.values_list("side", flat=True)) == ["NATIONAL"]
    national = Rating.objects.filter(round=open_round, side="NATIONAL")
    alliance = Rating.objects.filter(round=open_round, side="ALLIANCE")
    assert set(national.values_list("marking", flat=True)) == {"NATIONAL_ONLY"}
    assert set(alliance.values_list("marking", flat=True)) == {"ALLIANCE_ONLY"}
    assert 0 < alliance.count() < national.count()
    log_size = ChangeRecord.objects.count()
    assert demo.load_demo(actor=Actor.system()) == 0
    assert ChangeRecord.objects.count() == log_size


class _Pair:
    def __init__(self, national: int | None, alliance: int | None) -> None:
        self.national = national
        self.alliance = alliance
