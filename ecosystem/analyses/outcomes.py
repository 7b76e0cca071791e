"""`outcomes`: what works, and what it costs per result.

Journey outcome events roll up per service, per model of support and per life domain, over
the services serving an area (or everything). For each:

- people started: people who started with a service of the group (by today);
- outcomes reached: of them, those with an outcome event at a service of the group, dated
  from their start to today, whose code is a result (every code but those in
  `vocabulary.OUTCOMES_NOT_REACHED`, i.e. "disengaged");
- outcome rate: outcomes reached / people started, from the published (rounded) counts;
- median days to outcome: from a person's first start in the group to their first outcome;
- outcomes in the last year: people whose first outcome is dated in the twelve months to
  today;
- cost per outcome: the annual value of the group's current contracts / the outcomes in the
  last year as published; for a model or a domain only when every one of its services that
  started people has a current contract (else the money and the outcomes would not match).

A person counts once in a group (a domain's people are not the sum of its services' when
someone used two). Disclosure: every count goes through the policy; a model's or a domain's
count is withheld when, beside its services' published counts, it could pin a suppressed one
(`Disclosure.partition`); the rate and the cost are worked out from published counts only and
not at all when a count they use is suppressed; the median needs more than the threshold's
outcomes (`Disclosure.allows`).

What it reads from the graph (raw, before suppression) is kept per day and area on the latest
import record (`outcomes_kept`), so a repeat view costs what its answer costs, not the area's
journeys.

Side by side: the services sharing a life domain and a type of support (as overlaps pairs
them), two or more with people started, so a commissioner sees which gets people into work,
say, and at what cost.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ecosystem.analyses import outcomes_kept
from ecosystem.analyses.common import to_date
from ecosystem.analyses.outcomes_kept import YEAR_DAYS
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAIN_NAMES, MODEL_NAMES, TYPE_NAMES


@dataclass(frozen=True)
class Outcomes:
    """One service, model of support or life domain."""

    kind: str  # "service", "model" or "domain"
    id: str
    name: str
    started: Count
    reached: Count
    rate: float | None  # reached / started, from the published counts
    median_days: float | None  # first start to first outcome
    in_year: Count  # outcomes reached in the twelve months to today
    annual_value: float | None  # current contracts (None: none, or not all the services')
    cost_per_outcome: float | None
    services: tuple[str, ...] = ()  # the services behind a model or domain (ids)
    domains: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    status: str | None = None  # a service's

    @property
    def why(self) -> str:
        parts = [f"{self.started.words()} started, {self.reached.words()} reached an outcome"]
        if self.rate is not None:
            parts.append(f"{self.rate:.0%}")
        elif self.started.value != 0:
            parts.append("rate not shown: too few people")
        if self.cost_per_outcome is not None:
            parts.append(f"£{self.cost_per_outcome:,.0f} per outcome "
                         f"(£{self.annual_value or 0:,.0f} a year / {self.in_year.words()} "
                         "outcomes in the last year)")
        elif self.annual_value is None:
            parts.append("cost not known: no current contract"
                         + ("" if self.kind == "service" else " for every service"))
        elif self.in_year.suppressed:
            parts.append("cost not shown: too few outcomes in the last year")
        else:
            parts.append("no outcome in the last year")
        return "; ".join(parts)


@dataclass(frozen=True)
class Comparison:
    """Services of one life domain and type of support, side by side."""

    domain: str
    type: str
    services: tuple[Outcomes, ...]  # lowest cost per outcome first, then highest rate
    why: str


@dataclass(frozen=True)
class OutcomesResult:
    services: tuple[Outcomes, ...]  # highest outcome rate first
    models: tuple[Outcomes, ...]
    domains: tuple[Outcomes, ...]
    comparisons: tuple[Comparison, ...]
    today: dt.date
    year_from: dt.date  # outcomes in the last year: after this day, to today
    first_start: dt.date | None  # the data the figures come from: first start to today
    why: str


def run(graph: Graph, today: dt.date, area_id: str | None = None,
        *, disclosure: Disclosure, keep: bool = True) -> OutcomesResult:
    """`keep`: read the inputs kept on the latest import for the day and area (and keep them
    there), else work them out from every journey."""
    year_from = today - dt.timedelta(days=YEAR_DAYS)
    inputs = (outcomes_kept.read if keep else outcomes_kept.work_out)(graph, today, area_id)
    rows, info = inputs.groups, inputs.services
    value = {sid: float(sum(vs)) if (vs := [v for v in r["values"] if v is not None])
             else None for sid, r in info.items()}
    raw_services = {g.split(":", 1)[1]: r for g, r in rows.items() if g.startswith("service:")}

    def service(sid: str, r: dict[str, Any], started: Count, reached: Count,
                in_year: Count) -> Outcomes:
        i = info.get(sid, {})
        return _outcomes("service", sid, i.get("name") or sid, r, started, reached, in_year,
                         value.get(sid), disclosure, domains=tuple(i.get("domains") or ()),
                         types=tuple(i.get("types") or ()), status=i.get("status"))

    services = {sid: service(sid, r, disclosure.count(r["started"]),
                             disclosure.count(r["reached"]), disclosure.count(r["in_year"]))
                for sid, r in raw_services.items()}
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sid in raw_services:
        for m in info.get(sid, {}).get("models") or ():
            members[("model", m)].append(sid)
        for d in info.get(sid, {}).get("domains") or ():
            members[("domain", d)].append(sid)
    groups: dict[str, list[Outcomes]] = {"model": [], "domain": []}
    for (kind, gid), sids in members.items():
        r = rows.get(f"{kind}:{gid}")
        if r is None:
            continue
        started, reached, in_year = (
            _partition(disclosure, r[f], {s: raw_services[s][f] for s in sids})
            for f in ("started", "reached", "in_year"))
        known = [value.get(s) for s in sids]
        money = None if any(v is None for v in known) else sum(v or 0.0 for v in known)
        name = (MODEL_NAMES if kind == "model" else DOMAIN_NAMES).get(gid, gid)
        groups[kind].append(_outcomes(kind, gid, name, r, started, reached, in_year, money,
                                      disclosure,
                                      services=tuple(sorted(sids))))
    firsts = [d for r in raw_services.values() if (d := to_date(r["first_start"]))]
    listed = tuple(sorted(services.values(), key=_rank))
    comparisons = _compare(listed)
    why = (f"{len(listed)} service(s) with people started"
           + (f", from {min(firsts).isoformat()} to {today.isoformat()}" if firsts else "")
           + f"; {len(comparisons)} group(s) of services with the same life domain and "
             "type of support to compare")
    return OutcomesResult(listed, tuple(sorted(groups["model"], key=_rank)),
                          tuple(sorted(groups["domain"], key=_rank)), comparisons, today,
                          year_from, min(firsts) if firsts else None, why)


def _partition(disclosure: Disclosure, total: int, cells: dict[str, int]) -> Count:
    """A group's count as published: withheld when beside its services' counts it could pin
    a suppressed one (a single service's group is that service's count)."""
    if len(cells) == 1:
        return disclosure.count(total)
    return disclosure.partition(total, cells)[0]


def _outcomes(kind: str, id: str, name: str, r: dict[str, Any], started: Count,
              reached: Count, in_year: Count, annual_value: float | None,
              disclosure: Disclosure, **extra: Any) -> Outcomes:
    rate = None
    if started.value and not reached.suppressed:
        rate = min(1.0, (reached.value or 0) / started.value)
    med = r["median_days"] if disclosure.allows(r["outcomes"]) else None
    cost = None
    if annual_value is not None and in_year.value:  # published, so neither 0 nor suppressed
        cost = round(annual_value / in_year.value, 2)
    return Outcomes(kind, id, name, started, reached, rate, med, in_year, annual_value, cost,
                    **extra)


def _rank(o: Outcomes) -> tuple[float, float, str]:
    """Highest rate first (unknown last), then lowest cost, then name."""
    return (-(o.rate if o.rate is not None else -1.0),
            o.cost_per_outcome if o.cost_per_outcome is not None else float("inf"), o.name)


def _compare(services: tuple[Outcomes, ...]) -> tuple[Comparison, ...]:
    sets: dict[tuple[str, str], list[Outcomes]] = defaultdict(list)
    for o in services:
        for d in o.domains:
            for t in o.types:
                sets[(d, t)].append(o)
    out = []
    for (d, t), group in sorted(sets.items()):
        if len(group) < 2:
            continue
        ordered = tuple(sorted(group, key=lambda o: (
            o.cost_per_outcome if o.cost_per_outcome is not None else float("inf"),
            -(o.rate if o.rate is not None else -1.0), o.name)))
        what = f"{len(group)} services giving {TYPE_NAMES.get(t, t).lower()} in " \
               f"{DOMAIN_NAMES.get(d, d).lower()}"
        rated = [o for o in group if o.rate is not None]
        costed = [o for o in group if o.cost_per_outcome is not None]
        if not rated and not costed:
            why = f"{what}: too few people to compare"
        else:
            bits = []
            if rated:
                best = max(rated, key=lambda o: (o.rate or 0.0, o.name))
                bits.append(f"{best.name} has the highest outcome rate ({best.rate:.0%})")
            if costed:
                cheap = ordered[0]
                bits.append(f"{cheap.name} the lowest cost per outcome "
                            f"(£{cheap.cost_per_outcome:,.0f})")
            why = f"{what}: " + "; ".join(bits)
        out.append(Comparison(d, t, ordered, why))
    return tuple(out)
