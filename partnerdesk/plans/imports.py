"""Imports of objectives and commitments into one plan from CSV or XLSX.

Every row is checked first (unknown chapter or objective, duplicate code, bad date, unknown
status or agency, missing text); any problem is reported with its row and column and nothing
is written. Otherwise every row is written through the services in ONE transaction, and if a
service still refuses a row, the whole import is rolled back and that row reported. A dry run
does all of this and then rolls back, so its preview is exactly what a real run would do.

Re-importing a file updates rows instead of duplicating them: objectives are matched by
their code; commitments (which have no code) by their objective and identical text, or else
the most similar commitment of that objective not named elsewhere in the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.exceptions import Forbidden, NotFound, VersionConflict
from partnerdesk.core.models import ChangeSource
from partnerdesk.core.permissions import Action, can
from partnerdesk.core.tabular import FORMULA_PREFIXES, Table, TableError, read_table
from partnerdesk.organisations.choices import OrganisationKind
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans import services
from partnerdesk.plans.choices import CommitmentStatus
from partnerdesk.plans.exports import COMMITMENT_COLUMNS, LISTS, OBJECTIVE_COLUMNS
from partnerdesk.plans.models import Chapter, Commitment, Objective, Plan
from partnerdesk.plans.selectors import (
    REWORDED_RATIO,
    chapter_list,
    commitment_list,
    objective_list,
    similarity,
)

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00)?)?$")
_FIELD_COLUMNS = {
    "chapter": "chapter_code",
    "code": "objective_code",
    "objective": "objective_code",
    "text": "text",
    "agency": "agency_code",
    "due_on": "due_on",
    "status": "status",
}
CODE_MAX = Objective._meta.get_field("code").max_length or 20


@dataclass(frozen=True)
class RowOutcome:
    """What the import does with one row: "create", "update" or "unchanged"."""

    row: int
    action: str
    key: str
    text: str
    changes: tuple[str, ...] = ()


@dataclass
class ImportResult:
    """The preview or the outcome of an import."""

    kind: str
    dry_run: bool
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[TableError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        """True when no row has a problem."""
        return not self.errors

    def count(self, action: str) -> int:
        """How many rows have the outcome `action`."""
        return sum(1 for r in self.rows if r.action == action)

    @property
    def summary(self) -> str:
        """One line: what was (or would be) done."""
        verb = "would be" if self.dry_run or not self.ok else "were"
        if not self.ok:
            return f"{len(self.errors)} problem(s) found; nothing was written."
        return (
            f"{self.count('create')} {self.kind} {verb} created, {self.count('update')} "
            f"updated, {self.count('unchanged')} unchanged."
        )


@dataclass
class _Step:
    """One validated row and the service call it needs (None when unchanged)."""

    outcome: RowOutcome
    target: Any = None
    data: dict[str, Any] = field(default_factory=dict)


def _cell(values: dict[str, str], name: str) -> str:
    """A cell's text with an export's formula guard (a leading apostrophe) removed."""
    text = values.get(name, "").strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def read_rows(content: bytes, filename: str, required: tuple[str, ...]) -> Table:
    """Read an uploaded CSV or XLSX table (row and column errors come from core.tabular)."""
    return read_table(content, filename, required)


def _can_change(actor: Actor, obj: Any) -> bool:
    return actor.user is None or can(actor.user, Action.CHANGE, obj)


def _objective_steps(
    actor: Actor, plan: Plan, rows: list[tuple[int, dict[str, str]]], errors: list[TableError]
) -> list[_Step]:
    user = actor.user
    chapters: dict[str, Chapter] = {
        c.code: c
        for c in (
            chapter_list(user, plan_id=plan.pk) if user else Chapter.objects.filter(plan=plan)
        )
    }
    existing = {o.code: o for o in Objective.objects.filter(plan=plan).select_related("chapter")}
    first_row: dict[str, int] = {}
    steps = []
    for number, values in rows:
        chapter_code = _cell(values, "chapter_code")
        code = _cell(values, "objective_code")
        text = _cell(values, "text")
        row_errors = []
        chapter = chapters.get(chapter_code)
        if not chapter_code:
            row_errors.append(TableError(number, "chapter_code", "Give the chapter code."))
        elif chapter is None:
            row_errors.append(
                TableError(
                    number, "chapter_code", f"Unknown chapter {chapter_code!r} in this plan."
                )
            )
        if not code:
            row_errors.append(TableError(number, "objective_code", "Give the objective code."))
        elif len(code) > CODE_MAX:
            row_errors.append(
                TableError(number, "objective_code", f"At most {CODE_MAX} characters.")
            )
        elif code in first_row:
            row_errors.append(
                TableError(
                    number,
                    "objective_code",
                    f"Code {code} appears twice (first on row {first_row[code]}).",
                )
            )
        else:
            first_row[code] = number
        if not text:
            row_errors.append(TableError(number, "text", "Give the text of the objective."))
        current = existing.get(code)
        if current is not None and not _can_change(actor, current):
            row_errors.append(
                TableError(number, "objective_code", f"You may not change objective {code}.")
            )
        if row_errors:
            errors.extend(row_errors)
            continue
        assert chapter is not None  # noqa: S101 - checked above
        if current is None:
            data = {"plan": plan, "chapter": chapter, "code": code, "text": text}
            steps.append(_Step(RowOutcome(number, "create", code, text), None, data))
            continue
        changes: dict[str, Any] = {}
        if current.chapter_id != chapter.pk:
            changes["chapter"] = chapter
        if current.text != text:
            changes["text"] = text
        action = "update" if changes else "unchanged"
        outcome = RowOutcome(number, action, code, text, tuple(sorted(changes)))
        steps.append(_Step(outcome, current, changes))
    return steps


def _parse_commitment(
    number: int,
    values: dict[str, str],
    objectives: dict[str, Objective],
    agencies: dict[str, Organisation],
    nation: Organisation,
    errors: list[TableError],
) -> dict[str, Any] | None:
    row_errors = []
    code = _cell(values, "objective_code")
    objective = objectives.get(code)
    if not code:
        row_errors.append(TableError(number, "objective_code", "Give the objective code."))
    elif objective is None:
        row_errors.append(
            TableError(number, "objective_code", f"Unknown objective {code!r} in this plan.")
        )
    text = _cell(values, "text")
    if not text:
        row_errors.append(TableError(number, "text", "Give the text of the commitment."))
    agency_code = _cell(values, "agency_code")
    agency = None
    if agency_code:
        agency = agencies.get(agency_code.upper())
        if agency is None:
            row_errors.append(
                TableError(
                    number,
                    "agency_code",
                    f"Unknown agency {agency_code!r}: give the code of a national agency "
                    f"of {nation.name}.",
                )
            )
    raw_due = _cell(values, "due_on")
    due_on = None
    if raw_due:
        match = _DATE.match(raw_due)
        try:
            due_on = dt.date.fromisoformat(match.group(1)) if match else None
        except ValueError:
            due_on = None
        if due_on is None:
            row_errors.append(
                TableError(number, "due_on", f"{raw_due!r} is not a date (YYYY-MM-DD).")
            )
    status = _cell(values, "status").upper() or CommitmentStatus.NOT_STARTED
    if status not in CommitmentStatus.values:
        row_errors.append(
            TableError(
                number,
                "status",
                f"Unknown status {status!r}; use one of {', '.join(CommitmentStatus.values)}.",
            )
        )
    if row_errors:
        errors.extend(row_errors)
        return None
    return {
        "objective": objective,
        "text": text,
        "agency": agency,
        "due_on": due_on,
        "status": status,
    }


def _commitment_changes(current: Commitment, data: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if current.text != data["text"]:
        changes["text"] = data["text"]
    if current.agency_id != (data["agency"].pk if data["agency"] else None):
        changes["agency"] = data["agency"]
    if current.due_on != data["due_on"]:
        changes["due_on"] = data["due_on"]
    if current.status != data["status"]:
        changes["status"] = data["status"]
    return changes


def _commitment_steps(
    actor: Actor, plan: Plan, rows: list[tuple[int, dict[str, str]]], errors: list[TableError]
) -> list[_Step]:
    user = actor.user
    visible = objective_list(user, plan_id=plan.pk) if user else plan.objectives.all()
    objectives = {o.code: o for o in visible}
    nation = plan.owner
    agencies = {
        a.code.upper(): a
        for a in Organisation.objects.filter(
            kind=OrganisationKind.NATIONAL_AGENCY, parent_id=plan.owner_id
        )
    }
    commitments = (
        commitment_list(user, plan_id=plan.pk)
        if user
        else Commitment.objects.filter(objective__plan=plan)
    )
    existing: dict[int, list[Commitment]] = {}
    for commitment in commitments.order_by("position", "pk"):
        existing.setdefault(commitment.objective_id, []).append(commitment)

    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in rows:
        data = _parse_commitment(number, values, objectives, agencies, nation, errors)
        if data is None:
            continue
        key = (data["objective"].code, data["text"])
        if key in seen:
            errors.append(
                TableError(
                    number,
                    "text",
                    f"The same commitment of objective {key[0]} appears twice "
                    f"(first on row {seen[key]}).",
                )
            )
            continue
        seen[key] = number
        parsed.append((number, data))

    # Pair rows with existing commitments: identical text first, then the most similar.
    matched: dict[int, Commitment] = {}
    free: dict[int, list[Commitment]] = {k: list(v) for k, v in existing.items()}
    for number, data in parsed:
        pool = free.get(data["objective"].pk, [])
        same = next((c for c in pool if c.text == data["text"]), None)
        if same is not None:
            matched[number] = same
            pool.remove(same)
    scored = sorted(
        (
            (similarity(c.text, data["text"]), number, c.pk)
            for number, data in parsed
            if number not in matched
            for c in free.get(data["objective"].pk, [])
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    taken: set[int] = set()
    for ratio, number, pk in scored:
        if ratio < REWORDED_RATIO:
            break
        if number in matched or pk in taken:
            continue
        data = dict(parsed)[number]
        matched[number] = next(c for c in free[data["objective"].pk] if c.pk == pk)
        taken.add(pk)

    steps = []
    for number, data in parsed:
        code = str(data["objective"].code)
        current = matched.get(number)
        if current is None:
            steps.append(_Step(RowOutcome(number, "create", code, data["text"]), None, data))
            continue
        if not _can_change(actor, current):
            errors.append(TableError(number, "text", "You may not change this commitment."))
            continue
        changes = _commitment_changes(current, data)
        action = "update" if changes else "unchanged"
        outcome = RowOutcome(number, action, code, data["text"], tuple(sorted(changes)))
        steps.append(_Step(outcome, current, changes))
    return steps


def _column(error: ValidationError) -> list[tuple[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            (_FIELD_COLUMNS.get(name, ""), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [("", message) for message in error.messages]


def _apply(kind: str, step: _Step, actor: Actor) -> None:
    target = step.target
    if kind == "objectives":
        if target is None:
            services.objective_create(actor=actor, data=step.data)
        else:
            services.objective_update(
                target, actor=actor, expected_version=target.version, data=step.data
            )
    elif target is None:
        services.commitment_create(actor=actor, data=step.data)
    else:
        services.commitment_update(
            target, actor=actor, expected_version=target.version, data=step.data
        )


def plan_import(
    plan: Plan, *, actor: Actor, kind: str, content: bytes, filename: str, dry_run: bool = False
) -> ImportResult:
    """Import list `kind` ("objectives" or "commitments") into `plan`: all rows or none.

    With `dry_run` nothing is kept; the result says what each row would do. The change log
    names the actor with the source "import".
    """
    if kind not in LISTS:
        raise ValidationError({"list": "Choose objectives or commitments."})
    if actor.user is not None and not can(actor.user, Action.CHANGE, plan):
        raise Forbidden("You may view this plan but not change it.")
    result = ImportResult(kind=kind, dry_run=dry_run)
    required = OBJECTIVE_COLUMNS if kind == "objectives" else COMMITMENT_COLUMNS
    table = read_rows(content, filename, required)
    result.errors.extend(table.errors)
    if result.errors:
        return result
    build = _objective_steps if kind == "objectives" else _commitment_steps
    steps = build(actor, plan, table.rows, result.errors)
    result.rows = [step.outcome for step in steps]
    if result.errors:
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    importer = dataclasses.replace(actor, source=ChangeSource.IMPORT)
    with transaction.atomic():
        for step in steps:
            if step.outcome.action == "unchanged":
                continue
            try:
                with transaction.atomic():
                    _apply(kind, step, importer)
            except ValidationError as exc:
                for column, message in _column(exc):
                    result.errors.append(TableError(step.outcome.row, column, message))
            except (Forbidden, NotFound, VersionConflict) as exc:
                result.errors.append(TableError(step.outcome.row, "", str(exc)))
        if dry_run or result.errors:
            transaction.set_rollback(True)
        else:
            result.written = True
    return result
