"""The whole PRIME-style path of an event in a real Chromium against a real server.

Alliance staff create an event of capacity one, propose and approve it, invite Azerbaijan,
send the invitations and open registration. Azerbaijan's coordinator nominates two
participants — the second is waitlisted — then cancels the first and sees the second promoted.
Staff approve, close registration, mark the event held and check the participant in; the
coordinator leaves feedback, which the organiser then sees on the event page.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_flow import field, shot, sign_in

pytestmark = pytest.mark.browser


def _new_page(browser: Any, server: Any, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, server, username)
    return page


def _move(page: Any, label: str, state: str) -> None:
    """Press a life-cycle button on the event page and wait for the new state."""
    page.locator("#state").get_by_role("button", name=label, exact=True).click()
    expect(page.locator("#state .pill")).to_have_text(state)


def _row(page: Any, person: str) -> Any:
    return page.locator("tr", has=page.get_by_role("link", name=person, exact=True))


def test_propose_approve_invite_register_waitlist_promote_check_in_feedback(
    browser: Any, server: Any
) -> None:
    token = secrets.token_hex(3)
    title = f"Browser path course {token}"
    first, second = f"Participant A {token}", f"Participant B {token}"
    today = dt.datetime.now(dt.UTC).date().isoformat()  # the server runs on UTC

    staff = _new_page(browser, server, "nato.staff")
    staff.goto(server.url("/events/new/"))
    field(staff, "Organiser").select_option(label="NATO International Staff")
    field(staff, "Title").fill(title)
    field(staff, "Area").select_option(label="Cyber defence")
    field(staff, "Format").select_option(label="Course")
    field(staff, "Host").select_option(label="NATO School Oberammergau")
    field(staff, "Location").fill("Oberammergau")
    field(staff, "Start date").fill(today)
    field(staff, "End date").fill(today)
    field(staff, "Capacity").fill("1")
    field(staff, "Marking").select_option(value="BILATERAL")
    staff.get_by_role("button", name="Save").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(title)
    event_url = staff.url
    expect(staff.locator("#state .pill")).to_have_text("Draft")

    _move(staff, "Propose", "Proposed")
    _move(staff, "Approve", "Approved")
    staff.get_by_role("link", name="Invite nations").click()
    field(staff, "Nations to invite").select_option(label="Azerbaijan")
    staff.get_by_role("button", name="Save").click()
    expect(staff.locator("#invitations")).to_contain_text("Azerbaijan")
    _move(staff, "Send invitations", "Invitations sent")
    _move(staff, "Open registration", "Registration open")
    shot(staff, server, "event-01-registration-open")

    aze = _new_page(browser, server, "aze.coordinator")
    for person in (first, second):
        aze.goto(event_url)
        aze.get_by_role("link", name="Nominate a participant").click()
        field(aze, "Person name").fill(person)
        field(aze, "Category").select_option(label="Military")
        field(aze, "Organisation (if not listed)").fill("Ministry of Defence")
        aze.get_by_role("button", name="Save").click()
    aze.goto(event_url)
    panel = aze.locator("section", has=aze.get_by_role("heading", name="Participants"))
    expect(panel).to_contain_text("1 of 1 held · 1 on the waitlist")
    expect(_row(aze, first)).to_contain_text("Awaiting the organiser")
    expect(_row(aze, second)).to_contain_text("Waitlisted")
    shot(aze, server, "event-02-waitlist")

    _row(aze, first).get_by_role("button", name="Cancel").click()
    aze.goto(event_url)
    expect(_row(aze, first)).to_contain_text("Cancelled")
    expect(_row(aze, second)).to_contain_text("Awaiting the organiser")
    expect(panel).to_contain_text("1 of 1 held")
    shot(aze, server, "event-03-promoted")

    staff.goto(event_url)
    _row(staff, second).get_by_role("button", name="Approve").click()
    staff.goto(event_url)
    expect(_row(staff, second)).to_contain_text("Approved")
    _move(staff, "Close registration", "Registration closed")
    _move(staff, "Mark held", "Held")
    _row(staff, second).get_by_role("button", name="Attended").click()
    staff.goto(event_url)
    expect(_row(staff, second).locator("td").nth(4)).to_have_text("Yes")

    aze.goto(event_url)
    _row(aze, second).get_by_role("link", name="Give feedback").click()
    field(aze, "Overall").select_option("5")
    field(aze, "Relevance").select_option("4")
    field(aze, "Comments").fill("Useful hands-on labs.")
    aze.get_by_role("button", name="Save").click()
    aze.goto(event_url)
    expect(_row(aze, second)).to_contain_text("5/5 · 4/5")

    staff.goto(event_url)
    expect(staff.locator("body")).to_contain_text(
        re.compile(r"feedback you may read: 1, overall 5(\.0)?/5, relevance 4(\.0)?/5")
    )
    shot(staff, server, "event-04-feedback")
