"""Freshness in a real headless Chromium, with axe (issue 13): a stale service is flagged on
its page and in the worklist, and "Still correct" clears it, without JavaScript."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from browser import check_accessible, chromium_page, served, session_as
from builders import base_rows, load
from conftest import ensure_user

from ecosystem import Ecosystem, dates

pytestmark = pytest.mark.browser


@pytest.fixture
def server(eco: Ecosystem) -> Iterator[str]:
    """The builders' area (Housing First checked 14 months ago, the rest last week), every
    request signed in as an admin."""
    from web import create_app

    rows = base_rows()
    today = dates.today()
    for s in rows["services"]:
        days = 430 if s["id"] == "HF" else 7
        s["last_verified"] = (today - dt.timedelta(days=days)).isoformat()
    load(eco, rows)
    app = create_app(eco.settings, eco)
    user = ensure_user(eco, "test-browser-steward", "admin")
    with session_as(app, user), served(app) as url:
        yield url


def test_a_stale_service_is_flagged_and_cleared(server: str) -> None:
    with chromium_page(server) as page:
        page.goto(server + "/services/HF")
        warning = page.locator("#freshness")
        assert "Details last checked 14 months ago" in warning.inner_text()
        check_accessible(page)
        page.get_by_role("link", name="Keep the map true").click()
        page.wait_for_url("**/stewardship")
        rows = page.locator("#stale-entries tbody tr")
        assert rows.count() == 1 and "Housing First" in rows.first.inner_text()
        check_accessible(page)
        rows.first.get_by_role("button", name="Still correct").click()
        page.wait_for_url("**/stewardship")
        assert "Housing First: its details are marked as checked today" in page.inner_text(
            "body")
        assert page.locator("#stale-entries").count() == 0
        page.goto(server + "/services/HF")
        text = page.locator("#freshness").inner_text()
        assert "Details last checked less than a month ago" in text
        assert page.locator(".nhsuk-warning-callout").count() == 0
