"""The pages in a real headless Chromium (Debian's), checked with axe for accessibility.

Never downloads a browser: Playwright drives /usr/bin/chromium (`make browser` installs it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import check_accessible, chromium_page, served
from flask import Flask

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser

@pytest.fixture
def live_server(app: Flask, riverside: Ecosystem) -> Iterator[str]:
    with served(app) as url:
        yield url


@pytest.fixture
def page(live_server: str):  # type: ignore[no-untyped-def]
    with chromium_page(live_server) as pg:
        yield pg


def test_home_draws_the_map_and_is_accessible(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.wait_for_selector(".app-network--ready canvas", timeout=15000)
    assert page.locator("h1").inner_text() == "The area's social support map"
    assert page.locator("body.nhsuk-frontend-supported").count() == 1
    assert page.problems == [], "\n".join(page.problems)
    check_accessible(page)
    shots = os.environ.get("ECOSYSTEM_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "home.png"), full_page=True)


def test_entity_page_and_double_click_free_navigation(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/services/svc-hf")
    page.wait_for_selector(".app-network--ready canvas", timeout=15000)
    check_accessible(page)
    page.get_by_role("link", name="Riverside Mind").first.click()
    page.wait_for_url("**/providers/prov-mind")
    assert page.locator("h1").inner_text() == "Riverside Mind"
    check_accessible(page)
    assert page.problems == []


def test_search_from_the_header_and_keyboard_skip_link(page, live_server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.fill("#search-field", "debt")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=debt")
    assert page.get_by_role("link", name="Money and Debt Advice").count() == 1
    check_accessible(page)
    page.goto(live_server + "/no-such-page")
    check_accessible(page)
    assert [p for p in page.problems if "404" not in p] == []
