"""What the outcomes analysis reads from the graph, before suppression, kept per day and area
on the latest `Import` record so a view of the outcomes page does not sum every journey again
(issue 18): per group of services (people started, outcomes reached, in the last year, the
median days to an outcome) and per service (name, status, domains, types, models, current
contracts' values).

Every import and every edit makes a new record (without them); the write paths with no record
of their own (retention, clear-people, restore) forget them with the summaries
(`ecosystem/summaries.py`). While an import is running nothing is kept. Suppression is applied
by the analysis when it reads them, so the policy can change without a new record.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from ecosystem.analyses.common import median, to_date
from ecosystem.db.graph import Graph

YEAR_DAYS = 365
FORMAT = 1  # of the kept rows: a new format is a new key, so older rows are not read
MAX_AREAS = 20  # areas kept besides the whole (the latest worked out), so a read stays small

Rows = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Inputs:
    groups: Rows  # 'service:<id>', 'model:<id>' or 'domain:<id>' -> counts, raw
    services: Rows  # id -> name, status, domains, types, models, values (current contracts)


def read(graph: Graph, today: dt.date, area_id: str | None) -> Inputs:
    """The inputs kept for the day and area on the latest import, else worked out (and kept
    when that import is complete)."""
    key, area = f"{today.isoformat()} v{FORMAT}", area_id or ""
    latest = next(iter(graph.read("summaries/outcomes_get", key=key, area=area)), None)
    if latest is not None and latest["rows"] is not None:
        return Inputs(**json.loads(latest["rows"]))
    found = work_out(graph, today, area_id)
    if latest is not None and latest["status"] == "complete":
        graph.write("summaries/outcomes_put", id=latest["id"], key=key, area=area,
                    max_areas=MAX_AREAS,
                    rows=json.dumps({"groups": found.groups, "services": found.services}))
    return found


def work_out(graph: Graph, today: dt.date, area_id: str | None) -> Inputs:
    """From the journeys and the map themselves (what `read` keeps): of the days to an
    outcome only what the analysis uses, their number and median."""
    groups: Rows = {}
    for r in graph.read("analyses/outcomes_groups", area_id=area_id, today=today,
                        year_ago=today - dt.timedelta(days=YEAR_DAYS)):
        days = [d for d in r["days"] if d is not None]
        first = to_date(r["first_start"])
        groups[r["grp"]] = {"started": r["started"], "reached": r["reached"],
                            "in_year": r["in_year"], "outcomes": len(days),
                            "median_days": median(days),
                            "first_start": first.isoformat() if first else None}
    keys = ("name", "status", "domains", "types", "models", "values")
    services = {r["id"]: {k: r[k] for k in keys}
                for r in graph.read("analyses/outcomes_services", area_id=area_id, today=today)}
    return Inputs(groups, services)
