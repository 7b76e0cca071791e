"""`overlaps`: duplicated provision, in the catalogue and in people's journeys.

(a) Catalogue: two active services that serve overlapping areas, in the same life domain,
with the same type of support, for the same cohort (both name it) or with overlapping
eligibility (neither names a cohort, or one does, and some person could meet both services'
criteria). Flagged when different commissioners pay; combined annual spend of current
contracts.
(b) Journeys: people engaged with two services of the same domain and type at the same time
("doubling up"), counted per pair of services through the disclosure policy. Money at
stake = people as published (rounded) x the lower unit cost of the two.
Both lists are ranked by money at stake, largest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecosystem.analyses.eligibility import criteria_overlap
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class ServiceRef:
    id: str
    name: str
    provider: str | None
    commissioners: tuple[str, ...]
    annual_spend: float
    unit_cost: float | None = None


@dataclass(frozen=True)
class CatalogueOverlap:
    services: tuple[ServiceRef, ServiceRef]
    domains: tuple[str, ...]
    types: tuple[str, ...]
    basis: str  # "same cohort" | "overlapping eligibility"
    cohorts: tuple[str, ...]
    different_commissioners: bool
    combined_spend: float
    why: str


@dataclass(frozen=True)
class DoublingUp:
    services: tuple[ServiceRef, ServiceRef]
    domains: tuple[str, ...]
    types: tuple[str, ...]
    people: Count
    money_at_stake: float | None
    why: str


@dataclass(frozen=True)
class OverlapsResult:
    catalogue: tuple[CatalogueOverlap, ...]
    doubling_up: tuple[DoublingUp, ...]
    disclosure: Disclosure


def facts(graph: Graph, ids: Iterable[str], today: dt.date) -> dict[str, dict[str, Any]]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return {r["service"]["id"]: r for r in graph.read("analyses/service_facts", ids=ids,
                                                      today=today)}


def ref(f: dict[str, Any]) -> ServiceRef:
    s = f["service"]
    comms = tuple(sorted({k["commissioner"] for k in f["contracts"]}))
    spend = float(sum(k["value"] or 0 for k in f["contracts"]))
    return ServiceRef(s["id"], s["name"], f.get("provider"), comms, spend, s.get("unit_cost"))


def candidates(graph: Graph, today: dt.date) -> list[dict[str, Any]]:
    """Pairs of active services that meet in an area (one serves an area the other serves,
    or one it is part of) and share a life domain and a type of support, with the cohorts
    both name. Paired here from one row per service: pairing in Cypher cost a subquery per
    pair of services meeting anywhere (~34,000 at L) for ~300 candidates."""
    rows = graph.read("analyses/overlaps_catalogue", today=today)
    sets = {r["id"]: (set(r["domains"]), set(r["types"]), set(r["cohorts"])) for r in rows}
    serving: dict[str, set[str]] = {}  # area -> services serving it
    reaching: dict[str, set[str]] = {}  # area -> services serving it or an area within it
    for r in rows:
        for a in r["areas"]:
            serving.setdefault(a, set()).add(r["id"])
        for a in r["reach"]:
            reaching.setdefault(a, set()).add(r["id"])
    out = []
    for r in rows:
        sid = r["id"]
        near: set[str] = set()
        for a in r["reach"]:  # others serving an area r serves, or one above it
            near |= serving.get(a, set())
        for a in r["areas"]:  # others serving an area within one r serves
            near |= reaching.get(a, set())
        ds, ts, cs = sets[sid]
        for other in sorted(i for i in near if i > sid):
            ods, ots, ocs = sets[other]
            if ds.isdisjoint(ods) or ts.isdisjoint(ots):
                continue
            out.append({"a": sid, "b": other, "domains": sorted(ds & ods),
                        "types": sorted(ts & ots), "shared_cohorts": sorted(cs & ocs)})
    return out


def run(graph: Graph, today: dt.date | None = None, *, disclosure: Disclosure,
        only_different_commissioners: bool = False) -> OverlapsResult:
    today = today or dt.date.today()
    cands = candidates(graph, today)
    doubles = graph.read("analyses/overlaps_doubling", today=today)
    fx = facts(graph, [r[k] for r in cands + doubles for k in ("a", "b")], today)
    catalogue = []
    for r in cands:
        fa, fb = fx[r["a"]], fx[r["b"]]
        shared = tuple(sorted(r["shared_cohorts"]))
        if shared:
            basis = "same cohort"
        elif fa["cohorts"] and fb["cohorts"]:
            continue  # each names its own cohorts, none in common
        elif criteria_overlap(fa["service"], fb["service"]):
            basis = "overlapping eligibility"
        else:
            continue
        a, b = ref(fa), ref(fb)
        comm_a, comm_b = set(a.commissioners), set(b.commissioners)
        different = bool(comm_a and comm_b and comm_a != comm_b)
        if only_different_commissioners and not different:
            continue
        combined = a.annual_spend + b.annual_spend
        why = (f"{a.name} ({', '.join(a.commissioners) or 'no current contract'}, "
               f"£{a.annual_spend:,.0f}) and {b.name} "
               f"({', '.join(b.commissioners) or 'no current contract'}, £{b.annual_spend:,.0f})"
               f" both give {'/'.join(r['types'])} support in {'/'.join(r['domains'])}"
               f" in overlapping areas ({', '.join(sorted(fa['areas']))} / "
               f"{', '.join(sorted(fb['areas']))}); "
               + (f"both for cohort {', '.join(shared)}" if shared
                  else "their eligibility criteria overlap"))
        catalogue.append(CatalogueOverlap((a, b), tuple(sorted(r["domains"])),
                                          tuple(sorted(r["types"])), basis, shared, different,
                                          combined, why))
    catalogue.sort(key=lambda o: (-o.combined_spend, not o.different_commissioners,
                                  o.services[0].id, o.services[1].id))
    doubling = []
    for r in doubles:
        a, b = ref(fx[r["a"]]), ref(fx[r["b"]])
        people = disclosure.count(r["people"])
        costs = [c for c in (a.unit_cost, b.unit_cost) if c is not None]
        money = None if people.suppressed or not costs else float(people.value or 0) * min(costs)
        why = (f"{people.words()} people engaged with {a.name} and {b.name} at the same "
               f"time; both give {'/'.join(r['types'])} support in {'/'.join(r['domains'])}")
        doubling.append(DoublingUp((a, b), tuple(sorted(r["domains"])), tuple(sorted(r["types"])),
                                   people, money, why))
    doubling.sort(key=lambda d: (-(d.money_at_stake or 0), -(d.people.value or 0),
                                 d.services[0].id, d.services[1].id))
    return OverlapsResult(tuple(catalogue), tuple(doubling), disclosure)
