"""How fresh a service's details are: `last_verified` (the date someone last confirmed them,
from an import, an ORUK feed's `assured_date` or the "still correct" button) against the
setting `ECOSYSTEM_STALE_MONTHS`.

The rule (docs/stewardship.md): an entry is stale when it has never been checked (no
`last_verified`) or was last checked more than N months ago. An import without the column
does not pretend the details were checked on the day they were imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecosystem.dates import add_months

DEFAULT_STALE_MONTHS = 6


def months_before(d: dt.date, months: int) -> dt.date:
    """The same day `months` months earlier (the month's last day where it has no such day)."""
    return add_months(d, -months)


def stale_before(today: dt.date, months: int) -> dt.date:
    """Entries last checked before this date are stale."""
    return months_before(today, months)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (0 when later is not a month on)."""
    n = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        n -= 1
    return max(n, 0)


def to_date(v: Any) -> dt.date | None:
    """A stored date (Neo4j's, Python's or ISO text) as a Python date."""
    if v is None or v == "":
        return None
    to_native = getattr(v, "to_native", None)
    if callable(to_native):
        v = to_native()
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])


@dataclass(frozen=True)
class Freshness:
    last_verified: dt.date | None
    stale: bool
    months: int | None  # whole months since last checked; None: never checked

    @property
    def age(self) -> str:
        """'14 months ago', 'this month', 'never'."""
        if self.months is None:
            return "never"
        if self.months == 0:
            return "less than a month ago"
        return f"{self.months} month{'' if self.months == 1 else 's'} ago"

    @property
    def text(self) -> str:
        """The sentence the pages, options and plan show."""
        if self.last_verified is None:
            return "Details have never been checked"
        return f"Details last checked {self.age}"

    @property
    def caveat(self) -> str | None:
        """For a stale entry, what the key worker should know; None when fresh."""
        if not self.stale:
            return None
        if self.last_verified is None:
            return "details have never been checked: confirm them with the service"
        return f"details last checked {self.age}: confirm them with the service"


def check(last_verified: Any, today: dt.date, months: int = DEFAULT_STALE_MONTHS) -> Freshness:
    d = to_date(last_verified)
    if d is None:
        return Freshness(None, True, None)
    return Freshness(d, d < stale_before(today, months), months_between(d, today))
