"""Small helpers the analyses share."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

MAX_HOPS = 4  # referral routes are searched up to this many steps (fixed in the Cypher too)


def to_date(v: Any) -> dt.date | None:
    """A Neo4j date (or ISO text) as a Python date."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if hasattr(v, "to_native"):
        native = v.to_native()
        return native.date() if isinstance(native, dt.datetime) else native
    return dt.date.fromisoformat(str(v))


def median(values: Iterable[float]) -> float | None:
    vs = [v for v in values if v is not None]
    return float(statistics.median(vs)) if vs else None


def is_current(status: str | None, end_date: Any, today: dt.date) -> bool:
    """Active today: status active and not past its end date (a service ending today is
    still open today)."""
    end = to_date(end_date)
    return status == "active" and (end is None or end >= today)
