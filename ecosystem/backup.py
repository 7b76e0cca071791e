"""Export the whole graph to a portable set of files, and restore it exactly.

The files are JSON Lines: `nodes.jsonl` (labels and properties) and `relationships.jsonl`
(type, ends and properties), plus `manifest.json` with the counts. Neo4j dates keep their
type through a small tag (`{"$date": "2026-01-31"}`), so a round trip is exact.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from neo4j.time import Date, DateTime

from ecosystem import summaries
from ecosystem.db.graph import Graph
from ecosystem.secure import open_private, private_dir

FORMAT = "ecosystem-backup/1"
PAGE = 10_000


class RestoreError(RuntimeError):
    pass


def _encode(v: Any) -> Any:
    if isinstance(v, Date):
        return {"$date": v.iso_format()}
    if isinstance(v, DateTime):
        return {"$datetime": v.iso_format()}
    if isinstance(v, dt.datetime):
        return {"$datetime": v.isoformat()}
    if isinstance(v, dt.date):
        return {"$date": v.isoformat()}
    if isinstance(v, list):
        return [_encode(x) for x in v]
    return v


def _decode(v: Any) -> Any:
    if isinstance(v, dict):
        if "$date" in v:
            return dt.date.fromisoformat(v["$date"])
        if "$datetime" in v:
            return dt.datetime.fromisoformat(v["$datetime"])
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v


def _pages(graph: Graph, name: str) -> Iterator[list[dict[str, Any]]]:
    skip = 0
    while True:
        rows = graph.read(name, skip=skip, limit=PAGE)
        if not rows:
            return
        yield rows
        skip += len(rows)


def export(graph: Graph, out: Path) -> dict[str, int]:
    # The backup holds people, password hashes and the audit log: a new folder is 0700, and
    # an existing one (perhaps shared, or /tmp) is left as it is; every file is 0600.
    private_dir(out, tighten=False)
    counts = {"nodes": 0, "relationships": 0}
    for name, file, key in (("backup/nodes", "nodes.jsonl", "nodes"),
                            ("backup/relationships", "relationships.jsonl", "relationships")):
        with open_private(out / file) as f:
            for rows in _pages(graph, name):
                for r in rows:
                    r["props"] = {k: _encode(v) for k, v in r["props"].items()}
                    f.write(json.dumps(r, sort_keys=True) + "\n")
                counts[key] += len(rows)
    with open_private(out / "manifest.json") as f:
        f.write(json.dumps({"format": FORMAT, **counts}, indent=2))
    return counts


def _read_lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise RestoreError(f"{path.name}, line {n}: not valid JSON ({e.msg})") from None
            row["props"] = {k: _decode(v) for k, v in row["props"].items()}
            yield row


def check(folder: Path) -> dict[str, int]:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise RestoreError(f"{folder}: no readable manifest.json ({e})") from None
    if manifest.get("format") != FORMAT:
        raise RestoreError(f"{folder}: not an ecosystem backup (format {manifest.get('format')!r})")
    expected = {"nodes": int(manifest["nodes"]), "relationships": int(manifest["relationships"])}
    # Read every line before anything is cleared, so a damaged backup changes nothing.
    found = {}
    for file, key in (("nodes.jsonl", "nodes"), ("relationships.jsonl", "relationships")):
        if not (folder / file).exists():
            raise RestoreError(f"{folder}: {file} is missing")
        found[key] = sum(1 for _ in _read_lines(folder / file))
    if found != expected:
        raise RestoreError(f"{folder}: the files hold {found}, the manifest says {expected}")
    return expected


def _query_for(kind: str, row: dict[str, Any]) -> str:
    if kind == "relationships":
        return "backup/create_relationships"
    if "User" in row["labels"]:
        return "backup/merge_users"
    if "AuditEntry" in row["labels"]:
        return "backup/merge_audit"
    return "backup/create_nodes"


def restore(graph: Graph, folder: Path) -> dict[str, int]:
    """Replace the graph with the backup in `folder` (the caller clears it first)."""
    expected = check(folder)
    graph.run_schema("backup/index")
    counts = {"nodes": 0, "relationships": 0}
    keep_log = graph.read("backup/audit_size")[0]["n"] > 0
    for file, key in (("nodes.jsonl", "nodes"), ("relationships.jsonl", "relationships")):
        batches: dict[str, list[dict[str, Any]]] = {}
        for row in _read_lines(folder / file):
            query = _query_for(key, row)
            if query == "backup/merge_audit" and keep_log:
                counts[key] += 1  # accounted for: the log already here is kept as it is
                continue
            batch = batches.setdefault(query, [])
            batch.append(row)
            if len(batch) == PAGE:
                graph.write(query, rows=batch)
                counts[key] += len(batch)
                batch.clear()
        for query, batch in batches.items():
            if batch:
                graph.write(query, rows=batch)
                counts[key] += len(batch)
    graph.run_autocommit("backup/finish")
    graph.run_schema("backup/drop_index")
    summaries.refresh(graph)  # a backup from before the summaries has none
    if counts != expected:
        raise RestoreError(f"restored {counts}, but the manifest says {expected}")
    return counts
