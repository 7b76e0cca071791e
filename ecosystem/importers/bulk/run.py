"""The bulk import's steps: read, validate and spool (spool.py), check the database is
empty, stop the server, write the files bucket by bucket and import them, start it again and
finish (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase

from ecosystem import summaries
from ecosystem.accounts import audit
from ecosystem.config import Settings
from ecosystem.db import schema
from ecosystem.db.graph import Graph, chunks
from ecosystem.db.server import ADMIN_CLASS, ManagedServer, fetch
from ecosystem.importers.bulk import disk
from ecosystem.importers.bulk.contents import (
    write_catalogue,
    write_journeys,
    write_kept,
    write_people,
    write_reference,
)
from ecosystem.importers.bulk.files import ARRAY_DELIMITER, BulkImportError, CsvFiles, Rec
from ecosystem.importers.bulk.sources import CHUNK_ROWS, open_source
from ecosystem.importers.bulk.spool import Spooled, spool
from ecosystem.importers.issues import EntityCounts, ImportReport

PAGE = 20_000
Records = dict[str, list[dict[str, Any]]]


@dataclass
class BulkTimings:
    """Seconds spent in each phase (for measuring)."""

    phases: dict[str, float] = field(default_factory=dict)
    _since: float = field(default=0.0, init=False, repr=False)

    def mark(self, name: str, since: float) -> float:
        now = time.monotonic()
        self.phases[name] = round(now - since, 2)
        return now

    def start(self) -> None:
        self._since = time.monotonic()

    def lap(self, name: str) -> None:
        """The time since the last lap (or start) as phase `name`."""
        self._since = self.mark(name, self._since)


@dataclass
class _Load:
    """What the steps after validation share."""

    server: ManagedServer
    settings: Settings
    key: str
    source: str
    timings: BulkTimings
    echo: Callable[[str], None]
    spooled: Spooled
    import_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    keep_work: bool = False  # the offline importer failed: its files are kept to look at


def bulk_import(server: ManagedServer, settings: Settings,
                records_or_path: Records | Path | str, key: str,
                source: str | None = None, actor: str | None = None,
                echo: Callable[[str], None] = lambda _m: None,
                timings: BulkTimings | None = None, chunk_rows: int = CHUNK_ROWS,
                buckets: int | None = None) -> ImportReport:
    """Validate and spool every row, then load everything offline into the managed server's
    empty database. People and events are read `chunk_rows` at a time and spread over
    `buckets` files (by default one per EVENTS_PER_BUCKET events)."""
    if settings.neo4j_uri and settings.neo4j_uri != server.uri:
        raise BulkImportError(
            "Bulk import works only on the local server the tool manages, not on the Neo4j at "
            f"NEO4J_URI ({settings.neo4j_uri}): unset NEO4J_URI, or use `ecosystem import`.")
    timings = timings or BulkTimings()
    timings.start()
    server.home.mkdir(parents=True, exist_ok=True)
    disk.check_room(disk.input_bytes(records_or_path), server.home)
    work = Path(tempfile.mkdtemp(prefix="bulk-", dir=server.home))
    load: _Load | None = None
    try:
        src = open_source(records_or_path, source, chunk_rows)
        spooled = spool(src, key, work, buckets)
        timings.lap("read+validate+spool")
        report = ImportReport(issues=spooled.issues)
        for name, n in spooled.rejected.items():
            report.counts[name] = EntityCounts(rejected=n)
        if report.issues:
            return report  # the server is not touched
        load = _Load(server, settings, key, src.name, timings, echo, spooled)
        kept = _map_free_database(load)
        timings.lap("check database")
        files = _replace_database(load, kept)
        _finish(load, files, report, actor)
        return report
    finally:
        if load is None or not load.keep_work:
            shutil.rmtree(work, ignore_errors=True)


def _map_free_database(load: _Load) -> list[Rec]:
    """Refuses a database with map data; returns the nodes to carry over (users, audit)."""
    load.server.start(echo=load.echo)
    graph = _connect(load.server, load.settings)
    try:
        present = graph.read("importing/bulk_map_present")[0]["labels"]
        if present:
            raise BulkImportError(
                "The database already has map data (" + ", ".join(present) + "): bulk import "
                "is only for the first load into an empty database. Use `ecosystem import`, "
                "or clear the map first.")
        return graph.read("importing/bulk_kept_nodes")
    finally:
        graph.close()


def _replace_database(load: _Load, kept: list[Rec]) -> CsvFiles:
    """The server stopped, the files written (while it stops) and imported, and the server
    started again. The files are kept if the offline importer fails."""
    server, timings = load.server, load.timings
    load.echo("Stopping the local Neo4j server for the bulk import...")
    server.stop(wait=False)  # it shuts down while the files are written
    try:
        files = _write_files(load, load.spooled.work / "import", kept)
        timings.lap("write csv")
        server.stop()
        timings.lap("wait for stop")
        try:
            _admin_import(server, files, files.folder)
        except BulkImportError as e:
            load.keep_work = True  # the files (users and audit log too), the importer's report
            raise BulkImportError(f"{e}\nThe import files are kept in {files.folder}") from None
        timings.lap("admin import")
    finally:
        server.stop()  # in case writing the files failed while it was stopping
        load.echo("Starting the local Neo4j server again...")
        server.start(echo=load.echo)
    timings.lap("start server")
    return files


def _write_files(load: _Load, folder: Path, kept: list[Rec]) -> CsvFiles:
    """The catalogue's files, then each bucket's people, events and journeys in turn."""
    spooled = load.spooled
    folder.mkdir()
    files = CsvFiles(folder)
    write_reference(files)
    write_catalogue(files, spooled.steps)
    services = spooled.steps.get("services", [])
    for people, events in spooled.buckets_in_turn():
        steps = {"people": people, "journey_events": events, "services": services}
        write_people(files, steps, write_journeys(files, steps))
    files.nodes("Import", [{"id": load.import_id, "source": load.source,
                            "rows": _total(spooled.counts), "started_at": dt.datetime.now(dt.UTC),
                            "status": "running"}])
    write_kept(files, kept)
    return files


def _total(counts: dict[str, int]) -> int:
    return sum(counts.values())


def _finish(load: _Load, files: CsvFiles, report: ImportReport, actor: str | None) -> None:
    """The schema, the empty lists the offline importer cannot store, the Import record
    completed, the counts and the audit entry."""
    graph = _connect(load.server, load.settings)
    try:
        schema.init(graph)
        load.timings.lap("init (schema)")
        # Two sessions at once: each node is set once, so they never wait on each other.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda w: graph.write("importing/bulk_empty_lists", **w),
                          [{"label": label, "ids": chunk, "props": {k: [] for k in names}}
                           for (label, names), ids in files.empty_lists.items()
                           for chunk in chunks(ids, PAGE)]))
        summaries.refresh(graph)  # from what was loaded, however the files were written
        graph.write("importing/finish", id=load.import_id, source=load.source)
        counts = load.spooled.counts
        for name, n in counts.items():
            report.counts[name] = EntityCounts(created=n)
        report.written = True
        audit.record(graph, actor or audit.cli_actor(), "import", load.source,
                     f"written=True rows_changed={_total(counts)} problems=0 bulk=True")
        load.timings.lap("finish")
    finally:
        graph.close()


def _connect(server: ManagedServer, settings: Settings) -> Graph:
    # No notifications: on a new database the labels asked about may not exist yet.
    driver = GraphDatabase.driver(server.uri, auth=("neo4j", server.password()),
                                  notifications_min_severity="OFF")
    return Graph(driver, settings.neo4j_database)


def _admin_import(server: ManagedServer, files: CsvFiles, work: Path) -> None:
    lib = fetch(cache=server.cache)
    args = [server.java(), "-cp", f"{lib}/*", ADMIN_CLASS,
            "database", "import", "full", "neo4j", "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER}", "--id-type=string",
            f"--report-file={work / 'import.report'}"]
    if files.multiline:
        args.append("--multiline-fields=true")
    args += [f"--nodes={labels}={path}" for labels, path in files.node_files]
    args += [f"--relationships={t}={path}" for t, path in files.rel_files]
    env = {"NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.home / "conf")}
    proc = subprocess.run(args, env=dict(os.environ, **env), cwd=work,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        report = work / "import.report"
        detail = report.read_text()[-2000:] if report.exists() else ""
        raise BulkImportError("the offline import failed:\n"
                              + (proc.stdout + proc.stderr)[-3000:] + detail)
