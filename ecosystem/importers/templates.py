"""Blank import templates (CSV files or one workbook) and CSV export of records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecosystem import exports
from ecosystem.importers.schema import ENTITIES, columns, required_columns
from ecosystem.vocabulary import IMPORT_ANSWERS, LISTS

# The coded columns of each import file: (list in vocabulary.LISTS or IMPORT_ANSWERS, strict).
# Not strict: columns that take several values, or (kind) other values too.
CODED_COLUMNS: dict[str, dict[str, tuple[str, bool]]] = {
    "areas": {"level": ("area_level", True)},
    "providers": {"sector": ("sector", True)},
    "commissioners": {"kind": ("commissioner_kind", True)},
    "cohorts": {"severity": ("severity", True), "benefit_status": ("benefit", True),
                "housing_status": ("housing", True), "in_work": ("yes_no", True),
                "offending_history": ("yes_no", True)},
    "services": {"kind": ("service_kind", False), "domains": ("domain", False),
                 "sources": ("source", False), "types": ("type", False),
                 "model_id": ("model", True), "severity": ("severity", True),
                 "benefit_status": ("benefit", False), "housing_status": ("housing", False),
                 "in_work": ("service_in_work", True),
                 "offending_history": ("service_offending", True),
                 "self_referral": ("yes_no", True), "status": ("service_status", True),
                 "in_feed": ("yes_no", True), "free_to_client": ("yes_no", True),
                 "referral_methods": ("referral_method", False)},
    "people": {"age_band": ("age_band", True), "benefit_status": ("benefit", True),
               "housing_status": ("housing", True), "in_work": ("yes_no", True),
               "offending_history": ("yes_no", True), "severity": ("severity", True),
               "needs": ("domain", False)},
    "journey_events": {"type": ("event_type", True), "outcome": ("outcome", True)},
}


def drop_downs() -> exports.DropDowns:
    """The workbooks' drop-down lists: every coded column, and the allowed values."""
    used = sorted({name for cols in CODED_COLUMNS.values() for name, _ in cols.values()})
    every = {**LISTS, **IMPORT_ANSWERS}
    return exports.DropDowns({n: every[n] for n in used}, CODED_COLUMNS)


def write_blank(out: Path) -> None:
    if out.suffix.lower() == ".xlsx":
        guide = [[e.name, ", ".join(required_columns(e)), ", ".join(columns(e))]
                 for e in ENTITIES]
        exports.xlsx_file(out, {"guide": (["sheet", "required columns", "all columns"], guide),
                                **{e.name: (columns(e), []) for e in ENTITIES}},
                          drop_downs())
        return
    out.mkdir(parents=True, exist_ok=True)
    for e in ENTITIES:
        exports.csv_file(out / f"{e.name}.csv", [], columns(e))


def write_csv_folder(records: dict[str, list[dict[str, Any]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for e in ENTITIES:
        cols = columns(e)
        exports.csv_file(out / f"{e.name}.csv",
                         ([_cell(r.get(c)) for c in cols] for r in records.get(e.name, [])), cols)


def _cell(v: Any) -> Any:
    return "; ".join(str(x) for x in v) if isinstance(v, list) else v
