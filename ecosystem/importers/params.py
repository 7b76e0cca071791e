"""Validated rows as the parameters of their `importing/<entity>` queries, in load order:
pseudonyms for people and events, and a hash of each row so re-imports can tell what changed.

`to_params` is the plain path and the reference for every entity. People and events, the
millions of rows, are planned by ecosystem/importers/fast.py, which gives the same."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.importers.readers import no_gc
from ecosystem.importers.schema import ENTITIES, Row
from ecosystem.importers.validate import Valid
from ecosystem.vocabulary import EVENT_TYPES

Params = dict[str, Any]

SEQ = {t: i for i, t in enumerate(EVENT_TYPES)}

# Parameters that become relationships (or their properties), not properties of the
# entity's own node; its `importing/<entity>` query and the bulk importer follow these.
LINKS: dict[str, frozenset[str]] = {
    "areas": frozenset({"parent_id"}),
    "commissioners": frozenset({"area_id"}),
    "cohorts": frozenset({"area_id", "needs"}),
    "services": frozenset({"provider_id", "areas", "domains", "sources", "types", "model_id",
                           "model_fidelity", "cohorts"}),
    "referral_routes": frozenset({"from_service_id", "to_service_id"}),
    "contracts": frozenset({"commissioner_id", "service_id"}),
    "people": frozenset({"area_id", "cohorts", "needs"}),
    "journey_events": frozenset({"person_id", "service_id", "referred_from_service_id"}),
}
PERSON_NOT_PROPS = LINKS["people"] | {"person_ref"}

_SERVICE_LINK_LISTS = ("areas", "domains", "sources", "types", "cohorts")

# Columns added after databases stored their rows' hashes that are left out of the hash while
# empty, so a row without them keeps the hash it was stored with (and counts as unchanged).
HASHED_WHEN_SET: dict[str, frozenset[str]] = {
    "services": frozenset({"last_verified"}),
}


def json_default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def hash_text(data: dict[str, Any]) -> str:
    """The text a row's hash is made of. Stored databases hold these hashes (pinned by
    tests/test_row_hashes.py): it must never change."""
    return json.dumps(data, sort_keys=True, default=json_default)


def row_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(hash_text(data).encode()).hexdigest()[:24]


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
        links = LINKS["services"]
        out = {k: d[k] for k in links}
        # Relationships have no order: sorted, so the rows "Download the current data" writes
        # back (ecosystem/importers/current.py) hash the same.
        for k in _SERVICE_LINK_LISTS:
            out[k] = sorted(set(out[k]))
        out["id"] = d["id"]
        out["props"] = {k: v for k, v in d.items() if k not in links and k != "id"}
    elif entity == "people":
        out = {"id": pseudonym(d["person_ref"], key), "area_id": d["area_id"],
               "cohorts": d["cohorts"], "needs": d["needs"],
               "props": {k: v for k, v in d.items() if k not in PERSON_NOT_PROPS}}
    elif entity == "journey_events":
        out = {"id": pseudonym(d["event_ref"], key, "E"),
               "person_id": pseudonym(d["person_ref"], key),
               "service_id": d["service_id"], "type": d["type"], "date": d["date"],
               "seq": SEQ[d["type"]], "outcome": d["outcome"],
               "referred_from_service_id": d["referred_from_service_id"]}
    else:
        out = d
    out["row_hash"] = row_hash(hashed(entity, out))
    return out


def hashed(entity: str, out: Params) -> Params:
    late = HASHED_WHEN_SET.get(entity)
    if not late or "props" not in out:
        return out
    props = out["props"]
    if all(props.get(k) is not None for k in late):
        return out
    return {**out, "props": {k: v for k, v in props.items()
                             if not (k in late and v is None)}}


def properties(entity: str, p: Params) -> Params:
    """The properties its query sets on the entity's node (or, for referral routes, the
    relationship), row_hash last; `id` is not among them."""
    if "props" in p:
        props = dict(p["props"])
    else:
        links = LINKS.get(entity, frozenset())
        props = {k: v for k, v in p.items() if k not in links and k not in ("id", "row_hash")}
    props["row_hash"] = p["row_hash"]
    return props


def plan(valid: Valid, key: str) -> list[tuple[str, list[Params]]]:
    """The writes to make, as (query name, rows), in load order."""
    with no_gc():
        return _plan(valid, key)


def _plan(valid: Valid, key: str) -> list[tuple[str, list[Params]]]:
    from ecosystem.importers import fast  # it builds on this module: not imported at the top

    steps: list[tuple[str, list[Params]]] = []
    planner: fast.Planner | None = None
    for entity in ENTITIES:
        rows = valid.rows.get(entity.name) or []
        if not rows:
            continue
        if fast.applies(entity.name):
            planner = planner or fast.Planner(key)
            steps.append((entity.name, planner.rows(entity.name, rows)))
        else:
            steps.append((entity.name, [to_params(entity.name, r, key) for _, _, r in rows]))
    return steps
