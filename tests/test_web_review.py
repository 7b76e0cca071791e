"""The review queue of suggested classifications (/data/review): an officer confirms feed
services' suggested life domains and types in bulk, changing a row where it is wrong."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from plans import db_hits

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.oruk.review import Decision

ORUK = Path(__file__).parent / "data" / "oruk"
AREA = "E06000999"


def _feed(tmp_path: Path) -> Path:
    base = {k: v for k, v in json.loads((ORUK / "service_full.json").read_text()).items()
            if k != "attributes"}  # a live feed: no taxonomy terms
    services = [
        {**base, "id": "11111111-0000-4000-8000-000000000001", "name": "Debt advice drop-in",
         "description": "Free help with debts and bills."},
        {**base, "id": "11111111-0000-4000-8000-000000000002", "name": "Tenancy sustainment",
         "description": "Helps people keep their tenancy."},
        {**base, "id": "11111111-0000-4000-8000-000000000003", "name": "Job club",
         "description": "Weekly job search help."},
    ]
    path = tmp_path / "live.json"
    path.write_text(json.dumps({"contents": services, "total_pages": 1}))
    return path


@pytest.fixture
def queued(eco: Ecosystem, tmp_path: Path) -> Ecosystem:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    result = eco.import_oruk(_feed(tmp_path), area=AREA)  # the default mapping
    assert result.ok, result.report.issues
    return eco


def _token(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m
    return m.group(1)


def test_the_queue_lists_suggestions_and_confirms_them_in_bulk(
        client: FlaskClient, queued: Ecosystem) -> None:
    page = client.get("/data/review/").get_data(as_text=True)
    assert "3 services with suggested classifications" in page
    assert "Debt advice drop-in" in page and "suggested" in page
    debt, tenancy, job = (f"oruk:11111111-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
    # Tick two; change the second's life domain (and leave the third alone).
    resp = client.post("/data/review/", data={
        "csrf_token": _token(page), "service": [debt, tenancy],
        f"domain:{tenancy}": "family", f"type:{tenancy}": "", f"domain:{job}": "money"})
    assert resp.status_code == 303
    after = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "2 services confirmed" in after
    assert "1 service with suggested classifications" in after
    pending = queued.suggested_classifications()
    assert [p.name for p in pending] == ["Job club"]
    assert [d.id for d in pending[0].domains] == ["work"]  # the unticked change is not applied
    rows = {r["service"]["name"]: r for r in queued.graph.read("oruk/export_services")}
    assert [d["id"] for d in rows["Tenancy sustainment"]["domains"]] == ["family"]
    assert [d["id"] for d in rows["Debt advice drop-in"]["domains"]] == ["money"]
    entries = [e for e in audit.entries(queued.graph) if e.action == "review-classifications"]
    assert entries and tenancy in entries[0].detail and "family" in entries[0].detail
    # The services list and its download say which domains are only suggested.
    listed = client.get("/services").get_data(as_text=True)
    assert "Work and education (suggested)" in listed
    assert "Money and basic needs" in listed and "Money and basic needs (suggested)" not in listed
    # The service page no longer says suggested; the one still queued does.
    page = client.get(f"/services/{tenancy}").get_data(as_text=True)
    assert "not yet confirmed" not in page
    assert "not yet confirmed" in client.get(f"/services/{job}").get_data(as_text=True)


def test_a_re_import_keeps_the_officers_choice(client: FlaskClient, queued: Ecosystem,
                                               tmp_path: Path) -> None:
    tenancy = "oruk:11111111-0000-4000-8000-000000000002"
    queued.confirm_classifications([Decision(tenancy, "family")], actor="test")
    result = queued.import_oruk(_feed(tmp_path), area=AREA)
    assert result.ok, result.report.issues
    rows = {r["service"]["id"]: r for r in queued.graph.read("oruk/export_services")}
    assert [d["id"] for d in rows[tenancy]["domains"]] == ["family"]
    assert tenancy not in {p.id for p in queued.suggested_classifications()}


def test_confirming_nothing_is_an_error_naming_the_field(client: FlaskClient,
                                                         queued: Ecosystem) -> None:
    page = client.get("/data/review/").get_data(as_text=True)
    resp = client.post("/data/review/", data={"csrf_token": _token(page)})
    assert resp.status_code == 400
    body = resp.get_data(as_text=True)
    assert "There is a problem" in body and 'href="#confirm-1"' in body
    assert len(queued.suggested_classifications()) == 3


def test_the_queue_needs_the_csrf_token(client: FlaskClient, queued: Ecosystem) -> None:
    resp = client.post("/data/review/", data={
        "service": ["oruk:11111111-0000-4000-8000-000000000001"]})
    assert resp.status_code in (400, 403)
    assert len(queued.suggested_classifications()) == 3


@pytest.mark.signed_in_as("viewer")
def test_only_an_admin_reviews(client: FlaskClient, queued: Ecosystem) -> None:
    assert client.get("/data/review/").status_code == 403


def test_the_queue_reads_what_is_queued_not_every_service(queued: Ecosystem) -> None:
    # At XL (20,000 services) the queue page read every service and its links to find the
    # few suggested ones: 3,066 db hits at M, 30,790 at L, for the same empty queue.
    before = db_hits(queued, "oruk/review_pending", limit=500)
    assert queued.import_tables({
        "providers": [{"id": "prov-x", "name": "Another provider", "sector": "vcse"}],
        "services": [{"id": f"svc-{n}", "name": f"Service {n}", "provider_id": "prov-x",
                      "kind": "advice", "areas": AREA, "domains": "money; housing",
                      "sources": "specialist", "types": "information; care"}
                     for n in range(300)],
    }).ok
    after = db_hits(queued, "oruk/review_pending", limit=500)
    assert len(queued.suggested_classifications()) == 3
    assert after - before < 100, (before, after)
