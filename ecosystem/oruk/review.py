"""The review queue of suggested classifications (see `oruk/suggest.py`).

An officer confirms a service's suggested life domains and types of support as they are, or
changes them (one domain, one type), many services at once. Confirmed links are ordinary links;
the service records the review, so later imports keep the officer's choice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAINS, SUPPORT_TYPES

LIMIT = 500  # services shown at once: the queue is worked through in batches


@dataclass(frozen=True)
class Link:
    id: str
    name: str
    suggested: bool


@dataclass(frozen=True)
class Pending:
    id: str
    name: str
    description: str | None
    feed: str | None
    provider: str | None
    domains: list[Link]
    types: list[Link]


@dataclass(frozen=True)
class Decision:
    """Confirm service `service_id`; with `domain` / `type`, replacing the suggested ones."""

    service_id: str
    domain: str | None = None
    type: str | None = None


class ReviewError(ValueError):
    pass


def pending(graph: Graph, limit: int = LIMIT) -> list[Pending]:
    return [Pending(r["id"], r["name"], r["description"], r["feed"], r["provider"],
                    [Link(**d) for d in r["domains"]], [Link(**t) for t in r["types"]])
            for r in graph.read("oruk/review_pending", limit=limit)]


def confirm(graph: Graph, decisions: list[Decision], actor: str, today: dt.date) -> list[str]:
    """The ids of the services confirmed (those still awaiting review)."""
    domains = {d.id for d in DOMAINS}
    types = {t.id for t in SUPPORT_TYPES}
    for d in decisions:
        if d.domain is not None and d.domain not in domains:
            raise ReviewError(f"service {d.service_id}: {d.domain!r} is not a life domain")
        if d.type is not None and d.type not in types:
            raise ReviewError(f"service {d.service_id}: {d.type!r} is not a type of support")
    if not decisions:
        return []
    rows = [{"id": d.service_id, "domain": d.domain, "type": d.type} for d in decisions]
    result = graph.write("oruk/review_confirm", rows=rows, actor=actor, today=today)
    return [r["id"] for r in result.rows]
