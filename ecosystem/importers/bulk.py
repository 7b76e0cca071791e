"""Bulk first load: a large area into an EMPTY database on the managed server, offline.

The rows are read, validated and turned into parameters exactly as `ecosystem import` does
(same pseudonyms, same row hashes); any problem and nothing is written. They are then written
as CSV files for Neo4j's offline importer (`neo4j-admin database import full`) with every
node, relationship and property the online Cypher creates, plus what the online import
derives afterwards (the NEXT chain of each person's events and the ENGAGED_WITH summaries,
by the rules of cypher/importing/rebuild_journeys.cypher). The server is stopped, the
database replaced by the import, the server started again, the schema created
(`Ecosystem.init`), and the Import record marked complete.

Only for the first load: it refuses a database that already holds map data, and a Neo4j
given by NEO4J_URI (the offline importer needs the server's own files). Users and the audit
log, which live in the same database, are carried over unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, cast

from neo4j import GraphDatabase

from ecosystem import vocabulary
from ecosystem.accounts import audit
from ecosystem.config import Settings
from ecosystem.db import schema
from ecosystem.db.graph import Graph, chunks
from ecosystem.db.server import ADMIN_CLASS, ManagedServer, fetch
from ecosystem.importers import journeys, params, tables_from_records
from ecosystem.importers.issues import EntityCounts, ImportReport, Issue
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.importers.readers import Table, read_path
from ecosystem.importers.schema import ENTITIES
from ecosystem.importers.validate import Known, Valid, validate

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: never in a cell of an import file
LABELS_WITH_LISTS = ("Service", "Person")  # see cypher/importing/bulk_empty_lists.cypher
PAGE = 20_000

Rec = dict[str, Any]


class BulkImportError(RuntimeError):
    """The bulk import cannot be used here, or the offline importer failed."""


@dataclass
class BulkTimings:
    """Seconds spent in each phase (for measuring)."""

    phases: dict[str, float] = field(default_factory=dict)

    def mark(self, name: str, since: float) -> float:
        now = time.monotonic()
        self.phases[name] = round(now - since, 2)
        return now


def bulk_import(server: ManagedServer, settings: Settings,
                records_or_path: dict[str, list[dict[str, Any]]] | Path | str, key: str,
                source: str | None = None, actor: str | None = None,
                echo: Callable[[str], None] = lambda _m: None,
                timings: BulkTimings | None = None) -> ImportReport:
    """Validate, then load everything offline into the managed server's empty database."""
    if settings.neo4j_uri and settings.neo4j_uri != server.uri:
        raise BulkImportError(
            "Bulk import works only on the local server the tool manages, not on the Neo4j at "
            f"NEO4J_URI ({settings.neo4j_uri}): unset NEO4J_URI, or use `ecosystem import`.")
    timings = timings or BulkTimings()
    t = time.monotonic()
    if isinstance(records_or_path, dict):
        tables, read_issues = tables_from_records(records_or_path)
        source = source or "records"
    else:
        path = Path(records_or_path)
        tables, read_issues = read_path(path)
        source = source or path.name
    report, valid = _validate(tables, read_issues, key)
    t = timings.mark("read+validate", t)
    if report.issues:
        return report  # the server is not touched
    server.start(echo=echo)
    graph = _connect(server, settings)
    try:
        present = graph.read("importing/bulk_map_present")[0]["labels"]
        if present:
            raise BulkImportError(
                "The database already has map data (" + ", ".join(present) + "): bulk import "
                "is only for the first load into an empty database. Use `ecosystem import`, "
                "or clear the map first.")
        kept = graph.read("importing/bulk_kept_nodes")
    finally:
        graph.close()
    t = timings.mark("check database", t)
    import_id = uuid.uuid4().hex
    work = Path(tempfile.mkdtemp(prefix="bulk-", dir=server.home))
    keep = False
    echo("Stopping the local Neo4j server for the bulk import...")
    server.stop(wait=False)  # it shuts down while the files are written
    try:
        steps = dict(params.plan(valid, key))
        total = sum(len(rows) for rows in steps.values())
        files = _CsvFiles(work)
        _write_reference(files)
        reached = _write_journeys(files, steps)
        _write_map(files, steps, reached)
        files.nodes("Import", [{"id": import_id, "source": source, "rows": total,
                                "started_at": dt.datetime.now(dt.UTC), "status": "running"}])
        _write_kept(files, kept)
        t = timings.mark("plan+write csv", t)
        server.stop()
        t = timings.mark("wait for stop", t)
        try:
            _admin_import(server, files, work)
        except BulkImportError as e:
            keep = True  # the files (users and audit log too) and the importer's report
            raise BulkImportError(f"{e}\nThe import files are kept in {files.folder}") from None
        t = timings.mark("admin import", t)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
        server.stop()  # in case writing the files failed while it was stopping
        echo("Starting the local Neo4j server again...")
        server.start(echo=echo)
    t = timings.mark("start server", t)
    graph = _connect(server, settings)
    try:
        schema.init(graph)
        t = timings.mark("init (schema)", t)
        # Two sessions at once: each node is set once, so they never wait on each other.
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda w: graph.write("importing/bulk_empty_lists", **w),
                          [{"label": label, "ids": chunk, "props": {k: [] for k in names}}
                           for (label, names), ids in files.empty_lists.items()
                           for chunk in chunks(ids, PAGE)]))
        graph.write("importing/finish", id=import_id, source=source)
        for name, rows in steps.items():
            report.counts[name] = EntityCounts(created=len(rows))
        report.written = True
        audit.record(graph, actor or audit.cli_actor(), "import", source,
                     f"written=True rows_changed={total} problems=0 bulk=True")
        timings.mark("finish", t)
    finally:
        graph.close()
    return report


