"""`partnerdesk createuser`: create a user with a role and an organisation."""

from __future__ import annotations

import secrets
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from partnerdesk.accounts.services import user_create
from partnerdesk.core.actor import Actor
from partnerdesk.core.management.base import PartnerdeskCommand
from partnerdesk.core.roles import Role
from partnerdesk.organisations.models import Organisation


class Command(PartnerdeskCommand):
    help = "Create a user. Prints a generated password unless --password-stdin is given."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--organisation", required=True, metavar="CODE", help="e.g. AZE-MFA, NATO-IS"
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--all-nations", action="store_true", help="Alliance staff covering every nation."
        )
        parser.add_argument(
            "--assign",
            nargs="*",
            default=[],
            metavar="CODE",
            help="Nations assigned to alliance staff.",
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="Read the password from standard input."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                f"--organisation: no organisation with code {options['organisation']!r}."
            )
        assigned = list(Organisation.objects.filter(code__in=options["assign"]))
        missing = sorted(set(options["assign"]) - {o.code for o in assigned})
        if missing:
            raise CommandError(f"--assign: unknown codes {missing}.")
        generated = not options["password_stdin"]
        password = secrets.token_urlsafe(16) if generated else sys.stdin.readline().rstrip("\n")
        user = user_create(
            actor=Actor(user=None, source="cli"),
            username=options["username"],
            password=password,
            role=options["role"],
            organisation=organisation,
            email=options["email"],
            all_nations=options["all_nations"],
            assigned_nations=assigned,
        )
        self.stdout.write(f"created {user.username} ({user.role}, {organisation.code})")
        if generated:
            self.stdout.write(f"password: {password}")
