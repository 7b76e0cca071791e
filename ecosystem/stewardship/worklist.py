"""The stewardship worklist and "still correct".

Who keeps an entry: the admins, and the provider editors whose providers include the
service's provider (ecosystem/accounts/users.py). The worklist lists the stale entries a
user keeps, oldest first, one page at a time (ecosystem/paging.py), with the whole
worklist's counts by provider and by area served.

The stale rule is `freshness.check` in Python and the WHERE of cypher/stewardship/stale.cypher
and stale_counts.cypher: the query is given `freshness.stale_before` as its cutoff, and both
say "never checked, or checked before the cutoff"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecosystem.accounts.users import ADMIN, PROVIDER_EDITOR, User
from ecosystem.db.graph import Graph
from ecosystem.paging import Page, page
from ecosystem.stewardship import freshness
from ecosystem.stewardship.freshness import Freshness


class NoSuchService(LookupError):
    pass


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class StaleEntry:
    id: str
    name: str
    freshness: Freshness
    providers: tuple[Named, ...]
    areas: tuple[Named, ...]


@dataclass(frozen=True)
class Count:
    id: str
    name: str
    stale: int


@dataclass(frozen=True)
class Worklist:
    entries: tuple[StaleEntry, ...]  # the page shown
    by_provider: tuple[Count, ...]  # most stale entries first; the whole worklist
    by_area: tuple[Count, ...]
    stale_months: int
    page: Page  # its total: every stale entry the user keeps

    # The summaries show the providers and areas with the most stale entries: a nation's
    # map has thousands of each (1.4 MB of rows at XL).
    @property
    def top_providers(self) -> tuple[Count, ...]:
        return self.by_provider[:SUMMARY_ROWS]

    @property
    def top_areas(self) -> tuple[Count, ...]:
        return self.by_area[:SUMMARY_ROWS]


SUMMARY_ROWS = 20


EVERY_ROW = 2**63 - 1  # Cypher's LIMIT takes no null: the reminders read every stale entry


def providers_of(graph: Graph, service_id: str) -> list[str]:
    return [r["id"] for r in graph.read("stewardship/service_providers", id=service_id)]


def keeps(graph: Graph, user: User, service_id: str) -> bool:
    """Whether `user` may confirm (or, later, edit) this service's entry."""
    if user.role == ADMIN:
        return True
    if user.role != PROVIDER_EDITOR or not user.providers:
        return False
    return bool(set(user.providers) & set(providers_of(graph, service_id)))


def scope(user: User) -> list[str] | None:
    """The providers whose entries `user` keeps; None: every provider (an admin)."""
    if user.role == ADMIN:
        return None
    return list(user.providers) if user.role == PROVIDER_EDITOR else []


def verify(graph: Graph, service_id: str, today: dt.date) -> str:
    """Set the service's last_verified to `today`; its name. NoSuchService if none."""
    rows = graph.write("stewardship/verify", id=service_id, today=today).rows
    if not rows:
        raise NoSuchService(f"no service with the id {service_id!r}")
    return str(rows[0]["name"] or service_id)


def stale(graph: Graph, today: dt.date, months: int, providers: list[str] | None = None,
          skip: int = 0, limit: int = EVERY_ROW) -> list[StaleEntry]:
    cutoff = freshness.stale_before(today, months)
    return [
        StaleEntry(r["id"], r["name"] or r["id"], freshness.check(r["last_verified"], today,
                                                                   months),
                   tuple(Named(p[0], p[1] or p[0]) for p in r["providers"]),
                   tuple(Named(a[0], a[1] or a[0]) for a in r["areas"]))
        for r in graph.read("stewardship/stale", stale_before=cutoff, providers=providers,
                            skip=skip, limit=limit)
    ]


def worklist(graph: Graph, user: User, today: dt.date, months: int,
             page_number: int | None = None) -> Worklist:
    """One page of the stale entries `user` keeps; the counts are the whole worklist's."""
    providers = scope(user)
    if providers == []:
        return Worklist((), (), (), months, page(None, 0))
    cutoff = freshness.stale_before(today, months)
    counts = graph.read("stewardship/stale_counts", stale_before=cutoff,
                        providers=providers)[0]
    shown = page(page_number, counts["total"])
    entries = stale(graph, today, months, providers, shown.skip, shown.size)
    return Worklist(tuple(entries), _counts(counts["by_provider"]),
                    _counts(counts["by_area"]), months, shown)


def _counts(rows: list[list[Any]]) -> tuple[Count, ...]:
    counts = [Count(r[0], r[1] or r[0], r[2]) for r in rows]
    return tuple(sorted(counts, key=lambda c: (-c.stale, c.name, c.id)))
