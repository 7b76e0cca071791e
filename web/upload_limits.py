"""Caps on an upload's shape, checked on the saved files before any is opened as a table.

The request size is capped by MAX_CONTENT_LENGTH, but a small upload can still be large to
read: a 1.7 MB workbook of 600,000 rows, a workbook whose parts inflate a hundredfold, a CSV
file of a million columns. Each would take minutes and gigabytes, and its problems a page of
hundreds of megabytes. Larger areas are imported with `ecosystem import` (no such caps).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

MAX_ROWS = 200_000  # per CSV file or sheet
MAX_COLUMNS = 200  # the widest template has a few dozen
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all the parts of a workbook, inflated
MAX_PROBLEMS_CSV = 10_000  # rows in the problems CSV inlined in the page
_CHUNK = 1024 * 1024
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+\d+:([A-Z]+)\d+"')


def check(paths: list[Path]) -> str | None:
    """Why these saved files are too large to read here, or None."""
    for p in paths:
        problem = _check_workbook(p) if p.suffix.lower() == ".xlsx" else _check_csv(p)
        if problem:
            return problem + " Split it into smaller files, or use `ecosystem import`."
    return None


def _check_csv(path: Path) -> str | None:
    with open(path, "rb") as f:
        head = f.read(_CHUNK)
        lines = head.count(b"\n")
        while chunk := f.read(_CHUNK):
            lines += chunk.count(b"\n")
    if lines > MAX_ROWS + 1:  # an upper bound: a quoted cell can hold a line break
        return f"{path.name} has more than {MAX_ROWS:,} rows."
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    columns = len(next(csv.reader(io.StringIO(first[0])), [])) if first else 0
    if columns > MAX_COLUMNS:
        return f"{path.name} has {columns:,} columns; at most {MAX_COLUMNS} are read."
    return None


def _check_workbook(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                return (f"{path.name} is more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB "
                        "uncompressed.")
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    problem = _check_sheet(path.name, z, info)
                    if problem:
                        return problem
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a workbook: the reader reports that
    return None


def _check_sheet(name: str, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    rows = 0
    tail = b""
    with z.open(info) as f:
        head = f.read(_CHUNK)
        m = _DIMENSION.search(head)
        if m and _column_number(m.group(1).decode()) > MAX_COLUMNS:
            return f"{name} has a sheet of more than {MAX_COLUMNS} columns."
        chunk = head
        while chunk:
            data = tail + chunk
            rows += data.count(b"<row ") + data.count(b"<row>") - (
                tail.count(b"<row ") + tail.count(b"<row>"))
            tail = data[-5:]
            if rows > MAX_ROWS + 1:
                return f"{name} has a sheet of more than {MAX_ROWS:,} rows."
            chunk = f.read(_CHUNK)
    return None


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n
