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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ecosystem.analyses.common import median
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


@dataclass(frozen=True)
class PathwayResult:
    steps: tuple[PathStep, ...]
    missing: tuple[str, ...]  # ids not found
    bottleneck: PathStep | None
    bed_day_cost: float
    cost_per_person: float
    total_cost: float | None
    why: str


def run(graph: Graph, service_ids: Sequence[str], *, bed_day_cost: float,
        bed_steps: int = 1, target_days: int = 0,
        disclosure: Disclosure) -> PathwayResult:
    ids = list(service_ids)
    rows = graph.read("analyses/pathway_steps", ids=ids)
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
        steps.append(PathStep(
            r["step"] + 1, r["id"], r["name"], r["status"], r["waiting_days"], observed, wait,
            r["capacity"], disclosure.count(r["started"]),
            disclosure.count(r["not_started"]), r["step"] == 0 or bool(r["linked"]),
            delayed, delayed * bed_day_cost, bool(waits) and observed is None))
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
    return PathwayResult(tuple(steps), tuple(i for i in ids if i not in found), bottleneck,
                         bed_day_cost, per_person, total, why)
