"""The menu and programme-line services: every rule, carry-over, bulk validation, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.exceptions import Forbidden, NotFound
from partnerdesk.core.models import ChangeRecord
from partnerdesk.organisations.models import Membership
from partnerdesk.pcm import services
from partnerdesk.pcm.models import Activity, Catalogue, ProgrammeLine
from partnerdesk.pcm.tests import helpers as h

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


# -- catalogues -------------------------------------------------------------------------------


def test_a_catalogue_is_created_once_per_year_and_published_once(world: Any) -> None:
    staff = h.actor(world, "staff_all")
    catalogue = services.catalogue_create(actor=staff, data={"year": 2015})
    assert (str(catalogue), catalogue.status, catalogue.version) == (
        "Partnership Cooperation Menu 2015",
        "DRAFT",
        1,
    )
    with pytest.raises(ValidationError) as caught:
        services.catalogue_create(actor=staff, data={"year": 2015})
    assert _errors(caught) == {"year": ["The catalogue of 2015 already exists."]}
    published = services.catalogue_publish(
        catalogue, actor=staff, expected_version=1, published_on=dt.date(2014, 12, 1)
    )
    assert (published.status, published.published_on, published.version) == (
        "PUBLISHED",
        dt.date(2014, 12, 1),
        2,
    )
    with pytest.raises(ValidationError) as caught:
        services.catalogue_publish(published, actor=staff, expected_version=2)
    assert _errors(caught) == {
        "status": ["Cannot move from Published to Published. Published is final."]
    }
    with pytest.raises(ValidationError) as caught:
        services.catalogue_update(published, actor=staff, expected_version=2, data={"year": 2016})
    assert _errors(caught) == {
        "year": ["A catalogue keeps its year (activity codes carry it); create a new one."]
    }


def test_partners_and_analysts_cannot_write_the_menu(world: Any) -> None:
    for name in ("aze_coordinator", "analyst", "alliance_assessor"):
        with pytest.raises(Forbidden):
            services.catalogue_create(actor=h.actor(world, name), data={"year": 2015})
    catalogue = h.catalogue(2015)
    with pytest.raises(Forbidden):
        services.activity_create(
            actor=h.actor(world, "aze_coordinator"),
            data={
                "catalogue": catalogue,
                "title": "x",
                "area": "CYBER",
                "format": "COURSE",
                "organiser": world.nato,
            },
        )
    assert (Catalogue.objects.count(), Activity.objects.count()) == (1, 0)


def test_a_catalogue_with_activities_cannot_be_deleted(world: Any) -> None:
    activity = h.activity(world)
    catalogue = activity.catalogue
    with pytest.raises(ValidationError) as caught:
        services.catalogue_delete(catalogue, actor=h.actor(world, "admin"), expected_version=1)
    assert caught.value.messages == [
        "“Partnership Cooperation Menu 2015” still has activities; delete those first."
    ]


# -- activities -------------------------------------------------------------------------------


def test_an_activity_gets_the_next_number_of_its_area(world: Any) -> None:
    h.activity(world, number=7)
    staff = h.actor(world, "staff_all")
    created = services.activity_create(
        actor=staff,
        data={
            "catalogue": h.catalogue(2015),
            "title": "Cyber exercise",
            "area": "CYBER",
            "format": "EXERCISE",
            "organiser": world.nato,
            "eligible_frameworks": ["MD", "EAPC_PFP", "MD"],
            "eligible_nations": [world.geo],
        },
    )
    assert (created.code, created.eligible_frameworks) == (
        "PCM-2015-CYBER-0008",
        ["EAPC_PFP", "MD"],
    )
    assert list(created.eligible_nations.values_list("code", flat=True)) == ["GEO"]
    log = ChangeRecord.objects.get(object_id=str(created.pk), content_type__model="activity")
    assert (log.actor_label, log.after["eligible_nations"]) == ("staff_all", [world.geo.pk])


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        (
            {"code": "PCM-2015-CYBER-0001"},
            {"code": ["The 2015 catalogue already has an activity PCM-2015-CYBER-0001."]},
        ),
        (
            {"code": "CYB-1"},
            {"code": ["Use the format PCM-<year>-<AREA>-<nnnn>, e.g. PCM-2015-CYBER-0042."]},
        ),
        (
            {"code": "PCM-2014-CYBER-0002"},
            {"code": ["The code's year must be the catalogue's year 2015."]},
        ),
        (
            {"code": "PCM-2015-LOG-0002"},
            {"code": ["The code's area must be CYBER (the activity's area)."]},
        ),
        (
            {"eligible_frameworks": ["NATO"]},
            {"eligible_frameworks": ["List partner frameworks only: EAPC_PFP, MD, ICI, GLOBAL"]},
        ),
        (
            {"duration_days": 0},
            {"duration_days": ["Ensure this value is greater than or equal to 1."]},
        ),
    ],
)
def test_bad_activities_are_refused_by_field(
    world: Any, extra: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    h.activity(world)
    data = {
        "catalogue": h.catalogue(2015),
        "title": "Another",
        "area": "CYBER",
        "format": "COURSE",
        "organiser": world.nato,
    } | extra
    with pytest.raises(ValidationError) as caught:
        services.activity_create(actor=h.actor(world, "staff_all"), data=data)
    assert _errors(caught) == errors
    assert Activity.objects.count() == 1


def test_eligible_nations_must_be_states_and_the_catalogue_stays(world: Any) -> None:
    activity = h.activity(world)
    staff = h.actor(world, "staff_all")
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            activity, actor=staff, expected_version=1, data={"eligible_nations": [world.nato]}
        )
    assert _errors(caught) == {"eligible_nations": ["List states only."]}
    with pytest.raises(ValidationError) as caught:
        services.activity_update(
            activity, actor=staff, expected_version=1, data={"catalogue": h.catalogue(2016)}
        )
    assert _errors(caught) == {
        "catalogue": ["An activity stays in its catalogue; carry it over instead."]
    }


def test_bulk_create_checks_foreign_keys_and_codes_once_per_batch(world: Any) -> None:
    h.activity(world, number=1)
    catalogue = h.catalogue(2015)
    base = {"title": "t", "area": "CYBER", "format": "COURSE", "organiser_id": world.nato.pk}
    with pytest.raises(ValidationError) as caught:
        services.activity_bulk_create(
            actor=h.SYSTEM,
            catalogue=catalogue,
            rows=[base | {"code": "PCM-2015-CYBER-0002"}, base | {"code": "PCM-2015-CYBER-0002"}],
        )
    assert _errors(caught) == {
        "__all__": ["Row 2: Activity with this Catalogue and Code already exists."]
    }
    with pytest.raises(ValidationError) as caught:
        services.activity_bulk_create(
            actor=h.SYSTEM, catalogue=catalogue, rows=[base | {"code": "PCM-2015-CYBER-0001"}]
        )
    assert _errors(caught) == {
        "__all__": ["Row 1: Activity with this Catalogue and Code already exists."]
    }
    with pytest.raises(ValidationError) as caught:
        services.activity_bulk_create(
            actor=h.SYSTEM,
            catalogue=catalogue,
            rows=[base | {"code": "PCM-2015-CYBER-0003", "organiser_id": 999999}],
        )
    assert _errors(caught) == {
        "organiser": ["Row 1: organisation instance with id 999999 is not a valid choice."]
    }
    assert Activity.objects.count() == 1


# -- carry-over -------------------------------------------------------------------------------


def test_carry_over_copies_keeps_numbers_and_is_idempotent(world: Any) -> None:
    first = h.activity(world, 2015, "CYBER", 3, eligible_frameworks=["EAPC_PFP"])
    second = h.activity(world, 2015, "LOG", 9)
    services.activity_update(
        second, actor=h.SYSTEM, expected_version=1, data={"eligible_nations": [world.geo]}
    )
    staff = h.actor(world, "staff_all")
    copies = services.catalogue_carry_over(actor=staff, source_year=2015, target_year=2016)
    assert sorted((c.code, c.carried_from_id) for c in copies) == [
        ("PCM-2016-CYBER-0003", first.pk),
        ("PCM-2016-LOG-0009", second.pk),
    ]
    target = Catalogue.objects.get(year=2016)
    assert target.status == "DRAFT"
    carried = Activity.objects.get(code="PCM-2016-LOG-0009")
    assert list(carried.eligible_nations.values_list("code", flat=True)) == ["GEO"]
    assert Activity.objects.get(code="PCM-2016-CYBER-0003").eligible_frameworks == ["EAPC_PFP"]
    log_size = ChangeRecord.objects.count()
    assert services.catalogue_carry_over(actor=staff, source_year=2015, target_year=2016) == []
    assert (Activity.objects.filter(catalogue=target).count(), ChangeRecord.objects.count()) == (
        2,
        log_size,
    )


def test_carry_over_of_chosen_activities_and_refusals(world: Any) -> None:
    first = h.activity(world, 2015, "CYBER", 1)
    h.activity(world, 2015, "CYBER", 2)
    staff = h.actor(world, "staff_all")
    copies = services.catalogue_carry_over(
        actor=staff, source_year=2015, target_year=2016, activity_ids=[first.pk]
    )
    assert [c.code for c in copies] == ["PCM-2016-CYBER-0001"]
    with pytest.raises(ValidationError) as caught:
        services.catalogue_carry_over(actor=staff, source_year=2016, target_year=2015)
    assert _errors(caught) == {"target_year": ["Carry activities into a later year."]}
    with pytest.raises(ValidationError) as caught:
        services.catalogue_carry_over(actor=staff, source_year=2010, target_year=2011)
    assert _errors(caught) == {"source_year": ["There is no catalogue of 2010."]}
    h.activity(world, 2017, "CYBER", 2)
    with pytest.raises(ValidationError) as caught:
        services.catalogue_carry_over(actor=staff, source_year=2015, target_year=2017)
    assert _errors(caught) == {
        "target_year": [
            "The 2017 catalogue already has other activities with the codes PCM-2017-CYBER-0002; renumber them first."
        ]
    }
    assert Activity.objects.filter(catalogue__year=2017).count() == 1
    with pytest.raises(Forbidden):
        services.catalogue_carry_over(
            actor=h.actor(world, "aze_coordinator"), source_year=2015, target_year=2018
        )


# -- programme lines --------------------------------------------------------------------------


def test_a_coordinator_picks_an_activity_into_the_own_plan(world: Any) -> None:
    plan = h.plan(world)
    activity = h.activity(world)
    objective = h.objective(plan)
    line = services.programme_line_create(
        actor=h.actor(world, "aze_coordinator"),
        data={
            "plan": plan,
            "activity": activity,
            "priority": "HIGH",
            "objectives": [objective],
            "planned_participants": 3,
        },
    )
    assert (line.owner_id, line.marking, line.priority, line.version) == (
        world.aze.pk,
        "BILATERAL",
        "HIGH",
        1,
    )
    assert list(line.objectives.values_list("code", flat=True)) == ["1.1"]
    log = ChangeRecord.objects.get(object_id=str(line.pk), content_type__model="programmeline")
    assert (log.owner_id, log.marking, log.after["objectives"]) == (
        world.aze.pk,
        "BILATERAL",
        [objective.pk],
    )


def test_line_rules_name_the_problem(world: Any) -> None:
    plan = h.plan(world)
    coordinator = h.actor(world, "staff_all")
    outside = h.activity(world, 2017)
    mediterranean = h.activity(world, 2015, "CT", 1, eligible_frameworks=["MD"])
    geo_plan = h.plan(world, owner=world.geo)
    foreign_objective = h.objective(geo_plan)
    fine = h.activity(world, 2016)
    cases = [
        (
            {"activity": outside},
            {
                "activity": [
                    "PCM-2017-CYBER-0001 is in the 2017 menu, outside the plan's period 2015–2016."
                ]
            },
        ),
        (
            {"activity": mediterranean},
            {
                "activity": [
                    "PCM-2015-CT-0001 is not open to Azerbaijan: it is restricted to Mediterranean Dialogue."
                ]
            },
        ),
        (
            {"activity": fine, "objectives": [foreign_objective]},
            {"objectives": ["Objective 1.1 belongs to another nation."]},
        ),
        (
            {"activity": fine, "marking": "PUBLIC"},
            {
                "marking": [
                    "Marked Public, the line would be shown to people who may not see its plan (marked Bilateral (owning nation and alliance staff))."
                ]
            },
        ),
    ]
    for extra, errors in cases:
        with pytest.raises(ValidationError) as caught:
            services.programme_line_create(actor=coordinator, data={"plan": plan} | extra)
        assert _errors(caught) == errors
    h.line(plan, fine)
    with pytest.raises(ValidationError) as caught:
        services.programme_line_create(actor=coordinator, data={"plan": plan, "activity": fine})
    assert _errors(caught) == {"activity": ["PCM-2016-CYBER-0001 is already in this programme."]}
    assert ProgrammeLine.objects.count() == 1


def test_eligibility_by_listed_nation_and_by_membership_on_1_july(world: Any) -> None:
    plan = h.plan(world)
    listed = h.activity(world, 2015, "REG", 1, eligible_nations=[world.aze])
    ici = h.activity(world, 2015, "REG", 2, eligible_frameworks=["ICI"])
    Membership.objects.create(organisation=world.aze, framework="ICI", start=dt.date(2015, 7, 2))
    assert h.line(plan, listed).activity_id == listed.pk
    with pytest.raises(ValidationError):
        h.line(plan, ici)
    Membership.objects.filter(framework="ICI").update(start=dt.date(2015, 7, 1))
    assert h.line(plan, ici).activity_id == ici.pk


def test_foreign_and_read_only_plans_and_invisible_objectives(world: Any) -> None:
    plan = h.plan(world)
    activity = h.activity(world)
    with pytest.raises(NotFound):
        services.programme_line_create(
            actor=h.actor(world, "geo_coordinator"), data={"plan": plan, "activity": activity}
        )
    with pytest.raises(Forbidden):
        services.programme_line_create(
            actor=h.actor(world, "aze_viewer"), data={"plan": plan, "activity": activity}
        )
    annex = h.objective(plan, "1.9", marking="NATIONAL_ONLY")
    with pytest.raises(ValidationError) as caught:
        services.programme_line_create(
            actor=h.actor(world, "staff_all"),
            data={"plan": plan, "activity": activity, "objectives": [annex]},
        )
    assert _errors(caught) == {"objectives": [f"Unknown objective (id {annex.pk})."]}
    line = services.programme_line_create(
        actor=h.actor(world, "staff_all"), data={"plan": plan, "activity": activity}
    )
    with pytest.raises(ValidationError) as caught:
        services.programme_line_update(
            line,
            actor=h.actor(world, "staff_all"),
            expected_version=1,
            data={"plan": h.plan(world, start=2017)},
        )
    assert _errors(caught) == {"plan": ["A line stays in its plan; add a new line instead."]}
    updated = services.programme_line_update(
        line, actor=h.actor(world, "aze_coordinator"), expected_version=1, data={"priority": "LOW"}
    )
    assert (updated.priority, updated.version) == ("LOW", 2)
    services.programme_line_delete(
        updated, actor=h.actor(world, "aze_coordinator"), expected_version=2
    )
    assert ProgrammeLine.objects.count() == 0


def test_an_activity_in_a_programme_cannot_be_deleted(world: Any) -> None:
    plan = h.plan(world)
    activity = h.activity(world)
    h.line(plan, activity)
    with pytest.raises(ValidationError) as caught:
        services.activity_delete(activity, actor=h.actor(world, "staff_all"), expected_version=1)
    assert caught.value.messages == [
        "“PCM-2015-CYBER-0001 CYBER course 1” still has programme lines; delete those first."
    ]
