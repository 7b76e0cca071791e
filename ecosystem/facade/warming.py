"""Warm start: the core's part of preparing the server before it says it is ready."""

from __future__ import annotations

from ecosystem import warmup
from ecosystem.db.graph import Graph
from ecosystem.warmup import Samples


class Warming:
    graph: Graph

    def warm(self) -> Samples:
        """Load the stores and indexes the pages read into Neo4j's page cache (read-only)
        and return one entry of each kind for the front end to open its pages with."""
        return warmup.prime(self.graph)
