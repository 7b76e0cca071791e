"""Blank import templates (CSV files or one workbook) and CSV export of records."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ecosystem.importers.issues import _safe_cell
from ecosystem.importers.schema import ENTITIES, columns, required_columns


def write_blank(out: Path) -> None:
    if out.suffix.lower() == ".xlsx":
        _write_workbook(out)
        return
    out.mkdir(parents=True, exist_ok=True)
    for e in ENTITIES:
        with open(out / f"{e.name}.csv", "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(columns(e))


def _write_workbook(out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = "guide"
    guide.append(["sheet", "required columns", "all columns"])
    for e in ENTITIES:
        guide.append([e.name, ", ".join(required_columns(e)), ", ".join(columns(e))])
    for e in ENTITIES:
        ws = wb.create_sheet(e.name)
        ws.append(columns(e))
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def write_csv_folder(records: dict[str, list[dict[str, Any]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for e in ENTITIES:
        rows = records.get(e.name, [])
        cols = columns(e)
        with open(out / f"{e.name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for r in rows:
                w.writerow([_cell(r.get(c)) for c in cols])


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return _safe_cell(str(v))
