"""The fast paths of reading, validating and planning people and events give exactly what
the plain path gives: one pydantic model per row, model_dump, hmac.new and json.dumps per
row, on generated rows with many kinds of bad ones mixed in. The plain path is the code's
own where it has one (`_norm`, the per-row model check, `to_params`); kept here are only the
plain forms of what exists only as a fast path: the reference check, the people and event
parameters, the pseudonym and the row hash. No Neo4j needed."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import hashlib
import hmac
import importlib
import json
import random
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ecosystem.demo import scale as demo_scale
from ecosystem.importers import fast, params, tables_from_records
from ecosystem.importers.issues import Issue
from ecosystem.importers.pseudonymise import Pseudonymiser, pseudonym
from ecosystem.importers.readers import MAX_CELL, Table, _norm, read_path
from ecosystem.importers.schema import ENTITIES, Row
from ecosystem.importers.templates import write_csv_folder
from ecosystem.importers.validate import _KEY, REFERENCES, Known, Valid, _article, validate
from ecosystem.vocabulary import EVENT_TYPES

pytestmark = pytest.mark.no_neo4j
# The module (the package's `validate` is the function).
validate_module = importlib.import_module("ecosystem.importers.validate")

KEY = "a test key, not secret"
AS_OF = dt.date(2026, 11, 1)

# --- the reference: the per-row code these fast paths replaced ---------------------------


def ref_tables(records: dict[str, list[dict[str, Any]]]) -> dict[str, Table]:
    tables = {}
    for name, rows in records.items():
        cols: list[str] = []
        for r in rows:
            cols += [k for k in r if k not in cols]
        t = Table(name, f"data:{name}", cols)
        t.rows = [(i, {k: _norm(v) for k, v in r.items()}) for i, r in enumerate(rows, 1)]
        tables[name] = t
    return tables


@contextmanager
def plain_path() -> Iterator[None]:
    """validate() with every table through the per-row model check (the fast one is for
    people and events) and the references checked row by row (ref_check_references)."""
    saved = fast.applies, validate_module._check_references
    fast.applies, validate_module._check_references = (lambda _entity: False), ref_check_references
    try:
        yield
    finally:
        fast.applies, validate_module._check_references = saved


def ref_validate(tables: dict[str, Table], known: Known,
                 person_known: Callable[[Iterable[str]], set[str]] | None
                 ) -> tuple[Valid, list[Issue]]:
    with plain_path():
        return validate(tables, known, person_known)


def ref_check_references(valid: Valid, known: Known,
                         person_known: Callable[[Iterable[str]], set[str]] | None
                         ) -> list[Issue]:
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
        if any(t == entity.name for _, t in refs):
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
                        f"{fieldname} must be the id of {what} in this import (on a row "
                        "without problems) or already in the map"))
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


def ref_pseudonym(raw: str, key: str, prefix: str = "P") -> str:
    digest = hmac.new(key.encode("utf-8"), raw.strip().encode("utf-8"), hashlib.sha256)
    return f"{prefix}-{digest.hexdigest()[:20]}"


def ref_row_hash(data: dict[str, Any]) -> str:
    def default(v: Any) -> str:
        if isinstance(v, dt.date):
            return v.isoformat()
        raise TypeError(type(v).__name__)
    text = json.dumps(data, sort_keys=True, default=default)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def ref_to_params(entity: str, row: Row, key: str) -> dict[str, Any]:
    d = row.model_dump()
    if entity == "people":
        out = {"id": ref_pseudonym(d["person_ref"], key), "area_id": d["area_id"],
               "cohorts": d["cohorts"], "needs": d["needs"]}
        out["props"] = {k: v for k, v in d.items()
                        if k not in {"person_ref", "area_id", "cohorts", "needs"}}
    elif entity == "journey_events":
        out = {"id": ref_pseudonym(d["event_ref"], key, prefix="E"),
               "person_id": ref_pseudonym(d["person_ref"], key),
               "service_id": d["service_id"], "type": d["type"], "date": d["date"],
               "seq": EVENT_TYPES.index(d["type"]), "outcome": d["outcome"],
               "referred_from_service_id": d["referred_from_service_id"]}
    else:  # to_params is the plain path (model_dump) for the rest, but for its hash
        out = {k: v for k, v in params.to_params(entity, row, key).items() if k != "row_hash"}
        # What the hash covers (columns hashed only when set left out) is the plain path's.
        out["row_hash"] = ref_row_hash(params.hashed(entity, out))
        return out
    out["row_hash"] = ref_row_hash(out)
    return out


def ref_plan(valid: Valid, key: str) -> list[tuple[str, list[dict[str, Any]]]]:
    return [(e.name, [ref_to_params(e.name, r, key) for _, _, r in valid.rows[e.name]])
            for e in ENTITIES if valid.rows.get(e.name)]


# --- generated rows, with bad ones mixed in -----------------------------------------------

LONG = "x" * (MAX_CELL + 1)
BAD_EVENT: list[dict[str, Any]] = [
    {"date": "2026-13-01"}, {"date": "31/02/2026"}, {"date": "soon"}, {"date": "01/03/2026"},
    {"date": " 2026-03-01 "}, {"date": None}, {"type": "telephone"}, {"type": "Not Eligible"},
    {"type": " WAITLIST"}, {"type": None}, {"event_ref": None}, {"event_ref": "   "},
    {"event_ref": " padded-ref "}, {"event_ref": "café-1"}, {"event_ref": LONG},
    {"person_ref": None}, {"person_ref": "NOBODY-1"}, {"person_ref": "ünïcode"},
    {"service_id": None}, {"service_id": "no-such-service"}, {"service_id": "bad id!"},
    {"service_id": LONG}, {"referred_from_service_id": "no-such-service"},
    {"referred_from_service_id": "bad id!"}, {"outcome": "won"}, {"outcome": "Debt Resolved"},
    {"outcome": "debt-resolved"}, {"outcome": LONG}, {"outcome": 5}, {"date": 20260101},
    {"service_id": ["a", "b"]}, {"event_ref": {"a": 1}}, {"surname": "Smith"},
    {"type": True}, {"date": dt.date(2026, 1, 2)},
]
BAD_PERSON: list[dict[str, Any]] = [
    {"age_band": "17"}, {"age_band": "18 - 24"}, {"age_band": None}, {"area_id": "nowhere"},
    {"area_id": "bad area!"}, {"area_id": None}, {"cohorts": "nope; smi-b"},
    {"cohorts": "bad id"}, {"cohorts": ""}, {"cohorts": ["smi-b", "smi-a"]},
    {"needs": "joy"}, {"needs": "Housing; money"}, {"needs": "housing|work"},
    {"benefit_status": "UC"}, {"benefit_status": "lottery"}, {"housing_status": "Social Tenant"},
    {"housing_status": "castle"}, {"in_work": "maybe"}, {"in_work": "Y"}, {"in_work": True},
    {"offending_history": "0"}, {"severity": "SEVERE"}, {"severity": "mild"},
    {"person_ref": None}, {"person_ref": " NV-pad "}, {"person_ref": "é-person"},
    {"person_ref": LONG}, {"conditions": "a; b;;"}, {"key_worker": "kw-1"},
    {"key_worker": LONG}, {"dob": "1990-01-01"}, {"needs": 7},
]


def corrupted(seed: int, size: str, scale: float) -> dict[str, list[dict[str, Any]]]:
    rec = copy.deepcopy(demo_scale.generate(size, seed=seed, as_of=AS_OF, scale=scale))
    rng = random.Random(seed)
    people, events = rec["people"], rec["journey_events"]
    for rows, bad in ((people, BAD_PERSON), (events, BAD_EVENT)):
        for i in rng.sample(range(len(rows)), len(rows) // 6):
            rows[i] = {**rows[i], **rng.choice(bad)}
            if rng.random() < 0.3:  # two faults in one row
                rows[i] = {**rows[i], **rng.choice(bad)}
        for i in rng.sample(range(len(rows)), 20):  # duplicate keys, both ways round
            other = rng.choice(rows)
            rows[i] = {**rows[i], **{k: v for k, v in other.items() if k.endswith("_ref")}}
    if rec["services"]:
        rec["services"][0] = {**rec["services"][0], "min_age": "60", "max_age": "18"}
    return rec


def drop_forbidden(rec: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Without the columns that reject a whole table (tested on their own below)."""
    forbidden = {"surname", "dob"}
    return {n: [{k: v for k, v in r.items() if k not in forbidden} for r in rows]
            for n, rows in rec.items()}


