"""Faults: an import killed mid-way (the process, or the Neo4j server) and run again ends with
the same graph as one clean import: no duplicates, nothing half-written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TEST_KEY
from neo4j import GraphDatabase

from ecosystem import Ecosystem, Settings
from ecosystem.db.graph import DatabaseUnavailable, Graph
from ecosystem.db.server import ManagedServer
from ecosystem.demo.area import generate
from ecosystem.importers.templates import write_csv_folder

# A resumed import records no history for rows written before it stopped (docs/editing.md).
SYSTEM = ("Import", "AuditEntry", "User", "Change")
AS_OF = dt.date(2026, 11, 27)


RECORDS = generate(as_of=AS_OF, people=600, events_target=5000)  # a smaller Northvale
EVENTS = len(RECORDS["journey_events"])


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "northvale"
    write_csv_folder(RECORDS, out)
    return out


def _wait_for_events(eco: Ecosystem, proc_alive, timeout: float = 60) -> int:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc_alive():
        n = eco.counts().get("Event", 0)
        if n > 0:
            return n
        time.sleep(0.05)
    raise AssertionError("the import never reached the journey events")


def _describe(proc: subprocess.Popen[bytes]) -> str:
    return "" if proc.stderr is None or proc.poll() is None else proc.stderr.read().decode()[-2000:]


def test_killed_import_process_then_rerun_equals_clean_import(
        eco: Ecosystem, demo_files: Path) -> None:
    env = dict(os.environ, NEO4J_URI=eco.settings.neo4j_uri or "",
               NEO4J_PASSWORD=eco.settings.neo4j_password or "",
               ECOSYSTEM_PSEUDONYM_KEY=TEST_KEY, ECOSYSTEM_IMPORT_TX_ROWS="0",
               ECOSYSTEM_IMPORT_BATCH_ROWS="50")  # many small batches: room to land the kill
    proc = subprocess.Popen([sys.executable, "-m", "ecosystem.cli", "import", str(demo_files)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        try:
            _wait_for_events(eco, lambda: proc.poll() is None)
        except AssertionError as e:
            raise AssertionError(f"{e}: {_describe(proc)}") from None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = eco.counts()
    assert 0 < partial["Event"] < EVENTS, "the kill should land mid-way through the events"
    assert [i["source"] for i in eco.unfinished_imports()] == ["northvale"]

    # Run it again from the CLI, which says an earlier import did not finish.
    again = subprocess.run([sys.executable, "-m", "ecosystem.cli", "import", str(demo_files)],
                           env=env | {"ECOSYSTEM_IMPORT_TX_ROWS": "50000"}, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "did not finish" in again.stderr
    assert eco.unfinished_imports() == []
    resumed = eco.fingerprint(exclude=SYSTEM)

    eco.clear()
    eco.init()
    assert eco.import_path(demo_files).ok
    assert eco.fingerprint(exclude=SYSTEM) == resumed


def test_killed_neo4j_server_then_rerun_equals_clean_import(
        tmp_path: Path, demo_files: Path) -> None:
    server = ManagedServer(tmp_path, heap="512m")
    uri = server.start()
    settings = Settings.from_env({"NEO4J_URI": uri, "NEO4J_PASSWORD": server.password(),
                                  "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
                                  "ECOSYSTEM_DATA_DIR": str(tmp_path)})

    def connect(s: Settings = settings) -> Ecosystem:
        # Give up quickly when the server is gone, instead of retrying for 30 s.
        driver = GraphDatabase.driver(uri, auth=("neo4j", server.password()),
                                      max_transaction_retry_time=1.0)
        return Ecosystem(s, Graph(driver))

    try:
        eco = connect(dataclasses.replace(settings, import_tx_rows=0, import_batch_rows=200))
        eco.init()
        failure: list[BaseException] = []

        def run() -> None:
            try:
                eco.import_path(demo_files)
            except BaseException as e:  # noqa: BLE001 - the fault is what we expect
                failure.append(e)

        worker = threading.Thread(target=run)
        worker.start()
        watcher = connect()
        _wait_for_events(watcher, worker.is_alive)
        pid = server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        worker.join(timeout=120)
        assert failure and isinstance(failure[0], DatabaseUnavailable | Exception)
        watcher.close()
        eco.close()

        server.start()  # Neo4j recovers from its transaction log
        eco = connect()
        assert eco.unfinished_imports(), "the interrupted import is still marked as running"
        assert eco.import_path(demo_files).ok
        resumed = eco.fingerprint(exclude=SYSTEM)
        eco.clear()
        eco.init()
        assert eco.import_path(demo_files).ok
        assert eco.fingerprint(exclude=SYSTEM) == resumed
        eco.close()
    finally:
        server.stop(wait=False)
