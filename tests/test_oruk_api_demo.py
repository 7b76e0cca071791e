"""The public ORUK API on the demo area (Northvale: sites, opening hours, languages,
contracts, people): every endpoint valid against the UK profile's schemas, and nothing about
its people or contracts published. The checks are those of tests/test_oruk_api.py."""

from __future__ import annotations

import json

from flask import Flask
from test_oruk_api import ITEMS, ONE, _errors, _get, _pages

from ecosystem import Ecosystem


def test_the_demo_area_publishes_valid_records_and_no_people(demo: Ecosystem,
                                                             app: Flask) -> None:
    client = app.test_client()
    services = _pages(client, "services", per_page=100)
    live = [r for r in demo.graph.read("oruk/export_services")
            if (r["service"].get("status") or "active") in ("active", "suspended")]
    assert len(services) == len(live) > 0
    text = []
    for kind in ("services", "taxonomies", "taxonomy_terms", "service_at_locations"):
        items = services if kind == "services" else _pages(client, kind, per_page=100)
        assert items, kind
        for item in items[:40]:
            assert _errors(ITEMS[kind], item) == []
            one = _get(client, f"/api/oruk/{kind}/{item['id']}")
            assert _errors(ONE[kind], one) == [], (kind, item["id"])
            text.append(json.dumps(one))
    published = "\n".join(text)
    people = [r["props"]["id"] for r in demo.graph.read("admin/fingerprint_nodes",
                                                         exclude=["Event", "AuditEntry"])
              if "Person" in r["labels"]][:50]
    assert people
    for person in people:
        assert person not in published
    for word in ('"funding"', "annual_value", "Contract"):
        assert word not in published
