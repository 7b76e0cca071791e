"""The stewardship worklist and "still correct".

Who keeps an entry: the admins, and the provider editors whose providers include the
service's provider (ecosystem/accounts/users.py). The worklist lists the stale entries a
user keeps, oldest first, with counts by provider and by area served."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ecosystem.accounts.users import ADMIN, PROVIDER_EDITOR, User
from ecosystem.db.graph import Graph
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
    entries: tuple[StaleEntry, ...]
    by_provider: tuple[Count, ...]  # most stale entries first
    by_area: tuple[Count, ...]
    stale_months: int


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


def stale(graph: Graph, today: dt.date, months: int,
          providers: list[str] | None = None) -> list[StaleEntry]:
    cutoff = freshness.stale_before(today, months)
    return [
        StaleEntry(r["id"], r["name"] or r["id"], freshness.check(r["last_verified"], today,
                                                                   months),
                   tuple(Named(p[0], p[1] or p[0]) for p in r["providers"]),
                   tuple(Named(a[0], a[1] or a[0]) for a in r["areas"]))
        for r in graph.read("stewardship/stale", stale_before=cutoff, providers=providers)
    ]


def worklist(graph: Graph, user: User, today: dt.date, months: int) -> Worklist:
    providers = scope(user)
    entries = stale(graph, today, months, providers) if providers != [] else []
    return Worklist(tuple(entries), _counts(entries, "providers"), _counts(entries, "areas"),
                    months)


def _counts(entries: list[StaleEntry], attr: str) -> tuple[Count, ...]:
    n: Counter[Named] = Counter(x for e in entries for x in getattr(e, attr))
    return tuple(Count(x.id, x.name, k)
                 for x, k in sorted(n.items(), key=lambda i: (-i[1], i[0].name)))
