"""Save one catalogue entry: the importer's validation and write path for one row, after a
check that the entry has not changed since the form was opened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ecosystem import importers
from ecosystem.db.graph import Graph, WriteAborted
from ecosystem.importers import stored
from ecosystem.importers.history import FieldChange, Who, diff
from ecosystem.importers.issues import Issue
from ecosystem.importers.schema import ENTITY_BY_NAME, columns
from ecosystem.importers.stored import CATALOGUE, StoredRow

EDIT_ORIGIN = "edit"


class EditError(ValueError):
    """An edit of something that cannot be edited (an unknown table)."""


@dataclass(frozen=True)
class Conflict:
    """The entry changed since the form was opened: both versions, nothing saved."""

    theirs: dict[str, str]  # as it is stored now
    yours: dict[str, str]  # as the form sent it
    version: str  # the stored version, for a form that starts again from theirs

    @property
    def differing(self) -> list[str]:
        return [k for k in self.yours if self.theirs.get(k, "") != self.yours[k]]


@dataclass
class EditResult:
    key: str
    issues: list[Issue] = field(default_factory=list)
    conflict: Conflict | None = None
    fields: list[FieldChange] = field(default_factory=list)  # what the save changed
    created: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues and self.conflict is None

    def messages(self) -> dict[str, str]:
        """Field -> what is wrong with it (the first problem of each field)."""
        out: dict[str, str] = {}
        for i in self.issues:
            out.setdefault(i.column or "", i.message)
        return out


def check_table(table: str) -> None:
    if table not in CATALOGUE:
        raise EditError(f"not an entry that can be edited: {table}")


def current(graph: Graph, table: str, key: str) -> StoredRow | None:
    check_table(table)
    return stored.read(graph, table, [key]).get(key)


def blank(table: str) -> dict[str, str]:
    """The cells of a new entry: every column, with its default."""
    check_table(table)
    model = ENTITY_BY_NAME[table].model
    return {name: ("" if f.is_required() else stored.cell(f.get_default(
        call_default_factory=True))) for name, f in model.model_fields.items()}


def only_columns(table: str, cells: dict[str, Any]) -> dict[str, str]:
    """The form's cells for the table's columns (every column present, text)."""
    return {c: str(cells.get(c) or "") for c in columns(ENTITY_BY_NAME[table])}


def _issue(column: str, value: str, message: str) -> Issue:
    return Issue(EDIT_ORIGIN, 1, column, value, message)


def prepare(graph: Graph, table: str, cells: dict[str, Any], version: str | None,
            key: str | None) -> tuple[dict[str, str], EditResult, StoredRow | None]:
    """The cells to write and what stands in the way, before any validation: `key` None
    creates (the id must be new), else it edits `key` opened at `version`."""
    check_table(table)
    cells = only_columns(table, cells)
    new_key = stored.row_key(table, cells)
    result = EditResult(new_key, created=key is None)
    old = stored.read(graph, table, [key or new_key]).get(key or new_key)
    if key is None:
        if old is not None and new_key.strip("|"):
            col = "from_service_id" if table == "referral_routes" else "id"
            result.issues.append(_issue(col, cells[col], "an identifier not used yet: "
                                        "another entry already has this one"))
    elif old is None:
        result.issues.append(_issue("id", key, "an entry that exists: it has been removed"))
    else:
        if new_key != key:
            col = "from_service_id" if table == "referral_routes" else "id"
            result.issues.append(_issue(col, cells[col], f"the same identifier ({key}): "
                                        "an identifier cannot be changed"))
        elif version is not None and old.version != version:
            result.conflict = Conflict(stored.cells(old.values), cells, old.version)
    return cells, result, old


def save(graph: Graph, pseudonym_key: str, table: str, cells: dict[str, Any],
         version: str | None, who: Who, key: str | None = None) -> EditResult:
    """Validate and write one entry as an import of its one row would; nothing is written
    with any problem or when the entry changed since `version` (a Conflict)."""
    cells, result, old = prepare(graph, table, cells, version, key)
    expect = (table, key, version) if key is not None and version is not None else None
    try:
        report = _run(graph, pseudonym_key, table, cells, who, check_only=not result.ok,
                      expect=expect)
    except WriteAborted:  # changed between the check above and the write: theirs stands
        now = stored.read(graph, table, [key or result.key]).get(key or result.key)
        if now is None:
            result.issues.append(_issue("id", key or "", "an entry that exists: it has "
                                        "been removed"))
        else:
            result.conflict = Conflict(stored.cells(now.values), cells, now.version)
        return result
    result.issues += report.issues
    if result.ok:
        result.fields = diff(None if old is None else old.values,
                             _row_values(graph, table, result.key))
    return result


def check(graph: Graph, pseudonym_key: str, table: str, cells: dict[str, Any],
          version: str | None, key: str | None = None) -> tuple[EditResult, StoredRow | None]:
    """What `save` would refuse, writing nothing; with the fields it would change."""
    cells, result, old = prepare(graph, table, cells, version, key)
    report = _run(graph, pseudonym_key, table, cells, Who("", ""), check_only=True)
    result.issues += report.issues
    if result.ok:
        model = ENTITY_BY_NAME[table].model
        row = model.model_validate({k: v for k, v in cells.items() if v.strip()})
        result.fields = diff(None if old is None else old.values, row.model_dump())
    return result, old


def _run(graph: Graph, pseudonym_key: str, table: str, cells: dict[str, str], who: Who,
         check_only: bool, expect: tuple[str, str, str] | None = None
         ) -> importers.ImportReport:
    tables, read_issues = importers.tables_from_records({table: [cells]}, origin=EDIT_ORIGIN)
    return importers.import_tables(graph, pseudonym_key, tables, read_issues,
                                   source=who.source or EDIT_ORIGIN, who=who,
                                   check_only=check_only, expect=expect)


def _row_values(graph: Graph, table: str, key: str) -> dict[str, Any]:
    row = stored.read(graph, table, [key]).get(key)
    return {} if row is None else row.values


def closed(row: StoredRow, on: dt.date) -> dict[str, str]:
    """A service's cells once closed on `on`: status closed and an end date, not deleted."""
    cells = stored.cells(row.values)
    cells["status"] = "closed"
    cells["end_date"] = on.isoformat()
    return cells
