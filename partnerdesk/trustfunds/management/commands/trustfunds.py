"""`partnerdesk trustfunds`: trust-fund projects, their phases, money and life cycle, as a
named user (the same serializers and services as the API).

partnerdesk trustfunds list [--status S] [--nation CODE] --as USER [--json]
partnerdesk trustfunds show ID --as USER
partnerdesk trustfunds add --set nation=AZE --set title=… --set theme=DEMINING … --as USER
partnerdesk trustfunds update ID --expected-version N --set summary=… --as USER
partnerdesk trustfunds transition ID --expected-version N --to SCOPING --as USER
partnerdesk trustfunds phase-add --set project=ID --set number=2 --set budget=440000.00 …
partnerdesk trustfunds contribution-add --set phase=ID --set donor=TUR --set amount=50000 …
partnerdesk trustfunds agreement-add --set project=ID --set kind=MOU --set signed_on=2003-04-02 …
partnerdesk trustfunds kpi-add --set phase=ID --set metric=ITEMS_DESTROYED --set value=155623 …
partnerdesk trustfunds totals [--project ID] [--nation CODE] [--to EUR --rate USD:0.92] …

Fields with several values (lead_nations, parties, sources) take commas: --set parties=AZE,NSPA.
Amounts are exact decimals (no float): --set amount=131000.00.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.http import QueryDict

from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.organisations.selectors import organisation_list
from partnerdesk.trustfunds import selectors, services
from partnerdesk.trustfunds.choices import ProjectStatus
from partnerdesk.trustfunds.serializers import (
    TrustFundAgreementInputSerializer,
    TrustFundAgreementSerializer,
    TrustFundContributionInputSerializer,
    TrustFundContributionSerializer,
    TrustFundKpiInputSerializer,
    TrustFundKpiSerializer,
    TrustFundPhaseInputSerializer,
    TrustFundPhaseSerializer,
    TrustFundProjectInputSerializer,
    TrustFundProjectSerializer,
    conversion_request,
    totals_data,
)

MANY = {"lead_nations", "parties", "sources"}
ADDERS: dict[str, tuple[Any, Any, Any]] = {
    "add": (TrustFundProjectInputSerializer, TrustFundProjectSerializer, services.project_create),
    "phase-add": (TrustFundPhaseInputSerializer, TrustFundPhaseSerializer, services.phase_create),
    "contribution-add": (
        TrustFundContributionInputSerializer,
        TrustFundContributionSerializer,
        services.contribution_create,
    ),
    "agreement-add": (
        TrustFundAgreementInputSerializer,
        TrustFundAgreementSerializer,
        services.agreement_create,
    ),
    "kpi-add": (TrustFundKpiInputSerializer, TrustFundKpiSerializer, services.kpi_create),
}
OPERATIONS = ("list", "show", "update", "transition", "totals", *ADDERS)


def _fields(pairs: list[str] | None) -> dict[str, Any]:
    """--set NAME=VALUE pairs as serializer input (commas split the many-valued fields)."""
    data: dict[str, Any] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CommandError(f"--set needs NAME=VALUE, not {pair!r}")
        if name in MANY:
            data[name] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            data[name] = value
    return data


def _valid(serializer: Any) -> dict[str, Any]:
    if not serializer.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in serializer.errors.items()})
    return dict(serializer.validated_data)


class Command(PartnerdeskCommand):
    help = (
        "Trust funds: list | show ID | add | update ID | transition ID --to S | phase-add | "
        "contribution-add | agreement-add | kpi-add | totals [--project ID] [--to EUR --rate …]"
    )
    acts_as_user = True

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("operation", choices=OPERATIONS)
        parser.add_argument("id", nargs="?", type=int, help="Project id (show, update, …).")
        parser.add_argument(
            "--set",
            dest="fields",
            action="append",
            metavar="NAME=VALUE",
            help="A field to set (repeat); e.g. --set theme=DEMINING --set budget=440000.00.",
        )
        parser.add_argument(
            "--expected-version",
            type=int,
            help="The version you read (update, transition); a newer stored one is refused.",
        )
        parser.add_argument("--to", help="transition: target status; totals: currency.")
        parser.add_argument(
            "--rate",
            action="append",
            help="totals: explicit rate, e.g. USD:0.92 (1 USD = 0.92 of --to); repeat.",
        )
        parser.add_argument("--project", type=int, help="totals: one project only.")
        parser.add_argument("--nation", help="list, totals: a nation code.")
        parser.add_argument(
            "--status", choices=list(ProjectStatus.values), help="list: one status."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self.actor(options)
        user = actor.user
        context = {"user": user}
        operation = options["operation"]
        if operation == "list":
            projects = selectors.project_list(user, nation_id=self._nation(user, options))
            if options["status"]:
                projects = projects.filter(status=options["status"])
            rows = [
                dict(r)
                for r in TrustFundProjectSerializer(projects, many=True, context=context).data
            ]
            columns = ["id", "nation", "title", "theme", "status", "requested", "phase_count"]
            self.emit(rows, columns, options)
        elif operation == "show":
            project = selectors.project_get(user, self._id(options))
            data = dict(TrustFundProjectSerializer(project, context=context).data)
            data["phases"] = [
                dict(TrustFundPhaseSerializer(phase, context=context).data)
                | {
                    "contributions": TrustFundContributionSerializer(
                        phase.contributions.all(), many=True, context=context
                    ).data,
                    "kpis": TrustFundKpiSerializer(
                        phase.kpis.all(), many=True, context=context
                    ).data,
                }
                for phase in project.phases.all()
            ]
            data["agreements"] = TrustFundAgreementSerializer(
                project.agreements.all(), many=True, context=context
            ).data
            self._print(data)
        elif operation == "update":
            project = selectors.project_get_for_change(user, self._id(options))
            data = _valid(
                TrustFundProjectInputSerializer(
                    project, data=_fields(options["fields"]), partial=True, context=context
                )
            )
            saved = services.project_update(
                project, actor=actor, expected_version=self._version(options), data=data
            )
            self.stdout.write(f"updated project {saved.pk}: {saved} (version {saved.version})")
        elif operation == "transition":
            project = selectors.project_get_for_change(user, self._id(options))
            if not options["to"]:
                raise CommandError("transition needs --to STATUS")
            moved = services.project_transition(
                project,
                actor=actor,
                expected_version=self._version(options),
                target=options["to"].upper(),
            )
            self.stdout.write(
                f"project {moved.pk}: {moved.get_status_display()} (version {moved.version})"
            )
        elif operation == "totals":
            self._totals(options, user)
        else:
            self._add(operation, options, actor, context)

    def _id(self, options: dict[str, Any]) -> int:
        if options["id"] is None:
            raise CommandError(f"{options['operation']} needs the project ID")
        return int(options["id"])

    def _version(self, options: dict[str, Any]) -> int:
        if options["expected_version"] is None:
            raise CommandError("--expected-version N is needed: the version you read (see show)")
        return int(options["expected_version"])

    def _nation(self, user: Any, options: dict[str, Any]) -> int | None:
        code = options["nation"]
        if not code:
            return None
        nation = organisation_list(user).filter(code__iexact=code).first()
        if nation is None:
            raise CommandError(f"--nation: no organisation with code {code!r}")
        return int(nation.pk)

    def _print(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, indent=2, default=str, ensure_ascii=False))

    def _totals(self, options: dict[str, Any], user: Any) -> None:
        project_id = options["project"]
        if project_id is not None:
            project_id = selectors.project_get(user, project_id).pk
        totals = selectors.money_totals(
            user, project_id=project_id, nation_id=self._nation(user, options)
        )
        query = QueryDict(mutable=True)
        if options["to"]:
            query["to"] = options["to"]
        query.setlist("rate", options["rate"] or [])
        target, rates, conversions = conversion_request(query, totals)
        data = totals_data(totals, conversions=conversions, target=target, rates=rates)
        if options["json"]:
            self._print(data)
            return
        total = data["total"]
        rows = [
            {
                "currency": currency,
                "budget": total["budget"].get(currency, ""),
                "contributed": total["contributed"].get(currency, ""),
                "pledged": total["pledged"].get(currency, ""),
                "paid": total["paid"].get(currency, ""),
                "remaining": total["remaining"].get(currency, ""),
            }
            for currency in sorted(set(total["budget"]) | set(total["contributed"]))
        ]
        columns = ["currency", "budget", "contributed", "pledged", "paid", "remaining"]
        self.emit(rows, columns, options)
        if total["undisclosed"]:
            self.stdout.write(f"{total['undisclosed']} contribution(s) without a stated amount")
        conversion = data["conversion"]
        if conversion:
            used = ", ".join(f"1 {c} = {r} {target}" for c, r in conversion["rates"].items())
            self.stdout.write(
                f"in {target} at {used or 'no other currency'}: budget "
                f"{conversion['budget']['total']}, contributed {conversion['contributed']['total']}"
            )

    def _add(self, operation: str, options: dict[str, Any], actor: Any, context: Any) -> None:
        input_class, output_class, service = ADDERS[operation]
        data = _valid(input_class(data=_fields(options["fields"]), context=context))
        saved = service(actor=actor, data=data)
        if options["json"]:
            self._print(dict(output_class(saved, context=context).data))
            return
        self.stdout.write(f"created {saved._meta.verbose_name} {saved.pk}: {saved}")
