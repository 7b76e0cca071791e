"""The one core object: settings plus the graph, with the operations the CLI and web share."""

from __future__ import annotations

from dataclasses import dataclass

from . import reference
from .config import Settings
from .graph import Graph


@dataclass
class Ecosystem:
    settings: Settings
    graph: Graph

    @classmethod
    def open(cls, settings: Settings | None = None, start: bool = False) -> Ecosystem:
        settings = settings or Settings.from_env()
        return cls(settings, Graph.connect(settings, start=start))

    def close(self) -> None:
        self.graph.close()

    def __enter__(self) -> Ecosystem:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def init(self) -> None:
        """Create constraints and indexes and load the reference data. Idempotent."""
        self.graph.run_schema("schema/constraints")
        self.graph.write("reference/load", **reference.as_rows())

    def clear(self) -> None:
        """Delete all data (the schema stays)."""
        self.graph.run_autocommit("admin/clear")

    def counts(self) -> dict[str, int]:
        return {r["label"]: r["n"] for r in self.graph.read("admin/counts")}
