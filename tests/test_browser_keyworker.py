"""The key worker's journey in a real headless Chromium (Debian's), on the demo area, with axe.

Signs in through the sign-in page as the demo's Brindlemouth key worker, fills the client form
(first with mistakes), reads the options and the unmet need, builds a plan and downloads it.
The app here runs on the `demo` graph, so this module never asks for `eco` (which would
clear it) nor for test_browser's `live_server` (which signs in as an admin).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import check_accessible, chromium_page, served
from conftest import TEST_PASSWORD, ensure_user
from flask import Flask

from ecosystem import Ecosystem, dates
from ecosystem.demo.area import generate
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.keyworker.caseload import PLAN_COLUMNS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
KEY_WORKER = "kw.amira"  # the demo's key worker for Brindlemouth (ecosystem/demo/journeys.py)
BRINDLEMOUTH = "E06000901"


@pytest.fixture(scope="module")
def demo_app(demo: Ecosystem) -> Flask:
    from web import create_app

    ensure_user(demo, KEY_WORKER, "key_worker")
    app = create_app(demo.settings, demo)
    app.config.update(TESTING=True)
    return app


@pytest.fixture(scope="module")
def kw_server(demo_app: Flask) -> Iterator[str]:
    with served(demo_app) as url:
        yield url


@pytest.fixture
def kw_page(kw_server: str):  # type: ignore[no-untyped-def]
    with chromium_page(kw_server, accept_downloads=True) as pg:
        yield pg


def wait_for_error_summary_focus(page) -> None:  # type: ignore[no-untyped-def]
    """NHS.UK frontend's error summary moves focus to itself once its script has run.
    (Polled from here: wait_for_function would need eval, which the page's CSP forbids.)"""
    focused = ("!!document.querySelector('.nhsuk-error-summary') && "
               "document.activeElement.classList.contains('nhsuk-error-summary')")
    for _ in range(100):
        if page.evaluate(focused):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the error summary did not take focus")


# The elements that stick out past the right of a 320px viewport (for a failure's message).
WIDER_JS = """() => Array.from(document.querySelectorAll('main *'))
  .filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.app-table-scroll'))
  .slice(-6).map(e => e.tagName + '.' + e.className + ' ' +
                 Math.round(e.getBoundingClientRect().right) + ' ' + e.innerText.slice(0, 60))"""


def reflows(page) -> bool:  # type: ignore[no-untyped-def]
    """At 320 CSS pixels wide (400% zoom) the page needs no sideways scrolling."""
    page.set_viewport_size({"width": 320, "height": 800})
    try:
        # The NHS.UK header folds menu items into "More" on its (debounced) resize handler.
        page.wait_for_timeout(400)
        if page.evaluate("document.documentElement.scrollWidth <= 320"):
            return True
        print("wider than 320px:", page.evaluate(WIDER_JS))
        return False
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_key_worker_journey_on_the_demo_area(kw_page, kw_server: str,  # type: ignore[no-untyped-def]
                                             tmp_path: Path) -> None:
    page = kw_page
    # Sign in as the key worker; the menu takes them to their page.
    page.goto(kw_server + "/sign-in")
    page.fill("#username", KEY_WORKER)
    page.fill("#password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Key worker").click()
    page.wait_for_url("**/key-worker/")
    assert page.locator("h1").inner_text() == "Find a client's options"
    assert "Nothing you type here is saved with the client" in page.inner_text("main")
    check_accessible(page)

    if os.environ.get("ECOSYSTEM_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["ECOSYSTEM_SCREENSHOTS"],
                                          "keyworker-form.png"), full_page=True)

    # Sent with nothing filled in: the error summary takes focus and links to the fields.
    page.get_by_role("button", name="Show options").click()
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error:")
    wait_for_error_summary_focus(page)
    page.get_by_role("link", name="Choose the area the client lives in").click()
    assert page.evaluate("document.activeElement.id") == "area"
    check_accessible(page)

    # A 17-year-old in Brindlemouth needing support with work and money, by keyboard where
    # it matters: the checkboxes are reached and ticked with the space bar.
    page.select_option("#area", BRINDLEMOUTH)
    page.fill("#age", "17")
    page.focus("#needs-money")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # to "Work and education"
    assert page.evaluate("document.activeElement.id") == "needs-work"
    page.keyboard.press("Space")
    page.check("#in_work-2")  # No
    page.check("#benefit-esa")  # ESA and PIP together (issue 14)
    page.check("#benefit-pip")
    # Enter in a text field shows the options, as "Show options" does (the form's first
    # button, "List the services in this area", used to take it).
    page.press("#age", "Enter")
    page.wait_for_selector("h1:has-text(\"The client's options\")")
    assert page.url.endswith("/key-worker/options")  # post/redirect/get: nothing in the URL

    # Change the client's answers: the form comes back as it was left; Back and Forward
    # need no resubmission.
    page.get_by_role("link", name="Change the client's answers").click()
    page.wait_for_url("**/key-worker/change")
    assert page.is_checked("#benefit-esa") and page.is_checked("#benefit-pip")
    assert page.input_value("#age") == "17" and page.is_checked("#needs-work")
    page.go_back()
    page.wait_for_selector("h1:has-text(\"The client's options\")")
    page.go_forward()
    page.wait_for_url("**/key-worker/change")
    page.get_by_role("button", name="Show options").click()
    page.wait_for_selector("h1:has-text(\"The client's options\")")

    # Record the unmet need for work: nothing that identifies the client is kept.
    page.select_option("#unmet_domain", "work")
    page.check("#unmet_reason-none_eligible")
    page.get_by_role("button", name="Record an unmet need").click()
    page.wait_for_selector("#unmet-recorded")
    assert "Recorded: Work and education" in page.inner_text("#unmet-recorded")
    check_accessible(page)

    callout = page.locator(".app-unmet")
    assert "1 need no service meets" in callout.inner_text()
    assert "Work and education" in callout.inner_text()
    money = page.locator("section[aria-labelledby='need-money']")
    assert "Brindlemouth Money and Debt Advice" in money.inner_text()
    assert "Self-referral" in money.inner_text()
    work = page.locator("section[aria-labelledby='need-work']")
    assert "No option." in work.inner_text()
    page.wait_for_selector("[data-network='client-routes-data'].app-network--ready canvas",
                           timeout=15000)
    check_accessible(page)
    assert reflows(page)
    # Screenshots for the docs only when asked for (`make screenshots`): a test run leaves
    # the working tree as it was.
    shots = Path(os.environ.get("ECOSYSTEM_SCREENSHOTS") or ".")
    if os.environ.get("ECOSYSTEM_SCREENSHOTS"):
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "keyworker.png"), full_page=True)

    # Asking for a plan with nothing picked says so, and the link goes to the first option.
    page.get_by_role("button", name="Make a plan from the selected options").click()
    wait_for_error_summary_focus(page)
    page.get_by_role("link", name="Select at least one option for the plan").click()
    assert page.evaluate("document.activeElement.id") == "pick-money-1"
    check_accessible(page)

    # Pick both money options and make the plan.
    money = page.locator("section[aria-labelledby='need-money']")
    for box in money.locator("input[name='pick']").all():
        box.check()
    page.get_by_role("button", name="Make a plan from the selected options").click()
    page.wait_for_selector("h1:has-text('Support plan')")
    rows = page.locator(".app-plan-table tbody tr")
    assert rows.count() == 2
    assert "Brindlemouth Local Welfare and Hardship Fund" in rows.nth(0).inner_text()
    page.wait_for_selector("button:has-text('Print this plan')", state="visible")
    # The client's goals, a next step, a review date and consent, kept with the plan.
    page.fill("#goals", "Get my money sorted before Christmas")
    page.fill("#step_what-0", "Phone the hardship fund")
    page.fill("#step_who-0", "The client, with their key worker")
    page.fill("#review", "2027-01-12")
    page.check("#consent")
    page.get_by_role("button", name="Save the goals and next steps").click()
    page.wait_for_selector(".app-plan-goals")
    assert "Get my money sorted before Christmas" in page.inner_text(".app-plan-goals")
    assert "12 January 2027" in page.inner_text("#plan-details")
    assert "£" not in page.inner_text(".app-plan-table")
    check_accessible(page)
    assert reflows(page)
    if os.environ.get("ECOSYSTEM_SCREENSHOTS"):
        page.screenshot(path=str(shots / "keyworker-plan.png"), full_page=True)

    # On paper: no header, menu, buttons or map; the plan's table is there.
    page.emulate_media(media="print")
    assert not page.locator(".nhsuk-header").is_visible()
    assert not page.locator(".app-plan-actions").is_visible()
    assert page.locator(".app-plan-table").is_visible()
    page.emulate_media(media="screen")

    # The CSV download.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the plan (CSV)").click()
    download = info.value
    assert download.suggested_filename.startswith("support-plan-")
    path = tmp_path / "plan.csv"
    download.save_as(str(path))
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert table[0] == list(PLAN_COLUMNS)
    assert [r[1] for r in table[1:3]] == ["Brindlemouth Local Welfare and Hardship Fund",
                                          "Brindlemouth Money and Debt Advice"]
    assert table[3][:2] == ["Work and education", "No service in reach meets this need"]
    # The form sent with mistakes answers 400 (Chromium logs that); nothing else may go wrong.
    problems = [p for p in page.problems if "status of 400" not in p]
    assert problems == [], "\n".join(problems)


