"""Import an area's data: read, validate every row, then write (or write nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ecosystem.db.graph import Graph, chunks
from ecosystem.db.schema import ensure as ensure_reference_data
from ecosystem.importers import history, load, params, stored
from ecosystem.importers.history import Who
from ecosystem.importers.issues import EntityCounts, ImportReport, Issue
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.importers.readers import Table, read_path
from ecosystem.importers.schema import ENTITIES, ENTITY_BY_NAME, Row
from ecosystem.importers.validate import Known, validate

__all__ = ["ImportReport", "Issue", "Who", "check_row", "import_path", "import_tables",
           "known_ids", "tables_from_records"]


def tables_from_records(records: dict[str, list[dict[str, Any]]], origin: str = "data"
                        ) -> tuple[dict[str, Table], list[Issue]]:
    """In-memory rows (as from a generator or another importer) as tables."""
    from itertools import chain

    from ecosystem.importers.readers import no_gc, norm_record

    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    with no_gc():
        for name, rows in records.items():
            if name not in ENTITY_BY_NAME:
                issues.append(Issue(f"{origin}:{name}", None, None, None, "unknown entity"))
                continue
            if not rows:
                continue  # nothing of that kind (a file would still need its header row)
            cols = list(dict.fromkeys(chain.from_iterable(rows)))  # in order of first use
            t = Table(name, f"{origin}:{name}", cols)
            t.rows = list(enumerate(map(norm_record, rows), start=1))
            tables[name] = t
    return tables, issues


def known_ids(graph: Graph) -> Known:
    """The ids the map holds, that rows may refer to."""
    ids = graph.read("importing/existing_ids")[0]
    return Known(**{k: frozenset(v) for k, v in ids.items() if k != "contracts"})


def check_row(entity: str, fields: dict[str, Any], known: Known,
              origin: str | None = None,
              person_known: Callable[[Iterable[str]], set[str]] | None = None
              ) -> tuple[Row | None, list[Issue]]:
    """One row's fields (as a form or a cell gives them) through the importer's own checks:
    the row as it would be written, or its problems in plain English, each naming its field
    (`Issue.column`) and saying what to write ("capacity must be a whole number, like 40").
    References are checked against `known` (`known_ids`) and, for a person, `person_known`
    (default: `known.people`, raw refs). The one validation path: the
    browser's edit forms and the importer both use it."""
    if entity not in ENTITY_BY_NAME:
        raise KeyError(f"not an entity of the import: {entity}")
    tables, issues = tables_from_records({entity: [fields]}, origin or entity)
    table = tables.get(entity)
    if table is not None:
        table.origin = origin or entity
    valid, found = validate(tables, known,
                            person_known or (lambda refs: set(refs) & known.people))
    issues = [replace(i, row=None) for i in issues + found]
    rows = valid.rows.get(entity, [])
    return (rows[0][2] if rows and not issues else None), issues


def import_path(graph: Graph, key: str, path: Path, skip_invalid: bool = False,
                on_rows: Callable[[int], None] | None = None,
                on_total: Callable[[int], None] | None = None,
                sizes: load.Sizes | None = None, who: Who | None = None) -> ImportReport:
    tables, issues = read_path(Path(path))
    return import_tables(graph, key, tables, issues, skip_invalid, on_rows, on_total,
                         source=Path(path).name, sizes=sizes, who=who)


def import_tables(graph: Graph, key: str, tables: dict[str, Table],
                  read_issues: list[Issue] | None = None, skip_invalid: bool = False,
                  on_rows: Callable[[int], None] | None = None,
                  on_total: Callable[[int], None] | None = None,
                  source: str = "data", sizes: load.Sizes | None = None,
                  who: Who | None = None, check_only: bool = False,
                  expect: tuple[str, str, str] | None = None) -> ImportReport:
    """`who` is recorded in the history of every catalogue entry the import creates or
    changes (default: "import" from `source`). `check_only`: validate, write nothing (an
    edit proposed for approval is checked this way). `expect` (table, key, version): write
    only if that entry is still at that version, checked in the write's own transaction
    (an edit opened at that version); otherwise raise WriteAborted, nothing written."""
    report = ImportReport(issues=list(read_issues or []))
    # Every write path makes sure of the schema and the reference data first: without the
    # life domains, sources and types, services would be written with no links to them.
    ensure_reference_data(graph)
    known = known_ids(graph)
    needs_key = any(n in tables for n in ("people", "journey_events"))
    if needs_key:
        pseudonym("check", key)  # fails early, with the message, when there is no key

    def person_known(refs: Iterable[str]) -> set[str]:
        by_id = {pseudonym(r, key): r for r in refs}
        if not by_id:
            return set()
        found = graph.read("importing/existing_people", ids=list(by_id))[0]["ids"]
        return {by_id[i] for i in found}

    valid, issues = validate(tables, known, person_known)
    report.issues += issues
    for e in ENTITIES:
        if e.name in tables:
            report.counts[e.name] = EntityCounts(rejected=len(valid.rejected.get(e.name, ())))
    if (report.issues and not skip_invalid) or check_only:
        return report
    steps = params.plan(valid, key)
    if on_total:
        on_total(sum(len(r) for _, r in steps))
    who = who or Who("import", f"import: {source}")
    for name, rows in steps:
        valid_rows = [r for _, _, r in valid.rows.get(name, [])]
        report.changes += history.changes(graph, name, valid_rows, rows, who)
    record = [("history/record", {"changes": c}) for c in chunks(report.changes, 1000)]
    before = [] if expect is None else [
        (stored.VERSION_QUERIES[expect[0]], {"key": expect[1], "version": expect[2]})]
    written = load.write(graph, steps, on_rows, source=source, sizes=sizes, after=record,
                         before=before)
    for name, c in written.items():
        c.rejected = report.counts.get(name, EntityCounts()).rejected
        report.counts[name] = c
    report.written = True
    return report
