"""End-to-end flows in a real Chromium against a real `partnerdesk serve`.

What a partner coordinator does with an entry document: sign in, create, see it listed, edit,
read its history; the form refuses a future date; another nation never sees a BILATERAL
record; the sign-in form works from the keyboard alone. Screenshots go to the server's
temporary directory (`<tmp>/shots/`), never into the repository.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COORDINATOR = "aze.coordinator"
OTHER_NATION_VIEWER = "geo.viewer"
IPP = "Individual Partnership Programme"
BILATERAL = "Bilateral (owning nation and alliance staff)"
SIGNED_ON = "2004-05-10"
COUNT_RE = re.compile(r"(\d+) in all")


def shot(page: Any, server: Any, name: str) -> None:
    """Keep a full-page screenshot of a key page for a human to look at."""
    page.screenshot(path=str(server.shots / f"{name}.png"), full_page=True)


def sign_in(page: Any, server: Any, username: str) -> None:
    page.goto(server.url("/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(server.passwords[username])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def list_count(page: Any) -> int:
    """The total under a list ("N in all")."""
    text = page.locator(".count, .pagination").first.inner_text()
    match = COUNT_RE.search(text)
    assert match, f"no count on the page: {text!r}"
    return int(match.group(1))


def field(page: Any, label: str) -> Any:
    """The form control labelled exactly `label` (a required field's label ends in "*")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))


def fill_entry_document(page: Any, title: str) -> None:
    field(page, "Nation").select_option(label="Azerbaijan")
    field(page, "Document type").select_option(label=IPP)
    field(page, "Edition").fill("3")
    field(page, "Title").fill(title)
    field(page, "Marking").select_option(label=BILATERAL)
    field(page, "Signed on").fill(SIGNED_ON)


@pytest.fixture(scope="module")
def created(server: Any, browser: Any) -> dict[str, str]:
    """A BILATERAL entry document that aze.coordinator creates through the form."""
    token = secrets.token_hex(4)
    title = f"Browser test IPP {token}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        sign_in(page, server, COORDINATOR)
        page.goto(server.url("/entry-documents/"))
        expect(page.get_by_role("heading", level=1)).to_have_text("PfP entry documents")
        shot(page, server, "03-list")
        page.get_by_role("link", name="New entry document").click()
        expect(page).to_have_url(server.url("/entry-documents/new/"))
        fill_entry_document(page, title)
        shot(page, server, "04-new-form")
        page.get_by_role("button", name="Save").click()
        # Landed on the new record's detail page.
        expect(page).to_have_url(re.compile(r"/entry-documents/\d+/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.locator(".page-head .marking")).to_have_text("BILATERAL")
        expect(page.locator(".msg-success")).to_have_text(f"Saved “{title}” (version 1).")
        shot(page, server, "05-detail")
        return {"url": page.url, "title": title, "token": token}
    finally:
        context.close()


def test_sign_in_with_the_keyboard_only(server: Any, page: Any) -> None:
    page.goto(server.url("/accounts/login/"))
    expect(page.get_by_label("Username")).to_be_focused()  # autofocus
    # The focused field shows a visible focus ring (WCAG 2.4.7).
    outline = page.get_by_label("Username").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.type(COORDINATOR)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(server.passwords[COORDINATOR])
    page.keyboard.press("Enter")
    expect(page).to_have_url(server.url("/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    shot(page, server, "01-home-aze-coordinator")


def test_wrong_password_is_refused(server: Any, page: Any) -> None:
    page.goto(server.url("/accounts/login/"))
    page.get_by_label("Username").fill(COORDINATOR)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(
        "The username or password is not correct, or the account is deactivated."
    )
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    shot(page, server, "02-login-refused")


def test_create_edit_and_history(server: Any, page: Any, created: dict[str, str]) -> None:
    title, token, detail_url = created["title"], created["token"], created["url"]
    new_title = f"{title} (revised)"
    sign_in(page, server, COORDINATOR)

    # The detail page, as its owner sees it.
    page.goto(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".page-head .marking")).to_have_text("BILATERAL")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Azerbaijan")
    expect(facts).to_contain_text(f"{IPP} (edition 3)")
    expect(facts).to_contain_text("10 May 2004")

    # Listed (filtered by its unique title so the page size never matters).
    page.get_by_role("link", name="PfP entry documents").click()
    page.get_by_label("Title contains").fill(token)
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell")).to_have_text(
        ["Azerbaijan", f"{IPP} #3", title, "10 May 2004", "—", "BILATERAL"]
    )
    assert list_count(page) == 1

    # Edit the title.
    row.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(field(page, "Title")).to_have_value(title)
    field(page, "Title").fill(new_title)
    shot(page, server, "06-edit-form")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(new_title)
    expect(page.locator(".msg-success")).to_have_text(f"Saved “{new_title}” (version 2).")

    # The full history: one creation and one update, both by the coordinator via the web.
    page.get_by_role("link", name="Full history →").click()
    expect(page).to_have_url(detail_url + "history/")
    rows = page.locator("table.changes tbody tr")
    expect(rows).to_have_count(2)
    updated, created_row = rows.nth(0), rows.nth(1)  # newest first
    # Columns: When, Who, Via, What, Changes.
    expect(updated.locator("td").nth(1)).to_have_text(COORDINATOR)
    expect(updated.locator("td").nth(2)).to_have_text("Web")
    expect(updated.locator("td").nth(3)).to_have_text("Updated")
    expect(updated.locator("td").nth(4)).to_have_text(f"title: {title} → {new_title}")
    expect(updated.locator("td").nth(4).locator("del")).to_have_text(title)
    expect(updated.locator("td").nth(4).locator("ins")).to_have_text(new_title)
    expect(created_row.locator("td").nth(1)).to_have_text(COORDINATOR)
    expect(created_row.locator("td").nth(2)).to_have_text("Web")
    expect(created_row.locator("td").nth(3)).to_have_text("Created")
    shot(page, server, "07-history")


def test_future_approval_date_is_refused(server: Any, page: Any) -> None:
    sign_in(page, server, COORDINATOR)
    page.goto(server.url("/entry-documents/"))
    before = list_count(page)
    page.get_by_role("link", name="New entry document").click()
    title = f"Browser test future {secrets.token_hex(4)}"
    fill_entry_document(page, title)
    future = dt.datetime.now(tz=dt.UTC).date() + dt.timedelta(days=400)
    field(page, "Approved on").fill(future.isoformat())
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(server.url("/entry-documents/new/"))
    approved_on = field(page, "Approved on")
    expect(page.locator("#id_approved_on_error")).to_have_text("This date is in the future.")
    # The error is tied to its input for assistive technology.
    expect(approved_on).to_have_attribute("aria-invalid", "true")
    expect(approved_on).to_have_accessible_description("This date is in the future.")
    expect(page.locator(".field.has-error")).to_have_count(1)
    expect(field(page, "Title")).to_have_value(title)  # input kept
    shot(page, server, "08-validation-error")

    page.goto(server.url("/entry-documents/"))
    assert list_count(page) == before
    page.goto(server.url(f"/entry-documents/?q={title.replace(' ', '+')}"))
    expect(page.locator("td.empty")).to_have_text("No entry documents match.")


def test_other_nation_does_not_see_bilateral_record(
    server: Any, page: Any, created: dict[str, str]
) -> None:
    sign_in(page, server, OTHER_NATION_VIEWER)

    response = page.goto(created["url"])
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    expect(page.locator("body")).not_to_contain_text(created["token"])
    shot(page, server, "09-not-found-geo-viewer")

    response = page.goto(created["url"] + "history/")
    assert response is not None
    assert response.status == 404

    page.goto(server.url("/entry-documents/"))
    expect(page.get_by_role("link", name=created["title"])).to_have_count(0)  # nor revised
    expect(page.locator("table")).not_to_contain_text(created["token"])
    expect(page.get_by_role("link", name="New entry document")).to_have_count(0)
    page.goto(server.url(f"/entry-documents/?q={created['token']}"))
    expect(page.locator("td.empty")).to_have_text("No entry documents match.")
    assert list_count(page) == 0
    shot(page, server, "10-list-geo-viewer")