def test_starting_from_a_person_on_the_caseload(kw_page, kw_server: str) -> None:  # type: ignore[no-untyped-def]
    page = kw_page
    page.goto(kw_server + "/sign-in?next=/key-worker/")
    page.fill("#username", KEY_WORKER)
    page.fill("#password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/key-worker/")
    page.get_by_role("link", name="Your caseload").click()  # the caseload's own page
    page.wait_for_url("**/key-worker/caseload")
    check_accessible(page)
    assert reflows(page)
    people = page.locator("table[aria-labelledby='caseload-heading'] tbody tr")
    assert people.count() > 0
    assert all("Brindlemouth" in a for a in people.locator("td:nth-child(3) ").all_inner_texts())
    person_id = people.first.locator("a").inner_text()
    people.first.locator("a").click()
    page.wait_for_url(f"**/key-worker/people/{person_id}")
    assert f"person {person_id}" in page.locator(".nhsuk-caption-l").inner_text()
    page.get_by_text("What we know about the client").click()
    assert "Brindlemouth" in page.locator(".app-client-summary").inner_text()
    check_accessible(page)
    assert page.problems == [], "\n".join(page.problems)


def demo_case_reference(demo: Ecosystem) -> str:
    """A case reference of one of the key worker's clients, as the demo data names them (the
    same generator, seed and day the demo fixture loaded)."""

    people = generate(seed=7, as_of=dates.today())["people"]
    return next(p["person_ref"] for p in people if p["key_worker"] == KEY_WORKER)


