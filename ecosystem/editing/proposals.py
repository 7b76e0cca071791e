"""Provider editors propose, admins approve: a proposal is an edit kept aside.

`(:Proposal {id, table, key, creating, cells_json, version, fields_json, by, at, status,
decided_by, decided_at, reason})`. Proposing checks the row with the importer's validation and
writes nothing to the entry; approving saves it through `edit.save` (with the version the
form was opened at, so a proposal made before someone else's change is refused with both
versions, not applied over it).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecosystem.db.graph import Graph
from ecosystem.editing import edit
from ecosystem.editing.edit import EditResult
from ecosystem.importers import stored
from ecosystem.importers.history import FieldChange
from ecosystem.importers.issues import Issue

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)
# What a provider editor may propose: their own organisation's services.
PROPOSABLE = frozenset({"services"})


class ProposalError(ValueError):
    pass


@dataclass(frozen=True)
class Proposal:
    id: str
    table: str
    key: str
    creating: bool
    cells: dict[str, str]
    version: str | None
    fields: list[FieldChange]
    by: str
    at: dt.datetime
    status: str
    decided_by: str = ""
    reason: str = ""


@dataclass
class ProposalResult:
    check: EditResult
    proposal: Proposal | None = None
    issues: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.proposal is not None


def allowed(graph: Graph, providers: Sequence[str], table: str, key: str | None,
            cells: dict[str, Any] | None) -> bool:
    if table not in PROPOSABLE or not providers:
        return False
    own = set(providers)
    if key is not None:
        row = stored.read(graph, table, [key]).get(key)
        if row is None or row.values.get("provider_id") not in own:
            return False
    if cells is not None and str(cells.get("provider_id") or "").strip() not in own:
        return False
    return True


def propose(graph: Graph, pseudonym_key: str, table: str, cells: dict[str, Any],
            version: str | None, by: str, key: str | None) -> ProposalResult:
    if table not in PROPOSABLE:
        raise ProposalError(f"only {', '.join(sorted(PROPOSABLE))} can be proposed")
    result, _ = edit.check(graph, pseudonym_key, table, cells, version, key)
    if not result.ok:
        return ProposalResult(result)
    if not result.fields:
        result.issues.append(Issue(edit.EDIT_ORIGIN, 1, None, None,
                                        "a change: this is the entry as it is now"))
        return ProposalResult(result)
    pid = uuid.uuid4().hex[:16]
    clean = edit.only_columns(table, cells)
    graph.write("proposals/create", id=pid, table=table, key=result.key,
                creating=key is None, cells_json=json.dumps(clean), version=version,
                fields_json=_fields_json(result.fields), by=by)
    return ProposalResult(result, get(graph, pid))


def _fields_json(fields: list[FieldChange]) -> str:
    return json.dumps([[f.field, f.before, f.after] for f in fields])


def _proposal(r: dict[str, Any]) -> Proposal:
    at = r["at"].to_native() if hasattr(r["at"], "to_native") else r["at"]
    return Proposal(r["id"], r["table"], r["key"], bool(r["creating"]),
                    json.loads(r["cells_json"]), r["version"],
                    [FieldChange(*f) for f in json.loads(r["fields_json"] or "[]")],
                    r["by"], at, r["status"], r["decided_by"] or "", r["reason"] or "")


def get(graph: Graph, id: str) -> Proposal | None:
    rows = graph.read("proposals/get", id=id)
    return _proposal(rows[0]) if rows else None


def listing(graph: Graph, status: str = PENDING) -> list[Proposal]:
    if status not in STATUSES:
        raise ProposalError(f"a status from: {', '.join(STATUSES)}")
    return [_proposal(r) for r in graph.read("proposals/list", status=status)]


def decide(graph: Graph, id: str, status: str, by: str, reason: str) -> None:
    graph.write("proposals/decide", id=id, status=status, by=by, reason=reason)
