"""`contracts`: the contracts timeline. What ends when, what is renewed, what stops, the
cohorts that depend on each, and the money per quarter.

For each contract ending within `months` months of `today`:
- renewed: a later contract for the same service (any commissioner) starts at most
  `renewal_gap_days` after it ends and runs past its end;
- continues: no renewal, but another contract already funding the service runs past its end
  (co-funding carries on);
- stops: nothing recorded continues it; the service's money from it stops.
Each carries the cohort needs its service meets (as `orphans` assesses them), and whether the
service is the only one meeting the need (`only`): those cohorts are orphaned if it stops.

Money per quarter (financial-year quarters, April to June first): each contract's annual value
/ 4, times the share of the quarter's days it runs, for the quarters from `today`'s to the
horizon's; with the annual value of the contracts that stop, and of those renewed, in each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ecosystem import dates
from ecosystem.analyses.common import to_date
from ecosystem.analyses.orphans import RENEWAL_GAP_DAYS, assess
from ecosystem.dates import add_months
from ecosystem.db.graph import Graph

STATUSES = ("stops", "renewed", "continues")


@dataclass(frozen=True)
class Dependent:
    cohort_id: str
    cohort_name: str
    domain: str
    only: bool  # the only service meeting this need: orphaned if it stops


@dataclass(frozen=True)
class ContractEnd:
    contract_id: str
    service_id: str
    service: str
    commissioner_id: str
    commissioner: str
    annual_value: float
    end_date: dt.date
    status: str  # one of STATUSES
    continued_by: str | None  # the renewing (or continuing) contract's id
    continued_from: dt.date | None  # when the renewal starts
    clinical: bool
    cohorts: tuple[Dependent, ...]

    @property
    def orphans(self) -> tuple[Dependent, ...]:
        """The cohort needs left with no service when this stops."""
        return tuple(d for d in self.cohorts if d.only) if self.status == "stops" else ()


@dataclass(frozen=True)
class Quarter:
    label: str  # "2026/27 Q3 (Oct-Dec 2026)"
    start: dt.date
    end: dt.date
    contracted: float  # the money contracts commit in this quarter
    stopping: float  # annual value of the contracts that stop in it
    renewed: float  # annual value of the contracts that end in it and are renewed
    ending: int  # contracts ending in it


@dataclass(frozen=True)
class ContractsResult:
    today: dt.date
    horizon: dt.date
    months: int
    ends: tuple[ContractEnd, ...]  # by end date
    quarters: tuple[Quarter, ...]
    open_ended: int  # current contracts with no end date
    renewal_gap_days: int

    def by_status(self, status: str) -> tuple[ContractEnd, ...]:
        return tuple(e for e in self.ends if e.status == status)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def quarter_of(d: dt.date) -> tuple[dt.date, dt.date, str]:
    """The financial-year quarter holding `d`: its first and last days and its label."""
    first_month = (d.month - 4) % 12 // 3 * 3 + 4
    if first_month > 12:
        first_month -= 12  # January to March: the year's last quarter, same calendar year
    start = dt.date(d.year, first_month, 1)
    end = add_months(start, 3) - dt.timedelta(days=1)
    fy = start.year if start.month >= 4 else start.year - 1
    q = (start.month - 4) % 12 // 3 + 1
    label = (f"{fy}/{(fy + 1) % 100:02d} Q{q} ({MONTHS[start.month - 1]}-"
             f"{MONTHS[end.month - 1]} {end.year})")
    return start, end, label


def _dependents(graph: Graph, today: dt.date, gap: int) -> dict[str, list[Dependent]]:
    out: dict[str, list[Dependent]] = defaultdict(list)
    for n in assess(graph, today, renewal_gap_days=gap):
        for p in n.provision:
            out[p.service_id].append(Dependent(n.cohort_id, n.cohort_name, n.domain,
                                               len(n.provision) == 1))
    return out


def _status(k: dict[str, Any], others: list[dict[str, Any]], gap: int
            ) -> tuple[str, str | None, dt.date | None]:
    end = k["end"]
    later = [o for o in others if o["start"] > k["start"]
             and o["start"] <= end + dt.timedelta(days=gap)
             and (o["end"] is None or o["end"] > end)]
    if later:
        first = min(later, key=lambda o: (o["start"], o["id"]))
        return "renewed", first["id"], first["start"]
    running = [o for o in others if o["start"] <= k["start"]
               and (o["end"] is None or o["end"] > end)]
    if running:
        return "continues", running[0]["id"], None
    return "stops", None, None


def run(graph: Graph, today: dt.date | None = None, months: int = 12,
        area_id: str | None = None, renewal_gap_days: int = RENEWAL_GAP_DAYS
        ) -> ContractsResult:
    today = today or dates.today()
    horizon = add_months(today, months)
    rows = graph.read("analyses/contracts_timeline", today=today, area_id=area_id)
    ks = [{**r, "id": r["contract_id"], "start": to_date(r["start_date"]),
           "end": to_date(r["end_date"]), "value": float(r["value"] or 0)} for r in rows]
    by_service: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for k in ks:
        by_service[k["service_id"]].append(k)
    deps = _dependents(graph, today, renewal_gap_days) if any(
        k["end"] is not None and k["end"] <= horizon for k in ks) else {}
    ends = []
    for k in ks:
        if k["end"] is None or k["end"] > horizon:
            continue
        others = [o for o in by_service[k["service_id"]] if o["id"] != k["id"]]
        status, by, since = _status(k, others, renewal_gap_days)
        ends.append(ContractEnd(
            k["id"], k["service_id"], k["service"], k["commissioner_id"], k["commissioner"],
            k["value"], k["end"], status, by, since, bool(k["clinical"]),
            tuple(sorted(deps.get(k["service_id"], ()),
                         key=lambda d: (not d.only, d.cohort_name, d.domain)))))
    ends.sort(key=lambda e: (e.end_date, e.service, e.contract_id))
    quarters = []
    q_start, q_end, label = quarter_of(today)
    while q_start <= horizon:
        days = (q_end - q_start).days + 1
        contracted = 0.0
        for k in ks:
            start = max(k["start"] or q_start, q_start)
            end = min(k["end"] or q_end, q_end)
            if end >= start:
                contracted += k["value"] / 4 * ((end - start).days + 1) / days
        inside = [e for e in ends if q_start <= e.end_date <= q_end]
        quarters.append(Quarter(
            label, q_start, q_end, round(contracted, 2),
            round(sum(e.annual_value for e in inside if e.status == "stops"), 2),
            round(sum(e.annual_value for e in inside if e.status == "renewed"), 2),
            len(inside)))
        q_start, q_end, label = quarter_of(q_end + dt.timedelta(days=1))
    open_ended = sum(1 for k in ks if k["end"] is None and (k["start"] or today) <= today)
    return ContractsResult(today, horizon, months, tuple(ends), tuple(quarters), open_ended,
                           renewal_gap_days)
