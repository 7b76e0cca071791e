"""Contact and access details through Open Referral UK: imported from a feed's contacts
(role titles only), phones, locations, schedules and languages; published again by export,
still valid against the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_oruk import AREA, MAPPING, ORUK, SERVICE_ID, area, assert_valid, example, services

from ecosystem import Ecosystem
from ecosystem.oruk.export import export_page

__all__ = ["area"]  # the fixture, shared with tests/test_oruk.py


def feed() -> dict[str, Any]:
    doc = example()
    doc["contacts"] = [
        {"id": "c1", "name": "Ann Persona", "title": "Reception Manager",
         "email": "ann.persona@example.com",
         "phones": [{"id": "p1", "number": "0113 496 0555"}]},
        {"id": "c2", "title": "Duty team", "email": "duty@example.com"},
    ]
    doc["schedules"][0].update(byday="MO,TU,WE,TH,FR", opens_at="09:00:00",
                               closes_at="17:00:00")
    doc["languages"] = [{"id": "l1", "name": "English"}, {"id": "l2", "name": "Polish"}]
    loc = doc["service_at_locations"][0]["location"]
    loc.update(latitude=53.8, longitude=-1.55)
    loc["addresses"].append({"id": "5b0d3c1e-8f7a-4c2b-9e1d-2a3b4c5d6e7f",
                             "address_1": "2 Quay Street", "city": "Leeds",
                             "state_province": "West Yorkshire", "postal_code": "ls1 4ap",
                             "country": "GB", "address_type": "physical"})
    doc.pop("assurer_email", None)
    return doc


def test_contacts_phones_schedules_and_places_are_imported(area: Ecosystem,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed()))
    result = area.import_oruk(path, mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    s = services(area)["oruk:" + SERVICE_ID]["service"]
    assert s["phone"] == "0113 496 0555"
    assert s["email"] == "email@example.com"
    assert s["opening_hours"] == "Mon,Tue,Wed,Thu,Fri 09:00-17:00"
    assert s["hours_note"].startswith("The service is available from 10 am")
    assert s["languages"] == ["English", "Polish"]
    assert s["sites"] == ["2 Quay Street, Leeds, LS1 4AP @ 53.8,-1.55"]  # the US one has none
    assert s["accessibility"].startswith("The building is equipped with induction loops")
    assert s["free_to_client"] is False  # a cost option of 35
    # the role, not the person: Ann Persona's name and her own email are dropped
    assert s["update_contact"] == "Reception Manager, duty@example.com"
    stored = json.dumps(s, default=str)
    assert "Ann Persona" not in stored and "ann.persona" not in stored


def test_export_publishes_the_details_and_stays_valid(area: Ecosystem) -> None:
    report = area.import_tables({
        "providers": [{"id": "mind", "name": "MyCity Mind", "sector": "vcse"}],
        "services": [{
            "id": "S1", "name": "Drop-in advice", "provider_id": "mind", "areas": AREA,
            "domains": "money", "sources": "specialist", "types": "information",
            "phone": "01632 960000", "email": "advice@example.org",
            "website": "https://example.org/advice",
            "sites": "Advice Hub, 22 Market Street, Exampleton, EX2 7HL @ 54.518,-1.561",
            "opening_hours": "Mon-Wed,Fri 09:00-17:00; Sat 10:00-12:00",
            "hours_note": "Closed bank holidays", "languages": "English; Urdu",
            "free_to_client": "yes",
            "update_contact": "Advice services manager, info@example.org"}],
    })
    assert report.ok, report.issues
    page = export_page(area.graph)
    assert_valid(page)
    [s] = page["contents"]
    assert (s["email"], s["url"]) == ("advice@example.org", "https://example.org/advice")
    assert [(x.get("byday"), x.get("opens_at"), x.get("closes_at")) for x in s["schedules"]] \
        == [("MO,TU,WE,FR", "09:00", "17:00"), ("SA", "10:00", "12:00"), (None, None, None)]
    assert s["schedules"][-1]["description"] == "Closed bank holidays"
    assert [x["name"] for x in s["languages"]] == ["English", "Urdu"]
    [contact] = s["contacts"]
    assert contact["title"] == "Advice services manager, info@example.org"
    assert contact["phones"][0]["number"] == "01632 960000"
    [sal] = s["service_at_locations"]
    loc = sal["location"]
    assert (loc["latitude"], loc["longitude"]) == (54.518, -1.561)
    assert loc["addresses"][0]["postal_code"] == "EX2 7HL"
    assert loc["addresses"][0]["city"] == "Exampleton"
    assert [(c["option"], c["amount"]) for c in s["cost_options"]] == [("Free", 0)]


def test_an_imported_feed_exports_valid_with_its_details(area: Ecosystem,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed()))
    assert area.import_oruk(path, mapping=MAPPING, area=AREA).ok
    page = export_page(area.graph)
    assert_valid(page)
    [s] = page["contents"]
    assert s["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert "Ann Persona" not in json.dumps(s)


def test_the_shipped_example_still_imports(area: Ecosystem) -> None:
    result = area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
