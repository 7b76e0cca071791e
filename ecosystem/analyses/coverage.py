"""`coverage`: an area's services in the shape of Table 2 of Appleton et al. (2023).

Two matrices, life domain x source of support and life domain x type of support, counting
the active services that serve the area (its own, an area it is part of, or one within it).
A service counts in every cell it belongs to, as models do in Table 2, so rows do not add
up to the number of services. The spend matrices split each service's current annual
contract value equally across its cells, so they do add up to the area's total spend.
Empty cells are kept (zero), so gaps show.

Clinical services (wards, CMHTs: entry points, not social support) are left out of the
matrices and the spend; they are listed apart with their own spend.

Spend that adds up: a service's money belongs to the area only when every area it serves is
within it (`own_spend`); a service serving the area from wider (an ICB-wide service, seen
from a place) or across other areas too is `wider_spend`, its full value, not apportioned
(the area data carries no population to apportion by). For the areas directly within this
one (an ICB's places), `parts` gives each one's own spend and `across_spend` the services
serving more than one of them or the whole area, so parts + across = the area's own spend.

Then the briefing 61 check (Centre for Mental Health 2023): do IPS, Housing First and welfare
advice exist at a capacity that meets the estimated need of the area's cohorts?
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecosystem import dates, vocabulary
from ecosystem.db.graph import Graph

# model id -> the life domain whose estimated need it is compared with
SCALE_MODELS: tuple[tuple[str, str], ...] = (
    ("ips", "work"), ("housing-first", "housing"), ("welfare-advice", "money"))


@dataclass(frozen=True)
class Cell:
    services: tuple[str, ...]
    spend: float

    @property
    def count(self) -> int:
        return len(self.services)


@dataclass(frozen=True)
class Matrix:
    rows: tuple[str, ...]  # domain ids
    columns: tuple[str, ...]  # source or type ids
    cells: dict[tuple[str, str], Cell]

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    @property
    def empty(self) -> tuple[tuple[str, str], ...]:
        return tuple(k for k, c in self.cells.items() if not c.services)


@dataclass(frozen=True)
class ScaleCheck:
    model_id: str
    model_name: str
    domain: str
    services: tuple[str, ...]
    capacity: int | None
    estimated_need: int | None
    status: str  # "missing" | "meets need" | "below need" | "need unknown" | "capacity unknown"
    ratio: float | None
    why: str


@dataclass(frozen=True)
class PartSpend:
    area_id: str
    name: str
    spend: float  # services serving only this part (or areas within it)
    services: tuple[str, ...]


@dataclass(frozen=True)
class CoverageResult:
    area_id: str
    services: int
    total_spend: float  # own_spend + wider_spend: every social-support service serving it
    by_source: Matrix
    by_type: Matrix
    scale: tuple[ScaleCheck, ...]
    own_spend: float = 0.0  # services serving only this area or areas within it
    wider_spend: float = 0.0  # services that also serve beyond it, at their full value
    wider_services: tuple[str, ...] = ()
    parts: tuple[PartSpend, ...] = ()  # the areas directly within it, each one's own spend
    across_spend: float = 0.0  # own spend of services serving the whole area or several parts
    clinical_services: tuple[str, ...] = ()  # left out of everything above
    clinical_spend: float = 0.0

    @property
    def split_note(self) -> str:
        """How the spend was split, to show next to the figures."""
        return ("Own spend: services serving only this area or areas within it. Spend from "
                "wider: services that also serve beyond it, at their full annual value (not "
                "apportioned: the area data holds no population to share it by), so it is "
                "counted again in each area they serve. Clinical services are left out.")


def _matrix(rows: list[dict[str, Any]], key: str, columns: tuple[str, ...]) -> Matrix:
    domains = vocabulary.DOMAIN_IDS
    ids: dict[tuple[str, str], list[str]] = {(d, c): [] for d in domains for c in columns}
    spend: dict[tuple[str, str], float] = {k: 0.0 for k in ids}
    for r in rows:
        cells = [(d, c) for d in r["domains"] for c in r[key] if (d, c) in ids]
        value = sum(k["value"] or 0 for k in r["contracts"])
        for k in cells:
            ids[k].append(r["id"])
            spend[k] += value / len(cells)
    return Matrix(domains, columns,
                  {k: Cell(tuple(sorted(v)), round(spend[k], 2)) for k, v in ids.items()})


def _capacity(r: dict[str, Any]) -> int | None:
    caps = [k["capacity"] for k in r["contracts"] if k.get("capacity") is not None]
    if caps:
        return int(sum(caps))
    return r.get("capacity")


def _value(r: dict[str, Any]) -> float:
    return float(sum(k["value"] or 0 for k in r["contracts"]))


def run(graph: Graph, area_id: str, today: dt.date | None = None) -> CoverageResult:
    today = today or dates.today()
    every = graph.read("analyses/area_services", area_id=area_id, today=today)
    rows = [r for r in every if not r["clinical"]]
    clinical = [r for r in every if r["clinical"]]
    own = [r for r in rows if not r["outside"]]
    wider = [r for r in rows if r["outside"]]
    in_part: dict[str, list[dict[str, Any]]] = {}
    for r in own:
        if not r["serves_home"] and len(r["parts"]) == 1:
            in_part.setdefault(r["parts"][0], []).append(r)
    parts = tuple(PartSpend(p["id"], p["name"],
                            round(sum(_value(r) for r in in_part.get(p["id"], [])), 2),
                            tuple(r["id"] for r in in_part.get(p["id"], [])))
                  for p in graph.read("analyses/area_parts", area_id=area_id))
    own_spend = sum(_value(r) for r in own)
    need = {r["domain"]: r for r in graph.read("analyses/area_need", area_id=area_id)}
    names = {m.id: m.name for m in vocabulary.MODELS}
    scale = []
    for model, domain in SCALE_MODELS:
        svc = [r for r in rows if model in r["models"]]
        caps = [c for c in (_capacity(r) for r in svc) if c is not None]
        cap = sum(caps) if caps else None
        est = need.get(domain, {}).get("estimated")
        ratio = cap / est if cap is not None and est else None
        if not svc:
            status = "missing"
        elif not est:
            status = "need unknown"
        elif cap is None:
            status = "capacity unknown"
        else:
            status = "meets need" if cap >= est else "below need"
        why = (f"{names[model]}: {len(svc)} service(s) "
               f"({', '.join(r['name'] for r in svc) or 'none'}), capacity "
               f"{cap if cap is not None else 'unknown'}; estimated {domain} need of the area's "
               f"cohorts {est if est is not None else 'unknown'}")
        scale.append(ScaleCheck(model, names[model], domain, tuple(r["id"] for r in svc), cap,
                                est, status, ratio, why))
    return CoverageResult(
        area_id, len(rows), float(sum(_value(r) for r in rows)),
        _matrix(rows, "sources", vocabulary.SOURCE_IDS),
        _matrix(rows, "types", vocabulary.TYPE_IDS), tuple(scale),
        own_spend=round(own_spend, 2), wider_spend=round(sum(_value(r) for r in wider), 2),
        wider_services=tuple(r["id"] for r in wider), parts=parts,
        across_spend=round(own_spend - sum(p.spend for p in parts), 2) if parts else 0.0,
        clinical_services=tuple(r["id"] for r in clinical),
        clinical_spend=round(sum(_value(r) for r in clinical), 2))
