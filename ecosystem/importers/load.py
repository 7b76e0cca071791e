"""Write validated rows (as query parameters), in load order.

Small imports go in one transaction: all or nothing. Large ones go in batches that are each
idempotent (MERGE on stable ids), so an interrupted import is finished by running it again,
with the same final graph.

Journey events take two roads. A person with no events in the map yet has their whole
journey (events, NEXT chain, ENGAGED_WITH, DOUBLED_UP) derived in Python and created in one
query: no lookups of what is there, nothing to delete. Events of people who already have
some are compared with what is stored (unchanged ones are not sent), MERGEd, and those
people's derived structure rebuilt in Cypher.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ecosystem import summaries
from ecosystem.config import Settings
from ecosystem.db.graph import Graph, chunks
from ecosystem.importers import journeys
from ecosystem.importers.issues import EntityCounts
from ecosystem.importers.params import Params
from ecosystem.vocabulary import OUTCOMES_NOT_REACHED

# Whole journeys are sent this many events at a time: small transactions were measured
# faster than large ones for this nested query.
JOURNEY_EVENTS_PER_QUERY = 2_000
REBUILD_PEOPLE = 2_000
# New people and whole new journeys touch nothing shared but the nodes they point at
# (services, areas, domains), so several sessions write them at once; the driver retries
# a deadlock.
PARALLEL = frozenset({"importing/people_new", "importing/journeys_new"})
LOOKUP_IDS = 20_000

Step = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Sizes:
    """How an import is split. Up to `tx_rows` rows it is one transaction (all or nothing);
    above it, idempotent batches of `batch_rows`, with an Import node marking it running
    until it completes, and `writers` sessions writing new journeys at once (measured:
    2-3 beat 1 on 2 cores)."""

    tx_rows: int
    batch_rows: int
    writers: int

    @classmethod
    def of(cls, settings: Settings | None = None) -> Sizes:
        s = settings or Settings()
        return cls(s.import_tx_rows, s.import_batch_rows, s.import_writers)


@dataclass
class WritePlan:
    """How this import's people and journey events will be written (see the module's
    docstring); everything else is written as it comes."""

    people_new: list[Params] = field(default_factory=list)  # people not in the map yet
    people_known: list[Params] = field(default_factory=list)
    new_journeys: list[dict[str, Any]] = field(default_factory=list)  # journeys_new payloads
    merge_rows: list[Params] = field(default_factory=list)  # to journey_events.cypher
    unchanged: int = 0  # events stored already, as they are: not sent
    rebuild: list[str] = field(default_factory=list)  # people whose journeys are rebuilt
    redouble: list[str] = field(default_factory=list)  # people whose services changed kind
    # People whose part of the whole-area summaries may change (kept by difference), or
    # None: work them all out again (an import resumed after an interruption).
    touched: list[str] | None = field(default_factory=list)

    @property
    def new_events(self) -> int:
        return sum(len(p["events"]) for p in self.new_journeys)


def write(graph: Graph, steps: list[tuple[str, list[Params]]],
          on_rows: Callable[[int], None] | None = None,
          source: str = "data", sizes: Sizes | None = None,
          after: Iterable[Step] = (), before: Iterable[Step] = ()) -> dict[str, EntityCounts]:
    """`after`: more writes (the history of what changed) made before the import is marked
    complete, in its transaction when it is one. `before`: checks run first in that
    transaction (an edit's version check); one that aborts rolls it all back (WriteAborted).
    Checks need the import to be one transaction."""
    after, before = list(after), list(before)
    sizes = sizes or Sizes.of()
    total = sum(len(rows) for _, rows in steps)
    by_name = dict(steps)
    single = total <= sizes.tx_rows
    # After an interrupted import, the events it wrote look unchanged: rebuild the journeys
    # of everyone in this one so nothing derived is left half done.
    resume = bool(graph.read("importing/unfinished"))
    plan = plan_writes(graph, by_name, resume)
    counts: dict[str, EntityCounts] = {}
    if "journey_events" in by_name:
        counts["journey_events"] = EntityCounts(created=plan.new_events,
                                                unchanged=plan.unchanged)
    import_id = uuid.uuid4().hex
    if single:
        batches: list[Step] = [*before, ("importing/begin",
                                {"id": import_id, "source": source, "rows": total})]
        batches += _steps(steps, plan, sizes.batch_rows)
        batches += after
        batches.append(("importing/finish", {"id": import_id, "source": source}))
        stats = graph.write_all(batches)
        for (query, _), rows in zip(batches, stats.step_rows, strict=True):
            if rows:
                _add(counts, query, rows[0])
        if on_rows:
            on_rows(total)
        return counts
    if before:
        raise ValueError("checks before an import need it to be one transaction")
    graph.write("importing/begin", id=import_id, source=source, rows=total)
    for query, group in itertools.groupby(_steps(steps, plan, sizes.batch_rows),
                                          key=lambda s: s[0]):
        params_list = [p for _, p in group]
        workers = sizes.writers if query in PARALLEL else 1
        with ThreadPoolExecutor(workers) as pool:
            for params, stats in zip(params_list, pool.map(
                    lambda p, q=query: graph.write(q, **p), params_list), strict=True):
                _add(counts, query, stats.rows[0])
                if on_rows:
                    on_rows(_progress(query, params))
    for query, params in after:
        graph.write(query, **params)
    graph.write("importing/finish", id=import_id, source=source)
    return counts


def _steps(steps: list[tuple[str, list[Params]]], plan: WritePlan,
           batch_rows: int) -> Iterator[Step]:
    """Every write of the import, in order (each its own transaction when batched)."""
    # Before anything changes them, the touched people's part is taken out of the summaries.
    if plan.touched:
        yield from summaries.subtract(plan.touched)
    for name, rows in steps:
        if name == "people":
            for chunk in chunks(plan.people_new, batch_rows):
                yield "importing/people_new", {"rows": chunk}
            for chunk in chunks(plan.people_known, batch_rows):
                yield "importing/people", {"rows": chunk}
        elif name == "journey_events":
            for people in _journey_chunks(plan.new_journeys):
                yield "importing/journeys_new", {"people": people}
            for chunk in chunks(plan.merge_rows, batch_rows):
                yield "importing/journey_events", {"rows": chunk}
        else:
            for chunk in chunks(rows, batch_rows):
                yield f"importing/{name}", {"rows": chunk}
    for ids in chunks(plan.rebuild, REBUILD_PEOPLE):
        yield "importing/rebuild_journeys", {"ids": ids,
                                             "not_reached": list(OUTCOMES_NOT_REACHED)}
        yield "importing/rebuild_by_kind", {"ids": ids}
    for ids in chunks(plan.redouble, REBUILD_PEOPLE):
        yield "importing/rebuild_by_kind", {"ids": ids}
    # The whole-area summaries read people, memberships and journeys: kept true by the write.
    if plan.touched is None:
        yield from summaries.REFRESH
    elif plan.touched:
        yield from summaries.add(plan.touched)


def _progress(query: str, params: dict[str, Any]) -> int:
    if query == "importing/journeys_new":
        return sum(len(p["events"]) for p in params["people"])
    return len(params.get("rows", ()))


def plan_writes(graph: Graph, by_name: dict[str, list[Params]], resume: bool = False
                ) -> WritePlan:
    plan = WritePlan()
    plan.people_new, plan.people_known = _split_people(graph, by_name.get("people", []))
    events, services = by_name.get("journey_events", []), by_name.get("services", [])
    kinds, changed_kinds = _service_kinds(graph, services, events)
    if events:
        _plan_journeys(graph, plan, events, kinds, resume)
    if changed_kinds:
        engaged = graph.read("importing/people_engaged_with", ids=sorted(changed_kinds))[0]
        plan.redouble = sorted(set(engaged["ids"]) - set(plan.rebuild))
    if resume:  # what an interrupted import wrote is not known: everything is worked out
        plan.touched = None
    else:
        plan.touched = sorted({p["id"] for p in by_name.get("people", [])}
                              | set(plan.rebuild) | set(plan.redouble)
                              | {j["id"] for j in plan.new_journeys})
    return plan


def _plan_journeys(graph: Graph, plan: WritePlan, events: list[Params],
                   kinds: dict[str, journeys.Kinds], resume: bool) -> None:
    history: set[str] = set()
    stored: dict[str, str] = {}
    owner: dict[str, str] = {}  # stored event -> the person it is stored under
    for people, ids in _lookup_chunks(sorted({e["person_id"] for e in events}),
                                      [e["id"] for e in events]):
        row = graph.read("importing/journey_state", people=people, events=ids)[0]
        history.update(row["with_history"])
        for eid, row_hash, person in row["existing"]:
            stored[eid] = row_hash
            if person is not None:
                owner[eid] = person
    # A person is new to the map's journeys only if none of their events is stored either
    # (an event may move between people).
    history |= {e["person_id"] for e in events if e["id"] in stored}
    new_events: list[Params] = []
    rebuild: set[str] = set()
    for e in events:
        if e["person_id"] not in history:
            new_events.append(e)
        elif stored.get(e["id"]) == e["row_hash"] and not resume:
            plan.unchanged += 1
        else:
            plan.merge_rows.append(e)
            rebuild.add(e["person_id"])
            # An event moved to another person: the one it leaves is rebuilt too.
            if owner.get(e["id"], e["person_id"]) != e["person_id"]:
                rebuild.add(owner[e["id"]])
    if resume:
        rebuild |= {e["person_id"] for e in events if e["person_id"] in history}
    plan.rebuild = sorted(rebuild)
    plan.new_journeys = [_payload(journeys.derive(pid, evs, kinds))
                         for pid, evs in journeys.by_person(new_events).items()]


def _split_people(graph: Graph, people: list[Params]) -> tuple[list[Params], list[Params]]:
    """(people new to the map, people already in it)."""
    stored: set[str] = set()
    for i in range(0, len(people), LOOKUP_IDS):
        ids = [p["id"] for p in people[i : i + LOOKUP_IDS]]
        stored.update(graph.read("importing/existing_people", ids=ids)[0]["ids"])
    return [p for p in people if p["id"] not in stored], [p for p in people if p["id"] in stored]


def _service_kinds(graph: Graph, services: list[Params], events: list[Params]
                   ) -> tuple[dict[str, journeys.Kinds], set[str]]:
    """The kinds of the services these rows name as they will be after the import, and the
    services already in the map whose kinds it changes (the doubling up of the people engaged
    with them changes too)."""
    ids = {s["id"] for s in services} | {e["service_id"] for e in events}
    if not ids:
        return {}, set()
    stored = journeys.kinds_from_rows(graph.read("importing/service_kinds", ids=sorted(ids)))
    new = journeys.kinds_from_rows(services)
    return stored | new, {sid for sid, k in new.items() if sid in stored and stored[sid] != k}


def _payload(j: journeys.Journey) -> dict[str, Any]:
    return {
        "id": j.person_id,
        "events": j.events,  # in date order; journeys_new.cypher reads what it needs
        "engaged": [{"service_id": sid, "props": {k: v for k, v in g.items() if v is not None}}
                    for sid, g in j.engaged.items()],
        "doubled": [{"a": a, "b": b, "since": since} for a, b, since in j.doubled],
        "reached": j.reached,
    }


def _journey_chunks(people: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    n = 0
    for p in people:
        chunk.append(p)
        n += len(p["events"])
        if n >= JOURNEY_EVENTS_PER_QUERY:
            yield chunk
            chunk, n = [], 0
    if chunk:
        yield chunk


def _lookup_chunks(people: list[str], events: list[str]
                   ) -> Iterable[tuple[list[str], list[str]]]:
    for i in range(0, max(len(people), len(events)), LOOKUP_IDS):
        yield people[i : i + LOOKUP_IDS], events[i : i + LOOKUP_IDS]


def _add(counts: dict[str, EntityCounts], query: str, row: dict[str, Any]) -> None:
    name = query.removeprefix("importing/").removesuffix("_new")
    if "created" not in row:
        return
    c = counts.setdefault(name, EntityCounts())
    c.created += row["created"]
    c.updated += row["updated"]
    c.unchanged += row["unchanged"]