def snapshot(valid: Valid) -> dict[str, Any]:
    return {
        "rows": {name: [(o, n, type(r), r.model_dump(), r.model_fields_set) for o, n, r in rows]
                 for name, rows in valid.rows.items()},
        "rejected": valid.rejected,
    }


def assert_same(tables_new: dict[str, Table], tables_ref: dict[str, Table],
                known: Known | None = None,
                person_known: Callable[[Iterable[str]], set[str]] | None = None) -> list[Issue]:
    assert {n: (t.columns, t.rows) for n, t in tables_new.items()} == \
        {n: (t.columns, t.rows) for n, t in tables_ref.items()}
    known = known or Known()
    valid, issues = validate(tables_new, known, person_known)
    want_valid, want_issues = ref_validate(tables_ref, known, person_known)
    assert issues == want_issues
    assert snapshot(valid) == snapshot(want_valid)
    got, want = params.plan(valid, KEY), ref_plan(want_valid, KEY)
    assert [n for n, _ in got] == [n for n, _ in want]
    for (name, rows), (_, want_rows) in zip(got, want, strict=True):
        for r, w in zip(rows, want_rows, strict=True):
            assert r == w and list(r) == list(w), name  # same keys, in the same order
            if "props" in r:
                assert list(r["props"]) == list(w["props"])
    return issues


