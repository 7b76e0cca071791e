"""Editing in a real headless Chromium, with axe (issue 13): an admin edits a service's phone
and sees the change and its history; a provider editor proposes a change that an admin
approves."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser import check_accessible, chromium_page, served, session_as
from builders import base_rows, load
from conftest import ensure_user

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser
PHONE = "01632 960123"
OTHER_PHONE = "01632 960456"


@pytest.fixture
def signed_in(eco: Ecosystem) -> Iterator[tuple[str, dict[str, str]]]:
    """The app on a small area; each browser context is signed in as `who["as"]` (a
    username) when it first asks."""
    from web import create_app

    load(eco, base_rows())
    admin = ensure_user(eco, "test-admin", "admin")
    keeper = ensure_user(eco, "test-keeper", "provider_editor")
    eco.set_providers(keeper.username, ["PR-VCS"], "test")
    app = create_app(eco.settings, eco)
    users = {u.username: u for u in (admin, eco.get_user(keeper.username)) if u}
    who = {"as": admin.username}
    with session_as(app, lambda: users[who["as"]]), served(app) as url:
        yield url, who


def test_an_admin_edits_a_phone_and_sees_the_change_and_its_history(
        signed_in: tuple[str, dict[str, str]]) -> None:
    url, _ = signed_in
    with chromium_page(url) as page:
        page.goto(url + "/services/HF")
        page.get_by_role("link", name="Edit this service").click()
        page.wait_for_url("**/edit/services/HF")
        check_accessible(page)
        page.get_by_label("Phone (optional)").fill("not a phone")
        page.get_by_role("button", name="Save").click()
        assert page.locator(".nhsuk-error-summary").is_visible()
        check_accessible(page)
        page.get_by_label("Phone (optional)").fill(PHONE)
        page.get_by_role("button", name="Save").click()
        page.wait_for_url("**/services/HF")
        assert PHONE in page.inner_text("main")
        assert "Last updated" in page.inner_text("#last-updated")
        page.get_by_role("link", name="See the history of changes").click()
        page.wait_for_url("**/history/services/HF")
        assert f"Phone set to “{PHONE}”" in page.inner_text("#versions")
        check_accessible(page)
        # The refused save answers 400 (as a form with errors should): the one problem seen.
        unexpected = [p for p in page.problems if "status of 400" not in p]
        assert unexpected == [], "\n".join(unexpected)


def test_a_provider_editor_proposes_and_an_admin_approves(
        signed_in: tuple[str, dict[str, str]]) -> None:
    url, who = signed_in
    who["as"] = "test-keeper"
    with chromium_page(url) as page:
        page.goto(url + "/services/HF")
        page.get_by_role("link", name="Propose a change to this service").click()
        page.get_by_label("Phone (optional)").fill(OTHER_PHONE)
        page.get_by_role("button", name="Send for approval").click()
        page.wait_for_url("**/services/HF")
        assert "sent to an admin for approval" in page.inner_text("main")
        assert OTHER_PHONE not in page.inner_text("main"), "not live until approved"
        assert page.problems == [], "\n".join(page.problems)
    who["as"] = "test-admin"
    with chromium_page(url) as page:
        page.goto(url + "/data/proposals")
        assert OTHER_PHONE in page.inner_text("main")
        check_accessible(page)
        page.get_by_role("button", name="Approve").click()
        page.wait_for_url("**/data/proposals")
        assert "Approved" in page.inner_text("main")
        page.goto(url + "/services/HF")
        assert OTHER_PHONE in page.inner_text("main")
        page.goto(url + "/services/HF/history")
        assert "approved by test-admin" in page.inner_text("#versions")
        assert page.problems == [], "\n".join(page.problems)
