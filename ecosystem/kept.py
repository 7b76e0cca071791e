"""Whole-area results kept in this process until the map changes (issue 18).

The overlaps, orphans, contracts, funding, coverage and outcomes pages sum up the whole area:
at nation size each takes a second or two to work out, yet the map changes a few times a day.
So each result is kept against the map's version (`Graph.map_version`, a new token after
every write that changes the map, from any process: ecosystem/db/version.py) and the
arguments it was worked out for. A view reads the version (one small read) and, if it is the
one the result was kept for, uses the result as it is.

Nothing here is state the app depends on: a process that has kept nothing works everything
out, so several app servers behind a load balancer each keep their own. Only the current
version's results are kept, at most `MAX_RESULTS` of them (the least recently used goes).
Two requests for the same missing result wait for one working-out, not two.

Kept results are moved out of the garbage collector's sight (`gc.freeze`) and back in when
the map changes: on the XL map they hold enough objects that each full collection, which
would otherwise walk them all, took 370-410 ms, in the middle of whichever page was being
served.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ecosystem.db.graph import Graph

T = TypeVar("T")

MAX_RESULTS = 64  # of one version: a result per page and choice of its filters


class Kept:
    def __init__(self, max_results: int = MAX_RESULTS) -> None:
        self.max_results = max_results
        self._version: str | None = None
        self._results: OrderedDict[Hashable, Any] = OrderedDict()
        self._working: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.worked_out = 0  # how many results were worked out rather than reused (for tests)

    def get(self, graph: Graph, key: Hashable, work_out: Callable[[], T]) -> T:
        """The result kept for `key` at the map's current version, else `work_out()` (kept)."""
        version = graph.map_version()
        if version is None:  # nothing has written: no version to keep it against
            return work_out()
        with self._lock:
            found = self._found(version, key)
            if found is not None:
                return found[0]
            working = self._working.setdefault(key, threading.Lock())
        with working:
            with self._lock:
                found = self._found(version, key)
                if found is not None:
                    return found[0]
            try:
                result = work_out()
            except BaseException:  # raised to the caller, not kept
                with self._lock:
                    self._working.pop(key, None)
                raise
            with self._lock:
                self.worked_out += 1
                if self._version == version:
                    self._results[key] = result
                    while len(self._results) > self.max_results:
                        self._results.popitem(last=False)
                    gc.collect(0)  # this request's young garbage is not frozen with it
                    gc.freeze()
                self._working.pop(key, None)
            return result

    def _found(self, version: str, key: Hashable) -> tuple[Any] | None:
        """Under the lock: the kept result as a 1-tuple (a result may be None), else None;
        a new version forgets the old one's results."""
        if version != self._version:
            self._version = version
            if self._results:
                self._results.clear()
                gc.unfreeze()  # what the old results held is collected as usual again
        if key in self._results:
            self._results.move_to_end(key)
            return (self._results[key],)
        return None

    def forget(self) -> None:
        with self._lock:
            self._results.clear()
            gc.unfreeze()
