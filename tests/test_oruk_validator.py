"""The official ORUK validator's fixtures: each file imports, or is refused with a message that
says what it is or what is wrong. The files in tests/data/oruk_validator/ are copied from
OpenReferralUK/oruk-validator (OpenReferralApi/Mocks/V3.0-UK-*; see the README there).

Default holds good examples of every endpoint's answer; Warn and Fail the same with the faults
the validator warns about or fails; Test the lists it tests its own checks with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecosystem import Ecosystem
from ecosystem.oruk.export import publish
from ecosystem.oruk.kinds import kind_of
from ecosystem.oruk.reader import read_feed

DATA = Path(__file__).parent / "data" / "oruk_validator"
ORUK = Path(__file__).parent / "data" / "oruk"
AREA = "E06000999"
SERVICE = "ac148810-d857-441c-9679-408f346de14b"  # Community Counselling, in every variant
VARIANTS = ("Default", "Warn", "Fail", "Test")

TAXONOMY = "an HSDS taxonomy, not a service or organization"
TERM = "an HSDS taxonomy term, not a service or organization"
API = "the details of an ORUK API (its version and openapi_url), not a service"
NO_SERVICES = "with no services: this tool imports services"

# (variant, file) -> the services it imports, by name. Fail's faults these tolerate are
# explained in the tests below.
IMPORTS: dict[tuple[str, str], list[str]] = {
    **{(v, f): ["Community Counselling"] for v in VARIANTS
       for f in ("service_full.json", "service_at_location_full.json",
                 "service_at_location_list.json")},
    **{(v, "organization_full.json"): ["Community Counselling"]
       for v in ("Warn", "Fail", "Test")},
    ("Default", "organization.json"): ["Community Counselling"],
    ("Default", "service_list.json"): ["Community Counselling"],
    ("Warn", "service_list.json"): ["Community Counselling"],
}
# (variant, file) -> what the refusal says (the first problem).
REFUSED: dict[tuple[str, str], str] = {
    **{(v, "api_details.json"): API for v in VARIANTS},
    **{(v, "organization_list.json"): NO_SERVICES for v in VARIANTS},
    **{(v, f): TAXONOMY for v in VARIANTS for f in ("taxonomy.json", "taxonomy_list.json")},
    **{(v, f): TERM for v in VARIANTS
       for f in ("taxonomy_term.json", "taxonomy_term_list.json")},
}
# The faulty service lists: their own tests below.
FAULTY = {("Fail", "service_list.json"), ("Test", "service_list.json"),
          ("Test", "service_list_data.json")}


def _key(path: Path) -> tuple[str, str]:
    return path.parent.name, path.name


@pytest.fixture
def mycity(eco: Ecosystem) -> Ecosystem:
    eco.import_tables({"areas": [{"id": AREA, "name": "MyCity", "level": "local_authority"}]})
    return eco


def _import(eco: Ecosystem, variant: str, name: str) -> Any:
    # The fixtures name no area the map holds and carry no taxonomy terms: --area, and the
    # fallback mapping that classifies every service.
    return eco.import_oruk(DATA / variant / name, mapping=ORUK / "mapping_fallback.csv",
                           area=AREA)


def _services(eco: Ecosystem) -> list[dict[str, Any]]:
    return [dict(r["service"]) for r in eco.graph.read("oruk/export_services")]


@pytest.mark.no_neo4j
def test_every_copied_fixture_has_an_expected_outcome() -> None:
    files = {_key(p) for p in DATA.glob("*/*.json")}
    assert len(files) == 45
    assert files == set(IMPORTS) | set(REFUSED) | FAULTY
    assert not set(IMPORTS) & set(REFUSED)


@pytest.mark.parametrize(("variant", "name"), sorted(IMPORTS))
def test_fixture_imports_its_services(mycity: Ecosystem, variant: str, name: str) -> None:
    result = _import(mycity, variant, name)
    assert result.ok, result.report.issues
    services = _services(mycity)
    assert sorted(s["name"] for s in services) == IMPORTS[variant, name]
    assert [s["source_id"] for s in services] == [SERVICE]


@pytest.mark.parametrize(("variant", "name"), sorted(REFUSED))
def test_fixture_is_refused_naming_what_it_is(mycity: Ecosystem, variant: str,
                                              name: str) -> None:
    result = _import(mycity, variant, name)
    assert not result.ok
    assert str(result.report.issues[0]).startswith(name + ":")
    assert REFUSED[variant, name] in str(result.report.issues[0])
    counts = mycity.counts()
    assert counts.get("Service", 0) == 0 and counts.get("Provider", 0) == 0


@pytest.mark.no_neo4j
def test_an_organization_list_is_not_silently_a_feed() -> None:
    # Default's page 1 of 10 holds ten organisations and no services: before, it "imported"
    # their providers and no service, with no problem reported.
    feed = read_feed(DATA / "Default" / "organization_list.json")
    assert not feed.services
    assert [str(i) for i in feed.issues] == [
        "organization_list.json: HSDS organizations (10 of them) with no services: this tool "
        "imports services, so give it the API's services, or organization_full records "
        "carrying their services"]


def test_fail_service_list_names_each_record_and_field(mycity: Ecosystem) -> None:
    # Every record lost its name, two have the same id, and the emails are not text. Before,
    # a service without a name was "not an HSDS service or organization".
    result = _import(mycity, "Fail", "service_list.json")
    assert not result.ok
    problems = [str(i) for i in result.report.issues]
    for sid in (SERVICE, "b644a0d2-9e8a-4c33-9390-ae9ee93fc056",
                "e85f5bb0-62f0-42cc-a08a-0c5c16273090", f"{SERVICE} (record 4)"):
        assert (f"service_list.json: service {sid}, column 'name': a value is required"
                in problems), problems
    assert (f"service_list.json: service {SERVICE} (record 4), column 'id': got '{SERVICE}': "
            "a unique id; service record 1 has the same") in problems
    assert (f"service_list.json: service {SERVICE} (record 4), column 'email': got '12345': "
            "text") in problems
    # JSON's false, as the file has it (not Python's False).
    assert ("service_list.json: service e85f5bb0-62f0-42cc-a08a-0c5c16273090, column "
            "'email': got 'false': text") in problems
    assert mycity.counts().get("Service", 0) == 0


@pytest.mark.parametrize("name", ["service_list.json", "service_list_data.json"])
def test_test_service_lists_are_refused_for_their_repeated_id(mycity: Ecosystem,
                                                              name: str) -> None:
    # The validator's own test list: one service repeated 128 times with fields left out,
    # some without an organisation.
    result = _import(mycity, "Test", name)
    assert not result.ok
    problems = [str(i) for i in result.report.issues]
    # Each repeat is named by its record number too: 127 problems all reading "service
    # ac148810-..." would not say which records to look at.
    for n in (2, 128):
        assert (f"{name}: service {SERVICE} (record {n}), column 'id': got '{SERVICE}': a "
                "unique id; service record 1 has the same") in problems
    assert (f"{name}: service {SERVICE} (record 6), column 'organization': a value is "
            "required (organization or organization_id, or name the feed's provider with "
            "--provider)") in problems
    assert mycity.counts().get("Service", 0) == 0


def test_fail_service_full_imports_without_its_bad_url_and_email(mycity: Ecosystem) -> None:
    # Its url ('example/counselling') is not a uri and its email ('email-example_com') not an
    # email. Those details are left out, as any odd detail is (docs/oruk.md), rather than
    # refusing the service; export-oruk leaves the url out with a warning.
    result = _import(mycity, "Fail", "service_full.json")
    assert result.ok, result.report.issues
    (service,) = _services(mycity)
    assert service.get("email") is None and service.get("website") is None
    published = publish(mycity.graph)
    assert "url" not in published.page["contents"][0]
    assert any("field 'url': 'example/counselling' is not a 'uri'" in w
               for w in published.warnings), published.warnings


def test_fail_service_at_location_list_is_one_page_of_several(mycity: Ecosystem) -> None:
    # It says page 1 of 10 (10 items) but holds one: its service imports, and nothing is
    # taken as gone from the feed.
    result = _import(mycity, "Fail", "service_at_location_list.json")
    assert result.ok, result.report.issues
    assert not result.feed.complete and result.removed == []


def test_default_service_at_location_full_keeps_its_location(mycity: Ecosystem) -> None:
    # Warn's and Fail's copy has another id than the one the validator asked for; a file has
    # no request to compare with, so the three import alike.
    sal = json.loads((DATA / "Default" / "service_at_location_full.json").read_text())
    assert _import(mycity, "Default", "service_at_location_full.json").ok
    (service,) = _services(mycity)
    assert [json.loads(x)["service_at_location_id"] for x in service["locations"]] \
        == [sal["id"]]


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("record", "kind"), [
    (json.loads((DATA / "Default" / "api_details.json").read_text()), "api_details"),
    (json.loads((DATA / "Fail" / "api_details.json").read_text()), "api_details"),
    (json.loads((DATA / "Fail" / "service_list.json").read_text())["contents"][0], "service"),
    ({"version": "1.0", "name": "A taxonomy"}, "taxonomy"),
])
def test_api_details_and_nameless_services_are_recognised(record: dict[str, Any],
                                                         kind: str) -> None:
    assert kind_of(record) == kind
