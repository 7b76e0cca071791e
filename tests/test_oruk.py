"""Open Referral UK import and export, against a real Neo4j.

The example feeds and schemas in tests/data are copies of the Open Referral UK examples and
published schema (CC BY-SA 4.0, see the LICENSE files there).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import TEST_KEY

from ecosystem import Ecosystem
from ecosystem.oruk.export import export_page, to_json
from ecosystem.oruk.mapping import default_text

DATA = Path(__file__).parent / "data"
ORUK = DATA / "oruk"
SCHEMA = DATA / "oruk_schema"
MAPPING = ORUK / "mapping.csv"
AREA = "E06000001"
SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORG_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    report = eco.import_tables({"areas": [{"id": AREA, "name": "MyCity",
                                           "level": "local_authority"}]})
    assert report.ok, report.issues
    return eco


def example() -> dict[str, Any]:
    return json.loads((ORUK / "service_full.json").read_text())


def write(tmp_path: Path, name: str, doc: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return path


def services(eco: Ecosystem) -> dict[str, dict[str, Any]]:
    """Every service as export sees it (graph rows, not yet ORUK), by our id."""
    rows = eco.graph.read("oruk/export_services")
    return {r["service"]["id"]: r for r in rows}


def all_services(eco: Ecosystem) -> int:
    return eco.counts().get("Service", 0)


def test_import_service_full(area: Ecosystem) -> None:
    result = area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA)
    assert result.ok, result.report.issues
    assert result.report.counts["services"].created == 1
    assert result.report.counts["providers"].created == 1
    row = services(area)["oruk:" + SERVICE_ID]
    s = row["service"]
    assert s["name"] == "Community Counselling"
    assert (s["min_age"], s["max_age"]) == (12, 100)
    assert s["source"] == "service-full" and s["source_id"] == SERVICE_ID and s["in_feed"] is True
    assert len(s["locations"]) == 1 and "A. Persona" not in s["locations"][0]
    assert json.loads(s["cost_options"][0])["amount"] == 35
    assert s["funding"][0].startswith("This service is funded partially")
    assert s["funder_ids"] == []
    assert [d["id"] for d in row["domains"]] == ["connectedness"]
    assert sorted(t["id"] for t in row["types"]) == ["care", "societal"]
    assert [x["id"] for x in row["sources"]] == ["peer"]
    assert row["provider"] == {"id": "oruk:" + ORG_ID, "name": "Example Organization Inc.",
                               "sector": "vcse", "website": "http://example.com"}
    assert [a["id"] for a in row["areas"]] == [AREA]
    # free-text funding is listed, not turned into a commissioner
    assert list(result.unconfirmed_funders.values()) == [[SERVICE_ID]]
    assert area.counts().get("Commissioner", 0) == 0
    assert result.removed == []  # a single service is not a whole feed


def test_an_oruk_import_is_in_the_services_history(area: Ecosystem) -> None:
    assert area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                            actor="feed-bot").ok
    (created,) = area.entry_history("services", "oruk:" + SERVICE_ID)
    assert (created.source, created.by, created.action) == (
        "ORUK feed: service-full", "feed-bot", "created")
    assert ("name", "", "Community Counselling") in [
        (f.field, f.before, f.after) for f in created.fields]


def test_unmapped_terms_are_listed_and_block_the_import(area: Ecosystem, tmp_path: Path
                                                       ) -> None:
    before = area.counts()
    result = area.import_oruk(ORUK / "service_full.json", area=AREA)  # the default mapping
    assert not result.report.written
    assert area.counts() == before
    messages = [(i.origin, i.column) for i in result.report.issues]
    assert (f"service_full.json: service {SERVICE_ID}", "attributes") in messages
    assert any("life domain" in i.message for i in result.report.issues)
    assert [(t[1], t[2]) for t in result.unmapped] == [("3f7b145d-84af-42d7-8fae-eaca714b02b2",
                                                        "name")]
    out = tmp_path / "unmapped.csv"
    result.write_unmapped(out)
    rows = list(csv.DictReader(out.open()))
    assert rows[0]["kind"] == "term" and rows[0]["match"] == "name"
    assert rows[0]["taxonomy"] == "taxonomy" and rows[0]["domains"] == ""
    # filled in by hand and added to the default mapping, it makes a working one
    rows[0].update(domains="connectedness", types="care", sources="peer")
    finished = tmp_path / "mapping.csv"
    with finished.open("w", newline="") as f:
        f.write(default_text())
        csv.DictWriter(f, fieldnames=list(rows[0])).writerows(rows)
    result = area.import_oruk(ORUK / "service_full.json", mapping=finished, area=AREA)
    assert result.ok, result.report.issues


def test_import_page_organization_and_csv(area: Ecosystem) -> None:
    page = area.import_oruk(ORUK / "service_list.json", mapping=ORUK / "mapping_fallback.csv",
                       area=AREA)
    assert page.ok, page.report.issues
    assert not page.feed.complete  # page 1 of 10: nothing can be marked as gone
    org = area.import_oruk(ORUK / "organization_full.json", mapping=MAPPING, area=AREA)
    assert org.ok, org.report.issues
    assert org.report.counts["services"].updated == 1
    tabular = area.import_oruk(ORUK / "csv", mapping=ORUK / "mapping_fallback.csv", area=AREA)
    assert tabular.ok, tabular.report.issues
    assert all_services(area) == 1 and area.counts()["Provider"] == 1
    s = services(area)["oruk:" + SERVICE_ID]["service"]
    assert (s["min_age"], s["max_age"]) == (12, 100)  # numbers from CSV text
    assert json.loads(s["locations"][0])["addresses"][0]["address_2"] == "MyVillage"
    assert json.loads(s["cost_options"][0])["amount"] == 35
    assert len(s["funding"]) == 1


def test_service_area_by_ons_code(area: Ecosystem, tmp_path: Path) -> None:
    doc = example()
    doc["service_areas"][0]["uri"] = f"http://statistics.data.gov.uk/id/statistical-geography/{AREA}"
    result = area.import_oruk(write(tmp_path, "s.json", doc), mapping=MAPPING)
    assert result.ok, result.report.issues
    doc["service_areas"][0]["uri"] = "http://example.com"
    result = area.import_oruk(write(tmp_path, "s.json", doc), mapping=MAPPING)
    assert not result.ok
    assert [(i.column, i.row) for i in result.report.issues] == [("service_areas", None)]


def broken_variants() -> list[tuple[str, Any, str, str]]:
    """(name, document, record named in the issue, field)."""
    out: list[tuple[str, Any, str, str]] = []
    d = example()
    del d["id"]
    out.append(("missing id", [d], "service record 2", "id"))
    d = example()
    d["minimum_age"] = "twelve"
    out.append(("bad age", [d], f"service {SERVICE_ID}", "minimum_age"))
    d = example()
    d["name"] = 42
    out.append(("bad name", [d], f"service {SERVICE_ID}", "name"))
    d = example()
    d["service_areas"] = "all of MyCity"
    out.append(("bad areas", [d], f"service {SERVICE_ID}", "service_areas"))
    d = example()
    d["status"] = "open"
    out.append(("bad status", [d], f"service {SERVICE_ID}", "status"))
    d = example()
    del d["organization"]
    out.append(("no organisation", [d], f"service {SERVICE_ID}", "organization"))
    d = example()
    d["organization"]["name"] = ""
    out.append(("organisation without name", [d], f"organization {ORG_ID}", "name"))
    out.append(("wrong structure", {"contents": "nothing"}, "", "contents"))
    return out


@pytest.mark.parametrize("name,doc,record,fieldname", broken_variants(),
                         ids=[v[0] for v in broken_variants()])
def test_broken_feed_names_record_and_field_and_writes_nothing(
        area: Ecosystem, tmp_path: Path, name: str, doc: Any, record: str, fieldname: str
) -> None:
    good = example()
    good["id"] = "11111111-1111-4111-8111-111111111111"  # a valid record next to the broken one
    good["organization"]["id"] = "22222222-2222-4222-8222-222222222222"
    if isinstance(doc, list):
        doc = [good, *doc]
    before = area.counts()
    result = area.import_oruk(write(tmp_path, "feed.json", doc), mapping=MAPPING, area=AREA)
    assert not result.report.written
    assert area.counts() == before  # nothing half-imported
    hits = [i for i in result.report.issues
            if i.origin.endswith(record) and i.column == fieldname]
    assert hits, [str(i) for i in result.report.issues]


def test_not_json_and_not_a_feed(area: Ecosystem, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert "not valid JSON" in str(area.import_oruk(bad, mapping=MAPPING).report.issues[0])
    assert not area.import_oruk(write(tmp_path, "n.json", 42), mapping=MAPPING).ok
    assert not area.import_oruk(write(tmp_path, "l.json", ["x"]), mapping=MAPPING).ok
    assert all_services(area) == 0


def _feed(*names: str) -> list[dict[str, Any]]:
    out = []
    for n, name in enumerate(names, start=1):
        d = example()
        d["id"] = f"{n:08d}-0000-4000-8000-000000000000"
        d["name"] = name
        out.append(d)
    return out


def test_reimport_updates_marks_removed_and_never_duplicates(area: Ecosystem, tmp_path: Path
                                                             ) -> None:
    a, b, c = _feed("A", "B", "C")
    first = area.import_oruk(write(tmp_path, "f.json", [a, b]), mapping=MAPPING, area=AREA)
    assert first.ok and first.report.counts["services"].created == 2
    again = area.import_oruk(write(tmp_path, "f.json", [a, b]), mapping=MAPPING, area=AREA)
    assert again.report.counts["services"].unchanged == 2 and again.removed == []
    a2 = copy.deepcopy(a)
    a2["name"] = "A renamed"
    day = dt.date(2026, 3, 1)
    update = area.import_oruk(write(tmp_path, "f.json", {"total_pages": 1, "contents": [a2, c]}),
                         mapping=MAPPING, area=AREA, today=day)
    assert update.ok, update.report.issues
    counts = update.report.counts["services"]
    assert (counts.created, counts.updated, counts.unchanged) == (1, 1, 0)
    assert update.removed == ["oruk:" + b["id"]]
    assert all_services(area) == 3  # B is kept, marked
    rows = area.graph.read("oruk/export_services")
    assert sorted(r["service"]["name"] for r in rows) == ["A renamed", "C"]  # B not published
    # B comes back: no longer marked
    back = area.import_oruk(write(tmp_path, "f.json", [a2, b, c]), mapping=MAPPING, area=AREA)
    assert back.ok and back.removed == []
    assert all_services(area) == 3
    assert {r["service"]["name"] for r in area.graph.read("oruk/export_services")} == {
        "A renamed", "B", "C"}
    # an import of another feed leaves this one's services alone
    other = area.import_oruk(write(tmp_path, "g.json", [_feed("X")[0] | {
        "id": "99999999-0000-4000-8000-000000000000"}]), mapping=MAPPING, area=AREA,
        feed_name="other")
    assert other.ok and other.removed == []


def test_funders_only_when_confirmed(area: Ecosystem, tmp_path: Path) -> None:
    result = area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                         confirm_funders=True)
    assert result.ok, result.report.issues
    assert result.unconfirmed_funders == {}
    assert area.counts()["Commissioner"] == 1
    s = services(area)["oruk:" + SERVICE_ID]["service"]
    assert len(s["funder_ids"]) == 1 and s["funder_ids"][0].startswith("oruk-funder:")

    text = example()["funding"][0]["source"]
    funders = tmp_path / "funders.csv"
    with funders.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "commissioner_id", "name", "kind"])
        w.writerow([text, "mycity-council", "MyCity Council", "local_authority"])
    result = area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                         funders_file=funders)
    assert result.ok, result.report.issues
    assert services(area)["oruk:" + SERVICE_ID]["service"]["funder_ids"] == ["mycity-council"]


def validators() -> tuple[jsonschema.protocols.Validator, jsonschema.protocols.Validator]:
    service = json.loads((SCHEMA / "service.json").read_text())
    page = json.loads((SCHEMA / "openapi.json").read_text())["components"]["schemas"]["Page"]
    checker = jsonschema.FormatChecker()
    return (jsonschema.Draft202012Validator(service, format_checker=checker),
            jsonschema.Draft202012Validator(page, format_checker=checker))


def assert_valid(page: dict[str, Any]) -> None:
    service_v, page_v = validators()
    page_v.validate(page)
    for item in page["contents"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in service_v.iter_errors(item)]
        assert not errors, errors


@pytest.mark.no_neo4j
def test_examples_validate_against_the_copied_schema() -> None:
    assert_valid({"total_pages": 1, "contents": [example()]})


def test_export_validates_and_round_trips(area: Ecosystem, tmp_path: Path) -> None:
    # a native service (not from a feed) next to an imported one
    report = area.import_tables({
        "providers": [{"id": "mind", "name": "MyCity Mind", "sector": "vcse"}],
        "commissioners": [{"id": "icb", "name": "MyCity ICB", "kind": "icb"}],
        "services": [{"id": "S1", "name": "Housing First", "provider_id": "mind",
                      "areas": AREA, "domains": "housing", "sources": "practitioner",
                      "types": "care; provision", "status": "planned", "min_age": "18"}],
        "contracts": [{"id": "C1", "commissioner_id": "icb", "service_id": "S1",
                       "annual_value": "100000", "start_date": "2025-04-01"}],
    })
    assert report.ok, report.issues
    assert area.import_oruk(ORUK / "service_full.json", mapping=MAPPING, area=AREA,
                            feed_name="directory").ok
    page = export_page(area.graph)
    assert_valid(page)
    assert page["total_items"] == 2
    by_name = {s["name"]: s for s in page["contents"]}
    assert by_name["Community Counselling"]["id"] == SERVICE_ID
    native = by_name["Housing First"]
    assert native["status"] == "inactive" and native["minimum_age"] == 18
    assert native["funding"][0]["source"] == "MyCity ICB"
    terms = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["term"])
             for a in native["attributes"]}
    assert terms == {("ecosystem-life-domain", "housing"),
                     ("ecosystem-support-source", "practitioner"),
                     ("ecosystem-support-type", "care"), ("ecosystem-support-type", "provision")}
    assert export_page(area.graph) == page  # stable ids

    # import -> export -> import: the same graph, every record unchanged
    path = tmp_path / "export.json"
    path.write_text(to_json(page))
    before = area.counts()
    imported = {s["id"] for s in page["contents"] if s["name"] == "Community Counselling"}
    again = area.import_oruk(tmp_path / "export.json", mapping=MAPPING,  # no --area needed
                             feed_name="directory")
    assert again.ok, again.report.issues
    assert area.counts() == before
    assert again.report.counts["services"].unchanged == 1, again.report.counts
    assert again.report.counts["providers"].unchanged == 1
    assert imported == {SERVICE_ID}
    assert again.conversion.skipped_own == ["S1"]  # our own record is not copied

    # and into an empty map, then out again: the same ORUK document for the feed's service
    area.clear()
    area.init()
    area.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    fresh = area.import_oruk(path, mapping=MAPPING)
    assert fresh.ok, fresh.report.issues
    out = export_page(area.graph)
    assert_valid(out)
    assert {s["id"] for s in out["contents"]} == {s["id"] for s in page["contents"]}
    assert [s for s in out["contents"] if s["id"] == SERVICE_ID] == [by_name[
        "Community Counselling"]]


def test_cli(area: Ecosystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecosystem.cli import cli

    s = area.settings
    for k, v in {"NEO4J_URI": s.neo4j_uri, "NEO4J_USER": s.neo4j_user,
                 "NEO4J_PASSWORD": s.neo4j_password, "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
                 "ECOSYSTEM_DATA_DIR": str(tmp_path)}.items():
        monkeypatch.setenv(k, v or "")
    runner = CliRunner()
    unmapped = tmp_path / "unmapped.csv"
    r = runner.invoke(cli, ["import-oruk", str(ORUK / "service_full.json"), "--area", AREA,
                            "--unmapped-out", str(unmapped)])
    assert r.exit_code == 1 and "Nothing was imported" in r.output
    assert "attributes" in r.output and unmapped.exists()
    r = runner.invoke(cli, ["import-oruk", str(ORUK / "service_full.json"), "--area", AREA,
                            "--mapping", str(MAPPING)])
    assert r.exit_code == 0, r.output
    assert "services: 1 created" in r.output and "Unconfirmed funders" in r.output
    out = tmp_path / "out.json"
    r = runner.invoke(cli, ["export-oruk", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert_valid(json.loads(out.read_text()))


def test_a_service_removed_from_its_feed_is_not_offered_as_an_option(
        area: Ecosystem, tmp_path: Path) -> None:
    from ecosystem.analyses.eligibility import Profile

    a, b = _feed("A", "B")
    assert area.import_oruk(write(tmp_path, "f.json", [a, b]), mapping=MAPPING, area=AREA).ok
    client = Profile(area_id=AREA, needs=("connectedness",))

    def offered() -> tuple[list[str], dict[str, tuple[str, ...]]]:
        [need] = area.options(client).needs
        return ([o.name for o in need.options],
                {n.name: n.reasons for n in need.not_eligible})

    assert offered()[0] == ["A", "B"]
    whole = {"total_pages": 1, "contents": [a]}
    day = dt.date(2026, 3, 1)
    assert area.import_oruk(write(tmp_path, "f.json", whole), mapping=MAPPING, area=AREA,
                            today=day).removed == ["oruk:" + b["id"]]
    shown, refused = offered()
    assert shown == ["A"]  # the council no longer lists B: it may have closed
    assert refused == {"B": ("Removed from its directory feed on 1 March 2026",)}
