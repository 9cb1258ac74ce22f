"""Evidence in a real Chromium against a real server: upload an article, review two facts,
open the created records and see the quote highlighted as their evidence."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_flow import field, shot, sign_in

pytestmark = pytest.mark.browser

VISIT = "NATO Deputy Secretary General Alexander Vershbow visited Baku in May"


def _article(token: str) -> str:
    return (
        f"Partnership news {token}\n"
        "30 June 2016\n"
        f"{VISIT} and met President Ilham Aliyev. Azerbaijan has 94 servicemen in the "
        "Resolute Support Mission in Afghanistan. The country implemented its IPAP for "
        "2019-2020 and works on 27 of 41 Partnership Goals.\n"
    )


def _accept(page: Any, row_text: str) -> None:
    row = page.locator("#facts tbody tr", has_text=row_text).first
    row.get_by_role("button", name=re.compile(r"^Accept fact")).click()
    expect(page.locator(".messages")).to_contain_text(re.compile(r"(Created|Linked) “"))


def test_upload_review_two_facts_and_see_the_evidence(browser: Any, server: Any) -> None:
    token = secrets.token_hex(3)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, server, "aze.coordinator")

    page.goto(server.url("/evidence/upload/"))
    field(page, "Or paste the text").fill(_article(token))
    field(page, "Nation the document is about").select_option(label="Azerbaijan")
    shot(page, server, "evidence-00-upload")
    page.get_by_role("button", name="Store and extract").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Partnership news {token}")
    expect(page.locator("#document-text mark").first).to_have_text(VISIT)
    shot(page, server, "evidence-01-review-page")

    _accept(page, VISIT)
    _accept(page, "IPAP 2019–2020")
    shot(page, server, "evidence-02-reviewed")

    plan_row = page.locator("#facts tbody tr", has_text="IPAP 2019–2020").first
    plan_row.get_by_role("link", name=re.compile("IPAP")).last.click()
    evidence = page.locator("#evidence")
    expect(evidence.locator("mark")).to_have_text("2019-2020")
    expect(evidence).to_contain_text(f"Partnership news {token}")
    shot(page, server, "evidence-03-plan-with-evidence")

    page.go_back()
    visit_row = page.locator("#facts tbody tr", has_text=VISIT).first
    visit_row.get_by_role("link", name=re.compile("Vershbow")).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alexander Vershbow")
    expect(page.locator("body")).to_contain_text(f"Partnership news {token}")  # the cited source
    shot(page, server, "evidence-04-meeting")

    # The evidence link goes back to the document, at the quote.
    page.go_back()
    page.locator("#facts tbody tr", has_text="IPAP 2019–2020").first.get_by_role(
        "link", name=re.compile("IPAP")
    ).last.click()
    page.locator("#evidence").get_by_role("link", name=f"Partnership news {token}").click()
    expect(page).to_have_url(re.compile(r"/evidence/\d+/#q-\d+$"))

    # Search finds it, with the match marked in the snippet.
    page.goto(server.url(f"/evidence/search/?q=Vershbow+{token}"))
    expect(page.locator(".timeline-list mark").first).to_be_visible()
    expect(page.locator(".timeline-list")).to_contain_text(f"Partnership news {token}")
    shot(page, server, "evidence-05-search")
    page.goto(server.url("/evidence/"))
    shot(page, server, "evidence-06-list")
    context.close()
