"""The one CSV and XLSX writer, safe to open in a spreadsheet. Web and CLI both use it.

A cell whose text begins with = + - @ (or a tab or carriage return) gets an apostrophe in
front, so a spreadsheet shows it instead of running it as a formula (CSV injection). One rule
for every cell, numbers included, as a CSV has no types: 450.0 is written 450, -2.5 is
written '-2.5. In a workbook, numbers stay numeric cells (a number is never a formula there).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # spreadsheet programs read a CSV as UTF-8 only with it

Rows = Iterable[Sequence[object]]


def safe(text: str) -> str:
    """Text that never starts a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cell(value: object) -> str:
    """A value as CSV cell text: blank for None, whole floats without the .0, formula-safe."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return safe("" if value is None else str(value))


def write_csv(out: IO[str], rows: Rows, header: Sequence[object] | None = None, *,
              lineterminator: str = "\r\n") -> None:
    w = csv.writer(out, lineterminator=lineterminator)
    if header is not None:
        w.writerow([cell(h) for h in header])
    for row in rows:
        w.writerow([cell(v) for v in row])


def csv_text(rows: Rows, header: Sequence[object] | None = None, *, bom: bool = False,
             lineterminator: str = "\r\n") -> str:
    out = io.StringIO()
    if bom:
        out.write(BOM)
    write_csv(out, rows, header, lineterminator=lineterminator)
    return out.getvalue()


def csv_file(path: Path, rows: Rows, header: Sequence[object] | None = None) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        write_csv(f, rows, header)


def csv_zip_bytes(files: Mapping[str, tuple[Sequence[object], Rows]]) -> bytes:
    """A zip of CSV files, one per name (`<name>.csv`: header, rows), formula-safe."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, (header, rows) in files.items():
            z.writestr(f"{name}.csv", csv_text(rows, header, lineterminator="\n"))
    return out.getvalue()


def xlsx_value(value: object) -> object:
    """A value for a workbook cell: numbers and dates as they are, text formula-safe."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if hasattr(value, "isoformat"):  # dates and times are typed cells too
        return value
    return safe(str(value))


ALLOWED_SHEET = "_allowed values"  # an importer skips sheets whose name starts with _


@dataclass(frozen=True)
class DropDowns:
    """Drop-down lists for a workbook's columns (data validation), and a sheet of the
    allowed values with their labels that they read from."""

    lists: Mapping[str, Mapping[str, str]]  # list name -> value -> label
    # sheet -> column -> (list name, strict): strict refuses other values; a column that
    # takes several values (separated by semicolons) only offers the list.
    columns: Mapping[str, Mapping[str, tuple[str, bool]]]


def xlsx_file(path: Path, sheets: Mapping[str, tuple[Sequence[object], Rows]],
              drop_downs: DropDowns | None = None) -> None:
    """A workbook with one sheet per name: (header row in bold, rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _workbook(sheets, drop_downs).save(path)


def xlsx_bytes(sheets: Mapping[str, tuple[Sequence[object], Rows]],
               drop_downs: DropDowns | None = None) -> bytes:
    """The same workbook as `xlsx_file`, as bytes (a web download)."""
    out = io.BytesIO()
    _workbook(sheets, drop_downs).save(out)
    return out.getvalue()


def _workbook(sheets: Mapping[str, tuple[Sequence[object], Rows]],
              drop_downs: DropDowns | None = None) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    bold = Font(bold=True)
    for name, (header, rows) in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([xlsx_value(h) for h in header])
        for c in ws[1]:
            c.font = bold
        for row in rows:
            ws.append([xlsx_value(v) for v in row])
    if drop_downs is not None:
        _add_drop_downs(wb, drop_downs, bold)
    return wb


def _add_drop_downs(wb: Workbook, d: DropDowns, bold: Any) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    allowed = wb.create_sheet(ALLOWED_SHEET)
    allowed.append(["list", "value", "label"])
    for c in allowed[1]:
        c.font = bold
    ranges: dict[str, str] = {}
    for list_name, values in d.lists.items():
        first = allowed.max_row + 1
        for value, label in values.items():
            allowed.append([list_name, safe(value), safe(label)])
        ranges[list_name] = f"'{ALLOWED_SHEET}'!$B${first}:$B${allowed.max_row}"
    for sheet, cols in d.columns.items():
        if sheet not in wb.sheetnames:
            continue
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        for column, (list_name, strict) in cols.items():
            if column not in header:
                continue
            letter = get_column_letter(header.index(column) + 1)
            dv = DataValidation(type="list", formula1=ranges[list_name], allow_blank=True,
                                showDropDown=False, showErrorMessage=strict,
                                showInputMessage=True, errorStyle="stop")
            dv.promptTitle = column[:32]
            dv.prompt = ("Choose from the list" if strict else
                         "Choose from the list, or type several separated by semicolons")
            dv.errorTitle = f"Not a {column} value"[:32]
            dv.error = (f"{column} must be one of the values on the '{ALLOWED_SHEET}' sheet "
                        f"(list {list_name}).")
            dv.add(f"{letter}2:{letter}1048576")
            ws.add_data_validation(dv)
