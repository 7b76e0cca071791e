"""The commissioning note: the unit costs of the options chosen for a plan, and their total.

For the key worker or a commissioner only. The client's copy of the plan (its page and CSV,
`caseload.PLAN_COLUMNS`) never shows a cost: what a place costs is a commissioning matter, and
seeing it could put a client off support that is free to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ecosystem.directory.wording import money
from ecosystem.keyworker.caseload import PlanItem


@dataclass(frozen=True)
class CostLine:
    need_name: str
    service_id: str
    name: str
    provider: str | None
    unit_cost: float | None

    @property
    def text(self) -> str:
        return f"{money(self.unit_cost)} a person" if self.unit_cost is not None else \
            "No unit cost recorded"


@dataclass(frozen=True)
class CommissioningNote:
    lines: tuple[CostLine, ...]

    @property
    def services(self) -> dict[str, CostLine]:
        """One line per service: a service chosen for two needs is paid for once."""
        first: dict[str, CostLine] = {}
        for line in self.lines:
            first.setdefault(line.service_id, line)
        return first

    @property
    def total(self) -> float:
        return sum(line.unit_cost for line in self.services.values()
                   if line.unit_cost is not None)

    @property
    def total_text(self) -> str:
        if len(self.uncosted) == len(self.services):
            return "Not known: no option in the plan has a unit cost recorded"
        return f"{money(self.total)} a person"

    @property
    def uncosted(self) -> list[str]:
        """The services in the plan with no unit cost recorded (not in the total)."""
        return [line.name for line in self.services.values() if line.unit_cost is None]


def commissioning_note(items: Sequence[PlanItem]) -> CommissioningNote:
    return CommissioningNote(tuple(
        CostLine(it.need_name, it.option.service_id, it.option.name, it.option.provider,
                 it.option.unit_cost) for it in items))
