"""The pages in a real headless Chromium (Debian's), checked with axe for accessibility.

Never downloads a browser: Playwright drives /usr/bin/chromium (`make browser` installs it).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from werkzeug.serving import make_server

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def live_server(app: Flask, small_area: Ecosystem) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def page(live_server: str):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`, or "
                    "`apt-get install chromium`). Browser tests never download a browser.",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.problems = []  # type: ignore[attr-defined]
        # Anything not served by the app itself (a CDN, a font host) is refused and reported.
        here = urlsplit(live_server).netloc

        def route(r):  # type: ignore[no-untyped-def]
            if urlsplit(r.request.url).netloc == here or r.request.url.startswith("data:"):
                r.continue_()
            else:
                pg.problems.append(f"external request: {r.request.url}")  # type: ignore[attr-defined]
                r.abort()

        pg.route("**/*", route)
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(  # type: ignore[attr-defined]
            f"console: {m.text}"))
        pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))  # type: ignore[attr-defined]
        try:
            yield pg
        finally:
            browser.close()


def check_accessible(page) -> None:  # type: ignore[no-untyped-def]
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    assert not bad, results.generate_report()


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
