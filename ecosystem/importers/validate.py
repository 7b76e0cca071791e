"""Check every row before anything is written: types, required fields, duplicates and
references to other entities (in this import or already in the graph)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from typing import Any

from pydantic import ValidationError

from ecosystem.importers.cells import Sentence
from ecosystem.importers.issues import Issue, duplicate_message
from ecosystem.importers.readers import MAX_CELL, Table, no_gc
from ecosystem.importers.schema import (
    ENTITIES,
    ENTITY_BY_NAME,
    FORBIDDEN_COLUMNS,
    ID_HELP,
    ID_RE,
    ContractRow,
    Entity,
    ReferralRouteRow,
    Row,
    ServiceRow,
    columns,
    field_help,
    required_columns,
)

PERSON_ENTITIES = frozenset({"people", "journey_events"})


@dataclass
class Valid:
    """Rows that passed, by entity, each with its origin and row number for later messages."""

    rows: dict[str, list[tuple[str, int, Row]]] = field(default_factory=dict)
    rejected: dict[str, set[int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Known:
    """Ids already in the graph."""

    areas: frozenset[str] = frozenset()
    providers: frozenset[str] = frozenset()
    commissioners: frozenset[str] = frozenset()
    cohorts: frozenset[str] = frozenset()
    services: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()  # raw refs whose pseudonym is in the graph


def validate(tables: dict[str, Table], known: Known,
             person_known: Callable[[Iterable[str]], set[str]] | None = None
             ) -> tuple[Valid, list[Issue]]:
    with no_gc():
        return _validate(tables, known, person_known)


def _validate(tables: dict[str, Table], known: Known,
              person_known: Callable[[Iterable[str]], set[str]] | None
              ) -> tuple[Valid, list[Issue]]:
    from ecosystem.importers import fast  # it builds on this module: not imported at the top

    issues: list[Issue] = []
    valid = Valid()
    checked: dict[str, Table] = {}  # tables whose header is right
    for entity in ENTITIES:
        table = tables.get(entity.name)
        if table is None:
            continue
        header_issues = _check_header(table)
        if header_issues:
            issues += header_issues
            valid.rejected[entity.name] = {n for n, _ in table.rows}
            continue
        checked[entity.name] = table
        rejected = valid.rejected.setdefault(entity.name, set())
        if fast.applies(entity.name):
            out = fast.validate_table(entity, table, issues, rejected, _model_row)
        else:
            out = _model_table(entity, table, issues, rejected)
        if not rejected:
            del valid.rejected[entity.name]
        valid.rows[entity.name] = out
    # Rows with wrong fields: their references are checked too, so one upload reports all.
    field_rejected = {name: set(rows) for name, rows in valid.rejected.items()
                      if name in checked}
    issues += _check_references(valid, known, person_known)
    issues += _check_rejected_references(tables, field_rejected, issues, known, person_known)
    return valid, [_without_raw_ids(i) for i in issues]


def _model_table(entity: Entity, table: Table, issues: list[Issue], rejected: set[int]
                 ) -> list[tuple[str, int, Row]]:
    """The plain path, one pydantic model per row; people and events take the fast path
    (ecosystem/importers/fast.py), which gives the same."""
    seen: dict[tuple[Any, ...], int] = {}
    out: list[tuple[str, int, Row]] = []
    for rownum, cells in table.rows:
        row, row_issues = _model_row(entity.model, table.origin, rownum, cells)
        if row is not None:
            key = tuple(getattr(row, k) for k in entity.key)
            if key in seen:
                row_issues = [Issue(table.origin, rownum, entity.key[0], str(key[0]),
                                    duplicate_message(entity.key, seen[key]))]
            else:
                seen[key] = rownum
                row_issues = _check_row(entity.name, row, table.origin, rownum)
        if row_issues:
            issues += row_issues
            rejected.add(rownum)
        elif row is not None:
            out.append((table.origin, rownum, row))
    return out


def _model_row(model: type[Row], origin: str, rownum: int, cells: dict[str, Any]
               ) -> tuple[Row | None, list[Issue]]:
    """One row through its pydantic model: the row, or what is wrong with it."""
    row_issues: list[Issue] = []
    for col, value in cells.items():
        if isinstance(value, str) and len(value) > MAX_CELL:
            row_issues.append(Issue(origin, rownum, col, value[:60],
                                    f"{col} must be at most {MAX_CELL:,} characters long"))
    if row_issues:
        return None, row_issues
    try:
        # An empty cell means "not given": the field's default applies.
        return model.model_validate({k: v for k, v in cells.items() if v is not None}), []
    except ValidationError as e:
        return None, [_issue(model, origin, rownum, err) for err in e.errors()]
    except (TypeError, ValueError) as e:  # a cell of a shape no field takes
        return None, [Issue(origin, rownum, None, None,
                            f"each cell must be text or a number ({type(e).__name__})")]


# Raw identifiers of people and events: a problem names their row, never their value, so
# messages, logs and rejects files never carry them.
RAW_ID_COLUMNS = frozenset({"person_ref", "event_ref"})


def _without_raw_ids(issue: Issue) -> Issue:
    if issue.column in RAW_ID_COLUMNS and issue.value is not None:
        return replace(issue, value="(withheld: an identifier)")
    return issue


def _check_header(table: Table) -> list[Issue]:
    entity = ENTITY_BY_NAME[table.entity]
    allowed = set(columns(entity))
    issues = []
    for col in table.columns:
        key = col.strip().lower()
        if key in FORBIDDEN_COLUMNS and table.entity in PERSON_ENTITIES:
            issues.append(Issue(table.origin, 1, col, None,
                                "no direct identifiers (names, NHS numbers, dates of birth, "
                                "addresses): remove this column"))
        elif col not in allowed:
            issues.append(Issue(table.origin, 1, col, None,
                                f"{col} is not a column of {entity.name}; the columns are: "
                                + ", ".join(columns(entity))))
    for col in required_columns(entity):
        if col not in table.columns:
            issues.append(Issue(table.origin, 1, col, None,
                                f"{col} is a required column: add it to the header row"))
    return issues


def _issue(model: type[Row], origin: str, rownum: int, err: Any) -> Issue:
    column = str(err["loc"][0]) if err.get("loc") else None
    value = err.get("input")
    shown = None if value is None or isinstance(value, dict) else str(value)
    return Issue(origin, rownum, column, shown, plain_message(model, column, err))


def plain_message(model: type[Row], column: str | None, err: Any) -> str:
    """One of pydantic's errors as a plain sentence with an example ("capacity must be a whole
    number, like 40"), never its own text ("Input should be a valid integer...")."""
    col = column or "this row"
    kind = err["type"]
    helps = field_help(model, column) if column else None
    ctx = err.get("ctx") or {}
    if kind == "missing" or err.get("input") is None:
        return f"{col} must be filled in" + (f" with {helps}" if helps else "")
    if kind == "extra_forbidden":
        return (f"{col} is not a column of this file; the columns are: "
                + ", ".join(model.model_fields))
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, Sentence):
            return str(error)
        return f"{col} must be {str(err['msg']).removeprefix('Value error, ')}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{col} must be {ctx.get('ge', ctx.get('gt'))} or more" + _like(helps)
    if kind in ("less_than_equal", "less_than"):
        return f"{col} must be {ctx.get('le', ctx.get('lt'))} or less" + _like(helps)
    if kind == "literal_error":
        return f"{col} must be one of: " + str(ctx.get("expected", "")).replace("'", "")
    if kind == "string_pattern_mismatch":
        return f"{col} must be {helps or ID_HELP}"
    if helps:
        return f"{col} must be {helps}"
    if kind in ("string_type", "string_sub_type"):
        return f"{col} must be text"
    if kind == "list_type":
        return f"{col} must be a list, values separated by semicolons"
    return f"{col} is not a value this column takes"


