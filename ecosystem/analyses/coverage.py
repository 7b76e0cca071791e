"""`coverage`: an area's services in the shape of Table 2 of Appleton et al. (2023).

Two matrices, life domain x source of support and life domain x type of support, counting
the active services that serve the area (its own, an area it is part of, or one within it).
A service counts in every cell it belongs to, as models do in Table 2, so rows do not add
up to the number of services. The spend matrices split each service's current annual
contract value equally across its cells, so they do add up to the area's total spend.
Empty cells are kept (zero), so gaps show.

Then the briefing 61 check (Centre for Mental Health 2023): do IPS, Housing First and welfare
advice exist at a capacity that meets the estimated need of the area's cohorts?
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecosystem import vocabulary
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
class CoverageResult:
    area_id: str
    services: int
    total_spend: float
    by_source: Matrix
    by_type: Matrix
    scale: tuple[ScaleCheck, ...]


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


def run(graph: Graph, area_id: str, today: dt.date | None = None) -> CoverageResult:
    today = today or dt.date.today()
    rows = graph.read("analyses/area_services", area_id=area_id, today=today)
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
        area_id, len(rows), float(sum(k["value"] or 0 for r in rows for k in r["contracts"])),
        _matrix(rows, "sources", vocabulary.SOURCE_IDS),
        _matrix(rows, "types", vocabulary.TYPE_IDS), tuple(scale))
