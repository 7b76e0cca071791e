"""The public Open Referral UK API (/api/oruk/), against a real Neo4j.

Every answer is validated against the UK profile's own schemas (tests/data/oruk_schema/,
CC BY-SA 4.0: the compiled service, service_list, service_at_location(_list), taxonomy and
taxonomy_term schemas, and the `Page` and `/` response schemas of its openapi.json), with
format checks, and against the rules of the ORUK validator's HSDS-UK-3.0 test profile that
can be checked here: level 1 (the root, a paginated /services with its metadata, each
/services/{id}) must pass; level 2 (taxonomies, taxonomy terms, service at locations, and the
/services query parameters) should.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem

DATA = Path(__file__).parent / "data"
ORUK = DATA / "oruk"
SCHEMA = DATA / "oruk_schema"
AREA = "E06000997"
FEED_SERVICE = "ac148810-d857-441c-9679-408f346de14b"
FEED_TERM = "3f7b145d-84af-42d7-8fae-eaca714b02b2"
SECRET_PERSON = "P-api-secret-person"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA / name).read_text())


OPENAPI = _schema("openapi.json")
CHECKER = jsonschema.FormatChecker()


def _validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=CHECKER)


PAGE = _validator(OPENAPI["components"]["schemas"]["Page"])
ROOT = _validator(OPENAPI["paths"]["/"]["get"]["responses"]["200"]["content"]
                  ["application/json"]["schema"])
ITEMS = {"services": _validator(_schema("service_list.json")),
         "taxonomies": _validator(_schema("taxonomy.json")),
         "taxonomy_terms": _validator(_schema("taxonomy_term.json")),
         "service_at_locations": _validator(_schema("service_at_location_list.json"))}
ONE = {"services": _validator(_schema("service.json")),
       "taxonomies": ITEMS["taxonomies"], "taxonomy_terms": ITEMS["taxonomy_terms"],
       "service_at_locations": _validator(_schema("service_at_location.json"))}


def _errors(v: jsonschema.protocols.Validator, doc: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(doc)]


def _nulls(doc: Any, path: str = "") -> list[str]:
    """Where `doc` holds a null, or an empty list or object (empty optional fields are left
    out)."""
    if doc is None or doc == [] or doc == {}:
        return [path or "(root)"]
    if isinstance(doc, dict):
        return [p for k, v in doc.items() for p in _nulls(v, f"{path}.{k}")]
    if isinstance(doc, list):
        return [p for i, v in enumerate(doc) for p in _nulls(v, f"{path}[{i}]")]
    return []


def _get(client: FlaskClient, url: str, status: int = 200) -> Any:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code, resp.data[:300])
    assert resp.mimetype == "application/json", url
    assert resp.headers["Access-Control-Allow-Origin"] == "*", url
    doc = resp.get_json()
    # an empty page still says so with an empty `contents`
    assert [p for p in _nulls(doc) if p != ".contents"] == [], (url, _nulls(doc))
    return doc


def _load(eco: Ecosystem, tmp_path: Path) -> None:
    """The ORUK example feed's service next to our own: active with sites, hours and a
    contract, suspended, planned, closed; and a person on a caseload."""
    report = eco.import_tables({
        "areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}],
        "providers": [{"id": "mind", "name": "MyCity Mind", "sector": "vcse",
                       "website": "https://mind.example.org"}],
        "commissioners": [{"id": "icb", "name": "Secret Paying ICB", "kind": "icb"}],
        "services": [
            {"id": "S1", "name": "Housing First", "provider_id": "mind", "areas": AREA,
             "domains": "housing", "sources": "practitioner", "types": "care; provision",
             "min_age": "18", "max_age": "64", "phone": "01632 960000",
             "opening_hours": "Mon-Fri 09:00-17:00",
             "sites": "Advice Hub, 22 Market Street, Exampleton, EX2 7HL @ 54.518,-1.561"},
            {"id": "S2", "name": "Debt Advice Drop-in", "provider_id": "mind", "areas": AREA,
             "domains": "money", "sources": "specialist", "types": "information",
             "status": "suspended"},
            {"id": "S3", "name": "Planned Peer Group", "provider_id": "mind", "areas": AREA,
             "domains": "connectedness", "sources": "peer", "types": "care",
             "status": "planned"},
            {"id": "S4", "name": "Closed Allotment Project", "provider_id": "mind",
             "areas": AREA, "domains": "connectedness", "sources": "community",
             "types": "provision", "status": "closed"},
        ],
        "contracts": [{"id": "C-secret", "commissioner_id": "icb", "service_id": "S1",
                       "annual_value": "123457", "start_date": "2025-04-01"}],
        "people": [{"person_ref": SECRET_PERSON, "age_band": "25-34", "area_id": AREA,
                    "key_worker": "kw-secret"}],
    })
    assert report.ok, report.issues
    result = eco.import_oruk(ORUK / "service_full.json", mapping=ORUK / "mapping.csv",
                             area=AREA)
    assert result.ok, result.report.issues


@pytest.fixture
def api(app: Flask, eco: Ecosystem, tmp_path: Path) -> Iterator[FlaskClient]:
    """A client that is not signed in, on the loaded map."""
    _load(eco, tmp_path)
    yield app.test_client()


def _pages(client: FlaskClient, kind: str, per_page: int) -> list[dict[str, Any]]:
    """Every page of a list, each checked: the envelope, every item, the paging fields."""
    pages, n = [], 1
    while True:
        doc = _get(client, f"/api/oruk/{kind}?page={n}&per_page={per_page}")
        assert _errors(PAGE, doc) == []
        for item in doc.get("contents", []):
            assert _errors(ITEMS[kind], item) == [], (kind, item.get("id"))
        pages.append(doc)
        if doc["last_page"]:
            break
        n += 1
        assert n < 50
    total = pages[0]["total_items"]
    assert all(p["total_items"] == total for p in pages)
    assert all(p["total_pages"] == len(pages) for p in pages)
    assert [p["page_number"] for p in pages] == list(range(1, len(pages) + 1))
    assert [p["first_page"] for p in pages] == [True] + [False] * (len(pages) - 1)
    assert [p["last_page"] for p in pages] == [False] * (len(pages) - 1) + [True]
    assert [p["size"] for p in pages] == [len(p.get("contents", [])) for p in pages]
    assert sum(p["size"] for p in pages) == total
    assert all(p["empty"] == (p["size"] == 0) for p in pages)
    return [item for p in pages for item in p.get("contents", [])]


def test_root_and_openapi(api: FlaskClient) -> None:
    root = _get(api, "/api/oruk/")
    assert _errors(ROOT, root) == []
    assert root["version"] == "3.0" and "uk-profile" in root["profile"]
    doc = _get(api, root["openapi_url"].replace("http://localhost", ""))
    assert doc["openapi"].startswith("3.") and doc["servers"][0]["url"].endswith("/api/oruk")
    for path in ("/services", "/services/{id}", "/taxonomies", "/taxonomies/{id}",
                 "/taxonomy_terms", "/taxonomy_terms/{id}", "/service_at_locations",
                 "/service_at_locations/{id}"):
        assert path in doc["paths"]


def test_every_endpoint_validates_across_pages(api: FlaskClient) -> None:
    services = _pages(api, "services", per_page=1)
    assert sorted(s["name"] for s in services) == sorted(
        ["Community Counselling", "Housing First", "Debt Advice Drop-in"])
    assert {s["status"] for s in services} == {"active", "temporarily closed"}
    for kind, per_page in (("taxonomies", 2), ("taxonomy_terms", 3),
                           ("service_at_locations", 1)):
        items = _pages(api, kind, per_page)
        assert items, kind
        ids = [x["id"] for x in items]
        assert len(ids) == len(set(ids)), kind
        for record_id in ids:
            one = _get(api, f"/api/oruk/{kind}/{record_id}")
            assert _errors(ONE[kind], one) == [], (kind, record_id)
            assert one["id"] == record_id
    for s in services:
        full = _get(api, f"/api/oruk/services/{s['id']}")
        assert _errors(ONE["services"], full) == [], s["id"]
        assert {k: full[k] for k in s} == s  # the list item is the record's one-to-one part
    feed = _get(api, f"/api/oruk/services/{FEED_SERVICE}")
    assert feed["service_at_locations"] and feed["attributes"]
    terms = {t["id"] for t in _pages(api, "taxonomy_terms", 100)}
    assert FEED_TERM in terms
    taxonomies = {t["name"] for t in _pages(api, "taxonomies", 100)}
    assert {"ecosystem-life-domain", "ecosystem-support-type",
            "ecosystem-support-source"} <= taxonomies


def test_no_sign_in_and_unknown_ids_are_json_404s(api: FlaskClient) -> None:
    for kind in ("services", "taxonomies", "taxonomy_terms", "service_at_locations"):
        doc = _get(api, f"/api/oruk/{kind}/00000000-0000-4000-8000-000000000000", 404)
        assert doc["status"] == 404 and "00000000-0000-4000-8000-000000000000" in doc["error"]
    assert "no such endpoint" in _get(api, "/api/oruk/organizations_nope", 404)["error"]
    bad = _get(api, "/api/oruk/services?page=two", 400)
    assert "'page'" in bad["error"] and "two" in bad["error"]
    assert "'per_page'" in _get(api, "/api/oruk/services?per_page=0", 400)["error"]
    # unknown and unsupported parameters are ignored
    doc = _get(api, "/api/oruk/services?colour=blue&postcode=EX2+7HL&proximity=1000")
    assert doc["total_items"] == 3


def test_closed_and_planned_services_are_not_published(api: FlaskClient) -> None:
    text = json.dumps(_pages(api, "services", 100))
    text += json.dumps(_pages(api, "service_at_locations", 100))
    assert "Closed Allotment Project" not in text and "Planned Peer Group" not in text
    ids = [s["id"] for s in _pages(api, "services", 100)]
    for name in ("S3", "S4"):
        from ecosystem.oruk.export import stable_uuid

        assert stable_uuid("service", name) not in ids
        _get(api, f"/api/oruk/services/{stable_uuid('service', name)}", 404)


def _everything(client: FlaskClient) -> str:
    out = [json.dumps(_get(client, "/api/oruk/"))]
    for kind in ("services", "taxonomies", "taxonomy_terms", "service_at_locations"):
        for item in _pages(client, kind, 100):
            out.append(json.dumps(_get(client, f"/api/oruk/{kind}/{item['id']}")))
    return "\n".join(out)


def test_nothing_about_people_contracts_or_money(api: FlaskClient) -> None:
    text = _everything(api)
    for secret in (SECRET_PERSON, "kw-secret", "Secret Paying ICB", "C-secret", "123457",
                   "funded partially", '"funding"', "annual_value", "person"):
        assert secret not in text, secret


def test_an_admin_setting_publishes_funding(app: Flask, eco: Ecosystem, tmp_path: Path) -> None:
    from web import create_app

    _load(eco, tmp_path)
    settings = dataclasses.replace(eco.settings, oruk_api_contracts=True)
    on = create_app(settings, Ecosystem(settings, eco.graph))
    on.config.update(TESTING=True)
    client = on.test_client()
    housing = next(s for s in _pages(client, "services", 100) if s["name"] == "Housing First")
    full = _get(client, f"/api/oruk/services/{housing['id']}")
    assert _errors(ONE["services"], full) == []
    assert [f["source"] for f in full["funding"]] == ["Secret Paying ICB"]
    text = _everything(client)
    assert "123457" not in text and SECRET_PERSON not in text  # still no values, no people


@pytest.mark.parametrize(("query", "names"), [
    ("search=housing", {"Housing First"}),
    ("text=COUNSELLING", {"Community Counselling"}),
    ("search=mycity+mind", {"Housing First", "Debt Advice Drop-in"}),
    (f"taxonomy_term_id={FEED_TERM}", {"Community Counselling"}),
    ("minimum_age=70", {"Community Counselling", "Debt Advice Drop-in"}),
    ("maximum_age=10", {"Debt Advice Drop-in"}),  # Counselling is 12+, Housing First 18+
    ("minimum_age=18&maximum_age=64",
     {"Housing First", "Community Counselling", "Debt Advice Drop-in"}),
    ("day=TU", {"Housing First"}),
    ("day=friday&start_time=09:00&end_time=17:00", {"Housing First"}),
    ("day=SA", set()),
])
def test_services_query_parameters(api: FlaskClient, query: str, names: set[str]) -> None:
    doc = _get(api, f"/api/oruk/services?{query}&per_page=100")
    assert {s["name"] for s in doc.get("contents", [])} == names
    assert doc["total_items"] == len(names) and doc["empty"] == (not names)


def test_taxonomy_and_organization_filters(api: FlaskClient) -> None:
    taxonomies = {t["name"]: t["id"] for t in _pages(api, "taxonomies", 100)}
    doc = _get(api, f"/api/oruk/services?taxonomy_id={taxonomies['ecosystem-life-domain']}")
    assert doc["total_items"] == 3
    housing = _get(api, "/api/oruk/services?search=housing")["contents"][0]
    doc = _get(api, f"/api/oruk/services?organization_id={housing['organization_id']}")
    assert {s["name"] for s in doc["contents"]} == {"Housing First", "Debt Advice Drop-in"}
    sal = _get(api, "/api/oruk/service_at_locations?search=housing")
    assert [x["service_id"] for x in sal["contents"]] == [housing["id"]]