def _like(helps: str | None) -> str:
    """The example of a help text: ", like 40"."""
    if helps and ", like " in helps:
        return ", like " + helps.split(", like ", 1)[1]
    return ""


_ROW_RULES = frozenset({"services", "contracts", "referral_routes"})  # what _check_row checks


def _check_row(entity: str, row: Row, origin: str, rownum: int) -> list[Issue]:
    issues = []
    if isinstance(row, ServiceRow):
        lo, hi = row.min_age, row.max_age
        if lo is not None and hi is not None and lo > hi:
            issues.append(Issue(origin, rownum, "max_age", str(hi),
                                f"max_age must be at least min_age ({lo})"))
    if isinstance(row, ContractRow) and row.end_date is not None:
        if row.end_date < row.start_date:
            issues.append(Issue(origin, rownum, "end_date", row.end_date.isoformat(),
                                f"end_date must be on or after start_date "
                                f"({row.start_date.isoformat()})"))
    if isinstance(row, ReferralRouteRow) and row.from_service_id == row.to_service_id:
        issues.append(Issue(origin, rownum, "to_service_id", row.to_service_id,
                            "to_service_id must be a different service from "
                            "from_service_id"))
    return issues


# (entity, field, target entity) for every reference between entities.
REFERENCES: tuple[tuple[str, str, str], ...] = (
    ("areas", "parent_id", "areas"),
    ("commissioners", "area_id", "areas"),
    ("cohorts", "area_id", "areas"),
    ("services", "provider_id", "providers"),
    ("services", "areas", "areas"),
    ("services", "cohorts", "cohorts"),
    ("referral_routes", "from_service_id", "services"),
    ("referral_routes", "to_service_id", "services"),
    ("contracts", "commissioner_id", "commissioners"),
    ("contracts", "service_id", "services"),
    ("people", "area_id", "areas"),
    ("people", "cohorts", "cohorts"),
    ("journey_events", "service_id", "services"),
    ("journey_events", "referred_from_service_id", "services"),
    ("journey_events", "person_ref", "people"),
)
_KEY = {"people": "person_ref"}


