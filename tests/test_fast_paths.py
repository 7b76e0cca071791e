"""Each fast path in ecosystem/importers/fast.py gives exactly what its plain path gives:
validate._model_table, params.to_params and params.row_hash. No Neo4j needed."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ecosystem.demo.area import generate
from ecosystem.importers import fast, params, tables_from_records
from ecosystem.importers.issues import Issue
from ecosystem.importers.schema import ENTITY_BY_NAME, EventRow, Row
from ecosystem.importers.validate import Known, _model_row, _model_table, validate

KEY = "a test key, not secret"
AS_OF = dt.date(2026, 11, 1)
BAD: list[dict[str, Any]] = [
    {"date": "soon"}, {"date": "01/03/2026"}, {"type": " WAITLIST"}, {"type": "call"},
    {"event_ref": None}, {"event_ref": " padded "}, {"event_ref": "café"},
    {"person_ref": "ünï"}, {"service_id": "bad id!"}, {"outcome": "Debt Resolved"},
    {"age_band": "17"}, {"needs": "Housing; money"}, {"in_work": "Y"}, {"cohorts": ""},
    {"key_worker": "x" * 20_000}, {"not_a_column": "x"}, {"severity": 5},
]


def records() -> dict[str, list[dict[str, Any]]]:
    rec = generate(as_of=AS_OF, people=300, events_target=2500)
    rng = random.Random(5)
    for name in ("people", "journey_events"):
        rows = rec[name]
        for i in rng.sample(range(len(rows)), len(rows) // 5):
            rows[i] = {**rows[i], **rng.choice(BAD)}
        for i in rng.sample(range(len(rows)), 5):  # a duplicate key
            rows[i] = {**rows[i], **{k: v for k, v in rows[i - 1].items() if k.endswith("_ref")}}
    return rec


def test_fast_paths_apply_to_people_and_events() -> None:
    """Fails when a new column of events is not yet in Planner.event (fast.EVENT_KEYS): the
    import still works, by the plain path, but slower. See docs/importing.md."""
    assert fast.applies("people") and fast.applies("journey_events")
    assert not any(fast.applies(e) for e in ENTITY_BY_NAME if e not in fast.FAST_TEXT)


def test_validation_same_as_one_model_per_row() -> None:
    tables, _ = tables_from_records(records())
    for name in ("people", "journey_events"):
        entity, table = ENTITY_BY_NAME[name], tables[name]
        issues: list[Issue] = []
        want_issues: list[Issue] = []
        rejected: set[int] = set()
        want_rejected: set[int] = set()
        got = fast.validate_table(entity, table, issues, rejected, _model_row)
        want = _model_table(entity, table, want_issues, want_rejected)
        assert (issues, rejected) == (want_issues, want_rejected)
        assert len(want_rejected) > len(table.rows) // 10
        assert [(o, n, type(r), r.model_dump(), r.model_fields_set) for o, n, r in got] == \
            [(o, n, type(r), r.model_dump(), r.model_fields_set) for o, n, r in want]


def test_planning_same_as_to_params() -> None:
    tables, _ = tables_from_records(records())
    valid, _ = validate(tables, Known())
    planner = fast.Planner(KEY)
    for name in ("people", "journey_events"):
        rows = valid.rows[name]
        got = planner.rows(name, rows)
        want = [params.to_params(name, r, KEY) for _, _, r in rows]
        assert got == want
        assert [list(p) for p in got] == [list(p) for p in want]  # the same keys, in order


def test_event_keys_are_those_of_the_plain_path() -> None:
    row = EventRow.model_validate({"event_ref": "e", "person_ref": "p", "service_id": "s",
                                   "type": "start", "date": "2026-01-01"})
    assert sorted(params.to_params("journey_events", row, KEY)) == \
        sorted([*fast.EVENT_KEYS, "row_hash"])


def test_row_hash_same_as_json_dumps() -> None:
    rows: list[dict[str, Any]] = [
        {"b": 1, "a": [1.5, None, "é\n\"x"], "d": dt.date(2026, 1, 2), "n": {"z": True}},
        {"id": "x", "props": {"w": float("nan"), "v": 10**20, "u": -0.0, "t": ["\x1f", ""]}},
        {},
    ]
    for r in rows:
        assert fast.row_hash(r) == params.row_hash(r)


def test_a_row_the_fast_path_cannot_vouch_for_goes_through_the_model() -> None:
    # A value not seen before, then the same again: the second is taken from what was learnt.
    cells = {"person_ref": "a", "age_band": "25-34", "area_id": "x", "needs": "Housing"}
    table = tables_from_records({"people": [cells, {**cells, "person_ref": "b"}]})[0]["people"]
    calls: list[int] = []

    def model_row(model: type[Row], origin: str, rownum: int, cells: dict[str, Any]
                  ) -> tuple[Row | None, list[Issue]]:
        calls.append(rownum)
        return _model_row(model, origin, rownum, cells)

    rows = fast.validate_table(ENTITY_BY_NAME["people"], table, [], set(), model_row)
    assert calls == [1] and [r.needs for _, _, r in rows] == [["housing"], ["housing"]]
