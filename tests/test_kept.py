"""Whole-area results are kept until the map changes (ecosystem/kept.py): a second view
works nothing out, and after any write that changes the map, from any process, every view
shows what working it out afresh shows. Writes that leave the map as it is (the audit log,
accounts, a key worker's answers between pages) keep them."""

from __future__ import annotations

import dataclasses
import gc
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import reads_recorded
from test_summaries import area

from ecosystem import Ecosystem, dates
from ecosystem.accounts import audit, users
from ecosystem.accounts.users import ADMIN, User
from ecosystem.db import queries, version
from ecosystem.db.graph import one_version
from ecosystem.importers.stored import cells

TODAY = dates.today()

# Every kept view, as the pages call it.
VIEWS: dict[str, Callable[[Ecosystem], Any]] = {
    "overlaps": lambda e: e.overlaps(TODAY),
    "overlaps in an area": lambda e: e.overlaps(TODAY, area_id="E06000999"),
    "orphans": lambda e: e.orphans(TODAY),
    "contracts": lambda e: e.contracts(TODAY),
    "coverage": lambda e: e.coverage("E06000999", TODAY),
    "funding": lambda e: e.funding(None, TODAY),
    "outcomes": lambda e: e.outcomes(None, TODAY),
    "pathway suggestions": lambda e: e.pathway_suggestions(),
    "headlines": lambda e: e.headlines(TODAY),
    "areas": lambda e: e.area_choices(),
    "names": lambda e: e.names(),
    "services list": lambda e: e.service_list_page({}, today=TODAY),
    "map groups": lambda e: e.map_groups({}),
    "map options": lambda e: e.map_filter_options(),
    "ORUK services": lambda e: e.oruk_list("services", {}),
    "worklist": lambda e: e.worklist(User("kept-admin", ADMIN), TODAY),
    "everyone's caseload count": lambda e: e.caseload_size(None),
    "caseload count by need": lambda e: e.caseload_size(None, need="housing"),
}


def shown(eco: Ecosystem) -> Ecosystem:
    """The core object with nothing suppressed, so a change of one person shows."""
    return Ecosystem(dataclasses.replace(eco.settings, suppression_threshold=0,
                                         suppression_rounding=1), eco.graph)


def views(eco: Ecosystem) -> dict[str, Any]:
    return {name: view(eco) for name, view in VIEWS.items()}


