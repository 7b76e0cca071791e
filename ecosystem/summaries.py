"""Whole-area summaries kept by the writers, so the pages that sum up the area read a few
rows instead of every person (issue 18).

- MEMBERS_NEED (Cohort -> Domain): members with a recorded need there and how many of them
  have started with no service in it (the orphans analysis's no-contact check);
- DOUBLING (Service -> Service): people with both at the same time, by the day both had
  started (the overlaps analysis's doubling up);
- TRAVELLED (Service -> Service): people referred (or admitted) at the second from the first
  (the pathway's suggested chains).

Raw counts are stored: small-number suppression is applied when they are read. Each is a
sum over people, so an import (and so the editor) keeps them by difference: `subtract` takes
the part of the people it touches out before it writes them, `add` puts it back after, and
its cost follows its own people, not the area. The paths that change people wholesale
(retention, clear-people, restore, the bulk load, an import resumed after an interruption)
work every summary out again with `REFRESH`. `check` works the counts out again from the
people and says which summaries disagree (the tests' oracle).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ecosystem.db.graph import Graph, chunks

Step = tuple[str, dict[str, Any]]
REFRESH: tuple[Step, ...] = (
    ("summaries/refresh_cohort_needs", {}),
    ("summaries/refresh_doubling", {}),
    ("summaries/refresh_travelled", {}),
    # What the analyses kept on the import records (headlines, outcomes) read the people:
    # forgotten, as these paths make no new record (an import's own is new anyway).
    ("summaries/forget_kept", {}),
)
# The same three, for some people only (by difference, above).
BY_PERSON = ("summaries/people_cohort_needs", "summaries/people_doubling",
             "summaries/people_travelled")
PEOPLE_PER_QUERY = 5_000


def subtract(ids: Iterable[str]) -> list[Step]:
    """The writes that take these people's part out of every summary (before they change)."""
    return _by_person(ids, -1)


def add(ids: Iterable[str]) -> list[Step]:
    """The writes that put these people's part back in (after they changed), and forget what
    the analyses kept from the people as they were."""
    return [*_by_person(ids, 1), ("summaries/forget_kept", {})]


def _by_person(ids: Iterable[str], sign: int) -> list[Step]:
    people = sorted(set(ids))  # each person once: their part is summed
    return [(name, {"ids": chunk, "sign": sign})
            for chunk in chunks(people, PEOPLE_PER_QUERY) for name in BY_PERSON]


def refresh(graph: Graph) -> None:
    """Work every summary out again (one transaction)."""
    graph.write_all(REFRESH)


def check(graph: Graph) -> list[str]:
    """The summaries that differ from what the people and journeys say (none: all true)."""
    wrong = []
    if _rows(graph, "summaries/raw_cohort_needs") != _rows(graph, "summaries/stored_cohort_needs"):
        wrong.append("MEMBERS_NEED")
    stored = graph.read("summaries/stored_doubling")
    pairs: dict[tuple[str, str], tuple[int, Any]] = {}  # (a, b) -> (people, latest day)
    for r in stored:
        n, last = pairs.get((r["a"], r["b"]), (0, r["since"]))
        pairs[(r["a"], r["b"])] = (n + r["people"], max(last, r["since"]))
    consistent = all((r["total"], r["last"]) == pairs[(r["a"], r["b"])] for r in stored)
    keys = ("a", "b", "since", "people")
    if (not consistent or [tuple(r[k] for k in keys) for r in stored]
            != [tuple(r[k] for k in keys) for r in graph.read("summaries/raw_doubling")]):
        wrong.append("DOUBLING")
    if _rows(graph, "summaries/raw_travelled") != _rows(graph, "summaries/stored_travelled"):
        wrong.append("TRAVELLED")
    return wrong


def _rows(graph: Graph, name: str) -> list[tuple[Any, ...]]:
    return [tuple(r.values()) for r in graph.read(name)]
