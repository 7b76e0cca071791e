"""The demo area: its size, its spread, and the ingredients of its planted findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from ecosystem import Ecosystem, dates
from ecosystem.demo.area import generate
from ecosystem.vocabulary import DOMAIN_IDS, SOURCE_IDS, TYPE_IDS

RECORDS = generate(as_of=dates.today())


def _split(v: object) -> list[str]:
    return [x.strip() for x in str(v or "").split(";") if x.strip()]


def test_demo_loads_completely(demo: Ecosystem) -> None:
    counts = demo.counts()
    assert counts["Service"] == len(RECORDS["services"]) >= 60
    assert counts["Commissioner"] == len(RECORDS["commissioners"]) >= 12
    assert counts["Contract"] == len(RECORDS["contracts"])
    assert counts["Cohort"] == len(RECORDS["cohorts"]) >= 10
    assert counts["Person"] == len(RECORDS["people"]) >= 2000
    assert counts["Event"] == len(RECORDS["journey_events"]) >= 15000


@pytest.mark.no_neo4j
def test_generator_is_reproducible() -> None:
    today = dates.today()
    assert generate(seed=7, as_of=today) == RECORDS
    assert generate(seed=8, as_of=today)["people"] != RECORDS["people"]


@pytest.mark.no_neo4j
def test_services_cover_every_domain_source_and_type() -> None:
    seen = {k: set() for k in ("domains", "sources", "types")}
    for s in RECORDS["services"]:
        for k in seen:
            seen[k] |= set(_split(s[k]))
    assert seen["domains"] == set(DOMAIN_IDS)
    assert seen["sources"] == set(SOURCE_IDS)
    assert seen["types"] == set(TYPE_IDS)


@pytest.mark.no_neo4j
def test_planted_duplicates_have_three_payers() -> None:
    dup = {"b-workwell", "b-brightside", "b-pathways"}
    payers = {c["commissioner_id"] for c in RECORDS["contracts"] if c["service_id"] in dup}
    assert len(payers) == 3
    spend = sum(c["annual_value"] for c in RECORDS["contracts"] if c["service_id"] in dup)
    assert spend == 346_000


@pytest.mark.no_neo4j
def test_planted_orphan_has_no_family_service_in_kelderby() -> None:
    kelderby = "E06000903"
    family = [s for s in RECORDS["services"] if "family" in _split(s["domains"])
              and s["status"] == "active" and kelderby in _split(s["areas"])]
    assert family == []


@pytest.mark.no_neo4j
def test_planted_contract_ends_within_three_months() -> None:
    end = next(c["end_date"] for c in RECORDS["contracts"] if c["service_id"] == "a-debt")
    days = (dt.date.fromisoformat(end) - dates.today()).days
    assert 0 < days <= 92


@pytest.mark.no_neo4j
def test_journeys_have_every_event_type_and_a_slow_step_down() -> None:
    from ecosystem.vocabulary import EVENT_TYPES

    types = Counter(e["type"] for e in RECORDS["journey_events"])
    assert set(types) == set(EVENT_TYPES)
    waits = []
    starts: dict[tuple[str, str], str] = {}
    for e in RECORDS["journey_events"]:
        if e["service_id"] == "icb-stepdown" and e["type"] in ("referral", "start"):
            starts.setdefault((e["person_ref"], e["type"]), e["date"])
    for (person, typ), date in starts.items():
        if typ == "start" and (person, "referral") in starts:
            ref = dt.date.fromisoformat(starts[(person, "referral")])
            waits.append((dt.date.fromisoformat(date) - ref).days)
    assert waits and min(waits) >= 70
