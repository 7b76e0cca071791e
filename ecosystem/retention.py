"""Retention: delete journey events older than a number of years, then rebuild what was
derived from them (the NEXT chain, ENGAGED_WITH, DOUBLED_UP, `reached`) for the people who
lost any, by the importer's own rebuild queries. People, services and the audit log stay.

Crash-safe: the delete marks each person it touches in the same batch, and the rebuild
clears the mark in the rebuild's transaction, so a run that stops half way is finished by
the next one (docs/privacy.md, "Retention")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecosystem import summaries
from ecosystem.db.graph import Graph, chunks
from ecosystem.vocabulary import OUTCOMES_NOT_REACHED

REBUILD_PEOPLE = 2_000


@dataclass(frozen=True)
class RetentionResult:
    years: int
    cutoff: dt.date  # events dated before this day go
    events: int  # deleted (or, in a dry run, that would be)
    people: int  # whose journeys lost events (and were rebuilt, unless a dry run)
    oldest: dt.date | None
    newest: dt.date | None
    dry_run: bool


def cutoff(today: dt.date, years: int) -> dt.date:
    """`years` before `today`; 29 February falls back to the 28th."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _date(value: Any) -> dt.date | None:
    return None if value is None else value.to_native()


def apply(graph: Graph, years: int, today: dt.date, dry_run: bool = False) -> RetentionResult:
    if years < 1:
        raise ValueError("retention needs at least 1 year")
    day = cutoff(today, years)
    found = graph.read("retention/old_events", cutoff=day)[0]
    result = RetentionResult(years, day, found["events"], found["people"],
                             _date(found["oldest"]), _date(found["newest"]), dry_run)
    if dry_run:
        return result
    graph.run_autocommit("retention/delete_events", cutoff=day)
    rebuild(graph)
    return result


def rebuild(graph: Graph) -> int:
    """Rebuild the journeys of everyone marked by a retention delete; returns how many."""
    ids = [r["id"] for r in graph.read("retention/pending")]
    for chunk in chunks(ids, REBUILD_PEOPLE):
        graph.write_all([("importing/rebuild_journeys",
                          {"ids": chunk, "not_reached": list(OUTCOMES_NOT_REACHED)}),
                         ("importing/rebuild_by_kind", {"ids": chunk}),
                         ("retention/done", {"ids": chunk})])
    if ids:
        summaries.refresh(graph)
    return len(ids)
