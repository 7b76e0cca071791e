"""`funding`: where the money goes.

Flows from commissioner to current contract to service, then on to life domains and cohorts
(a service's annual value is split equally across its domains, and across the cohorts it
names, so every split adds up to the total). Spend per head of a cohort = the money reaching
it / its estimated size. Concentration: the share of spend going to the top 10% of services,
how few services take half of the money, and the Herfindahl-Hirschman index (0-10,000).

Clinical services (wards, CMHTs: entry points, not social support) are in the flows, the
total and the commissioners' totals (the money is paid), but not in the spend by domain, by
cohort, by service or the concentration: those are of social support (`social_total`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from ecosystem import dates
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Flow:
    commissioner_id: str
    commissioner: str
    contract_id: str
    service_id: str
    service: str
    value: float
    domains: tuple[str, ...]
    cohorts: tuple[str, ...]
    commissioner_kind: str | None = None
    clinical: bool = False


@dataclass(frozen=True)
class Total:
    id: str
    name: str
    spend: float
    share: float


@dataclass(frozen=True)
class CohortSpend:
    cohort_id: str
    name: str
    spend: float
    estimated_size: int | None
    per_head: float | None
    services: tuple[str, ...]


@dataclass(frozen=True)
class Concentration:
    services: int
    top_decile_share: float  # share of spend going to the top 10% of services (at least 1)
    services_for_half: int  # fewest services that take half of the money
    hhi: float
    why: str


@dataclass(frozen=True)
class FundingResult:
    total: float
    flows: tuple[Flow, ...]
    by_commissioner: tuple[Total, ...]
    by_service: tuple[Total, ...]
    by_domain: tuple[Total, ...]
    by_cohort: tuple[CohortSpend, ...]
    concentration: Concentration
    social_total: float = 0.0  # the total less clinical services: what the splits add up to
    clinical_total: float = 0.0


def run(graph: Graph, area_id: str | None = None, today: dt.date | None = None) -> FundingResult:
    today = today or dates.today()
    rows = graph.read("analyses/funding_flows", area_id=area_id, today=today)
    flows = tuple(Flow(r["commissioner_id"], r["commissioner"], r["contract_id"], r["service_id"],
                       r["service"], float(r["value"] or 0), tuple(r["domains"]),
                       tuple(c["id"] for c in r["cohorts"]), r["commissioner_kind"],
                       bool(r["clinical"]))
                  for r in rows)
    total = sum(f.value for f in flows)
    social = sum(f.value for f in flows if not f.clinical)
    comm: dict[tuple[str, str], float] = defaultdict(float)
    svc: dict[tuple[str, str], float] = defaultdict(float)
    dom: dict[tuple[str, str], float] = defaultdict(float)
    coh: dict[str, float] = defaultdict(float)
    coh_services: dict[str, set[str]] = defaultdict(set)
    info = {c["id"]: c for r in rows for c in r["cohorts"]}
    for f in flows:
        comm[(f.commissioner_id, f.commissioner)] += f.value
        if f.clinical:
            continue
        svc[(f.service_id, f.service)] += f.value
        for d in f.domains:
            dom[(d, d)] += f.value / len(f.domains)
        for c in f.cohorts:
            coh[c] += f.value / len(f.cohorts)
            coh_services[c].add(f.service_id)

    def totals(m: dict[tuple[str, str], float], of: float) -> tuple[Total, ...]:
        return tuple(Total(k[0], k[1], round(v, 2), v / of if of else 0.0)
                     for k, v in sorted(m.items(), key=lambda kv: (-kv[1], kv[0])))

    cohorts = []
    for c, spend in sorted(coh.items(), key=lambda kv: -kv[1]):
        size = info[c].get("size")
        cohorts.append(CohortSpend(c, info[c]["name"], round(spend, 2), size,
                                   round(spend / size, 2) if size else None,
                                   tuple(sorted(coh_services[c]))))
    by_service = totals(svc, social)
    return FundingResult(total, flows, totals(comm, total), by_service, totals(dom, social),
                         tuple(cohorts), _concentration([t.spend for t in by_service], social),
                         social, total - social)


def _concentration(spends: list[float], total: float) -> Concentration:
    n = len(spends)
    if not n or not total:
        return Concentration(n, 0.0, 0, 0.0, "no current contracts")
    ranked = sorted(spends, reverse=True)
    top = max(1, math.ceil(n / 10))
    top_share = sum(ranked[:top]) / total
    acc, half = 0.0, 0
    for s in ranked:
        acc += s
        half += 1
        if acc >= total / 2:
            break
    hhi = sum((s / total * 100) ** 2 for s in ranked)
    why = (f"{top} of {n} services (top 10%) take {top_share:.0%} of £{total:,.0f}; "
           f"{half} service(s) take half")
    return Concentration(n, top_share, half, round(hhi, 1), why)
