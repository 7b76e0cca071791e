"""The audit log: who did what, when, to what.

`(:AuditEntry {at, username, action, target, detail})` nodes, append-only: `audit/append`
(a CREATE) is the only query that writes them and no query updates or deletes them
(`admin/clear` leaves them in place). Entries are written for sign-in (success and failure),
sign-out, every user change (CLI and web), every import, and every view or export of
person-level data. `detail` never holds a password, a key or a raw identifier.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ecosystem import exports
from ecosystem.db.graph import Graph

MAX_FIELD = 500  # a hostile value (a long username typed at sign-in) cannot bloat the log


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    username: str
    action: str
    target: str
    detail: str


def cli_actor() -> str:
    """Who runs a CLI command: the operating-system user, marked as such."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in a bare container
        return "cli:unknown"


def _clip(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_FIELD else text[: MAX_FIELD - 1] + "…"


def record(graph: Graph, username: str, action: str, target: object = "",
           detail: object = "") -> None:
    graph.write("audit/append", username=_clip(username), action=_clip(action),
                target=_clip(target), detail=_clip(detail))


def _native(value: Any) -> dt.datetime:
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


# Neo4j refuses UTC offsets beyond 18 hours; Python's fromisoformat accepts up to 23:59.
MAX_OFFSET = dt.timedelta(hours=18)
SINCE_HELP = "Enter a date like 2026-01-31, or a date and time like 2026-01-31T09:00."


def parse_since(text: str) -> dt.datetime:
    """A `since` typed by someone (UTC unless it has an offset); ValueError saying why not."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(SINCE_HELP) from None
    offset = when.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValueError(SINCE_HELP + " A time zone offset is at most 18 hours.")
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def entries(graph: Graph, since: dt.datetime | None = None, limit: int = 10_000
            ) -> list[AuditEntry]:
    """Entries at or after `since` (all if None), newest first, at most `limit`."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    rows = graph.read("audit/list", since=since, limit=limit)
    return [AuditEntry(_native(r["at"]), r["username"] or "", r["action"] or "",
                       r["target"] or "", r["detail"] or "") for r in rows]


def to_csv(items: Iterable[AuditEntry]) -> str:
    return exports.csv_text(([e.at.isoformat(), e.username, e.action, e.target, e.detail]
                             for e in items),
                            ["at", "username", "action", "target", "detail"],
                            lineterminator="\n")
