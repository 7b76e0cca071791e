"""Check every row before anything is written: types, required fields, duplicates and
references to other entities (in this import or already in the graph)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from .issues import Issue
from .readers import MAX_CELL, Table
from .schema import (
    ENTITIES,
    ENTITY_BY_NAME,
    FORBIDDEN_COLUMNS,
    ContractRow,
    ReferralRouteRow,
    Row,
    ServiceRow,
    columns,
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
    issues: list[Issue] = []
    valid = Valid()
    for entity in ENTITIES:
        table = tables.get(entity.name)
        if table is None:
            continue
        header_issues = _check_header(table)
        if header_issues:
            issues += header_issues
            valid.rejected[entity.name] = {n for n, _ in table.rows}
            continue
        seen: dict[tuple[Any, ...], int] = {}
        out: list[tuple[str, int, Row]] = []
        for rownum, cells in table.rows:
            row_issues: list[Issue] = []
            for col, value in cells.items():
                if isinstance(value, str) and len(value) > MAX_CELL:
                    row_issues.append(Issue(table.origin, rownum, col, value[:60],
                                            f"a cell of at most {MAX_CELL} characters"))
            if not row_issues:
                try:
                    # An empty cell means "not given": the field's default applies.
                    row = entity.model.model_validate(
                        {k: v for k, v in cells.items() if v is not None})
                except ValidationError as e:
                    row_issues += [_issue(table.origin, rownum, err) for err in e.errors()]
                except (TypeError, ValueError) as e:  # a cell of a shape no field takes
                    row_issues.append(Issue(table.origin, rownum, None, None,
                                            f"a row of text cells ({type(e).__name__})"))
                else:
                    key = tuple(getattr(row, k) for k in entity.key)
                    if key in seen:
                        row_issues.append(Issue(
                            table.origin, rownum, entity.key[0], str(key[0]),
                            f"a unique {'/'.join(entity.key)}; row {seen[key]} has the same"))
                    else:
                        seen[key] = rownum
                        row_issues += _check_row(entity.name, row, table.origin, rownum)
                        if not row_issues:
                            out.append((table.origin, rownum, row))
            if row_issues:
                issues += row_issues
                valid.rejected.setdefault(entity.name, set()).add(rownum)
        valid.rows[entity.name] = out
    issues += _check_references(valid, known, person_known)
    return valid, [_without_raw_ids(i) for i in issues]


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
                                "a known column: " + ", ".join(columns(entity))))
    for col in required_columns(entity):
        if col not in table.columns:
            issues.append(Issue(table.origin, 1, col, None, "this required column is missing"))
    return issues


def _issue(origin: str, rownum: int, err: Any) -> Issue:
    column = str(err["loc"][0]) if err.get("loc") else None
    value = err.get("input")
    if err["type"] == "missing" or value is None:
        return Issue(origin, rownum, column, None, "a value is required")
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "an unknown field"
    if err["type"] == "literal_error":
        msg = "one of " + str(err.get("ctx", {}).get("expected", ""))
    return Issue(origin, rownum, column, None if isinstance(value, dict) else str(value), msg)


def _check_row(entity: str, row: Row, origin: str, rownum: int) -> list[Issue]:
    issues = []
    if isinstance(row, ServiceRow):
        lo, hi = row.min_age, row.max_age
        if lo is not None and hi is not None and lo > hi:
            issues.append(Issue(origin, rownum, "max_age", str(hi),
                                f"an age at least min_age ({lo})"))
    if isinstance(row, ContractRow) and row.end_date is not None:
        if row.end_date < row.start_date:
            issues.append(Issue(origin, rownum, "end_date", row.end_date.isoformat(),
                                f"a date on or after start_date ({row.start_date.isoformat()})"))
    if isinstance(row, ReferralRouteRow) and row.from_service_id == row.to_service_id:
        issues.append(Issue(origin, rownum, "to_service_id", row.to_service_id,
                            "a different service from from_service_id"))
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
        if entity.name == "journey_events" and person_known is not None:
            wanted = {r.person_ref for _, _, r in valid.rows.get(entity.name, [])}  # type: ignore[attr-defined]
            available["people"] |= person_known(wanted - available["people"])
        if any(t == entity.name for _, t in refs):  # areas may name a parent in the same file
            available[entity.name] |= {str(r.id) for _, _, r in valid.rows.get(entity.name, [])}  # type: ignore[attr-defined]
        kept = []
        for origin, rownum, row in valid.rows.get(entity.name, []):
            row_issues = []
            for fieldname, target in refs:
                value = getattr(row, fieldname)
                values = value if isinstance(value, list) else [value]
                missing = [v for v in values if v is not None and v not in available[target]]
                if missing:
                    what = "a person" if target == "people" else _article(target[:-1])
                    row_issues.append(Issue(
                        origin, rownum, fieldname, "; ".join(missing),
                        f"the id of {what} in this import (and valid) or already in the map"))
            if row_issues:
                issues += row_issues
                valid.rejected.setdefault(entity.name, set()).add(rownum)
            else:
                kept.append((origin, rownum, row))
        valid.rows[entity.name] = kept
        if entity.name in available:
            key = _KEY.get(entity.name, "id")
            available[entity.name] |= {str(getattr(r, key)) for _, _, r in kept}
    return issues


def _article(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun
