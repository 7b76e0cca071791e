"""The analyses as methods: the disclosure policy, the bed-day cost and "today"
come from here, so the web and the CLI cannot pass different ones. The whole-area ones are
kept until the map changes (`_kept`, ecosystem/kept.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ecosystem import dates
from ecosystem.analyses import (
    contracts,
    coverage,
    funding,
    headlines,
    journeys,
    options,
    orphans,
    outcomes,
    overlaps,
    pathway,
    route,
    whatif,
)
from ecosystem.analyses.common import MAX_HOPS
from ecosystem.analyses.contracts import ContractsResult
from ecosystem.analyses.coverage import CoverageResult
from ecosystem.analyses.eligibility import Profile
from ecosystem.analyses.funding import FundingResult
from ecosystem.analyses.headlines import Headlines
from ecosystem.analyses.journeys import JourneysResult
from ecosystem.analyses.options import OptionsResult
from ecosystem.analyses.orphans import OrphansResult
from ecosystem.analyses.outcomes import OutcomesResult
from ecosystem.analyses.overlaps import OverlapsResult
from ecosystem.analyses.pathway import Chain, PathwayResult
from ecosystem.analyses.route import RouteResult
from ecosystem.analyses.suppression import Disclosure
from ecosystem.analyses.whatif import WhatIfResult
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.directory import choices
from ecosystem.facade.keeping import Keeping


def _today(today: dt.date | None) -> dt.date:
    return today or dates.today()


class Analyses(Keeping):
    settings: Settings
    graph: Graph

    @property
    def disclosure(self) -> Disclosure:
        """The small-number policy every count of people goes through (from the settings:
        ECOSYSTEM_SUPPRESSION_THRESHOLD and ECOSYSTEM_SUPPRESSION_ROUNDING)."""
        return Disclosure(self.settings.suppression_threshold,
                          self.settings.suppression_rounding)

    def options(self, profile: Profile | None = None, person_id: str | None = None,
                today: dt.date | None = None) -> OptionsResult:
        return options.run(self.graph, profile, person_id, _today(today),
                           self.settings.stale_months)

    def route(self, target: str, from_ids: Sequence[str] = (), person_id: str | None = None,
              max_hops: int = MAX_HOPS, limit: int = 20) -> RouteResult:
        return route.run(self.graph, target, from_ids, person_id, max_hops, limit)

    def journeys(self, from_id: str | None = None, entry_types: Sequence[str] = (),
                 outcomes: Sequence[str] = (), limit: int = 10) -> JourneysResult:
        return journeys.run(self.graph, from_id, entry_types, outcomes, limit,
                            disclosure=self.disclosure)

    def overlaps(self, today: dt.date | None = None,
                 only_different_commissioners: bool = False,
                 area_id: str | None = None) -> OverlapsResult:
        day, area = _today(today), area_id or None

        def work_out() -> OverlapsResult:
            names = choices.names(self.graph)  # the why texts name commissioners and cohorts
            return overlaps.run(self.graph, day, disclosure=self.disclosure,
                                only_different_commissioners=only_different_commissioners,
                                area_id=area, commissioner_names=names.commissioners,
                                cohort_names=names.cohorts)
        return self._kept(("overlaps", day, only_different_commissioners, area), work_out)

    def headlines(self, today: dt.date | None = None) -> Headlines:
        """The commissioner's whole-area headlines, kept until the map changes."""
        day = _today(today)
        return self._kept(("headlines", day), lambda: headlines.run(
            self.graph, day, disclosure=self.disclosure,
            renewal_gap_days=self.settings.renewal_gap_days))

    def orphans(self, today: dt.date | None = None, months: int = 6, under_ratio: float = 0.5,
                min_share: float = 0.5, contact: bool = True) -> OrphansResult:
        day = _today(today)
        return self._kept(("orphans", day, months, under_ratio, min_share, contact),
                          lambda: orphans.run(self.graph, day, months, under_ratio, min_share,
                                              disclosure=self.disclosure, contact=contact,
                                              renewal_gap_days=self.settings.renewal_gap_days))

    def contracts(self, today: dt.date | None = None, months: int = 12,
                  area_id: str | None = None) -> ContractsResult:
        """The contracts timeline; renewals as ECOSYSTEM_RENEWAL_GAP_DAYS says."""
        day, area = _today(today), area_id or None
        return self._kept(("contracts", day, months, area), lambda: contracts.run(
            self.graph, day, months, area, renewal_gap_days=self.settings.renewal_gap_days))

    def coverage(self, area_id: str, today: dt.date | None = None) -> CoverageResult:
        day = _today(today)
        return self._kept(("coverage", area_id, day),
                          lambda: coverage.run(self.graph, area_id, day))

    def funding(self, area_id: str | None = None, today: dt.date | None = None
                ) -> FundingResult:
        day = _today(today)
        return self._kept(("funding", area_id or None, day),
                          lambda: funding.run(self.graph, area_id, day))

    def pathway(self, service_ids: Sequence[str], bed_day_cost: float | None = None,
                bed_steps: int = 1, target_days: int = 0,
                today: dt.date | None = None) -> PathwayResult:
        """`bed_day_cost` None: the setting (ECOSYSTEM_BED_DAY_COST)."""
        cost = self.settings.bed_day_cost if bed_day_cost is None else bed_day_cost
        ids, day = tuple(service_ids), _today(today)
        return self._kept(("pathway", ids, cost, bed_steps, target_days, day), lambda: (
            pathway.run(self.graph, ids, bed_day_cost=cost, bed_steps=bed_steps,
                        target_days=target_days, disclosure=self.disclosure, today=day)))

    def pathway_suggestions(self, limit: int = 5) -> tuple[Chain, ...]:
        """The most travelled chains of services in people's journeys (for the form)."""
        return self._kept(("pathway_suggestions", limit), lambda: pathway.suggest(
            self.graph, disclosure=self.disclosure, limit=limit))

    def what_if(self, services: Sequence[str] = (), commissioner: str | None = None,
                today: dt.date | None = None, under_ratio: float = 0.5) -> WhatIfResult:
        return whatif.run(self.graph, services, commissioner, _today(today), under_ratio,
                          disclosure=self.disclosure)

    def outcomes(self, area_id: str | None = None, today: dt.date | None = None
                 ) -> OutcomesResult:
        """Outcomes and cost per outcome per service, model of support and life domain;
        LookupError for an area the map does not hold."""
        day, area = _today(today), area_id or None

        def work_out() -> OutcomesResult:  # a LookupError is raised, not kept
            if area and area not in {a.id for a in choices.areas(self.graph)}:
                raise LookupError(f"no area with id {area!r} in the map")
            return outcomes.run(self.graph, day, area, disclosure=self.disclosure)
        return self._kept(("outcomes", day, area), work_out)
