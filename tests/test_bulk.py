"""Bulk first load: the offline import of an area into an empty database gives exactly the
graph the online importer gives, refuses a database with map data, and writes nothing when a
row is invalid."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from shutil import disk_usage

import pytest
from conftest import TEST_KEY
from neo4j import GraphDatabase

from ecosystem import Ecosystem, Settings, exports, summaries
from ecosystem.accounts import audit, users
from ecosystem.db.graph import Graph
from ecosystem.db.server import ManagedServer
from ecosystem.demo import scale as demo_scale
from ecosystem.demo.area import generate
from ecosystem.importers.bulk import BulkImportError, bulk_import, disk, sources
from ecosystem.importers.bulk.sources import open_source
from ecosystem.importers.readers import read_path
from ecosystem.importers.templates import write_csv_folder

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


def test_admin_switches_and_sign_in_counters_are_not_map_data(
        managed: tuple[ManagedServer, Settings]) -> None:
    # A switch an admin set (the public page) and a sign-in attempt once made the first load
    # refuse the database as "already has map data (AppSetting, SignInThrottle)".
    server, settings = managed
    with _eco(server, settings) as eco:
        eco.clear()
        eco.init()
        eco.set_public_finder(True, actor="test")
        eco.sign_in_throttle(b"a secret").begin("alice", "127.0.0.1")
    report = bulk_import(server, settings, RECORDS, TEST_KEY, source="northvale")
    assert report.ok and report.written
    with _eco(server, settings) as eco:
        assert eco.public_finder_on(), "the admin's switch is carried over"
        assert eco.counts()["Service"] == len(RECORDS["services"])


def test_bulk_refuses_another_neo4j(managed: tuple[ManagedServer, Settings],
                                    tmp_path: Path) -> None:
    server, _ = managed
    other = Settings.from_env({"NEO4J_URI": "neo4j://db.example.org:7687",
                               "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    with pytest.raises(BulkImportError, match="NEO4J_URI"):
        bulk_import(server, other, RECORDS, TEST_KEY)


# --- Streaming: people and events read from CSV files in chunks, spread over buckets -------

_ONLINE: dict[str, tuple[object, ...]] = {}


def _online_fingerprint(server: ManagedServer, settings: Settings, name: str,
                        records: dict[str, list[dict[str, object]]]) -> tuple[object, ...]:
    """The graph `ecosystem import` makes of `records` (once per name)."""
    if name not in _ONLINE:
        with _eco(server, settings) as eco:
            eco.clear()
            eco.init()
            assert eco.import_tables(records, source=name).ok
            _ONLINE[name] = eco.fingerprint(exclude=SYSTEM)
            eco.clear()
    return _ONLINE[name]


def _folder(records: dict[str, list[dict[str, object]]], out: Path, shuffle: bool) -> Path:
    rows = dict(records)
    if shuffle:  # events out of person order, as a file may give them
        rows["journey_events"] = random.Random(3).sample(rows["journey_events"],
                                                         len(rows["journey_events"]))
    write_csv_folder(rows, out)
    return out


def _bulk_fingerprint(server: ManagedServer, settings: Settings, path: Path,
                      **kwargs: int) -> tuple[object, ...]:
    with _eco(server, settings) as eco:
        eco.clear()
    report = bulk_import(server, settings, path, TEST_KEY, source="northvale", **kwargs)
    assert report.ok and report.written, [str(i) for i in report.issues[:5]]
    with _eco(server, settings) as eco:
        assert eco.unfinished_imports() == []
        return eco.fingerprint(exclude=SYSTEM)


@pytest.mark.parametrize("shuffle", [False, True])
def test_streamed_from_files_equals_online_import(managed: tuple[ManagedServer, Settings],
                                                  tmp_path: Path, shuffle: bool) -> None:
    server, settings = managed
    folder = _folder(RECORDS, tmp_path / "northvale", shuffle)
    # Chunks of 700 rows and 7 buckets: people and events over many of both.
    bulk = _bulk_fingerprint(server, settings, folder, chunk_rows=700, buckets=7)
    assert bulk == _online_fingerprint(server, settings, "northvale", RECORDS)


def test_streamed_size_s_equals_online_import(managed: tuple[ManagedServer, Settings],
                                              tmp_path: Path) -> None:
    server, settings = managed
    folder = tmp_path / "S"
    demo_scale.write_folder("S", folder, seed=5, as_of=AS_OF)  # test_scale: the same rows
    records = demo_scale.generate("S", seed=5, as_of=AS_OF)
    events = folder / "journey_events.csv"
    head, *lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(3).shuffle(lines)  # events out of person order
    events.write_text(head + "".join(lines), encoding="utf-8")
    bulk = _bulk_fingerprint(server, settings, folder, chunk_rows=4000, buckets=3)
    assert bulk == _online_fingerprint(server, settings, "S", records)


def test_streamed_problems_in_any_chunk_write_nothing(
        managed: tuple[ManagedServer, Settings], tmp_path: Path) -> None:
    server, settings = managed
    bad = copy.deepcopy(RECORDS)
    events, people = bad["journey_events"], bad["people"]
    events[4000]["service_id"] = "no-such-service"  # in the sixth chunk of 700
    events[3000]["event_ref"] = events[10]["event_ref"]  # a duplicate across chunks
    old, people[500]["person_ref"] = people[500]["person_ref"], people[2]["person_ref"]
    for e in events:  # a duplicate person across chunks, their events now the first's
        if e["person_ref"] == old:
            e["person_ref"] = people[2]["person_ref"]
    folder = _folder(bad, tmp_path / "bad", shuffle=False)
    with _eco(server, settings) as eco:
        eco.clear()
    pid = server.pid()
    report = bulk_import(server, settings, folder, TEST_KEY, chunk_rows=700, buckets=4)
    assert not report.written
    assert server.pid() == pid, "the server was not stopped"
    found = {(i.origin, i.row, i.column, i.value) for i in report.issues}
    # Row numbers are the file's (the header is row 1).
    assert ("journey_events.csv", 4002, "service_id", "no-such-service") in found
    assert ("journey_events.csv", 3002, "event_ref", "(withheld: an identifier)") in found
    assert ("people.csv", 502, "person_ref", "(withheld: an identifier)") in found
    dup = next(i for i in report.issues if i.row == 3002)
    assert "row 12 has the same event_ref" in dup.message
    assert len(report.issues) == 3, [str(i) for i in report.issues]
    assert report.counts["journey_events"].rejected == 2
    with _eco(server, settings) as eco:  # the labels stay after clearing: no nodes of them
        assert {k: n for k, n in eco.counts().items() if n and k not in SYSTEM} == {}


@pytest.mark.no_neo4j
def test_people_and_events_are_read_in_chunks_with_the_files_row_numbers(
        tmp_path: Path) -> None:
    folder = _folder(RECORDS, tmp_path / "northvale", shuffle=False)
    whole, issues = read_path(folder)
    src = open_source(folder, None, chunk_rows=250)
    assert not issues and not src.issues
    assert set(src.tables) == set(whole) - {"people", "journey_events"}
    for entity in ("people", "journey_events"):
        chunks = [t for t, problems in src.chunks[entity]() if not problems and t is not None]
        assert len(chunks) > 1 and all(len(t.rows) <= 250 for t in chunks)
        assert [r for t in chunks for r in t.rows] == whole[entity].rows


@pytest.mark.no_neo4j
def test_a_workbook_too_large_is_refused_with_a_message(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "area.xlsx"
    exports.xlsx_file(book, {"people": (["person_ref", "area_id"], [["NV1", "E06000901"]])})
    monkeypatch.setattr(sources, "MAX_XLSX_BYTES", book.stat().st_size - 1)
    (issue,) = open_source(book, None).issues
    assert "too large for the bulk import" in issue.message and "CSV" in issue.message


def test_too_little_disk_is_refused_before_anything_is_read(
        managed: tuple[ManagedServer, Settings], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    server, settings = managed
    folder = tmp_path / "area"
    write_csv_folder(RECORDS, folder)
    with _eco(server, settings) as eco:
        before = eco.fingerprint()
    pid = server.pid()
    # As if the disk were almost full: this input would need more room than it has.
    free = disk_usage(server.home).free
    monkeypatch.setattr(disk, "DISK_PER_INPUT_BYTE", free // disk.input_bytes(folder) + 1)
    with pytest.raises(BulkImportError, match="Not enough free disk") as refused:
        bulk_import(server, settings, folder, TEST_KEY)
    assert str(server.home) in str(refused.value) and "is free" in str(refused.value)
    assert server.pid() == pid, "the server was not stopped"
    assert not list(server.home.glob("bulk-*")), "no work files left"
    with _eco(server, settings) as eco:
        assert eco.fingerprint() == before


def test_the_room_needed_is_said_in_gigabytes(tmp_path: Path) -> None:
    gb = 1024 ** 3
    disk.check_room(gb, tmp_path, free=12 * gb)  # exactly enough
    with pytest.raises(BulkImportError) as refused:
        disk.check_room(gb, tmp_path, free=5 * gb)
    assert "about 12.0 GB" in str(refused.value) and "5.0 GB is free" in str(refused.value)
    assert "1.0 GB of input" in str(refused.value)