@pytest.mark.parametrize(("seed", "size", "scale"), [(1, "M", 0.01), (2, "S", 0.25)])
def test_records_with_bad_rows_same_as_per_row_validation(seed: int, size: str,
                                                          scale: float) -> None:
    rec = drop_forbidden(corrupted(seed, size, scale))
    assert len(rec["journey_events"]) > 2000
    tables, read_issues = tables_from_records(rec)
    assert not read_issues
    issues = assert_same(tables, ref_tables(rec))
    # The bad rows were there and found: many kinds of message, in both big entities.
    messages = {i.message.split(" must ", 1)[1][:12] for i in issues}
    assert {"be the id of", "be filled in", "be a date, l", "be at most 1", "be an event ",
            "be an id of ", "be an outcom", "be text", "be unique in", "be life doma",
            "be an age ba", "be yes or no", "be at least "} <= messages
    origins = {i.origin for i in issues}
    assert {"data:people", "data:journey_events"} <= origins


def test_cells_that_are_not_text_and_unknown_keys_in_rows() -> None:
    """Tables made by hand can hold what no reader gives: numbers, lists, keys outside
    the header. The model decides about those rows."""
    rec = drop_forbidden(corrupted(3, "M", 0.005))
    tables, _ = tables_from_records(rec)
    rng = random.Random(3)
    odd: list[Any] = [5, 2.5, ["x"], {"a": 1}, "", "  ", True, dt.date(2026, 1, 1)]
    for name in ("people", "journey_events"):
        rows = tables[name].rows
        for i in rng.sample(range(len(rows)), len(rows) // 4):
            n, cells = rows[i]
            cells = dict(cells)
            if rng.random() < 0.2:
                cells["not_a_field"] = "x"
            else:
                cells[rng.choice(list(cells))] = rng.choice(odd)
            rows[i] = (n, cells)
    assert_same(tables, copy.deepcopy(tables))


def test_people_known_already_and_ids_in_the_map() -> None:
    rec = drop_forbidden(corrupted(4, "M", 0.005))
    events_only = {k: v for k, v in rec.items() if k != "people"}
    tables, _ = tables_from_records(events_only)
    refs = sorted({e["person_ref"] for e in rec["journey_events"]
                   if isinstance(e.get("person_ref"), str)})
    known_people = set(refs[::2])
    services = frozenset(s["id"] for s in rec["services"][::3])

    def person_known(wanted: Iterable[str]) -> set[str]:
        return set(wanted) & known_people

    catalogue_less = {k: v for k, v in tables.items() if k in ("journey_events", "areas")}
    assert_same(catalogue_less, copy.deepcopy(catalogue_less),
                Known(services=services, cohorts=frozenset({"smi-b"})), person_known)


def test_forbidden_and_unknown_columns_reject_the_table() -> None:
    rec = corrupted(5, "M", 0.003)
    rec["people"][3]["surname"] = "Smith"
    rec["journey_events"][7]["colour"] = "blue"
    tables, _ = tables_from_records(rec)
    issues = assert_same(tables, ref_tables(rec))
    assert {i.column for i in issues if i.row == 1} >= {"surname", "colour"}


def test_csv_folder_same_as_per_row(tmp_path: Path) -> None:
    rec = drop_forbidden(corrupted(6, "M", 0.004))
    for r in rec["people"][:50]:
        r["key_worker"] = " kw , with  spaces " if r.get("key_worker") is None else r["key_worker"]
    rec["journey_events"][0]["outcome"] = ' "quoted", \nnewline '
    write_csv_folder(rec, tmp_path)
    (tmp_path / "people.csv").write_text((tmp_path / "people.csv").read_text() + ",,,\n \n")
    tables, read_issues = read_path(tmp_path)
    assert not read_issues
    # The reference reading: every cell through the plain _norm.
    ref = copy.deepcopy(tables)
    for name, t in ref.items():
        with open(tmp_path / f"{name}.csv", newline="", encoding="utf-8-sig") as f:
            lines = list(csv.reader(f))
        header = [h.strip() for h in lines[0]]
        t.rows = [(n, {h: _norm(c) for h, c in zip(header, cells, strict=False) if h})
                  for n, cells in enumerate(lines[1:], start=2) if any(c.strip() for c in cells)]
    assert_same(tables, ref)


@pytest.mark.parametrize("key", ["k", "a test key", "é" * 20, "k" * 64, "k" * 65, "x" * 300])
def test_pseudonyms_are_hmac_sha256(key: str) -> None:
    p = Pseudonymiser(key)
    for raw in ("NV100000", " padded ", "é", "", "x" * 200):
        assert p(raw) == pseudonym(raw, key) == ref_pseudonym(raw, key)
        assert p(raw, "E") == ref_pseudonym(raw, key, "E")


def test_row_hash_same_as_json_dumps() -> None:
    rows: list[dict[str, Any]] = [
        {"b": 1, "a": [1.5, None, "é\n\"x"], "d": dt.date(2026, 1, 2), "n": {"z": True}},
        {"id": "x", "props": {"w": float("nan"), "v": 10**20, "u": -0.0}},
    ]
    for r in rows:
        assert params.row_hash(r) == ref_row_hash(r)
