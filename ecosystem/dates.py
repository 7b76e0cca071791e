"""Calendar arithmetic the features share (base layer: imports nothing of the tool)."""

from __future__ import annotations

import datetime as dt


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day `months` months later (earlier when negative); the month's last day
    where it has no such day."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


_fixed: dt.date | None = None


def today() -> dt.date:
    """The day the tool works to: the calendar's, unless `fix_today` has set it. Every
    "today" of the tool comes from here, so a run that crosses midnight (a test suite) can
    hold one day throughout."""
    return _fixed or dt.date.today()


def fix_today(day: dt.date | None) -> None:
    """Hold `today()` at `day` for this process (None: back to the calendar)."""
    global _fixed
    _fixed = day
