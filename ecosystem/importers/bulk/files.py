"""CSV files for Neo4j's offline importer (`neo4j-admin database import full`): a header
of typed columns, then one line per node or relationship."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import Any

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: never in a cell of an import file
LABELS_WITH_LISTS = ("Service", "Person", "Cohort")  # see cypher/importing/bulk_empty_lists.cypher

Rec = dict[str, Any]


class BulkImportError(RuntimeError):
    """The bulk import cannot be used here, or the offline importer failed."""


def _type_of(v: Any) -> str:
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dt.datetime) or type(v).__name__ == "DateTime":
        return "datetime"
    if isinstance(v, dt.date) or type(v).__name__ == "Date":
        return "date"
    raise BulkImportError(f"a value of type {type(v).__name__} cannot be bulk imported")


def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return _quote(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        items = [x if isinstance(x, str) else _cell(x) for x in v]
        if any(ARRAY_DELIMITER in x for x in items):
            raise BulkImportError("a list item holds the ASCII unit separator (0x1F)")
        return _quote(ARRAY_DELIMITER.join(items))
    if hasattr(v, "iso_format"):
        return str(v.iso_format())
    if isinstance(v, dt.date):
        return v.isoformat()
    return _quote(str(v))


class CsvFiles:
    """Node and relationship files, each with its header on the first line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.node_files: list[tuple[str, Path]] = []
        self.rel_files: list[tuple[str, Path]] = []
        self.multiline = False
        # The offline importer cannot store an empty list: ids by (label, the empty lists).
        self.empty_lists: dict[tuple[str, tuple[str, ...]], list[str]] = {}

    def _columns(self, rows: list[Rec], skip: set[str]) -> list[tuple[str, str]]:
        """Each property's import type, checked over every row (column by column: millions
        of rows at L)."""
        keys = [k for k in dict.fromkeys(chain.from_iterable(rows)) if k not in skip]
        out = []
        for k in keys:
            kinds = {type(r.get(k)) for r in rows} - {type(None)}
            if list in kinds:
                items = {type(x) for r in rows if type(r.get(k)) is list for x in r[k]}
                if kinds != {list} or len(items) > 1:
                    raise BulkImportError(f"property {k} has values of mixed types")
                t = (_type_of(next(x for r in rows if r.get(k) for x in r[k])) + "[]"
                     if items else "string[]")  # only empty lists: the type does not matter
            elif not kinds:
                t = "string"  # only nulls
            else:
                types = {_type_of(next(v for r in rows if type(v := r.get(k)) is kind))
                         for kind in kinds}
                if len(types) > 1:
                    raise BulkImportError(f"property {k} has values of types "
                                          + " and ".join(sorted(types)))
                t = types.pop()
            out.append((k, t))
        return out

    def _write(self, name: str, header: list[str], lines: Iterable[str]) -> Path:
        path = self.folder / f"{len(self.node_files) + len(self.rel_files):03d}-{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(header) + "\n")
            for line in lines:
                f.write(line)
        return path

    def _line(self, cells: list[str]) -> str:
        line = ",".join(cells)
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        return line + "\n"

    def nodes(self, labels: str, rows: list[Rec], id_space: str | None = None,
              id_key: str | None = "id") -> None:
        """Nodes with `labels` ("A:B"); `id_key` is stored as a property and is the node's
        id for relationships; with id_key None, rows carry a `_key` that is not stored."""
        if not rows:
            return
        space = id_space or labels
        key = id_key or "_key"
        cols = self._columns(rows, {key})
        head = [f"{id_key}:ID({space})" if id_key else f":ID({space})"]
        head += [f"{k}:{t}" for k, t in cols]
        track = labels in LABELS_WITH_LISTS and id_key == "id"
        fmts = [(k, _formatter(t)) for k, t in cols]
        lists = [k for k, t in cols if t.endswith("[]")]

        def lines() -> Iterable[str]:
            for r in rows:
                if lists:
                    empty = tuple(k for k in lists if r.get(k) == [])
                    if empty:
                        if not track:
                            raise BulkImportError(f"{labels} nodes cannot have empty lists")
                        self.empty_lists.setdefault((labels, empty), []).append(r[key])
                yield self._line([_id(r[key]), *[f(r.get(k)) for k, f in fmts]])

        self.node_files.append((labels, self._write(labels, head, lines())))

    def rels(self, rel_type: str, start: str, end: str,
             rows: list[tuple[str, str, Rec | None]]) -> None:
        """Relationships as (start id, end id, properties or None)."""
        if not rows:
            return
        props = [p for _, _, p in rows if p]
        cols = self._columns(props, set()) if props else []
        head = [f":START_ID({start})", f":END_ID({end})"] + [f"{k}:{t}" for k, t in cols]
        if any(t.endswith("[]") and any(p.get(k) == [] for p in props) for k, t in cols):
            raise BulkImportError(f"{rel_type} relationships cannot have empty lists")
        fmts = [(k, _formatter(t)) for k, t in cols]
        none = "," * len(fmts)

        def lines() -> Iterable[str]:
            for a, b, p in rows:
                if p is None:
                    yield self._line([_id(a), _id(b) + none])
                else:
                    yield self._line([_id(a), _id(b), *[f(p.get(k)) for k, f in fmts]])

        self.rel_files.append((rel_type, self._write(rel_type, head, lines())))


def _id(v: Any) -> str:
    return '"' + v.replace('"', '""') + '"' if type(v) is str else _cell(v)


def _formatter(import_type: str) -> Callable[[Any], str]:
    """How to write one column's cells (as `_cell` would, without asking each value's type)."""
    if import_type == "string":
        return lambda v: "" if v is None else '"' + v.replace('"', '""') + '"'
    if import_type == "long":
        return lambda v: "" if v is None else str(v)
    if import_type == "date":
        return lambda v: "" if v is None else (v.isoformat() if type(v) is dt.date
                                                else _cell(v))
    return _cell
