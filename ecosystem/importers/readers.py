"""Read a folder of CSV files, an XLSX workbook or a JSON file into plain tables.

Cells are normalised to text (or None) here, so validation sees the same thing whichever
format the data came in.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem.importers.issues import Issue
from ecosystem.importers.schema import ENTITY_BY_NAME, column_name, entity_name

MAX_CELL = 10_000


MAX_JSON_DEPTH = 64  # ORUK and import documents nest a handful of levels


class JsonTooDeep(ValueError):
    """A JSON document nested deeper than MAX_JSON_DEPTH (read as a problem, not a crash)."""

    message = f"nested more than {MAX_JSON_DEPTH} levels deep: not a document this tool reads"


def parse_json(text: str) -> Any:
    """`json.loads`, refusing documents nested deeper than MAX_JSON_DEPTH: deeper ones raise
    RecursionError in the parser, or later in code that walks the values."""
    try:
        doc = json.loads(text)
    except RecursionError:
        raise JsonTooDeep(JsonTooDeep.message) from None
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise JsonTooDeep(JsonTooDeep.message)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return doc


class ReadError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(str(i) for i in issues))
        self.issues = issues


@dataclass
class Table:
    entity: str
    origin: str
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector off while millions of rows are read, validated or
    planned: each full collection walks every object alive (all the tables' cells), and
    these rows hold no cycles. That was two thirds of the time of validating events."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_path(path: Path) -> tuple[dict[str, Table], list[Issue]]:
    """Read every table at `path`; problems come back as issues, never exceptions."""
    with no_gc():
        return _read_path(Path(path))


def _read_path(path: Path) -> tuple[dict[str, Table], list[Issue]]:
    if not path.exists():
        return {}, [Issue(str(path), None, None, None, "no such file or folder")]
    if path.is_dir():
        return _read_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_workbook(path)
    if suffix == ".json":
        return _read_json(path.name, path.read_bytes())
    if suffix == ".csv":
        return _read_csv_files([path])
    return {}, [Issue(path.name, None, None, None,
                      "expected a folder of CSV files, an .xlsx workbook or a .json file")]


def _read_folder(folder: Path) -> tuple[dict[str, Table], list[Issue]]:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    csvs = [p for p in files if p.suffix.lower() == ".csv"]
    t, i = _read_csv_files(csvs)
    tables.update(t)
    issues += i
    for p in files:
        if p.suffix.lower() == ".json":
            t, i = _read_json(p.name, p.read_bytes(), entity_hint=p.stem)
            tables.update(t)
            issues += i
        elif p.suffix.lower() == ".xlsx":
            t, i = _read_workbook(p)
            tables.update(t)
            issues += i
    if not tables and not issues:
        issues.append(Issue(folder.name, None, None, None,
                            f"no import files found; expected files named {_entity_names()}"))
    return tables, issues


def _entity_names() -> str:
    return ", ".join(f"{n}.csv" for n in ENTITY_BY_NAME)


def _read_csv_files(paths: Iterable[Path]) -> tuple[dict[str, Table], list[Issue]]:
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    for p in paths:
        entity = entity_name(p.stem)
        if entity is None:
            issues.append(Issue(p.name, None, None, None,
                                f"unknown file name; expected one of {_entity_names()}"))
            continue
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            issues.append(Issue(p.name, None, None, None,
                                f"not UTF-8 text (byte {e.start}); in Excel save as "
                                "'CSV UTF-8 (comma delimited)'"))
            continue
        table, problems = read_csv_text(entity, p.name, text)
        issues += problems
        if table is not None and entity in tables:
            issues.append(Issue(p.name, None, None, None,
                                f"a second file of {entity}: {tables[entity].origin} is the "
                                "first; put the rows in one file"))
        elif table is not None:
            tables[entity] = table
    return tables, issues


def read_csv_text(entity: str, origin: str, text: str) -> tuple[Table | None, list[Issue]]:
    with no_gc():
        return _read_csv_text(entity, origin, text)


def _read_csv_text(entity: str, origin: str, text: str) -> tuple[Table | None, list[Issue]]:
    if "\x00" in text:
        return None, [Issue(origin, None, None, None, "binary data, not a CSV text file")]
    if not text.strip():
        return None, [Issue(origin, None, None, None, "the file is empty: no header row")]
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        header = _header(entity, next(reader))
        problems = _repeated(origin, header)
        if problems:
            return None, problems
        table = Table(entity, origin, header)
        issues: list[Issue] = []
        rows = table.rows
        for lineno, cells in enumerate(reader, start=2):
            if not "".join(cells).strip():
                continue
            if len(cells) > len(header):
                issues.append(Issue(origin, lineno, None, None,
                                    f"{len(cells)} cells but the header has {len(header)} columns"))
                continue
            # _cells, for cells the csv module gives: always text.
            rows.append((lineno, {h: c.strip() or None
                                  for h, c in zip(header, cells, strict=False) if h}))
    except csv.Error as e:
        return None, [Issue(origin, None, None, None, f"not a readable CSV file: {e}")]
    return table, issues


def _delimiter(text: str) -> str:
    """Commas, or what Excel writes in locales where the comma is the decimal point (semicolons)
    or a tab-separated export: whichever the header row, outside quotes, has most of."""
    first = re.sub(r'"[^"]*"', "", text.lstrip("\ufeff").split("\n", 1)[0])
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _header(entity: str, cells: Iterable[Any]) -> list[str]:
    """Header cells as the columns they name, in any case and with stray spaces."""
    e = ENTITY_BY_NAME[entity]
    return [column_name(e, h) if h is not None and str(h).strip() else "" for h in cells]


def _repeated(origin: str, header: list[str]) -> list[Issue]:
    seen: dict[str, int] = {}
    issues = []
    for n, h in enumerate(header, start=1):
        if h and h in seen:
            issues.append(Issue(origin, 1, h, None,
                                f"{h} is in the header row twice (columns {seen[h]} and {n}): "
                                "keep one"))
        seen.setdefault(h, n)
    return issues


def _cells(header: list[str], cells: list[Any]) -> dict[str, Any]:
    return {h: _norm(c) for h, c in zip(header, cells, strict=False) if h}


def _norm(value: Any) -> Any:
    if type(value) is str:  # nearly every cell: first, before the isinstance checks
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return value
    text = str(value).strip()
    return text or None


def norm_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A record's cells through _norm; text inline, as a call per cell costs more than it."""
    return {k: (v.strip() or None) if type(v) is str else _norm(v) for k, v in rec.items()}


