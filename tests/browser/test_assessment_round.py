"""A dual assessment round in a real Chromium: blind until both sides submit, then revealed.

A fresh plan of Azerbaijan (fixture data written in the server's database) gets a round
opened through the API by aze.coordinator. aze.assessor rates and submits in the browser;
nato.assessor saves a draft, which aze.assessor cannot see, then submits; after that both
see both sides, the divergence list names the objective rated two levels apart and the
heat map is on the page.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import BIN, REPO

pytestmark = pytest.mark.browser

NATIONAL = "aze.assessor"
ALLIANCE = "nato.assessor"

FIXTURE = """
import datetime as dt, json
from partnerdesk.organisations.models import Organisation
from partnerdesk.plans.models import Chapter, Objective, Plan
aze = Organisation.objects.get(code="AZE")
plan = Plan.objects.create(owner=aze, marking="BILATERAL", plan_type="IPAP",
    title="Browser IPAP {token}", period_start=dt.date(2015, 1, 1), period_end=dt.date(2016, 12, 31))
chapter = Chapter.objects.create(owner=aze, marking="BILATERAL", plan=plan, code="1",
    title="Political and security issues", position=1)
codes = []
for i in range(1, 4):
    code = "B{token}." + str(i)
    Objective.objects.create(owner=aze, marking="BILATERAL", plan=plan, chapter=chapter,
        code=code, text="Browser objective " + str(i), position=i)
    codes.append(code)
print(json.dumps({{"plan": plan.pk, "codes": codes}}))
"""


def _run(server: Any, *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=REPO,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip()


def _token(server: Any, username: str) -> str:
    done = subprocess.run(
        [str(BIN / "partnerdesk"), "token", username],
        cwd=REPO,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.stdout.strip().splitlines()[-1]


def _api_post(server: Any, token: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        server.url(path),
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="POST",
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        return dict(json.loads(response.read()))


def sign_in(page: Any, server: Any, username: str) -> None:
    page.goto(server.url("/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(server.passwords[username])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def rate(page: Any, codes: list[str], levels: list[int], words: str) -> None:
    for code, level in zip(codes, levels, strict=True):
        page.get_by_label(f"Level for {code}").select_option(value=str(level))
        page.get_by_label(f"Rationale for {code}").fill(f"{words} {code}")


@pytest.fixture
def fresh_round(server: Any) -> dict[str, Any]:
    token = secrets.token_hex(3)
    made = json.loads(_run(server, "shell", "-c", FIXTURE.format(token=token)).splitlines()[-1])
    coordinator = _token(server, "aze.coordinator")
    created = _api_post(
        server,
        coordinator,
        "/api/v1/assessment-rounds/",
        {"plan": made["plan"], "year": 2016, "opens_on": "2016-01-15", "deadline": "2099-01-31"},
    )
    return {"id": created["id"], "codes": made["codes"]}


def test_both_sides_rate_blind_then_see_each_other(
    server: Any, browser: Any, fresh_round: dict[str, Any]
) -> None:
    url = server.url(f"/assessments/{fresh_round['id']}/")
    codes = fresh_round["codes"]
    contexts = [
        browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        for _ in range(2)
    ]
    try:
        national, alliance = (context.new_page() for context in contexts)
        for context in contexts:
            context.set_default_timeout(10_000)

        sign_in(national, server, NATIONAL)
        national.goto(url)
        expect(national.locator("#national-status")).to_have_text("Not submitted yet")
        rate(national, codes, [4, 3, 2], "National view of")
        national.get_by_role("button", name="Submit national experts ratings").click()
        expect(national.locator(".msg")).to_contain_text("Submitted the national ratings")
        expect(national.locator("#national-status")).to_contain_text("Submitted")

        sign_in(alliance, server, ALLIANCE)
        alliance.goto(url)
        expect(alliance.locator("#national-status")).to_contain_text("Submitted")
        expect(alliance.locator("body")).not_to_contain_text("National view of")
        rate(alliance, codes, [4, 1, 2], "Alliance view of")
        alliance.get_by_role("button", name="Save draft").click()
        expect(alliance.locator(".msg")).to_contain_text("Saved the alliance draft")

        national.reload()
        expect(national.locator("#alliance-status")).to_have_text("Not submitted yet")
        expect(national.locator("body")).not_to_contain_text("Alliance view of")
        expect(national.locator("#comparison")).to_have_count(0)
        national.screenshot(path=str(server.shots / "assessment-blind.png"), full_page=True)

        alliance.get_by_role("button", name="Submit alliance experts ratings").click()
        expect(alliance.locator(".msg")).to_contain_text("Submitted the alliance ratings")

        for page in (alliance, national):
            page.goto(url)
            comparison = page.locator("#comparison")
            expect(comparison).to_contain_text(f"National view of {codes[1]}")
            expect(comparison).to_contain_text(f"Alliance view of {codes[1]}")
            divergences = page.locator("#divergences li")
            expect(divergences).to_have_count(1)
            expect(divergences.first).to_contain_text(f"{codes[1]} — national 3, alliance 1")
            expect(page.locator("#analytics")).to_contain_text("Exact agreement")
            expect(page.locator("svg.chart-heatmap")).to_have_count(1)
            expect(page.locator("svg.chart-trend")).to_have_count(1)
        national.screenshot(path=str(server.shots / "assessment-revealed.png"), full_page=True)
    finally:
        for context in contexts:
            context.close()
