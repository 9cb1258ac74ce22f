"""Operations and contribution snapshots: the derived total, validation by field, precision,
the mandate rule, rights and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, VersionConflict
from partnerdesk.core.models import ChangeRecord
from partnerdesk.operations.models import ContributionSnapshot, Operation
from partnerdesk.operations.services import (
    contribution_create,
    contribution_delete,
    contribution_update,
    operation_create,
    operation_delete,
    operation_update,
)
from partnerdesk.operations.tests.helpers import actor, operation, snapshot, turkey

pytestmark = pytest.mark.django_db

D = dt.date
TOTAL_MESSAGE = (
    "The total is derived from the categories (infantry, medical officers, sappers, staff "
    "officers, other); give those instead."
)


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_the_total_is_the_sum_of_the_categories(world: Any) -> None:
    rsm = operation("RSM")
    row = snapshot(
        world,
        rsm,
        D(2015, 6, 1),
        precision="YEAR",
        infantry=90,
        medical_officers=2,
        engineers=2,
        framework_nation=turkey(),
        task="Security of Kabul airport",
        legal_basis="EXCHANGE_OF_LETTERS",
        legal_basis_date=D(2015, 9, 30),
    )
    assert (row.total, row.total_display, str(row)) == (94, "94", "RSM 2015: 94")
    assert (row.as_of, row.as_of_display) == (D(2015, 1, 1), "2015")
    assert row.legal_basis_date_display == "30 Sep 2015"
    assert not hasattr(ContributionSnapshot, "total_strength")
    assert "total" not in {f.name for f in ContributionSnapshot._meta.get_fields()}
    updated = contribution_update(
        row, actor=Actor.system(), expected_version=1, data={"staff_officers": 6}
    )
    assert (updated.total, updated.version) == (100, 2)


def test_a_typed_total_is_refused_by_name_and_nothing_is_written(world: Any) -> None:
    isaf = operation("ISAF")
    with pytest.raises(ValidationError) as exc:
        contribution_create(
            actor=Actor.system(),
            data={
                "owner": world.aze,
                "operation": isaf,
                "as_of": D(2002, 11, 20),
                "infantry": 22,
                "total": 22,
                "colour": "red",
            },
        )
    assert _errors(exc) == {"colour": ["This field cannot be set."], "total": [TOTAL_MESSAGE]}
    assert ContributionSnapshot.objects.count() == 0


def test_headcount_rules_give_field_messages(world: Any) -> None:
    isaf = operation("ISAF")
    base = {"owner": world.aze, "operation": isaf, "as_of": D(2008, 1, 15), "infantry": 0}
    with pytest.raises(ValidationError) as exc:
        contribution_create(actor=Actor.system(), data=base)
    assert _errors(exc) == {
        "headcount": [
            "Give at least one category above 0, or tick “withdrawal” to record that the "
            "contingent left."
        ]
    }
    with pytest.raises(ValidationError) as exc:
        contribution_create(
            actor=Actor.system(), data=base | {"withdrawal": True, "infantry": 3, "other": 1}
        )
    assert _errors(exc) == {
        "withdrawal": ["A withdrawal records every category as 0; this snapshot counts 4."]
    }
    with pytest.raises(ValidationError) as exc:
        contribution_create(actor=Actor.system(), data=base | {"medical_officers": -2})
    assert _errors(exc) == {
        "medical_officers": ["Ensure this value is greater than or equal to 0."]
    }
    with pytest.raises(ValidationError) as exc:
        contribution_create(
            actor=Actor.system(),
            data=base | {"infantry": 5, "legal_basis_date": D(2009, 10, 2), "owner": world.nato},
        )
    assert _errors(exc) == {
        "legal_basis": ["Choose the kind of legal basis the date belongs to."],
        "owner": ["Contributions belong to a state."],
    }
    with pytest.raises(ValidationError) as exc:
        contribution_create(
            actor=Actor.system(),
            data=base | {"infantry": 5, "framework_nation": world.aze},
        )
    assert _errors(exc) == {"framework_nation": ["A nation cannot be its own framework nation."]}
    assert ContributionSnapshot.objects.count() == 0
    withdrawn = contribution_create(actor=Actor.system(), data=base | {"withdrawal": True})
    assert (withdrawn.total, withdrawn.total_display) == (0, "0 (withdrawn)")


def test_snapshots_outside_the_mandate_are_refused(world: Any) -> None:
    isaf = operation("ISAF")
    rsm = operation("RSM")
    with pytest.raises(ValidationError) as exc:
        snapshot(world, isaf, D(2015, 3, 1))
    assert _errors(exc) == {"as_of": ["ISAF ended 28 Dec 2014; 1 Mar 2015 is after its mandate."]}
    with pytest.raises(ValidationError) as exc:
        snapshot(world, rsm, D(2014, 12, 1), precision="MONTH")
    assert _errors(exc) == {
        "as_of": ["RSM started 1 Jan 2015; December 2014 is before its mandate."]
    }
    # a year overlapping the mandate is not certainly outside it
    assert snapshot(world, isaf, D(2001, 1, 1), precision="YEAR").as_of_display == "2001"
    in_2014 = snapshot(world, isaf, D(2014, 12, 28))
    with pytest.raises(ValidationError) as exc:
        operation_update(
            isaf, actor=Actor.system(), expected_version=1, data={"mandate_end": D(2010, 1, 1)}
        )
    assert _errors(exc) == {
        "mandate_end": ["Azerbaijan's contribution of 28 Dec 2014 would fall outside the mandate."]
    }
    isaf.refresh_from_db()
    assert (isaf.mandate_end, isaf.version) == (D(2014, 12, 28), 1)
    assert in_2014.total == 10


def test_one_snapshot_per_nation_operation_and_date(world: Any) -> None:
    kfor = operation("KFOR")
    snapshot(world, kfor, D(1999, 6, 1), precision="YEAR", infantry=30, approximate=True)
    with pytest.raises(ValidationError) as exc:
        snapshot(world, kfor, D(1999, 1, 1), precision="YEAR")
    assert _errors(exc) == {
        "__all__": ["This nation already has a snapshot of this operation on this date."]
    }


def test_operations_are_written_by_alliance_staff_and_administrators(world: Any) -> None:
    data = {"code": "kfor", "name": "Kosovo Force", "mandate_start": D(1999, 6, 12)}
    for name in ("aze_coordinator", "analyst", "alliance_assessor"):
        with pytest.raises(Forbidden):
            operation_create(actor=actor(world, name), data=data)
    for name in ("staff_geo", "admin"):
        created = operation_create(actor=actor(world, name), data=data)
        assert (name, created.code, created.mandate_display) == (name, "KFOR", "12 Jun 1999–")
        operation_delete(created, actor=actor(world, name), expected_version=1)
    assert Operation.objects.count() == 0
    with pytest.raises(ValidationError) as refused:
        operation_create(
            actor=Actor.system(),
            data={
                "code": "bad code!",
                "name": "x",
                "mandate_start": D(2015, 1, 1),
                "mandate_end": D(2014, 1, 1),
                "mandate_end_precision": "YEAR",
            },
        )
    assert _errors(refused) == {
        "code": ["Use 2–20 capital letters, digits or hyphens, e.g. KFOR or RSM."],
        "mandate_end": ["The mandate cannot end before it starts."],
    }


def test_partners_write_their_own_nation_only(world: Any) -> None:
    rsm = operation("RSM")
    own = snapshot(world, rsm, D(2018, 1, 9), by=actor(world, "aze_coordinator"), infantry=120)
    assert own.owner_id == world.aze.pk
    with pytest.raises(ValidationError) as exc:
        snapshot(world, rsm, D(2019, 1, 1), by=actor(world, "geo_coordinator"))
    assert _errors(exc) == {
        "owner": ["You may not create a record for this nation with this marking."]
    }
    with pytest.raises(Forbidden):
        contribution_update(
            own, actor=actor(world, "staff_geo"), expected_version=1, data={"infantry": 1}
        )
    with pytest.raises(VersionConflict):
        contribution_update(
            own, actor=actor(world, "aze_coordinator"), expected_version=3, data={"other": 1}
        )
    with pytest.raises(ValidationError) as exc:
        operation_delete(rsm, actor=Actor.system(), expected_version=1)
    assert exc.value.messages == ["“RSM” still has contribution snapshots; delete those first."]
    contribution_delete(own, actor=actor(world, "aze_coordinator"), expected_version=1)
    rows = list(
        ChangeRecord.objects.filter(content_type__app_label="operations")
        .order_by("pk")
        .values_list("content_type__model", "action", "source", "owner_id")
    )
    assert rows == [
        ("operation", "CREATE", "system", None),
        ("contributionsnapshot", "CREATE", "web", world.aze.pk),
        ("contributionsnapshot", "DELETE", "web", world.aze.pk),
    ]
