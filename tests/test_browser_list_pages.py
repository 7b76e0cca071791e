"""Long lists in pages (issue 18), in a real headless Chromium with axe: the stewardship
worklist and the services list with their NHS.UK pagination, followed by its links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import check_accessible, chromium_page, served, session_as
from builders import load
from conftest import ensure_user
from test_list_pages import many_stale

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser


@pytest.fixture
def server(eco: Ecosystem) -> Iterator[str]:
    """The builders' area and 120 stale services, every request signed in as an admin."""
    from web import create_app

    load(eco, many_stale(120))
    app = create_app(eco.settings, eco)
    user = ensure_user(eco, "test-browser-pages", "admin")
    with session_as(app, user), served(app) as url:
        yield url


def test_the_worklist_and_the_services_list_page_accessibly(server: str) -> None:
    with chromium_page(server) as page:
        page.goto(server + "/stewardship")
        check_accessible(page)
        nav = page.get_by_role("navigation", name="Pages of stale entries")
        nav.get_by_role("link", name="Next page : Page 2 of 3").click()
        page.wait_for_url("**/stewardship?page=2")
        assert "Showing 51 to 100 of 120 stale entries" in page.inner_text("main")
        assert page.locator("#stale-entries tbody tr").count() == 50
        check_accessible(page)
        page.goto(server + "/services?provider=PR-LA")
        check_accessible(page)
        page.get_by_role("navigation", name="Pages of services").get_by_role(
            "link", name="Next page : Page 2 of 2").click()
        page.wait_for_url("**/services?provider=PR-LA&page=2")
        assert "Showing 51 to 63 of 63 services" in page.inner_text("main")
        check_accessible(page)
