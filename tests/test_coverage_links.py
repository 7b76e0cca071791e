"""The coverage heatmap (issue 15): each cell opens the services behind it, and the default
area is the largest, not the first in the list. (A module of its own: these tests clear the
graph, see conftest.)"""

from __future__ import annotations

import html as htmllib
import re

from builders import ICB, PLACE1, base_rows, load
from flask.testing import FlaskClient

from ecosystem import Ecosystem


def _area(eco: Ecosystem) -> None:
    rows = base_rows()
    # First in the list (widest level, then by name), but with nothing within it.
    rows["areas"].append({"id": "E54000002", "name": "Aardvark ICB", "level": "icb"})
    load(eco, rows)


def test_the_default_area_is_the_largest(client: FlaskClient, eco: Ecosystem) -> None:
    _area(eco)
    assert eco.area_choices()[0].id == "E54000002"
    assert eco.default_area() == ICB
    page = client.get("/commissioner/coverage").get_data(as_text=True)
    assert "Coverage: Test ICB" in page


def test_each_cell_links_to_its_services(client: FlaskClient, eco: Ecosystem) -> None:
    _area(eco)
    page = client.get(f"/commissioner/coverage?area={PLACE1}").get_data(as_text=True)
    table = page.split('data-table="services-by-type"', 1)[1].split("</table>", 1)[0]
    links = {htmllib.unescape(h) for h in re.findall(r'<a href="([^"]+)">', table)}
    # Work x care: IPS and DWPWORK.
    href = f"/services?area={PLACE1}&domain=work&status=active&support_type=care"
    assert href in links
    listing = client.get(href).get_data(as_text=True)
    assert "IPS employment service" in listing and "Work and health programme" in listing
    assert "Housing First" not in listing
    # An empty cell (offending x any type here) has no link.
    row = table.split("Offending", 1)[1].split("</tr>", 1)[0]
    assert "<a " not in row
    spend = page.split('data-table="spend-by-source"', 1)[1].split("</table>", 1)[0]
    assert f"/services?area={PLACE1}&amp;domain=work&amp;status=active&amp;source=specialist" \
        in spend
