"""The commissioner pages on an empty map and on the small test area (not the demo): they
say there is nothing to show rather than fail, and the forms start empty where the demo's
defaults do not exist. (A module of its own: these tests clear the graph, see conftest.)"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from ecosystem import Ecosystem

PAGES = ["/commissioner/", "/commissioner/overlaps", "/commissioner/orphans",
         "/commissioner/coverage", "/commissioner/funding", "/commissioner/pathway",
         "/commissioner/what-if", "/commissioner/outcomes", "/data/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_work_on_an_empty_map(client: FlaskClient, eco: Ecosystem, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200, path
    html = resp.get_data(as_text=True)
    assert "Traceback" not in html


def test_small_area(client: FlaskClient, riverside: Ecosystem) -> None:
    html = client.get("/commissioner/pathway").get_data(as_text=True)
    assert 'data-table="steps"' not in html  # no demo chain here: the form starts empty
    assert len(re.findall(r'<option value="" selected>No service</option>', html)) == 6
    html = client.get("/commissioner/pathway?step=svc-hf&step=svc-debt").get_data(as_text=True)
    assert 'data-table="steps"' in html
    html = client.get("/commissioner/coverage").get_data(as_text=True)
    assert "Coverage: Riverside ICB" in html
    html = client.get("/commissioner/funding").get_data(as_text=True)
    assert "£520,000 a year in current contracts" in html
    assert "Riverside Council" in html and "app-sankey" in html
    html = client.get("/commissioner/what-if?run=1&commissioner=comm-la").get_data(as_text=True)
    assert "Housing First Riverside" in html and "Money and Debt Advice" in html
