"""One page of a long list (issue 18): which rows a page shows, so a page reads only those
rows (SKIP/LIMIT in its query) and its cost follows what it shows, not the size of the area.
The pages draw it with the NHS.UK pagination pattern (web/templates/partials/_pagination.html)."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZE = 50  # rows a list page shows
# A page number asked for beyond this reads as this: past any list's end, and its SKIP (and
# a list slice in Cypher, which takes 32-bit integers) still a number the query accepts.
MAX_PAGE = 1_000_000


@dataclass(frozen=True)
class Page:
    number: int  # 1-based, always within 1..pages
    size: int
    total: int  # rows in the whole list

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def skip(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first(self) -> int:
        """The position of the first row shown (1-based; 0 when the list is empty)."""
        return self.skip + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.skip + self.size, self.total)

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def asked(requested: int | None) -> int:
    """The page number asked for, at least 1 and small enough for a query's SKIP."""
    return min(max(requested or 1, 1), MAX_PAGE)


def page(requested: int | None, total: int, size: int = PAGE_SIZE) -> Page:
    """Page `requested` of `total` rows: none or below 1 is page 1, past the end the last."""
    last = max(1, -(-total // size))
    return Page(min(asked(requested), last), size, total)
