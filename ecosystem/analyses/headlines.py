"""The commissioner's headlines for the whole area (overlaps, orphans, funding), worked out
once per change of the map and day instead of on every view of the index (issue 18).

They are kept on the latest `Import` record: every import and every edit makes a new one, so
a change of the map is a new record without them; a restore brings back the records (and the
headlines) of the map it restores. While an import is running nothing is kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ecosystem.analyses import funding, orphans, overlaps
from ecosystem.analyses.suppression import Disclosure
from ecosystem.db.graph import Graph

MONTHS = 6  # the orphans analysis's default horizon for "losing every service"


@dataclass(frozen=True)
class Headlines:
    clusters: int  # clusters of possible duplicates
    pairs: int  # duplicate pairs
    different: int  # clusters paid for by different commissioners
    largest_spend: float | None  # the largest cluster's combined spend (None: no cluster)
    orphaned: int
    under_served: int
    ending: int
    months: int
    total: float  # current contracts' annual value
    services_for_half: int


def run(graph: Graph, today: dt.date, *, disclosure: Disclosure,
        renewal_gap_days: int = orphans.RENEWAL_GAP_DAYS) -> Headlines:
    key = f"{today.isoformat()} gap={renewal_gap_days} months={MONTHS}"
    latest = next(iter(graph.read("summaries/headlines_get")), None)
    if latest is not None and latest["key"] == key and latest["headlines"]:
        return Headlines(**json.loads(latest["headlines"]))
    found = work_out(graph, today, disclosure=disclosure, renewal_gap_days=renewal_gap_days)
    if latest is not None and latest["status"] == "complete":
        graph.write("summaries/headlines_put", id=latest["id"], key=key,
                    headlines=json.dumps(dataclasses.asdict(found)))
    return found


def work_out(graph: Graph, today: dt.date, *, disclosure: Disclosure,
             renewal_gap_days: int = orphans.RENEWAL_GAP_DAYS) -> Headlines:
    """From the analyses themselves (what `run` keeps)."""
    # Three independent whole-area reads: wait for the slowest, not the sum.
    with ThreadPoolExecutor(max_workers=3) as pool:
        ov_f = pool.submit(overlaps.run, graph, today, disclosure=disclosure)
        orph_f = pool.submit(orphans.run, graph, today, MONTHS, disclosure=disclosure,
                             contact=False, renewal_gap_days=renewal_gap_days)
        fund_f = pool.submit(funding.run, graph, None, today)
        ov, orph, fund = ov_f.result(), orph_f.result(), fund_f.result()
    return Headlines(len(ov.clusters), len(ov.catalogue),
                     sum(c.different_commissioners for c in ov.clusters),
                     ov.clusters[0].combined_spend if ov.clusters else None,
                     len(orph.orphaned), len(orph.under_served), len(orph.ending), orph.months,
                     fund.total, fund.concentration.services_for_half)
