"""What the commissioner's forms offer: areas, services and commissioners to choose from,
and the names behind the ids an analysis returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Choice:
    id: str
    name: str
    note: str | None = None  # area level, service status, commissioner kind


@dataclass(frozen=True)
class Names:
    cohorts: dict[str, str] = field(default_factory=dict)
    commissioners: dict[str, str] = field(default_factory=dict)
    services: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    providers: dict[str, str] = field(default_factory=dict)


def areas(graph: Graph) -> list[Choice]:
    """Widest areas first, so the first is the natural default (the ICB)."""
    return [Choice(r["id"], r["name"] or r["id"], r["level"])
            for r in graph.read("choices/areas")]


def largest_area(graph: Graph) -> str | None:
    """The id of the area with the most areas within it (then the most services): a
    default that does not depend on how areas happen to be named."""
    rows = graph.read("choices/largest_area")
    return rows[0]["id"] if rows else None


def services(graph: Graph, area_id: str | None = None) -> list[Choice]:
    """All services, or those serving `area_id`, an area it is part of or one within it."""
    return [Choice(r["id"], r["name"] or r["id"], r["status"])
            for r in graph.read("choices/services", area_id=area_id)]


def commissioners(graph: Graph) -> list[Choice]:
    return [Choice(r["id"], r["name"] or r["id"], r["kind"])
            for r in graph.read("choices/commissioners")]


def names(graph: Graph, ids: Iterable[str] | None = None) -> Names:
    """The names of everything by id, or (`ids`) of those only."""
    r = (graph.read("choices/names")[0] if ids is None
         else graph.read("choices/names_of", ids=sorted(set(ids)))[0])

    def by_id(items: list[dict[str, str]]) -> dict[str, str]:
        return {i["id"]: i["name"] or i["id"] for i in items}

    return Names(by_id(r["cohorts"]), by_id(r["commissioners"]), by_id(r["services"]),
                 by_id(r["areas"]), by_id(r["providers"]))
