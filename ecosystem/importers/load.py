"""Turn validated rows into query parameters and write them, in load order.

Small imports go in one transaction: all or nothing. Large ones go in batches that are each
idempotent (MERGE on stable ids), so an interrupted import is finished by running it again,
with the same final graph.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from typing import Any

from ..graph import Graph
from .issues import EntityCounts
from .params import Params

# Up to this many rows an import is one transaction (all or nothing); above it, idempotent
# batches, with an Import node marking it running until it completes.
SINGLE_TRANSACTION_ROWS = int(os.environ.get("ECOSYSTEM_IMPORT_TX_ROWS", "50000"))
BATCH_ROWS = int(os.environ.get("ECOSYSTEM_IMPORT_BATCH_ROWS", "5000"))

def write(graph: Graph, steps: list[tuple[str, list[Params]]],
          on_rows: Callable[[int], None] | None = None,
          source: str = "data") -> dict[str, EntityCounts]:
    total = sum(len(rows) for _, rows in steps)
    people = sorted({r["person_id"] for name, rows in steps if name == "journey_events"
                     for r in rows}
                    | {r["id"] for name, rows in steps if name == "people" for r in rows})
    counts: dict[str, EntityCounts] = {}
    import_id = uuid.uuid4().hex
    if total <= SINGLE_TRANSACTION_ROWS:
        batches: list[tuple[str, dict[str, Any]]] = [
            ("importing/begin", {"id": import_id, "source": source, "rows": total})]
        batches += [(f"importing/{name}", {"rows": chunk})
                    for name, rows in steps for chunk in _chunks(rows)]
        if people:
            batches += [("importing/rebuild_journeys", {"ids": c}) for c in _chunks(people)]
        batches.append(("importing/finish", {"id": import_id, "source": source}))
        stats = graph.write_all(batches)
        for (query, _), rows in zip(batches, stats.step_rows, strict=True):
            if rows:
                _add(counts, query, rows[0])
        if on_rows:
            on_rows(total)
        return counts
    graph.write("importing/begin", id=import_id, source=source, rows=total)
    for name, rows in steps:
        for chunk in _chunks(rows):
            stats = graph.write(f"importing/{name}", rows=chunk)
            _add(counts, f"importing/{name}", stats.rows[0])
            if on_rows:
                on_rows(len(chunk))
    for chunk in _chunks(people, 2_000):
        graph.write("importing/rebuild_journeys", ids=chunk)
    graph.write("importing/finish", id=import_id, source=source)
    return counts


def _add(counts: dict[str, EntityCounts], query: str, row: dict[str, Any]) -> None:
    name = query.removeprefix("importing/")
    if "created" not in row:
        return
    c = counts.setdefault(name, EntityCounts())
    c.created += row["created"]
    c.updated += row["updated"]
    c.unchanged += row["unchanged"]


def _chunks(rows: list[Any], size: int = BATCH_ROWS) -> list[list[Any]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]
