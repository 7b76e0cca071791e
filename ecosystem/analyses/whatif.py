"""`what-if`: decommission services, or withdraw a commissioner, and see what breaks.

Withdrawing a commissioner removes the services it alone pays for (services it co-funds
with others are listed as losing that money, not removed). Then, against today's picture:
cohort needs that become orphaned or newly under-served, people currently engaged with a
removed service, direct referral links lost, and pairs of services that were linked only
through a removed one. The people counts go through the disclosure policy: the total is
rounded from the raw sum and withheld when it could pin a suppressed service's count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ecosystem.analyses.orphans import CohortNeed, assess, under_served
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Removed:
    service_id: str
    name: str
    people: Count
    annual_value: float | None = None


@dataclass(frozen=True)
class Link:
    from_id: str
    to_id: str
    note: str | None = None


@dataclass(frozen=True)
class BrokenRoute:
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    through: str


@dataclass(frozen=True)
class WhatIfResult:
    removed: tuple[Removed, ...]
    reduced: tuple[Removed, ...]  # co-funded services losing the withdrawn money
    newly_orphaned: tuple[CohortNeed, ...]
    newly_under_served: tuple[CohortNeed, ...]
    people_affected: Count
    links_lost: tuple[Link, ...]
    routes_broken: tuple[BrokenRoute, ...]
    why: str


def run(graph: Graph, services: Sequence[str] = (), commissioner: str | None = None,
        today: dt.date | None = None, under_ratio: float = 0.5,
        *, disclosure: Disclosure) -> WhatIfResult:
    today = today or dt.date.today()
    remove = list(dict.fromkeys(services))
    reduced_rows = []
    values: dict[str, float] = {}
    if commissioner:
        for r in graph.read("analyses/commissioner_services", commissioner_id=commissioner,
                            today=today):
            values[r["id"]] = float(r["value"] or 0)
            if r["co_funded"]:
                reduced_rows.append(r)
            elif r["id"] not in remove:
                remove.append(r["id"])
    before = assess(graph, today)
    after = assess(graph, today, exclude=set(remove))
    key = {(n.cohort_id, n.domain): n for n in before}
    newly_orphaned = [n for n in after if n.orphaned and not key[(n.cohort_id, n.domain)].orphaned]
    was_under = {(n.cohort_id, n.domain) for n in under_served(before, under_ratio)}
    newly_under = [n for n in under_served(after, under_ratio)
                   if (n.cohort_id, n.domain) not in was_under]
    people_rows = graph.read("analyses/whatif_people", ids=remove) if remove else []
    total_people, shown = disclosure.partition(sum(r["people"] for r in people_rows),
                                               {r["id"]: r["people"] for r in people_rows})
    removed = tuple(Removed(r["id"], r["name"], shown[r["id"]], values.get(r["id"]))
                    for r in people_rows)
    links = tuple(Link(r["from_id"], r["to_id"], r["note"])
                  for r in graph.read("analyses/whatif_links", ids=remove)) if remove else ()
    broken = tuple(BrokenRoute(r["from_id"], r["from_name"], r["to_id"], r["to_name"],
                               r["through"])
                   for r in graph.read("analyses/whatif_routes", ids=remove)) if remove else ()
    reduced = tuple(Removed(r["id"], r["name"], Count(None), float(r["value"] or 0))
                    for r in reduced_rows)
    why = (f"removing {', '.join(remove) or 'nothing'}: {len(newly_orphaned)} cohort need(s) "
           f"orphaned, {len(newly_under)} newly under-served, "
           f"{total_people.words()} people lose a current service, "
           f"{len(links)} referral link(s) lost")
    return WhatIfResult(removed, reduced, tuple(newly_orphaned), tuple(newly_under),
                        total_people, links, broken, why)
