"""Write use-cases of trust-fund projects: projects and their life cycle, phases,
contributions, agreements and KPIs.

Every function validates, then calls the core record services, so rights are checked before
and after the change, versions are enforced and one change-log row is written per changed
row. Children take their owner (the host nation) from their project, never from input; their
marking defaults to the parent's. A child never moves to another parent: delete it and record
it again. The status of a project changes only through `project_transition`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_delete, record_update
from partnerdesk.core.workflow import record_transition
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.sources.models import Source
from partnerdesk.trustfunds.choices import PROJECT_TRANSITIONS, STATUS_LABELS
from partnerdesk.trustfunds.models import Agreement, Contribution, Kpi, Phase, Project

PROJECT_FIELDS = (
    "owner",
    "marking",
    "title",
    "aliases",
    "theme",
    "programme",
    "requested_on",
    "requested_precision",
    "budget",
    "currency",
    "summary",
)
PROJECT_CREATE_FIELDS = (*PROJECT_FIELDS, "status")
PHASE_FIELDS = (
    "project",
    "marking",
    "number",
    "title",
    "budget",
    "currency",
    "estimated",
    "announced_on",
    "announced_precision",
    "start_on",
    "start_precision",
    "end_on",
    "end_precision",
    "executing_agent",
    "status_text",
    "note",
)
CONTRIBUTION_FIELDS = (
    "phase",
    "marking",
    "donor",
    "amount",
    "currency",
    "in_kind",
    "in_kind_description",
    "status",
    "date",
    "date_precision",
    "note",
)
AGREEMENT_FIELDS = ("project", "phase", "marking", "kind", "signed_on", "signed_precision", "note")
KPI_FIELDS = (
    "phase",
    "marking",
    "metric",
    "detail",
    "value",
    "unit",
    "qualifier",
    "as_of",
    "as_of_precision",
    "note",
)
M2M_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Project: ("sources",),
    Phase: ("sources", "lead_nations"),
    Contribution: ("sources",),
    Agreement: ("sources", "parties"),
    Kpi: ("sources",),
}


# -- helpers -------------------------------------------------------------------------------


def _split(
    model: type[Model], data: Mapping[str, Any], fields: Sequence[str]
) -> tuple[dict[str, Any], dict[str, list[Any]] | None]:
    """Editable values and many-to-many lists (as ids); unknown names are refused by name."""
    m2m_names = M2M_FIELDS[model]
    unknown = set(data) - set(fields) - set(m2m_names)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "This field cannot be set."))
    values = {k: v for k, v in data.items() if k in fields}
    m2m = {
        name: [getattr(item, "pk", item) for item in data[name]]
        for name in m2m_names
        if name in data and data[name] is not None
    }
    return values, (m2m or None)


def _parent(values: Mapping[str, Any], name: str, model: type[Model], label: str) -> Any:
    parent = values.get(name)
    if not isinstance(parent, model):
        raise ValidationError({name: f"Choose the {label}."})
    return parent


def _child_values(values: dict[str, Any], parent: Any) -> dict[str, Any]:
    """The owner comes from the parent; the marking defaults to the parent's."""
    values["owner"] = parent.owner
    if not values.get("marking"):
        values["marking"] = parent.marking
    return values


def _fixed_parent(obj: Any, values: dict[str, Any], name: str) -> None:
    """A child stays with its parent: refuse moving it, drop an unchanged parent."""
    if name in values:
        given = values.pop(name)
        if getattr(given, "pk", given) != getattr(obj, f"{name}_id"):
            raise ValidationError({name: "This cannot be changed; delete and record it again."})


def _check_states(ids: Sequence[Any], field: str) -> None:
    """Lead nations are states."""
    if not ids:
        return
    kinds = Organisation.objects.filter(pk__in=list(ids)).exclude(kind=OrganisationKind.STATE)
    names = sorted(kinds.values_list("name", flat=True))
    if names:
        raise ValidationError({field: f"Lead nations are states; not: {', '.join(names)}."})


def _check_host(values: Mapping[str, Any]) -> None:
    owner = values.get("owner")
    if isinstance(owner, Organisation) and owner.kind != OrganisationKind.STATE:
        raise ValidationError({"owner": "The host nation of a project is a state."})


