"""What a map written by an older version lacks, worked out once when the tool starts
(`Ecosystem.init`, which `ecosystem serve` runs): each engagement's `reached_on`, the first
outcome reached since it started, which the outcomes analysis reads (added in issue 18); and
the map's version, which results kept in a process are checked against (ecosystem/kept.py)."""

from __future__ import annotations

from ecosystem.db import version
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import OUTCOMES_NOT_REACHED


def upgrade(graph: Graph) -> bool:
    """Fill in what is missing; True when anything had to be worked out."""
    if graph.map_version() is None:
        graph.write(version.BUMP)
    not_reached = list(OUTCOMES_NOT_REACHED)
    if not graph.read("importing/upgrade_reached_on_needed",
                      not_reached=not_reached)[0]["needed"]:
        return False
    graph.run_autocommit("importing/upgrade_reached_on", not_reached=not_reached)
    return True
