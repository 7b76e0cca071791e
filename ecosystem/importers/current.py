"""The current catalogue in the import format: "Download the current data".

Areas, providers, commissioners, cohorts, services, referral routes and contracts, each as
the rows of its import file (the columns of `schema.py`, in its order), read back from the
graph. No people, no journey events, no accounts, no audit log: that is the backup
(ecosystem/backup.py). Importing what this writes changes nothing (every row "unchanged":
tests/test_current_export.py). Written through ecosystem/exports.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ecosystem.db.graph import Graph
from ecosystem.importers.schema import ENTITY_BY_NAME, columns

CATALOGUE = ("areas", "providers", "commissioners", "cohorts", "services", "referral_routes",
             "contracts")

Table = tuple[list[str], list[list[str]]]


def cell(value: Any) -> str:
    """A stored value as the text an import cell holds."""
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        value = to_native()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    return str(value)


def tables(graph: Graph) -> dict[str, Table]:
    """Each catalogue entity's (header, rows) as its import file holds them."""
    out = {}
    for name in CATALOGUE:
        header = columns(ENTITY_BY_NAME[name])
        rows = []
        for r in graph.read(f"current/{name}"):
            values = {**r["props"], **r["links"]}
            if name == "cohorts":
                values |= {f"need_{n['domain']}": n["estimated"] for n in r["links"]["needs"]}
            rows.append([cell(values.get(c)) for c in header])
        out[name] = (header, rows)
    return out


def counts(t: dict[str, Table]) -> dict[str, int]:
    return {name: len(rows) for name, (_, rows) in t.items()}
