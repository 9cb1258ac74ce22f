"""Loading the reference data (organisations, memberships, sources) from the project's files.

Loading is idempotent: rows are matched by their natural keys (organisation code, source key,
membership organisation+framework+start); unchanged rows are not written and changed rows are
updated through the audited generic services.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from partnerdesk.core.actor import Actor
from partnerdesk.core.services import record_create, record_update
from partnerdesk.organisations.models import Membership, Organisation
from partnerdesk.sources.models import Source

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    """How many rows a load created, updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One-line summary."""
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _upsert(
    model: type[Any],
    lookup: dict[str, Any],
    values: dict[str, Any],
    m2m: dict[str, list[int]] | None,
    actor: Actor,
    report: LoadReport,
) -> Any:
    existing = model.objects.filter(**lookup).first()
    if existing is None:
        report.created += 1
        return record_create(model, actor=actor, values=lookup | values, m2m=m2m)
    before_version = existing.version
    updated = record_update(
        existing, actor=actor, expected_version=existing.version, values=values, m2m=m2m
    )
    if updated.version != before_version:
        report.updated += 1
    else:
        report.unchanged += 1
    return updated


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(f"{where}: {value!r} is not a date (YYYY-MM-DD).") from exc


def reference_load(*, actor: Actor, data_dir: Path = DATA_DIR) -> LoadReport:
    """Load sources.json and organisations.json in one transaction; all or nothing."""
    report = LoadReport()
    try:
        sources_data = json.loads((data_dir / "sources.json").read_text(encoding="utf-8"))
        orgs_data = json.loads((data_dir / "organisations.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValidationError(f"Reference data could not be read: {exc}") from exc
    with transaction.atomic():
        source_ids: dict[str, int] = {}
        for _index, row in enumerate(sources_data, start=1):
            values = {k: row.get(k, "") for k in ("url", "title", "publisher")}
            values["confidence"] = row.get("confidence", "VERIFIED")
            source = _upsert(Source, {"key": row["key"]}, values, None, actor, report)
            source_ids[row["key"]] = source.pk
        orgs: dict[str, Organisation] = {}
        # Parents first: states and bodies have none, national agencies name their state.
        for row in sorted(orgs_data, key=lambda r: bool(r.get("parent"))):
            parent = None
            if row.get("parent"):
                parent = orgs.get(row["parent"])
                if parent is None:
                    raise ValidationError(
                        f"Organisation {row['code']}: unknown parent {row['parent']!r}."
                    )
            values = {
                "name": row["name"],
                "kind": row["kind"],
                "parent": parent,
                "aliases": row.get("aliases", []),
            }
            orgs[row["code"]] = _upsert(
                Organisation, {"code": row["code"]}, values, None, actor, report
            )
        for row in orgs_data:
            for number, membership in enumerate(row.get("memberships", []), start=1):
                where = f"organisations.json {row['code']} membership {number}"
                missing = [key for key in membership.get("sources", []) if key not in source_ids]
                if missing:
                    raise ValidationError(f"{where}: unknown source keys {missing}.")
                _upsert(
                    Membership,
                    {
                        "organisation": orgs[row["code"]],
                        "framework": membership["framework"],
                        "start": _date(membership["start"], where),
                    },
                    {
                        "end": _date(membership.get("end"), where),
                        "status": membership.get("status", "ACTIVE"),
                        "note": membership.get("note", ""),
                    },
                    {"sources": sorted(source_ids[key] for key in membership.get("sources", []))},
                    actor,
                    report,
                )
    return report
