"""Bulk first load: the offline import of an area into an empty database gives exactly the
graph the online importer gives, refuses a database with map data, and writes nothing when a
row is invalid."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_KEY
from neo4j import GraphDatabase

from ecosystem import Ecosystem, Settings, summaries
from ecosystem.accounts import audit, users
from ecosystem.db.graph import Graph
from ecosystem.db.server import ManagedServer
from ecosystem.demo.area import generate
from ecosystem.importers.bulk import BulkImportError, bulk_import

SYSTEM = ("Import", "AuditEntry", "User", "Change")  # the bulk first load keeps no history
AS_OF = dt.date(2026, 11, 27)
RECORDS = generate(as_of=AS_OF, people=600, events_target=5000)  # a smaller Northvale


@pytest.fixture(scope="module")
def managed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ManagedServer, Settings]]:
    home = tmp_path_factory.mktemp("bulk")
    server = ManagedServer(home, heap="512m")
    uri = server.start()
    settings = Settings.from_env({"NEO4J_URI": uri, "NEO4J_PASSWORD": server.password(),
                                  "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
                                  "ECOSYSTEM_DATA_DIR": str(home)})
    try:
        yield server, settings
    finally:
        server.stop(wait=False)


def _eco(server: ManagedServer, settings: Settings) -> Ecosystem:
    driver = GraphDatabase.driver(server.uri, auth=("neo4j", server.password()))
    return Ecosystem(settings, Graph(driver))


def test_invalid_rows_write_nothing(managed: tuple[ManagedServer, Settings]) -> None:
    server, settings = managed
    bad = copy.deepcopy(RECORDS)
    bad["journey_events"][10]["service_id"] = "no-such-service"
    bad["contracts"][0]["annual_value"] = "lots"
    pid = server.pid()
    report = bulk_import(server, settings, bad, TEST_KEY)
    assert not report.written and len(report.issues) == 2
    assert server.pid() == pid, "the server was not stopped"
    with _eco(server, settings) as eco:
        assert eco.counts() == {}


def test_bulk_equals_online_import(managed: tuple[ManagedServer, Settings]) -> None:
    server, settings = managed
    with _eco(server, settings) as eco:
        eco.init()
        users.create(eco.graph, "alice", "commissioner", "a long enough password 1", "test")
        users_before = eco.graph.read("users/list")
    report = bulk_import(server, settings, RECORDS, TEST_KEY, source="northvale")
    assert report.ok and report.written
    assert report.counts["journey_events"].created == len(RECORDS["journey_events"])
    with _eco(server, settings) as eco:
        assert eco.unfinished_imports() == []
        assert eco.graph.read("users/list") == users_before, "accounts are carried over"
        actions = [e.action for e in audit.entries(eco.graph)]
        assert "user.create" in actions and "import" in actions
        bulk = eco.fingerprint(exclude=SYSTEM)
        # the whole-area summaries are worked out from what was loaded
        assert summaries.check(eco.graph) == []
        assert eco.graph.read("summaries/stored_cohort_needs")
        assert eco.counts()["Event"] == len(RECORDS["journey_events"])

        eco.clear()
        eco.init()
        assert eco.import_tables(RECORDS, source="northvale").ok
        online = eco.fingerprint(exclude=SYSTEM)
    assert len(bulk[0]) == len(online[0]) and len(bulk[1]) == len(online[1])
    assert [n for n in bulk[0] if n not in set(online[0])][:5] == []
    assert [r for r in bulk[1] if r not in set(online[1])][:5] == []
    assert bulk == online


def test_bulk_refuses_a_database_with_map_data(
        managed: tuple[ManagedServer, Settings]) -> None:
    server, settings = managed
    with _eco(server, settings) as eco:
        if not eco.counts().get("Service"):
            eco.init()
            assert eco.import_tables({"providers": RECORDS["providers"]}).ok
        before = eco.counts()
    with pytest.raises(BulkImportError, match="already has map data"):
        bulk_import(server, settings, RECORDS, TEST_KEY)
    with _eco(server, settings) as eco:
        assert eco.counts() == before


def test_bulk_refuses_another_neo4j(managed: tuple[ManagedServer, Settings],
                                    tmp_path: Path) -> None:
    server, _ = managed
    other = Settings.from_env({"NEO4J_URI": "neo4j://db.example.org:7687",
                               "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    with pytest.raises(BulkImportError, match="NEO4J_URI"):
        bulk_import(server, other, RECORDS, TEST_KEY)
