"""What a person's journey events imply, computed in Python by the rules of
cypher/importing/rebuild_journeys.cypher and rebuild_by_kind.cypher: the NEXT chain of their
events in date order, one ENGAGED_WITH summary per service, DOUBLED_UP for each two services
of the same life domain and type of support they were with at the same time, and the life
domains they have started with a service in (`reached`).

Used where a person's events are all in hand (a person new to the map, or the bulk first
load), so nothing needs reading back from Neo4j. `tests/test_journeys.py` checks these rules
against the Cypher ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem.vocabulary import OUTCOMES_NOT_REACHED

Rec = dict[str, Any]
REFUSALS = ("decline", "not_eligible")


@dataclass(frozen=True)
class Kinds:
    """A service's life domains and types of support (what doubling up compares)."""

    domains: frozenset[str]
    types: frozenset[str]


@dataclass
class Journey:
    person_id: str
    events: list[Rec]  # in date order (date, seq, id): consecutive ones are linked by NEXT
    engaged: dict[str, Rec]  # service id -> the ENGAGED_WITH properties
    doubled: list[tuple[str, str, dt.date]]  # (service a, service b with a < b, since)
    reached: list[str]  # life domains of the services started with, sorted


def order(events: Sequence[Rec]) -> list[Rec]:
    return sorted(events, key=lambda e: (e["date"], e["seq"], e["id"]))


def engagement(events: Sequence[Rec]) -> Rec:
    """One person's events at one service, in date order, as ENGAGED_WITH properties."""
    referred = started = ended = None
    outcome = refused = None
    outcome_dates = []
    for e in events:
        t, d = e["type"], e["date"]
        if t == "outcome" and e["outcome"] is not None \
                and e["outcome"] not in OUTCOMES_NOT_REACHED:
            outcome_dates.append(d)
        if t == "referral" and (referred is None or d < referred):
            referred = d
        elif t in ("start", "admission") and (started is None or d < started):
            started = d
        elif t == "discharge" and (ended is None or d > ended):
            ended = d
        elif t == "outcome" and outcome is None and e["outcome"] is not None:
            outcome = e["outcome"]
        elif t in REFUSALS and refused is None:
            refused = t
    wait = (started - referred).days if referred and started else None
    # The first outcome reached since it started: what the outcomes analysis counts.
    reached_on = min((d for d in outcome_dates if d >= started), default=None) \
        if started else None
    return {"referred": referred, "started": started, "ended": ended, "from": started,
            "to": ended, "outcome": outcome, "refused": refused, "wait_days": wait,
            "reached_on": reached_on}


def doubled(engaged: Mapping[str, Rec], kinds: Mapping[str, Kinds]
            ) -> list[tuple[str, str, dt.date]]:
    """Pairs of services sharing a domain and a type whose engagements overlap in time
    (open-ended while not discharged), with the day both had started. Whether that day has
    come is decided when the analysis runs, against its own date."""
    started = sorted((sid, g) for sid, g in engaged.items() if g["started"] is not None)
    out = []
    for i, (a, ga) in enumerate(started):
        ka = kinds.get(a)
        if ka is None:
            continue
        for b, gb in started[i + 1:]:
            kb = kinds.get(b)
            if kb is None or not (ka.domains & kb.domains) or not (ka.types & kb.types):
                continue
            if ((gb["ended"] is None or ga["started"] <= gb["ended"])
                    and (ga["ended"] is None or gb["started"] <= ga["ended"])):
                out.append((a, b, max(ga["started"], gb["started"])))
    return out


def derive(person_id: str, events: Sequence[Rec], kinds: Mapping[str, Kinds]) -> Journey:
    ordered = order(events)
    by_service: dict[str, list[Rec]] = {}
    for e in ordered:
        by_service.setdefault(e["service_id"], []).append(e)
    engaged = {sid: engagement(es) for sid, es in by_service.items()}
    reached = sorted({d for sid, g in engaged.items() if g["started"] is not None
                      for d in (kinds[sid].domains if sid in kinds else ())})
    return Journey(person_id, ordered, engaged, doubled(engaged, kinds), reached)


def by_person(events: Sequence[Rec]) -> dict[str, list[Rec]]:
    out: dict[str, list[Rec]] = {}
    for e in events:
        out.setdefault(e["person_id"], []).append(e)
    return out


def kinds_from_rows(rows: Sequence[Mapping[str, Any]]) -> dict[str, Kinds]:
    """From `importing/service_kinds` rows, or services import parameters."""
    return {r["id"]: Kinds(frozenset(r["domains"]), frozenset(r["types"])) for r in rows}
