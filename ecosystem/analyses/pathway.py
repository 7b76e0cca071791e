"""`pathway`: a step-down or discharge pathway (a chain of services), step by step.

For each step: the declared wait and capacity, and from people's journeys the median wait
(referral to start) of those who came from the previous step, how many started, and how many
were referred but never started. The bottleneck is the step after the first with the longest
wait (observed median if there is one, else declared; ties go to the lower capacity).
Cost of delay: the first step is taken to be a bed (e.g. a ward). A later step's wait is
spent in that bed when most people observed starting it were still in the first step at the
time (from ENGAGED_WITH dates); with no observations, the waits of the `bed_steps` steps after
the first are (default 1). Delayed bed-days = such waits beyond `target_days`, costed at the
bed-day cost (default £385, NHS Confederation/HACT 2022). Total = per person x people who
started that step, as published (rounded; no total when a costed step is suppressed).
Disclosure: counts go through the policy, and no observation is used from a group too small
for a statistic (`Disclosure.allows`): then the step's wait is the declared one and whether
it is spent in a bed follows `bed_steps`, as if nobody had been observed.

Waiting now: at each step, the people referred (from the step before) and not started,
declined or found not eligible by today, and the delayed days they have accrued so far (days
since referral beyond `target_days`, added up; at a step whose wait is spent in the bed, costed
at the bed-day cost); no days from a group too small for a statistic. Cost of delay per year:
the total over the period of data (from the first referral at any step to today), scaled to
365 days; the period is given with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ecosystem import dates
from ecosystem.analyses.common import median, to_date
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class PathStep:
    order: int
    service_id: str
    name: str
    status: str | None
    declared_wait: int | None
    observed_wait: float | None  # median days, referral to start, of people from the step before
    wait: float | None  # the one used: observed if known, else declared
    capacity: int | None
    started: Count
    not_started: Count
    linked: bool  # a referral route exists from the step before
    delayed_bed_days: float  # per person, spent waiting in the first step (a bed)
    cost_per_person: float
    wait_withheld: bool = False  # waits were observed, from too few people to show
    waiting_now: Count = Count(0)  # referred, not started, not refused, today
    waiting_delayed_days: float | None = None  # accrued so far by them, beyond the target
    waiting_cost: float | None = None  # those days at the bed-day cost (a bed step only)


@dataclass(frozen=True)
class PathwayResult:
    steps: tuple[PathStep, ...]
    missing: tuple[str, ...]  # ids not found
    bottleneck: PathStep | None
    bed_day_cost: float
    cost_per_person: float
    total_cost: float | None
    why: str
    cost_per_year: float | None = None  # total_cost over the period, scaled to 365 days
    period_from: dt.date | None = None  # the period of data: first referral to `today`
    today: dt.date | None = None


def run(graph: Graph, service_ids: Sequence[str], *, bed_day_cost: float,
        bed_steps: int = 1, target_days: int = 0,
        disclosure: Disclosure, today: dt.date | None = None) -> PathwayResult:
    today = today or dates.today()
    ids = list(service_ids)
    rows = graph.read("analyses/pathway_steps", ids=ids, today=today)
    found = {r["id"] for r in rows}
    steps = []
    for r in rows:
        waits = [w for w in r["waits"] if w is not None]
        observed = median(waits) if disclosure.allows(len(waits)) else None
        wait = observed if observed is not None else r["waiting_days"]
        if disclosure.allows(r["started"]):
            in_bed = r["step"] > 0 and r["in_first"] * 2 >= r["started"]
        else:
            in_bed = 0 < r["step"] <= bed_steps
        bed = in_bed and wait is not None
        delayed = max(0.0, float(wait) - target_days) if bed and wait is not None else 0.0
        waiting = [w for w in r["waiting"] if w is not None]
        accrued = (float(sum(max(0, w - target_days) for w in waiting))
                   if disclosure.allows(len(waiting)) else None)
        steps.append(PathStep(
            r["step"] + 1, r["id"], r["name"], r["status"], r["waiting_days"], observed, wait,
            r["capacity"], disclosure.count(r["started"]),
            disclosure.count(r["not_started"]), r["step"] == 0 or bool(r["linked"]),
            delayed, delayed * bed_day_cost, bool(waits) and observed is None,
            disclosure.count(len(waiting)), accrued,
            accrued * bed_day_cost if accrued is not None and in_bed else None))
    later = [s for s in steps[1:] if s.wait is not None]
    bottleneck = max(later, key=lambda s: (s.wait, -(s.capacity or 0)), default=None)
    per_person = sum(s.cost_per_person for s in steps)
    total: float | None = 0.0
    for s in steps:
        if s.cost_per_person:
            if s.started.suppressed:
                total = None
                break
            total = (total or 0.0) + s.cost_per_person * (s.started.value or 0)
    why = (f"bottleneck: {bottleneck.name}, wait {bottleneck.wait:g} days" if bottleneck
           else "no step after the first has a known wait")
    unlinked = [s.name for s in steps if not s.linked]
    if unlinked:
        why += "; no referral route into " + ", ".join(unlinked)
    firsts = [d for r in rows if (d := to_date(r["first_referred"])) and d <= today]
    start = min(firsts, default=None)
    per_year = None
    if total is not None and start is not None:
        per_year = round(total * 365 / max(1, (today - start).days), 2)
    return PathwayResult(tuple(steps), tuple(i for i in ids if i not in found), bottleneck,
                         bed_day_cost, per_person, total, why, per_year, start, today)


@dataclass(frozen=True)
class Chain:
    """A chain of services people travel, suggested for the pathway form."""

    service_ids: tuple[str, ...]
    names: tuple[str, ...]
    people: Count  # on its least travelled link
    routes: bool  # a referral route links every step to the next


def suggest(graph: Graph, *, disclosure: Disclosure, limit: int = 5,
            max_steps: int = 6) -> tuple[Chain, ...]:
    """The most travelled chains, from journeys' referrals (referred from one service to the
    next): each link travelled by more people than the threshold, extended both ways along
    the most travelled links (no service twice), most travelled first; a chain inside
    another listed one is left out."""
    rows = [r for r in graph.read("analyses/pathway_links") if disclosure.allows(r["people"])]
    names = {r["from_id"]: r["from_name"] for r in rows} | {r["to_id"]: r["to_name"]
                                                             for r in rows}
    weight = {(r["from_id"], r["to_id"]): (r["people"], bool(r["route"])) for r in rows}
    out_of: dict[str, list[tuple[int, str]]] = {}
    into: dict[str, list[tuple[int, str]]] = {}
    for (a, b), (n, _) in weight.items():
        out_of.setdefault(a, []).append((n, b))
        into.setdefault(b, []).append((n, a))

    def best(options: list[tuple[int, str]], seen: list[str]) -> str | None:
        free = [(n, s) for n, s in options if s not in seen]
        return max(free, key=lambda x: (x[0], x[1]))[1] if free else None

    chains: list[tuple[str, ...]] = []
    for (a, b), _ in sorted(weight.items(), key=lambda kv: (-kv[1][0], kv[0])):
        chain = [a, b]
        while len(chain) < max_steps and (nxt := best(out_of.get(chain[-1], []), chain)):
            chain.append(nxt)
        while len(chain) < max_steps and (prv := best(into.get(chain[0], []), chain)):
            chain.insert(0, prv)
        t = tuple(chain)
        if not any(_within(t, c) for c in chains):
            chains.append(t)
        if len(chains) >= limit:
            break
    out = []
    for c in chains:
        links = [weight[(x, y)] for x, y in zip(c, c[1:], strict=False)]
        out.append(Chain(c, tuple(names[s] for s in c),
                         disclosure.count(min(n for n, _ in links)), all(r for _, r in links)))
    return tuple(out)


def _within(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))
