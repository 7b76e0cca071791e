"""Validated rows as the parameters of their `importing/<entity>` queries, in load order:
pseudonyms for people and events, and a hash of each row so re-imports can tell what changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..pseudonymise import Pseudonymiser
from .schema import ENTITIES, EVENT_TYPES, Row
from .validate import Valid, no_gc

Params = dict[str, Any]

_SEQ = {t: i for i, t in enumerate(EVENT_TYPES)}
_PERSON_REL = ("person_ref", "area_id", "cohorts", "needs")


def _json_default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


# What json.dumps(data, sort_keys=True, default=_json_default) builds on every call; stored
# databases hold these hashes, so the text hashed must never change.
_ENCODE = json.JSONEncoder(sort_keys=True, default=_json_default).encode


def row_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(_ENCODE(data).encode()).hexdigest()[:24]


def to_params(entity: str, row: Row, key: str) -> Params:
    """One row as the parameters its `importing/<entity>` query expects."""
    if entity == "people":
        return _Planner(key).person(row)
    if entity == "journey_events":
        return _Planner(key).event(row)
    d = row.model_dump()
    if entity == "cohorts":
        needs = [{"domain": k.removeprefix("need_"), "estimated": v}
                 for k, v in d.items() if k.startswith("need_") and v is not None]
        out = {"id": d["id"], "area_id": d["area_id"], "needs": needs,
               "props": {k: v for k, v in d.items()
                         if not k.startswith("need_") and k not in {"id", "area_id"}}}
    elif entity == "services":
        rel_fields = {"provider_id", "areas", "domains", "sources", "types", "model_id",
                      "model_fidelity", "cohorts"}
        out = {k: d[k] for k in rel_fields}
        out["id"] = d["id"]
        out["props"] = {k: v for k, v in d.items() if k not in rel_fields and k != "id"}
    else:
        out = d
    out["row_hash"] = row_hash(out)
    return out


class _Planner:
    """People and events, the millions of rows: fields read from the validated row's own
    dict (model_dump copies everything), and a person's pseudonym made once, not per event."""

    def __init__(self, key: str) -> None:
        self.pseudonym = Pseudonymiser(key)
        self.person_ids: dict[str, str] = {}

    def person_id(self, ref: str) -> str:
        pid = self.person_ids.get(ref)
        if pid is None:
            pid = self.person_ids[ref] = self.pseudonym(ref)
        return pid

    def person(self, row: Row) -> Params:
        d = row.__dict__
        props = {k: (list(v) if type(v) is list else v)
                 for k, v in d.items() if k not in _PERSON_REL}
        out = {"id": self.person_id(d["person_ref"]), "area_id": d["area_id"],
               "cohorts": list(d["cohorts"]), "needs": list(d["needs"]), "props": props}
        out["row_hash"] = row_hash(out)
        return out

    def event(self, row: Row) -> Params:
        d = row.__dict__
        date = d["date"]
        out = {"id": self.pseudonym(d["event_ref"], "E"),
               "person_id": self.person_id(d["person_ref"]),
               "service_id": d["service_id"], "type": d["type"], "date": date,
               "seq": _SEQ[d["type"]], "outcome": d["outcome"],
               "referred_from_service_id": d["referred_from_service_id"]}
        out["row_hash"] = _event_hash(out, date)
        return out


_quote = json.encoder.encode_basestring_ascii


def _event_hash(out: Params, date: dt.date) -> str:
    """row_hash(out) for an event, with the JSON text written directly: the same text as the
    encoder gives (keys in sorted order, its separators and quoting)."""
    outcome, ref = out["outcome"], out["referred_from_service_id"]
    text = (f'{{"date": "{date.isoformat()}", "id": {_quote(out["id"])}, '
            f'"outcome": {"null" if outcome is None else _quote(outcome)}, '
            f'"person_id": {_quote(out["person_id"])}, '
            f'"referred_from_service_id": {"null" if ref is None else _quote(ref)}, '
            f'"seq": {out["seq"]}, "service_id": {_quote(out["service_id"])}, '
            f'"type": {_quote(out["type"])}}}')
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def plan(valid: Valid, key: str) -> list[tuple[str, list[Params]]]:
    """The writes to make, as (query name, rows), in load order."""
    with no_gc():
        return _plan(valid, key)


def _plan(valid: Valid, key: str) -> list[tuple[str, list[Params]]]:
    steps: list[tuple[str, list[Params]]] = []
    planner: _Planner | None = None
    for entity in ENTITIES:
        rows = valid.rows.get(entity.name) or []
        if not rows:
            continue
        if entity.name in ("people", "journey_events"):
            planner = planner or _Planner(key)
            make = planner.person if entity.name == "people" else planner.event
            steps.append((entity.name, [make(r) for _, _, r in rows]))
        else:
            steps.append((entity.name, [to_params(entity.name, r, key) for _, _, r in rows]))
    return steps
