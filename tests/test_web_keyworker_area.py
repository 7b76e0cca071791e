"""The key worker's form lists only the chosen area's services (issue 18): those serving the
area, an area it is part of (the whole ICB) or one within it; before an area is chosen, none.
Choosing the area keeps every other answer."""

from __future__ import annotations

import copy
import re
from typing import Any

from conftest import SMALL_AREA, reads_recorded
from flask.testing import FlaskClient
from test_web_keyworker import csrf, text

from ecosystem import Ecosystem
from ecosystem.importers.pseudonymise import pseudonym

HILLSIDE = {"id": "E06000998", "name": "Hillside Borough", "level": "local_authority",
            "parent_id": "E54000099"}
ELSEWHERE = {"id": "svc-hill", "name": "Hillside Housing Help", "provider_id": "prov-mind",
             "kind": "housing support", "areas": "E06000998", "domains": "housing",
             "sources": "practitioner", "types": "care"}
ICB_WIDE = {"id": "svc-icb", "name": "ICB Crisis Line", "provider_id": "prov-nhs",
            "kind": "advice", "areas": "E54000099", "domains": "connectedness",
            "sources": "specialist", "types": "information"}


def listed(html: str) -> set[str]:
    return set(re.findall(r'name="uses" type="checkbox" value="([^"]+)"', html))


def test_the_form_lists_only_the_chosen_areas_services(eco: Ecosystem,
                                                        client: FlaskClient) -> None:
    rows = copy.deepcopy(SMALL_AREA)
    rows["areas"].append(HILLSIDE)
    rows["services"] += [ELSEWHERE, ICB_WIDE]
    assert eco.import_tables(rows).ok
    first = text(client.get("/key-worker/"))
    assert listed(first) == set() and "List the services in this area" in first

    def step(area: str, **answers: str) -> str:
        resp = client.post("/key-worker/options", data={"csrf_token": csrf(client),
                                                        "area": area, "step": "area",
                                                        **answers})
        assert resp.status_code == 200
        return text(resp)

    riverside = step("E06000999", age="34", conditions="psychosis")
    assert listed(riverside) == {"svc-hf", "svc-ips", "svc-debt", "svc-icb"}
    assert 'value="34"' in riverside and 'value="psychosis"' in riverside  # answers kept
    assert listed(step("E06000998")) == {"svc-hill", "svc-icb"}
    assert listed(step("E54000099")) == {"svc-hf", "svc-ips", "svc-debt", "svc-hill",
                                         "svc-icb"}
    # A service of another area is refused, as any service not on the list.
    resp = client.post("/key-worker/options", data={
        "csrf_token": csrf(client), "area": "E06000998", "needs": "housing",
        "uses": "svc-hf", "severity": "any"})
    assert resp.status_code == 400 and "Select services from the list" in text(resp)


def test_a_persons_page_names_their_area_and_services_without_listing_all(
        eco: Ecosystem, client: FlaskClient, monkeypatch: Any) -> None:
    """The page names the person's area and the services they use. It used to read every
    service and area in the map to find those names (2 s a page at XL, 20,000 services);
    now it reads only theirs."""
    rows = copy.deepcopy(SMALL_AREA)
    rows["areas"].append(HILLSIDE)
    rows["services"] += [ELSEWHERE, ICB_WIDE]
    rows["people"] = [{"person_ref": "NHS-333", "age_band": "35-44", "area_id": "E06000999",
                       "needs": "housing; work"}]
    rows["journey_events"] = [{"event_ref": "ev-1", "person_ref": "NHS-333",
                               "service_id": "svc-hf", "type": "start",
                               "date": "2026-01-05"}]
    assert eco.import_tables(rows).ok
    names = reads_recorded(eco.graph, monkeypatch)
    person = pseudonym("NHS-333", eco.settings.resolve_pseudonym_key())
    resp = client.get(f"/key-worker/people/{person}")
    assert resp.status_code == 200
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(resp)))
    assert "Area Riverside Borough (local authority, in Riverside ICB)" in page
    assert "Services already used Housing First Riverside, Riverside Borough" in page
    assert "Services the person uses now Housing First Riverside, Riverside Borough" in page
    assert "keyworker/services" not in names and "keyworker/areas" not in names


def test_the_form_and_the_caseload_read_the_areas_once(eco: Ecosystem, client: FlaskClient,
                                                       monkeypatch: Any) -> None:
    """The form's area question and the caseload's area filter list the same areas (5,000
    at XL): read once for the page, not once for each."""
    assert eco.import_tables(copy.deepcopy(SMALL_AREA)).ok
    names = reads_recorded(eco.graph, monkeypatch)
    page = text(client.get("/key-worker/"))
    assert page.count('value="E06000999"') >= 2  # in the question and in the filter
    assert names.count("keyworker/areas") == 1
