"""Account commands and the `partnerdesk` entry point."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from partnerdesk.accounts.models import ApiToken, User
from partnerdesk.cli import COMMANDS, main
from partnerdesk.core.models import ChangeRecord

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def test_token_prints_a_working_key(world: Any) -> None:
    key = run("token", "aze_viewer").strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").json()["username"] == "aze_viewer"
    assert run("revoketoken", "aze_viewer", key[:10]) == "revoked 1 token(s)\n"
    assert client.get("/api/v1/me/").status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_createuser_validates_and_audits(world: Any) -> None:
    out = run("createuser", "geo.staffer", "--role", "PARTNER_VIEWER", "--organisation", "GEO")
    assert out.startswith("created geo.staffer (PARTNER_VIEWER, GEO)\npassword: ")
    user = User.objects.get(username="geo.staffer")
    assert user.check_password(out.split("password: ")[1].strip())
    assert ChangeRecord.objects.get(content_type__model="user").admin_only is True
    with pytest.raises(
        CommandError, match=r"organisation: Alliance roles need a NATO body or agency\."
    ):
        run("createuser", "x.staff", "--role", "ALLIANCE_STAFF", "--organisation", "GEO")
    with pytest.raises(CommandError, match="--organisation: no organisation with code 'NOPE'"):
        run("createuser", "y", "--role", "ANALYST", "--organisation", "NOPE")
    assert not User.objects.filter(username__in=["x.staff", "y"]).exists()


def test_deactivateuser(world: Any) -> None:
    assert run("deactivateuser", "aze_viewer") == "aze_viewer is now deactivated\n"
    assert User.objects.get(username="aze_viewer").is_active is False


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    text = capsys.readouterr().out
    for name in COMMANDS:
        assert f"  {name} " in text
    from django.core.management import get_commands

    for name, text_ in COMMANDS.items():
        assert name in get_commands(), name
        assert text_


def test_administrator_creates_and_deactivates_accounts_on_the_web(world: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(world.users["admin"])
    response = client.post(
        "/accounts/users/new/",
        {"username": "geo.analyst2", "role": "PARTNER_VIEWER", "organisation": world.geo.pk},
    )
    assert response.status_code == 200
    created = User.objects.get(username="geo.analyst2")
    password = response.content.decode().split('<code class="key">')[1].split("</code>")[0]
    assert created.check_password(password)
    bad = client.post(
        "/accounts/users/new/",
        {"username": "nato.x", "role": "ALLIANCE_STAFF", "organisation": world.geo.pk},
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "organisation": ["Alliance roles need a NATO body or agency."]
    }
    assert client.post(f"/accounts/users/{created.pk}/active/", {"active": "0"}).status_code == 302
    created.refresh_from_db()
    assert created.is_active is False
    records = ChangeRecord.objects.filter(content_type__model="user", object_id=str(created.pk))
    assert list(records.order_by("pk").values_list("action", "source")) == [
        ("CREATE", "web"),
        ("UPDATE", "web"),
    ]
    other = Client()
    other.force_login(world.users["staff_all"])
    assert other.post(f"/accounts/users/{created.pk}/active/", {"active": "1"}).status_code == 403
