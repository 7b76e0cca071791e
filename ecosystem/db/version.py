"""Which writes change the map: every write does, but those listed here (the audit log,
accounts, sign-in counters, a key worker's answers between pages, the admins' switches and
results being kept). A write that changes the map gives it a new version in its own
transaction (`kept/bump`), so whatever was worked out from the map before can tell it is
stale (ecosystem/kept.py). Safe by default: a new write query changes the map unless it is
named here."""

from __future__ import annotations

from collections.abc import Iterable

BUMP = "kept/bump"
READ = "kept/version"

# Names, or folders ending in "/", of writes that leave the map as it is.
QUIET = (
    "audit/",
    "users/",
    "throttle/",
    "settings/",
    "keyworker/draft_save",
    "keyworker/draft_forget",
    "summaries/headlines_put",
    "summaries/outcomes_put",
    "backup/merge_audit",
    "backup/merge_users",
    BUMP,
)


def quiet(name: str) -> bool:
    return any(name == q or (q.endswith("/") and name.startswith(q)) for q in QUIET)


def changes_map(names: Iterable[str]) -> bool:
    return any(not quiet(n) for n in names)
