"""Disclosure control for counts of people in aggregate outputs.

The policy is one `Disclosure`: a count from 1 to `threshold` is suppressed (shown as
"suppressed", value None); any other count is rounded to the nearest `rounding` (zero is
shown as 0; `rounding` 1 leaves counts exact); and no statistic (a median, mean, rate or
anything built on one, such as delayed bed-days or a cost) is worked out from a group of 1 to
`threshold` people (`Disclosure.allows`). The default, `NHS_RULE`, is the rule NHS England
uses for its published secondary-care statistics: 1 to 7 suppressed, the rest rounded to the
nearest 5.

Totals are rounded from their raw value, never added up from rounded cells. A total
published next to the cells that make it up (`Disclosure.partition`) is withheld when the
published figures could pin a suppressed cell to one value (total minus the visible cells):
the test looks only at what is published, so withholding tells nobody anything new.
`Disclosure.interval` is what an adversary can infer from one published count; the
adversary tests (tests/test_disclosure.py) use it. docs/security.md, "Disclosure control".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 7
DEFAULT_ROUNDING = 5


@dataclass(frozen=True)
class Count:
    """A count of people as published: `value` is None when suppressed; `rounded_to` > 1
    when the value was rounded to the nearest multiple of it (1: the exact value)."""

    value: int | None
    suppressed: bool = False
    rounded_to: int = 1

    def __str__(self) -> str:
        return self.label()

    @property
    def rounded(self) -> bool:
        return self.rounded_to > 1 and not self.suppressed

    def label(self) -> str:
        return "suppressed" if self.suppressed else f"{self.value or 0:,}"

    def words(self) -> str:
        """For sentences: "about 550" when rounded, so the text says so too."""
        return ("about " if self.rounded and self.value else "") + self.label()

    def as_json(self) -> dict[str, int | bool | None]:
        """`{"value": 550, "suppressed": false, "rounded_to": 5}`; a suppressed count has
        value null; `rounded_to` is null for an exact value (zero is always exact)."""
        return {"value": None if self.suppressed else int(self.value or 0),
                "suppressed": self.suppressed,
                "rounded_to": self.rounded_to if self.rounded else None}


WITHHELD = Count(None, True)


@dataclass(frozen=True)
class Disclosure:
    """The small-number policy: counts 1..threshold suppressed, others rounded."""

    threshold: int = DEFAULT_THRESHOLD
    rounding: int = DEFAULT_ROUNDING

    def __post_init__(self) -> None:
        if self.threshold < 0 or self.rounding < 1:  # threshold 0: nothing suppressed
            raise ValueError("the suppression threshold must be at least 0, the rounding 1")

    @property
    def note(self) -> str:
        """The policy in one sentence, for pages and command output."""
        rounded = (f"Counts of people are rounded to the nearest {self.rounding}; "
                   if self.rounding > 1 else "")
        return (f"{rounded}“suppressed” means 1 to {self.threshold} people, or a total that "
                "could reveal such a count. No median, wait, share or cost is worked out "
                f"from {self.threshold} people or fewer, so nobody can be picked out.")

    def count(self, n: int) -> Count:
        """One count of people, as published."""
        if n <= 0:
            return Count(0)
        if n <= self.threshold:
            return WITHHELD
        if self.rounding == 1:
            return Count(n)
        r = self.rounding
        return Count(max(r, (n + r // 2) // r * r), False, r)

    def allows(self, n: int) -> bool:
        """May a statistic (median, mean, rate, share) be worked out from `n` people?"""
        return n > self.threshold

    def interval(self, c: Count) -> tuple[int, int | None]:
        """The true values consistent with a published count, as an adversary who knows the
        policy sees them (None: no upper bound, a withheld total)."""
        if c.suppressed:
            return 1, self.threshold
        v = int(c.value or 0)
        if not c.rounded or v == 0:
            return v, v
        r = c.rounded_to
        # The smallest published count also stands for the small counts rounded up to it
        # (8 to 10 with the default; 3 to 9 when the rounding is large beside the threshold).
        low = self.threshold + 1 if v == r else max(self.threshold + 1, v - r // 2)
        return low, v + (r - 1) // 2

    def partition(self, total: int, cells: Mapping[str, int]) -> tuple[Count, dict[str, Count]]:
        """A total and the cells that add up to it: each rounded or suppressed on its own,
        and the total withheld if, with the visible cells, it could pin a suppressed one."""
        shown = {k: self.count(v) for k, v in cells.items()}
        published = self.count(total)
        hidden = sum(1 for c in shown.values() if c.suppressed)
        if hidden and not published.suppressed and self._could_pin(hidden, [
                self.interval(c) for c in shown.values() if not c.suppressed]):
            published = WITHHELD
        return published, shown

    def _could_pin(self, hidden: int, visible: list[tuple[int, int | None]]) -> bool:
        """Could some published total pin the `hidden` suppressed cells? The hidden sum lies
        in [total_lo - sum(hi), total_hi - sum(lo)], and each hidden cell in 1..threshold:
        a cell is pinned exactly when that upper end is `hidden` (all are 1) or the lower
        end is hidden * threshold (all are the threshold). Decided from the visible cells
        alone, for every total the rounding could publish."""
        t, r = self.threshold, self.rounding
        lo = sum(a for a, _ in visible)
        hi = sum(b or 0 for _, b in visible)
        if r == 1:
            return True  # an exact total minus exact cells is the hidden sum itself
        down, up = r // 2, (r - 1) // 2
        # A published total R (a multiple of r, R >= r) means the true total lies in
        # [max(t + 1, R - down), R + up].
        all_ones = lo + hidden - up  # the R whose upper end leaves each hidden cell 1
        if all_ones % r == 0 and all_ones >= r and all_ones + up >= t + 1:
            return True
        all_t = hi + hidden * t + down  # the R whose lower end leaves each cell at t
        if all_t % r == 0 and hi + hidden * t >= t + 1:
            return True
        return t + 1 - hi == hidden * t  # the lower end clamped at threshold + 1


NHS_RULE = Disclosure(DEFAULT_THRESHOLD, DEFAULT_ROUNDING)
