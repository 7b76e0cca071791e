"""Real ORUK / HSDS 3.0 files: each kind is recognised, and only services and organisations
are imported. The examples in tests/data/oruk_spec/ are the HSDS 3.0 specification's own
(openreferral/specification, branch 3.0, examples/; CC BY-SA 4.0, see LICENSE there)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import cli_env

from ecosystem import Ecosystem
from ecosystem.oruk.kinds import kind_of
from ecosystem.oruk.reader import read_feed

SPEC = Path(__file__).parent / "data" / "oruk_spec"
ORUK = Path(__file__).parent / "data" / "oruk"
AREA = "E06000999"


def _write(tmp_path: Path, name: str, doc: Any) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _contacts() -> list[dict[str, Any]]:
    location = json.loads((SPEC / "location.json").read_text())
    return list(location["contacts"])


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("record", "kind"), [
    (json.loads((SPEC / "location.json").read_text()), "location"),
    (json.loads((SPEC / "taxonomy_term_list.json").read_text())["contents"][0], "taxonomy_term"),
    (json.loads((SPEC / "taxonomy_list.json").read_text())["contents"][0], "taxonomy"),
    (json.loads((SPEC / "organization_list.json").read_text())["contents"][0], "organization"),
    (json.loads((SPEC / "service_at_location_full.json").read_text()),
     "service_at_location_full"),
    (json.loads((ORUK / "service_full.json").read_text()), "service"),
    (json.loads((ORUK / "organization_full.json").read_text()), "organization"),
    ({"id": "c1", "name": "Ann Persona", "title": "Reception Manager",
      "department": "Reception", "email": "ann@example.org"}, "contact"),
    ({"id": "p1", "number": "01632 960000", "type": "voice"}, "phone"),
    ({"id": "s1", "byday": "MO,TU", "opens_at": "09:00", "closes_at": "17:00"}, "schedule"),
    ({"id": "1", "name": "Old feed service", "service_taxonomys": [],
      "regular_schedules": []}, "oruk1_service"),
    ({"colour": "blue"}, "unknown"),
    ({"id": "o1", "name": "Riverside Mind", "description": "A local charity"}, "organization"),
])
def test_each_hsds_record_kind_is_recognised(record: dict[str, Any], kind: str) -> None:
    assert kind_of(record) == kind


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("name", "says"), [
    ("location.json", "an HSDS location, not a service or organization"),
    ("taxonomy_term_list.json", "an HSDS taxonomy term"),
    ("taxonomy_list.json", "an HSDS taxonomy, not"),
])
def test_wrong_kinds_of_file_are_named_and_refused(name: str, says: str) -> None:
    feed = read_feed(SPEC / name)
    assert not feed.services and not feed.organizations
    assert says in str(feed.issues[0])


@pytest.mark.no_neo4j
def test_a_list_of_contacts_is_not_a_list_of_providers(tmp_path: Path) -> None:
    feed = read_feed(_write(tmp_path, "contacts.json", _contacts()))
    assert not feed.organizations
    assert "an HSDS contact" in str(feed.issues[0])


@pytest.mark.no_neo4j
def test_an_oruk_1_feed_is_named(tmp_path: Path) -> None:
    old = {"id": "1", "name": "Debt advice", "status": "active", "organization": {"id": "o"},
           "service_taxonomys": [{"id": "t"}], "regular_schedules": []}
    feed = read_feed(_write(tmp_path, "v1.json", {"contents": [old], "totalPages": 1}))
    assert "ORUK 1.0" in str(feed.issues[0]) and not feed.services


@pytest.mark.no_neo4j
def test_an_empty_feed_says_so(tmp_path: Path) -> None:
    feed = read_feed(_write(tmp_path, "empty.json", {"contents": [], "total_pages": 0}))
    assert "has none" in str(feed.issues[0])


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("page", "complete"), [
    ({"total_pages": 1}, True),
    ({"total_pages": 3}, False),
    ({}, False),  # a page that does not say how many there are
    ({"total_items": 1}, True),
    ({"total_items": 40}, False),
    ({"first_page": True, "last_page": True}, True),
    ({"total_pages": 1, "last_page": False}, False),
])
def test_only_a_page_that_says_it_is_whole_marks_absent_services(
        tmp_path: Path, page: dict[str, Any], complete: bool) -> None:
    service = json.loads((ORUK / "service_full.json").read_text())
    feed = read_feed(_write(tmp_path, "page.json", {**page, "contents": [service]}))
    assert not feed.issues
    assert feed.complete is complete


@pytest.mark.no_neo4j
def test_tabular_cells_may_hold_line_separators(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "services.csv").write_text(
        'id,name,status,description\n'
        's1,Debt advice,active,"Free advice\u2028by phone\nor in person"\n', encoding="utf-8")
    feed = read_feed(folder)
    assert not feed.issues
    assert [s["description"] for s in feed.services] == ["Free advice\u2028by phone\nor in person"]


def test_a_service_at_location_full_imports_its_service(eco: Ecosystem) -> None:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    result = eco.import_oruk(SPEC / "service_at_location_full.json",
                             mapping=ORUK / "mapping_fallback.csv", area=AREA)
    assert result.ok, result.report.issues
    assert eco.counts()["Service"] == 1


def test_a_location_file_imports_nothing(eco: Ecosystem) -> None:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    result = eco.import_oruk(SPEC / "location.json", mapping=ORUK / "mapping_fallback.csv",
                             area=AREA)
    assert not result.ok
    assert eco.counts().get("Provider", 0) == 0 and eco.counts().get("Service", 0) == 0


def _service(**changes: Any) -> dict[str, Any]:
    return {**json.loads((ORUK / "service_full.json").read_text()), **changes}


def _stored(eco: Ecosystem) -> dict[str, Any]:
    rows = eco.graph.read("oruk/export_services")
    assert len(rows) == 1
    return dict(rows[0]["service"])


@pytest.fixture
def mycity(eco: Ecosystem) -> Ecosystem:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    return eco


@pytest.mark.parametrize(("ages", "stored"), [
    ({"minimum_age": -1, "maximum_age": -1}, (None, None)),  # live feeds' "no limit"
    ({"minimum_age": 18, "maximum_age": 999}, (18, None)),
    ({"minimum_age": 16.0, "maximum_age": 24}, (16, 24)),
])
def test_sentinel_ages_mean_no_limit(mycity: Ecosystem, tmp_path: Path,
                                     ages: dict[str, Any], stored: tuple[Any, Any]) -> None:
    result = mycity.import_oruk(_write(tmp_path, "s.json", _service(**ages)),
                                mapping=ORUK / "mapping.csv", area=AREA)
    assert result.ok, result.report.issues
    service = _stored(mycity)
    assert (service.get("min_age"), service.get("max_age")) == stored


@pytest.mark.parametrize("text", ['{"minimum_age": NaN}', '{"maximum_age": Infinity}',
                                  '{"minimum_age": "twelve"}'])
def test_ages_that_are_not_numbers_are_problems_not_tracebacks(
        mycity: Ecosystem, tmp_path: Path, text: str) -> None:
    service = json.dumps(_service())[:-1] + ", " + text[1:]
    path = tmp_path / "s.json"
    path.write_text(service)
    result = mycity.import_oruk(path, mapping=ORUK / "mapping.csv", area=AREA)
    assert not result.ok
    assert "number of years" in str(result.report.issues[0])


def test_hsds_code_matches_a_mapping_rule(mycity: Ecosystem, tmp_path: Path) -> None:
    (tmp_path / "mapping.csv").write_text(
        "kind,match,taxonomy,domains,types,sources,sector,note\n"
        "term,SUP-HOUSING,,housing,provision,practitioner,,HSDS 3.0 code\n"
        "fallback,*,,,,,vcse,\n")
    term = {"id": "t-1", "name": "Housing support", "description": "", "code": "SUP-HOUSING",
            "taxonomy": "council"}
    doc = _service(attributes=[{"id": "a-1", "taxonomy_term": term}])
    result = mycity.import_oruk(_write(tmp_path, "s.json", doc),
                                mapping=tmp_path / "mapping.csv", area=AREA)
    assert result.ok, result.report.issues
    assert not result.unmapped


def test_named_people_are_not_kept(mycity: Ecosystem, tmp_path: Path) -> None:
    location = json.loads((SPEC / "location.json").read_text())  # Ann Persona, with her email
    doc = _service(service_at_locations=[{"id": "sal-1", "location": location}])
    result = mycity.import_oruk(_write(tmp_path, "s.json", doc), mapping=ORUK / "mapping.csv",
                                area=AREA)
    assert result.ok, result.report.issues
    kept = json.dumps(_stored(mycity), default=str)
    assert "Reception Manager" in kept
    assert "Ann Persona" not in kept and "email@example.com" not in kept
    assert "A. Persona" not in kept  # the address's attention line


def _numbered(*names: str) -> list[dict[str, Any]]:
    out = []
    for n, name in enumerate(names, start=1):
        out.append(_service(id=f"{n:08d}-0000-4000-8000-00000000000{len(names)}", name=name))
    return out


def test_two_councils_feeds_live_side_by_side(mycity: Ecosystem, tmp_path: Path) -> None:
    north = _service(id="11111111-0000-4000-8000-000000000000", name="North debt advice")
    south = _service(id="22222222-0000-4000-8000-000000000000", name="South debt advice")
    first = mycity.import_oruk(_write(tmp_path, "north.json", [north]),
                               mapping=ORUK / "mapping.csv", area=AREA)
    second = mycity.import_oruk(_write(tmp_path, "south.json", [south]),
                                mapping=ORUK / "mapping.csv", area=AREA)
    assert first.ok and second.ok
    assert (first.feed_name, second.feed_name) == ("north", "south")
    assert second.removed == []  # the first council's services are not "gone from the feed"
    published = {r["service"]["name"] for r in mycity.graph.read("oruk/export_services")}
    assert published == {"North debt advice", "South debt advice"}


def test_skip_invalid_imports_the_valid_records(mycity: Ecosystem, tmp_path: Path) -> None:
    good = _service(id="11111111-0000-4000-8000-000000000000", name="Good")
    bad = _service(id="22222222-0000-4000-8000-000000000000", name="Bad", minimum_age="old")
    path = _write(tmp_path, "feed.json", [good, bad])
    refused = mycity.import_oruk(path, mapping=ORUK / "mapping.csv", area=AREA)
    assert not refused.ok and mycity.counts().get("Service", 0) == 0
    result = mycity.import_oruk(path, mapping=ORUK / "mapping.csv", area=AREA,
                                skip_invalid=True)
    assert result.report.written
    assert [s["name"] for s in [_stored(mycity)]] == ["Good"]
    assert "minimum_age" in str(result.report.issues[0])
    assert result.removed == []  # a skipped record is still in the feed


def test_services_without_an_organisation_take_the_named_provider(
        mycity: Ecosystem, tmp_path: Path) -> None:
    bare = {k: v for k, v in _service().items() if k != "organization"}
    path = _write(tmp_path, "bare.json", bare)
    refused = mycity.import_oruk(path, mapping=ORUK / "mapping_fallback.csv", area=AREA)
    assert "--provider" in str(refused.report.issues)
    result = mycity.import_oruk(path, mapping=ORUK / "mapping_fallback.csv", area=AREA,
                                provider="MyCity Council")
    assert result.ok, result.report.issues
    rows = mycity.graph.read("oruk/export_services")
    assert rows[0]["provider"]["name"] == "MyCity Council"


def test_cli_skip_invalid_writes_the_rejects(mycity: Ecosystem, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ecosystem.cli import cli

    good = _service(id="11111111-0000-4000-8000-000000000000", name="Good")
    bad = _service(id="22222222-0000-4000-8000-000000000000", name="Bad", minimum_age="old")
    path = _write(tmp_path, "feed.json", [good, bad])
    env = cli_env(mycity, tmp_path)
    r = CliRunner().invoke(cli, ["import-oruk", str(path), "--mapping",
                                 str(ORUK / "mapping.csv"), "--area", AREA, "--skip-invalid"],
                           env=env)
    assert r.exit_code == 0, r.output
    assert "Feed name: feed" in r.output
    assert "minimum_age" in (tmp_path / "feed.json.rejected.csv").read_text()


def test_a_shallow_list_item_keeps_the_detail_of_a_full_import(
        mycity: Ecosystem, tmp_path: Path) -> None:
    full = _service()
    assert mycity.import_oruk(_write(tmp_path, "feed.json", full), mapping=ORUK / "mapping.csv",
                              area=AREA).ok
    before = _stored(mycity)
    # A /services list item: the service's own fields, none of its lists.
    shallow = {k: full[k] for k in ("id", "name", "url", "email", "status", "minimum_age",
                                    "maximum_age", "organization")}
    shallow["description"] = "A new description"
    page = {"contents": [shallow], "total_items": 1, "total_pages": 1}
    result = mycity.import_oruk(_write(tmp_path, "feed.json", page),
                                mapping=ORUK / "mapping.csv")  # no --area: the map has it
    assert result.ok, result.report.issues
    assert result.report.counts["services"].updated == 1
    after = _stored(mycity)
    assert after["description"] == "A new description"
    for kept in ("locations", "cost_options", "taxonomy_terms", "funding", "accessibility",
                 "opening_hours"):
        assert after.get(kept) == before.get(kept) and before.get(kept), kept
    row = mycity.graph.read("oruk/export_services")[0]
    assert [d["id"] for d in row["domains"]] == ["connectedness"]
    assert [a["id"] for a in row["areas"]] == [AREA]
    # What a list item does carry replaces what was there; an empty list is said, not absent.
    emptied = {**shallow, "cost_options": []}
    assert mycity.import_oruk(_write(tmp_path, "feed.json", {"contents": [emptied]}),
                              mapping=ORUK / "mapping.csv").ok
    assert not _stored(mycity).get("cost_options")
    assert _stored(mycity)["locations"] == before["locations"]


def _bare(sid: str, name: str, description: str, **more: Any) -> dict[str, Any]:
    """A live-feed service: no taxonomy terms at all."""
    base = {k: v for k, v in _service().items() if k != "attributes"}
    return {**base, "id": sid, "name": name, "description": description, **more}


NO_TAXONOMY = [
    _bare("11111111-0000-4000-8000-000000000001", "Debt advice drop-in",
          "Free, confidential help with debts and bills. Just turn up on Tuesdays."),
    _bare("11111111-0000-4000-8000-000000000002", "Tenancy sustainment",
          "Helps people keep their home and avoid eviction."),
    _bare("11111111-0000-4000-8000-000000000003", "Wellbeing cafe", "A friendly place.",
          audiences=["People who are lonely or isolated"]),
]


@pytest.mark.no_neo4j
def test_suggestions_from_a_services_own_words() -> None:
    from ecosystem.oruk.suggest import suggest

    debt, tenancy, cafe = (suggest(s) for s in NO_TAXONOMY)
    assert (debt.domains, debt.types) == (("money",), ("information",))
    assert (tenancy.domains, tenancy.types) == (("housing",), ("care",))
    assert cafe.domains == ("connectedness",)  # from the vendor's audience tags
    assert suggest({"name": "Community Counselling"}).domains == ()


def test_a_feed_with_no_taxonomy_imports_with_suggested_classifications(
        mycity: Ecosystem, tmp_path: Path) -> None:
    path = _write(tmp_path, "live.json", {"contents": NO_TAXONOMY, "total_pages": 1})
    # The shipped default mapping: no term maps, and its fallback row gives no domain.
    result = mycity.import_oruk(path, area=AREA)
    assert result.ok, result.report.issues
    rows = {r.name: r for r in mycity.suggested_classifications()}
    assert [d.id for d in rows["Debt advice drop-in"].domains] == ["money"]
    assert [t.id for t in rows["Debt advice drop-in"].types] == ["information"]
    assert [d.id for d in rows["Tenancy sustainment"].domains] == ["housing"]
    assert all(d.suggested for r in rows.values() for d in r.domains)
    # Re-imported unchanged, they stay suggested.
    assert mycity.import_oruk(path, area=AREA).ok
    assert len(mycity.suggested_classifications()) == 3
