"""The importer's fast paths, all here, each behind a plain path that stays the reference.

People and journey events are the millions of rows of an import. For them only:

- `validate_table` gives what `validate._model_table` gives (one pydantic model per row)
  without running the model for rows whose every cell it has already seen accepted;
- `Planner` gives what `params.to_params` gives (model_dump, `pseudonym`, `params.row_hash`)
  from the validated row's own dict, a person's pseudonym made once, an event's hash text
  written directly;
- `row_hash` gives what `params.row_hash` gives (json.dumps), CPython's C encoder called
  without making an encoder per row.

`applies` says where they are used; anything else takes the plain path. Stored databases
hold these hashes: tests/test_fast_paths.py checks each fast path against its plain path and
tests/test_row_hashes.py pins the values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from pydantic import BeforeValidator

from ecosystem.importers import params
from ecosystem.importers.issues import Issue, duplicate_message
from ecosystem.importers.params import Params
from ecosystem.importers.pseudonymise import Pseudonymiser
from ecosystem.importers.readers import MAX_CELL, Table
from ecosystem.importers.schema import ENTITY_BY_NAME, Entity, EventRow, Row, _blank_to_none

Fallback = Callable[[type[Row], str, int, dict[str, Any]], tuple[Row | None, list[Issue]]]

# Fields of people and events that are free text, their whole validation a strip; every
# other field of theirs takes few distinct values (types, dates, service ids, cohorts).
FAST_TEXT: dict[str, frozenset[str]] = {
    "people": frozenset({"person_ref"}),
    "journey_events": frozenset({"event_ref", "person_ref"}),
}
# The keys of an event's parameters, as Planner.event writes their hash text.
EVENT_KEYS = ("date", "id", "outcome", "person_id", "referred_from_service_id", "seq",
              "service_id", "type")
_EVENT_REFS = frozenset({"event_ref", "person_ref"})


def applies(entity: str) -> bool:
    """Whether the fast paths are used for this entity: people and events while their models
    suit FastRows, and events while their model has the fields Planner.event was written for
    (else the plain path, slower)."""
    if entity not in FAST_TEXT or not _suits(ENTITY_BY_NAME[entity].model, FAST_TEXT[entity]):
        return False
    if entity == "journey_events":
        planned = set(EventRow.model_fields) - _EVENT_REFS | {"id", "person_id", "seq"}
        return planned == set(EVENT_KEYS)
    return True


def _suits(model: type[Row], text: frozenset[str]) -> bool:
    """The free-text fields are plain stripped text with no validator of their own, and the
    model has no cross-field (model) validators."""
    decorators = model.__pydantic_decorators__
    checked = {f for d in decorators.field_validators.values() for f in d.info.fields}
    plain = all(model.model_fields[f].annotation is str
                and model.model_fields[f].metadata == [BeforeValidator(_blank_to_none)]
                for f in text)
    return plain and not decorators.model_validators and not text & checked


# --- validation ------------------------------------------------------------------------------

_MISSING, _REQUIRED = object(), object()
_new = object.__new__
_set = object.__setattr__


class FastRows:
    """What validate_table needs to give the model's result for a row without running the
    model, when that is certain: each text field is plain ASCII text (stripped, as the model
    does), and every other cell holds a value the model already accepted for that field in
    an earlier row (no field depends on another). Any other row goes through the model,
    which then teaches this its values (learn). Only for models without cross-field checks
    (people, events)."""

    def __init__(self, model: type[Row], text: frozenset[str]) -> None:
        if not _suits(model, text):
            raise TypeError(f"{model.__name__}: fast fields must be plain text, and the "
                            "fields independent of each other")
        self.model = model
        self.fields = tuple(model.model_fields)
        self.field_set = set(self.fields)
        self.all_fields = frozenset(self.fields)
        self.memo: dict[str, dict[str, Any]] = {f: {} for f in self.fields if f not in text}
        info = model.model_fields
        self.plan = tuple((f, self.memo.get(f),
                           _REQUIRED if info[f].is_required() else info[f].default)
                          for f in self.fields)

    def learn(self, cells: dict[str, Any], row: Row) -> None:
        d = row.__dict__
        for f, memo in self.memo.items():
            raw = cells.get(f)
            if type(raw) is str:
                memo[raw] = d[f]


def validate_table(entity: Entity, table: Table, issues: list[Issue], rejected: set[int],
                   model_row: Fallback) -> list[tuple[str, int, Row]]:
    """validate._model_table for people and events, FastRows' check written out in the loop
    (a call per row costs a tenth of the time); `model_row` is the plain path, for any row
    this cannot vouch for. No row rules apply to these entities."""
    fast = FastRows(entity.model, FAST_TEXT[entity.name])
    model, origin, plan, field_set, all_fields = (entity.model, table.origin, fast.plan,
                                                  fast.field_set, fast.all_fields)
    (key_field,) = entity.key
    seen: dict[tuple[Any, ...], int] = {}
    out: list[tuple[str, int, Row]] = []
    append = out.append
    for rownum, cells in table.rows:
        vals: dict[str, Any] = {}
        absent: list[str] = []
        ok = field_set.issuperset(cells)  # else an unknown column: the model says which
        if ok:
            for f, memo, default in plan:
                raw = cells.get(f)
                if raw is None:
                    if default is _REQUIRED:
                        ok = False
                        break
                    # The model copies a mutable default for each row.
                    vals[f] = list(default) if type(default) is list else default
                    absent.append(f)
                elif type(raw) is not str:
                    ok = False
                    break
                elif memo is None:
                    text = raw.strip()
                    if not text or len(raw) > MAX_CELL or not text.isascii():
                        ok = False
                        break
                    vals[f] = text
                else:
                    v = memo.get(raw, _MISSING)
                    if v is _MISSING:
                        ok = False
                        break
                    vals[f] = list(v) if type(v) is list else v
        if not ok:
            row, row_issues = model_row(model, origin, rownum, cells)
            if row is None:
                issues += row_issues
                rejected.add(rownum)
                continue
            fast.learn(cells, row)
            key = (row.__dict__[key_field],)
        else:
            row = _new(model)
            _set(row, "__dict__", vals)
            _set(row, "__pydantic_fields_set__",
                 field_set.difference(absent) if absent else set(all_fields))
            _set(row, "__pydantic_extra__", None)
            _set(row, "__pydantic_private__", None)
            key = (vals[key_field],)
        if key in seen:
            issues.append(Issue(origin, rownum, key_field, str(key[0]),
                                duplicate_message(entity.key, seen[key])))
            rejected.add(rownum)
            continue
        seen[key] = rownum
        append((origin, rownum, row))
    return out


# --- hashing ---------------------------------------------------------------------------------

def _encoder() -> Callable[[Any], str]:
    """params.hash_text without making a new encoder (and its closures) for every row. The C
    encoder is called directly where this Python has it and gives the same text on a sample;
    circular data is never hashed."""
    default = params.json_default
    enc = json.JSONEncoder(sort_keys=True, default=default)
    make: Any = getattr(json.encoder, "c_make_encoder", None)
    try:
        c_encode = make(None, default, json.encoder.encode_basestring_ascii, None,
                        enc.key_separator, enc.item_separator, True, False, True)
    except TypeError:  # no C encoder, or another Python's signature
        return enc.encode

    def encode(data: Any) -> str:
        return "".join(c_encode(data, 0))
    sample = {"b": [1.5, None, "é\n\"x", float("nan")], "a": dt.date(2026, 1, 2),
              "c": {"z": True, "y": 10**20}}
    return encode if encode(sample) == params.hash_text(sample) else enc.encode


_ENCODE = _encoder()


def row_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(_ENCODE(data).encode()).hexdigest()[:24]


_quote = json.encoder.encode_basestring_ascii


def _event_hash(eid: str, pid: str, sid: str, typ: str, date: dt.date, seq: int,
                outcome: str | None, ref: str | None) -> str:
    """row_hash of an event's parameters, the JSON text written directly (EVENT_KEYS
    sorted, the encoder's separators and quoting; pseudonyms are letters, a dash and hex,
    quoted as they are): twice as fast."""
    text = (f'{{"date": "{date.isoformat()}", "id": "{eid}", '
            f'"outcome": {"null" if outcome is None else _quote(outcome)}, '
            f'"person_id": "{pid}", '
            f'"referred_from_service_id": {"null" if ref is None else _quote(ref)}, '
            f'"seq": {seq}, "service_id": {_quote(sid)}, "type": {_quote(typ)}}}')
    return hashlib.sha256(text.encode()).hexdigest()[:24]


# --- parameters ------------------------------------------------------------------------------

class Planner:
    """params.to_params for people and events: fields read from the validated row's own
    dict (model_dump copies everything), and a person's pseudonym made once, not per event."""

    def __init__(self, key: str) -> None:
        pseudonymiser = Pseudonymiser(key)
        self.person_pseudonym = pseudonymiser.with_prefix("P")
        self.event_pseudonym = pseudonymiser.with_prefix("E")
        self.person_ids: dict[str, str] = {}

    def rows(self, entity: str, rows: list[tuple[str, int, Row]]) -> list[Params]:
        make = self.person if entity == "people" else self.event
        return [make(r) for _, _, r in rows]

    def person_id(self, ref: str) -> str:
        pid = self.person_ids.get(ref)
        if pid is None:
            pid = self.person_ids[ref] = self.person_pseudonym(ref)
        return pid

    def person(self, row: Row) -> Params:
        d = row.__dict__
        props = {k: (list(v) if type(v) is list else v)
                 for k, v in d.items() if k not in params.PERSON_NOT_PROPS}
        out = {"id": self.person_id(d["person_ref"]), "area_id": d["area_id"],
               "cohorts": list(d["cohorts"]), "needs": list(d["needs"]), "props": props}
        out["row_hash"] = row_hash(out)
        return out

    def event(self, row: Row) -> Params:
        d = row.__dict__
        eid, pid = self.event_pseudonym(d["event_ref"]), self.person_id(d["person_ref"])
        sid, typ, date, outcome, ref = (d["service_id"], d["type"], d["date"], d["outcome"],
                                        d["referred_from_service_id"])
        seq = params.SEQ[typ]
        return {"id": eid, "person_id": pid, "service_id": sid, "type": typ, "date": date,
                "seq": seq, "outcome": outcome, "referred_from_service_id": ref,
                "row_hash": _event_hash(eid, pid, sid, typ, date, seq, outcome, ref)}

