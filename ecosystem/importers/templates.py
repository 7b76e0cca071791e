"""Blank import templates (CSV files or one workbook) and CSV export of records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ecosystem import exports
from ecosystem.importers.schema import ENTITIES, columns, required_columns


def write_blank(out: Path) -> None:
    if out.suffix.lower() == ".xlsx":
        guide = [[e.name, ", ".join(required_columns(e)), ", ".join(columns(e))]
                 for e in ENTITIES]
        exports.xlsx_file(out, {"guide": (["sheet", "required columns", "all columns"], guide),
                                **{e.name: (columns(e), []) for e in ENTITIES}})
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
