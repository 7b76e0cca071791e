"""The schema (constraints, indexes) and the reference data every map needs."""

from __future__ import annotations

from ecosystem import vocabulary
from ecosystem.db.graph import Graph


def init(graph: Graph) -> None:
    """Create constraints and indexes and load the reference data. Idempotent."""
    graph.run_schema("schema/constraints")
    graph.write("reference/load", **vocabulary.as_rows())


def ensure(graph: Graph) -> None:
    """`init`, unless it has run already: every write path calls this first, so a map is
    never written without the life domains, sources and types its links point at."""
    rows = vocabulary.as_rows()
    present = graph.read("reference/present")[0]
    if any(present[k] < len(rows[k]) for k in ("domains", "sources", "types", "models")):
        init(graph)