def _check_references(valid: Valid, known: Known,
                      person_known: Callable[[Iterable[str]], set[str]] | None) -> list[Issue]:
    """Entities are checked in load order, so a row whose target was itself rejected is
    rejected too (a contract for a service that will not be written, say)."""
    available: dict[str, set[str]] = {
        name: set(getattr(known, name))
        for name in ("areas", "providers", "commissioners", "cohorts", "services")
    }
    available["people"] = set()
    issues: list[Issue] = []
    for entity in ENTITIES:
        refs = [(f, t) for e, f, t in REFERENCES if e == entity.name]
        rows = valid.rows.get(entity.name, [])
        objs = [r for _, _, r in rows]
        if entity.name == "journey_events" and person_known is not None:
            wanted = set(map(attrgetter("person_ref"), objs))
            available["people"] |= person_known(wanted - available["people"])
        if any(t == entity.name for _, t in refs):  # areas may name a parent in the same file
            available[entity.name] |= set(map(str, map(attrgetter("id"), objs)))
        # Columns against the ids available, as sets: the rows are gone through one by one
        # only for a field where some value is missing.
        checks = []
        for fieldname, target in refs:
            column = list(map(attrgetter(fieldname), objs))
            # A field is a list in every row or in none (the model's type).
            values = set(chain.from_iterable(column) if column and isinstance(column[0], list)
                         else column)
            values.discard(None)
            if not values <= available[target]:
                checks.append((fieldname, target))
        kept = rows if not checks else []
        for origin, rownum, row in rows if checks else ():
            row_issues = []
            for fieldname, target in checks:
                value = getattr(row, fieldname)
                values_ = value if isinstance(value, list) else [value]
                missing = [v for v in values_ if v is not None and v not in available[target]]
                if missing:
                    row_issues.append(Issue(origin, rownum, fieldname, "; ".join(missing),
                                            reference_message(fieldname, target)))
            if row_issues:
                issues += row_issues
                valid.rejected.setdefault(entity.name, set()).add(rownum)
            else:
                kept.append((origin, rownum, row))
        valid.rows[entity.name] = kept
        if entity.name in available:
            key = _KEY.get(entity.name, "id")
            available[entity.name] |= set(map(str, map(attrgetter(key), (r for _, _, r in kept))))
    return issues


def reference_message(fieldname: str, target: str) -> str:
    what = "a person" if target == "people" else _article(target[:-1])
    return (f"{fieldname} must be the id of {what} in this import (on a row without "
            f"problems) or already in the map")


def _check_rejected_references(tables: dict[str, Table], rejected: dict[str, set[int]],
                               issues: list[Issue], known: Known,
                               person_known: Callable[[Iterable[str]], set[str]] | None
                               ) -> list[Issue]:
    """The references of rows already rejected for their fields, read from their cells: an id
    named nowhere (not in the map, not on any row of this import, right or wrong) is
    reported now, not after the row's other problems are fixed and the file uploaded again."""
    from ecosystem.importers.cells import split_ids

    found = {(i.origin, i.row, i.column) for i in issues}
    present: dict[str, set[str]] = {}

    def ids(target: str) -> set[str]:
        if target not in present:
            key = _KEY.get(target, "id")
            table = tables.get(target)
            present[target] = set(getattr(known, target)) | {
                str(c[key]).strip() for _, c in (table.rows if table else ()) if c.get(key)}
        return present[target]

    out: list[Issue] = []
    unknown: list[tuple[str, int, str, str, list[str]]] = []
    for entity in ENTITIES:
        table, rows = tables.get(entity.name), rejected.get(entity.name)
        refs = [(f, t) for e, f, t in REFERENCES if e == entity.name]
        if table is None or not rows or not refs:
            continue
        model_fields = entity.model.model_fields
        for rownum, cells in table.rows:
            if rownum not in rows:
                continue
            for fieldname, target in refs:
                raw = cells.get(fieldname)
                if not isinstance(raw, str) or (table.origin, rownum, fieldname) in found:
                    continue
                is_list = model_fields[fieldname].annotation is not None and \
                    getattr(model_fields[fieldname].annotation, "__origin__", None) is list
                values = split_ids(raw) if is_list else [raw.strip()]
                missing = [v for v in values if re.match(ID_RE, v) and v not in ids(target)]
                if missing:
                    unknown.append((table.origin, rownum, fieldname, target, missing))
    # People already in the map, asked about once for all these rows.
    wanted = {v for *_, t, m in unknown if t == "people" for v in m}
    in_map = person_known(wanted) if wanted and person_known is not None else set()
    for origin, rownum, fieldname, target, missing in unknown:
        missing = [v for v in missing if v not in in_map] if target == "people" else missing
        if missing:
            out.append(Issue(origin, rownum, fieldname, "; ".join(missing),
                             reference_message(fieldname, target)))
    return out


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun
