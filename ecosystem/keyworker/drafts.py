"""A client's answers between the key worker's pages, kept server-side for a short while.

The options and plan pages use post/redirect/get, so Back and Forward never show the
browser's "resubmit the form?" page and "Change the client's answers" opens the form as it
was left. Between the POST and the GET the answers must live somewhere that is not the URL
(which reaches server logs and browser history) or the cookie: they are kept in the graph
(shared by every worker and app server, like the sign-in throttle), under a SHA-256 hash of a
random token that only the key worker's session cookie holds, tied to their username, and
deleted TTL_SECONDS after the last save (every save deletes expired ones). They are never
backed up, counted or audited.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Mapping, Sequence
from typing import Any

from ecosystem.db.graph import Graph

TTL_SECONDS = 60 * 60  # long enough for one conversation with a client, not for a shift

Answers = dict[str, list[str]]


def _id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def save(graph: Graph, user: str, answers: Mapping[str, Sequence[str]],
         picks: Sequence[str] = (), token: str | None = None,
         now: float | None = None) -> str:
    """Keep `answers` (field -> values) and the picked options; returns the token to keep
    in the session (the one given, or a new one)."""
    now = time.time() if now is None else now
    token = token or secrets.token_urlsafe(32)
    body = json.dumps({"answers": {k: [str(v) for v in vs] for k, vs in answers.items()},
                       "picks": [str(p) for p in picks]})
    graph.write_all([("keyworker/draft_forget", {"now": now, "id": None}),
                     ("keyworker/draft_save", {"id": _id(token), "user": user, "body": body,
                                               "expires": now + TTL_SECONDS})])
    return token


def load(graph: Graph, user: str, token: str | None,
         now: float | None = None) -> tuple[Answers, list[str]] | None:
    """The answers and picks under `token`, if they are `user`'s and not expired."""
    if not token:
        return None
    now = time.time() if now is None else now
    rows = graph.read("keyworker/draft_load", id=_id(token), user=user, now=now)
    if not rows:
        return None
    body: dict[str, Any] = json.loads(rows[0]["body"])
    return dict(body.get("answers") or {}), list(body.get("picks") or [])


def forget(graph: Graph, token: str | None, now: float | None = None) -> None:
    """Delete the answers under `token` (starting again), and any expired."""
    now = time.time() if now is None else now
    graph.write("keyworker/draft_forget", now=now, id=_id(token) if token else None)