def _read_workbook(path: Path) -> tuple[dict[str, Table], list[Issue]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        return {}, [Issue(path.name, None, None, None,
                          f"not a readable .xlsx workbook ({type(e).__name__})")]
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    try:
        for ws in wb.worksheets:
            origin = f"{path.name}:{ws.title}"
            if ws.title.startswith("_") or ws.title.lower() in {"guide", "readme"}:
                continue
            entity = entity_name(ws.title)
            if entity is None:
                issues.append(Issue(origin, None, None, None,
                                    "unknown sheet name; expected one of "
                                    + ", ".join(ENTITY_BY_NAME)))
                continue
            rows = ws.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None or not any(c is not None for c in first):
                issues.append(Issue(origin, None, None, None, "the sheet is empty: no header row"))
                continue
            header = _header(entity, first)
            problems = _repeated(origin, header)
            if problems:
                issues += problems
                continue
            table = Table(entity, origin, [h for h in header if h])
            for lineno, cells in enumerate(rows, start=2):
                if not any(c is not None and str(c).strip() for c in cells):
                    continue
                table.rows.append((lineno, _cells(header, list(cells))))
            tables[entity] = table
    finally:
        wb.close()
    return tables, issues


def _read_json(origin: str, data: bytes, entity_hint: str | None = None
               ) -> tuple[dict[str, Table], list[Issue]]:
    with no_gc():
        return _read_json_doc(origin, data, entity_hint)


def _read_json_doc(origin: str, data: bytes, entity_hint: str | None
                   ) -> tuple[dict[str, Table], list[Issue]]:
    try:
        doc = parse_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return {}, [Issue(origin, None, None, None, "not UTF-8 text")]
    except JsonTooDeep as e:
        return {}, [Issue(origin, None, None, None, str(e))]
    except json.JSONDecodeError as e:
        return {}, [Issue(origin, e.lineno, None, None, f"not valid JSON: {e.msg}")]
    if isinstance(doc, list) and entity_hint:
        doc = {entity_hint: doc}
    if not isinstance(doc, dict):
        return {}, [Issue(origin, None, None, None,
                          "expected an object whose keys are " + ", ".join(ENTITY_BY_NAME))]
    tables: dict[str, Table] = {}
    issues: list[Issue] = []
    for key, records in doc.items():
        where = f"{origin}:{key}"
        if key not in ENTITY_BY_NAME:
            issues.append(Issue(where, None, None, None,
                                "unknown key; expected one of " + ", ".join(ENTITY_BY_NAME)))
            continue
        if not isinstance(records, list):
            issues.append(Issue(where, None, None, None, "expected a list of records"))
            continue
        columns: list[str] = []
        table = Table(key, where, columns)
        for n, rec in enumerate(records, start=1):
            if not isinstance(rec, dict):
                issues.append(Issue(where, n, None, None, "expected an object"))
                continue
            for k in rec:
                if k not in columns:
                    columns.append(k)
            table.rows.append((n, norm_record(rec)))
        tables[key] = table
    return tables, issues
