"""What the bulk import reads: the catalogue tables whole (they are small), and people and
journey events as chunks of rows, read from their CSV files as they are needed (at XL
30,000,000 events: never all in memory).

A chunk is a `Table` of some of a file's rows, their row numbers as the whole file's, so a
problem names the file, row, column and value as `ecosystem import` does."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ecosystem.importers import tables_from_records
from ecosystem.importers.issues import Issue
from ecosystem.importers.readers import (
    Table,
    _delimiter,
    _header,
    _read_csv_files,
    _repeated,
    no_gc,
    read_path,
)
from ecosystem.importers.schema import entity_name

STREAMED = ("people", "journey_events")  # in this order: events refer to people
CHUNK_ROWS = 50_000
# Bigger than this, a workbook is refused: openpyxl holds every cell, and millions of rows
# belong in CSV files.
MAX_XLSX_BYTES = 50 * 1024 * 1024

Chunks = Callable[[], Iterator[tuple[Table | None, list[Issue]]]]


@dataclass
class Source:
    """The catalogue tables; for each streamed entity, its chunks (a new pass each call)
    and an estimate of its rows (to size the buckets)."""

    name: str
    tables: dict[str, Table] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    chunks: dict[str, Chunks] = field(default_factory=dict)
    estimated_rows: dict[str, int] = field(default_factory=dict)


def open_source(what: dict[str, list[dict[str, object]]] | Path | str, name: str | None,
                chunk_rows: int = CHUNK_ROWS) -> Source:
    if isinstance(what, dict):
        tables, issues = tables_from_records(what)
        return _in_memory(name or "records", tables, issues, chunk_rows)
    path = Path(what)
    name = name or path.name
    if path.is_dir():
        return _folder(name, path, chunk_rows)
    if path.suffix.lower() == ".csv" and entity_name(path.stem) in STREAMED:
        return _folder(name, path, chunk_rows, files=[path])
    if path.suffix.lower() == ".xlsx" and path.stat().st_size > MAX_XLSX_BYTES:
        return Source(name, issues=[_too_big(path)])
    tables, issues = read_path(path)
    return _in_memory(name, tables, issues, chunk_rows)


def _too_big(path: Path) -> Issue:
    mb = path.stat().st_size // (1024 * 1024)
    return Issue(path.name, None, None, None,
                 f"an .xlsx workbook of {mb:,} MB is too large for the bulk import (a "
                 "workbook is not for millions of rows): save people and journey_events as "
                 "CSV files (UTF-8) in a folder with the other files, and import the folder")


def _in_memory(name: str, tables: dict[str, Table], issues: list[Issue], chunk_rows: int
               ) -> Source:
    src = Source(name, issues=list(issues))
    for entity, table in tables.items():
        if entity not in STREAMED:
            src.tables[entity] = table
            continue
        src.chunks[entity] = _slices(table, chunk_rows)
        src.estimated_rows[entity] = len(table.rows)
    return src


def _slices(table: Table, chunk_rows: int) -> Chunks:
    def chunks() -> Iterator[tuple[Table | None, list[Issue]]]:
        for i in range(0, max(1, len(table.rows)), chunk_rows):
            yield Table(table.entity, table.origin, table.columns,
                        table.rows[i:i + chunk_rows]), []
    return chunks


def _folder(name: str, folder: Path, chunk_rows: int, files: list[Path] | None = None
            ) -> Source:
    """A folder as readers.read_path reads it, but people and journey_events CSV files
    streamed."""
    paths = files or sorted(p for p in folder.iterdir()
                            if p.is_file() and not p.name.startswith("."))
    streamed = [p for p in paths if p.suffix.lower() == ".csv"
                and entity_name(p.stem) in STREAMED]
    src = Source(name)
    rest = [p for p in paths if p not in streamed]
    src.tables, src.issues = _read_csv_files([p for p in rest if p.suffix.lower() == ".csv"])
    for p in rest:
        if p.suffix.lower() in (".json", ".xlsx"):
            if p.suffix.lower() == ".xlsx" and p.stat().st_size > MAX_XLSX_BYTES:
                src.issues.append(_too_big(p))
                continue
            tables, issues = read_path(p)
            src.issues += issues
            for entity, table in tables.items():
                if entity in STREAMED:
                    src.chunks[entity] = _slices(table, chunk_rows)
                    src.estimated_rows[entity] = len(table.rows)
                else:
                    src.tables[entity] = table
    for p in streamed:
        entity = str(entity_name(p.stem))
        if entity in src.chunks:
            src.issues.append(Issue(p.name, None, None, None,
                                    f"a second file of {entity}: put the rows in one file"))
            continue
        src.chunks[entity] = _csv_chunks(entity, p, chunk_rows)
        # At least 60 bytes a row (the generated files' events): only to choose how many
        # buckets to spread events over, so more rows a bucket is never the error.
        src.estimated_rows[entity] = p.stat().st_size // 60 + 1
    return src


def _csv_chunks(entity: str, path: Path, chunk_rows: int) -> Chunks:
    """readers.read_csv_text's rows, read from the file a chunk at a time."""

    def chunks() -> Iterator[tuple[Table | None, list[Issue]]]:
        origin = path.name
        with open(path, encoding="utf-8-sig", newline="") as f, no_gc():
            try:
                first = f.readline()
                if not first.strip():
                    yield None, [Issue(origin, None, None, None,
                                       "the file is empty: no header row")]
                    return
                delimiter = _delimiter(first)
                header = _header(entity, next(csv.reader([first], delimiter=delimiter)))
                problems = _repeated(origin, header)
                if problems:
                    yield None, problems
                    return
                reader = csv.reader(f, delimiter=delimiter)
                table, issues = Table(entity, origin, header), []
                for lineno, cells in enumerate(reader, start=2):
                    if not "".join(cells).strip():
                        continue
                    if "\x00" in "".join(cells):
                        yield None, [Issue(origin, lineno, None, None,
                                           "binary data, not a CSV text file")]
                        return
                    if len(cells) > len(header):
                        issues.append(Issue(origin, lineno, None, None,
                                            f"{len(cells)} cells but the header has "
                                            f"{len(header)} columns"))
                        continue
                    table.rows.append((lineno, {h: c.strip() or None
                                                for h, c in zip(header, cells, strict=False)
                                                if h}))
                    if len(table.rows) >= chunk_rows:
                        yield table, issues
                        table, issues = Table(entity, origin, header), []
                yield table, issues
            except UnicodeDecodeError:
                yield None, [Issue(origin, None, None, None,
                                   "not UTF-8 text; in Excel save as "
                                   "'CSV UTF-8 (comma delimited)'")]
            except csv.Error as e:
                yield None, [Issue(origin, None, None, None, f"not a readable CSV file: {e}")]
    return chunks
