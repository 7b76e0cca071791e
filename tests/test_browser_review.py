"""The review queue of suggested classifications in a real headless Chromium, with axe:
tick services, change one's life domain, confirm them with the one button."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import check_accessible, chromium_page, served
from flask import Flask
from test_web_review import AREA, _feed

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(app: Flask, eco: Ecosystem, tmp_path: Path) -> Iterator[str]:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    assert eco.import_oruk(_feed(tmp_path), area=AREA).ok
    with served(app) as url:
        yield url


def test_an_officer_confirms_suggestions_in_the_browser(live_server: str, eco: Ecosystem
                                                        ) -> None:
    with chromium_page(live_server) as page:
        page.goto(live_server + "/data/review/")
        assert page.locator("h1").inner_text() == "Review suggested classifications"
        check_accessible(page)
        # Nothing ticked: the error summary links to the first checkbox.
        page.get_by_role("button", name="Confirm the ticked services").click()
        assert page.locator(".nhsuk-error-summary").is_visible()
        check_accessible(page)
        page.get_by_label("Confirm Debt advice drop-in").check()
        page.get_by_label("Change life domain of Tenancy sustainment").select_option("family")
        page.get_by_label("Confirm Tenancy sustainment").check()
        page.get_by_role("button", name="Confirm the ticked services").click()
        assert "2 services confirmed" in page.locator("[role=status]").inner_text()
        check_accessible(page)
        # The one 400 is the form sent with nothing ticked, on purpose.
        problems = [p for p in page.problems if "status of 400" not in p]
        assert problems == [], "\n".join(problems)
    pending: list[Any] = eco.suggested_classifications()
    assert [p.name for p in pending] == ["Job club"]
