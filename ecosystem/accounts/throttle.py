"""The sign-in throttle: slows password guessing, kept in the graph so every app server
and worker process counts the same attempts.

Failed sign-ins are counted per username and address together (`pair_limit`, 5), per
username from anywhere (`name_limit`, 30) and per address (`address_limit`, 50) within
WINDOW seconds. Past the pair or address limit, further attempts from there are refused
until the window passes: someone guessing from one address stops themselves, not the
account's owner signing in from elsewhere. Past the name limit (guessing one name from many
addresses), attempts for that name are *slowed*, not blocked: each must wait twice as long
as the last (1 s, 2 s, 4 s ... at most NAME_DELAY_MAX), so the owner still gets in after a
short wait, the lockout cannot shut out the only admin, and guessing drops to one attempt a
minute. A speed bump, not a replacement for a reverse proxy's rate limits (behind a proxy,
set ECOSYSTEM_TRUSTED_PROXIES so addresses are clients').

An attempt is *reserved* before its password is checked (`begin`), in one write transaction
with the check: the transaction locks the three counters, so concurrent guesses, from any
process, cannot all pass the check before any of them is recorded (the password hash takes
about half a second). A reservation counts as a failure unless the sign-in succeeds.

Refused attempts are reported for the audit log once per key per window (`Decision.log`),
with how many were refused since the last report, so a flood of refused requests cannot
push real events out of the log.

The graph holds each counter under an HMAC of its key (with the app's secret key), never
the name or address typed: a password typed into the username box must not be stored.
Counters untouched for a window are deleted.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ecosystem.db.graph import Graph, Tx

WINDOW = 15 * 60
NAME_DELAY_MAX = 60.0  # seconds between attempts for one name, past its limit
PAIR = "name+address"

Key = tuple[str, str]  # (kind, value): kind is "name+address", "name" or "address"


@dataclass(frozen=True)
class Report:
    """An audit entry to write: `refused` attempts for `key` (of `kind`, "name" or
    "address"); `first` when the refusals start a new window."""

    kind: str  # "name", "name+address" or "address"
    key: str
    refused: int
    first: bool


@dataclass(frozen=True)
class Decision:
    allowed: bool
    stamp: float = 0.0
    keys: tuple[Key, ...] = ()
    log: tuple[Report, ...] = field(default_factory=tuple)
    retry_after: float = 0.0  # refused only for a while (the name's delay): seconds to wait


@dataclass
class _Counter:
    fails: list[float]  # when each counted attempt was reserved
    logged_at: float | None = None  # when refusals for this key were last reported
    unlogged: int = 0  # refusals since then, not yet in the log


class SignInThrottle:
    def __init__(self, graph: Graph, secret: bytes | str, pair_limit: int = 5, name_limit: int = 30,
                 address_limit: int = 50, clock: Callable[[], float] = time.time) -> None:
        self.limits = {PAIR: pair_limit, "name": name_limit, "address": address_limit}
        self._graph = graph
        self._secret = secret.encode() if isinstance(secret, str) else secret
        self._clock = clock  # wall-clock seconds: shared by every process

    def _id(self, key: Key) -> str:
        return hmac.new(self._secret, f"{key[0]}\0{key[1]}".encode(), hashlib.sha256).hexdigest()

    def _load(self, tx: Tx, keys: tuple[Key, ...], now: float) -> dict[Key, _Counter]:
        ids = {self._id(k): k for k in keys}
        # Locked in one order, so two transactions never wait on each other in a circle.
        rows = tx.run("throttle/lock", ids=sorted(ids), now=now)
        counters = {k: _Counter([]) for k in keys}
        for r in rows:  # two rows for one key only if the constraint is missing: merge them
            c = counters[ids[r["id"]]]
            c.fails = sorted([*c.fails, *(x for x in r["fails"] if now - x <= WINDOW)])
            c.unlogged += r["unlogged"]  # kept past the window: the next report counts them
            if r["logged_at"] is not None and now - r["logged_at"] <= WINDOW:
                c.logged_at = max(c.logged_at or 0.0, r["logged_at"])
        return counters

    def _save(self, tx: Tx, counters: dict[Key, _Counter], now: float) -> None:
        tx.run("throttle/save", now=now, rows=[
            {"id": self._id(k), "fails": c.fails, "logged_at": c.logged_at,
             "unlogged": c.unlogged} for k, c in counters.items()])

    def begin(self, name: str, address: str) -> Decision:
        """Check and reserve one attempt for `name` from `address`, atomically."""
        keys: tuple[Key, ...] = ((PAIR, f"{name}\n{address}"), ("name", name),
                                 ("address", address))
        now = self._clock()

        def work(tx: Tx) -> Decision:
            counters = self._load(tx, keys, now)
            decision = self._decide(counters, keys, now)
            self._save(tx, counters, now)
            return decision

        decision = self._graph.transact(work)
        self._graph.write("throttle/forget", before=now - 2 * WINDOW)
        return decision

    def _decide(self, counters: dict[Key, _Counter], keys: tuple[Key, ...],
                now: float) -> Decision:
        log: list[Report] = []
        blocked = [k for k in keys
                   if k[0] != "name" and len(counters[k].fails) >= self.limits[k[0]]]
        wait = self._name_delay(counters[keys[1]], now)
        if wait > 0 and not blocked:
            blocked = [keys[1]]
        if blocked:
            for k in blocked:
                c = counters[k]
                if c.logged_at is None:
                    log.append(Report(k[0], k[1], c.unlogged + 1, True))
                    c.logged_at, c.unlogged = now, 0
                else:
                    c.unlogged += 1
            only_slowed = blocked == [keys[1]]
            return Decision(False, log=tuple(log), retry_after=wait if only_slowed else 0.0)
        for k in keys:
            c = counters[k]
            if c.unlogged:  # the tail of an earlier flood
                log.append(Report(k[0], k[1], c.unlogged, False))
            c.logged_at, c.unlogged = None, 0
            c.fails.append(now)
        return Decision(True, now, keys, tuple(log))

    def _name_delay(self, counter: _Counter, now: float) -> float:
        """Seconds still to wait before the next attempt for this name (0: go ahead)."""
        over = len(counter.fails) - self.limits["name"]
        if over < 0:
            return 0.0
        delay = min(NAME_DELAY_MAX, 2.0 ** over)
        return max(0.0, delay - (now - counter.fails[-1]))

    def succeeded(self, decision: Decision) -> None:
        """The reserved attempt signed in: the failures from this name and address are
        forgotten, and the attempt does not count against the name or the address."""
        self._change(decision, forget_pair=True)

    def release(self, decision: Decision) -> None:
        """The reserved attempt was no failure (a right password, with a code still to come):
        it stops counting, and earlier failures still count."""
        self._change(decision, forget_pair=False)

    def _change(self, decision: Decision, forget_pair: bool) -> None:
        if not decision.keys:
            return
        now = self._clock()

        def work(tx: Tx) -> None:
            counters = self._load(tx, decision.keys, now)
            for k, c in counters.items():
                if forget_pair and k[0] == PAIR:
                    c.fails = []
                elif decision.stamp in c.fails:
                    c.fails.remove(decision.stamp)
            self._save(tx, counters, now)

        self._graph.transact(work)


class RequestLimit:
    """At most `limit` requests per address in `window` seconds, counted in the graph like
    the sign-in throttle (so shared by every process): for pages open to the public."""

    def __init__(self, graph: Graph, secret: bytes | str, kind: str, limit: int,
                 window: float = 60.0, clock: Callable[[], float] = time.time) -> None:
        self._throttle = SignInThrottle(graph, secret, clock=clock)
        self._kind, self._limit, self._window = kind, limit, window

    def allow(self, address: str) -> bool:
        """Count one request from `address`; False when it is over the limit (not counted)."""
        t = self._throttle
        key: Key = (self._kind, address)
        now = t._clock()

        def work(tx: Tx) -> bool:
            counters = t._load(tx, (key,), now)
            c = counters[key]
            c.fails = [x for x in c.fails if now - x <= self._window]
            ok = len(c.fails) < self._limit
            if ok:
                c.fails.append(now)
            t._save(tx, counters, now)
            return ok

        return t._graph.transact(work)
