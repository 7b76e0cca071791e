"""Small-number suppression for counts of people in aggregate outputs.

A count below the threshold (but above zero) is shown as suppressed (None). Secondary
suppression: when a group of cells adds up to a published total, a single suppressed cell
could be recovered by subtraction, so the next smallest cell is suppressed too; and a
total is suppressed if it is itself small.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    """A count of people as published: `value` is None when suppressed."""

    value: int | None
    suppressed: bool = False

    def label(self, threshold: int) -> str:
        return f"<{threshold}" if self.suppressed else str(self.value)

    def as_json(self) -> int | str:
        return "suppressed" if self.suppressed else int(self.value or 0)


def suppress(n: int, threshold: int) -> Count:
    """One count on its own: 1..threshold-1 is suppressed; zero is shown."""
    if 0 < n < threshold:
        return Count(None, True)
    return Count(n)


def suppress_group(cells: Mapping[str, int], threshold: int,
                   total_published: bool = True, total_hidden: bool = False
                   ) -> dict[str, Count]:
    """Cells that add up to a published total: primary plus secondary suppression.

    With `total_hidden` (the group's total was itself suppressed), a lone non-zero cell
    would equal that total, so it is hidden too."""
    hidden = {k for k, v in cells.items() if 0 < v < threshold}
    nonzero = [k for k, v in cells.items() if v > 0]
    if total_hidden and len(nonzero) == 1:
        hidden.add(nonzero[0])
    if total_published and len(hidden) == 1:
        # One hidden cell would be total minus the others: hide the next smallest too.
        rest = sorted((v, k) for k, v in cells.items() if k not in hidden and v > 0)
        if rest:
            hidden.add(rest[0][1])
    return {k: Count(None, True) if k in hidden else Count(v) for k, v in cells.items()}


def suppress_table(rows: Sequence[Mapping[str, int]], threshold: int
                   ) -> list[dict[str, Count]]:
    """Each row is a group with a published row total."""
    return [suppress_group(r, threshold) for r in rows]
