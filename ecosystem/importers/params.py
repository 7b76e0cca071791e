"""Validated rows as the parameters of their `importing/<entity>` queries, in load order:
pseudonyms for people and events, and a hash of each row so re-imports can tell what changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from ecosystem.importers.pseudonymise import Pseudonymiser
from ecosystem.importers.readers import no_gc
from ecosystem.importers.schema import ENTITIES, Row
from ecosystem.importers.validate import Valid
from ecosystem.vocabulary import EVENT_TYPES

Params = dict[str, Any]

_SEQ = {t: i for i, t in enumerate(EVENT_TYPES)}
_PERSON_REL = ("person_ref", "area_id", "cohorts", "needs")


def _json_default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def _encoder() -> Callable[[Any], str]:
    """What json.dumps(data, sort_keys=True, default=_json_default) does, without making a
    new encoder (and its closures) for every row: stored databases hold these hashes, so the
    text hashed must never change. The C encoder is called directly where this Python has it
    and gives the same text on a sample; circular data is never hashed."""
    enc = json.JSONEncoder(sort_keys=True, default=_json_default)
    make: Any = getattr(json.encoder, "c_make_encoder", None)
    try:
        c_encode = make(None, _json_default, json.encoder.encode_basestring_ascii, None,
                        enc.key_separator, enc.item_separator, True, False, True)
    except TypeError:  # no C encoder, or another Python's signature
        return enc.encode

    def encode(data: Any) -> str:
        return "".join(c_encode(data, 0))
    sample = {"b": [1.5, None, "é\n\"x", float("nan")], "a": dt.date(2026, 1, 2),
              "c": {"z": True, "y": 10**20}}
    return encode if encode(sample) == enc.encode(sample) else enc.encode


_ENCODE = _encoder()


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
        pseudonymiser = Pseudonymiser(key)
        self.person_pseudonym = pseudonymiser.with_prefix("P")
        self.event_pseudonym = pseudonymiser.with_prefix("E")
        self.person_ids: dict[str, str] = {}

    def person_id(self, ref: str) -> str:
        pid = self.person_ids.get(ref)
        if pid is None:
            pid = self.person_ids[ref] = self.person_pseudonym(ref)
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
        eid, pid = self.event_pseudonym(d["event_ref"]), self.person_id(d["person_ref"])
        sid, typ, date, outcome, ref = (d["service_id"], d["type"], d["date"], d["outcome"],
                                        d["referred_from_service_id"])
        seq = _SEQ[typ]
        # row_hash's JSON text written directly (keys sorted, the encoder's separators and
        # quoting; pseudonyms are letters, a dash and hex, quoted as they are): twice as fast.
        text = (f'{{"date": "{date.isoformat()}", "id": "{eid}", '
                f'"outcome": {"null" if outcome is None else _quote(outcome)}, '
                f'"person_id": "{pid}", '
                f'"referred_from_service_id": {"null" if ref is None else _quote(ref)}, '
                f'"seq": {seq}, "service_id": {_quote(sid)}, "type": {_quote(typ)}}}')
        return {"id": eid, "person_id": pid, "service_id": sid, "type": typ, "date": date,
                "seq": seq, "outcome": outcome, "referred_from_service_id": ref,
                "row_hash": hashlib.sha256(text.encode()).hexdigest()[:24]}


_quote = json.encoder.encode_basestring_ascii


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