def _validate(tables: dict[str, Table], read_issues: list[Issue], key: str
              ) -> tuple[ImportReport, Valid]:
    report = ImportReport(issues=list(read_issues))
    if any(n in tables for n in ("people", "journey_events")):
        pseudonym("check", key)  # fails early, with the message, when there is no key
    # The database holds no map data, so nothing is known but what this import brings.
    valid, issues = validate(tables, Known(), lambda _refs: set())
    report.issues += issues
    for e in ENTITIES:
        if e.name in tables:
            report.counts[e.name] = EntityCounts(rejected=len(valid.rejected.get(e.name, ())))
    return report, valid


def _connect(server: ManagedServer, settings: Settings) -> Graph:
    # No notifications: on a new database the labels asked about may not exist yet.
    driver = GraphDatabase.driver(server.uri, auth=("neo4j", server.password()),
                                  notifications_min_severity="OFF")
    return Graph(driver, settings.neo4j_database)


# --- CSV files for the offline importer -------------------------------------------------------

def _type_of(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dt.datetime) or type(v).__name__ == "DateTime":
        return "datetime"
    if isinstance(v, dt.date) or type(v).__name__ == "Date":
        return "date"
    raise BulkImportError(f"a value of type {type(v).__name__} cannot be bulk imported")


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return _quote(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        items = [x if isinstance(x, str) else _cell(x) for x in v]
        if any(ARRAY_DELIMITER in x for x in items):
            raise BulkImportError("a list item holds the ASCII unit separator (0x1F)")
        return _quote(ARRAY_DELIMITER.join(items))
    if hasattr(v, "iso_format"):
        return str(v.iso_format())
    if isinstance(v, dt.date):
        return v.isoformat()
    return _quote(str(v))


class _CsvFiles:
    """Node and relationship files, each with its header on the first line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.node_files: list[tuple[str, Path]] = []
        self.rel_files: list[tuple[str, Path]] = []
        self.multiline = False
        # The offline importer cannot store an empty list: ids by (label, the empty lists).
        self.empty_lists: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def _columns(self, rows: list[Rec], skip: set[str]) -> list[tuple[str, str]]:
        """Each property's import type, checked over every row (column by column: millions
        of rows at L)."""
        keys = [k for k in dict.fromkeys(chain.from_iterable(rows)) if k not in skip]
        out = []
        for k in keys:
            kinds = {type(r.get(k)) for r in rows} - {type(None)}
            if list in kinds:
                items = {type(x) for r in rows if type(r.get(k)) is list for x in r[k]}
                if kinds != {list} or len(items) > 1:
                    raise BulkImportError(f"property {k} has values of mixed types")
                t = (_type_of(next(x for r in rows if r.get(k) for x in r[k])) + "[]"
                     if items else "string[]")  # only empty lists: the type does not matter
            elif not kinds:
                t = "string"  # only nulls
            else:
                types = {_type_of(next(v for r in rows if type(v := r.get(k)) is kind))
                         for kind in kinds}
                if len(types) > 1:
                    raise BulkImportError(f"property {k} has values of types "
                                          + " and ".join(sorted(types)))
                t = types.pop()
            out.append((k, t))
        return out

    def _write(self, name: str, header: list[str], lines: Iterable[str]) -> Path:
        path = self.folder / f"{len(self.node_files) + len(self.rel_files):03d}-{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(header) + "\n")
            for line in lines:
                f.write(line)
        return path

    def _line(self, cells: list[str]) -> str:
        line = ",".join(cells)
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        return line + "\n"

    def nodes(self, labels: str, rows: list[Rec], id_space: str | None = None,
              id_key: str | None = "id") -> None:
        """Nodes with `labels` ("A:B"); `id_key` is stored as a property and is the node's
        id for relationships; with id_key None, rows carry a `_key` that is not stored."""
        if not rows:
            return
        space = id_space or labels
        key = id_key or "_key"
        cols = self._columns(rows, {key})
        head = [f"{id_key}:ID({space})" if id_key else f":ID({space})"]
        head += [f"{k}:{t}" for k, t in cols]
        track = labels in LABELS_WITH_LISTS and id_key == "id"
        fmts = [(k, _formatter(t)) for k, t in cols]
        lists = [k for k, t in cols if t.endswith("[]")]

        def lines() -> Iterable[str]:
            for r in rows:
                if lists:
                    empty = tuple(k for k in lists if r.get(k) == [])
                    if empty:
                        if not track:
                            raise BulkImportError(f"{labels} nodes cannot have empty lists")
                        self.empty_lists.setdefault((labels, empty), []).append(r[key])
                yield self._line([_id(r[key]), *[f(r.get(k)) for k, f in fmts]])

        self.node_files.append((labels, self._write(labels, head, lines())))

    def rels(self, rel_type: str, start: str, end: str,
             rows: list[tuple[str, str, Rec | None]]) -> None:
        """Relationships as (start id, end id, properties or None)."""
        if not rows:
            return
        props = [p for _, _, p in rows if p]
        cols = self._columns(props, set()) if props else []
        head = [f":START_ID({start})", f":END_ID({end})"] + [f"{k}:{t}" for k, t in cols]
        if any(t.endswith("[]") and any(p.get(k) == [] for p in props) for k, t in cols):
            raise BulkImportError(f"{rel_type} relationships cannot have empty lists")
        fmts = [(k, _formatter(t)) for k, t in cols]
        none = "," * len(fmts)

        def lines() -> Iterable[str]:
            for a, b, p in rows:
                if p is None:
                    yield self._line([_id(a), _id(b) + none])
                else:
                    yield self._line([_id(a), _id(b), *[f(p.get(k)) for k, f in fmts]])

        self.rel_files.append((rel_type, self._write(rel_type, head, lines())))


def _id(v: Any) -> str:
    return '"' + v.replace('"', '""') + '"' if type(v) is str else _cell(v)


def _formatter(import_type: str) -> Callable[[Any], str]:
    """How to write one column's cells (as `_cell` would, without asking each value's type)."""
    if import_type == "string":
        return lambda v: "" if v is None else '"' + v.replace('"', '""') + '"'
    if import_type == "long":
        return lambda v: "" if v is None else str(v)
    if import_type == "date":
        return lambda v: "" if v is None else (v.isoformat() if type(v) is dt.date
                                                else _cell(v))
    return _cell


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _write_reference(files: _CsvFiles) -> None:
    """As cypher/reference/load.cypher makes it (`init` MERGEs the same again)."""
    ref = vocabulary.as_rows()
    files.nodes("Domain", cast(list[Rec], ref["domains"]))
    files.nodes("Source", cast(list[Rec], ref["sources"]))
    files.nodes("SupportType", cast(list[Rec], ref["types"]))
    models = cast(list[Rec], ref["models"])
    files.nodes("Model", [{k: m[k] for k in ("id", "name", "evidence", "description")}
                          for m in models])
    files.rels("IN_DOMAIN", "Model", "Domain",
               [(m["id"], d, None) for m in models for d in _unique(m["domains"])])
    files.rels("USES_SOURCE", "Model", "Source",
               [(m["id"], s, None) for m in models for s in _unique(m["sources"])])
    files.rels("PROVIDES_TYPE", "Model", "SupportType",
               [(m["id"], t, None) for m in models for t in _unique(m["types"])])
    principles = [{"_key": f"{m['id']}/{p['order']}", "model": m["id"], "order": p["order"],
                   "text": p["text"]}
                  for m in models for p in m["principles"]]
    files.nodes("Principle", principles, id_key=None)
    files.rels("HAS_PRINCIPLE", "Model", "Principle",
               [(p["model"], p["_key"], None) for p in principles])


def _node(row: Rec, *fields: str) -> Rec:
    return {"id": row["id"], **{f: row[f] for f in fields}, "row_hash": row["row_hash"]}


def _with_props(row: Rec) -> Rec:
    return {"id": row["id"], **row["props"], "row_hash": row["row_hash"]}


def _write_map(files: _CsvFiles, steps: dict[str, list[Rec]],
               reached: dict[str, list[str]]) -> None:
    """As cypher/importing/<entity>.cypher makes each entity, on an empty graph."""
    areas = steps.get("areas", [])
    files.nodes("Area", [_node(r, "name", "level") for r in areas])
    area_ids = {r["id"] for r in areas}
    files.rels("PART_OF", "Area", "Area", [(r["id"], r["parent_id"], None) for r in areas
                                           if r["parent_id"] in area_ids])
    files.nodes("Provider", [_node(r, "name", "sector", "website")
                             for r in steps.get("providers", [])])
    comms = steps.get("commissioners", [])
    files.nodes("Commissioner", [_node(r, "name", "kind") for r in comms])
    files.rels("BASED_IN", "Commissioner", "Area",
               [(r["id"], r["area_id"], None) for r in comms if r["area_id"] in area_ids])
    cohorts = steps.get("cohorts", [])
    files.nodes("Cohort", [_with_props(r) for r in cohorts])
    files.rels("IN_AREA", "Cohort", "Area", [(r["id"], r["area_id"], None) for r in cohorts])
    files.rels("NEEDS", "Cohort", "Domain",
               [(r["id"], n["domain"], {"estimated": n["estimated"]})
                for r in cohorts for n in r["needs"]])
    services = steps.get("services", [])
    files.nodes("Service", [_with_props(r) for r in services])
    files.rels("PROVIDES", "Provider", "Service",
               [(r["provider_id"], r["id"], None) for r in services])
    for rel, end, fieldname in (("SERVES_AREA", "Area", "areas"),
                                ("IN_DOMAIN", "Domain", "domains"),
                                ("USES_SOURCE", "Source", "sources"),
                                ("PROVIDES_TYPE", "SupportType", "types"),
                                ("FOR_COHORT", "Cohort", "cohorts")):
        files.rels(rel, "Service", end, [(r["id"], x, None) for r in services
                                         for x in _unique(r[fieldname])])
    files.rels("FOLLOWS_MODEL", "Service", "Model",
               [(r["id"], r["model_id"], {"fidelity": r["model_fidelity"]})
                for r in services if r["model_id"] is not None])
    files.rels("REFERS_TO", "Service", "Service",
               [(r["from_service_id"], r["to_service_id"],
                 {"note": r["note"], "row_hash": r["row_hash"]})
                for r in steps.get("referral_routes", [])])
    contracts = steps.get("contracts", [])
    files.nodes("Contract", [_node(r, "annual_value", "start_date", "end_date", "capacity")
                             for r in contracts])
    files.rels("FUNDS", "Commissioner", "Contract",
               [(r["commissioner_id"], r["id"], None) for r in contracts])
    files.rels("FOR_SERVICE", "Contract", "Service",
               [(r["id"], r["service_id"], None) for r in contracts])
    people = steps.get("people", [])
    # `reached` only for people with events, as the online import sets it with their journeys.
    files.nodes("Person", [_with_props(r) | ({"reached": reached[r["id"]]}
                                             if r["id"] in reached else {}) for r in people])
    files.rels("LIVES_IN", "Person", "Area", [(r["id"], r["area_id"], None) for r in people])
    files.rels("MEMBER_OF", "Person", "Cohort",
               [(r["id"], c, None) for r in people for c in _unique(r["cohorts"])])
    files.rels("NEEDS", "Person", "Domain",
               [(r["id"], d, None) for r in people for d in _unique(r["needs"])])
    events = steps.get("journey_events", [])
    files.nodes("Event", [_node(r, "type", "date", "seq", "outcome") for r in events])
    files.rels("HAD", "Person", "Event", [(r["person_id"], r["id"], None) for r in events])
    files.rels("AT", "Event", "Service", [(r["id"], r["service_id"], None) for r in events])
    files.rels("REFERRED_FROM", "Event", "Service",
               [(r["id"], r["referred_from_service_id"], None) for r in events
                if r["referred_from_service_id"] is not None])


def _write_journeys(files: _CsvFiles, steps: dict[str, list[Rec]]) -> dict[str, list[str]]:
    """NEXT, ENGAGED_WITH and DOUBLED_UP, as cypher/importing/journeys_new.cypher makes them
    (by the rules of rebuild_journeys.cypher and rebuild_by_kind.cypher); returns each
    person's `reached` domains, which go on their node."""
    reached: dict[str, list[str]] = {}
    kinds = journeys.kinds_from_rows(steps.get("services", []))
    nexts: list[tuple[str, str, Rec | None]] = []
    engaged: list[tuple[str, str, Rec | None]] = []
    doubled: list[tuple[str, str, Rec | None]] = []
    for pid, evs in journeys.by_person(steps.get("journey_events", [])).items():
        j = journeys.derive(pid, evs, kinds)
        nexts += [(a["id"], b["id"], None) for a, b in zip(j.events, j.events[1:], strict=False)]
        engaged += [(pid, sid, g) for sid, g in j.engaged.items()]
        doubled += [(pid, a, {"other": b, "since": since}) for a, b, since in j.doubled]
        reached[pid] = j.reached
    files.rels("NEXT", "Event", "Event", nexts)
    files.rels("ENGAGED_WITH", "Person", "Service", engaged)
    files.rels("DOUBLED_UP", "Person", "Service", doubled)
    return reached


def _write_kept(files: _CsvFiles, kept: list[Rec]) -> None:
    """Users and the audit log, as they are (they are not part of the map)."""
    groups: dict[str, list[Rec]] = {}
    for n, row in enumerate(kept):
        labels = ":".join(sorted(row["labels"]))
        groups.setdefault(labels, []).append({"_key": f"kept-{n}", **row["props"]})
    for labels, rows in groups.items():
        files.nodes(labels, rows, id_space="Kept", id_key=None)


def _admin_import(server: ManagedServer, files: _CsvFiles, work: Path) -> None:
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
