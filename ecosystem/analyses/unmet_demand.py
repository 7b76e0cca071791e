"""`unmet-demand`: the unmet needs key workers recorded (ecosystem/keyworker/unmet.py),
counted by life domain, area, reason and month. Each record is one person's need, so every
count goes through the disclosure policy (docs/analyses.md)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ecosystem.analyses.suppression import NHS_RULE, Count, Disclosure
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAIN_NAMES, UNMET_REASONS


@dataclass(frozen=True)
class Group:
    key: str  # the code: domain id, area id, reason code, or "YYYY-MM"
    label: str
    count: Count


@dataclass(frozen=True)
class Cell:
    """One line of the download: one month, area, domain and reason."""

    month: str
    area_id: str
    area_name: str
    domain: str
    reason: str
    count: Count


@dataclass(frozen=True)
class UnmetDemand:
    total: Count
    by_domain: tuple[Group, ...]
    by_area: tuple[Group, ...]
    by_reason: tuple[Group, ...]
    by_month: tuple[Group, ...]
    cells: tuple[Cell, ...]


def _month_label(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def run(graph: Graph, since: dt.date | None = None,
        disclosure: Disclosure = NHS_RULE) -> UnmetDemand:
    rows = graph.read("analyses/unmet_demand", since=since.isoformat() if since else None)
    names = {r["area_id"]: r["area_name"] or r["area_id"] for r in rows}
    tallies: dict[str, Counter[str]] = {k: Counter() for k in ("domain", "area", "reason",
                                                                "month")}
    for r in rows:
        tallies["domain"][r["domain"]] += r["n"]
        tallies["area"][r["area_id"]] += r["n"]
        tallies["reason"][r["reason"]] += r["n"]
        tallies["month"][r["month"]] += r["n"]

    def groups(kind: str, label: dict[str, str], order: list[str] | None = None
               ) -> tuple[Group, ...]:
        """Groups in the vocabulary's order (`order`), else by label."""
        t = tallies[kind]
        known = [k for k in order or () if k in t]
        rest = sorted((k for k in t if k not in known), key=lambda k: label.get(k, k))
        return tuple(Group(k, label.get(k, k), disclosure.count(t[k])) for k in known + rest)

    return UnmetDemand(
        total=disclosure.count(sum(r["n"] for r in rows)),
        by_domain=groups("domain", dict(DOMAIN_NAMES), list(DOMAIN_NAMES)),
        by_area=groups("area", names),
        by_reason=groups("reason", UNMET_REASONS, list(UNMET_REASONS)),
        by_month=groups("month", {m: _month_label(m) for m in tallies["month"]},
                        sorted(tallies["month"])),
        cells=tuple(Cell(r["month"], r["area_id"], names[r["area_id"]], r["domain"],
                         r["reason"], disclosure.count(r["n"])) for r in rows),
    )
