"""The sign-in throttle: slows password guessing, in memory, per process.

Failed sign-ins are counted per username and address together (`pair_limit`, 5), per
username from anywhere (`name_limit`, 30) and per address (`address_limit`, 50) within
WINDOW seconds. Past the pair or address limit, further attempts from there are refused
until the window passes: someone guessing from one address stops themselves, not the
account's owner signing in from elsewhere. Past the name limit (guessing one name from many
addresses), attempts for that name are *slowed*, not blocked: each must wait twice as long
as the last (1 s, 2 s, 4 s ... at most NAME_DELAY_MAX), so the owner still gets in after a
short wait, the lockout cannot shut out the only admin, and guessing drops to one attempt a
minute. A speed bump, not a replacement for a reverse proxy's
rate limits (and behind a proxy, set ECOSYSTEM_TRUSTED_PROXIES so addresses are clients').

An attempt is *reserved* before its password is checked (`begin`), inside one lock with the
check: the password hash takes about half a second, and concurrent guesses must not all pass
the check before any of them is recorded. A reservation counts as a failure unless the
sign-in succeeds (`succeeded`).

Refused attempts are reported for the audit log once per key per window (`Decision.log`),
with how many were refused since the last report, so a flood of refused requests cannot
push real events out of the log.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW = 15 * 60
NAME_DELAY_MAX = 60.0  # seconds between attempts for one name, past its limit
PAIR = "name+address"
MAX_KEYS = 10_000  # bound the memory a flood of names can take


@dataclass
class _Refused:
    logged_at: float  # when the last audit entry for this key was asked for
    unlogged: int = 0  # refusals since then, not yet in the log


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
    keys: tuple[tuple[str, str], ...] = ()
    log: tuple[Report, ...] = field(default_factory=tuple)
    retry_after: float = 0.0  # refused only for a while (the name's delay): seconds to wait


class SignInThrottle:
    def __init__(self, pair_limit: int = 5, name_limit: int = 30, address_limit: int = 50,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = {PAIR: pair_limit, "name": name_limit, "address": address_limit}
        self._clock = clock
        self._lock = threading.Lock()
        self._fails: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._refused: dict[tuple[str, str], _Refused] = {}

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        q = self._fails[key]
        while q and now - q[0] > WINDOW:
            q.popleft()
        return q

    def begin(self, name: str, address: str) -> Decision:
        """Check and reserve one attempt for `name` from `address`, atomically."""
        keys = ((PAIR, f"{name}\n{address}"), ("name", name), ("address", address))
        now = self._clock()
        log: list[Report] = []
        with self._lock:
            blocked = [k for k in keys if k[0] != "name"
                       and len(self._recent(k, now)) >= self.limits[k[0]]]
            wait = self._name_delay(keys[1], now)
            if wait > 0 and not blocked:
                blocked = [keys[1]]
            if blocked:
                for k in blocked:
                    r = self._refused.get(k)
                    if r is None or now - r.logged_at > WINDOW:
                        log.append(Report(k[0], k[1], (r.unlogged if r else 0) + 1, True))
                        self._refused[k] = _Refused(now)
                    else:
                        r.unlogged += 1
                self._bound(now)
                only_slowed = blocked == [keys[1]]
                return Decision(False, log=tuple(log), retry_after=wait if only_slowed else 0.0)
            for k in keys:
                r = self._refused.pop(k, None)
                if r is not None and r.unlogged:  # the tail of an earlier flood
                    log.append(Report(k[0], k[1], r.unlogged, False))
                self._recent(k, now).append(now)
            self._bound(now)
        return Decision(True, now, keys, tuple(log))

    def _name_delay(self, key: tuple[str, str], now: float) -> float:
        """Seconds still to wait before the next attempt for this name (0: go ahead)."""
        q = self._recent(key, now)
        over = len(q) - self.limits["name"]
        if over < 0:
            return 0.0
        delay = min(NAME_DELAY_MAX, 2.0 ** over)
        return max(0.0, delay - (now - q[-1]))

    def succeeded(self, decision: Decision) -> None:
        """The reserved attempt signed in: the failures from this name and address are
        forgotten, and the attempt does not count against the name or the address."""
        with self._lock:
            for k in decision.keys:
                if k[0] == PAIR:
                    self._fails.pop(k, None)
                else:
                    self._unreserve(k, decision.stamp)

    def release(self, decision: Decision) -> None:
        """The reserved attempt was no failure (a right password, with a code still to come):
        it stops counting, and earlier failures still count."""
        with self._lock:
            for k in decision.keys:
                self._unreserve(k, decision.stamp)

    def _unreserve(self, key: tuple[str, str], stamp: float) -> None:
        q = self._fails.get(key)
        if q is not None and stamp in q:
            q.remove(stamp)

    def _bound(self, now: float) -> None:
        if len(self._fails) > MAX_KEYS:
            for k in [k for k in self._fails if not self._recent(k, now)]:
                del self._fails[k]
            if len(self._fails) > MAX_KEYS:  # still a flood: forget the oldest
                for k in sorted(self._fails, key=lambda k: self._fails[k][-1])[:MAX_KEYS // 2]:
                    del self._fails[k]
        if len(self._refused) > MAX_KEYS:
            for k in [k for k, r in self._refused.items() if now - r.logged_at > WINDOW]:
                del self._refused[k]
            if len(self._refused) > MAX_KEYS:
                for k in sorted(self._refused,
                                key=lambda k: self._refused[k].logged_at)[:MAX_KEYS // 2]:
                    del self._refused[k]
