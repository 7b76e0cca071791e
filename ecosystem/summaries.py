"""Whole-area summaries kept by the writers, so the pages that sum up the area read a few
rows instead of every person (issue 18).

- MEMBERS_NEED (Cohort -> Domain): members with a recorded need there and how many of them
  have started with no service in it (the orphans analysis's no-contact check);
- DOUBLING (Service -> Service): people with both at the same time, by the day both had
  started (the overlaps analysis's doubling up);
- TRAVELLED (Service -> Service): people referred (or admitted) at the second from the first
  (the pathway's suggested chains).

Raw counts are stored: small-number suppression is applied when they are read. Every write
path that changes people, memberships or journeys ends with `REFRESH` (the importer and so
the editor, retention, clear-people, restore, the bulk load; an import with no journey
events only `BY_PEOPLE`); `check` works the counts out
again from the people and says which summaries disagree (the tests' oracle).
"""

from __future__ import annotations

from typing import Any

from ecosystem.db.graph import Graph

# TRAVELLED reads only journey events (their referrals): an import without any, such as an
# edit of a service, need not work it out again (it reads every referral in the area).
BY_PEOPLE: tuple[tuple[str, dict[str, Any]], ...] = (
    ("summaries/refresh_cohort_needs", {}),
    ("summaries/refresh_doubling", {}),
    # What the analyses kept on the import records (headlines, outcomes) read the people:
    # forgotten, as these paths make no new record (an import's own is new anyway).
    ("summaries/forget_kept", {}),
)
REFRESH = (*BY_PEOPLE, ("summaries/refresh_travelled", {}))


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