def _sources(ids: Sequence[Any]) -> None:
    """Every cited source exists (a clear message instead of an integrity error)."""
    wanted = {int(getattr(i, "pk", i)) for i in ids}
    found = set(Source.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    missing = sorted(wanted - found)
    if missing:
        raise ValidationError({"sources": f"No source with id {', '.join(map(str, missing))}."})


def _check_m2m(m2m: Mapping[str, list[Any]] | None) -> None:
    if not m2m:
        return
    if "sources" in m2m:
        _sources(m2m["sources"])
    if "lead_nations" in m2m:
        _check_states(m2m["lead_nations"], "lead_nations")


# -- projects ------------------------------------------------------------------------------


def project_create(*, actor: Actor, data: Mapping[str, Any]) -> Project:
    """Record a project of a host nation, at REQUESTED unless a status is given (for projects
    recorded after the fact); atomic, permission-checked and audited."""
    values, m2m = _split(Project, data, PROJECT_CREATE_FIELDS)
    _check_host(values)
    _check_m2m(m2m)
    return record_create(Project, actor=actor, values=values, m2m=m2m)


def project_update(
    project: Project, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Project:
    """Change a project's facts if still at `expected_version` (the status moves only by
    `project_transition`; a project with phases keeps its host nation)."""
    if "status" in data and data["status"] != project.status:
        raise ValidationError({"status": "Change the status with a move along the life cycle."})
    values, m2m = _split(Project, {k: v for k, v in data.items() if k != "status"}, PROJECT_FIELDS)
    _check_host(values)
    _check_m2m(m2m)
    owner = values.get("owner")
    if owner is not None and owner.pk != project.owner_id and project.phases.exists():
        raise ValidationError({"owner": "A project with phases cannot move to another nation."})
    return record_update(
        project, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def project_transition(
    project: Project, *, actor: Actor, expected_version: int, target: str
) -> Project:
    """Move a project one step along its life cycle (or back one step to correct a mistake;
    from “phase completed” to the next phase's execution or to closed). A refused move names
    both states and the possible moves."""
    return record_transition(
        project,
        actor=actor,
        expected_version=expected_version,
        target=target,
        allowed=PROJECT_TRANSITIONS,
        labels=STATUS_LABELS,
    )


def project_delete(project: Project, *, actor: Actor, expected_version: int) -> None:
    """Delete a project without phases or agreements; the change log keeps its last state."""
    record_delete(project, actor=actor, expected_version=expected_version)


# -- phases --------------------------------------------------------------------------------


def phase_create(*, actor: Actor, data: Mapping[str, Any]) -> Phase:
    """Add a phase to a project (number unique within the project)."""
    values, m2m = _split(Phase, data, PHASE_FIELDS)
    project = _parent(values, "project", Project, "project")
    _check_m2m(m2m)
    return record_create(Phase, actor=actor, values=_child_values(values, project), m2m=m2m)


def phase_update(
    phase: Phase, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Phase:
    """Change a phase if still at `expected_version` (it stays in its project)."""
    values, m2m = _split(Phase, data, PHASE_FIELDS)
    _fixed_parent(phase, values, "project")
    _check_m2m(m2m)
    return record_update(
        phase, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def phase_delete(phase: Phase, *, actor: Actor, expected_version: int) -> None:
    """Delete a phase without contributions, KPIs or agreements."""
    record_delete(phase, actor=actor, expected_version=expected_version)


# -- contributions -------------------------------------------------------------------------


def contribution_create(*, actor: Actor, data: Mapping[str, Any]) -> Contribution:
    """Record a donor's pledge or payment to a phase (an amount needs its currency)."""
    values, m2m = _split(Contribution, data, CONTRIBUTION_FIELDS)
    phase = _parent(values, "phase", Phase, "phase")
    _check_m2m(m2m)
    return record_create(Contribution, actor=actor, values=_child_values(values, phase), m2m=m2m)


def contribution_update(
    contribution: Contribution, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Contribution:
    """Change a contribution if still at `expected_version` (e.g. pledged → paid)."""
    values, m2m = _split(Contribution, data, CONTRIBUTION_FIELDS)
    _fixed_parent(contribution, values, "phase")
    _check_m2m(m2m)
    return record_update(
        contribution, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def contribution_delete(contribution: Contribution, *, actor: Actor, expected_version: int) -> None:
    """Delete a contribution."""
    record_delete(contribution, actor=actor, expected_version=expected_version)


# -- agreements ----------------------------------------------------------------------------


def agreement_create(*, actor: Actor, data: Mapping[str, Any]) -> Agreement:
    """Record an agreement of a project, optionally of one of its phases."""
    values, m2m = _split(Agreement, data, AGREEMENT_FIELDS)
    project = _parent(values, "project", Project, "project")
    _check_m2m(m2m)
    return record_create(Agreement, actor=actor, values=_child_values(values, project), m2m=m2m)


def agreement_update(
    agreement: Agreement, *, actor: Actor, expected_version: int, data: Mapping[str, Any]
) -> Agreement:
    """Change an agreement if still at `expected_version` (it stays in its project)."""
    values, m2m = _split(Agreement, data, AGREEMENT_FIELDS)
    _fixed_parent(agreement, values, "project")
    _check_m2m(m2m)
    return record_update(
        agreement, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def agreement_delete(agreement: Agreement, *, actor: Actor, expected_version: int) -> None:
    """Delete an agreement."""
    record_delete(agreement, actor=actor, expected_version=expected_version)


# -- KPIs ----------------------------------------------------------------------------------


def kpi_create(*, actor: Actor, data: Mapping[str, Any]) -> Kpi:
    """Record a reported result of a phase as of a date."""
    values, m2m = _split(Kpi, data, KPI_FIELDS)
    phase = _parent(values, "phase", Phase, "phase")
    _check_m2m(m2m)
    return record_create(Kpi, actor=actor, values=_child_values(values, phase), m2m=m2m)


def kpi_update(kpi: Kpi, *, actor: Actor, expected_version: int, data: Mapping[str, Any]) -> Kpi:
    """Change a KPI if still at `expected_version` (it stays with its phase)."""
    values, m2m = _split(Kpi, data, KPI_FIELDS)
    _fixed_parent(kpi, values, "phase")
    _check_m2m(m2m)
    return record_update(
        kpi, actor=actor, expected_version=expected_version, values=values, m2m=m2m
    )


def kpi_delete(kpi: Kpi, *, actor: Actor, expected_version: int) -> None:
    """Delete a KPI."""
    record_delete(kpi, actor=actor, expected_version=expected_version)
