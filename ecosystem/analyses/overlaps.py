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
Clusters: duplicate pairs joined where they share a service (three duplicates are one
cluster, not three pairs), each with its payers and its services' spend counted once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ecosystem import dates
from ecosystem.analyses.eligibility import criteria_overlap
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAIN_NAMES, TYPE_NAMES


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
class Cluster:
    services: tuple[ServiceRef, ...]
    commissioners: tuple[str, ...]  # every payer of any of its services
    domains: tuple[str, ...]
    types: tuple[str, ...]
    cohorts: tuple[str, ...]
    different_commissioners: bool  # some pair in it is paid for by different payers
    combined_spend: float  # each service's current contracts once
    pairs: tuple[CatalogueOverlap, ...]
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
    clusters: tuple[Cluster, ...] = ()
    area_id: str | None = None


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


def candidates(graph: Graph, today: dt.date, area_id: str | None = None
               ) -> list[dict[str, Any]]:
    """Pairs of active services that meet in an area (one serves an area the other serves,
    or one it is part of) and share a life domain and a type of support, with the cohorts
    both name. Paired here from one row per service: pairing in Cypher cost a subquery per
    pair of services meeting anywhere (~34,000 at L) for ~300 candidates. With `area_id`,
    only services serving that area, one within it or one it is part of."""
    return _pairs(graph.read("analyses/overlaps_catalogue", today=today, area_id=area_id))


def _pairs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def clusters(pairs: Iterable[CatalogueOverlap],
             commissioners: Mapping[str, str] | None = None) -> list[Cluster]:
    """Services joined by duplicate pairs (connected components), largest spend first."""
    pairs = list(pairs)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        a, b = (root(s.id) for s in p.services)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[CatalogueOverlap]] = {}
    for p in pairs:
        groups.setdefault(root(p.services[0].id), []).append(p)
    out = []
    for members in groups.values():
        refs = {s.id: s for p in members for s in p.services}
        services = tuple(refs[i] for i in sorted(refs))
        payers = tuple(sorted({c for s in services for c in s.commissioners}))
        spend = sum(s.annual_spend for s in services)
        domains = tuple(sorted({d for p in members for d in p.domains}))
        types = tuple(sorted({t for p in members for t in p.types}))
        cohorts = tuple(sorted({c for p in members for c in p.cohorts}))
        why = (f"{len(services)} services ({', '.join(s.name for s in services)}) give "
               f"{_types(list(types))} support in {_domains(list(domains))} in overlapping "
               f"areas, linked by {len(members)} duplicate "
               f"pair{'s' if len(members) != 1 else ''}; "
               f"paid for by {_named(payers, commissioners or {}) or 'no current contract'}; "
               f"£{spend:,.0f} a year in all, each service counted once")
        out.append(Cluster(services, payers, domains, types, cohorts,  # ids, named in `why`
                           any(p.different_commissioners for p in members), spend,
                           tuple(members), why))
    out.sort(key=lambda c: (-c.combined_spend, not c.different_commissioners,
                            c.services[0].id))
    return out


def run(graph: Graph, today: dt.date | None = None, *, disclosure: Disclosure,
        only_different_commissioners: bool = False,
        area_id: str | None = None, commissioner_names: Mapping[str, str] | None = None,
        cohort_names: Mapping[str, str] | None = None) -> OverlapsResult:
    """`area_id`: only services serving that area, one within it or one it is part of
    (doubling up too: both services must). The why texts name commissioners and cohorts by
    `commissioner_names` and `cohort_names` (id -> name; an id not there reads as itself)."""
    today = today or dates.today()
    rows = graph.read("analyses/overlaps_catalogue", today=today, area_id=area_id)
    cands = _pairs(rows)
    doubles = graph.read("analyses/overlaps_doubling", today=today)
    if area_id is not None:
        here = {r["id"] for r in rows}
        doubles = [r for r in doubles if r["a"] in here and r["b"] in here]
    fx = facts(graph, [r[k] for r in cands + doubles for k in ("a", "b")], today)
    commissioner_names, cohort_names = commissioner_names or {}, cohort_names or {}
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
        why = (f"{a.name} ({_named(a.commissioners, commissioner_names) or 'no current contract'}"
               f", £{a.annual_spend:,.0f}) and {b.name} "
               f"({_named(b.commissioners, commissioner_names) or 'no current contract'}, "
               f"£{b.annual_spend:,.0f})"
               f" both give {_types(r['types'])} support in {_domains(r['domains'])}"
               f" in overlapping areas ({', '.join(sorted(fa['area_names']))} / "
               f"{', '.join(sorted(fb['area_names']))}); "
               + (f"both for the cohort {_named(shared, cohort_names)}" if shared
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
               f"time; both give {_types(r['types'])} support in {_domains(r['domains'])}")
        doubling.append(DoublingUp((a, b), tuple(sorted(r["domains"])), tuple(sorted(r["types"])),
                                   people, money, why))
    doubling.sort(key=lambda d: (-(d.money_at_stake or 0), -(d.people.value or 0),
                                 d.services[0].id, d.services[1].id))
    return OverlapsResult(tuple(catalogue), tuple(doubling), disclosure,
                          tuple(clusters(catalogue, commissioner_names)), area_id)


def _named(ids: Iterable[str], names: Mapping[str, str]) -> str:
    """Ids by their names, for the why text (the ids stay in the result's fields)."""
    return ", ".join(names.get(i, i) for i in ids)


def _types(ids: list[str]) -> str:
    return " / ".join(TYPE_NAMES.get(t, t).lower() for t in ids)


def _domains(ids: list[str]) -> str:
    return " / ".join(DOMAIN_NAMES.get(d, d).lower() for d in ids)
