"""`route`: referral routes from a person's current services (or any services) to a
target service, shortest first, with the steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem.analyses.common import MAX_HOPS
from ecosystem.analyses.options import person_profile
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Step:
    service_id: str
    name: str
    kind: str | None
    status: str | None
    note: str | None = None  # the note on the referral into this step


@dataclass(frozen=True)
class Route:
    hops: int
    steps: tuple[Step, ...]

    @property
    def text(self) -> str:
        return " -> ".join(s.name for s in self.steps)


@dataclass(frozen=True)
class RouteResult:
    target_id: str
    target_name: str | None
    from_ids: tuple[str, ...]
    self_referral: bool
    routes: tuple[Route, ...]
    why: str


def run(graph: Graph, target: str, from_ids: Sequence[str] = (), person_id: str | None = None,
        max_hops: int = MAX_HOPS, limit: int = 20) -> RouteResult:
    """Routes to `target` from `from_ids` and/or the person's current services."""
    froms = list(dict.fromkeys(from_ids))
    if person_id:
        froms += [u for u in person_profile(graph, person_id).uses if u not in froms]
    max_hops = max(1, min(max_hops, MAX_HOPS))
    rows = graph.read("analyses/routes", from_ids=froms, to_id=target, max_hops=max_hops,
                      limit=limit) if froms else []
    routes = tuple(_route(r) for r in rows)
    info = graph.read("analyses/service_brief", ids=[target])
    name = info[0]["name"] if info else None
    self_ref = bool(info[0]["self_referral"]) if info else False
    why = (f"{len(routes)} route(s) of up to {max_hops} referral steps from "
           f"{', '.join(froms) or 'no starting service'}")
    return RouteResult(target, name, tuple(froms), self_ref, routes, why)


def _route(r: dict[str, Any]) -> Route:
    notes = [None, *r["notes"]]
    steps = tuple(Step(s["id"], s["name"], s.get("kind"), s.get("status"), n)
                  for s, n in zip(r["steps"], notes, strict=True))
    return Route(r["hops"], steps)
