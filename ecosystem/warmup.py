"""Warm start, the graph's part: load what the pages read into Neo4j's page cache and pick
one entry of each kind to open each page with. Warming leaves the map as it is: reads, the
pages' writes rolled back, and one audit entry that the web pages started (see `prime`). The
web app's part (rendering each page once) is `web/warming.py`."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ecosystem.accounts import audit
from ecosystem.db.graph import Graph

# The named queries warming runs itself (the sign-in check's too: warming renders the pages
# without the access hooks); the pages' own queries run when web/warming.py renders each
# page with these samples.
QUERIES = ("warm/stores", "warm/indexes", "warm/samples", "users/get")
# The writes a GET page makes (a person-level view, the audit page itself: an audit entry),
# run and rolled back, so the first such page does not wait for Neo4j to plan them.
REHEARSED = (("audit/append", {"username": "warm-start", "action": "warm start",
                               "target": "", "detail": ""}),)
# The one write warming commits. After a Neo4j restart the first committed write waited
# 170-500 ms however small (later ones 8-40 ms), and a visitor's first sign-in or audited
# page was that write.
STARTED = "web.start"


@dataclass(frozen=True)
class Samples:
    """One id of each kind of entry (None when the map has none), to open pages with."""

    service: str | None = None
    service_name: str | None = None
    provider: str | None = None
    commissioner: str | None = None
    cohort: str | None = None
    area: str | None = None
    person: str | None = None


def prime(graph: Graph) -> Samples:
    """Read the stores and indexes once (into the page cache), audit that the web pages
    started; the samples to warm with."""
    audit.record(graph, audit.cli_actor(), STARTED, "web pages",
                 f"warm start, process {os.getpid()}")
    graph.read("warm/stores")
    graph.read("warm/indexes")
    graph.read("users/get", username="warm-start")  # the sign-in check of every request
    for name, params in REHEARSED:
        graph.rehearse(name, **params)
    rows = graph.read("warm/samples")
    return Samples(**rows[0]) if rows else Samples()
