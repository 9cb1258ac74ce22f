"""Fixtures for the browser tests: a real Chromium driving the server of tests/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """The Chromium to drive: $PARTNERDESK_CHROMIUM, else Debian's; when neither exists the
    browser tests fail under CI (which installs Chromium) and are skipped elsewhere."""
    candidates = [c for c in (os.environ.get("PARTNERDESK_CHROMIUM", ""), DEFAULT_CHROMIUM) if c]
    for candidate in candidates:
        if Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    where = " or ".join(candidates)
    reason = f"Chromium not found at {where}; install Debian's chromium or set PARTNERDESK_CHROMIUM"
    if os.environ.get("CI"):
        pytest.fail(reason)  # CI installs Chromium: a missing browser there is an error
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    return chromium_path()


@pytest.fixture(scope="session")
def browser(chromium_executable: str, server: Any) -> Iterator[Any]:
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile (no cookies) per test, desktop-sized."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    ctx.set_default_timeout(10_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()
