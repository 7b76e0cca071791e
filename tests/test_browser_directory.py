"""The services list and search in a real headless Chromium, on the demo area, with axe:
filter the list, download it, search "homeless" with suggestions as you type."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import check_accessible, chromium_page, served, session_as
from conftest import ensure_user

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser
PROFILE_SECTIONS = ["What it does and who it is for", "How to get in", "Who can use it",
                    "Who provides it, who pays and the model it follows"]


@pytest.fixture(scope="module")
def demo_server(demo: Ecosystem) -> Iterator[str]:
    """The app on the demo area, every request signed in as a viewer (not `live_server`,
    whose fixtures clear the graph)."""
    from web import create_app

    app = create_app(demo.settings, demo)
    user = ensure_user(demo, "test-browser-viewer", "viewer")
    with session_as(app, user), served(app) as url:
        yield url


def test_filter_the_services_list_and_download_it(demo_server: str) -> None:
    with chromium_page(demo_server, accept_downloads=True) as page:
        page.goto(demo_server + "/")
        page.get_by_role("link", name="Housing and homelessness").first.click()
        page.wait_for_url("**/services?domain=housing")
        page.get_by_label("Area", exact=True).select_option(label="Ashcombe")
        page.get_by_label("Self-referral").select_option("yes")
        page.get_by_role("button", name="Show services").click()
        page.wait_for_url("**/services?area=*")
        table = page.locator("#services-list")
        assert "Ashcombe Housing Options and Advice" in table.inner_text()
        assert table.locator("tbody tr").count() == 1
        check_accessible(page)
        with page.expect_download() as info:
            page.get_by_role("link", name="CSV").click()
        path = info.value.path()
        text = open(path, encoding="utf-8-sig").read()
        assert text.startswith("Service,Service id") and "a-housingopt" in text
        assert len(text.strip().splitlines()) == 2
        assert page.problems == [], "\n".join(page.problems)


def test_search_homeless_with_suggestions(demo_server: str) -> None:
    with chromium_page(demo_server) as page:
        page.goto(demo_server + "/search")
        page.locator("#q").press_sequentially("homel", delay=50)
        # (not wait_for_function: the CSP forbids the eval it needs)
        page.locator("#q-suggestions option").first.wait_for(state="attached", timeout=10000)
        assert page.locator("#q").get_attribute("list") == "q-suggestions"
        page.locator("#q").fill("homeless")
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/search?q=homeless*")
        results = page.locator("ol.nhsuk-list").inner_text()
        assert "Housing First Northvale" in results
        assert "Housing Options and Advice" in results
        check_accessible(page)
        # Open a service: its profile, section by section, readable at 320 pixels wide.
        page.get_by_role("link", name="Housing First Northvale").first.click()
        page.wait_for_url("**/services/*")
        assert page.locator("h1").inner_text() == "Housing First Northvale"
        headings = page.locator("main h2").all_inner_texts()
        profile = [h for h in headings if h in PROFILE_SECTIONS]
        assert profile == [h for h in PROFILE_SECTIONS if h in profile]
        assert profile[:3] == PROFILE_SECTIONS[:3]
        main = page.inner_text("main")
        assert "Not recorded" not in main
        assert " days" in page.inner_text("section[aria-labelledby='profile-get-in']")
        check_accessible(page)
        page.set_viewport_size({"width": 320, "height": 800})
        page.wait_for_timeout(400)  # the header's debounced resize handler
        assert page.evaluate("document.documentElement.scrollWidth <= 320")
        check_accessible(page)
        assert page.problems == [], "\n".join(page.problems)