def test_a_second_view_works_nothing_out(eco: Ecosystem,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert eco.import_tables(area()).ok
    first = views(eco)
    names = reads_recorded(eco.graph, monkeypatch)
    assert views(eco) == first
    assert names == [version.READ] * len(VIEWS)


def edit_contract(e: Ecosystem) -> None:
    row = e.entry_row("contracts", "con-3")
    assert row is not None
    assert e.save_entry("contracts", {**cells(row.values), "annual_value": "100000"},
                        row.version, "test-admin", key="con-3").ok


def new_contract(e: Ecosystem) -> None:
    assert e.import_tables({"contracts": [
        {"id": "con-9", "commissioner_id": "comm-icb", "service_id": "svc-hostel",
         "annual_value": "40000", "start_date": "2024-04-01"}]}).ok


def retention(e: Ecosystem) -> None:
    keeping = Ecosystem(dataclasses.replace(e.settings, retention_years=5), e.graph)
    result = keeping.apply_retention(today=TODAY)
    assert result is not None and result.events == 3  # R-1's doubling up goes


def clear_people(e: Ecosystem) -> None:
    e.clear_people()


def verify(e: Ecosystem) -> None:
    e.verify_service("svc-hf", actor="test-admin")


# Each change, made by another core object on the same database (as another process
# would), and whether some view must show it.
CHANGES: dict[str, tuple[Callable[[Ecosystem], None], bool]] = {
    "an import": (new_contract, True),
    "an edit": (edit_contract, True),
    "retention": (retention, True),
    "clear people": (clear_people, True),
    "a service checked": (verify, False),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_after_a_change_every_view_is_worked_out_again(
        eco: Ecosystem, change: tuple[Callable[[Ecosystem], None], bool]) -> None:
    make, shows = change
    assert eco.import_tables(area()).ok
    viewer = shown(eco)
    before, was = views(viewer), eco.graph.map_version()
    make(Ecosystem(viewer.settings, eco.graph))
    assert eco.graph.map_version() != was
    after = views(viewer)
    assert after == views(shown(eco))  # as a core object that kept nothing works them out
    if shows:
        assert after != before


def test_a_restore_is_a_change_and_no_backup_holds_a_version(eco: Ecosystem,
                                                            tmp_path: Path) -> None:
    assert eco.import_tables(area()).ok
    viewer = shown(eco)
    eco.export(tmp_path / "b")
    assert b'"MapVersion"' not in (tmp_path / "b" / "nodes.jsonl").read_bytes()
    backed_up = views(viewer)
    edit_contract(eco)
    edited = views(viewer)
    assert edited != backed_up
    eco.restore(tmp_path / "b")
    assert views(viewer) == views(shown(eco)) == backed_up


def test_writes_that_leave_the_map_keep_the_results(eco: Ecosystem,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert eco.import_tables(area()).ok
    first, was = views(eco), eco.graph.map_version()
    audit.record(eco.graph, "test-admin", "view", "the overlaps page")
    if users.get(eco.graph, "kept-check") is None:
        users.create(eco.graph, "kept-check", users.VIEWER, "a long enough passphrase 42",
                     "test")
    users.set_disabled(eco.graph, "kept-check", True, "test")
    token = eco.save_client_answers("test-admin", {"needs": ["housing"]})
    eco.forget_client_answers(token)
    assert eco.graph.map_version() == was
    names = reads_recorded(eco.graph, monkeypatch)
    assert views(eco) == first
    assert names == [version.READ] * len(VIEWS)


def test_many_views_at_once_wait_for_one_working_out(eco: Ecosystem) -> None:
    assert eco.import_tables(area()).ok
    calls: list[int] = []

    def slow() -> object:
        calls.append(1)
        time.sleep(0.3)  # long enough for every thread to be waiting for it
        return object()

    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(eco.kept.get(eco.graph, "k", slow)))
               for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(got) == 5 and len({id(g) for g in got}) == 1


def test_only_the_current_versions_results_are_kept(eco: Ecosystem) -> None:
    assert eco.import_tables(area()).ok
    eco.kept.forget()
    for months in range(1, 4):
        eco.orphans(TODAY, months=months)
    assert len(eco.kept._results) == 3
    edit_contract(eco)
    eco.orphans(TODAY)
    assert len(eco.kept._results) == 1


def test_every_quiet_write_is_a_query() -> None:
    """A quiet name that no longer names a query would make nothing quiet (safe, but slow):
    a rename must carry it along."""
    names = queries.all_names()
    for q in version.QUIET:
        assert any(n == q or (q.endswith("/") and n.startswith(q)) for n in names), q
    assert not version.quiet("importing/services") and version.quiet("audit/append")


def test_a_map_from_before_versions_gets_one_when_the_tool_starts(eco: Ecosystem) -> None:
    assert eco.import_tables(area()).ok
    with eco.graph.driver.session(database=eco.graph.database) as s:
        s.run("MATCH (v:MapVersion) DELETE v").consume()  # as a map made before them
    assert eco.graph.map_version() is None
    assert eco.overlaps(TODAY) is not eco.overlaps(TODAY)  # nothing to keep it against
    eco.init()  # `ecosystem serve` does this first
    assert eco.graph.map_version() is not None
    assert eco.overlaps(TODAY) is eco.overlaps(TODAY)


def test_everyones_caseload_count_follows_the_people(eco: Ecosystem) -> None:
    assert eco.import_tables(area()).ok
    assert eco.caseload_size(None) == 0
    assigned = [{**p, "key_worker": "kw-kept"} for p in area()["people"][:2]]
    assert Ecosystem(eco.settings, eco.graph).import_tables({"people": assigned}).ok
    listing = eco.caseload_page(None)
    assert eco.caseload_size(None) == listing.page.total == len(listing.people) == 2
    assert eco.caseload_size(None, need="work") == 1


def test_kept_results_are_out_of_the_collectors_sight_and_go_when_the_map_changes(
        eco: Ecosystem) -> None:
    """A full collection would walk every kept result (at XL, 370-410 ms in some page);
    frozen, it does not, and the old version's results are still freed."""
    assert eco.import_tables(area()).ok
    eco.kept.forget()
    first = eco.orphans(TODAY)
    assert gc.get_freeze_count() > 0
    assert not any(o is first for o in gc.get_objects())
    gone = weakref.ref(first)
    del first
    edit_contract(eco)
    eco.orphans(TODAY)
    gc.collect()
    assert gone() is None


def test_a_page_reads_the_maps_version_once(eco: Ecosystem, client: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    assert eco.import_tables(area()).ok
    for path in ("/", "/commissioner/"):  # each shows several kept results
        assert client.get(path).status_code == 200
        names = reads_recorded(eco.graph, monkeypatch)
        assert client.get(path).status_code == 200
        assert names.count(version.READ) == 1, path
        monkeypatch.undo()


def test_within_one_version_a_write_of_its_own_is_seen(eco: Ecosystem,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert eco.import_tables(area()).ok
    viewer = shown(eco)
    with one_version():
        was, before = eco.graph.map_version(), viewer.contracts(TODAY)
        names = reads_recorded(eco.graph, monkeypatch)
        assert eco.graph.map_version() == was and viewer.contracts(TODAY) == before
        assert names == []  # held: no round trip
        edit_contract(viewer)
        assert eco.graph.map_version() != was
        assert viewer.contracts(TODAY) != before
    assert names.count(version.READ) == 1  # after the write, once
    monkeypatch.undo()
    # Outside it, every read asks the server, as before.
    names = reads_recorded(eco.graph, monkeypatch)
    eco.graph.map_version()
    eco.graph.map_version()
    assert names == [version.READ] * 2
