"""Validated rows as the parameters of their `importing/<entity>` queries, in load order:
pseudonyms for people and events, and a hash of each row so re-imports can tell what changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..pseudonymise import pseudonym
from .schema import ENTITIES, EVENT_TYPES, Row
from .validate import Valid

Params = dict[str, Any]


def row_hash(data: dict[str, Any]) -> str:
    text = json.dumps(data, sort_keys=True, default=_json_default)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _json_default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def to_params(entity: str, row: Row, key: str) -> Params:
    """One row as the parameters its `importing/<entity>` query expects."""
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
    elif entity == "people":
        out = {"id": pseudonym(d["person_ref"], key), "area_id": d["area_id"],
               "cohorts": d["cohorts"], "needs": d["needs"]}
        out["props"] = {k: v for k, v in d.items()
                        if k not in {"person_ref", "area_id", "cohorts", "needs"}}
    elif entity == "journey_events":
        out = {"id": pseudonym(d["event_ref"], key, prefix="E"),
               "person_id": pseudonym(d["person_ref"], key),
               "service_id": d["service_id"], "type": d["type"], "date": d["date"],
               "seq": EVENT_TYPES.index(d["type"]), "outcome": d["outcome"],
               "referred_from_service_id": d["referred_from_service_id"]}
    else:
        out = d
    out["row_hash"] = row_hash(out)
    return out


def plan(valid: Valid, key: str) -> list[tuple[str, list[Params]]]:
    """The writes to make, as (query name, rows), in load order."""
    steps = []
    for entity in ENTITIES:
        rows = valid.rows.get(entity.name) or []
        if rows:
            steps.append((entity.name, [to_params(entity.name, r, key) for _, _, r in rows]))
    return steps
