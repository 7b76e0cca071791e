"""The whole-area summaries (ecosystem/summaries.py) stay what the people and journeys say
after every write path: an import, an edit, retention, clear-people, a restore (the bulk load:
tests/test_bulk.py). `summaries.check` works them out again from every person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SMALL_AREA
from plans import plan_operators

from ecosystem import Ecosystem, dates, summaries
from ecosystem.importers.stored import cells

TODAY = dates.today()


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


# A second housing service giving care, like svc-hf: being with both at once is doubling up.
HOSTEL = {"id": "svc-hostel", "name": "Riverside Hostel", "provider_id": "prov-mind",
          "kind": "housing support", "areas": "E06000999", "domains": "housing",
          "sources": "practitioner", "types": "care", "capacity": "10"}
PEOPLE = [{"person_ref": ref, "age_band": "25-34", "area_id": "E06000999",
           "cohorts": "coh-discharge", "needs": needs}
          for ref, needs in (("R-1", "housing; work"), ("R-2", "housing"), ("R-3", "housing"))]


def event(ref: str, person: str, service: str, days: int) -> dict[str, Any]:
    return {"event_ref": ref, "person_ref": person, "service_id": service, "type": "start",
            "date": ago(days).isoformat()}


def referral(ref: str, person: str, service: str, days: int, source: str) -> dict[str, Any]:
    return {**event(ref, person, service, days), "type": "referral",
            "referred_from_service_id": source}


EVENTS = [
    event("ev-1", "R-1", "svc-hf", 4000),  # R-1 doubled up since 3,000 days ago
    event("ev-2", "R-1", "svc-hostel", 3000),
    event("ev-3", "R-2", "svc-hf", 50),  # R-2 since 20 days ago
    event("ev-4", "R-2", "svc-hostel", 20),
    # Referred from Housing First to the hostel: R-1 long ago (gone under retention), R-2 lately.
    referral("ev-r1", "R-1", "svc-hostel", 3100, "svc-hf"),
    referral("ev-r2", "R-2", "svc-hostel", 30, "svc-hf"),
]


def area() -> dict[str, list[dict[str, Any]]]:
    return {**SMALL_AREA, "services": [*SMALL_AREA["services"], HOSTEL], "people": PEOPLE,
            "journey_events": EVENTS}


def loaded(eco: Ecosystem) -> Ecosystem:
    report = eco.import_tables(area())
    assert report.ok, [i.message for i in report.issues]
    return eco


def needs(eco: Ecosystem) -> set[tuple[str, str, int, int]]:
    return {(r["cohort"], r["domain"], r["with_need"], r["no_contact"])
            for r in eco.graph.read("summaries/stored_cohort_needs")}


def doubled(eco: Ecosystem, today: dt.date) -> dict[tuple[str, str], int]:
    return {(r["a"], r["b"]): r["people"]
            for r in eco.graph.read("analyses/overlaps_doubling", today=today)}


def travelled(eco: Ecosystem) -> dict[tuple[str, str], int]:
    """People referred from one service to another, as the pathway's suggestions read them
    (from the TRAVELLED summary, which must hold the same)."""
    links = {(r["from_id"], r["to_id"]): r["people"]
             for r in eco.graph.read("analyses/pathway_links")}
    assert links == {(r["a"], r["b"]): r["people"]
                     for r in eco.graph.read("summaries/stored_travelled")}
    return links


def test_an_import_keeps_the_counts_per_cohort_and_domain_and_per_pair(eco: Ecosystem) -> None:
    loaded(eco)
    assert summaries.check(eco.graph) == []
    # R-3 has started nowhere; R-1 has started with no work service.
    assert needs(eco) == {("coh-discharge", "housing", 3, 1), ("coh-discharge", "work", 1, 1)}
    # Counted by the day both had started: on an earlier day, fewer.
    assert doubled(eco, TODAY) == {("svc-hf", "svc-hostel"): 2}
    assert doubled(eco, ago(30)) == {("svc-hf", "svc-hostel"): 1}
    assert doubled(eco, ago(3500)) == {}
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 2}
    # and a later import of more journeys changes them
    more = {"journey_events": [event("ev-5", "R-3", "svc-ips", 10)]}
    assert eco.import_tables(more).ok
    assert summaries.check(eco.graph) == []
    assert ("coh-discharge", "housing", 3, 1) in needs(eco)
    referred = {"journey_events": [referral("ev-r3", "R-3", "svc-ips", 5, "svc-hostel")]}
    assert eco.import_tables(referred).ok
    assert summaries.check(eco.graph) == []
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 2, ("svc-hostel", "svc-ips"): 1}


def test_the_analyses_read_the_summaries(eco: Ecosystem) -> None:
    loaded(eco)
    open_all = dataclasses.replace(eco.settings, suppression_threshold=0,
                                   suppression_rounding=1)
    shown = Ecosystem(open_all, eco.graph)
    pairs = {tuple(s.id for s in d.services): d.people.value
             for d in shown.overlaps(TODAY).doubling_up}
    assert pairs == {("svc-hf", "svc-hostel"): 2}
    reached = {(c.cohort_id, c.domain): (c.with_need.value, c.no_contact.value)
               for c in shown.orphans(TODAY).no_contact}
    assert reached == {("coh-discharge", "work"): (1, 1)}


def test_an_edit_keeps_them(eco: Ecosystem) -> None:
    loaded(eco)
    row = eco.entry_row("services", "svc-hostel")
    assert row is not None
    # The hostel now gives information only: no one is doubled up any more.
    result = eco.save_entry("services", {**cells(row.values), "types": "information"},
                            row.version, "test-admin", key="svc-hostel")
    assert result.ok, result.issues
    assert summaries.check(eco.graph) == []
    assert doubled(eco, TODAY) == {}


def test_retention_keeps_them(eco: Ecosystem) -> None:
    loaded(eco)
    keeping = Ecosystem(dataclasses.replace(eco.settings, retention_years=5), eco.graph)
    result = keeping.apply_retention(today=TODAY)
    # R-1's, 3,000, 3,100 and 4,000 days ago
    assert result is not None and result.events == 3
    assert summaries.check(eco.graph) == []
    assert doubled(eco, TODAY) == {("svc-hf", "svc-hostel"): 1}
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 1}
    assert ("coh-discharge", "housing", 3, 2) in needs(eco)


def test_clear_people_leaves_no_counts(eco: Ecosystem) -> None:
    loaded(eco)
    eco.clear_people()
    assert summaries.check(eco.graph) == []
    assert needs(eco) == set() and doubled(eco, TODAY) == {} and travelled(eco) == {}


def test_a_restore_works_them_out_again(eco: Ecosystem, tmp_path: Path) -> None:
    loaded(eco)
    eco.export(tmp_path / "b")
    # A backup made before the summaries existed holds none of them.
    rels = tmp_path / "b" / "relationships.jsonl"
    lines = rels.read_text().splitlines(keepends=True)
    kept = [line for line in lines if json.loads(line)["type"] not in ("MEMBERS_NEED",
                                                                       "DOUBLING", "TRAVELLED")]
    assert len(kept) < len(lines)
    rels.write_text("".join(kept))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    manifest["relationships"] = len(kept)
    (tmp_path / "b" / "manifest.json").write_text(json.dumps(manifest))
    eco.restore(tmp_path / "b")
    assert summaries.check(eco.graph) == []
    assert doubled(eco, TODAY) == {("svc-hf", "svc-hostel"): 2}
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 2}


def queries_run(eco: Ecosystem, monkeypatch: Any) -> list[str]:
    """The names of the queries the graph writes from now on (appended as they run)."""
    names: list[str] = []
    write, write_all = eco.graph.write, eco.graph.write_all

    def one(name: str, **params: Any) -> Any:
        names.append(name)
        return write(name, **params)

    def many(steps: Any) -> Any:
        names.extend(name for name, _ in steps)
        return write_all(steps)

    monkeypatch.setattr(eco.graph, "write", one)
    monkeypatch.setattr(eco.graph, "write_all", many)
    return names


def test_an_import_changes_only_its_own_peoples_part(eco: Ecosystem, monkeypatch: Any) -> None:
    """An import keeps the summaries by difference (its people's part out, then back in), so
    its cost follows its own rows: it never works the whole area out again (issue 18)."""
    loaded(eco)
    names = queries_run(eco, monkeypatch)
    assert eco.import_tables({"journey_events": [
        referral("ev-r3", "R-3", "svc-ips", 5, "svc-hostel")]}).ok
    assert not [n for n in names if n.startswith("summaries/refresh_")]
    assert "summaries/people_travelled" in names
    assert summaries.check(eco.graph) == []
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 2, ("svc-hostel", "svc-ips"): 1}


def test_every_kind_of_change_keeps_them_by_difference(eco: Ecosystem) -> None:
    """People's needs and cohorts changed, events changed in type and service, a journey
    ended, a service's kind changed: after each, the kept counts are what a count of every
    person gives, in one transaction and in batches."""
    loaded(eco)
    batched = Ecosystem(dataclasses.replace(eco.settings, import_tx_rows=1,
                                            import_batch_rows=2), eco.graph)
    changes: list[dict[str, list[dict[str, Any]]]] = [
        # R-2 no longer needs housing but work; R-3 joins no cohort
        {"people": [{**PEOPLE[1], "needs": "work"}, {**PEOPLE[2], "cohorts": ""}]},
        # R-2's referral is now a start; R-1 is discharged from the hostel
        {"journey_events": [{**referral("ev-r2", "R-2", "svc-hostel", 30, "svc-hf"),
                             "type": "start"},
                            {**event("ev-6", "R-1", "svc-hostel", 100), "type": "discharge"}]},
        # R-3 back in the cohort, referred twice along the same pair (counted once)
        {"people": [PEOPLE[2]],
         "journey_events": [referral("ev-r4", "R-3", "svc-hostel", 9, "svc-hf"),
                            referral("ev-r5", "R-3", "svc-hostel", 8, "svc-hf"),
                            event("ev-7", "R-3", "svc-hf", 12)]},
        # a new person with a need, no journey yet
        {"people": [{**PEOPLE[0], "person_ref": "R-4", "needs": "work; housing"}]},
        # the hostel gives information only: its doubling up goes
        {"services": [{**HOSTEL, "types": "information"}]},
    ]
    for i, change in enumerate(changes):
        who = batched if i % 2 else eco
        report = who.import_tables(change)
        assert report.ok, [x.message for x in report.issues]
        assert summaries.check(eco.graph) == [], f"after change {i}"
    assert ("coh-discharge", "work", 3, 3) in needs(eco)
    assert doubled(eco, TODAY) == {}
    assert travelled(eco) == {("svc-hf", "svc-hostel"): 2}


def test_an_event_moved_to_another_person_leaves_both_right(eco: Ecosystem) -> None:
    """The same event re-sent under another person: the journey it leaves is rebuilt too
    (it used to keep the engagement the event made), and both people's part of the counts
    moves."""
    loaded(eco)
    assert doubled(eco, TODAY) == {("svc-hf", "svc-hostel"): 2}
    # R-2's start at the hostel was R-3's all along
    assert eco.import_tables({"journey_events": [event("ev-4", "R-3", "svc-hostel", 20)]}).ok
    assert summaries.check(eco.graph) == []
    # R-1 only: R-2 has not started at the hostel any more (their journey was left with it)
    assert doubled(eco, TODAY) == {("svc-hf", "svc-hostel"): 1}


# The queries that keep the summaries by difference, for the people an import touches.
BY_DIFFERENCE = ("summaries/people_cohort_needs", "summaries/people_doubling",
                 "summaries/people_travelled")


@pytest.mark.parametrize("name", BY_DIFFERENCE)
def test_by_difference_starts_from_each_person_whatever_the_map_holds(eco: Ecosystem,
                                                                       name: str) -> None:
    # As at the first people import: the catalogue and no people. A plan made now that
    # started from the cohorts, domains or services would seek every id for each of them
    # (an L import of 50,000 people ran for over 20 minutes; with an index hint, over 9).
    assert eco.import_tables(SMALL_AREA).ok
    ops = plan_operators(eco, name, ids=["P-1", "P-2"], sign=1)
    assert not [op for op in ops if "Scan" in op or op == "CartesianProduct"], ops
