"""Catalogue entries as the graph holds them, read back as rows of their import table.

An entry is rebuilt from its node (or, for a referral route, its relationship) and its links
by `cypher/importing/stored_<table>.cypher`, so it reads the same whichever path wrote it
(an import, the bulk first load, an edit). Values come back in the model's types; `cells`
turns them into the text an import file (or an edit form) would hold, which validates back
to the same row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecosystem.db.graph import Graph
from ecosystem.importers.schema import ENTITY_BY_NAME, Row

# The tables whose rows are catalogue entries: edited in the browser, kept in history.
CATALOGUE = ("providers", "commissioners", "cohorts", "services", "contracts",
             "referral_routes")
NEED_PREFIX = "need_"
QUERIES = {
    "providers": "importing/stored_providers", "commissioners": "importing/stored_commissioners",
    "cohorts": "importing/stored_cohorts", "services": "importing/stored_services",
    "contracts": "importing/stored_contracts",
    "referral_routes": "importing/stored_referral_routes",
}
# An edit's version check, run inside its write (see load.write's `before`).
VERSION_QUERIES = {
    "providers": "importing/version_providers",
    "commissioners": "importing/version_commissioners",
    "cohorts": "importing/version_cohorts", "services": "importing/version_services",
    "contracts": "importing/version_contracts",
    "referral_routes": "importing/version_referral_routes",
}


@dataclass(frozen=True)
class StoredRow:
    key: str  # the entry's id ("from|to" for a referral route)
    version: str  # its row hash: what an edit form was opened at
    values: dict[str, Any]  # field -> value, every field of the table's model


def route_key(from_id: str, to_id: str) -> str:
    return f"{from_id}|{to_id}"


def row_key(table: str, row: Row | dict[str, Any]) -> str:
    """The key an entry is known by in history and edits."""
    get = row.get if isinstance(row, dict) else (lambda k: getattr(row, k))
    if table == "referral_routes":
        return route_key(str(get("from_service_id")), str(get("to_service_id")))
    return str(get("id"))


def read(graph: Graph, table: str, keys: Iterable[str]) -> dict[str, StoredRow]:
    """The stored rows of `table` with these keys (those missing are not in the result)."""
    ids = sorted(set(keys))
    if not ids:
        return {}
    model = ENTITY_BY_NAME[table].model
    out = {}
    for rec in graph.read(QUERIES[table], ids=ids):
        values = _values(table, model, rec["props"], rec["links"])
        out[rec["key"]] = StoredRow(rec["key"], rec["version"] or "", values)
    return out


def _native(v: Any) -> Any:
    if hasattr(v, "to_native"):
        v = v.to_native()
    if isinstance(v, dt.datetime):
        return v.date()
    return v


def _values(table: str, model: type[Row], props: dict[str, Any], links: dict[str, Any]
            ) -> dict[str, Any]:
    found = {k: _native(v) for k, v in props.items()}
    found.update({k: v for k, v in links.items() if k != "needs"})
    for need in links.get("needs") or ():
        found[NEED_PREFIX + need["domain"]] = need["estimated"]
    if table == "referral_routes":
        found.pop("id", None)
    out: dict[str, Any] = {}
    for name, f in model.model_fields.items():
        if name in found and found[name] is not None:
            out[name] = found[name]
        elif f.is_required():
            out[name] = None
        else:
            out[name] = f.get_default(call_default_factory=True)
    return out


def cell(value: Any) -> str:
    """A value as the text of an import cell (and of an edit form's field)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cells(values: dict[str, Any]) -> dict[str, str]:
    return {k: cell(v) for k, v in values.items()}
