"""Tables the commissioner pages show, each downloadable as the same CSV.

A page builds its tables once (`Table`); the template draws them with the macro in
`templates/commissioner/_table.html`, and `?format=csv&table=<id>` on the same page returns
that table as CSV. Counts of people that are suppressed read "suppressed" in both; a column
with rounded counts says "rounded to nearest N" in its CSV header (the page has the note).
CSV cells are made safe for spreadsheets: a cell starting with = + - @ (or a tab or carriage
return) is prefixed with an apostrophe so it is never run as a formula.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Response, abort, url_for

from ecosystem import exports
from ecosystem.analyses.suppression import Count

from .filters import entity_url

SUPPRESSED = "suppressed"
ROW_LIMIT = 100  # rows a table shows on its page; the CSV download always has every row


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    numeric: bool = False
    level: int | None = None  # 0..5 in a heatmap: how dark the cell is
    suppressed: bool = False
    csv: str | None = None  # the CSV value when it differs from the text (e.g. raw numbers)
    note: str | None = None  # said once in the column's CSV header (e.g. "rounded to ...")

    @property
    def csv_value(self) -> str:
        return self.text if self.csv is None else self.csv


@dataclass
class Table:
    id: str
    caption: str
    columns: Sequence[str]
    rows: list[list[Cell]] = field(default_factory=list)
    row_headers: bool = True  # the first cell of each row is its header
    heatmap: bool = False
    empty: str = "None found."
    csv_only: frozenset[int] = frozenset()  # columns in the CSV but not on the page (too wide)
    limit: int | None = field(default_factory=lambda: ROW_LIMIT)  # None: every row
    # Rows still to be made (add_each): a page draws only its first `limit` of them, the CSV
    # every one (a nation's outcomes by service: 20,000 rows, each with a link, a page).
    _later: list[tuple[Sequence[Any], Callable[[Any], Sequence[Cell | str]]]] = field(
        default_factory=list, repr=False)

    def add(self, *cells: Cell | str) -> None:
        self.all_rows.append(_row(cells))

    def add_each(self, items: Iterable[T], cells: Callable[[T], Sequence[Cell | str]]) -> None:
        """A row for each item, `cells(item)` made only when the row is read."""
        self._later.append((list(items), cells))

    def _make(self, upto: int | None = None) -> list[list[Cell]]:
        """Make the rows still to be made until there are `upto` (None: all)."""
        while self._later and (upto is None or len(self.rows) < upto):
            items, cells = self._later[0]
            n = len(items) if upto is None else min(len(items), upto - len(self.rows))
            self.rows.extend(_row(cells(item)) for item in items[:n])
            if n == len(items):
                self._later.pop(0)
            else:
                self._later[0] = (items[n:], cells)
        return self.rows

    @property
    def all_rows(self) -> list[list[Cell]]:
        return self._make()

    @property
    def count(self) -> int:
        return len(self.rows) + sum(len(items) for items, _ in self._later)

    @property
    def shown_rows(self) -> list[list[Cell]]:
        return self._make(self.limit)[:self.limit]

    @property
    def capped(self) -> bool:
        """Some rows are only in the CSV (a large area's long tables)."""
        return self.limit is not None and self.count > self.limit

    @property
    def shown_columns(self) -> list[tuple[int, str]]:
        return [(i, c) for i, c in enumerate(self.columns) if i not in self.csv_only]

    @property
    def numeric_columns(self) -> set[int]:
        """The columns right-aligned on the page (those with numbers in the rows shown)."""
        return {i for r in self.shown_rows for i, c in enumerate(r) if c.numeric}


T = TypeVar("T")


def _row(cells: Sequence[Cell | str]) -> list[Cell]:
    return [c if isinstance(c, Cell) else text(c) for c in cells]


# --- Cells ------------------------------------------------------------------------------------

def text(value: object) -> Cell:
    return Cell("" if value is None else str(value))


def link(name: str, kind: str, id: str) -> Cell:
    return Cell(name, href=entity_url(kind, id), csv=f"{name} ({id})" if name != id else id)


def money(value: float | None) -> Cell:
    if value is None:
        return Cell("not known", numeric=True, csv="")
    return Cell(f"£{value:,.0f}", numeric=True, csv=f"{value:.2f}".rstrip("0").rstrip("."))


def number(value: float | int | None, unknown: str = "not known") -> Cell:
    if value is None:
        return Cell(unknown, numeric=True, csv="")
    if isinstance(value, float) and not value.is_integer():
        return Cell(f"{value:,.1f}", numeric=True, csv=f"{value:.1f}")
    return Cell(f"{int(value):,}", numeric=True, csv=str(int(value)))


def share(value: float | None) -> Cell:
    if value is None:
        return Cell("not known", numeric=True, csv="")
    return Cell(f"{value:.0%}", numeric=True, csv=f"{value:.4f}")


def people(count: Count) -> Cell:
    """A count of people: "suppressed" when small, in the page and in the CSV."""
    if count.suppressed:
        return Cell(SUPPRESSED, numeric=True, suppressed=True)
    cell = number(count.value)
    if count.rounded:
        return Cell(cell.text, numeric=True, csv=cell.csv,
                    note=f"rounded to nearest {count.rounded_to}")
    return cell


# --- CSV --------------------------------------------------------------------------------------

safe = exports.safe


def to_csv(table: Table) -> str:
    notes: dict[int, set[str]] = {}
    rows = table.all_rows
    for row in rows:
        for i, c in enumerate(row):
            if c.note:
                notes.setdefault(i, set()).add(c.note)
    header = [c + (f" ({'; '.join(sorted(notes[i]))})" if i in notes else "")
              for i, c in enumerate(table.columns)]
    return exports.csv_text(([c.csv_value for c in row] for row in rows), header)


FILENAME = re.compile(r"[^a-z0-9-]+")


def csv_response(tables: Iterable[Table], table_id: str | None, prefix: str) -> Response:
    """The table named `table_id` as a CSV download; 404 if there is no such table."""
    for t in tables:
        if t.id == table_id:
            name = FILENAME.sub("-", f"{prefix}-{t.id}".lower()).strip("-")
            return Response("\ufeff" + to_csv(t), mimetype="text/csv",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    abort(404)


def csv_url(endpoint: str, args: dict[str, list[str]], table_id: str) -> str:
    """This page's URL with the same choices, asking for one table as CSV."""
    params: dict[str, list[str]] = {k: v for k, v in args.items()
                                    if k not in ("format", "table")}
    params["format"] = ["csv"]
    params["table"] = [table_id]
    return url_for(endpoint, **params)  # type: ignore[arg-type]
