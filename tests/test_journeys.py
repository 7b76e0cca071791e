"""Journeys written whole for people new to the map (derived in Python) must equal what the
Cypher rebuild makes, and the DOUBLED_UP pairs behind the doubling-up analysis must follow
every change: more events, a service changing life domain, the analysis date."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import pytest

from ecosystem import Ecosystem
from ecosystem.analyses import overlaps
from ecosystem.analyses.suppression import Disclosure
from ecosystem.importers import load
from ecosystem.vocabulary import OUTCOMES_NOT_REACHED

SYSTEM = ("Import", "AuditEntry", "User")
D = dt.date(2026, 1, 1)


def day(n: int) -> str:
    return (D + dt.timedelta(days=n)).isoformat()


def catalogue(b_domain: str = "work", e_domains: str = "money; work"
              ) -> dict[str, list[dict[str, Any]]]:
    def svc(id: str, domains: str, types: str) -> dict[str, Any]:
        return {"id": id, "name": f"Service {id}", "provider_id": "PR", "areas": "A1",
                "domains": domains, "sources": "practitioner", "types": types}

    return {
        "areas": [{"id": "A1", "name": "Area", "level": "place"}],
        "providers": [{"id": "PR", "name": "Provider", "sector": "vcse"}],
        "cohorts": [{"id": "CO1", "name": "Cohort", "area_id": "A1", "need_work": "3"}],
        # A and B: same domain and type (doubling up when at the same time); C: another
        # type; E shares A's domain and type through a second domain of its own.
        "services": [svc("A", "work", "provision"), svc("B", b_domain, "provision"),
                     svc("C", "work", "care"), svc("E", e_domains, "provision; care")],
    }


def person(ref: str) -> dict[str, str]:
    return {"person_ref": ref, "area_id": "A1", "age_band": "25-34", "cohorts": "CO1",
            "needs": "work; money"}


def ev(ref: str, who: str, service: str, type: str, when: int, **extra: str
       ) -> dict[str, str]:
    return {"event_ref": ref, "person_ref": who, "service_id": service, "type": type,
            "date": day(when), **extra}


# Tricky on purpose: same-day events of different kinds, two outcomes, a decline and a
# not_eligible, open-ended engagements, one that ended before the other began, a referral
# from another service.
EVENTS = [
    ev("e1", "p1", "A", "referral", 0), ev("e2", "p1", "A", "start", 10),
    ev("e3", "p1", "B", "referral", 10, referred_from_service_id="A"),
    ev("e4", "p1", "B", "start", 20), ev("e5", "p1", "A", "outcome", 30, outcome="job"),
    ev("e6", "p1", "A", "outcome", 31, outcome="other"), ev("e7", "p1", "C", "start", 25),
    ev("e8", "p1", "E", "start", 400), ev("e9", "p1", "A", "discharge", 300),
    ev("e10", "p2", "A", "start", 0), ev("e11", "p2", "A", "discharge", 5),
    ev("e12", "p2", "B", "start", 6),  # after A ended: not at the same time
    ev("e13", "p2", "C", "decline", 7), ev("e14", "p2", "C", "not_eligible", 7),
    ev("e15", "p3", "A", "start", 50), ev("e16", "p3", "B", "start", 50),
    ev("e17", "p3", "B", "start", 40),  # two starts: the first counts
    ev("e18", "p3", "E", "referral", 1), ev("e19", "p3", "E", "admission", 60),
]
# With the first outcome reached since the start (reached_on): not one before the start, not
# a "disengaged", one on the day of the start counts, none without a start.
OUTCOME_EVENTS = [
    *EVENTS,
    ev("e20", "p3", "E", "outcome", 59, outcome="job"),
    ev("e21", "p3", "E", "outcome", 61, outcome="disengaged"),
    ev("e22", "p3", "E", "outcome", 70, outcome="other"),
    ev("e23", "p3", "B", "outcome", 40, outcome="job"),
    ev("e24", "p2", "C", "outcome", 8, outcome="job"),
]


def rows(events: list[dict[str, str]] = EVENTS, b_domain: str = "work"
         ) -> dict[str, list[dict[str, Any]]]:
    refs = sorted({e["person_ref"] for e in events})
    return catalogue(b_domain) | {"people": [person(r) for r in refs], "journey_events": events}


def imported(eco: Ecosystem, data: dict[str, list[dict[str, Any]]]) -> None:
    report = eco.import_tables(data)
    assert report.ok, report.issues[:5]


def doubled(eco: Ecosystem, today: dt.date) -> dict[tuple[str, str], int]:
    res = overlaps.run(eco.graph, today, disclosure=Disclosure(0, 1))  # exact counts
    return {(d.services[0].id, d.services[1].id): d.people.value or 0 for d in res.doubling_up}


def test_new_journeys_equal_the_cypher_rebuild(eco: Ecosystem) -> None:
    imported(eco, rows(OUTCOME_EVENTS))
    assert eco.counts()["Event"] == len(OUTCOME_EVENTS)
    written = eco.fingerprint(exclude=SYSTEM)
    ids = eco.graph.read("importing/existing_people", ids=_person_ids(eco))[0]["ids"]
    assert len(ids) == 3
    eco.graph.write_all([("importing/rebuild_journeys",
                          {"ids": ids, "not_reached": list(OUTCOMES_NOT_REACHED)}),
                         ("importing/rebuild_by_kind", {"ids": ids})])
    assert eco.fingerprint(exclude=SYSTEM) == written


def test_reached_on_is_the_first_outcome_since_the_start(eco: Ecosystem) -> None:
    # What the outcomes analysis reads instead of every person's events (issue 18).
    imported(eco, rows(OUTCOME_EVENTS))
    p1, p2, p3 = _person_ids(eco)
    reached = {}
    for text in eco.fingerprint(exclude=SYSTEM)[1]:
        r = json.loads(text)
        if r["type"] == "ENGAGED_WITH":
            reached[(r["from_key"], r["to_key"])] = r["props"].get("reached_on")
    assert reached[(p1, "A")] == day(30)  # the first of two
    assert reached[(p3, "E")] == day(70)  # not before the start, not "disengaged"
    assert reached[(p3, "B")] == day(40)  # on the day it started
    assert reached[(p2, "C")] is None  # never started
    assert reached[(p1, "B")] is None  # no outcome


def test_a_map_from_before_reached_on_gets_it_at_init(eco: Ecosystem) -> None:
    imported(eco, rows(OUTCOME_EVENTS))
    kept = eco.fingerprint(exclude=SYSTEM)
    with eco.graph.driver.session(database=eco.graph.database) as s:
        s.run("MATCH ()-[e:ENGAGED_WITH]->() REMOVE e.reached_on").consume()  # as it was
    assert eco.fingerprint(exclude=SYSTEM) != kept
    eco.init()
    assert eco.fingerprint(exclude=SYSTEM) == kept


def _person_ids(eco: Ecosystem) -> list[str]:
    from ecosystem.importers.pseudonymise import pseudonym

    key = eco.settings.resolve_pseudonym_key()
    return [pseudonym(r, key) for r in ("p1", "p2", "p3")]


def test_doubling_up_pairs(eco: Ecosystem) -> None:
    imported(eco, rows())
    # p1: A and B from day 20 (A ends day 300), A and E never (E starts day 400, after A
    # ended), B and E and C and E (work/care) from day 400. p3: A and B from day 50, A and E
    # and B and E from day 60. p2: A ended before B began; C only declined.
    assert doubled(eco, D + dt.timedelta(days=500)) == {
        ("A", "B"): 2, ("A", "E"): 1, ("B", "E"): 2, ("C", "E"): 1}
    # The analysis date decides which pairs have begun.
    assert doubled(eco, D + dt.timedelta(days=55)) == {("A", "B"): 2}
    assert doubled(eco, D + dt.timedelta(days=19)) == {}


@pytest.mark.parametrize("split", [5, 12])
def test_events_in_two_imports_equal_one(eco: Ecosystem, split: int) -> None:
    """The second import adds events to people who already have some (the Cypher road)."""
    imported(eco, rows(EVENTS[:split]))
    second = eco.import_tables(rows(EVENTS))
    assert second.ok
    assert second.counts["journey_events"].created == len(EVENTS) - split
    assert second.counts["journey_events"].unchanged == split
    in_two = eco.fingerprint(exclude=SYSTEM)
    eco.clear()
    eco.init()
    imported(eco, rows())
    assert eco.fingerprint(exclude=SYSTEM) == in_two


def test_reimport_changes_nothing_and_an_edit_rebuilds(eco: Ecosystem) -> None:
    first = eco.import_tables(rows())
    assert first.counts["people"].created == 3 and first.counts["journey_events"].created == 19
    assert set(first.counts) == {"areas", "providers", "cohorts", "services", "people",
                                 "journey_events"}
    before = eco.fingerprint(exclude=SYSTEM)
    again = eco.import_tables(rows())
    assert again.counts["people"].unchanged == 3
    assert again.counts["journey_events"].unchanged == len(EVENTS)
    assert again.counts["journey_events"].created == again.counts["journey_events"].updated == 0
    assert eco.fingerprint(exclude=SYSTEM) == before
    # p2's discharge from A moves past B's start: now they doubled up from day 6.
    edited = [dict(e, date=day(9)) if e["event_ref"] == "e11" else e for e in EVENTS]
    report = eco.import_tables(rows(edited))
    assert report.counts["journey_events"].updated == 1
    assert doubled(eco, D + dt.timedelta(days=55)) == {("A", "B"): 3}
    after_edit = eco.fingerprint(exclude=SYSTEM)
    eco.clear()
    eco.init()
    imported(eco, rows(edited))
    assert eco.fingerprint(exclude=SYSTEM) == after_edit


def test_a_service_changing_domain_changes_doubling_up(eco: Ecosystem) -> None:
    imported(eco, rows())
    assert ("A", "B") in doubled(eco, D + dt.timedelta(days=500))
    imported(eco, catalogue(b_domain="housing"))  # B no longer in work
    now = doubled(eco, D + dt.timedelta(days=500))
    assert ("A", "B") not in now and ("B", "E") not in now
    assert now == {("A", "E"): 1, ("C", "E"): 1}
    imported(eco, catalogue(b_domain="work"))
    assert doubled(eco, D + dt.timedelta(days=500)) == {
        ("A", "B"): 2, ("A", "E"): 1, ("B", "E"): 2, ("C", "E"): 1}


def test_batched_import_equals_one_transaction(eco: Ecosystem,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    imported(eco, rows())
    one = eco.fingerprint(exclude=SYSTEM)
    eco.clear()
    eco.init()
    batched = Ecosystem(replace(eco.settings, import_tx_rows=0, import_batch_rows=3), eco.graph)
    monkeypatch.setattr(load, "JOURNEY_EVENTS_PER_QUERY", 4)
    imported(batched, rows())
    assert eco.fingerprint(exclude=SYSTEM) == one


def no_contact(eco: Ecosystem) -> dict[str, tuple[int, int]]:
    return {r["domain"]: (r["with_need"], r["no_contact"])
            for r in eco.graph.read("analyses/cohort_contact") if r["cohort"] == "CO1"}


def test_no_contact_follows_events_and_service_domains(eco: Ecosystem) -> None:
    imported(eco, rows(EVENTS[:7]))  # p1 only, not yet with E (money)
    assert no_contact(eco) == {"work": (1, 0), "money": (1, 1)}
    imported(eco, rows())  # p1 starts with E (money), p3 is admitted to E, p2 never
    assert no_contact(eco) == {"work": (3, 0), "money": (3, 1)}
    imported(eco, catalogue(e_domains="housing; work"))  # E no longer gives money support
    assert no_contact(eco) == {"work": (3, 0), "money": (3, 3)}
