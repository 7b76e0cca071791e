"""What the facade's mixins share to keep whole-area reads until the map changes
(ecosystem/kept.py)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.kept import Kept

T = TypeVar("T")


class Keeping:
    settings: Settings
    graph: Graph
    kept: Kept

    def _kept(self, key: Hashable, work_out: Callable[[], T]) -> T:
        """`work_out()`, or what it gave at this version of the map, for these settings.
        Callers copy a kept list before handing it out, so no page can change it."""
        return self.kept.get(self.graph, (key, self.settings), work_out)
