"""What-if, completed (issue 15): what was removed and the annual money it releases, and
where the people losing a service could go. (A module of its own: these tests clear the
graph, see conftest.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from builders import journeys_rows, load, small_area
from click.testing import CliRunner
from conftest import cli_env
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.cli import cli


def _area(eco: Ecosystem) -> None:
    small_area(eco)
    load(eco, journeys_rows())  # 8 ESA claimants at IPS and DWPWORK at once, still there


def test_decommissioning_says_the_money_it_releases(eco: Ecosystem, tmp_path: Path) -> None:
    _area(eco)
    res = eco.what_if(["IPS"])
    ips = res.removed[0]
    assert ips.annual_value == 120_000  # was None: only a withdrawal reported the money
    assert res.released == 120_000 and "£120,000 a year released" in res.why
    assert res.what == "IPS employment service"  # was "... (IPS)": ids only in technical details
    assert res.why.startswith("removing IPS employment service: ")
    out = CliRunner().invoke(cli, ["analyse", "what-if", "--decommission", "IPS", "--format",
                                   "json"], env=cli_env(eco, tmp_path))
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["removed"][0]["annual_value"] == 120000 and data["released"] == 120000
    # Withdrawing a commissioner: the services it alone pays for, and what co-funded ones lose.
    la = eco.what_if(commissioner="CO-LA")
    assert {r.service_id: r.annual_value for r in la.removed} == {
        "ADVICE": 50_000, "DEBT": 40_000, "FAMILY": 60_000}
    assert la.released == 150_000


def test_the_people_losing_a_service_and_where_they_could_go(eco: Ecosystem) -> None:
    _area(eco)
    ips = eco.what_if(["IPS"]).removed[0]
    assert ips.people.value == 10  # 8, rounded
    # DWPWORK shares work and care with IPS, reaches them, takes them and has places.
    assert [(a.service_id, a.people.value, a.capacity) for a in ips.alternatives] == [
        ("DWPWORK", 10, 100)]
    assert ips.no_alternative.value == 0
    both = eco.what_if(["IPS", "DWPWORK"]).removed
    assert all(r.alternatives == () for r in both)  # no other work service
    assert {r.service_id: r.no_alternative.value for r in both} == {"IPS": 10, "DWPWORK": 10}


def test_the_what_if_page_shows_money_and_alternatives(client: FlaskClient,
                                                       eco: Ecosystem) -> None:
    _area(eco)
    html = client.get("/commissioner/what-if?run=1&service=IPS").get_data(as_text=True)
    assert "£120,000 a year released" in html
    assert 'data-table="alternatives"' in html and "Work and health programme" in html
    resp = client.get("/commissioner/what-if?run=1&service=IPS&format=csv&table=removed")
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    assert rows[0][2] == "Annual value released" and rows[1][2] == "120000"
    resp = client.get("/commissioner/what-if?run=1&service=IPS&format=csv&table=alternatives")
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    assert rows[1][:2] == ["IPS employment service (IPS)", "Work and health programme (DWPWORK)"]
