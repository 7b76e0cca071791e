"""What an import reports: problems that name the file, row and field, and the counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem import exports


@dataclass(frozen=True)
class Issue:
    origin: str  # file name, or workbook:sheet
    row: int | None  # as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str  # what was expected

    def __str__(self) -> str:
        where = self.origin
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f": got {_short(self.value)!r}"
        return f"{where}{value}: {self.message}"


def duplicate_message(key: tuple[str, ...], first: int) -> str:
    """A row whose key an earlier row of the file has."""
    name = "/".join(key)
    return f"{name} must be unique in this file, but row {first} has the same {name}"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass
class EntityCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, EntityCounts] = field(default_factory=dict)
    written: bool = False
    # The history records of the catalogue entries written (ecosystem/importers/history.py).
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def summary_lines(self) -> list[str]:
        lines = []
        for name, c in self.counts.items():
            line = f"{name}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
            if c.rejected:
                line += f", {c.rejected} rejected"
            lines.append(line)
        return lines

    def write_rejects(self, path: Path) -> None:
        exports.csv_file(path, ([i.origin, i.row or "", i.column or "", i.value or "", i.message]
                                for i in self.issues),
                         ["file", "row", "column", "value", "problem"])
