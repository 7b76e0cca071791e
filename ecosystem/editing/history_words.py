"""A version in an entry's history as a person reads it: each field by the label the edit
form gives it, and its values in words (areas, providers, services, commissioners and
cohorts by name, codes by their labels, yes/no as Yes/No, lists joined), the stored cells
kept alongside for a "technical details" section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ecosystem.contacts import split_cell, way_words
from ecosystem.directory.choices import Names
from ecosystem.importers.history import FieldChange
from ecosystem.vocabulary import FIELD_CHOICES, FIELD_LABELS, IMPORT_ANSWERS, LISTS


@dataclass(frozen=True)
class WordedChange:
    label: str
    before: str  # in words; "" for not given
    after: str
    field: str  # as stored, with the cells as stored, for technical details
    raw_before: str
    raw_after: str


YES_NO = IMPORT_ANSWERS["yes_no"]
# Columns holding one code (or a list of them) of a LISTS list, besides FIELD_CHOICES.
_CODED = {"referral_from": "service_kind"}
_KIND = {"services": "service_kind", "commissioners": "commissioner_kind"}
_ANSWERS = {"in_work": IMPORT_ANSWERS["service_in_work"],
            "offending_history": IMPORT_ANSWERS["service_offending"]}


def _and(items: list[str]) -> str:
    """["A", "B", "C"] -> "A, B and C"."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Columns holding ids -> the kind of thing they name (a field of Names).
_ID_COLUMNS = {"areas": "areas", "area_id": "areas", "provider_id": "providers",
               "service_id": "services", "from_service_id": "services",
               "to_service_id": "services", "commissioner_id": "commissioners",
               "funder_ids": "commissioners", "cohorts": "cohorts"}


def _ids(names: Names) -> Mapping[str, Mapping[str, str]]:
    """Columns holding ids -> the names of what they name."""
    return {column: getattr(names, kind) for column, kind in _ID_COLUMNS.items()}


def named_ids(changes: Iterable[FieldChange]) -> set[str]:
    """The ids these changes' values refer to (what `value_words` needs the names of)."""
    return {i for c in changes if c.field in _ID_COLUMNS
            for cell in (c.before, c.after) if cell for i in split_cell(cell)}


def _date(cell: str) -> str:
    try:
        return dt.date.fromisoformat(cell).strftime("%-d %B %Y")
    except ValueError:
        return cell


def value_words(table: str, name: str, cell: str, names: Names) -> str:
    """One field's import-cell text in words."""
    if not cell:
        return ""
    items = split_cell(cell)
    ids = _ids(names).get(name)
    codes = LISTS.get(FIELD_CHOICES.get(name) or _CODED.get(name)
                      or (_KIND.get(table, "") if name == "kind" else ""))
    if name == "referral_methods":
        return way_words(cell)
    if name.endswith(("_date", "_on")) or name == "last_verified":
        return _date(cell)
    if ids is not None:
        return _and([ids.get(i, i) for i in items])
    if codes is not None:
        return _and([codes.get(i, i) for i in items])
    if name in _ANSWERS:
        return _ANSWERS[name].get(cell, cell)
    return YES_NO.get(cell, cell)


def worded(table: str, change: FieldChange, names: Names) -> WordedChange:
    return WordedChange(FIELD_LABELS.get(change.field, change.field.replace("_", " ")
                                         .capitalize()),
                        value_words(table, change.field, change.before, names),
                        value_words(table, change.field, change.after, names),
                        change.field, change.before, change.after)