def test_finding_a_client_by_case_reference_opens_their_page(  # type: ignore[no-untyped-def]
        kw_page, kw_server: str, demo: Ecosystem) -> None:
    reference = demo_case_reference(demo)
    person_id = pseudonym(reference, demo.settings.resolve_pseudonym_key())
    page = kw_page
    page.goto(kw_server + "/sign-in?next=/key-worker/caseload")
    page.fill("#username", KEY_WORKER)
    page.fill("#password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/key-worker/caseload")
    # A reference nobody on the caseload has: the message says so, and not the reference.
    page.get_by_label("Find a client by your case reference").fill("NV-NOBODY")
    page.get_by_role("button", name="Find the client").click()
    page.wait_for_selector("#case_reference-error")
    assert "No one on your caseload has that case reference" in page.inner_text(
        "#case_reference-error")
    assert "NV-NOBODY" not in page.inner_text("main")
    check_accessible(page)
    # The real one, typed as the key worker has it: their person page, with their journey.
    page.get_by_label("Find a client by your case reference").fill(reference)
    page.get_by_role("button", name="Find the client").click()
    page.wait_for_url(f"**/key-worker/people/{person_id}")
    assert reference not in page.url
    assert f"person {person_id}" in page.locator(".nhsuk-caption-l").inner_text()
    journey = page.get_by_text("Their journey so far")
    assert "event" in journey.inner_text()
    journey.click()
    timeline = page.locator(".app-timeline li")
    assert timeline.count() > 0 and timeline.first.is_visible()
    assert " at " in timeline.first.inner_text()
    assert reference not in page.inner_text("main")
    check_accessible(page)
    assert reflows(page)
    # The reference nobody has answers 404 (Chromium logs that); nothing else may go wrong.
    problems = [p for p in page.problems if "status of 404" not in p]
    assert problems == [], "\n".join(problems)


def test_the_commissioner_sees_unmet_demand_from_the_orphans_page(  # type: ignore[no-untyped-def]
        kw_page, kw_server: str, demo: Ecosystem) -> None:
    ensure_user(demo, "test-unmet-commissioner", "commissioner")
    page = kw_page
    page.goto(kw_server + "/sign-in?next=/commissioner/orphans")
    page.fill("#username", "test-unmet-commissioner")
    page.fill("#password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/commissioner/orphans")
    page.get_by_role("link", name="Unmet demand: the needs key workers found no suitable "
                     "option for").click()
    page.wait_for_url("**/commissioner/unmet-demand")
    assert page.locator("h1").inner_text() == "Unmet demand"
    # The key worker's journey above recorded one unmet need for work: 1 person, suppressed.
    table = page.locator("table[data-table='by-domain']").inner_text()
    assert "Work and education" in table and "suppressed" in table
    check_accessible(page)
    assert reflows(page)
