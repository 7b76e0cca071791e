"""The commissioner's journey and the data upload page in a real headless Chromium (Debian's),
on the demo area, with axe on every page (no violations of any impact).

Signs in through the sign-in page: as a commissioner for the journey (overlaps -> orphans ->
coverage -> funding -> pathway -> what-if), as an admin for the data page. The app runs on
the `demo` graph, so this module never asks for `eco` (which would clear it).
Screenshots go to docs/screenshots (or $ECOSYSTEM_SCREENSHOTS).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import check_accessible, chromium_page, served
from conftest import SMALL_AREA, TEST_PASSWORD, ensure_user
from flask import Flask

from ecosystem import Ecosystem
from ecosystem.importers.templates import write_csv_folder

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
COMMISSIONER = "test-browser-commissioner"
ADMIN = "test-browser-admin"


def screenshot(page: Any, name: str) -> None:
    """For the docs, only when asked for (`make screenshots`): a test run leaves the working
    tree as it was."""
    if os.environ.get("ECOSYSTEM_SCREENSHOTS"):
        shots = Path(os.environ["ECOSYSTEM_SCREENSHOTS"])
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / name), full_page=True)


@pytest.fixture(scope="module")
def comm_app(demo: Ecosystem) -> Flask:
    from web import create_app

    ensure_user(demo, COMMISSIONER, "commissioner")
    ensure_user(demo, ADMIN, "admin")
    app = create_app(demo.settings, demo)
    app.config.update(TESTING=True)
    return app


@pytest.fixture(scope="module")
def comm_server(comm_app: Flask) -> Iterator[str]:
    with served(comm_app) as url:
        yield url


@pytest.fixture
def comm_page(comm_server: str):  # type: ignore[no-untyped-def]
    with chromium_page(comm_server, accept_downloads=True) as pg:
        yield pg


def sign_in(page, server: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server + "/")


def map_counts(eco: Ecosystem) -> dict[str, int]:
    return {k: v for k, v in eco.counts().items() if k not in ("AuditEntry", "User")}


def rows(page, table_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.inner_text() for r in page.locator(f"table[data-table='{table_id}'] tbody tr").all()]


def test_commissioner_journey_on_the_demo_area(comm_page, comm_server: str) -> None:  # type: ignore[no-untyped-def]
    page = comm_page
    sign_in(page, comm_server, COMMISSIONER)
    page.get_by_role("link", name="Commissioner", exact=True).click()
    page.wait_for_url("**/commissioner/")
    assert page.locator("h1").inner_text().startswith("Commissioning")
    check_accessible(page)

    # Overlaps: the three-payer duplicate in Brindlemouth, ranked by combined spend.
    page.get_by_role("link", name="Overlaps").click()
    page.wait_for_url("**/commissioner/overlaps")
    clusters = rows(page, "clusters")  # the trio is one cluster, its money counted once
    assert len(clusters) == 1 and "£346,000" in clusters[0]
    catalogue = rows(page, "catalogue")
    assert len(catalogue) == 3 and "£258,000" in catalogue[0]
    assert "WorkWell Into Employment" in catalogue[0]
    assert any("Brightside Job Coaching" in r for r in rows(page, "doubling"))
    check_accessible(page)
    screenshot(page, "commissioner-overlaps.png")
    # The table downloads as CSV.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download “The pairs behind the clusters, largest "
                         "combined spend first” as CSV").click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    downloaded = list(csv.reader(io.StringIO(data)))
    assert downloaded[0][0] == "Service" and len(downloaded) == 4

    # Orphaned cohorts: young parents in Kelderby have no family support.
    page.get_by_role("link", name="Next: orphaned and under-served cohorts").click()
    page.wait_for_url("**/commissioner/orphans")
    assert "Young parents with mental health difficulties" in rows(page, "orphaned")[0]
    # A mistake in the months field: the error summary links to the field.
    page.fill("#months", "many")
    page.get_by_role("button", name="Update").click()
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error:")
    check_accessible(page)
    page.get_by_role("link", name="Enter a whole number of months").click()
    assert page.evaluate("document.activeElement.id") == "months"
    page.fill("#months", "3")
    page.keyboard.press("Enter")
    page.wait_for_url("**/commissioner/orphans?months=3")
    assert any("Ashcombe Money and Debt Advice" in r for r in rows(page, "ending"))
    check_accessible(page)

    # Coverage: the heatmap shows numbers in every cell and marks the empty ones.
    page.get_by_role("link", name="Next: coverage").click()
    page.wait_for_url("**/commissioner/coverage")
    heat = page.locator("table[data-table='services-by-source']")
    assert heat.locator("td.app-heat").count() == 40
    assert heat.locator("td.app-heat--0").count() > 0
    empty = heat.locator("td.app-heat--0").first
    assert empty.inner_text().strip().startswith("0")
    assert page.locator("table[data-table='scale'] tbody tr").count() == 3
    check_accessible(page)
    screenshot(page, "coverage.png")
    # Reflow (WCAG 1.4.10): at 320 CSS pixels only the tables scroll, not the page.
    page.set_viewport_size({"width": 320, "height": 800})
    # The header's script folds the menu into "More" on resize (debounced): give it a moment.
    try:
        page.wait_for_function("document.documentElement.scrollWidth <= 320", timeout=5000)
    except Exception:  # noqa: BLE001 - the assertion below says what was measured
        pass
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    # Each cell opens the services behind it (issue 15): work x specialist in the ICB.
    cell = heat.locator("a[href*='domain=work'][href*='source=specialist']")
    count = int(cell.inner_text())
    cell.click()
    page.wait_for_url("**/services?**domain=work**source=specialist**")
    assert f"{count} service" in page.locator("main").inner_text()
    page.go_back()
    page.wait_for_url("**/commissioner/coverage")
    page.select_option("#area", "E06000903")
    page.get_by_role("button", name="Show coverage").click()
    page.wait_for_url("**area=E06000903")
    assert page.locator("h1").inner_text() == "Coverage: Kelderby"

    # Funding: the Sankey is drawn (inline SVG) and the same flows are in a table.
    page.get_by_role("link", name="Next: funding flows").click()
    page.wait_for_url("**/commissioner/funding")
    svg = page.locator("svg.app-sankey")
    assert svg.is_visible() and svg.locator("path.app-sankey__link").count() > 10
    assert svg.bounding_box()["height"] > 200
    # A band per flow, but flows from beyond the largest funders share the "Other" bar.
    assert len(rows(page, "flows")) >= svg.locator("path.app-sankey__link").count()
    check_accessible(page)
    page.check("#by-cohort")
    page.get_by_role("button", name="Show funding").click()
    page.wait_for_url("**by=cohort**")
    assert "No named cohort" in page.locator("table[data-table='flows']").inner_text()
    check_accessible(page)

    # Pathway: the demo's step-down chain by default, with its bottleneck.
    page.get_by_role("link", name="Next: pathway bottlenecks").click()
    page.wait_for_url("**/commissioner/pathway")
    assert "Step-down Supported Housing" in page.locator("#bottleneck").inner_text()
    check_accessible(page)
    # Printed, the findings show without the form or the download links.
    page.emulate_media(media="print")
    assert not page.locator("form.app-commissioner-form").is_visible()
    assert not page.locator(".app-csv-link").first.is_visible()
    assert page.locator("table[data-table='steps']").is_visible()
    page.emulate_media(media="screen")

    # What if: decommission the debt service whose contract is ending, by keyboard.
    page.get_by_role("link", name="Next: what if").click()
    page.wait_for_url("**/commissioner/what-if")
    check_accessible(page)
    box = page.get_by_label("Ashcombe Money and Debt Advice", exact=True)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.get_by_role("button", name="See what breaks").click()
    page.wait_for_selector("#whatif-summary")
    orphaned = rows(page, "newly-orphaned")
    assert "People with common mental health problems and problem debt" in orphaned[0]
    summary = page.locator("#whatif-summary").inner_text()
    assert "1 cohort need orphaned" in summary
    assert "a year released" in summary and "Removed: Ashcombe Money and Debt Advice" in summary
    check_accessible(page)

    # Outcomes: the three duplicate employment services side by side (issue 15).
    page.goto(f"{comm_server}/commissioner/outcomes?area=E06000901")
    side = page.locator("table[data-table='side-by-side']").inner_text()
    assert "WorkWell Into Employment" in side and "Brightside Job Coaching" in side
    assert "has the highest outcome rate" in page.locator("main").inner_text()
    check_accessible(page)
    assert page.problems == [], "\n".join(page.problems)


def test_contracts_timeline_in_the_browser(comm_page, comm_server: str) -> None:  # type: ignore[no-untyped-def]
    page = comm_page
    sign_in(page, comm_server, COMMISSIONER)
    page.goto(comm_server + "/commissioner/")
    page.get_by_role("link", name="Contracts timeline").click()
    page.wait_for_url("**/commissioner/contracts")
    ends = rows(page, "ends")
    assert any("Northvale Clubhouse" in r and "Renewed" in r for r in ends)
    assert any("Ashcombe Money and Debt Advice" in r and "Stops" in r for r in ends)
    assert len(rows(page, "quarters")) >= 4
    check_accessible(page)
    # A mistake in the months field: the error summary links to the field, works without JS.
    page.fill("#months", "0")
    page.get_by_role("button", name="Show contracts").click()
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error:")
    check_accessible(page)
    screenshot(page, "commissioner-contracts.png")


def test_data_upload_shows_problems_by_file_row_and_field(comm_page, comm_server: str,  # type: ignore[no-untyped-def]
                                                          demo: Ecosystem,
                                                          tmp_path: Path) -> None:
    page = comm_page
    before = map_counts(demo)
    sign_in(page, comm_server, ADMIN)
    page.get_by_role("link", name="Data", exact=True).click()
    page.wait_for_url("**/data/")
    check_accessible(page)
    row = {**next(r for r in SMALL_AREA["services"] if r["id"] == "svc-ips"),
           "id": "svc-x", "capacity": "lots"}
    write_csv_folder({"services": [row]}, tmp_path)
    bad = tmp_path / "services.csv"
    page.set_input_files("#files", [str(bad)])
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_selector("#problems")
    assert "Nothing was imported" in page.locator("#report").inner_text()
    cells = [r.inner_text() for r in page.locator("#problems tbody tr").all()]
    assert any(c.startswith("services.csv\t2\tcapacity") for c in cells), cells
    assert page.title().startswith("Error:")
    check_accessible(page)
    assert map_counts(demo) == before  # nothing written
    with page.expect_download() as info:
        page.click("#problems-csv")
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    problems_csv = list(csv.reader(io.StringIO(data)))
    assert problems_csv[0] == ["file", "row", "column", "value", "problem"]
    assert ["services.csv", "2", "capacity", "lots"] in [r[:4] for r in problems_csv]
    # Sending no file is a mistake shown by the field.
    page.get_by_role("button", name="Check and import").click()
    page.wait_for_selector("#files-error")
    check_accessible(page)
    # A refused form answers 400/422, which Chromium logs; nothing else may go wrong.
    problems = [p for p in page.problems if "the server responded with a status of 4" not in p]
    assert problems == [], "\n".join(problems)


def test_a_long_list_of_areas_is_a_box_that_suggests(comm_page, comm_server: str,  # type: ignore[no-untyped-def]
                                                     demo: Ecosystem,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """With more areas than a select should hold (web/choosing.py; a nation has 5,000), the
    area is typed: suggestions appear as the commissioner types, and the one chosen filters
    the page as choosing it from a select would."""
    from web import choosing

    monkeypatch.setattr(choosing, "LONG_LIST", 2)  # the demo's dozens count as long
    area = next(a for a in demo.area_choices() if demo.funding(a.id).flows)
    page = comm_page
    sign_in(page, comm_server, COMMISSIONER)
    page.goto(comm_server + "/commissioner/funding")
    box = page.locator("input#area")
    assert box.get_attribute("type") == "text"
    box.press_sequentially(area.name[:5], delay=50)
    page.wait_for_selector("#area-suggestions option", state="attached")
    offered = page.eval_on_selector_all("#area-suggestions option", "os => os.map(o => o.value)")
    assert choosing.shown(demo.area_choices(), area.id) in offered
    check_accessible(page)
    box.fill(choosing.shown(demo.area_choices(), area.id))
    box.press("Enter")
    page.wait_for_url("**/commissioner/funding?*area=*")
    total = f"£{demo.funding(area.id).total:,.0f}"
    assert total in page.inner_text("main")
    assert page.input_value("#area") == choosing.shown(demo.area_choices(), area.id)
    assert page.problems == []
