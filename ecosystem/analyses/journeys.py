"""`journeys`: the paths people actually took from an entry point to an outcome.

Entry: a service (`from_id`, e.g. the acute ward), optionally with event types (e.g.
admission), or just event types at any service. From the entry date each person's services
are taken in the order first met, until an outcome event of the wanted kind (any outcome if
none is given). Paths are counted; days per step are medians (first event at one service to
first event at the next); people who never reached the outcome are counted where their
journey stopped (last service and last event type). Disclosure: every count of people goes
through the policy; a path or drop-out point of too few people for a statistic is not listed
on its own but counted in `other_paths` / `other_drop_outs` (so neither its days nor the
number of such small groups is published), and medians come only from listed paths.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem.analyses.common import median, to_date
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.db.graph import Graph


@dataclass(frozen=True)
class Path:
    services: tuple[str, ...]  # names
    service_ids: tuple[str, ...]
    people: Count
    median_days: tuple[float | None, ...]  # per step (len = len(services) - 1)
    median_total_days: float | None


@dataclass(frozen=True)
class DropOut:
    service_id: str
    name: str
    last_event: str
    people: Count


@dataclass(frozen=True)
class JourneysResult:
    entered: Count
    reached: Count
    paths: tuple[Path, ...]  # most common first
    drop_outs: tuple[DropOut, ...]
    why: str
    other_paths: Count = Count(0)  # people on paths not listed (small, or past the limit)
    other_drop_outs: Count = Count(0)  # people who stopped at a point not listed


def run(graph: Graph, from_id: str | None = None, entry_types: Sequence[str] = (),
        outcomes: Sequence[str] = (), limit: int = 10,
        *, disclosure: Disclosure) -> JourneysResult:
    if from_id:
        rows = graph.read("analyses/journeys_from_service", from_id=from_id,
                          entry_types=list(entry_types))
    elif entry_types:
        rows = graph.read("analyses/journeys_from_type", entry_types=list(entry_types))
    else:
        raise ValueError("give an entry service or entry event types")
    wanted = set(outcomes)
    by_path: dict[tuple[str, ...], list[tuple[list[int], int]]] = defaultdict(list)
    names: dict[str, str] = {}
    drops: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        steps, reached = _walk(r["events"], wanted, names)
        if reached:
            dates = [d for _, d in steps]
            gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
            by_path[tuple(s for s, _ in steps)].append((gaps, (reached - dates[0]).days))
        elif r["events"]:
            last = r["events"][-1]
            drops[(last["service_id"], last["type"])] += 1
    entered = len(rows)
    ranked = sorted(by_path.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    listed = [(k, v) for k, v in ranked if disclosure.allows(len(v))][:limit]
    path_cells = {"path:" + "|".join(k): len(v) for k, v in listed}
    path_cells["other"] = sum(len(v) for v in by_path.values()) - sum(path_cells.values())
    drop_listed = [(k, n) for k, n in sorted(drops.items(), key=lambda kv: (-kv[1], kv[0]))
                   if disclosure.allows(n)]
    drop_cells = {f"drop:{s}:{t}": n for (s, t), n in drop_listed}
    # Everyone else who entered (other drop-out points, and no events after the entry).
    drop_cells["drop:other"] = entered - sum(path_cells.values()) - sum(drop_cells.values())
    rch, shown = disclosure.partition(sum(path_cells.values()), path_cells)
    e, _ = disclosure.partition(entered, {**path_cells, **drop_cells})
    dropped = {k: disclosure.count(n) for k, n in drop_cells.items()}
    paths = []
    for key, items in listed:
        per_step = tuple(median(g[i] for g, _ in items) for i in range(len(key) - 1))
        paths.append(Path(tuple(names[s] for s in key), key, shown["path:" + "|".join(key)],
                          per_step, median(t for _, t in items)))
    drop_outs = tuple(DropOut(s, names.get(s, s), t, dropped[f"drop:{s}:{t}"])
                      for (s, t), _ in drop_listed)
    why = (f"{e.words()} people entered"
           f"{' at ' + from_id if from_id else ''}; {rch.words()} reached "
           f"{', '.join(sorted(wanted)) or 'an outcome'}")
    return JourneysResult(e, rch, tuple(paths), drop_outs, why, shown["other"],
                          dropped["drop:other"])


def _walk(events: list[dict[str, Any]], wanted: set[str], names: dict[str, str]
          ) -> tuple[list[tuple[str, Any]], Any]:
    """Services in the order first met, and the date the wanted outcome was reached."""
    steps: list[tuple[str, Any]] = []
    seen: set[str] = set()
    for ev in events:
        sid = ev["service_id"]
        names[sid] = ev["name"]
        if sid not in seen:
            seen.add(sid)
            steps.append((sid, to_date(ev["date"])))
        if ev["type"] == "outcome" and (not wanted or ev.get("outcome") in wanted):
            return steps, to_date(ev["date"])
    return steps, None
