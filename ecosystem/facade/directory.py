"""The directory, the forms' choices and the key worker's reads, as methods."""

from __future__ import annotations

from collections.abc import Iterable

from ecosystem.analyses.options import OptionsResult
from ecosystem.db.graph import Graph
from ecosystem.directory import choices, pages
from ecosystem.directory.choices import Choice, Names
from ecosystem.directory.pages import (
    DomainCount,
    EntityDetail,
    FilterOption,
    MapGroups,
    Network,
    SearchHit,
    ServiceListing,
    Summary,
)
from ecosystem.keyworker import caseload
from ecosystem.keyworker.caseload import AreaChoice, CaseloadPerson, ServiceChoice

Filters = dict[str, str | None]


class Directory:
    graph: Graph

    # --- The directory and the map -------------------------------------------------------

    def summary(self) -> Summary:
        return pages.summary(self.graph)

    def counts_by_domain(self, area_id: str | None = None) -> list[DomainCount]:
        return pages.counts_by_domain(self.graph, area_id)

    def service_list(self, filters: Filters | None = None) -> list[ServiceListing]:
        """The services list: filters are `pages.LIST_FILTERS` -> id (None: any)."""
        return pages.service_list(self.graph, filters)

    def service_list_options(self) -> dict[str, list[FilterOption]]:
        return pages.list_filter_options(self.graph)

    def map_filter_options(self) -> dict[str, list[FilterOption]]:
        return pages.map_filter_options(self.graph)

    def map_network(self, filters: Filters | None = None) -> Network:
        return pages.map_network(self.graph, filters)

    def map_groups(self, filters: Filters | None = None, group_by: str = "area") -> MapGroups:
        return pages.map_groups(self.graph, filters, group_by)

    def entity(self, kind: str, id: str) -> EntityDetail | None:
        """A directory page: kind is one of `ecosystem.directory.pages.ENTITY_KINDS`."""
        return pages.detail(self.graph, kind, id)

    def search(self, text: str, limit: int = 50, filters: Filters | None = None
               ) -> list[SearchHit]:
        """Ranked hits; filters are `pages.SEARCH_FILTERS` -> id (None: any)."""
        return pages.search(self.graph, text, limit, filters)

    # --- Choices on the forms ------------------------------------------------------------

    def area_choices(self) -> list[Choice]:
        return choices.areas(self.graph)

    def service_choices(self, area_id: str | None = None) -> list[Choice]:
        return choices.services(self.graph, area_id)

    def commissioner_choices(self) -> list[Choice]:
        return choices.commissioners(self.graph)

    def names(self) -> Names:
        return choices.names(self.graph)

    # --- The key worker ------------------------------------------------------------------

    def client_areas(self) -> list[AreaChoice]:
        return caseload.areas(self.graph)

    def client_services(self) -> list[ServiceChoice]:
        return caseload.services(self.graph)

    def caseload(self, owner: str | None, limit: int | None = None, need: str | None = None,
                 area_id: str | None = None) -> list[CaseloadPerson]:
        """`limit` None: the feature's own default (CASELOAD_LIMIT)."""
        if limit is None:
            return caseload.caseload(self.graph, owner, need=need, area_id=area_id)
        return caseload.caseload(self.graph, owner, limit, need, area_id)

    def caseload_size(self, owner: str | None, need: str | None = None,
                      area_id: str | None = None) -> int:
        return caseload.caseload_size(self.graph, owner, need, area_id)

    def key_worker_of(self, person_id: str) -> str | None:
        """The username of the person's key worker (None: no such person, or none)."""
        return caseload.key_worker_of(self.graph, person_id)

    def route_network(self, result: OptionsResult, only: Iterable[str] | None = None
                      ) -> Network:
        return caseload.route_network(self.graph, result, only)
