"""Unmet needs a key worker records: when no suitable option meets a client's need (none
eligible, all full, the wait too long, too far, not accessible, or the client declined the
only option), one action writes the area, age band, life domain, reason and date, and
nothing that identifies the person (no person id, no free text, not the key worker). The
commissioner's view counts them (`ecosystem/analyses/unmet_demand.py`)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ecosystem.db.graph import Graph
from ecosystem.vocabulary import AGE_BANDS, AGE_RANGES, DOMAIN_NAMES, UNMET_REASONS

UNKNOWN_AGE = "unknown"


@dataclass(frozen=True)
class UnmetNeed:
    area_id: str
    age_band: str  # one of AGE_BANDS, or UNKNOWN_AGE
    domain: str
    reason: str
    date: dt.date


def age_band_of(min_age: int | None, max_age: int | None) -> str:
    """The band holding an age (or a range inside one band); otherwise UNKNOWN_AGE."""
    if min_age is None or max_age is None:
        return UNKNOWN_AGE
    for band, (lo, hi) in AGE_RANGES.items():
        if lo <= min_age and max_age <= hi:
            return band
    return UNKNOWN_AGE


def record(graph: Graph, need: UnmetNeed) -> None:
    if need.domain not in DOMAIN_NAMES:
        raise ValueError(f"unknown life domain {need.domain!r}")
    if need.reason not in UNMET_REASONS:
        raise ValueError(f"unknown reason {need.reason!r}")
    if need.age_band not in (*AGE_BANDS, UNKNOWN_AGE):
        raise ValueError(f"unknown age band {need.age_band!r}")
    graph.write("keyworker/unmet_record", id=str(uuid.uuid4()), area_id=need.area_id,
                age_band=need.age_band, domain=need.domain, reason=need.reason,
                date=need.date.isoformat())
