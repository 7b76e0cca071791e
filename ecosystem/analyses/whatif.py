"""`what-if`: decommission services, or withdraw a commissioner, and see what breaks.

Withdrawing a commissioner removes the services it alone pays for (services it co-funds
with others are listed as losing that money, not removed). Then, against today's picture:
cohort needs that become orphaned or newly under-served, people currently engaged with a
removed service, direct referral links lost, and pairs of services that were linked only
through a removed one. The people counts go through the disclosure policy: the total is
rounded from the raw sum and withheld when it could pin a suppressed service's count.

Each removed service says the annual money it releases: the value of its current contracts
(all of them when decommissioned; withdrawing a commissioner removes only services it alone
pays for, so that is its money too), and `released` adds them up with the money co-funded
services lose. For the people who lose a service: the other services they could move to
(active, sharing a life domain and a type of support with it, a capacity above zero,
reaching the person's area, and taking them by the eligibility rules, where an unknown
answer never excludes), each with how many of them it could take, and how many have no such
service; those counts go through the policy too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem import dates
from ecosystem.analyses.eligibility import Profile, check
from ecosystem.analyses.orphans import CohortNeed, assess, need_rows, under_served
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Alternative:
    """A service people losing a removed one could move to."""

    service_id: str
    name: str
    capacity: int
    waiting_days: int | None
    people: Count  # of the people losing the removed service, those it could take


@dataclass(frozen=True)
class Removed:
    service_id: str
    name: str
    people: Count
    annual_value: float | None = None  # released a year (None: no current contract)
    alternatives: tuple[Alternative, ...] = ()  # most people first
    no_alternative: Count = Count(0)  # people with none of them


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
    released: float = 0.0  # annual money released: removed services' and reduced funding

    @property
    def what(self) -> str:
        """What was removed, in words (the ids are in `removed`)."""
        return ", ".join(r.name for r in self.removed) or "nothing"


def run(graph: Graph, services: Sequence[str] = (), commissioner: str | None = None,
        today: dt.date | None = None, under_ratio: float = 0.5,
        *, disclosure: Disclosure) -> WhatIfResult:
    today = today or dates.today()
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
    # Only the cohort needs a removed service is in reach of can change: the others are the
    # same before and after, so they are not assessed (the area's thousands, at XL).
    gone = set(remove)
    domains = [r["domain"] for r in graph.read("analyses/service_domains", ids=remove)]
    rows = [r for r in need_rows(graph, today, domains) if gone & set(
        r["services_covering"] + r["services_within"])] if remove else []
    before = assess(graph, today, rows=rows)
    after = assess(graph, today, exclude=gone, rows=rows)
    key = {(n.cohort_id, n.domain): n for n in before}
    newly_orphaned = [n for n in after if n.orphaned and not key[(n.cohort_id, n.domain)].orphaned]
    was_under = {(n.cohort_id, n.domain) for n in under_served(before, under_ratio)}
    newly_under = [n for n in under_served(after, under_ratio)
                   if (n.cohort_id, n.domain) not in was_under]
    people_rows = (graph.read("analyses/whatif_people", ids=remove, today=today)
                   if remove else [])
    total_people, shown = disclosure.partition(sum(r["people"] for r in people_rows),
                                               {r["id"]: r["people"] for r in people_rows})
    moves = {r["id"]: r for r in graph.read("analyses/whatif_alternatives", ids=remove,
                                            today=today)} if remove else {}
    removed = []
    for r in people_rows:
        value = values.get(r["id"], float(sum(r["values"])) if r["values"] else None)
        alternatives, none = _alternatives(moves.get(r["id"]), disclosure)
        removed.append(Removed(r["id"], r["name"], shown[r["id"]], value, alternatives, none))
    links = tuple(Link(r["from_id"], r["to_id"], r["note"])
                  for r in graph.read("analyses/whatif_links", ids=remove)) if remove else ()
    broken = tuple(BrokenRoute(r["from_id"], r["from_name"], r["to_id"], r["to_name"],
                               r["through"])
                   for r in graph.read("analyses/whatif_routes", ids=remove)) if remove else ()
    reduced = tuple(Removed(r["id"], r["name"], Count(None), float(r["value"] or 0))
                    for r in reduced_rows)
    released = sum(r.annual_value or 0.0 for r in removed) + sum(
        r.annual_value or 0.0 for r in reduced)
    name_of = {r.service_id: r.name for r in removed}
    what = ", ".join(name_of.get(i, i) for i in remove) or "nothing"
    why = (f"removing {what}: {len(newly_orphaned)} cohort need(s) orphaned, "
           f"{len(newly_under)} newly under-served, "
           f"{total_people.words()} people lose a current service, "
           f"{len(links)} referral link(s) lost; £{released:,.0f} a year released")
    return WhatIfResult(tuple(removed), reduced, tuple(newly_orphaned), tuple(newly_under),
                        total_people, links, broken, why, released)


def _alternatives(row: dict[str, Any] | None, disclosure: Disclosure
                  ) -> tuple[tuple[Alternative, ...], Count]:
    """Where the people losing one service could go, and how many could go nowhere."""
    if row is None:
        return (), Count(0)
    profiles = [(p.get("area_id"), Profile.from_row(p)) for p in row["people"]]
    takes: dict[str, int] = {}
    nowhere = 0
    for area, profile in profiles:
        fits = [a["id"] for a in row["alternatives"]
                if area in (a["reach"] or ()) and check(a, profile).eligible]
        for sid in fits:
            takes[sid] = takes.get(sid, 0) + 1
        nowhere += not fits
    by_id = {a["id"]: a for a in row["alternatives"]}
    listed = sorted(takes.items(), key=lambda kv: (-kv[1], by_id[kv[0]]["name"]))
    return (tuple(Alternative(sid, by_id[sid]["name"], int(by_id[sid]["capacity"]),
                              by_id[sid].get("waiting_days"), disclosure.count(n))
                  for sid, n in listed), disclosure.count(nowhere))
