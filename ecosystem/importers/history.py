"""History: every change to a catalogue entry kept as a version.

`(:Change {at, by, source, note, entity_kind, entity_id, action, fields_json})` nodes, one
per created or changed entry, written by `cypher/history/record.cypher` in the same write as
the rows (the importer calls `changes` before it writes). `fields_json` holds each changed
field's before and after as import-cell text. An import knows which rows changed by their row
hashes, so only those are compared with the stored entry; the bulk first load
(`importers/bulk/`) records no history (an empty map has none to keep).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from ecosystem.db.graph import Graph
from ecosystem.importers import stored
from ecosystem.importers.params import Params
from ecosystem.importers.schema import Row

CREATED, UPDATED = "created", "updated"
HISTORY_LIMIT = 200


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str  # import-cell text; "" for not given
    after: str


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    by: str
    source: str
    note: str
    action: str
    fields: list[FieldChange]


@dataclass(frozen=True)
class Who:
    """Who makes a write and from where: `source` is "web edit", "import: <file>", ..."""

    by: str
    source: str
    note: str = ""


def _comparable(value: Any) -> str:
    if isinstance(value, list | tuple):
        return stored.cell(sorted(stored.cell(v) for v in value))  # order is not a change
    return stored.cell(value)


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> list[FieldChange]:
    """The fields whose values differ, in the model's order (all given ones when new)."""
    out = []
    for name, value in after.items():
        old = "" if before is None else _comparable(before.get(name))
        new = _comparable(value)
        if old != new:
            out.append(FieldChange(name, old, new))
    return out


def changes(graph: Graph, table: str, rows: list[Row], params: list[Params], who: Who
            ) -> list[dict[str, Any]]:
    """The Change records for the rows of `table` an import is about to write (rows and
    their parameters in the same order): new entries, and those whose row hash differs from
    the stored one and whose fields really differ."""
    if table not in stored.CATALOGUE or not rows:
        return []
    keys = [stored.row_key(table, r) for r in rows]
    before = stored.read(graph, table, keys)
    out = []
    for key, row, p in zip(keys, rows, params, strict=True):
        old = before.get(key)
        if old is not None and old.version == p["row_hash"]:
            continue
        fields = diff(None if old is None else old.values, row.model_dump())
        if not fields:
            continue
        out.append({"id": uuid.uuid4().hex, "by": who.by, "source": who.source,
                    "note": who.note, "entity_kind": table, "entity_id": key,
                    "action": CREATED if old is None else UPDATED,
                    "fields_json": json.dumps([[f.field, f.before, f.after] for f in fields])})
    return out


def entries(graph: Graph, table: str, key: str, limit: int = HISTORY_LIMIT) -> list[Change]:
    """The versions of one entry, newest first."""
    out = []
    for r in graph.read("history/list", kind=table, id=key, limit=limit):
        at = r["at"].to_native() if hasattr(r["at"], "to_native") else r["at"]
        fields = [FieldChange(*f) for f in json.loads(r["fields_json"] or "[]")]
        out.append(Change(at, r["by"] or "", r["source"] or "", r["note"] or "",
                          r["action"] or UPDATED, fields))
    return out


def summary(fields: list[FieldChange], limit: int = 400) -> str:
    """Field-level change as one line, for an audit entry."""
    text = "; ".join(f"{f.field}: {f.before!r} -> {f.after!r}" for f in fields)
    return text if len(text) <= limit else text[: limit - 1] + "…"
