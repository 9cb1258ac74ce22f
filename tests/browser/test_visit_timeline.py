"""Political dialogue on the timeline, in a real Chromium against a real server.

Azerbaijan's coordinator records a visit dated only to its month, adds a follow-up taken in
it, and finds both on the nation's timeline — the visit shown as "May 2026", never as 1 May.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_flow import field, shot, sign_in

pytestmark = pytest.mark.browser


def test_record_a_visit_add_a_follow_up_and_find_both_on_the_timeline(
    page: Any, server: Any
) -> None:
    token = secrets.token_hex(3)
    title = f"Special Representative in Baku {token}"
    follow_up = f"Send the updated IPAP draft {token}"

    sign_in(page, server, "aze.coordinator")
    page.goto(server.url("/dialogue/meetings/new/"))
    field(page, "Partner nation").select_option(label="Azerbaijan")
    field(page, "Title").fill(title)
    field(page, "Date").fill("2026-05-19")
    field(page, "Date precision").select_option(value="MONTH")
    field(page, "Place").fill("Baku")
    field(page, "Format").select_option(label="Visit of the SG's Special Representative")
    field(page, "Direction").select_option(label="To the partner capital")
    field(page, "Marking").select_option(value="BILATERAL")
    field(page, "Status").select_option(label="Held")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.locator("main")).to_contain_text("May 2026")
    expect(page.locator("main")).not_to_contain_text("1 May 2026")

    page.get_by_role("link", name="Add a follow-up").click()
    field(page, "Follow-up").fill(follow_up)
    field(page, "Responsible side").select_option(label="Partner")
    field(page, "Due date").fill("2026-12-15")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text(follow_up)

    page.goto(server.url("/timeline/?year=2026"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline of Azerbaijan, 2026")
    visit = page.locator("li", has=page.get_by_role("link", name=f"{title} — Visit", exact=False))
    expect(visit).to_contain_text("May 2026")
    expect(visit).to_contain_text("visit")
    due = page.locator("li", has_text=follow_up)
    expect(due).to_contain_text("15 Dec 2026")
    expect(due).to_contain_text("follow-up due")
    shot(page, server, "timeline-2026")
