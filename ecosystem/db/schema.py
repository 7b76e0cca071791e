"""The schema (constraints, indexes) and the reference data every map needs."""

from __future__ import annotations

from ecosystem import vocabulary
from ecosystem.db.graph import Graph


def init(graph: Graph) -> None:
    """Create constraints and indexes and load the reference data. Idempotent."""
    graph.run_schema("schema/constraints")
    graph.write("reference/load", **vocabulary.as_rows())
