"""The trust-fund demo: sourced figures exact, money per currency, idempotent loading."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from partnerdesk.core.actor import Actor
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.services import reference_load
from partnerdesk.trustfunds.demo import load_demo
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project
from partnerdesk.trustfunds.selectors import money_totals, timeline_entries

pytestmark = pytest.mark.django_db
D = Decimal
MODELS = (Project, Phase, Contribution, Agreement, Kpi)


@pytest.fixture
def loaded(world: Any) -> int:
    reference_load(actor=Actor.system())
    return load_demo(actor=Actor.system())


def test_demo_loads_sourced_figures_once(loaded: int, world: Any) -> None:
    counts = tuple(model.objects.count() for model in MODELS)
    assert counts == (3, 7, 13, 2, 11)
    assert loaded == sum(counts)
    assert ChangeRecord.objects.filter(content_type__app_label="trustfunds").count() == loaded
    for model in MODELS:
        assert not model.objects.filter(sources=None).exists(), model
    assert load_demo(actor=Actor.system()) == 0
    assert tuple(model.objects.count() for model in MODELS) == counts


def test_saloglu_figures(loaded: int, world: Any) -> None:
    saloglu = Project.objects.get(title="Saloglu UXO clearance")
    assert (saloglu.status, saloglu.requested_display, saloglu.programme) == (
        "CLOSED",
        "December 2001",
        "TRUST_FUND",
    )
    phases = {p.number: p for p in saloglu.phases.all()}
    assert [(p.budget_display, p.start_display, p.end_display) for p in phases.values()] == [
        ("est. EUR 1,400,000.00", "December 2005", "—"),
        ("EUR 440,000.00", "June 2007", "—"),
        ("est. EUR 1,900,000.00", "—", "July 2011"),
    ]
    assert phases[1].announced_display == "28 Apr 2003"
    assert [n.code for n in phases[1].lead_nations.all()] == ["TUR"]
    assert phases[1].executing_agent.code == "NSPA"
    assert "NAMSA" in phases[1].note
    assert sorted(c.donor.code for c in phases[1].contributions.all()) == [
        "AZE",
        "FIN",
        "LUX",
        "NOR",
        "SVN",
        "UNDP",
    ]
    totals = money_totals(world.users["analyst"], project_id=saloglu.pk)
    second = totals.by_phase[phases[2].pk]
    assert (second.budget, second.contributed, second.remaining) == (
        {"EUR": D("440000.00")},
        {"EUR": D("196000.00")},
        {"EUR": D("244000.00")},
    )
    assert totals.total.budget == {"EUR": D("3740000.00")}
    assert totals.total.undisclosed == 6
    kpis = [
        (k.as_of_display, k.label, k.value_display)
        for k in Kpi.objects.filter(phase__project=saloglu).order_by("as_of", "pk")
    ]
    assert kpis == [
        ("June 2008", "Hectares cleared (surface)", "568 ha"),
        ("June 2008", "Hectares cleared (sub-surface)", "115 ha"),
        ("June 2008", "Items located (UXO)", "298,640 items"),
        ("June 2008", "Items destroyed (UXO)", "155,623 items"),
        ("July 2011", "Square metres cleared", ">5,680,000 m²"),
        ("July 2011", "Items destroyed", ">640,000 items"),
    ]
    agreements = [
        (
            a.get_kind_display(),
            a.signed_display,
            sorted(p.code for p in a.parties.all()),
            [s.key for s in a.sources.all()],
        )
        for a in saloglu.agreements.order_by("signed_on")
    ]
    assert agreements == [
        ("Memorandum of understanding", "2 Apr 2003", ["AZE", "NSPA"], ["S39"]),
        (
            "Financial management agreement",
            "14 Feb 2005",
            ["AZE", "FIN", "LUX", "NOR", "SVN", "TUR"],
            ["S40"],
        ),
    ]


def test_jeyranchel_and_melange_figures(loaded: int, world: Any) -> None:
    jeyranchel = Project.objects.get(title="Jeyranchel clearance")
    assert (jeyranchel.status, jeyranchel.budget_display) == ("IN_EXECUTION", "EUR 6,100,000.00")
    leads = {p.number: [n.code for n in p.lead_nations.all()] for p in jeyranchel.phases.all()}
    assert leads == {1: ["USA"], 2: [], 3: ["TUR"]}
    third = jeyranchel.phases.get(number=3)
    assert [k.value_display for k in third.kpis.order_by("pk")] == [
        ">800,000 items",
        ">16,000 items",
        ">44 km²",
    ]
    assert third.announced_display == "26 Sep 2017"
    melange = Project.objects.get(programme="SPS")
    assert melange.title == "Mélange rocket-fuel neutralisation"
    totals = money_totals(world.users["analyst"], project_id=melange.pk).total
    assert (totals.budget, totals.paid, totals.remaining) == (
        {"EUR": D("2200000.00")},
        {"EUR": D("2200000.00")},
        {"EUR": D("0.00")},
    )
    tonnes = sum(k.value for k in Kpi.objects.filter(phase__project=melange))
    assert tonnes == D("1300")  # the source's split (950 t + 350 t) of the 1,400 t total


def test_demo_timeline(loaded: int, world: Any) -> None:
    entries = timeline_entries(world.users["analyst"], nation_id=world.aze.pk)
    firsts = [(e.date, e.kind, e.source_keys) for e in entries[:5]]
    assert firsts == [
        (dt.date(2001, 12, 1), "project requested", ("S38", "S41", "S42", "S44")),
        (dt.date(2003, 4, 2), "agreement signed", ("S39",)),
        (dt.date(2003, 4, 28), "phase presented", ("S38", "S39", "S40", "S41")),
        (dt.date(2005, 2, 14), "agreement signed", ("S40",)),
        (dt.date(2005, 12, 1), "phase starts", ("S38", "S39", "S40", "S41")),
    ]
    assert len(entries) == 25  # 1 request, 11 phase dates, 2 agreements, 11 KPIs
    assert {e.confidence for e in entries} == {"VERIFIED"}
